"""Benchmark: load + check of synthetic stories, and the CLI's start-up time.

    python tools/bench_load.py            # 1k, 10k and 100k nodes
    python tools/bench_load.py --quick    # 1k and 10k only

Targets (issue "Story format, safe loader, checks and `callin validate`"):
a 10k-node story loads and checks in under 2 s, growth is close to linear,
and `callin --version` starts in under 150 ms.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from simulator.check import validate
from tools.gen_story import write

TARGET_10K_SECONDS = 2.0
TARGET_VERSION_MS = 150.0


def time_validate(folder: Path, repeats: int) -> tuple[float, int]:
    best, found = float("inf"), 0
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        _, diagnostics = validate(folder)
        best = min(best, time.perf_counter() - start)
        found = len(diagnostics)
    return best, found


def time_version(runs: int = 15) -> float:
    command = [sys.executable, "-m", "simulator", "--version"]
    subprocess.run(command, check=True, capture_output=True)  # warm the file cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="skip the 100k-node story")
    args = parser.parse_args()
    sizes = [1_000, 10_000] if args.quick else [1_000, 10_000, 100_000]
    # Import the checks' dependencies once, outside the timings of one size.
    import networkx  # noqa: F401

    results: dict[int, float] = {}
    print(f"{'nodes':>8} {'files':>6} {'MB':>7} {'seconds':>8} {'nodes/s':>9} {'problems':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            folder = write(Path(tmp) / f"story-{n}", n)
            megabytes = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
            seconds, found = time_validate(folder, repeats=3 if n <= 10_000 else 1)
            results[n] = seconds
            files = len(list(folder.iterdir()))
            print(f"{n:>8} {files:>6} {megabytes:>7.1f} {seconds:>8.2f} {n / seconds:>9.0f} "
                  f"{found:>9}")
    growth = [(b, results[b] / results[a] / (b / a)) for a, b in itertools.pairwise(sizes)]
    version_ms = time_version()
    print()
    for size, ratio in growth:
        print(f"time per node at {size:>7} vs the size below: x{ratio:.2f} (1.00 is linear)")
    print(f"callin --version: {version_ms:.0f} ms (median of 15)")
    ok = results[10_000] < TARGET_10K_SECONDS and version_ms < TARGET_VERSION_MS
    print(f"\ntargets: 10k nodes < {TARGET_10K_SECONDS} s, --version < {TARGET_VERSION_MS:.0f} ms:"
          f" {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
