"""Benchmark: the engine's random playthroughs against a bare dict-walk floor.

    python tools/bench_engine.py

For each bundled story role and a synthetic story, it measures random choices
per second made by `Session` in choice mode with scoring off (`record=False`:
no turns kept, nothing saved; restarted for each playthrough as `callin test`
does) and,
in the same run, by a bare walk over plain dicts of the same graph (choose a
random visible choice, apply its effects, move on): the floor for a Python
engine. Target: the engine at no less than a quarter of the dict-walk's rate.
It also shows the rate with every turn recorded (what a learner's session
does), and times a free-mode turn (analyze, route, react): target under 2 ms.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from simulator.build import load_story
from simulator.engine import Session
from simulator.expr import compile_expr, compiled_effects, run_effects
from simulator.model import Story
from simulator.stories import bundled_ids, bundled_root
from tools.gen_story import write

MAX_STEPS = 200
SECONDS = 1.5


def engine_rate(story: Story, role: str, seed: int = 1, record: bool = False) -> float:
    rng = random.Random(seed)
    choices = 0
    deadline = time.perf_counter() + SECONDS
    start = time.perf_counter()
    session = Session(story, role, record=record)
    while time.perf_counter() < deadline:
        session.restart()  # a new playthrough, as `callin test` starts one
        for _ in range(MAX_STEPS):
            offered = session.choices
            if not offered:
                break
            session.choose(rng.choice(offered).number)
            choices += 1
    return choices / (time.perf_counter() - start)


def dict_graph(story: Story) -> dict[str, list[tuple[Any, Any, str]]]:
    return {nid: [(compile_expr(c.condition.expr) if c.condition else None,
                   compiled_effects(c.effects.source) if c.effects else (), c.to)
                  for c in node.choices]
            for nid, node in story.nodes.items()}


def dict_walk_rate(story: Story, role: str, seed: int = 1) -> float:
    graph, ranges = dict_graph(story), story.ranges()
    start_node, initial = story.roles[role].start, story.initial_state()
    rng = random.Random(seed)
    choices = 0
    deadline = time.perf_counter() + SECONDS
    start = time.perf_counter()
    while time.perf_counter() < deadline:
        node, state = start_node, dict(initial)
        for _ in range(MAX_STEPS):
            visible = [c for c in graph[node] if c[0] is None or c[0](state)]
            if not visible:
                break
            _, effects, node = rng.choice(visible)
            run_effects(effects, state, ranges)
            choices += 1
    return choices / (time.perf_counter() - start)


def free_turn_ms(story: Story, role: str) -> float:
    lines = ["I felt hurt when you did that voice.", "What did you mean by it?",
             "You always do this.", "It was just a joke, lighten up.",
             "Thank you for telling me. I'm sorry I did that."]
    turns, start = 0, time.perf_counter()
    while time.perf_counter() - start < SECONDS:
        session = Session(story, role, mode="free")
        for text in lines:
            if session.ended:
                break
            session.say(text)
            turns += 1
    return (time.perf_counter() - start) / turns * 1000


def stories() -> list[tuple[str, Story]]:
    out = []
    for sid in bundled_ids():
        story, _ = load_story(bundled_root() / sid)
        if story is not None:
            out.append((sid, story))
    folder = write(Path(tempfile.mkdtemp()) / "synthetic", 1_000)
    synthetic, _ = load_story(folder)
    assert synthetic is not None
    out.append(("synthetic-1k", synthetic))
    return out


def main() -> int:
    print(f"{'story':<16} {'role':<8} {'engine/s':>10} {'recording/s':>12} {'dict-walk/s':>12} "
          f"{'ratio':>6} {'free turn':>10}")
    worst_ratio, worst_free = float("inf"), 0.0
    for sid, story in stories():
        for role in story.roles:
            engine, floor = engine_rate(story, role), dict_walk_rate(story, role)
            recording = engine_rate(story, role, record=True)
            free = free_turn_ms(story, role)
            worst_ratio, worst_free = min(worst_ratio, engine / floor), max(worst_free, free)
            print(f"{sid:<16} {role:<8} {engine:>10.0f} {recording:>12.0f} {floor:>12.0f} "
                  f"{engine / floor:>6.2f} {free:>8.2f}ms")
    ok = worst_ratio >= 0.25 and worst_free < 2.0
    print(f"\ntargets: engine >= 0.25 x dict-walk (worst {worst_ratio:.2f}), free turn < 2 ms "
          f"(worst {worst_free:.2f} ms): {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
