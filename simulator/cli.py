"""The `callin` command: parse arguments, call the stages, choose an output format.

Start-up stays fast: this module imports only the standard library, and each
command imports what it needs when it runs.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn, TextIO

from simulator import __version__

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 70


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors say how to get help and exit with 2."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n"
                              f"    hint: `{self.prog} --help` lists what it takes\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="callin", description="Practise calling in, from either side.")
    parser.add_argument("--version", action="version", version=f"callin {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    validate = commands.add_parser(
        "validate", help="check scenarios and print every problem found",
        description="Check story files, scenario folders or bundled scenario ids.")
    validate.add_argument("paths", nargs="+", metavar="PATH",
                          help="a story file, a scenario folder, a folder of scenarios, "
                               "or a bundled scenario id")
    validate.add_argument("--strict", action="store_true", help="fail on warnings too")
    validate.add_argument("--format", choices=("text", "json", "github"), default="text",
                          help="output format (default: text)")
    validate.add_argument("--no-hints", action="store_true",
                          help="print only the diagnostic lines (text format)")
    validate.set_defaults(run=_run_validate)

    analyze = commands.add_parser(
        "analyze", help="label an utterance (or many) with the evidence for each label",
        description="Label what someone says with callin's utterance labels: `callin analyze "
                    "--labels` lists them, and docs/labels.md in callin's source explains each "
                    "one with examples and the rules for hard cases.")
    analyze.add_argument("text", nargs="*", help="the utterance to read")
    analyze.add_argument("--jsonl", metavar="FILE", help="read one utterance per line (plain "
                         "text or {\"text\": ...}) from FILE, or - for standard input; write "
                         "one JSON object per line")
    analyze.add_argument("--side", choices=("calling-in", "called-in"),
                         help="who says it: the one raising it, or the one hearing it (for "
                              "a model trained with it; the bundled one reads the words "
                              "alone, as that read best)")
    analyze.add_argument("--previous", metavar="LINE",
                         help="the line it answers (likewise)")
    analyze.add_argument("--labels", action="store_true",
                         help="list the labels and what each means, then stop")
    analyze.set_defaults(run=_run_analyze)

    score = commands.add_parser("score", help="score a saved session",
                                description="Score a saved transcript, from the transcript alone.")
    score.add_argument("transcript", help="a transcript (.json) saved by a session")
    score.add_argument("--json", action="store_true", help="print the report as JSON")
    score.add_argument("--data-dir", metavar="DIR",
                       help="the data folder whose saved sessions to point to when the "
                            "transcript is not found (default: your user data folder)")
    score.set_defaults(run=_run_score)

    test = commands.add_parser(
        "test", help="play a scenario automatically: random, exhaustive, or its plans",
        description="Test scenarios by playing them: random runs (default), every reachable "
                    "state (--exhaustive), the golden play-throughs in plans/ (--plans), or "
                    "each reply's example phrasings typed into the free-text router (--free).")
    test.add_argument("paths", nargs="+", metavar="STORY")
    how = test.add_mutually_exclusive_group()
    how.add_argument("--exhaustive", action="store_true", help="take every choice at least once")
    how.add_argument("--plans", action="store_true", help="run the scenario's plans/*.plan")
    how.add_argument("--free", action="store_true",
                     help="type each reply's `also:` phrasings into the free-text router: "
                          "how many reach their reply, which are confused")
    test.add_argument("--runs", type=_positive, default=10_000,
                      help="random runs per role and difficulty (default 10000)")
    test.add_argument("--seed", type=int, default=1, help="the first seed (default 1)")
    test.add_argument("--role", action="append", help="only this role (repeatable)")
    test.add_argument("--difficulty", action="append", help="only this difficulty (repeatable)")
    test.add_argument("--json", action="store_true", help="print the report as JSON")
    test.set_defaults(run=_run_test)

    listing = commands.add_parser("list", help="list the bundled scenarios")
    listing.set_defaults(run=_run_list)
    from simulator import graph_cli  # graph, review (stdlib-only at import)
    graph_cli.add_commands(commands)
    from simulator import play_cli  # play, progress, decide (stdlib-only at import)
    play_cli.add_commands(commands)
    from simulator import history_cli  # history, show (stdlib-only at import)
    history_cli.add_commands(commands, play_cli.common_options)
    return parser


def _run_validate(args: argparse.Namespace, out: TextIO) -> int:
    from simulator.validate import run_validate

    return run_validate(args.paths, strict=args.strict, output=args.format,
                        hints=not args.no_hints, out=out)


def _run_analyze(args: argparse.Namespace, out: TextIO) -> int:
    if args.labels:
        from simulator.labels import LABELS

        for label, meaning in LABELS.items():
            print(f"{label:<18} the speaker {meaning}", file=out)
        print("\nExamples and the rules for hard cases: docs/labels.md in callin's source.",
              file=out)
        return EXIT_OK
    from simulator.analyze_cli import run_analyze

    if args.jsonl not in (None, "-"):
        from simulator.files import FileProblem, read_text

        try:  # checked here, before the analyzer streams it: capped, regular, UTF-8
            read_text(args.jsonl)
        except FileProblem as problem:
            print(f"{problem.location}: error {problem.message}"
                  + (f"\n    hint: {problem.hint}" if problem.hint else ""), file=sys.stderr)
            return EXIT_PROBLEMS
    return run_analyze(args.text, args.jsonl, out, side=args.side, previous=args.previous)


def _run_score(args: argparse.Namespace, out: TextIO) -> int:
    import json

    from simulator.score import report_text, score
    from simulator.sessions import story_of
    from simulator.transcript import TranscriptError, load

    try:
        transcript = load(args.transcript)
    except TranscriptError as error:
        if error.missing:
            from simulator.progress import data_dir, sessions_folder

            error.hint = (f"sessions are saved in {sessions_folder(data_dir(args.data_dir))}; "
                          "give the path of one of its .json files (`callin history` lists "
                          "them)")
        print(error, file=sys.stderr)
        return EXIT_PROBLEMS
    report = score(transcript, story_of(transcript.scenario))
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False), file=out)
    else:
        print(report_text(report), file=out)
    return EXIT_OK


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("give at least 1")
    return value


def _run_test(args: argparse.Namespace, out: TextIO) -> int:
    from simulator.playtest_cli import run_test
    from simulator.status import Status

    mode = ("exhaustive" if args.exhaustive else "plans" if args.plans
            else "free" if args.free else "random")
    return run_test(args.paths, mode=mode, runs=args.runs, seed=args.seed, roles=args.role,
                    difficulties=args.difficulty, as_json=args.json, out=out,
                    status=Status(sys.stderr))


def _run_list(args: argparse.Namespace, out: TextIO) -> int:
    """Each bundled scenario's id and title, then the sides it can be played from."""
    from simulator.build import load_story
    from simulator.stories import bundled_ids, bundled_root

    for story_id in bundled_ids():
        story, _ = load_story(bundled_root() / story_id)
        print(f"{story_id:<16}{story.title if story else '(does not load: callin validate)'}",
              file=out)
        for role_id, role in (story.roles if story else {}).items():
            print(f"  --role {role_id:<10}{role.title}", file=out)
    return EXIT_OK


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    run: Callable[[argparse.Namespace, TextIO], int] | None = getattr(args, "run", None)
    if run is None and out is None and sys.stdin.isatty() and sys.stdout.isatty():
        from simulator.play_cli import run_menu as run  # no arguments, on a terminal: the menu
    if run is None:
        parser.print_help(out or sys.stdout)
        return EXIT_OK
    from simulator.files import shown
    from simulator.safety import printable_stream

    # Story and transcript text reaches these streams: no control sequences.
    stderr, sys.stderr = sys.stderr, printable_stream(sys.stderr)
    try:
        return run(args, printable_stream(out or sys.stdout))
    except KeyboardInterrupt:
        print("\ncallin: stopped.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `callin validate ... | head`
        return EXIT_OK
    except OSError as error:  # a folder we may not enter, a disk that fails...
        where = f"{shown(error.filename)}: " if error.filename else ""
        print(f"callin: {where}{error.strerror or error}\n    hint: check that the file or "
              "folder exists and that you may read it (and enter the folders on its way)",
              file=sys.stderr)
        return EXIT_PROBLEMS
    except Exception as error:  # the last guard: a bug must not print a traceback at a user
        if os.environ.get("CALLIN_DEBUG"):
            raise
        print(f"callin: internal error: {type(error).__name__}: {error}\n"
              "    hint: this is a bug in callin; run again with CALLIN_DEBUG=1 to see "
              "where it happened, and report it", file=sys.stderr)
        return EXIT_INTERNAL
    finally:
        sys.stderr = stderr


if __name__ == "__main__":
    raise SystemExit(main())
