"""`callin history` and `callin show`: looking back at past sessions, and keeping one.

Only argparse and the standard library are imported here; the stages are
imported when a command runs, so `callin --version` stays fast.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from simulator.export import Shown
    from simulator.sessions import Saved
    from simulator.terminal import UI

EXIT_OK, EXIT_PROBLEMS = 0, 1


def add_commands(commands: argparse._SubParsersAction[Any], common: Any) -> None:
    history = commands.add_parser(
        "history", help="your past sessions, finished and unfinished, the newest first",
        description="List every saved session, the most recent first: when, scenario, side, "
                    "difficulty, mode, ending and score. Sessions that cannot be read are "
                    "listed too, with what is wrong.")
    history.add_argument("--json", action="store_true", help="print the list as JSON")
    common(history)
    history.set_defaults(run=run_history)

    show = commands.add_parser(
        "show", help="one past session in full: the conversation and its report",
        description="Show a saved session: every turn, numbered as the report numbers them, "
                    "then the report. Or keep it as Markdown or as a web page to share.")
    show.add_argument("session", metavar="SESSION",
                      help="a number from `callin history` (1 is the newest), a session id "
                           "(or its start), or the path of a session file")
    how = show.add_mutually_exclusive_group()
    how.add_argument("--markdown", action="store_true", help="as Markdown")
    how.add_argument("--html", action="store_true",
                     help="as one self-contained web page (no network, no scripts)")
    show.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead")
    common(show)
    show.set_defaults(run=run_show)


def _folders(args: argparse.Namespace) -> tuple[Path, Path]:
    from simulator import progress

    folder = progress.data_dir(args.data_dir)
    return progress.sessions_folder(folder), progress.database_path(folder)


def run_history(args: argparse.Namespace, out: TextIO) -> int:
    import json

    from simulator.sessions import saved_sessions

    folder, database = _folders(args)
    found = saved_sessions(folder, database)
    if args.json:
        print(json.dumps([s.to_dict() for s in found], indent=2, ensure_ascii=False), file=out)
    else:
        print(history_text(found, folder), file=out)
    return EXIT_OK


def history_text(found: list[Saved], folder: Path) -> str:
    """The table `callin history` prints: one line a session, columns as wide as needed."""
    if not found:
        return (f"No sessions yet (they are saved in {folder}).\n"
                "Start one with `callin play tutorial`.")
    rows = [_cells(saved) for saved in found]
    widths = [max(len(row[i]) for row in [_HEADINGS, *rows] if len(row) > 2)
              for i in range(len(_HEADINGS) - 1)]
    lines = [f"Your sessions, the most recent first (saved in {folder})", ""]
    for saved, row in zip([None, *found], [_HEADINGS, *rows], strict=True):
        if saved is not None and saved.transcript is None:  # its number, when, and why
            lines.append(f"{row[0]:>{widths[0]}}  {row[1]:<{widths[1]}}  cannot be read: "
                         f"{saved.problem}")
            continue
        cells = [row[0].rjust(widths[0])] + [c.ljust(w) for c, w in zip(row[1:-2], widths[1:-1],
                                                                        strict=True)]
        lines.append("  ".join([*cells, row[-2].rjust(widths[-1]), row[-1]]))
    lines += ["", "`callin show 1` shows the first in full; `callin play --resume` continues "
                  "an unfinished one."]
    return "\n".join(lines)


_HEADINGS = ["", "when", "scenario", "side", "level", "mode", "score", "ending"]
_SIDE = {"calling-in": "calling in", "called-in": "called in"}


def _cells(saved: Saved) -> list[str]:
    """A session's cells, as the headings; only number and when for one that cannot be read."""
    local = saved.saved.astimezone()
    stamp = local.strftime("%d %b %H:%M" if local.year == datetime.now().year else "%d %b %Y")
    t = saved.transcript
    if t is None:
        return [str(saved.number), stamp]
    score = "-" if saved.score is None else str(saved.score)
    ending = t.ending["title"] if t.ending is not None else (
        f"unfinished, {saved.moves} move{'s' if saved.moves != 1 else ''}")
    return [str(saved.number), stamp, t.scenario, _SIDE.get(t.side, t.side), t.difficulty or "-",
            t.mode, score, ending]


def run_show(args: argparse.Namespace, out: TextIO) -> int:
    from simulator.player import PlayError
    from simulator.sessions import find_session
    from simulator.transcript import TranscriptError

    folder, database = _folders(args)
    try:
        saved = find_session(args.session, folder, database)
    except (PlayError, TranscriptError) as problem:
        print(problem if isinstance(problem, PlayError) else f"callin: {problem}",
              file=sys.stderr)
        return EXIT_PROBLEMS
    if saved.transcript is None:
        print(f"callin: {saved.problem}\n    hint: this session's file is damaged; the others "
              "are fine (`callin history`)", file=sys.stderr)
        return EXIT_PROBLEMS
    shown = shown_session(saved)
    if args.markdown or args.html:
        from simulator.export import as_html, as_markdown

        return _write(as_html(shown) if args.html else as_markdown(shown), args.output, out)
    if args.output:
        from simulator.export import as_text

        return _write(as_text(shown) + "\n", args.output, out)
    from simulator.terminal import make_ui, wants_plain

    show_in(make_ui(wants_plain(args.plain, out), out), shown)
    return EXIT_OK


def shown_session(saved: Saved) -> Shown:
    """A saved session, scored again from its transcript, with its story for names."""
    from simulator.export import Shown
    from simulator.score import score
    from simulator.sessions import story_of

    assert saved.transcript is not None
    story = story_of(saved.transcript.scenario)
    return Shown(saved.transcript, score(saved.transcript, story), story, saved.saved,
                 str(saved.path))


def show_in(ui: UI, shown: Shown) -> None:
    """The session in the learner's UI: a screenful at a time on a terminal."""
    from simulator.export import as_text

    with ui.paged():
        ui.block(as_text(shown))


def _write(text: str, target: str | None, out: TextIO) -> int:
    if target is None or target == "-":
        out.write(text)
        return EXIT_OK
    from simulator.files import shown

    try:
        Path(target).write_text(text, encoding="utf-8")
    except OSError as error:
        print(f"callin: {shown(target)}: cannot write it: {error.strerror or error}\n"
              "    hint: choose a file in a folder you can write to", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"Saved to {shown(target)}", file=out)
    return EXIT_OK
