"""Rewrites from the story: the best reply the author offered at the turn where
the item was missed, and the scorer's own seed-worded example without the story."""

from __future__ import annotations

import io
from pathlib import Path

from simulator.build import load_story
from simulator.engine import Session
from simulator.model import Story
from simulator.score import Item, score

TUTORIAL = Path(__file__).parent.parent / "stories" / "tutorial"


def _tutorial() -> Story:
    story, found = load_story(TUTORIAL)
    assert story is not None, found
    return story


def _item(story: Story | None, *keys: str) -> Item:
    session = Session(_tutorial(), "caller", "gentle")
    for key in keys:
        session.choose(key)
    items = {i.id: i for i in score(session.transcript, story).items}
    return items["stated_intent"]


def test_a_missed_item_gets_the_reply_offered_at_that_turn() -> None:
    story = _tutorial()
    item = _item(story, "c-start.blame")
    intent = story.nodes["c-start"].choices[0]
    assert intent.say is not None and "states_intent" in intent.tags
    opening = " ".join(intent.say.split())
    assert item.verdict == "missed"
    assert item.rewrite == ("Open with your intent. At turn 3, you could have said: "
                            f"\"{opening}\"")


def test_without_the_story_the_rewrite_is_the_seeds_script() -> None:
    item = _item(None, "c-start.blame")
    assert "I value our relationship" in item.rewrite and "turn" not in item.rewrite


def test_a_met_item_has_no_rewrite() -> None:
    assert _item(_tutorial(), "c-start.intent").rewrite == ""


def test_callin_score_rewrites_from_the_bundled_story(tmp_path: Path) -> None:
    from simulator.cli import main
    from simulator.transcript import save

    session = Session(_tutorial(), "caller", "gentle")
    session.choose("c-start.blame")
    save(session.transcript, tmp_path / "s.json")
    out = io.StringIO()
    assert main(["score", str(tmp_path / "s.json")], out=out) == 0
    assert "Overall: none yet. The conversation is unfinished" in out.getvalue()
    assert "At turn 3, you could have said: \"It was lovely." in out.getvalue()


def test_without_an_authored_reply_the_roles_example_is_used() -> None:
    story = _tutorial()
    session = Session(story, "caller", "gentle")
    session.choose("c-start.drop-it")  # the talk ends before any request is on offer
    items = {i.id: i for i in score(session.transcript, story).items}
    role = story.roles["caller"]
    assert role.rubric is not None
    example = role.rubric.examples["specific_request"]
    assert items["specific_request"].rewrite == f"Be specific in your request: \"{example}\""
