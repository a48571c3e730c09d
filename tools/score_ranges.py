"""Score range per ending kind, per bundled role, from `callin test --json`.

    python tools/score_ranges.py [RUNS]     # RUNS random runs per role and difficulty

A sound-call ending's kind is marked with `*`. The mean of a kind is weighted by
how often each of its endings was reached.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from simulator.build import load_story

ROOT = Path(__file__).resolve().parent.parent


def role_ranges(folder: Path, role: str, runs: int) -> dict[str, tuple[float, float, float, float]]:
    """Ending kind -> (min, mean, max, share of runs)."""
    story, _ = load_story(folder)
    assert story is not None
    out = subprocess.run([sys.executable, "-m", "simulator", "test", str(folder), "--role", role,
                          "--runs", str(runs), "--json"], capture_output=True, text=True,
                         check=True).stdout
    kinds: dict[str, list[float]] = defaultdict(lambda: [1000.0, 0.0, -1.0, 0.0])
    for node, ending in json.loads(out)["endings"].items():
        spread = ending["score"]
        if not spread:
            continue
        end = story.nodes[node].ending
        kind = ending["kind"] + ("*" if end is not None and end.sound_call else "")
        row = kinds[kind]
        row[0], row[2] = min(row[0], spread["min"]), max(row[2], spread["max"])
        row[1] += spread["mean"] * ending["share"]
        row[3] += ending["share"]
    return {k: (v[0], v[1] / v[3], v[2], v[3]) for k, v in kinds.items()}


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    order = ["repaired", "door-open*", "door-open", "stalled", "broke-down"]
    for folder in sorted(p for p in (ROOT / "stories").iterdir() if p.name != "graphs"):
        story, _ = load_story(folder)
        assert story is not None
        for role in story.roles:
            ranges = role_ranges(folder, role, runs)
            cells = [f"{k} {lo:.0f}-{hi:.0f} (mean {mean:.1f}, {share:.1%})"
                     for k in order if k in ranges for lo, mean, hi, share in [ranges[k]]]
            print(f"{folder.name}/{role}: " + "; ".join(cells), flush=True)


if __name__ == "__main__":
    main()
