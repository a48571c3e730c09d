"""Check: a built Story -> diagnostics.

Each check is a small generator registered with `@check`; every check sees the
whole story, and one bad node never stops the others. The graph checks search
plain dicts of successors (see `StoryGraph`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cached_property
from pathlib import Path
from typing import Any

from simulator.build import load_story
from simulator.diagnostics import Diagnostic, diagnostic, did_you_mean, has_errors
from simulator.expr import never_holds
from simulator.labels import KNOWN_TAGS, REACTION_LABELS, SKILLED_MOVES
from simulator.load import paused_gc
from simulator.model import ENDING_RANK, Choice, Condition, Effects, Loc, Node, Role, Story
from simulator.tables import nodes_on_loops

NARRATOR = "narrator"
# Variables the engine's built-in dynamics read and change (see DESIGN.md "Play").
BUILTIN_VARIABLES = frozenset({"heat", "trust"})

Check = Callable[["StoryGraph"], Iterator[Diagnostic]]
CHECKS: list[Check] = []


# Checks that play the story through the engine, which needs a story without
# errors (every target a node, every variable declared): they run only then.
PLAY_CHECKS: list[Check] = []


def check(fn: Check) -> Check:
    CHECKS.append(fn)
    return fn


def check_by_playing(fn: Check) -> Check:
    PLAY_CHECKS.append(fn)
    return fn


def at(code: str, loc: Loc, message: str) -> Diagnostic:
    return diagnostic(code, loc.path, loc.pos, message)


class StoryGraph:
    """A story with the graph facts that several checks share, computed once."""

    def __init__(self, story: Story) -> None:
        self.story = story

    @cached_property
    def successors(self) -> dict[str, tuple[str, ...]]:
        """Each node -> the nodes its choices lead to, once each, in the order written.
        Plain dicts, not a networkx graph: a 100k-node story's DiGraph (and the copy
        `can_end` needed) cost seconds and hundreds of MB for a few searches."""
        return _successors(self.story, lambda choice: True)

    @cached_property
    def endings(self) -> set[str]:
        return {nid for nid, node in self.story.nodes.items() if node.ending}

    @cached_property
    def can_end(self) -> set[str]:
        """Nodes from which some ending can be reached (ignoring conditions)."""
        predecessors: dict[str, list[str]] = {}
        for nid, nexts in self.successors.items():
            for there in nexts:
                predecessors.setdefault(there, []).append(nid)
        return _closure(predecessors, self.endings)

    def reachable(self, role: Role) -> set[str]:
        """Nodes a role can reach: from its start, and its breakdown ending (which
        heat can lead to from anywhere)."""
        if role.start not in self.story.nodes:
            return set()
        entries = {role.start}
        if role.breakdown is not None and role.breakdown in self.story.nodes:
            entries.add(role.breakdown)
        return _closure(self.successors, entries)

    @cached_property
    def reachable_by_role(self) -> dict[str, set[str]]:
        return {rid: self.reachable(role) for rid, role in self.story.roles.items()}

    @cached_property
    def reachable_from_start(self) -> dict[str, set[str]]:
        """Each role's nodes from its start alone, as `gaming.reachable` finds them:
        what the menu-gaming checks search, found once for both."""
        nodes = self.story.nodes
        return {rid: _closure(self.successors, {role.start}) if role.start in nodes else set()
                for rid, role in self.story.roles.items()}

    def choices(self) -> Iterator[Choice]:
        for node in self.story.nodes.values():
            yield from node.choices


def _successors(story: Story, taken: Callable[[Choice], bool]) -> dict[str, tuple[str, ...]]:
    """Each node -> the nodes its `taken` choices lead to, once each, in the order written."""
    nodes = story.nodes
    return {nid: tuple(dict.fromkeys(c.to for c in node.choices if c.to in nodes and taken(c)))
            for nid, node in nodes.items()}


def _closure(edges: dict[str, Any], starts: set[str]) -> set[str]:
    """`starts` and every node reached from them along `edges` (node -> next nodes)."""
    found, stack = set(starts), list(starts)
    while stack:
        for there in edges.get(stack.pop(), ()):
            if there not in found:
                found.add(there)
                stack.append(there)
    return found


def check_story(story: Story, *, playable: bool = True) -> list[Diagnostic]:
    """Every diagnostic the checks find in a built story, sorted. The checks that
    play it run when it had no errors in loading (`playable`) nor in checking."""
    context = StoryGraph(story)
    found: list[Diagnostic] = []
    for fn in CHECKS:
        found.extend(fn(context))
    if playable and not has_errors(found):
        for fn in PLAY_CHECKS:
            found.extend(fn(context))
    return sorted(found)


def validate(path: str | Path) -> tuple[Story | None, list[Diagnostic]]:
    """Load, build and check a scenario: everything `callin validate` reports."""
    with paused_gc():
        story, found = load_story(path)
        if story is not None:
            found = sorted(found + check_story(story, playable=not has_errors(found)))
    return story, found


# References -------------------------------------------------------------------


@check
def unknown_targets(g: StoryGraph) -> Iterator[Diagnostic]:
    nodes = g.story.nodes
    for choice in g.choices():
        if choice.to not in nodes:
            yield at("CI301", choice.loc, f"choice '{choice.key}' leads to '{choice.to}', "
                     f"which is not a node{did_you_mean(choice.to, nodes)}")
    for role in g.story.roles.values():
        for key in ("start", "breakdown"):
            target = getattr(role, key)
            if target is not None and target not in nodes:
                yield at("CI301", role.field_locs.get(key, role.loc), f"role '{role.id}' "
                         f"{key} '{target}' is not a node{did_you_mean(target, nodes)}")


@check
def unknown_roles(g: StoryGraph) -> Iterator[Diagnostic]:
    roles = g.story.roles
    for difficulty in g.story.difficulties.values():
        for role, loc in difficulty.for_role_locs.items():
            if role not in roles:
                yield at("CI312", loc, f"difficulty '{difficulty.id}' has a blurb for "
                         f"'{role}', which is not a role{did_you_mean(role, roles)}")


@check
def unknown_characters(g: StoryGraph) -> Iterator[Diagnostic]:
    known = g.story.characters
    speakers = {*known, NARRATOR}
    for node in g.story.nodes.values():
        for line in (*node.lines, *node.again):
            if line.speaker not in speakers:
                yield at("CI303", line.loc, f"speaker '{line.speaker}' is not a declared "
                         f"character{did_you_mean(line.speaker, speakers)}")
    for role in g.story.roles.values():
        for key in ("player", "partner"):
            cid = getattr(role, key)
            if cid and cid not in known:  # a missing one is the schema's CI202
                yield at("CI303", role.field_locs.get(key, role.loc), f"role '{role.id}' "
                         f"{key} '{cid}' is not a declared character{did_you_mean(cid, known)}")
    for choice in g.choices():
        if choice.talking_to is not None and choice.talking_to not in known:
            yield at("CI303", choice.loc, f"choice '{choice.key}' is said to "
                     f"'{choice.talking_to}', who is not a declared character"
                     f"{did_you_mean(choice.talking_to, known)}")
    for role in g.story.roles.values():
        for reaction in _reactions(role):
            if reaction.speaker is not None and reaction.speaker not in speakers:
                yield at("CI303", reaction.loc, f"reaction speaker '{reaction.speaker}' is not "
                         f"a declared character{did_you_mean(reaction.speaker, speakers)}")


@check
def unknown_tags(g: StoryGraph) -> Iterator[Diagnostic]:
    known = KNOWN_TAGS | set(g.story.skills)
    for choice in g.choices():
        for tag, loc in zip(choice.tags, choice.tag_locs, strict=True):
            if tag not in known:
                yield at("CI304", loc, f"tag '{tag}' is not a label, a built-in skill or a "
                         f"skill declared under `skills:`{did_you_mean(tag, known)}")


# The shape of the graph -------------------------------------------------------


@check
def dead_ends(g: StoryGraph) -> Iterator[Diagnostic]:
    for node in g.story.nodes.values():
        if not node.choices and node.ending is None:
            yield at("CI307", node.loc, f"node '{node.id}' has no choices and is not an ending")


@check
def unreachable_nodes(g: StoryGraph) -> Iterator[Diagnostic]:
    if not g.story.roles:
        return
    reached = set().union(*g.reachable_by_role.values())
    for node in g.story.nodes.values():
        if node.id not in reached:
            yield at("CI305", node.loc, f"node '{node.id}' cannot be reached from any role's "
                     "start")


@check
def traps(g: StoryGraph) -> Iterator[Diagnostic]:
    reached = set().union(*g.reachable_by_role.values()) if g.story.roles else set()
    for node in g.story.nodes.values():
        if node.id in reached and node.id not in g.can_end and node.choices:
            yield at("CI306", node.loc, f"no ending can be reached from node '{node.id}': "
                     "once there, the conversation can never finish")


@check
def roles_without_ending(g: StoryGraph) -> Iterator[Diagnostic]:
    for role in g.story.roles.values():
        if role.start in g.story.nodes and not g.reachable_by_role[role.id] & g.endings:
            yield at("CI308", role.loc, f"role '{role.id}' cannot reach any ending from its "
                     f"start '{role.start}'")


@check
def breakdown_endings(g: StoryGraph) -> Iterator[Diagnostic]:
    for role in g.story.roles.values():
        node = g.story.nodes.get(role.breakdown or "")
        if node is not None and (node.ending is None or node.ending.kind != "broke-down"):
            yield at("CI309", role.field_locs.get("breakdown", role.loc), f"role '{role.id}' "
                     f"breakdown '{node.id}' should be an ending of kind broke-down")


@check
def broken_sound_calls(g: StoryGraph) -> Iterator[Diagnostic]:
    for node in g.story.nodes.values():
        if node.ending is not None and node.ending.sound_call \
                and node.ending.kind == "broke-down":
            yield at("CI310", node.ending.loc, f"ending '{node.id}' broke down, so it cannot "
                     "be a sound call")


# State and expressions -----------------------------------------------------------


def _reactions(role: Role) -> Iterator[Any]:
    for variants in role.reactions.values():
        yield from variants


def _expressions(story: Story) -> Iterator[Condition | Effects]:
    for node in story.nodes.values():
        for choice in node.choices:
            if choice.condition:
                yield choice.condition
            if choice.effects:
                yield choice.effects
    for role in story.roles.values():
        for reaction in _reactions(role):
            if reaction.effects:
                yield reaction.effects
    yield from story.dynamics.effects.values()
    if story.dynamics.breakdown:
        yield story.dynamics.breakdown


@check
def unknown_variables(g: StoryGraph) -> Iterator[Diagnostic]:
    declared = g.story.state
    for item in _expressions(g.story):
        for name in dict.fromkeys(item.names):
            if name not in declared:
                yield at("CI402", item.loc, f"variable '{name}' in `{item.source}` is not "
                         f"declared under `state:`{did_you_mean(name, declared)}")
    for difficulty in g.story.difficulties.values():
        for name, loc in difficulty.state_locs.items():
            variable = declared.get(name)
            if variable is None:
                yield at("CI402", loc, f"difficulty '{difficulty.id}' sets '{name}', which is "
                         f"not declared under `state:`{did_you_mean(name, declared)}")
            elif not variable.min <= difficulty.state[name] <= variable.max:
                yield at("CI405", loc, f"difficulty '{difficulty.id}' sets '{name}' to "
                         f"{difficulty.state[name]:g}, outside {variable.min:g}.."
                         f"{variable.max:g}")


@check
def unused_variables(g: StoryGraph) -> Iterator[Diagnostic]:
    used = set(BUILTIN_VARIABLES)
    for item in _expressions(g.story):
        used.update(item.names)
    for name, variable in g.story.state.items():
        if name not in used:
            yield at("CI403", variable.loc, f"variable '{name}' is never read or changed")


@check
def conditions_that_never_hold(g: StoryGraph) -> Iterator[Diagnostic]:
    ranges = g.story.ranges()
    for item in _expressions(g.story):
        if isinstance(item, Condition) and set(item.names) <= set(ranges) \
                and never_holds(item.expr, ranges):
            yield at("CI404", item.loc, f"`{item.source}` can never hold: "
                     f"{_ranges_text(item, ranges)}")


def _ranges_text(item: Condition, ranges: dict[str, tuple[float, float]]) -> str:
    names = dict.fromkeys(item.names)
    if not names:
        return "it is constant"
    return ", ".join(f"{n} stays within {ranges[n][0]:g}..{ranges[n][1]:g}" for n in names)


# Lints for calling in ----------------------------------------------------------------


@check
def missing_reactions(g: StoryGraph) -> Iterator[Diagnostic]:
    for role in g.story.roles.values():
        missing = [label for label in REACTION_LABELS if not role.reactions.get(label)]
        if missing:
            yield at("CI501", role.field_locs.get("reactions", role.loc),
                     f"role '{role.id}' has no reaction for: {', '.join(missing)}")


@check
def unearned_best_endings(g: StoryGraph) -> Iterator[Diagnostic]:
    """The best ending should need an acknowledgment, I-statement or open question."""
    unskilled = _successors(g.story, lambda c: not SKILLED_MOVES.intersection(c.tags))
    for role in g.story.roles.values():
        reached_endings = g.reachable_by_role[role.id] & g.endings
        if not reached_endings:
            continue
        best = max(ENDING_RANK[_ending_kind(g.story.nodes[n])] for n in reached_endings)
        came_from = _search(unskilled, role.start)  # one search per role, not per ending
        for nid in sorted(reached_endings & came_from.keys()):
            node = g.story.nodes[nid]
            if ENDING_RANK[_ending_kind(node)] == best:
                yield at("CI502", node.loc, f"role '{role.id}' reaches its best ending '{nid}' "
                         "without an acknowledgment, I-statement or open question, by "
                         f"{_path_text(came_from, nid)}")


def _search(graph: Mapping[str, Iterable[str]], start: str) -> dict[str, tuple[str | None, int]]:
    """Breadth first from `start` in `graph` (node -> next nodes; a networkx DiGraph
    reads so too): each node reached -> (the node before it, moves). Successors in
    id order, so paths never depend on the order edges were written in."""
    came_from: dict[str, tuple[str | None, int]] = {start: (None, 0)}
    frontier, moves = [start], 0
    while frontier:
        moves += 1
        following = []
        for here in frontier:
            for there in sorted(graph[here]):
                if there not in came_from:
                    came_from[there] = (here, moves)
                    following.append(there)
        frontier = following
    return came_from


MAX_PATH_SHOWN = 8  # nodes; a longer path shows its start and its last steps


def _path_text(came_from: dict[str, tuple[str | None, int]], goal: str) -> str:
    """`start -> ... -> goal`, walking back at most MAX_PATH_SHOWN steps, so that
    thousands of endings deep in a big story cost no more than a few each."""
    path, here = [goal], came_from[goal][0]
    while here is not None and len(path) < MAX_PATH_SHOWN:
        path.append(here)
        here = came_from[here][0]
    if here is None:
        return " -> ".join(reversed(path))
    start = next(iter(came_from))  # the search put it first
    moves = came_from[goal][1]
    return f"{start} -> ... -> {' -> '.join(reversed(path[:4]))} ({moves} moves)"


def _ending_kind(node: Node) -> str:
    assert node.ending is not None
    return node.ending.kind


@check
def longest_reply_wins(g: StoryGraph) -> Iterator[Diagnostic]:
    """Length should not give the answer away: a learner who always picks the
    longest reply should not be following the best path."""
    from simulator import gaming

    by_rank: dict[int | None, dict[str, int]] = {}  # roles of one best rank share a search
    for role in g.story.roles.values():
        rank = gaming.best_rank(g.story, role, g.reachable_from_start[role.id])
        if rank not in by_rank:
            by_rank[rank] = gaming.distances_to(g.story, rank)
        path = gaming.best_path(g.story, role, by_rank[rank])
        longest, decisions = gaming.longest_wins(g.story, path)
        if decisions >= gaming.MIN_DECISIONS and 2 * len(longest) > decisions:
            where = ", ".join(c.key for c in longest)
            yield at("CI508", role.loc, f"role '{role.id}': on the way to its best ending "
                     f"'{path[-1].to}', the right reply is the longest at {len(longest)} of "
                     f"{decisions} choices ({where})")


@check_by_playing
def fixed_position_wins(g: StoryGraph) -> Iterator[Diagnostic]:
    """Where a reply is written should not give the answer away either."""
    from simulator import gaming

    for role in g.story.roles.values():
        for n, won in gaming.winning_positions(g.story, role, g.reachable_from_start[role.id]):
            on = f" on {', '.join(str(d) for d in won)}" if won != [None] else ""
            yield at("CI509", role.loc, f"role '{role.id}': always taking reply {n} as "
                     f"written reaches its best ending{on}")


# "seed 002", "seeds 000/001", "the seeds", "the seed texts"; not "the seeds of doubt".
SOURCE_NAMED = re.compile(r"\b(?:the )?seeds?(?: texts?)? ?0\d\d(?: ?(?:/|,|and) ?0\d\d)*\b"
                          r"|\bthe seeds?(?: texts?)?\b(?! of\b)|\bseed texts?\b", re.I)


@check
def seed_ids_shown(g: StoryGraph) -> Iterator[Diagnostic]:
    """Learners never see the sources named: "seed 000" or "the seeds" means nothing
    to them. Sources stay in `sources:` and comments."""
    for loc, text in _learner_texts(g.story):
        found = source_named(text)
        if found:
            yield at("CI506", loc, f"a learner would see '{found.group()}' here")


def source_named(text: str) -> re.Match[str] | None:
    """Where `text` names the sources (SOURCE_NAMED's first match). Every match holds
    "seed" in some case, so most texts are passed over by a substring test, many times
    faster than the pattern (casefold, not lower: re.I also takes the long s, U+017F,
    for an 's')."""
    return SOURCE_NAMED.search(text) if "seed" in text.casefold() else None


def _learner_texts(story: Story) -> Iterator[tuple[Loc, str]]:
    yield from ((story.loc, t) for t in (story.title, story.summary, *story.skills.values()))
    for difficulty in story.difficulties.values():
        yield from ((difficulty.loc, t) for t in (difficulty.title, difficulty.about))
        yield from ((difficulty.for_role_locs[r], t) for r, t in difficulty.for_roles.items())
    for node in story.nodes.values():
        yield from ((line.loc, line.text) for line in (*node.lines, *node.again))
        for c in node.choices:
            yield from ((c.loc, t) for t in (c.say, c.label, c.coach) if t)
        if node.ending is not None:
            texts = [node.ending.title, node.ending.debrief,
                     *(p.text for p in node.ending.paragraphs)]
            yield from ((node.ending.loc, t) for t in texts)
    for role in story.roles.values():
        b = role.briefing
        yield from ((role.loc, t) for t in (role.title, b.situation, b.you, b.goal,
                                            *b.reminders))
        yield from ((r.loc, r.text) for r in _reactions(role))
        if role.rubric is not None:  # the rewrites a report suggests
            yield from ((role.rubric.loc, t) for t in role.rubric.examples.values())


@check
def unused_rubric_items(g: StoryGraph) -> Iterator[Diagnostic]:
    from simulator.rubrics import PROFILES

    for role in g.story.roles.values():
        spec = role.rubric
        if spec is None:
            continue
        scored = {*PROFILES[spec.profile], *spec.add}
        for item in [*spec.drop, *spec.weights]:
            if item not in scored:
                yield at("CI505", spec.loc, f"role '{role.id}' drops or weights '{item}', but "
                         f"its profile '{spec.profile}' does not score it")


@check
def missing_coaching(g: StoryGraph) -> Iterator[Diagnostic]:
    for choice in g.choices():
        if not choice.coach:
            yield at("CI503", choice.loc, f"choice '{choice.key}' has no coaching note")


@check
def loops_without_again(g: StoryGraph) -> Iterator[Diagnostic]:
    for nid in sorted(nodes_on_loops(g.successors)):
        node = g.story.nodes[nid]
        # A loop with no way out is already an error (CI306).
        if node.lines and not node.again and nid in g.can_end:
            yield at("CI510", node.loc, f"the talk can come back to node '{nid}', and "
                     "its lines would be said twice")


@check
def blurbs_for_one_side(g: StoryGraph) -> Iterator[Diagnostic]:
    roles = g.story.roles.values()
    if len({role.side for role in roles}) < 2:
        return
    for difficulty in g.story.difficulties.values():
        missing = [role.id for role in roles if role.id not in difficulty.for_roles]
        if missing:
            yield at("CI511", difficulty.loc, f"difficulty '{difficulty.id}' has no blurb "
                     f"of its own for {', '.join(repr(r) for r in missing)}: both sides "
                     "would read the same words about the other person")


@check
def unused_characters(g: StoryGraph) -> Iterator[Diagnostic]:
    used = {line.speaker for node in g.story.nodes.values()
            for line in (*node.lines, *node.again)}
    for role in g.story.roles.values():
        used |= {role.player, role.partner}
        used |= {r.speaker for r in _reactions(role) if r.speaker}
    for cid, character in g.story.characters.items():
        if cid not in used:
            yield at("CI504", character.loc, f"character '{cid}' never speaks and plays no "
                     "role")


from simulator import check_debriefs as check_debriefs  # noqa: E402  (registers its checks)
