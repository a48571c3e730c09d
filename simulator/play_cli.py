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
    from simulator.model import Story
    from simulator.sessions import Saved
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
                      help="continue an unfinished session (of STORY, if given): on a "
                           "terminal you choose which when there are several; otherwise "
                           "(a script) the most recently saved")
    common_options(play)
    play.set_defaults(run=run_play)

    progress = commands.add_parser(
        "progress", help="your finished sessions: attempts, scores over time, skills to work on",
        description="Show (or export) the sessions you have finished.")
    progress.add_argument("--export", choices=("csv", "json"),
                          help="print every finished session as CSV or JSON instead")
    common_options(progress)
    progress.set_defaults(run=run_progress)

    decide = commands.add_parser(
        "decide", help="call in, call out, or not now? a few questions, then a suggestion",
        description="Answer a few questions about a situation and get a suggestion (call in, "
                    "call out, wait, or find an ally) with its reasons, and a scenario to "
                    "practise it. Answers can come from standard input (one a line).")
    decide.add_argument("--coach", action="store_true", help="coaching notes when practising")
    common_options(decide)
    decide.set_defaults(run=run_decide)


def common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--plain", action="store_true",
                        help="no colour or cursor movement, one line at a time (also when "
                             "output is not a terminal; NO_COLOR keeps the full screen, "
                             "without colour)")
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
        ui = _ui(args, out)
        scenario = _decide(ui)
        if scenario is None:
            return EXIT_OK
        return _start(ui, args, scenario, role=None, difficulty=None, mode=None)

    return _guarded(decide)


def run_progress(args: argparse.Namespace, out: TextIO) -> int:
    def show() -> int:
        from simulator import progress
        from simulator.terminal import wants_plain

        found, database = _attempts(args)
        if args.export:
            print(progress.export(found, args.export), file=out)
        else:
            plain = wants_plain(args.plain, out)
            print(progress.summary_text(found, database, plain=plain), file=out)
        return EXIT_OK

    return _guarded(show)


def _attempts(args: argparse.Namespace) -> tuple[list[Any], Path]:
    """The finished sessions recorded (any pending ones first), and the database."""
    from simulator import progress

    folder = progress.data_dir(args.data_dir)
    database = progress.database_path(folder)
    progress.catch_up(database, progress.sessions_folder(folder))
    damaged: list[int] = []
    found = progress.attempts(database, damaged) if database.exists() else []
    if damaged:
        print(f"callin: {database}: left out {len(damaged)} damaged record"
              f"{'s' if len(damaged) != 1 else ''} (values of the wrong type)",
              file=sys.stderr)
    return found, database


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
        return _resume(ui, args, _interactive(out))
    if args.story is not None:
        return _start(ui, args, args.story, args.role, args.difficulty, args.mode)
    if _interactive(out):
        return _home(ui, args)
    scenario = menu.choose_scenario(ui)  # a script's answers: the scenario first, as ever
    return EXIT_OK if scenario is None else _start(ui, args, str(scenario), args.role,
                                                   args.difficulty, args.mode)


def _interactive(out: TextIO) -> bool:
    """A person at a terminal (not a script): they can be offered choices."""
    from simulator.terminal import is_terminal

    return is_terminal(sys.stdin) and is_terminal(out)


def _home(ui: UI, args: argparse.Namespace) -> int:
    """The menu on a terminal: a new conversation, carry on one, look back, or decide."""
    from simulator import menu
    from simulator.sessions import unfinished_sessions

    while True:
        sessions, _ = _folders(args)
        waiting = unfinished_sessions(sessions)
        action = menu.choose_action(ui, len(waiting))
        if action is None:
            return EXIT_OK
        if action == menu.RESUME:
            chosen = _choose_unfinished(ui, waiting)
            if chosen is not None:
                return _resume_from(ui, args, chosen)
        elif action == menu.HISTORY:
            _look_back(ui, args)
        elif action == menu.PROGRESS:
            _show_progress(ui, args)
        else:
            scenario = _decide(ui) if action == menu.DECIDE else menu.choose_scenario(ui)
            if scenario is not None:
                return _start(ui, args, str(scenario), args.role, args.difficulty, args.mode)


def _decide(ui: UI) -> str | None:
    from simulator import decide_ui
    from simulator.stories import bundled_ids

    return decide_ui.run(ui, bundled_ids())


def _look_back(ui: UI, args: argparse.Namespace) -> None:
    """The history, then one session in full, if the learner picks one."""
    from simulator import menu
    from simulator.history_cli import history_text, show_in, shown_session
    from simulator.sessions import saved_sessions

    sessions, database = _folders(args)
    found = saved_sessions(sessions, database)
    with ui.paged():
        ui.block(history_text(found, sessions))
    if found:
        chosen = menu.choose_session(ui, "Which conversation would you like to see? (quit: "
                                     "back to the menu)", found)
        if chosen is not None:
            show_in(ui, shown_session(chosen))


def _show_progress(ui: UI, args: argparse.Namespace) -> None:
    from simulator.progress import summary_text

    found, database = _attempts(args)
    with ui.paged():
        ui.block(summary_text(found, database, plain=ui.plain))


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


def _resume(ui: UI, args: argparse.Namespace, interactive: bool) -> int:
    """The latest unfinished session; on a terminal with several, the one the learner picks."""
    from simulator import player
    from simulator.sessions import unfinished_sessions
    from simulator.transcript import TranscriptError

    sessions, _ = _folders(args)
    story = player.load_scenario(args.story) if args.story else None
    unreadable: list[TranscriptError] = []
    waiting = unfinished_sessions(sessions, story.id if story else None, unreadable)
    for error in unreadable:  # newer than the one resumed: the learner may have meant it
        print(f"callin: skipped a session that cannot be read: {error}", file=sys.stderr)
    if not waiting:
        which = f" of '{story.id}'" if story else ""
        raise player.PlayError(f"no unfinished session{which} to resume in {sessions}",
                               "start one with `callin play tutorial`")
    chosen = _choose_unfinished(ui, waiting) if interactive else waiting[0]
    return EXIT_OK if chosen is None else _resume_from(ui, args, chosen, story)


def _choose_unfinished(ui: UI, waiting: list[Saved]) -> Saved | None:
    from simulator import menu

    if len(waiting) == 1:
        return waiting[0]
    return menu.choose_session(ui, "Which conversation would you like to carry on?", waiting)


def _resume_from(ui: UI, args: argparse.Namespace, chosen: Saved,
                 story: Story | None = None) -> int:
    from simulator import player
    from simulator.menu import Setup
    from simulator.stories import bundled_ids

    sessions, database = _folders(args)
    saved = chosen.transcript
    assert saved is not None  # only sessions that can be read are offered
    if story is None:
        if saved.scenario not in bundled_ids():
            raise player.PlayError(
                f"{chosen.path}: this unfinished session is of '{saved.scenario}', which is "
                "not a bundled scenario", "pass its folder: `callin play FOLDER --resume`")
        story = player.load_scenario(saved.scenario)
    setup = Setup(saved.role, saved.difficulty, saved.mode)
    return player.play(ui, story, setup, sessions, database, coach=args.coach,
                       resume_from=chosen.path, confirm=args.confirm)
