"""Benchmark: drawing a 1,000-node synthetic story with Graphviz.

    python tools/bench_graph.py            # or --nodes N

Times `callin graph` end to end (load, DOT, `dot -Tsvg`) for the whole story
and for `--focus` on one node with the default depth. Targets (issue "Story
graphs for review"): with --focus under 5 s, whole under a minute.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools.gen_story import write

FOCUS_TARGET, WHOLE_TARGET = 5.0, 60.0


def timed(arguments: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "simulator", "graph", *arguments], check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=1_000)
    args = parser.parse_args()
    folder = write(Path(tempfile.mkdtemp()) / "synthetic", args.nodes)
    from simulator.build import load_story

    story, _ = load_story(folder)
    assert story is not None
    middle = list(story.nodes)[len(story.nodes) // 2]
    out = folder.parent / "graph.svg"
    focus = timed([str(folder), "--focus", middle, "-o", str(out)])
    whole = timed([str(folder), "-o", str(out)])
    print(f"{len(story.nodes)} nodes: --focus {middle}: {focus:.2f} s (target < {FOCUS_TARGET:g} s)"
          f"; whole: {whole:.2f} s (target < {WHOLE_TARGET:g} s)")
    ok = focus < FOCUS_TARGET and whole < WHOLE_TARGET
    print("targets:", "met" if ok else "MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
