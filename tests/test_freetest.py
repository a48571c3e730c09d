"""`callin test --free`: phrasings typed into the router, on a small story and the bundled."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from simulator.build import load_story
from simulator.cli import main
from simulator.freetest import free_test
from simulator.model import Story
from simulator.route import Decision
from tests.conftest import DATA, STORIES, bundled_scenarios


@pytest.fixture(scope="module")
def story() -> Story:
    built, _ = load_story(DATA / "free.yaml")
    assert built is not None
    return built


def test_each_phrasing_is_found_without_itself(story: Story) -> None:
    role = free_test(story)["roles"]["caller"]
    assert (role["phrasings"], role["right"], role["confused"]) == (5, 4, 1)
    assert role["share"] == 0.8 and role["wrong_move"] == 0
    assert role["without_phrasings"] == ["start.snap"]
    [node] = role["nodes"]
    assert node["confusions"] == [{"intended": "intent", "taken": "ask", "times": 1}]
    [miss] = node["misses"]
    assert miss["phrasing"] == "What did you mean by that joke, then?"


def test_a_phrasing_left_alone_is_left_out_of_its_reply(story: Story) -> None:
    # "Never mind, forget it." is the drop reply's only phrasing: with it left out,
    # the reply's own text still finds it, as new words would have to.
    drop = free_test(story)["roles"]["caller"]["nodes"][0]
    assert all(m["intended"] != "drop" for m in drop["misses"])


def test_a_reply_taken_onto_a_move_not_made_is_counted(story: Story,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    snap = story.nodes["start"].choices[3]

    def reckless(text: str, offered: object, **_: object) -> Decision:
        return Decision(snap, [])

    monkeypatch.setattr("simulator.freetest.route", reckless)
    role = free_test(story)["roles"]["caller"]
    assert role["wrong_move"] == 5 and role["right"] == 0
    out = io.StringIO()
    assert main(["test", str(DATA / "free.yaml"), "--free"], out=out) == 1
    assert "5 onto a move not made" in out.getvalue()


def test_cli_text_and_json() -> None:
    out = io.StringIO()
    assert main(["test", str(DATA / "free.yaml"), "--free"], out=out) == 0
    text = out.getvalue()
    assert "caller: 80% of 5 phrasings reach their reply; 1 confused, 0 unsure" in text
    assert "1 reply without phrasings" in text
    assert "start: no phrasings for snap" in text
    assert 'intent -> ask: "What did you mean by that joke, then?"' in text
    out = io.StringIO()
    assert main(["test", str(DATA / "free.yaml"), "--free", "--json"], out=out) == 0
    report = json.loads(out.getvalue())
    assert report["mode"] == "free" and report["roles"]["caller"]["share"] == 0.8


@pytest.mark.parametrize("scenario", bundled_scenarios(), ids=lambda p: p.name)
def test_bundled_phrasings_reach_their_replies(scenario: Path) -> None:
    story, _ = load_story(scenario)
    assert story is not None
    for rid, role in free_test(story)["roles"].items():
        assert role["wrong_move"] == 0, rid
        assert role["without_phrasings"] == [], rid
        assert role["share"] >= 0.8, (rid, role["share"])  # a guard; the aim is 0.9


def test_learner_playthroughs_replay_and_are_judged() -> None:
    import yaml

    from tools.free_playthroughs import DATA as PLAYS
    from tools.free_playthroughs import replay

    plays = {p["id"]: p for p in yaml.safe_load(PLAYS.read_text(encoding="utf-8"))}
    assert {p["set"] for p in plays.values()} == {"measure", "tune"}
    play = plays["tutorial-caller-polite-empty-nonnative"]
    story, _ = load_story(STORIES / play["scenario"])
    assert story is not None
    result = replay(story, play)
    assert result["ending"] == "unfinished" and result["agrees"]
    assert result["asked"] == 0 and result["typed"] == 4  # "Okay." is never asked about
