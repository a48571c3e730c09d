"""The version files: pins cover everything installed and satisfy pyproject's ranges;
the minimum file is exactly pyproject's lower bounds; tools/pins.py names changes."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT
from tools.pins import canonical, differences, parse

PYPROJECT = (ROOT / "pyproject.toml").read_text(encoding="utf-8")  # no tomllib on Python 3.10
PINNED = parse((ROOT / "constraints" / "pinned.txt").read_text(encoding="utf-8"))
MINIMUM = parse((ROOT / "constraints" / "minimum.txt").read_text(encoding="utf-8"))


def _requirements() -> list[tuple[str, str | None]]:
    """(name, lower bound or None) of every runtime and test dependency."""
    found = []
    lists = re.findall(r"^(?:dependencies|test) = \[(.*?)\]", PYPROJECT, re.MULTILINE | re.DOTALL)
    assert len(lists) == 2
    for requirement in re.findall(r'"([^"]+)"', "".join(lists)):
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)(?:>=([0-9.]+))?", requirement)
        assert match, f"{requirement}: only NAME or NAME>=VERSION ranges are used"
        found.append((canonical(match[1]), match[2]))
    return found


def _version(text: str) -> tuple[int, ...]:
    """Comparable, with trailing zeros dropped (4.8 == 4.8.0)."""
    parts = [int(part) for part in re.findall(r"\d+", text)]
    while parts and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


@pytest.mark.parametrize(("name", "lower"), _requirements())
def test_every_dependency_is_pinned_within_its_range(name: str, lower: str | None) -> None:
    assert name in PINNED, f"{name} is not in constraints/pinned.txt"
    if lower is not None:
        assert _version(PINNED[name]) >= _version(lower)


@pytest.mark.parametrize(("name", "lower"), [(n, v) for n, v in _requirements() if v])
def test_the_minimum_file_is_pyprojects_lower_bounds(name: str, lower: str) -> None:
    assert _version(MINIMUM[name]) == _version(lower)


def test_the_minimum_file_names_nothing_else() -> None:
    assert set(MINIMUM) == {n for n, v in _requirements() if v}


def test_differences_name_changed_new_and_gone_packages() -> None:
    pinned = parse("rich==15.0.0\nPyYAML==6.0.4\nold_thing==1.0\n")
    found = parse("rich==15.1.0\npyyaml==6.0.4\nnew.thing==0.1\n")
    assert differences(pinned, found) == [
        "  new-thing: pinned (not pinned), installed 0.1",
        "  old-thing: pinned 1.0, installed (not installed)",
        "  rich: pinned 15.0.0, installed 15.1.0",
    ]
