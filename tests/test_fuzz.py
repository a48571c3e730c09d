"""Fuzzing in CI (a minute at most): each target with a few hundred inputs.
`python tools/fuzz.py` runs the same targets much longer."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz_targets import TARGETS

# Inputs per target in CI: the loader and transcripts are cheap, a graph or a
# database per input less so.
EXAMPLES = {"loader": 500, "transcripts": 300, "plans": 200, "coverage": 30, "progress-db": 100}


@pytest.mark.parametrize("target", list(TARGETS))
def test_fuzz(target: str) -> None:
    inputs, check = TARGETS[target]

    @settings(max_examples=EXAMPLES[target], deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.data())
    def run(data: Any) -> None:
        check(data.draw(inputs()))

    run()
