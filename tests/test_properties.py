"""Property tests: loading and checking never raise, whatever the input."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.build import build_story
from simulator.check import check_story
from simulator.diagnostics import CODES, Diagnostic
from simulator.load import load_bytes
from tests.conftest import DATA

BASE = (DATA / "base.yaml").read_text(encoding="utf-8")
BASE_LINES = BASE.splitlines(keepends=True)

# Fragments that make a valid story wrong in interesting ways.
FRAGMENTS = ["", ":", "- ", "{", "}", "[", "]", "&a ", "*a", "!!python/object:x ", "\t",
             "'", '"', "to: nowhere", "if: trust >", "do: x += 1", "tags: [zzz]", "ending:",
             "kind: repaired", "null", "~", "1e999", "-", "#", "\n", "    ", "start", "\x00",
             "callin: 2", "choices: []", "lines: 5", "ben: ''", "<<: *a", "? ", "|", ">"]


def _load_and_check(data: bytes) -> list[Diagnostic]:
    source = load_bytes(data, "fuzz.yaml")
    story, found = build_story([source])
    if story is not None:
        found += check_story(story)
    return found


def _assert_diagnostics(found: list[Diagnostic]) -> None:
    for diagnostic in found:
        assert diagnostic.code in CODES
        assert diagnostic.line >= 0 and diagnostic.col >= 0
        assert str(diagnostic).startswith("fuzz.yaml")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_arbitrary_bytes(data: bytes) -> None:
    _assert_diagnostics(_load_and_check(data))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!#'\" \n\t|>?,0123456789")),
               max_size=200))
def test_arbitrary_yamlish_text(text: str) -> None:
    _assert_diagnostics(_load_and_check(("callin: 1\n" + text).encode()))


@st.composite
def mutated_story(draw: st.DrawFn) -> str:
    lines = list(BASE_LINES)
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "insert", "splice", "swap"]))
        if action == "delete":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "swap" and index + 1 < len(lines):
            lines[index], lines[index + 1] = lines[index + 1], lines[index]
        else:
            line = lines[index]
            cut = draw(st.integers(0, len(line)))
            fragment = draw(st.sampled_from(FRAGMENTS))
            end = cut if action == "insert" else min(len(line), cut + draw(st.integers(0, 8)))
            lines[index] = line[:cut] + fragment + line[end:]
        if not lines:
            break
    return "".join(lines)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_story())
def test_mutated_valid_story(text: str) -> None:
    _assert_diagnostics(_load_and_check(text.encode("utf-8", errors="surrogatepass")))


def test_the_unmutated_story_is_clean() -> None:
    assert _load_and_check(BASE.encode()) == []
