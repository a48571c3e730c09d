"""The safe loader: file-level problems, scalar resolution, positions."""

from __future__ import annotations

from pathlib import Path

import pytest

import simulator.load
from simulator.load import (
    MAX_DEPTH,
    SYNTAX_PROBLEMS,
    RawList,
    RawMap,
    load_bytes,
    load_file,
    load_text,
)


def codes(result: object) -> list[str]:
    return [f"{d.line}:{d.col} {d.code}" for d in result.diagnostics]  # type: ignore[attr-defined]


@pytest.mark.parametrize(("data", "expected"), [
    (b"", ["0:0 CI105"]),
    (b"   \n\n", ["0:0 CI105"]),
    (b"# only a comment\n# and another\n", ["0:0 CI105"]),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ["0:0 CI103"]),
    (b"callin: 1\ntitle: caf\xe9\n", ["2:11 CI104"]),
    (b"callin: 1\n\xff\xfe", ["2:1 CI104"]),
    (b"\xef\xbb\xbfcallin: 1\n", []),  # a UTF-8 byte-order mark is fine
    (b"just text", ["1:1 CI203"]),
    (b"callin: 1\n\tbad: tab\n", ["2:1 CI106"]),
    (b"key: [unclosed\n", ["2:1 CI106"]),
    (b"a: *nowhere\n", ["1:4 CI106"]),
    (b"? [complex, key]\n: value\n", ["1:3 CI203"]),
    (b"a: !custom 5\n", ["1:4 CI107"]),
    (b"a: !!binary aGVsbG8=\n", ["1:4 CI107"]),
    (b"a: !!python/name:os.system\n", ["1:4 CI107"]),
    (b"a: !!str 5\nb: !!int 5\n", []),
])
def test_file_problems(data: bytes, expected: list[str]) -> None:
    assert codes(load_bytes(data, "f.yaml")) == expected


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 999, 1000, 1001, 200_000])
def test_deep_nesting_is_refused_with_our_message_whatever_libyaml_allows(depth: int) -> None:
    # libyaml refuses 1,000 levels as a syntax error of its own; the refusal is ours.
    result = load_text("a: " + "[" * depth + "]" * depth, "deep.yaml")
    assert [d.code for d in result.diagnostics] == ["CI109"]
    assert result.diagnostics[0].message == f"nesting is deeper than {MAX_DEPTH} levels"


def test_nesting_at_the_limit_is_fine() -> None:
    text = "a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)
    assert load_text(text).diagnostics == []


def test_a_limit_of_the_fast_parser_never_refuses_a_file_we_accept(
        monkeypatch: pytest.MonkeyPatch) -> None:
    class StricterParser:  # as a future libyaml with a lower limit would be
        def __init__(self, text: str) -> None:
            raise simulator.load.yaml.scanner.ScannerError(problem="exceeded a limit")

    monkeypatch.setattr(simulator.load, "_Parser", StricterParser)
    result = load_text("a: [[[1]]]\nb: {c: [2]}\n")
    assert result.diagnostics == []
    assert result.tree == {"a": [[[1]]], "b": {"c": [2]}}


SYNTAX_CASES = [
    ("callin: 1\n\tbad: tab\n", "a tab character"),
    ("a: @x\n", "a character that cannot start a value here"),
    ("a: b: c\n", "a ':' where a value was expected"),
    ("a:\n  b: 1\n c: 2\n", "the indentation does not line up"),
    ("key: [unclosed\n", "a [list] is not closed"),
    ("a: {x: 1\n", "a {mapping} is not closed"),
    ('a: "open\n', "the file ends inside a quoted value"),
    ('a: "bad \\q"\n', "an unknown escape"),
    ("a: 1\nb\n", "a line that is neither"),
    ("---\na: 1\n...\nfoo\n", "text after the end of the document"),
]


@pytest.mark.parametrize(("text", "ours"), SYNTAX_CASES)
def test_syntax_errors_are_in_our_words(text: str, ours: str) -> None:
    # A new PyYAML that words a problem differently fails here, by name.
    [found] = load_text(text, "f.yaml").diagnostics
    assert found.code == "CI106"
    assert found.message.startswith(f"YAML syntax error: {ours}"), found.message


def test_every_known_syntax_problem_is_tested() -> None:
    tested = {ours for _, ours in SYNTAX_CASES}
    for _, wording in SYNTAX_PROBLEMS:
        assert any(wording.startswith(start) for start in tested), wording


def test_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.seek(30 * 1024 * 1024)
        handle.write(b"\n")
    result = load_file(str(big))
    assert [d.code for d in result.diagnostics] == ["CI102"]
    assert "31.5 MB" in result.diagnostics[0].message


def test_missing_and_unreadable(tmp_path: Path) -> None:
    assert [d.code for d in load_file(str(tmp_path / "nope.yaml")).diagnostics] == ["CI100"]
    assert [d.code for d in load_file(str(tmp_path)).diagnostics] == ["CI111"]


@pytest.mark.parametrize(("text", "value"), [
    ("v: no", "no"),  # YAML 1.2: not a boolean (the "Norway problem")
    ("v: yes", "yes"),
    ("v: true", True),
    ("v: False", False),
    ("v: ~", None),
    ("v:", None),
    ("v: 12", 12),
    ("v: -3", -3),
    ("v: 0.25", 0.25),
    ("v: 1e3", 1000.0),
    ("v: 0x1F", 31),
    ("v: 0o17", 15),
    ("v: '12'", "12"),
    ('v: "true"', "true"),
    ("v: 000", 0),
    ("v: 1.2.3", "1.2.3"),
    ("v: |\n  two\n  lines\n", "two\nlines\n"),
])
def test_scalars_resolve_by_the_core_schema(text: str, value: object) -> None:
    tree = load_text(text).tree
    assert tree is not None and tree["v"] == value


def test_positions_are_one_based_and_kept() -> None:
    tree = load_text("callin: 1\nnodes:\n  start:\n    lines:\n      - ana: Hi\n").tree
    assert isinstance(tree, RawMap)
    assert tree.at("nodes") == (2, 1)
    start = tree["nodes"]["start"]
    assert tree["nodes"].at("start") == (3, 3)
    lines = start["lines"]
    assert isinstance(lines, RawList) and lines.pos == (5, 7)
    assert lines[0].at("ana") == (5, 9)


def test_aliases_share_and_count() -> None:
    tree = load_text("a: &x {k: v}\nb: *x\n").tree
    assert tree is not None and tree["a"] == tree["b"] == {"k": "v"}
