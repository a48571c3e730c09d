"""Shared paths and helpers for the test suite."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
CHECKS = DATA / "checks"
STORIES = ROOT / "stories"
DOCS = ROOT / "docs"


def bundled_scenarios() -> list[Path]:
    return sorted(p for p in STORIES.iterdir() if p.is_dir() and any(p.glob("*.yaml")))


@pytest.fixture
def example_story(tmp_path: Path) -> Path:
    """The complete worked example of docs/format.md, as a file."""
    from tests.helpers import format_example

    path = tmp_path / "example.yaml"
    path.write_text(format_example(), encoding="utf-8")
    return path


@pytest.fixture
def rules_reading(monkeypatch: pytest.MonkeyPatch) -> object:
    """The rules' deterministic reading, for tests of routing logic alone (how well the
    model reads is measured by `callin test --free` and tests/test_analyzer_model.py)."""
    from simulator.analyze.model import loaded

    monkeypatch.setenv("CALLIN_ANALYZER", "rules")
    loaded.cache_clear()
    yield
    loaded.cache_clear()
