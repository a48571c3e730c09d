"""Small helpers shared by tests."""

from __future__ import annotations

import re
from pathlib import Path

from simulator.build import load_story
from simulator.model import Story
from tests.conftest import DOCS


def format_example() -> str:
    """The YAML of the worked example at the end of docs/format.md."""
    text = (DOCS / "format.md").read_text(encoding="utf-8")
    section = text.split("## A complete worked example", 1)[1]
    match = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    assert match, "docs/format.md has no worked example"
    return match.group(1)


def located(diagnostics: list) -> list[str]:  # type: ignore[type-arg]
    """'line:col CODE' for each diagnostic, the form the tables use."""
    return [f"{d.line}:{d.col} {d.code}" for d in diagnostics]


def built(path: Path) -> Story:
    """A story file or folder that must load without a problem."""
    story, found = load_story(path)
    assert story is not None and not found, found
    return story
