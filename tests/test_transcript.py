"""Broken transcripts and `callin score`: a located error in our words and a hint."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from simulator.cli import main
from simulator.transcript import TranscriptError, load
from tests.conftest import DATA

BROKEN = DATA / "transcripts"


@pytest.mark.parametrize(("name", "where", "message"), [
    ("cut_short.json", ":1:", "the transcript is not valid JSON"),
    ("not_ours.json", "", "this is not a callin transcript"),
    ("not_utf8.json", "", "the transcript is not UTF-8 text"),
    ("unknown_field.json", "", "the transcript is malformed: it has no field 'mood'"),
    ("turn_lacks_text.json", "", "turn 1 is malformed: it lacks 'text'"),
    ("turns_not_a_list.json", "", "the transcript's 'turns' is not a list of turns"),
])
def test_broken_transcripts_are_reported_in_our_words(name: str, where: str,
                                                      message: str) -> None:
    with pytest.raises(TranscriptError) as caught:
        load(BROKEN / name)
    assert caught.value.location.startswith(str(BROKEN / name) + where)
    assert caught.value.message.startswith(message)
    assert "Error" not in caught.value.message  # no Python exception names


def test_score_of_a_missing_file_points_to_where_sessions_really_are(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["score", str(tmp_path / "nope.json"), "--data-dir", str(tmp_path / "data")])
    err = capsys.readouterr().err
    assert code != 0
    assert "no such transcript" in err
    assert f"hint: sessions are saved in {tmp_path / 'data' / 'sessions'}" in err
    assert "callin progress" not in err


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A finished tutorial session, as JSON data to break one field at a time."""
    from simulator.build import load_story
    from simulator.engine import Session
    from tests.conftest import STORIES

    story, _ = load_story(STORIES / "tutorial")
    assert story is not None
    path = tmp_path_factory.mktemp("saved") / "s.json"
    session = Session(story, "caller", "gentle", path=path)
    session.choose("drop-it")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


# (where, value) -> the start of the message; each of these crashed score or --resume.
MISTYPED: list[tuple[tuple[Any, ...], Any, str]] = [
    (("ending",), {"node": "x", "kind": "stalled", "debrief": "d"},
     "the transcript's 'ending' should be null or a mapping of texts"),
    (("talk_share_target",), "x", "the transcript's 'talk_share_target' should be a number"),
    (("talk_share_target",), 7, "the transcript's 'talk_share_target' should be a number"),
    (("turns", 0, "skills"), 5, "turn 1's 'skills' should be a list of texts, not 5"),
    (("turns", 0, "after", "vars", "heat"), "x", "turn 1's 'after' should be a mapping"),
    (("turns", 0, "after", "once"), 5, "turn 1's 'after' should be a mapping"),
    (("start_state", "vars"), [], "the transcript's 'start_state' should be a mapping"),
    (("turns", 0, "words"), True, "turn 1's 'words' should be a whole number"),
    (("turns", 0, "labels"), [1], "turn 1's 'labels' should be a list of texts"),
    (("rubric",), {"": 1}, "the transcript's 'rubric' should be a mapping of rubric item"),
    (("rubric",), {"apology": 0}, "the transcript's 'rubric' should be a mapping of rubric item"),
    (("role",), None, "the transcript's 'role' should be text, not null"),
    (("difficulty",), 3, "the transcript's 'difficulty' should be text or null"),
    (("menu_seed",), "7", "the transcript's 'menu_seed' should be null or a whole number"),
    (("menu_seed",), True, "the transcript's 'menu_seed' should be null or a whole number"),
    (("menu_seed",), -1, "the transcript's 'menu_seed' should be null or a whole number"),
    (("menu_seed",), 2**32, "the transcript's 'menu_seed' should be null or a whole number"),
    (("menu_seed",), 1.5, "the transcript's 'menu_seed' should be null or a whole number"),
]


@pytest.mark.parametrize(("where", "value", "message"), MISTYPED,
                         ids=[".".join(map(str, w)) for w, _, _ in MISTYPED])
def test_mistyped_fields_are_reported_not_crashed_on(
        saved: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str],
        where: tuple[Any, ...], value: Any, message: str) -> None:
    data = copy.deepcopy(saved)
    inner = data
    for step in where[:-1]:
        inner = inner[step]
    inner[where[-1]] = value
    path = tmp_path / "t.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(TranscriptError) as caught:
        load(path)
    assert caught.value.message.startswith(message)
    assert main(["score", str(path)]) == 1
    assert message in capsys.readouterr().err


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_is_not_json(saved: dict[str, Any], tmp_path: Path, constant: str) -> None:
    text = json.dumps(saved).replace('"talk_share_target": 0.3', f'"talk_share_target": {constant}')
    assert constant in text
    path = tmp_path / "t.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TranscriptError, match=f"holds {constant}, which is not JSON"):
        load(path)
