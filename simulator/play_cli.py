"""`callin play`, `callin progress` and `callin decide`: arguments, then the stages.

Only argparse and the standard library are imported here; rich, prompt-toolkit
and the engine are imported when a command runs, so `callin --version` stays fast.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from simulator.terminal import UI

EXIT_OK, EXIT_PROBLEMS = 0, 1


def add_commands(commands: argparse._SubParsersAction[Any]) -> None:
    play = commands.add_parser(
        "play", help="play a scenario in the terminal, from either side",
        description="Play a conversation: a briefing, the talk itself, then your report. "
                    "Whatever is not given on the command line is asked.")
    play.add_argument("story", nargs="?", metavar="STORY",
                      help="a bundled scenario id, a scenario folder or a story file")
    play.add_argument("--role", help="the side to play (a role id of the story)")
    play.add_argument("--difficulty", help="a difficulty id of the story (e.g. gentle, tough)")
    play.add_argument("--mode", choices=("choice", "free"),
                      help="choose replies from a list, or type your own words")
    play.add_argument("--coach", action="store_true", help="a coaching note after each move")
    play.add_argument("--confirm", choices=("unsure", "never", "always"), default="unsure",
                      help="free mode: when your words fit no reply clearly, ask which you "
                           "meant (unsure, the default); never ask, and the other person "
                           "asks you to say more (never); or ask before every reply (always)")
    play.add_argument("--resume", action="store_true",
                      help="continue your last unfinished session (of STORY, if given)")
    _common(play)
    play.set_defaults(run=run_play)

    progress = commands.add_parser(
        "progress", help="your finished sessions: attempts, scores over time, skills to work on",
        description="Show (or export) the sessions you have finished.")
    progress.add_argument("--export", choices=("csv", "json"),
                          help="print every finished session as CSV or JSON instead")
    _common(progress)
    progress.set_defaults(run=run_progress)

    decide = commands.add_parser(
        "decide", help="call in, call out, or not now? a few questions, then a suggestion",
        description="Answer a few questions about a situation and get a suggestion (call in, "
                    "call out, wait, or find an ally) with its reasons, and a scenario to "
                    "practise it. Answers can come from standard input (one a line).")
    decide.add_argument("--coach", action="store_true", help="coaching notes when practising")
    _common(decide)
    decide.set_defaults(run=run_decide)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--plain", action="store_true",
                        help="no colour or cursor movement, one line at a time (also when "
                             "NO_COLOR is set or output is not a terminal)")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="where sessions and progress are kept (default: your user data "
                             "folder, or $CALLIN_DATA_DIR)")


def run_play(args: argparse.Namespace, out: TextIO) -> int:
    return _guarded(lambda: _play(args, out))


def run_menu(args: argparse.Namespace, out: TextIO) -> int:
    """`callin` with no arguments, on a terminal: the menu, then play."""
    defaults = argparse.Namespace(story=None, role=None, difficulty=None, mode=None,
                                  coach=False, resume=False, plain=False, data_dir=None,
                                  confirm="unsure")
    return run_play(defaults, out)


def run_decide(args: argparse.Namespace, out: TextIO) -> int:
    def decide() -> int:
        from simulator import decide_ui
        from simulator.stories import bundled_ids

        ui = _ui(args, out)
        scenario = decide_ui.run(ui, bundled_ids())
        if scenario is None:
            return EXIT_OK
        return _start(ui, args, scenario, role=None, difficulty=None, mode=None)

    return _guarded(decide)


def run_progress(args: argparse.Namespace, out: TextIO) -> int:
    def show() -> int:
        from simulator import progress
        from simulator.terminal import wants_plain

        folder = progress.data_dir(args.data_dir)
        database = progress.database_path(folder)
        progress.catch_up(database, progress.sessions_folder(folder))
        damaged: list[int] = []
        found = progress.attempts(database, damaged) if database.exists() else []
        if damaged:
            print(f"callin: {database}: left out {len(damaged)} damaged record"
                  f"{'s' if len(damaged) != 1 else ''} (values of the wrong type)",
                  file=sys.stderr)
        if args.export:
            print(progress.export(found, args.export), file=out)
        else:
            plain = wants_plain(args.plain, out)
            print(progress.summary_text(found, database, plain=plain), file=out)
        return EXIT_OK

    return _guarded(show)


# Play ------------------------------------------------------------------------------------------


def _guarded(run: Any) -> int:
    """Run a command; problems with the learner's input print as `callin: ...` + hint."""
    from simulator.player import PlayError
    from simulator.progress import ProgressError
    from simulator.transcript import TranscriptError

    try:
        return int(run())
    except (PlayError, ProgressError, TranscriptError) as problem:
        print(problem, file=sys.stderr)
        return EXIT_PROBLEMS


def _ui(args: argparse.Namespace, out: TextIO) -> UI:
    from simulator.terminal import make_ui, wants_plain

    return make_ui(wants_plain(args.plain, out), out)


def _play(args: argparse.Namespace, out: TextIO) -> int:
    from simulator import menu

    ui = _ui(args, out)
    if args.resume:
        return _resume(ui, args)
    story_arg = args.story
    if story_arg is None:
        scenario = menu.choose_scenario(ui)
        if scenario is None:
            return EXIT_OK
        story_arg = str(scenario)
    return _start(ui, args, story_arg, args.role, args.difficulty, args.mode)


def _folders(args: argparse.Namespace) -> tuple[Path, Path]:
    """The sessions folder (created) and the progress database."""
    from simulator import progress

    folder = progress.data_dir(args.data_dir)
    sessions = progress.sessions_folder(folder)
    progress.ensure_folder(sessions)
    database = progress.database_path(folder)
    progress.catch_up(database, sessions)
    return sessions, database


def _start(ui: UI, args: argparse.Namespace, story_arg: str, role: str | None,
           difficulty: str | None, mode: str | None) -> int:
    from simulator import menu, player

    sessions, database = _folders(args)
    story = player.load_scenario(story_arg)
    player.check_setup(story, role, difficulty)
    setup = menu.choose_setup(ui, story, role, difficulty, mode)
    if setup is None:
        return EXIT_OK
    return player.play(ui, story, setup, sessions, database, coach=args.coach,
                       confirm=getattr(args, "confirm", "unsure"))


def _resume(ui: UI, args: argparse.Namespace) -> int:
    from simulator import player
    from simulator.menu import Setup
    from simulator.stories import bundled_ids
    from simulator.transcript import TranscriptError, load

    sessions, database = _folders(args)
    story = player.load_scenario(args.story) if args.story else None
    unreadable: list[TranscriptError] = []
    path = player.latest_unfinished(sessions, story.id if story else None, unreadable)
    for error in unreadable:  # newer than the one resumed: the learner may have meant it
        print(f"callin: skipped a session that cannot be read: {error}", file=sys.stderr)
    if path is None:
        which = f" of '{story.id}'" if story else ""
        raise player.PlayError(f"no unfinished session{which} to resume in {sessions}",
                               "start one with `callin play tutorial`")
    saved = load(path)
    if story is None:
        if saved.scenario not in bundled_ids():
            raise player.PlayError(
                f"{path}: the last unfinished session is of '{saved.scenario}', which is not "
                "a bundled scenario", "pass its folder: `callin play FOLDER --resume`")
        story = player.load_scenario(saved.scenario)
    setup = Setup(saved.role, saved.difficulty, saved.mode)
    return player.play(ui, story, setup, sessions, database, coach=args.coach,
                       resume_from=path, confirm=args.confirm)
