"""Playtest: `callin test` for authors. Random, exhaustive and planned play.

- random (like ChoiceScript's randomtest): N seeded playthroughs per role and
  difficulty; coverage of nodes, choices and endings, what is never reached,
  scores per ending, the shortest run to each ending, and runtime errors with
  the seed that replays them.
- exhaustive (like quicktest): every reachable state explored with the
  engine's own undo, so every choice that can be taken is taken at least once.
- plans: golden play-throughs kept next to each scenario (see `plans.py`).

All of it drives the real engine, so what is tested is what learners play.
"""

from __future__ import annotations

import random
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from simulator.engine import Session
from simulator.model import Story
from simulator.score import score

MAX_STEPS = 400  # a run longer than this is reported as never ending
MAX_STATES = 200_000  # exhaustive exploration stops here and says so


def _setups(story: Story, roles: list[str] | None,
            difficulties: list[str] | None) -> list[tuple[str, str | None]]:
    chosen_roles = roles or list(story.roles)
    chosen = difficulties or list(story.difficulties) or [None]  # type: ignore[list-item]
    return [(role, difficulty) for role in chosen_roles for difficulty in chosen]


# Random ------------------------------------------------------------------------------


@dataclass
class RandomReport:
    runs: int
    seed: int
    node_hits: Counter[str] = field(default_factory=Counter)
    choice_hits: Counter[str] = field(default_factory=Counter)
    ending_hits: Counter[str] = field(default_factory=Counter)
    scores: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    shortest: dict[str, list[str]] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)
    never_ended: int = 0


