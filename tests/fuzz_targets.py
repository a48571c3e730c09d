"""Fuzz targets shared by tests/test_fuzz.py (quick, in CI) and tools/fuzz.py (long).

Each target takes one generated input and fails only on a real bug: an
exception that is not one of callin's own reports, or output that breaks a
promise (a control character reaching the terminal, NaN in a transcript).
"""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from simulator.build import build_story
from simulator.check import check_story
from simulator.engine import EngineError, Session
from simulator.load import load_bytes
from simulator.model import Story
from simulator.plans import parse_plan, run_plan
from simulator.progress import ProgressError, attempts, database_path, record
from simulator.safety import printable
from simulator.score import score
from simulator.transcript import TranscriptError, from_data
from tests.conftest import DATA

# Pieces that broke something once, or look as if they might.
TOKENS = [b":", b": ", b"- ", b"{", b"}", b"[", b"]", b",", b"\n", b"  ", b"&a ", b"*a", b"!!str ",
          b"!!python/object ", b"'", b'"', b"\\", b"#", b"\x1b]52;c;x\x07", b"\x9b", b"\xff",
          b"1e400", b"9" * 5000, b"0x" + b"f" * 300, b".nan", b"-.inf", b"~", b"null",
          b"heat >= 1e+06", b"heat = 0 * 1" + b"0" * 400, b"to: start", b"ending:",
          b"../../x", b"id: a\n", b"\t", b"\r", b"\x00", b"\xef\xbb\xbf"]


@cache
def _story_bytes() -> bytes:
    return (DATA / "engine.yaml").read_bytes()


@st.composite
def mutated(draw: st.DrawFn, seed: bytes, tokens: list[bytes] = TOKENS) -> bytes:
    """`seed` with a few of its bytes replaced, cut or grown with `tokens`."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        cut = draw(st.integers(0, 12))
        piece = draw(st.sampled_from(tokens) | st.binary(max_size=4))
        data[at:at + cut] = piece
    return bytes(data)


def story_inputs() -> st.SearchStrategy[bytes]:
    return mutated(_story_bytes()) | st.binary(max_size=200)


def check_loader(data: bytes) -> None:
    """Any bytes: diagnostics, never an exception; a built story can be checked."""
    source = load_bytes(data, "fuzz.yaml")
    story, found = build_story([source])
    for problem in found:
        assert str(problem) == printable(str(problem)) or problem.code, problem
    if story is not None:
        check_story(story)


@cache
def tutorial() -> Story:
    from simulator.build import load_story
    from tests.conftest import STORIES

    story, _ = load_story(STORIES / "tutorial")
    assert story is not None
    return story


@cache
def _transcript_data() -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "s.json"
        session = Session(tutorial(), "called", "gentle", path=path)
        for move in ("pause", "acknowledge"):
            session.choose(move)
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return data


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner,
                                                               max_size=3), max_leaves=8)


@st.composite
def transcript_inputs(draw: st.DrawFn) -> Any:
    """A saved session with a few of its values replaced by any JSON at all."""
    data = json.loads(json.dumps(_transcript_data()))
    for _ in range(draw(st.integers(1, 4))):
        inner: Any = data
        while True:  # walk down to a random place, and replace what is there
            keys = list(inner) if isinstance(inner, dict) else list(range(len(inner)))
            if not keys:
                break
            key = draw(st.sampled_from(keys))
            below = inner[key]
            if not isinstance(below, (dict, list)) or not below or draw(st.booleans()):
                inner[key] = draw(JSON_VALUES)
                break
            inner = below
    return data


def check_transcript(data: Any) -> None:
    """A damaged transcript is a TranscriptError, or it scores and resumes cleanly."""
    try:
        transcript = from_data(data, "fuzz.json")
    except TranscriptError:
        return
    score(transcript)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "s.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        try:
            Session.resume(path, tutorial())
        except (TranscriptError, EngineError):
            return


PLAN_TOKENS = [b"role: called\n", b"role: caller\n", b"difficulty: gentle\n", b"mode: free\n",
               b"choose: pause\n", b"choose: 9\n", b"say: sorry\n", b"listen\n", b"undo\n",
               b"expect ending: repaired\n", b"expect state: trust >= 1e9\n",
               b"expect score: follow_up met\n", b"expect overall: >= 40\n", b"expect node: \n",
               b"expect line: \x1b[2J\n", b"\xff", b":", b"\n"]


def plan_inputs() -> st.SearchStrategy[bytes]:
    seed = b"role: called\ndifficulty: gentle\nchoose: pause\nchoose: acknowledge\n" \
           b"expect node: d-heard\n"
    return mutated(seed, PLAN_TOKENS)


def check_plan(data: bytes) -> None:
    """Plan text: syntax problems as diagnostics; a plan that parses runs to a result."""
    plan, problems = parse_plan(data.decode("utf-8", "replace"), "fuzz.plan")
    if not problems:
        run_plan(tutorial(), plan)


def coverage_inputs() -> st.SearchStrategy[bytes]:
    seed = json.dumps({"coverage": {"nodes": {"d-start": 0.5, "d-heard": 1},
                                    "choices": {"d-start.pause": 0.25}}}).encode()
    return mutated(seed, [b"0.5", b"NaN", b"1e999", b'"x"', b"null", b"[", b"{}", b"-1"])


def check_coverage(data: bytes) -> None:
    """A coverage file for `graph --coverage`: drawn, or refused with exit 1."""
    from simulator.cli import main

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "coverage.json"
        path.write_bytes(data)
        code = main(["graph", "tutorial", "--role", "called", "--coverage", str(path), "-o",
                     str(Path(tmp) / "g.dot")], out=io.StringIO())
        assert code in (0, 1)


@cache
def _database_bytes() -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        session = Session(tutorial(), "caller", "gentle", path=folder / "a.json")
        session.choose("drop-it")
        record(database_path(folder), session.transcript, score(session.transcript),
               folder / "a.json")
        return database_path(folder).read_bytes()


def database_inputs() -> st.SearchStrategy[bytes]:
    return mutated(_database_bytes(), [b"\xff", b"\x00" * 8, b"CREATE", b"abc", b"\x7f"])


def check_database(data: bytes) -> None:
    """A damaged progress database: read, recorded into or refused in our words."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = database_path(folder)
        path.write_bytes(data)
        try:
            attempts(path)
            transcript = from_data(_transcript_data())
            record(path, transcript, score(transcript), folder / "b.json")
        except ProgressError:
            pass
        except sqlite3.Error as error:  # pragma: no cover - a failure to report
            raise AssertionError(f"SQLite error escaped: {error}") from error
        shutil.rmtree(folder, ignore_errors=True)


TARGETS = {
    "loader": (story_inputs, check_loader),
    "transcripts": (transcript_inputs, check_transcript),
    "plans": (plan_inputs, check_plan),
    "coverage": (coverage_inputs, check_coverage),
    "progress-db": (database_inputs, check_database),
}
