"""Tables: what a session looks up on every move, worked out once per story and role.

Random play and tests start thousands of sessions on the same story, so a node's
lines, its offer when it never changes, each choice's compiled effects and the
replies that end the talk are computed here once, not once per session.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, NamedTuple

from simulator.dynamics import breakdown_test, label_effects
from simulator.expr import CompiledEffects, compiled, compiled_effects
from simulator.labels import LABELS
from simulator.model import Choice, Line, Role, Story
from simulator.speech import LineTurn
from simulator.transcript import NARRATOR, PARTNER, PLAYER
from simulator.words import count_words


class Offered(NamedTuple):
    """A choice on offer now, numbered from 1 as a menu shows it."""

    number: int
    choice: Choice

    @property
    def id(self) -> str:
        return self.choice.id

    @property
    def text(self) -> str:
        return self.choice.short


def _side_of(line: Line, role: Role) -> str:
    if line.speaker == "narrator":
        return NARRATOR
    return PLAYER if line.speaker == role.player else PARTNER


# Worked out once per story content and role, not once per session: random play
# and tests start thousands of sessions on the same story.
_TABLES: dict[tuple[str, str, str], Tables] = {}


class Tables:
    """What a session looks up on every move, precomputed for one story and role."""

    def __init__(self, story: Story, role: Role, shared: StoryWide | None = None) -> None:
        """`shared`: the story-wide part, when another role's tables have it."""
        self.story, self.role = story, role
        self.ranges = story.ranges()
        self.dynamics = label_effects(story)
        self.breakdown = breakdown_test(story)
        self.names = {cid: c.name for cid, c in story.characters.items()}
        # The replies said to someone other than the partner, by choice key: a look
        # over every choice, so once per role rather than once per session.
        self.asides = {c.key: c.talking_to for node in story.nodes.values()
                       for c in node.choices if c.talking_to and c.talking_to != role.partner}
        self._lines: dict[tuple[str, bool], tuple[LineTurn, ...]] = {}
        self._static: dict[str, list[Offered] | None] = {}
        self._moves: dict[int, Move] = {}
        self._tests: dict[str, list[tuple[Choice, Any]]] = {}
        self.shared = shared if shared is not None else story_wide(story)
        self.exits = self.shared.exits
        self._asked = self.shared.asked

    def lines(self, node_id: str, again: bool = False) -> tuple[LineTurn, ...]:
        """A node's lines, or (`again`) those said when the talk comes back to it:
        its `again:` lines where its author wrote some."""
        node = self.story.nodes[node_id]
        again = again and bool(node.again)
        written = node.again if again else node.lines
        found = self._lines.get((node_id, again))
        if found is None:
            found = self._lines[(node_id, again)] = tuple(
                (line.speaker, side, line.text, 0 if side == NARRATOR else count_words(line.text))
                for line in written for side in (_side_of(line, self.role),))
        return found

    def answered(self, choice: Choice) -> tuple[str, ...]:
        """The keys no longer offered once `choice` is taken: its own when it is
        once-only, and every reply asking the same question when it asks one."""
        keys = self._asked.get(choice.say or "", ()) if choice.asks else ()
        return (*keys, choice.key) if choice.once else keys

    def static_offer(self, node_id: str) -> list[Offered] | None:
        """The choices of a node whose offer never changes (no conditions, nothing
        once-only), numbered once; None when the offer depends on the state."""
        if node_id not in self._static:
            choices = self.story.nodes[node_id].choices
            dynamic = any(c.once or c.asks or c.condition is not None for c in choices)
            self._static[node_id] = None if dynamic else [
                Offered(i, c) for i, c in enumerate(choices, 1)]
        return self._static[node_id]

    def tests(self, node_id: str) -> list[tuple[Choice, Any]]:
        """A node's choices, each with its compiled condition (or None)."""
        found = self._tests.get(node_id)
        if found is None:
            found = self._tests[node_id] = [
                (c, compiled(c.condition.source) if c.condition else None)
                for c in self.story.nodes[node_id].choices]
        return found

    def move(self, choice: Choice) -> Move:
        """A choice's utterance labels, skill tags and compiled effects (keyed by
        identity: the story, held here, keeps its choices alive)."""
        found = self._moves.get(id(choice))
        if found is None:
            found = self._moves[id(choice)] = Move(
                tuple(t for t in choice.tags if t in LABELS),
                tuple(t for t in choice.tags if t not in LABELS),
                compiled_effects(choice.effects.source) if choice.effects else None)
        return found


