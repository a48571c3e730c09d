"""A longer fuzz run of the targets that tests/test_fuzz.py runs briefly in CI.

    python tools/fuzz.py                    # 2,000 inputs per target
    python tools/fuzz.py --inputs 20000 --target loader

Prints, per target, the inputs tried, the failures and the time; the first
failure of each target is shown (shrunk by hypothesis) and the run goes on.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz_targets import TARGETS


def run_target(name: str, inputs: int) -> tuple[int, int, float]:
    """(inputs tried, failures, seconds) for one target."""
    make, check = TARGETS[name]
    tried = failed = 0

    @settings(max_examples=inputs, deadline=None, database=None,
              suppress_health_check=list(HealthCheck), report_multiple_bugs=False)
    @given(st.data())
    def run(data: Any) -> None:
        nonlocal tried
        tried += 1
        check(data.draw(make()))

    start = time.perf_counter()
    try:
        run()
    except Exception:  # the first failure, shrunk: shown, counted, and the run goes on
        failed += 1
        traceback.print_exc(limit=-3)
    return tried, failed, time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=2_000, help="inputs per target")
    parser.add_argument("--target", choices=list(TARGETS), action="append")
    args = parser.parse_args()
    print(f"{'target':<12} {'inputs':>8} {'failures':>9} {'seconds':>8}")
    total_failed = 0
    for name in args.target or TARGETS:
        tried, failed, seconds = run_target(name, args.inputs)
        total_failed += failed
        print(f"{name:<12} {tried:>8} {failed:>9} {seconds:>8.1f}", flush=True)
    return 1 if total_failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
