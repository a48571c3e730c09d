"""Broken transcripts and `callin score`: a located error in our words and a hint."""

from __future__ import annotations

from pathlib import Path

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