def random_test(story: Story, runs: int = 10_000, seed: int = 1,
                roles: list[str] | None = None,
                difficulties: list[str] | None = None,
                progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    """`runs` random playthroughs per role and difficulty; the JSON-ready report.
    `progress(done, total)` is told how far it is, every few hundred runs."""
    setups = _setups(story, roles, difficulties)
    report = RandomReport(runs=runs * len(setups), seed=seed)
    scored: dict[tuple[str, str | None, tuple[str, ...]], int] = {}
    for index, (role, difficulty) in enumerate(setups):
        # Scoring off (no turns kept), restarted for each run: each distinct path is
        # replayed in full only to be scored.
        session = Session(story, role, difficulty, record=False)
        for run in range(runs):
            if progress is not None and run % _PROGRESS_EVERY == 0:
                progress(index * runs + run, report.runs)
            run_seed = seed + index * runs + run
            try:
                _random_run(session, run_seed, report, scored)
            except Exception as error:  # a bug in the story or engine: report the seed
                report.errors.append({"seed": run_seed, "role": role, "difficulty": difficulty,
                                      "error": f"{type(error).__name__}: {error}"})
    return _random_json(story, report, _universe(story, [r for r, _ in setups]))


_PROGRESS_EVERY = 250  # runs between progress reports: often enough to see it move


def _universe(story: Story, roles: list[str]) -> set[str]:
    """The nodes the tested roles could reach at all: what coverage is out of."""
    from simulator.check import StoryGraph

    graph = StoryGraph(story)
    return set().union(*(graph.reachable(story.roles[role]) for role in roles))


def _random_run(session: Session, run_seed: int, report: RandomReport,
                scored: dict[Any, int]) -> None:
    rng = random.Random(run_seed)
    session.restart()
    role, difficulty = session.transcript.role, session.transcript.difficulty
    visited = {session.node}
    for _ in range(MAX_STEPS):
        offered = session.choices
        if not offered:
            break
        session.choose(offered[rng.randrange(len(offered))].number)
        visited.add(session.node)
    path = session.moves
    report.node_hits.update(visited)
    report.choice_hits.update(set(path))
    ending = session.transcript.ending
    if ending is None:
        report.never_ended += 1
        return
    node = ending["node"]
    report.ending_hits[node] += 1
    key = (role, difficulty, tuple(path))
    if key not in scored:  # the same path always scores the same: score it once
        overall = score(_replay(session.story, role, difficulty, path).transcript).overall
        assert overall is not None, "an ended conversation always has an overall score"
        scored[key] = overall
    report.scores[node].append(scored[key])
    if node not in report.shortest or len(path) < len(report.shortest[node]):
        report.shortest[node] = list(path)


def _random_json(story: Story, report: RandomReport, universe: set[str]) -> dict[str, Any]:
    runs = max(report.runs, 1)
    nodes = [nid for nid in story.nodes if nid in universe]
    choices = [c.key for nid in nodes for c in story.nodes[nid].choices]
    endings = [nid for nid in nodes if story.nodes[nid].ending]
    return {
        "mode": "random",
        "scenario": story.id,
        "runs": report.runs,
        "seed": report.seed,
        "errors": report.errors,
        "never_ended": report.never_ended,
        "coverage": {
            "nodes": {nid: report.node_hits[nid] / runs for nid in nodes},
            "choices": {key: report.choice_hits[key] / runs for key in choices},
            "endings": {nid: report.ending_hits[nid] / runs for nid in endings},
        },
        "unreached": {
            "nodes": [nid for nid in nodes if not report.node_hits[nid]],
            "choices": [key for key in choices if not report.choice_hits[key]],
            "endings": [nid for nid in endings if not report.ending_hits[nid]],
        },
        "endings": {
            nid: {
                "kind": _kind(story, nid),
                "share": report.ending_hits[nid] / runs,
                "score": _distribution(report.scores.get(nid, [])),
                "shortest": report.shortest.get(nid),
            } for nid in endings
        },
    }


def _kind(story: Story, node_id: str) -> str:
    ending = story.nodes[node_id].ending
    return ending.kind if ending else ""


def _distribution(values: list[int]) -> dict[str, float] | None:
    if not values:
        return None
    return {"min": min(values), "mean": round(statistics.fmean(values), 1),
            "max": max(values)}


# Exhaustive ---------------------------------------------------------------------------


def exhaustive_test(story: Story, roles: list[str] | None = None,
                    difficulties: list[str] | None = None) -> dict[str, Any]:
    """Explore every reachable state of every role and difficulty with undo."""
    taken: set[str] = set()
    reached: set[str] = set()
    endings: set[str] = set()
    states = 0
    complete = True
    setups = _setups(story, roles, difficulties)
    for role, difficulty in setups:
        explorer = _Explorer(Session(story, role, difficulty), MAX_STATES - states)
        explorer.explore()
        taken |= explorer.taken
        reached |= explorer.reached
        endings |= explorer.endings
        states += explorer.states
        complete = complete and explorer.complete
    nodes = [nid for nid in story.nodes if nid in _universe(story, [r for r, _ in setups])]
    choices = [c.key for nid in nodes for c in story.nodes[nid].choices]
    all_endings = [nid for nid in nodes if story.nodes[nid].ending]
    return {
        "mode": "exhaustive",
        "scenario": story.id,
        "states": states,
        "complete": complete,
        "unreached": {
            "nodes": [nid for nid in nodes if nid not in reached],
            "choices": [key for key in choices if key not in taken],
            "endings": [nid for nid in all_endings if nid not in endings],
        },
    }


class _Explorer:
    """Depth-first search over (node, state, once-used) with the engine's own undo."""

    def __init__(self, session: Session, budget: int) -> None:
        self.session = session
        self.budget = budget
        self.seen: set[tuple[Any, ...]] = set()
        self.taken: set[str] = set()
        self.reached: set[str] = {session.node}
        self.endings: set[str] = set()
        self.states = 0
        self.complete = True

    def explore(self) -> None:
        session = self.session
        stack: list[list[str]] = [[o.choice.key for o in session.choices]]
        self.seen.add(session.position())
        while stack:
            if not stack[-1]:
                stack.pop()
                if stack:
                    session.undo()
                continue
            key = stack[-1].pop()
            session.choose(key)
            self.taken.add(key)
            self.reached.update(t.node for t in session.turns[-3:])
            self.reached.add(session.node)
            if session.ended:
                self.endings.add(session.node)
            state = session.position()
            if state in self.seen or session.ended:
                session.undo()
                continue
            self.seen.add(state)
            self.states += 1
            if self.states >= self.budget:
                self.complete = False
                return
            stack.append([o.choice.key for o in session.choices])


# Shortest paths ------------------------------------------------------------------------


def shortest_paths(story: Story, role: str, difficulty: str | None) -> dict[str, list[str]]:
    """The shortest list of choice keys to each ending this role and difficulty can reach.

    Breadth-first over the engine's states, replaying each path from the start,
    so that what is found is exactly what a learner could play.
    """
    from collections import deque

    start = Session(story, role, difficulty)
    seen = {start.position()}
    queue: deque[list[str]] = deque([[]])
    found: dict[str, list[str]] = {}
    while queue and len(seen) < MAX_STATES:
        path = queue.popleft()
        session = _replay(story, role, difficulty, path)
        for offered in session.choices:
            step = [*path, offered.choice.key]
            session.choose(offered.number)
            if session.ended:
                found.setdefault(session.node, step)
            elif session.position() not in seen:
                seen.add(session.position())
                queue.append(step)
            session.undo()
    return found


def _replay(story: Story, role: str, difficulty: str | None, path: list[str]) -> Session:
    """Play `path` again, recording every turn (to score it, or explore from it)."""
    session = Session(story, role, difficulty)
    for key in path:
        session.choose(key)
    return session
