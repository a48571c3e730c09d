"""The published JSON Schema and the docs agree with the code."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from simulator import schema
from simulator.check import validate
from simulator.diagnostics import CODES, docs_markdown
from simulator.load import load_text
from tests.conftest import CHECKS, DATA, DOCS, bundled_scenarios
from tests.helpers import format_example


def _plain(value: object) -> object:
    """A raw tree as plain JSON-like data, for jsonschema."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _schema_errors(text: str) -> list[str]:
    tree = load_text(text).tree
    validator = jsonschema.Draft202012Validator(schema.json_schema())
    return [e.message for e in validator.iter_errors(_plain(tree))]


def test_published_schema_is_up_to_date() -> None:
    on_disk = schema.SCHEMA_PATH.read_text(encoding="utf-8")
    assert on_disk == schema.schema_text(), "run `python -m simulator.schema`"


def test_published_schema_is_a_valid_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(json.loads(schema.SCHEMA_PATH.read_text()))


def test_diagnostics_page_is_up_to_date() -> None:
    on_disk = (DOCS / "diagnostics.md").read_text(encoding="utf-8")
    assert on_disk == docs_markdown(), "run `python -m simulator.diagnostics > docs/diagnostics.md`"


def _story_files() -> list[Path]:
    files = [p for d in bundled_scenarios() for p in sorted(d.glob("*.yaml"))]
    return [*files, DATA / "base.yaml"]


@pytest.mark.parametrize("path", _story_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_schema_accepts_every_bundled_story_file(path: Path) -> None:
    assert _schema_errors(path.read_text(encoding="utf-8")) == []


def test_schema_accepts_the_worked_example() -> None:
    assert _schema_errors(format_example()) == []


def test_bundled_story_files_point_editors_at_the_schema() -> None:
    for path in _story_files()[:-1]:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("=", 1)[1]).resolve()
        assert target == schema.SCHEMA_PATH.resolve(), path


# Files whose only problems are of the file's shape: the schema must reject them
# too, so editors underline what `callin validate` reports.
SCHEMA_LEVEL = sorted(p for p in CHECKS.glob("CI20[0-5]*.yaml") if "top_level" not in p.name)


@pytest.mark.parametrize("path", SCHEMA_LEVEL, ids=lambda p: p.name)
def test_schema_and_loader_agree_on_broken_files(path: Path) -> None:
    _, found = validate(path)
    assert any(d.code.startswith("CI20") for d in found)
    assert _schema_errors(path.read_text(encoding="utf-8")) != []


def test_every_format_key_is_documented() -> None:
    doc = (DOCS / "format.md").read_text(encoding="utf-8")
    missing = [key for key in _all_keys(schema.json_schema()) if f"`{key}`" not in doc
               and f"{key}:" not in doc]
    assert missing == []


def _all_keys(node: object) -> set[str]:
    keys: set[str] = set()
    if isinstance(node, dict):
        keys |= set(node.get("properties", {}))
        for value in node.values():
            keys |= _all_keys(value)
    elif isinstance(node, list):
        for value in node:
            keys |= _all_keys(value)
    return keys


def test_docs_name_every_code() -> None:
    page = (DOCS / "diagnostics.md").read_text(encoding="utf-8")
    assert all(code in page for code in CODES)
