"""Benchmark: a free-mode turn as a learner waits for it, routing and all.

    python tools/bench_free.py

Replays every playthrough of tools/data/free_playthroughs.yaml (lines typed as
learners type them) with `--confirm unsure`, timing each `Session.say`: the
analyzer with its model, meaning, routing, the partner's answer and the save.
Each playthrough starts with empty caches, as a learner's first session does;
the model is loaded first (its load time is bench_analyze's). Target (issue
"Free mode v2"): p99 < 30 ms a turn with the learned analyzer.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from simulator import meaning
from simulator.analyze import analyze
from simulator.build import load_story
from simulator.engine import Session
from simulator.stories import bundled_root

DATA = Path(__file__).resolve().parent / "data" / "free_playthroughs.yaml"
TARGET_P99_MS = 30.0


def turn_times(folder: Path) -> list[float]:
    plays = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    stories = {}
    times = []
    for number, play in enumerate(plays):
        if play["scenario"] not in stories:
            stories[play["scenario"]], _ = load_story(bundled_root() / play["scenario"])
        meaning.clear()
        session = Session(stories[play["scenario"]], play["role"], play.get("difficulty"),
                          "free", path=folder / f"{number}.json")
        for text in play["say"]:
            if session.ended:
                break
            start = time.perf_counter()
            if session.say(text, confirm="unsure").ask:
                session.say(text, confirm="never")
            times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> int:
    analyze("load the model first", side="calling-in")
    with tempfile.TemporaryDirectory() as tmp:
        times = sorted(turn_times(Path(tmp)))
    p50, p99 = times[len(times) // 2], times[int(len(times) * 0.99)]
    met = p99 < TARGET_P99_MS
    print(f"{len(times)} turns: p50 {p50:.1f} ms, p99 {p99:.1f} ms, worst {times[-1]:.1f} ms "
          f"(target p99 < {TARGET_P99_MS:.0f} ms: {'met' if met else 'MISSED'})")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
