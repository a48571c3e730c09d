"""The nodes on a loop, found in one pass: the same as searching back from every node."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.tables import _revisitable, nodes_on_loops, strongly_connected


def _returns_to_itself(story: Any) -> list[str]:
    """The slow, obvious reference: a search from each node for a way back to it."""
    after = {nid: {c.to for c in node.choices if c.to in story.nodes}
             for nid, node in story.nodes.items()}

    def returns(start: str) -> bool:
        seen, todo = set(), list(after[start])
        while todo:
            nid = todo.pop()
            if nid == start:
                return True
            if nid not in seen:
                seen.add(nid)
                todo += after[nid]
        return False

    return [nid for nid in story.nodes if returns(nid)]


graphs = st.integers(1, 14).flatmap(lambda n: st.lists(
    st.lists(st.integers(0, n), max_size=3), min_size=n, max_size=n))  # n: a missing node


@settings(max_examples=300, deadline=None)
@given(graphs)
def test_nodes_on_a_loop_are_those_that_return_to_themselves(edges: list[list[int]]) -> None:
    nodes = {f"n{i}": SimpleNamespace(choices=[SimpleNamespace(to=f"n{j}") for j in out])
             for i, out in enumerate(edges)}
    story = SimpleNamespace(nodes=nodes)
    assert _revisitable(story) == _returns_to_itself(story)


def test_a_long_chain_with_one_loop_is_read_in_one_pass() -> None:
    chain = {f"n{i}": SimpleNamespace(choices=[SimpleNamespace(to=f"n{i + 1}")])
             for i in range(20_000)}
    chain["n19999"].choices.append(SimpleNamespace(to="n19998"))
    assert _revisitable(SimpleNamespace(nodes=chain)) == ["n19998", "n19999"]


@settings(max_examples=300, deadline=None)
@given(graphs)
def test_nodes_on_loops_are_the_same_without_the_peel(edges: list[list[int]]) -> None:
    """Peeling off the nodes no loop reaches first changes nothing found."""
    after = {f"n{i}": [f"n{j}" for j in out if j < len(edges)] for i, out in enumerate(edges)}
    on_loop = {nid for group in strongly_connected(after) for nid in group
               if len(group) > 1 or nid in after[nid]}
    assert nodes_on_loops(after) == on_loop
