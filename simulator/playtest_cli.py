"""`callin test STORY...`: random (default), exhaustive, plans or free; text or JSON."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from simulator.check import validate
from simulator.diagnostics import Diagnostic, diagnostic, format_text, has_errors
from simulator.model import Story
from simulator.plans import endings_without_plans, run_plans
from simulator.playtest import exhaustive_test, random_test
from simulator.status import Status
from simulator.stories import NotFound, resolve


def run_test(arguments: list[str], *, mode: str, runs: int, seed: int, roles: list[str] | None,
             difficulties: list[str] | None, as_json: bool, out: TextIO,
             status: Status | None = None) -> int:
    """Test each story; `status` shows how far it is (on a terminal: see `Status`)."""
    failed = False
    reports: list[dict[str, Any]] = []
    found = [story for argument in arguments for story in _stories(argument, status)]
    for number, (scenario, story, problems) in enumerate(found, 1):
        if story is None:
            _print(format_text(problems), out, status)
            failed = True
            continue
        unknown = _unknown_options(story, roles, difficulties)
        if unknown:
            _print(unknown, out, status)
            failed = True
            continue
        where = f"callin test: {story.id} ({number} of {len(found)})"
        _say(status, f"{where}: {mode}…")
        started = time.perf_counter()
        report, bad = _one(story, scenario, mode, runs, seed, roles, difficulties,
                           _counter(status, where))
        report["seconds"] = round(time.perf_counter() - started, 3)
        failed = failed or bad
        reports.append(report)
        if not as_json:
            _print(_text(report), out, status)
    if status is not None:
        status.clear()
    if as_json:
        print(json.dumps(reports[0] if len(reports) == 1 else reports, indent=2), file=out)
    return 1 if failed else 0


def _unknown_options(story: Story, roles: list[str] | None,
                     difficulties: list[str] | None) -> str:
    from simulator.diagnostics import did_you_mean

    for wanted, known, what in ((roles, story.roles, "role"),
                                (difficulties, story.difficulties, "difficulty")):
        for name in wanted or ():
            if name not in known:
                return (f"{story.id}: error no {what} '{name}'{did_you_mean(name, known)}; "
                        f"{what}s: {', '.join(known) or 'none'}")
    return ""


def _say(status: Status | None, text: str) -> None:
    if status is not None:
        status.show(text)


def _print(text: str, out: TextIO, status: Status | None) -> None:
    if status is not None:
        status.clear()  # results on a clean line; the status comes back with the next story
    print(text, file=out)


def _counter(status: Status | None, where: str) -> Callable[[int, int], None] | None:
    if status is None or not status.active:
        return None
    return lambda done, total: status.show(f"{where}: {done:,} of {total:,} random runs")


def _stories(argument: str, status: Status | None = None
             ) -> list[tuple[Path, Story | None, list[Diagnostic]]]:
    _say(status, f"callin test: checking {argument}…")
    try:
        targets = resolve(argument)
    except NotFound as missing:
        return [(Path(argument), None, [diagnostic("CI100", argument, None, missing.message)])]
    out: list[tuple[Path, Story | None, list[Diagnostic]]] = []
    for target in targets:
        story, found = validate(target.scenario)  # all checks: a broken story is not played
        if story is None or has_errors(found):
            out.append((target.scenario, None, [d for d in found if d.is_error]))
        else:
            out.append((target.scenario, story, []))
    return out


def _one(story: Story, scenario: Path, mode: str, runs: int, seed: int,
         roles: list[str] | None, difficulties: list[str] | None,
         progress: Callable[[int, int], None] | None = None) -> tuple[dict[str, Any], bool]:
    if mode == "exhaustive":
        report = exhaustive_test(story, roles, difficulties)
        return report, any(report["unreached"].values()) or not report["complete"]
    if mode == "free":
        from simulator.freetest import free_test

        report = free_test(story, roles)
        return report, any(r["wrong_move"] for r in report["roles"].values())
    if mode == "plans":
        results, problems = run_plans(story, scenario)
        problems += [p for r in results for p in r.problems]
        missing = endings_without_plans(story, results)
        report = {"mode": "plans", "scenario": story.id, "plans": len(results),
                  "passed": sum(r.passed for r in results),
                  "problems": [p.to_dict() for p in sorted(problems + missing)],
                  "endings_without_plans": [d.message for d in missing]}
        return report, has_errors(problems)
    report = random_test(story, runs, seed, roles, difficulties, progress)
    report["problems"] = [_runtime_error(scenario, e).to_dict() for e in report["errors"]]
    return report, bool(report["errors"])


def _runtime_error(scenario: Path, error: dict[str, Any]) -> Diagnostic:
    """CI605 for a random run that crashed, with the command that replays it."""
    setup = f"--role {error['role']}" + (f" --difficulty {error['difficulty']}"
                                         if error["difficulty"] else "")
    return diagnostic("CI605", str(scenario), None,
                      f"random run with seed {error['seed']} failed: {error['error']}",
                      f"replay it: callin test {scenario} --runs 1 --seed {error['seed']} {setup}")


def _text(report: dict[str, Any]) -> str:
    head = f"{report['scenario']}: "
    if report["mode"] == "free":
        from simulator.freetest import free_text

        return free_text(report)
    if report["mode"] == "plans":
        lines = [head + f"{report['passed']} of {report['plans']} plans passed "
                 f"({report['seconds']} s)"]
        lines += [_problem_line(p) for p in report["problems"]]
        return "\n".join(lines)
    if report["mode"] == "exhaustive":
        lines = [head + f"explored {report['states']} states"
                 f"{'' if report['complete'] else ' (stopped at the limit)'} "
                 f"({report['seconds']} s)"]
        return "\n".join(lines + _unreached(report))
    cover = report["coverage"]
    lines = [head + f"{report['runs']} random runs from seed {report['seed']} "
             f"({report['seconds']} s)",
             "  coverage: " + ", ".join(f"{k} {_share(v)}" for k, v in cover.items())]
    lines += _unreached(report)
    lines.append("  endings:")
    for node, ending in report["endings"].items():
        spread = ending["score"]
        scores = (f"score {spread['min']:g}-{spread['max']:g} (mean {spread['mean']:g})"
                  if spread else "never reached")
        shortest = f", shortest {len(ending['shortest'])} moves" if ending["shortest"] else ""
        lines.append(f"    {node:<22} {ending['kind']:<11} {ending['share']:>6.1%}  "
                     f"{scores}{shortest}")
    if report["never_ended"]:
        lines.append(f"  {report['never_ended']} runs never reached an ending")
    lines += [_problem_line(p) for p in report["problems"][:10]]
    return "\n".join(lines)


def _share(values: dict[str, float]) -> str:
    if not values:
        return "n/a"
    return f"{sum(1 for v in values.values() if v > 0) / len(values):.0%}"


def _unreached(report: dict[str, Any]) -> list[str]:
    out = []
    for kind, ids in report["unreached"].items():
        if ids:
            out.append(f"  never reached ({kind}): {', '.join(ids)}")
    return out


def _problem_line(problem: dict[str, Any]) -> str:
    where = problem["path"] + (f":{problem['line']}:{problem['col']}" if problem["line"] else "")
    line = f"{where}: {problem['severity']} {problem['code']} {problem['message']}"
    return line + (f"\n    hint: {problem['hint']}" if problem.get("hint") else "")
