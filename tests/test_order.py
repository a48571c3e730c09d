"""Shuffled menus: one order per session seed, kept through undo, resume and restart."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.engine import Session
from simulator.model import Story
from simulator.order import menu_order
from tests.conftest import DATA, STORIES
from tests.helpers import built

SEEDS = range(40)


@pytest.fixture(scope="module")
def story() -> Story:
    return built(DATA / "engine.yaml")


@pytest.fixture(scope="module")
def tutorial() -> Story:
    return built(STORIES / "tutorial")


def _shown(session: Session) -> list[str]:
    return [o.id for o in session.choices]


def test_without_a_seed_the_menu_is_in_authored_order(story: Story) -> None:
    session = Session(story, "caller")
    assert session.transcript.menu_seed is None
    assert _shown(session) == ["intent", "blame"]


def test_seeds_shuffle_the_menu_and_numbers_follow_what_is_shown(story: Story) -> None:
    orders = set()
    for seed in SEEDS:
        session = Session(story, "caller", menu_seed=seed)
        shown = session.choices
        assert [o.number for o in shown] == [1, 2]
        orders.add(tuple(o.id for o in shown))
        session.choose(1)  # menu number 1 is the reply shown first
        assert session.moves == [f"start.{shown[0].id}"]
    assert orders == {("intent", "blame"), ("blame", "intent")}


def test_the_order_stays_through_undo_restart_and_resume(tutorial: Story,
                                                         tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    session = Session(tutorial, "caller", "gentle", path=path, menu_seed=12345)
    first = _shown(session)
    session.choose(1)
    second = _shown(session)
    assert session.undo() and _shown(session) == first
    session.choose(first[0])
    resumed = Session.resume(path, tutorial)
    assert resumed.transcript.menu_seed == 12345 and _shown(resumed) == second
    resumed.restart()
    assert _shown(resumed) == first


def test_a_reply_that_goes_away_leaves_the_others_in_order(story: Story) -> None:
    for seed in SEEDS:
        session = Session(story, "caller", menu_seed=seed)
        session.choose("blame")
        before = _shown(session)
        session.choose("ask")  # once-only: no longer offered
        assert _shown(session) == [c for c in before if c != "ask"]


def test_every_bundled_menu_is_shuffled_somewhere(tutorial: Story) -> None:
    """Across seeds, the reply written first is shown first only about 1 time in n."""
    node = tutorial.nodes[tutorial.roles["caller"].start]
    firsts = [menu_order(node.choices, seed)[0] for seed in range(300)]
    share = firsts.count(node.choices[0]) / len(firsts)
    assert abs(share - 1 / len(node.choices)) < 0.1


def test_free_mode_routes_the_same_whatever_the_order(story: Story) -> None:
    said = "What did you mean by that joke?"
    plain = Session(story, "caller", mode="free")
    plain.choose("blame")
    expected = plain.say(said).taken
    for seed in range(8):
        shuffled = Session(story, "caller", mode="free", menu_seed=seed)
        shuffled.choose("blame")
        assert shuffled.say(said).taken == expected
