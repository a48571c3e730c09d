"""Menu gaming: could a learner win by where a reply sits, or by its length?

Two views, shared by the lints (CI508, CI509) and tools/menu_gaming.py:

- the best path, from the graph alone as the other checks see it (conditions
  ignored): the cheapest way from the role's start to an ending of the best
  rank it can reach (model.ENDING_RANK), with as few harmful moves as can be,
  then as few moves; where replies tie, the first as written;
- fixed players, played through the engine (so conditions and state count):
  always the Nth reply, always the longest, always the shortest, in authored
  order or in the shuffled order a learner sees.

A reply's length is the length of what the menu shows (`Choice.short`).
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from simulator.labels import REACTION_LABELS, UNKIND_SKILLS
from simulator.model import ENDING_RANK, Choice, Role, Story

Pick = Callable[[list[Choice]], Choice]

# Fewer real choices than this on the way (nodes offering two replies or more),
# and any fixed rule trivially wins or loses: too few to tell anything.
MIN_DECISIONS = 3
MAX_MOVES = 400  # a fixed player still talking after this many moves never ends


def length(choice: Choice) -> int:
    return len(choice.short)


def longest(offered: list[Choice]) -> Choice:
    return max(offered, key=length)  # the first of equals, as a reader's eye would


def shortest(offered: list[Choice]) -> Choice:
    return min(offered, key=length)


def nth(n: int) -> Pick:
    """Always the nth reply (1-based), or the last when fewer are on offer."""
    return lambda offered: offered[min(n, len(offered)) - 1]


def unique_longest(choices: tuple[Choice, ...] | list[Choice]) -> Choice | None:
    """The one reply longer than every other, if there is one: a tie gives nothing away."""
    ranked = sorted(choices, key=length, reverse=True)
    if len(ranked) < 2 or length(ranked[0]) == length(ranked[1]):
        return None
    return ranked[0]


# The best path, from the graph ---------------------------------------------------------


def reachable(story: Story, role: Role) -> set[str]:
    """Nodes the role can reach from its start (conditions ignored)."""
    found, queue = {role.start}, deque([role.start])
    while queue:
        node = story.nodes.get(queue.popleft())
        for choice in node.choices if node else ():
            if choice.to in story.nodes and choice.to not in found:
                found.add(choice.to)
                queue.append(choice.to)
    return found if role.start in story.nodes else set()


def best_rank(story: Story, role: Role, reached: set[str] | None = None) -> int | None:
    """The rank (model.ENDING_RANK) of the best ending the role can reach, if any.
    `reached`: the role's `reachable` nodes, when the caller has them already (a
    search of a big story takes a while)."""
    if reached is None:
        reached = reachable(story, role)
    ranks = [ENDING_RANK[n.ending.kind] for nid in reached
             if (n := story.nodes[nid]).ending is not None]
    return max(ranks, default=None)


# Moves that hurt the talk: the best path takes as few of them as it can, however
# many more moves that takes (a long defensive reply is never the best one).
HARMFUL_TAGS = frozenset({*REACTION_LABELS, "you_blame", "non_apology", *UNKIND_SKILLS})
HARM = 1000  # the cost of one harmful move; any other costs 1


def cost(choice: Choice) -> int:
    return HARM if HARMFUL_TAGS.intersection(choice.tags) else 1


def distances(story: Story, role: Role) -> dict[str, int]:
    """From each node, the cost of the cheapest way to an ending of the role's best
    rank: fewest harmful moves first, then fewest moves (Dijkstra, backwards)."""
    return distances_to(story, best_rank(story, role))


def distances_to(story: Story, rank: int | None) -> dict[str, int]:
    """`distances` to the endings of `rank`: the same for every role whose best it is."""
    if rank is None:
        return {}
    came_into: dict[str, list[Choice]] = {}
    for node in story.nodes.values():
        for choice in node.choices:
            came_into.setdefault(choice.to, []).append(choice)
    # The queue holds each pending cost once, with the nodes at that cost: costs
    # are few (moves to a near ending, plus HARM per harmful one), so the heap stays
    # small, where a heap of (cost, node) pairs grew with the story and compared ids.
    at_cost: dict[int, list[str]] = {0: [nid for nid, n in story.nodes.items()
                                         if n.ending is not None
                                         and ENDING_RANK[n.ending.kind] == rank]}
    costs = [0]
    found: dict[str, int] = {}
    while costs:
        far = heapq.heappop(costs)
        for here in at_cost.pop(far):
            if here in found:
                continue
            found[here] = far
            for choice in came_into.get(here, ()):
                if choice.node_id not in found:
                    _queue(at_cost, costs, far + cost(choice), choice.node_id)
    return found


def _queue(at_cost: dict[int, list[str]], costs: list[int], far: int, nid: str) -> None:
    if far not in at_cost:
        at_cost[far] = []
        heapq.heappush(costs, far)
    at_cost[far].append(nid)


def best_replies(story: Story, node_id: str, far: Mapping[str, int]) -> list[Choice]:
    """The replies at a node on a cheapest way to the best ending."""
    here = far.get(node_id)
    if here is None or here == 0:
        return []
    return [c for c in story.nodes[node_id].choices
            if c.to in far and far[c.to] + cost(c) == here]


def best_path(story: Story, role: Role, far: Mapping[str, int] | None = None) -> list[Choice]:
    """The replies of the best path from the role's start, in order. `far`: the role's
    `distances`, when the caller has them already."""
    if far is None:
        far = distances(story, role)
    path, here = [], role.start
    while best := best_replies(story, here, far):
        path.append(best[0])
        here = best[0].to
    return path


def longest_wins(story: Story, path: list[Choice]) -> tuple[list[Choice], int]:
    """The replies of `path` that are the longest at their node, and how many of its
    nodes offer a real choice (two replies or more)."""
    decisions = [c for c in path if len(story.nodes[c.node_id].choices) > 1]
    return [c for c in decisions if unique_longest(story.nodes[c.node_id].choices) is c], \
        len(decisions)


# Fixed players, through the engine -------------------------------------------------------


@dataclass(frozen=True)
class Played:
    ending: str | None  # the ending node reached; None if the talk never ended
    decisions: int  # moves where two replies or more were on offer


def play(story: Story, role: str, difficulty: str | None, pick: Pick,
         menu_seed: int | None = None) -> Played:
    """A player who always picks by `pick`, from the menu as a session shows it."""
    from simulator.engine import Session

    session = Session(story, role, difficulty, record=False, menu_seed=menu_seed)
    decisions = 0
    for _ in range(MAX_MOVES):
        offered = [o.choice for o in session.choices]
        if not offered:
            break
        decisions += len(offered) > 1
        session.choose(pick(offered).key)
    ending = session.transcript.ending
    return Played(ending["node"] if ending else None, decisions)


def wins(story: Story, rank: int | None, played: Played) -> bool:
    """Whether a play reached an ending of the best rank (`best_rank`)."""
    if played.ending is None:
        return False
    ending = story.nodes[played.ending].ending
    return ending is not None and ENDING_RANK[ending.kind] == rank


def difficulties(story: Story) -> list[str | None]:
    return list(story.difficulties) or [None]


def winning_positions(story: Story, role: Role, reached: set[str] | None = None
                      ) -> Iterator[tuple[int, list[str | None]]]:
    """Each authored position n such that always taking the nth reply reaches the
    best ending over enough real choices, with the difficulties where it does.
    `reached`: the role's `reachable` nodes, when the caller has them already."""
    if reached is None:
        reached = reachable(story, role)
    widest = max((len(story.nodes[n].choices) for n in reached), default=0)
    rank = best_rank(story, role, reached)
    for n in range(1, widest + 1):
        plays = [(d, play(story, role.id, d, nth(n))) for d in difficulties(story)]
        won = [d for d, p in plays if p.decisions >= MIN_DECISIONS and wins(story, rank, p)]
        if won:
            yield n, won
