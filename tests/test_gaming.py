"""Menu gaming: fixed players, the best path, and the figures of tools/menu_gaming.py."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator import gaming
from simulator.model import ENDING_RANK, Story
from tests.conftest import CHECKS
from tests.helpers import built
from tools import menu_gaming


def _story(path: str) -> Story:
    return built(CHECKS / path)


def test_nth_takes_the_last_when_fewer_are_offered() -> None:
    choices = list(_story("CI509_fixed_position_wins.yaml").nodes["start"].choices)
    assert gaming.nth(1)(choices) is choices[0]
    assert gaming.nth(5)(choices) is choices[-1]


def test_a_tie_for_longest_gives_nothing_away() -> None:
    ask = _story("CI509_fixed_position_wins.yaml").nodes["start"].choices[0]
    assert gaming.unique_longest([ask, ask]) is None
    assert gaming.unique_longest([ask]) is None


def test_the_best_path_takes_one_move_nearer_the_best_ending_each_time() -> None:
    story = _story("CI508_longest_reply_wins.yaml")
    role = story.roles["caller"]
    assert [c.key for c in gaming.best_path(story, role)] == [
        "start.ask", "second.feel", "third.thanks"]
    longest, decisions = gaming.longest_wins(story, gaming.best_path(story, role))
    assert (len(longest), decisions) == (3, 3)


@pytest.mark.parametrize(("pick", "won"), [
    (gaming.nth(1), True), (gaming.nth(2), False), (gaming.longest, False),
    (gaming.shortest, True)])
def test_fixed_players_play_through_the_engine(pick: gaming.Pick, won: bool) -> None:
    story = _story("CI509_fixed_position_wins.yaml")
    played = gaming.play(story, "caller", None, pick)
    assert played.decisions == (3 if won else 1)
    assert gaming.wins(story, gaming.best_rank(story, story.roles["caller"]), played) is won


def test_a_shuffled_menu_is_played_in_the_order_shown() -> None:
    story = _story("CI509_fixed_position_wins.yaml")
    endings = {gaming.play(story, "caller", None, gaming.nth(1), seed).ending
               for seed in range(20)}
    assert endings == {"good", "bad"}


def test_no_kind_of_player_games_the_bundled_menus() -> None:
    """The issue's target: each fixed player reaches the best ending in at most 20% of
    role and difficulty combinations, as written and as shuffled."""
    data = menu_gaming.report(seeds=5)
    for order in ("authored", "shuffled"):
        shares = data[f"best_ending_{order}"]
        assert all(share <= menu_gaming.TARGET for share in shares.values()), (order, shares)


def _plain_dijkstra(story: Any, role: Any) -> dict[str, int]:
    """The textbook reference: one heap of (cost, node) pairs."""
    import heapq

    rank = gaming.best_rank(story, role)
    into: dict[str, list[Any]] = {}
    for node in story.nodes.values():
        for choice in node.choices:
            into.setdefault(choice.to, []).append(choice)
    heap = [(0, nid) for nid, n in story.nodes.items()
            if n.ending is not None and ENDING_RANK[n.ending.kind] == rank]
    found: dict[str, int] = {}
    while heap:
        far, here = heapq.heappop(heap)
        if here not in found:
            found[here] = far
            for c in into.get(here, ()):
                heapq.heappush(heap, (far + gaming.cost(c), c.node_id))
    return found


@settings(max_examples=200, deadline=None)
@given(st.integers(2, 12).flatmap(lambda n: st.lists(
    st.lists(st.tuples(st.integers(0, n - 1), st.booleans()), max_size=3),
    min_size=n, max_size=n)))
def test_distances_are_those_of_a_plain_dijkstra(edges: list[list[tuple[int, bool]]]) -> None:
    """Graphs of harmful and harmless replies, and endings where nothing leads on."""
    nodes = {}
    for i, out in enumerate(edges):
        choices = tuple(SimpleNamespace(node_id=f"n{i}", to=f"n{j}",
                                        tags=("you_blame",) if harmful else ())
                        for j, harmful in out)
        ending = None if choices else SimpleNamespace(kind="repaired" if i % 2 else "stalled")
        nodes[f"n{i}"] = SimpleNamespace(choices=choices, ending=ending)
    story: Any = SimpleNamespace(nodes=nodes)
    role: Any = SimpleNamespace(start="n0")
    assert gaming.distances(story, role) == _plain_dijkstra(story, role)
