"""Benchmark: load + check of synthetic stories, and the CLI's start-up time.

    python tools/bench_load.py                # 1k, 10k and 100k nodes, both shapes
    python tools/bench_load.py --quick        # 1k and 10k only
    python tools/bench_load.py --shape bare   # one shape

Targets (issue "Story format, safe loader, checks and `callin validate`"):
a 10k-node story loads and checks in under 2 s, growth is close to linear,
and `callin --version` starts in under 150 ms. Issue #13 (hardening): on any
shape, 100k nodes take at most ~10x the time of 10k and under 1 GB of memory.
Each size is measured in a fresh process, so its peak memory is its own.
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
TARGET_GROWTH = 10.0  # 100k nodes vs 10k: linear ("~10x"; 15% allowed for timing noise)
TARGET_PEAK_MB = 1024.0
SHAPES = ("realistic", "bare")


def time_validate(folder: Path, warm_up: Path) -> tuple[float, int]:
    """CPU seconds of validating `folder` once, after validating `warm_up` (another
    story: imports and compiled patterns are ready, but nothing of `folder` is cached,
    so every size is timed alike). CPU time, so growth reads the same on a busy machine."""
    validate(warm_up)
    gc.collect()
    start = time.process_time()
    _, diagnostics = validate(folder)
    return time.process_time() - start, len(diagnostics)


def time_version(runs: int = 15) -> float:
    command = [sys.executable, "-m", "simulator", "--version"]
    subprocess.run(command, check=True, capture_output=True)  # warm the file cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def measure(folder: Path, warm_up: Path, repeats: int) -> tuple[float, int, float]:
    """(best seconds, problems found, peak MB) of validating `folder`, each try in a new
    process, so its peak memory is its own and no try warms the next."""
    code = ("import resource, sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); "
            "from tools.bench_load import time_validate; "
            "s, n = time_validate(Path(sys.argv[2]), Path(sys.argv[3])); "
            "print(s, n, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)")
    tries = []
    for _ in range(repeats):
        done = subprocess.run([sys.executable, "-c", code, str(Path(__file__).parent.parent),
                               str(folder), str(warm_up)], check=True, capture_output=True,
                              text=True)
        seconds, found, peak = done.stdout.split()
        tries.append((float(seconds), int(found), float(peak)))
    return min(tries)


def bench_shape(shape: str, sizes: list[int], tmp: Path) -> tuple[dict[int, float], float]:
    results: dict[int, float] = {}
    peak_at_largest = 0.0
    print(f"\nshape: {shape}")
    print(f"{'nodes':>8} {'files':>6} {'MB':>7} {'CPU s':>8} {'nodes/s':>9} {'problems':>9}"
          f" {'peak MB':>8}")
    warm_up = write(tmp / f"{shape}-warm-up", 300, seed=2, shape=shape)
    for n in sizes:
        folder = write(tmp / f"{shape}-{n}", n, shape=shape)
        megabytes = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
        seconds, found, peak = measure(folder, warm_up, repeats=3 if n <= 10_000 else 2)
        results[n], peak_at_largest = seconds, peak
        files = len(list(folder.iterdir()))
        print(f"{n:>8} {files:>6} {megabytes:>7.1f} {seconds:>8.2f} {n / seconds:>9.0f} "
              f"{found:>9} {peak:>8.0f}")
    for a, b in itertools.pairwise(sizes):
        print(f"  {b:>7} vs {a}: time x{results[b] / results[a]:.1f} for x{b // a} nodes "
              f"(per node x{results[b] / results[a] / (b / a):.2f}; 1.00 is linear)")
    return results, peak_at_largest


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="skip the 100k-node stories")
    parser.add_argument("--shape", choices=SHAPES, action="append",
                        help="a story shape (default: all)")
    args = parser.parse_args()
    sizes = [1_000, 10_000] if args.quick else [1_000, 10_000, 100_000]
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        for shape in args.shape or SHAPES:
            results, peak = bench_shape(shape, sizes, Path(tmp))
            ok &= results[10_000] < TARGET_10K_SECONDS or shape == "bare"
            if 100_000 in results:
                ok &= results[100_000] / results[10_000] <= TARGET_GROWTH * 1.15
                ok &= peak < TARGET_PEAK_MB
    version_ms = time_version()
    print(f"\ncallin --version: {version_ms:.0f} ms (median of 15)")
    ok &= version_ms < TARGET_VERSION_MS
    print(f"targets: 10k realistic nodes < {TARGET_10K_SECONDS} s; 100k <= "
          f"x{TARGET_GROWTH:.0f} the time of 10k and < {TARGET_PEAK_MB:.0f} MB on every shape; "
          f"--version < {TARGET_VERSION_MS:.0f} ms: {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
