"""`callin graph` and `callin review`: the story's shape for trainers and reviewers.

Imports only the standard library at the top, so `callin` starts fast; the
graph, rendering and review modules load when a command runs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

GRAPHS_FOLDER = "graphs"
GRAPH_FORMATS = ("svg", "png", "pdf", "dot")


def add_commands(commands: Any) -> None:
    graph = commands.add_parser(
        "graph", help="draw a scenario as a graph (Graphviz)",
        description="Draw a scenario's nodes and choices with Graphviz. With --all, redraw "
                    "the bundled graphs in stories/graphs/; with --check, fail when one is "
                    "stale.")
    graph.add_argument("story", nargs="?", help="a story file, scenario folder or bundled id")
    graph.add_argument("--role", help="only what this role can reach")
    graph.add_argument("--format", choices=GRAPH_FORMATS,
                       help="svg, png, pdf or dot (default: from -o's extension, else svg)")
    graph.add_argument("-o", "--output", metavar="FILE",
                       help="where to write, in the format its extension names "
                            "(default: STORY[-ROLE].FORMAT here; dot: stdout)")
    graph.add_argument("--transcript", metavar="T", help="draw the path a saved session took")
    graph.add_argument("--coverage", metavar="FILE",
                       help="shade by how often random play reached each part "
                            "(the JSON of `callin test --json`)")
    graph.add_argument("--focus", metavar="NODE", help="draw only this node's neighbourhood")
    graph.add_argument("--depth", type=int, default=2, help="choices away from --focus (2)")
    graph.add_argument("--overview", action="store_true",
                       help="draw the shape only, on one screen: node ids, the endings, the "
                            "main path to the best ending and the loops")
    how = graph.add_mutually_exclusive_group()
    how.add_argument("--all", action="store_true", help="redraw every bundled graph")
    how.add_argument("--check", action="store_true", help="exit 1 if a bundled graph is stale")
    graph.set_defaults(run=_run_graph)

    review = commands.add_parser(
        "review", help="write one self-contained HTML page to review a scenario",
        description="Each role's graph, fitted, with zoom, pan, search and an overview; a "
                    "clicked node's lines and choices with everything authored on them; the "
                    "role's briefing, difficulties, rubric, endings and free-mode reactions; "
                    "validate's diagnostics linked to their nodes; with --coverage, the "
                    "coverage and score ranges of `callin test`. One HTML file, no network use.")
    review.add_argument("story", help="a story file, scenario folder or bundled id")
    review.add_argument("-o", "--output", metavar="FILE", default="review.html")
    review.add_argument("--role", help="the role whose graph the page opens on (default: the "
                                       "first)")
    review.add_argument("--coverage", metavar="FILE",
                        help="show how often random play reached each part, and the score "
                             "range per ending (the JSON of `callin test --json`)")
    review.set_defaults(run=_run_review)


def _fail(message: str, hint: str) -> int:
    print(f"callin: {message}\n    hint: {hint}", file=sys.stderr)
    return 1


def _load(argument: str, checked: bool = False) -> tuple[Any, list[Any]] | None:
    """The story and its diagnostics (all of validate's when `checked`), or None
    after saying why it cannot be drawn."""
    from simulator.build import load_story
    from simulator.check import validate
    from simulator.diagnostics import format_text
    from simulator.stories import NotFound, resolve

    try:
        target = resolve(argument)[0]
    except NotFound as missing:
        print(f"{argument}: error CI100 {missing.message}\n    hint: `callin list` shows the "
              "bundled scenarios", file=sys.stderr)
        return None
    story, found = (validate if checked else load_story)(target.scenario)
    if story is None:
        print(format_text(found), file=sys.stderr)
        return None
    return story, found


def _run_graph(args: argparse.Namespace, out: TextIO) -> int:
    if args.all or args.check:
        return _bundled(check=args.check, out=out)
    if not args.story:
        return _fail("graph needs a STORY (or --all / --check)", "callin graph tutorial")
    fmt = _graph_format(args.format, args.output)
    if fmt is None:
        return 1
    loaded = _load(args.story)
    if loaded is None:
        return 1
    story, found = loaded
    from simulator.diagnostics import did_you_mean, has_errors
    from simulator.graph import drawn
    from simulator.render import RenderError
    from simulator.safety import file_stem

    if _unknown_role(story, args.role):
        return 1
    if args.overview and (args.transcript or args.coverage or args.focus):
        return _fail("--overview draws the shape only, without --transcript, --coverage "
                     "or --focus", "drop --overview to draw those over the full graph")
    if args.focus is not None and args.focus not in story.nodes:
        return _fail(f"no node '{args.focus}' in '{story.id}'"
                     f"{did_you_mean(args.focus, story.nodes)}", "give a node id of the story")
    overlay = _overlay(args)
    if overlay is None:
        return 1
    if has_errors(found):
        print(f"callin: '{story.id}' has errors; drawing what can be drawn (broken parts in "
              "red)\n    hint: `callin validate` lists them", file=sys.stderr)
    try:
        data = drawn(_dot(story, args.role, overlay, args.overview), fmt)
    except RenderError as error:
        return _fail(str(error), "or use --format dot")
    if args.output is None and fmt == "dot":
        out.write(data.decode("utf-8"))
        return 0
    stem = file_stem(story.id, args.role or "") + ("-overview" if args.overview else "")
    target = Path(args.output or f"{stem}.{fmt}")
    try:
        target.write_bytes(data)
    except OSError as error:
        return _fail(f"cannot write {target}: {error.strerror or error}", "choose another -o")
    print(f"wrote {target}", file=out)
    return 0


def _dot(story: Any, role: str | None, overlay: Any, overview: bool) -> str:
    """The full graph with its overlays, or the overview (which has none)."""
    if overview:
        from simulator.overview import overview_dot

        return overview_dot(story, role)
    from simulator.graph import story_dot

    return story_dot(story, role, overlay)


def _unknown_role(story: Any, role: str | None) -> bool:
    """True, after saying so, when `role` is given and not one of the story's."""
    from simulator.diagnostics import did_you_mean

    if role is None or role in story.roles:
        return False
    _fail(f"no role '{role}' in '{story.id}'{did_you_mean(role, story.roles)}",
          f"roles: {', '.join(story.roles)}")
    return True


def _graph_format(asked: str | None, output: str | None) -> str | None:
    """The format to draw in: --format, else -o's extension, else svg. A file named
    for one format is never written in another (None, after saying so)."""
    extension = Path(output).suffix.lower().lstrip(".") if output else ""
    named = extension if extension in GRAPH_FORMATS else None
    if asked and named and asked != named:
        _fail(f"-o {output} names a .{named} file but --format is {asked}",
              f"drop --format (the extension decides), or write to a .{asked} file")
        return None
    if asked is None and output and named is None:
        _fail(f"cannot tell the format of -o {output} from its extension",
              "end the name in .svg, .png, .pdf or .dot, or give --format")
        return None
    return asked or named or "svg"


def _overlay(args: argparse.Namespace) -> Any:
    from simulator.graph import Overlay

    overlay = Overlay(focus=args.focus, depth=max(args.depth, 0))
    if args.transcript:
        from simulator.transcript import TranscriptError
        from simulator.transcript import load as load_transcript

        try:
            transcript = load_transcript(args.transcript)
        except TranscriptError as error:
            print(error, file=sys.stderr)
            return None
        overlay.path = [t.choice for t in transcript.turns if t.by_learner and t.choice]
    if args.coverage:
        report = _coverage(args.coverage, None)
        if report is None:
            return None
        overlay.node_coverage = report["coverage"]["nodes"]
        overlay.choice_coverage = report["coverage"]["choices"]
    return overlay


def _coverage(path: str, story_id: str | None) -> dict[str, Any] | None:
    """The report of `callin test --json` in `path` (the one for `story_id` when it
    holds several), its shares checked; None after saying what is wrong."""
    from simulator.files import FileProblem, read_text

    try:
        found = json.loads(read_text(path))
        reports = found if isinstance(found, list) else [found]
        report = next((r for r in reports if story_id in (None, r.get("scenario"))), None)
        if report is None:
            _fail(f"{path} has no report for '{story_id}'",
                  f"make one with: callin test {story_id} --json > coverage.json")
            return None
        for kind in ("nodes", "choices", "endings"):
            if kind != "endings" or kind in report["coverage"]:
                report["coverage"][kind] = _shares(report["coverage"][kind])
        _check_endings(report.get("endings", {}))
        if not all(isinstance(ids, list) and all(isinstance(i, str) for i in ids)
                   for ids in dict(report.get("unreached", {})).values()):
            raise ValueError("unreached: lists of ids")
    except FileProblem as problem:
        _fail(f"{problem.location}: {problem.message}", problem.hint or "give a file")
        return None
    except (ValueError, KeyError, TypeError, AttributeError):
        _fail(f"{path} is not the JSON of `callin test --json`",
              "make one with: callin test STORY --json > coverage.json")
        return None
    return dict(report)


def _check_endings(endings: Any) -> None:
    """ValueError unless each ending's share, scores and shortest run look like
    `callin test --json`'s (the review page prints them)."""
    number = (int, float)
    for ending in dict(endings).values():
        score = ending.get("score")
        if not (isinstance(ending.get("share", 0), number)
                and (score is None or all(isinstance(score.get(k), number)
                                          for k in ("min", "mean", "max")))
                and isinstance(ending.get("shortest") or [], list)):
            raise ValueError("an ending's share, score or shortest run is malformed")


def _shares(raw: Any) -> dict[str, float]:
    """Coverage shares by id: numbers from 0 to 1, else ValueError."""
    shares = dict(raw)
    if not all(isinstance(k, str) and isinstance(v, (int, float)) and not isinstance(v, bool)
               and 0 <= v <= 1 for k, v in shares.items()):
        raise ValueError("a coverage share is not a number from 0 to 1")
    return {k: float(v) for k, v in shares.items()}


def bundled_graphs() -> dict[Path, bytes]:
    """Every bundled scenario and role, rendered as it would be now: the full
    graph and the overview."""
    from simulator.build import load_story
    from simulator.graph import Overlay, drawn
    from simulator.stories import bundled_ids, bundled_root

    root = bundled_root()
    graphs: dict[Path, bytes] = {}
    for story_id in bundled_ids():
        story, _ = load_story(root / story_id)
        if story is None:
            continue
        for role in story.roles:
            for suffix, overview in (("", False), ("-overview", True)):
                graphs[root / GRAPHS_FOLDER / f"{story_id}-{role}{suffix}.svg"] = drawn(
                    _dot(story, role, Overlay(), overview), "svg")
    return graphs


def _bundled(*, check: bool, out: TextIO) -> int:
    from simulator.render import RenderError
    from simulator.stories import bundled_root

    try:
        graphs = bundled_graphs()
    except RenderError as error:
        return _fail(str(error), "the bundled graphs are SVG, which needs `dot`")
    folder = bundled_root() / GRAPHS_FOLDER
    if check:
        stale = sorted(str(p) for p, data in graphs.items()
                       if not p.exists() or p.read_bytes() != data)
        extra = sorted(str(p) for p in folder.glob("*.svg") if p not in graphs)
        for path in stale:
            print(f"{path}: stale (the story changed since it was drawn)", file=out)
        for path in extra:
            print(f"{path}: no bundled scenario role draws this any more", file=out)
        if stale or extra:
            print("    hint: redraw them with `callin graph --all`", file=out)
            return 1
        print(f"{len(graphs)} bundled graphs are up to date", file=out)
        return 0
    folder.mkdir(parents=True, exist_ok=True)
    for drawn, data in graphs.items():
        drawn.write_bytes(data)
        print(f"wrote {drawn}", file=out)
    return 0


def _run_review(args: argparse.Namespace, out: TextIO) -> int:
    loaded = _load(args.story, checked=True)
    if loaded is None:
        return 1
    story, found = loaded
    from simulator.render import RenderError
    from simulator.review import review_html

    if _unknown_role(story, args.role):
        return 1
    coverage = _coverage(args.coverage, story.id) if args.coverage else None
    if args.coverage and coverage is None:
        return 1
    try:
        page = review_html(story, found, coverage, args.role)
    except RenderError as error:
        return _fail(str(error), "the review page draws its graph with `dot`")
    try:
        Path(args.output).write_text(page, encoding="utf-8")
    except OSError as error:
        return _fail(f"cannot write {args.output}: {error.strerror or error}", "choose another -o")
    print(f"wrote {args.output}", file=out)
    return 0