class StoryWide(NamedTuple):
    """The tables' parts that are the same for every role: each takes a look over
    the whole story, which on a big one is worth doing once."""

    # Replies that end the talk unrepaired: the router never puts them in a
    # learner's mouth unless their words leave too.
    exits: frozenset[str]
    # Each question by its words: asked at one node, it is answered at all. Only
    # those the talk can come back to: the rest need no remembering.
    asked: Mapping[str, tuple[str, ...]]


def story_wide(story: Story) -> StoryWide:
    exits = frozenset(
        c.key for n in story.nodes.values() for c in n.choices
        if (end := story.nodes[c.to].ending if c.to in story.nodes else None) is not None
        and end.kind != "repaired")
    asked: dict[str, tuple[str, ...]] = {}
    # The search for loops is skipped when no reply asks anything.
    asking = any(c.asks and c.say for n in story.nodes.values() for c in n.choices)
    for nid in _revisitable(story) if asking else ():
        for c in story.nodes[nid].choices:
            if c.asks and c.say:
                asked[c.say] = (*asked.get(c.say, ()), c.key)
    return StoryWide(exits, asked)


class Move(NamedTuple):
    labels: tuple[str, ...]
    skills: tuple[str, ...]
    effects: CompiledEffects | None


def tables_for(story: Story, role: Role) -> Tables:
    key = (story.content_hash, story.id, role.id)
    tables = _TABLES.get(key)
    if tables is None or tables.story is not story:
        # Another role of this very story may have made the story-wide part already.
        sibling = next((t for t in _TABLES.values() if t.story is story), None)
        tables = _TABLES[key] = Tables(story, role, sibling.shared if sibling else None)
    return tables


def _revisitable(story: Story) -> list[str]:
    """The nodes on a loop, in story order."""
    after = {nid: [c.to for c in node.choices if c.to in story.nodes]
             for nid, node in story.nodes.items()}
    on_loop = nodes_on_loops(after)
    return [nid for nid in story.nodes if nid in on_loop]


def nodes_on_loops(after: Mapping[str, Sequence[str]]) -> set[str]:
    """The nodes on a loop (`after`: node -> the nodes it leads to, all keys): in a
    strongly connected group of two or more, or leading to themselves. One pass over
    the graph, not a search from every node: first the nodes nothing loops back to
    are peeled off (most of a story, cheaply), then Tarjan's runs on what is left."""
    left = _not_peeled(after)
    core = {nid: [there for there in after[nid] if there in left] for nid in left}
    on_loop: set[str] = {nid for nid, nexts in core.items() if nid in nexts}
    for group in strongly_connected(core):
        if len(group) > 1:
            on_loop.update(group)
    return on_loop


def _not_peeled(after: Mapping[str, Sequence[str]]) -> set[str]:
    """The nodes left once those that no way leads into are taken away, again and
    again (Kahn's topological peel): a node on a loop is always left, since the node
    before it on the loop is."""
    into = dict.fromkeys(after, 0)
    for nexts in after.values():
        for there in nexts:
            into[there] += 1
    peel = [nid for nid, count in into.items() if count == 0]
    while peel:
        for there in after[peel.pop()]:
            into[there] -= 1
            if into[there] == 0:
                peel.append(there)
    return {nid for nid, count in into.items() if count > 0}


def strongly_connected(after: Mapping[str, Sequence[str]]) -> Iterator[list[str]]:
    """Tarjan's strongly connected components, iteratively (stories can be deep)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    for root in after:
        if root in index:
            continue
        work = [(root, iter(after[root]))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            nid, nexts = work[-1]
            step = next(nexts, None)
            if step is not None:
                if step not in index:
                    index[step] = low[step] = len(index)
                    stack.append(step)
                    on_stack.add(step)
                    work.append((step, iter(after[step])))
                elif step in on_stack:
                    low[nid] = min(low[nid], index[step])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[nid])
            if low[nid] == index[nid]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == nid:
                        break
                yield group
