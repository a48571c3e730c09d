"""`callin test`: random, exhaustive and plans, on small stories built for it."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from simulator.build import load_story
from simulator.cli import main
from simulator.model import Story
from simulator.plans import parse_plan, run_plan
from simulator.playtest import exhaustive_test, random_test, shortest_paths
from tests.conftest import DATA


@pytest.fixture(scope="module")
def story() -> Story:
    built, _ = load_story(DATA / "engine.yaml")
    assert built is not None
    return built


def test_random_is_seeded_and_deterministic(story: Story) -> None:
    first = random_test(story, runs=300, seed=7)
    assert first == random_test(story, runs=300, seed=7)
    assert first["runs"] == 600 and first["errors"] == []  # one role, two difficulties
    assert set(first) >= {"runs", "errors", "coverage", "unreached", "endings"}


def test_random_reports_coverage_and_endings(story: Story) -> None:
    report = random_test(story, runs=500, seed=1, difficulties=["gentle"])
    assert report["runs"] == 500
    cover = report["coverage"]
    assert cover["nodes"]["start"] == 1.0
    assert 0 < cover["endings"]["good"] < 1
    assert report["unreached"]["endings"] == ["broke"]  # gentle never boils over
    good = report["endings"]["good"]
    assert good["shortest"] == ["start.intent", "hub.request"]
    assert good["score"]["min"] <= good["score"]["mean"] <= good["score"]["max"]


def test_exhaustive_takes_every_choice(story: Story) -> None:
    report = exhaustive_test(story)
    assert report["complete"] and report["unreached"] == {
        "nodes": [], "choices": [], "endings": []}


def test_exhaustive_names_what_a_difficulty_cannot_reach(story: Story) -> None:
    report = exhaustive_test(story, difficulties=["tough"])
    assert "good" in report["unreached"]["endings"]  # trust 2 never reaches 6 on tough


def test_shortest_paths(story: Story) -> None:
    assert shortest_paths(story, "caller", "gentle") == {
        "good": ["start.intent", "hub.request"], "meh": ["start.intent", "hub.leave"]}


@pytest.mark.parametrize("silent", ["listen", "wait", "pause"])
def test_every_name_of_the_silent_move_takes_it(story: Story, silent: str) -> None:
    plan, problems = parse_plan(f"role: caller\n{silent}\n", "p.plan")
    assert problems == [] and [s.verb for s in plan.steps] == ["listen"]


def test_a_good_plan_passes(story: Story) -> None:
    plan, problems = parse_plan((DATA / "plans" / "good.plan").read_text(), "good.plan")
    assert problems == []
    result = run_plan(story, plan)
    assert result.problems == [] and result.ending == "good"


@pytest.mark.parametrize(("text", "expected"), [
    ("choose: intent\n", "1:1 CI601 the plan does not say its role"),
    ("role: caller\nchose: intent\n", "2:1 CI601 cannot read step 'chose: intent'"),
    ("role: caller\nchoose:\n", "2:1 CI601 step 'choose' needs a value after ':'"),
    ("role: caller\nchoose: nope\n", "2:1 CI603 cannot choose 'nope': no choice 'nope' on "
                                     "offer here; on offer: 1=intent, 2=blame"),
    ("role: caller\nchoose: intent\n  expect node: start\n",
     "3:3 CI602 expected to be at node 'start', but at 'hub'"),
    ("role: caller\nchoose: intent\nexpect line: Goodbye\n",
     "3:1 CI602 expected a line containing 'Goodbye'; the lines were: Okay. Go on."),
    ("role: caller\nchoose: intent\nexpect state: heat > 5\n",
     "3:1 CI602 expected `heat > 5`, but heat=2, trust=6"),
    ("role: caller\nchoose: intent\nchoose: leave\nexpect ending: repaired\n",
     "4:1 CI602 expected ending 'repaired', got 'meh' (stalled)"),
    ("role: caller\nundo\n", "2:1 CI603 there is no move to undo"),
    ("role: caller\nchoose: intent\nexpect score: nothing met\n",
     "3:1 CI603 no score item 'nothing' here"),
    ("role: nobody\n", "1:1 CI603 no role 'nobody'"),
])
def test_broken_plans_are_located(story: Story, text: str, expected: str) -> None:
    plan, problems = parse_plan(text, "p.plan")
    if not problems:
        problems = run_plan(story, plan).problems
    got = [f"{d.line}:{d.col} {d.code} {d.message}" for d in problems]
    assert len(got) == 1 and got[0].startswith(expected), got


def test_cli_test_json_and_exit_codes(tmp_path: Path) -> None:
    out = io.StringIO()
    assert main(["test", str(DATA / "engine.yaml"), "--runs", "50", "--json"], out=out) == 0
    report = json.loads(out.getvalue())
    assert report["mode"] == "random" and report["runs"] == 100
    out = io.StringIO()
    assert main(["test", str(DATA / "engine.yaml"), "--exhaustive", "--difficulty", "tough"],
                out=out) == 1
    assert "never reached (endings): good" in out.getvalue()


def test_plans_name_each_ending_no_plan_reaches(tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    (tmp_path / "story.yaml").write_text((DATA / "engine.yaml").read_text())
    (tmp_path / "plans" / "good.plan").write_text((DATA / "plans" / "good.plan").read_text())
    out = io.StringIO()
    assert main(["test", str(tmp_path / "story.yaml"), "--plans", "--json"], out=out) == 0
    report = json.loads(out.getvalue())
    assert report["passed"] == 1
    warnings = {p["code"] for p in report["problems"]}
    assert warnings == {"CI604"}
    missing = report["endings_without_plans"]
    assert "no passing plan reaches ending 'meh' as caller/gentle" in missing


def test_a_crashing_run_is_reported_with_its_replay_command(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from simulator import engine

    def broken(self: engine.Session, *_: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(engine.Session, "choose", broken)
    # The lints that play the story (CI509) would meet the crash first, in validating.
    monkeypatch.setattr("simulator.check.PLAY_CHECKS", [])
    out = io.StringIO()
    code = main(["test", str(DATA / "engine.yaml"), "--runs", "2", "--role", "caller",
                 "--difficulty", "gentle", "--seed", "5"], out=out)
    assert code == 1
    text = out.getvalue()
    assert "error CI605 random run with seed 5 failed: RuntimeError: boom" in text
    assert "--runs 1 --seed 5 --role caller --difficulty gentle" in text


@pytest.mark.parametrize("mode", [[], ["--exhaustive"], ["--plans"]])
def test_a_story_with_errors_is_not_played(mode: list[str]) -> None:
    out = io.StringIO()
    assert main(["test", str(DATA / "checks" / "CI301_unknown_start.yaml"), *mode], out=out) == 1
    assert "error CI301" in out.getvalue()
