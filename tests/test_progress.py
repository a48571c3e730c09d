"""Progress: the SQLite database of finished sessions, its summary and exports."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from simulator.build import load_story
from simulator.cli import main
from simulator.engine import Session
from simulator.model import Story
from simulator.progress import (
    SCHEMA_VERSION,
    ProgressError,
    attempts,
    bar,
    catch_up,
    data_dir,
    database_path,
    export,
    most_missed,
    pending_marker,
    record,
    skill_chart,
    sparkline,
    summary_text,
)
from simulator.score import score
from simulator.terminal import PlainUI
from tests.conftest import DATA, STORIES

BROKEN = DATA / "progress"

# Moves through the tutorial: the best way, and a stalled one that misses a lot.
REPAIRED = ("called", ["pause", "acknowledge", "apologise", "ask-need", "commit"])
STALLED = ("caller", ["drop-it"])
CALLER_REPAIRED = ("caller", ["intent", "name-it", "curious", "impact", "request", "follow-up"])


@pytest.fixture(scope="module")
def tutorial() -> Story:
    story, _ = load_story(STORIES / "tutorial")
    assert story is not None
    return story


def _finish(story: Story, folder: Path, plan: tuple[str, list[str]], name: str) -> Session:
    role, moves = plan
    session = Session(story, role, "gentle", path=folder / "sessions" / f"{name}.json")
    for move in moves:
        session.choose(move)
    assert session.ended
    assert session.path is not None
    record(database_path(folder), session.transcript, score(session.transcript), session.path)
    return session


def test_finished_sessions_are_recorded_and_read_back(tutorial: Story, tmp_path: Path) -> None:
    _finish(tutorial, tmp_path, REPAIRED, "one")
    _finish(tutorial, tmp_path, STALLED, "two")
    found = attempts(database_path(tmp_path))
    assert [(a.scenario, a.role, a.side, a.ending_kind) for a in found] == [
        ("tutorial", "called", "called-in", "repaired"), ("tutorial", "caller", "calling-in",
                                                          "stalled")]
    assert found[0].score == 100 and found[1].score < 50
    assert found[0].verdicts["apology"] == "met"
    assert found[1].titles["follow_up"] == "Planned a follow-up"


def test_the_database_is_marked_and_versioned(tutorial: Story, tmp_path: Path) -> None:
    _finish(tutorial, tmp_path, STALLED, "one")
    with sqlite3.connect(database_path(tmp_path)) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert db.execute("PRAGMA application_id").fetchone()[0] != 0


def test_recording_a_session_again_replaces_it(tutorial: Story, tmp_path: Path) -> None:
    session = _finish(tutorial, tmp_path, STALLED, "one")
    session.undo()
    session.choose("intent")
    session.restart()
    session.choose("drop-it")
    assert session.path is not None
    record(database_path(tmp_path), session.transcript, score(session.transcript),
           session.path)
    assert len(attempts(database_path(tmp_path))) == 1


def test_a_missing_folder_is_created(tutorial: Story, tmp_path: Path) -> None:
    folder = tmp_path / "not" / "yet"
    _finish(tutorial, folder, STALLED, "one")
    assert len(attempts(database_path(folder))) == 1


def test_reading_a_missing_database_says_so(tmp_path: Path) -> None:
    with pytest.raises(ProgressError, match="no progress database here yet"):
        attempts(database_path(tmp_path))


def _foreign(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE notes (text TEXT)")
        db.execute("INSERT INTO notes VALUES ('mine')")


def _newer(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA application_id = 1667329134")
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        db.execute("CREATE TABLE later (x)")


@pytest.mark.parametrize(("make", "message"), [
    (lambda p: shutil.copy(BROKEN / "not-a-database.sqlite3", p),
     "not a callin progress database (it is not a SQLite database)"),
    (lambda p: p.write_bytes(b""), "not a callin progress database (it was not made by callin)"),
    (_foreign, "not a callin progress database (it was not made by callin)"),
    (_newer, "this progress database is version 2, newer than this callin reads (1)"),
    (lambda p: p.mkdir(), "not a callin progress database (it is a folder)"),
], ids=["text-file", "empty-file", "foreign-sqlite", "newer-version", "folder"])
def test_unusable_databases_are_reported_and_never_overwritten(
        tutorial: Story, tmp_path: Path, make: object, message: str) -> None:
    path = database_path(tmp_path)
    make(path)  # type: ignore[operator]
    before = path.read_bytes() if path.is_file() else None
    with pytest.raises(ProgressError) as raised:
        _finish(tutorial, tmp_path, STALLED, "one")
    assert str(raised.value).startswith(f"callin: {path}: {message}")
    assert "\n    hint: " in str(raised.value)
    assert (path.read_bytes() if path.is_file() else None) == before
    with pytest.raises(ProgressError):
        attempts(path)


def test_progress_command_reports_a_corrupt_database(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(BROKEN / "not-a-database.sqlite3", database_path(tmp_path))
    assert main(["progress", "--data-dir", str(tmp_path)], out=io.StringIO()) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"callin: {database_path(tmp_path)}: not a callin progress database")
    assert "hint: move it aside" in err and "Traceback" not in err


def test_progress_command_without_sessions(tmp_path: Path) -> None:
    out = io.StringIO()
    assert main(["progress", "--data-dir", str(tmp_path / "missing")], out=out) == 0
    assert out.getvalue().startswith("No finished sessions yet")
    assert not (tmp_path / "missing").exists()


def test_a_data_folder_that_is_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["play", "tutorial", "--data-dir", str(blocker), "--plain"],
                out=io.StringIO()) == 1
    err = capsys.readouterr().err
    assert "is a file, not a folder" in err and "hint:" in err


def test_summary_shows_attempts_chart_and_missed_skills(tutorial: Story, tmp_path: Path) -> None:
    for n, plan in enumerate([STALLED, REPAIRED, STALLED]):
        _finish(tutorial, tmp_path, plan, f"s{n}")
    found = attempts(database_path(tmp_path))
    text = summary_text(found, database_path(tmp_path), plain=False)
    assert "3 finished sessions" in text
    assert "tutorial/caller        calling in gentle  choice 2 attempts" in text
    assert "tutorial/called        called in  gentle  choice 1 attempt, best 100, latest 100" \
        in text
    assert "tutorial/called        gentle  choice " + "█" * 20 + " 100" in text
    assert f"all 3 sessions: {sparkline([a.score for a in found])}" in text
    assert "█" * 20 + " 100" in text
    assert "Planned a follow-up: 2 of 2 times" in text
    plain = summary_text(found, database_path(tmp_path), plain=True)
    assert "#" * 20 + " 100" in plain and "█" not in plain and "▁" not in plain


@pytest.mark.parametrize(("plain", "caller_row", "called_row"), [
    (False, "    ▁█▁  Planned a follow-up (met 1 of the last 3)",
     "    █  Paused before answering (met 1 of the last 1)"),
    (True, "    -+-  Planned a follow-up (met 1 of the last 3)",
     "    +  Paused before answering (met 1 of the last 1)"),
])
def test_each_skill_over_time_per_side(tutorial: Story, tmp_path: Path, plain: bool,
                                       caller_row: str, called_row: str) -> None:
    for n, plan in enumerate([STALLED, CALLER_REPAIRED, STALLED, REPAIRED]):
        _finish(tutorial, tmp_path, plan, f"s{n}")
    lines = skill_chart(attempts(database_path(tmp_path)), plain=plain)
    assert lines[0].startswith("Skills over time (")
    assert lines.index("  Being called in") < lines.index(called_row)
    assert lines.index("  Calling in") < lines.index(caller_row)


def test_most_missed_ranks_by_share_then_count(tutorial: Story, tmp_path: Path) -> None:
    for n, plan in enumerate([STALLED, STALLED, REPAIRED]):
        _finish(tutorial, tmp_path, plan, f"s{n}")
    missed = most_missed(attempts(database_path(tmp_path)))
    assert missed and all(m.missed == m.scored == 2 for m in missed[:3])


@pytest.mark.parametrize(("score_", "plain", "expected"), [
    (0, True, "." * 20), (100, True, "#" * 20), (50, True, "#" * 10 + "." * 10),
    (50, False, "█" * 10 + "·" * 10),
])
def test_bar(score_: int, plain: bool, expected: str) -> None:
    assert bar(score_, plain=plain) == expected


def test_sparkline() -> None:
    assert sparkline([0, 50, 100]) == "▁▅█"


def test_exports(tutorial: Story, tmp_path: Path) -> None:
    _finish(tutorial, tmp_path, REPAIRED, "one")
    _finish(tutorial, tmp_path, STALLED, "two")
    found = attempts(database_path(tmp_path))
    rows = list(csv.DictReader(io.StringIO(export(found, "csv"))))
    assert [r["role"] for r in rows] == ["called", "caller"]
    assert rows[0]["score"] == "100" and rows[0]["missed"] == ""
    assert "follow_up" in rows[1]["missed"].split(";")
    data = json.loads(export(found, "json"))
    assert data[1]["ending_kind"] == "stalled" and "follow_up" in data[1]["missed"]
    out = io.StringIO()
    assert main(["progress", "--data-dir", str(tmp_path), "--export", "json"], out=out) == 0
    assert json.loads(out.getvalue()) == data


def test_exports_without_sessions(tmp_path: Path) -> None:
    out = io.StringIO()
    assert main(["progress", "--data-dir", str(tmp_path), "--export", "csv"], out=out) == 0
    assert out.getvalue().startswith("finished,scenario,role,side,difficulty,mode,score")


def test_data_dir_option_then_environment_then_platform(monkeypatch: pytest.MonkeyPatch,
                                                         tmp_path: Path) -> None:
    monkeypatch.setenv("CALLIN_DATA_DIR", str(tmp_path / "env"))
    assert data_dir(str(tmp_path / "option")) == tmp_path / "option"
    assert data_dir() == tmp_path / "env"
    monkeypatch.delenv("CALLIN_DATA_DIR")
    assert data_dir().name.lower() == "callin"


# Problems of the database that are not the learner's doing: each is said in our words,
# and the finished session is recorded later from its transcript.


def _finish_through_player(story: Story, folder: Path) -> str:
    from simulator.player import Player

    out = io.StringIO()
    session = Session(story, STALLED[0], "gentle", path=folder / "sessions" / "one.json")
    for move in STALLED[1]:
        session.choose(move)
    player = Player(PlainUI(io.StringIO("quit\n"), out), session,
                    database=database_path(folder))
    player.run(resumed=True)  # the report, then recording, then 'What next?'
    return out.getvalue()


def _read_only(monkeypatch: pytest.MonkeyPatch) -> None:
    connect = sqlite3.connect
    monkeypatch.setattr("simulator.progress.sqlite3.connect",
                        lambda name, **kw: connect(name.replace("mode=rw", "mode=ro"), **kw))


@pytest.mark.parametrize(("hold", "said"), [
    ("locked", "another program is using the progress database (it is locked)"),
    ("read-only", "the progress database is read-only"),
])
def test_a_busy_or_read_only_database_records_the_session_on_the_next_run(
        tutorial: Story, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        hold: str, said: str) -> None:
    path = database_path(tmp_path)
    _finish(tutorial, tmp_path, REPAIRED, "earlier")  # the database exists
    other = sqlite3.connect(path)
    if hold == "locked":
        other.execute("BEGIN EXCLUSIVE")
        monkeypatch.setattr("simulator.progress.BUSY_TIMEOUT", 0.1)
    else:
        _read_only(monkeypatch)
    shown = _finish_through_player(tutorial, tmp_path)
    assert said in shown and "added to your progress next time" in shown
    assert "not a callin progress database" not in shown and "move it aside" not in shown
    other.rollback()
    other.close()
    monkeypatch.undo()
    assert [a.role for a in attempts(path)] == ["called"]
    out = io.StringIO()
    assert main(["progress", "--data-dir", str(tmp_path)], out=out) == 0
    assert [a.role for a in attempts(path)] == ["called", "caller"]
    assert list((tmp_path / "sessions").glob(".*.pending")) == []


def test_a_session_whose_recording_crashed_is_recorded_by_play(tutorial: Story,
                                                               tmp_path: Path) -> None:
    session = Session(tutorial, "caller", "gentle", path=tmp_path / "sessions" / "a.json")
    session.choose("drop-it")
    pending_marker(tmp_path / "sessions" / "a.json").touch()  # killed before recording
    assert catch_up(database_path(tmp_path), tmp_path / "sessions") == 1
    assert [a.ending_kind for a in attempts(database_path(tmp_path))] == ["stalled"]
    assert catch_up(database_path(tmp_path), tmp_path / "sessions") == 0


@pytest.mark.parametrize("argv", [["progress"], ["progress", "--export", "csv"],
                                  ["progress", "--export", "json"]])
def test_corrupt_schema_text_is_reported_not_crashed_on(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    shutil.copy(BROKEN / "corrupt-schema-text.sqlite3", database_path(tmp_path))
    assert main([*argv, "--data-dir", str(tmp_path)], out=io.StringIO()) == 1
    err = capsys.readouterr().err
    assert "not a callin progress database (it is damaged)" in err and "Traceback" not in err


def test_finishing_a_session_with_corrupt_schema_text_says_so(tutorial: Story,
                                                              tmp_path: Path) -> None:
    shutil.copy(BROKEN / "corrupt-schema-text.sqlite3", database_path(tmp_path))
    shown = _finish_through_player(tutorial, tmp_path)
    assert "(it is damaged)" in shown and "Overall" in shown


@pytest.mark.parametrize(("column", "value"), [
    ("score", "'abc'"), ("talk_share", "'x'"), ("scenario", "X'00ff'"), ("finished", "X'01'"),
])
def test_rows_with_values_of_the_wrong_type_are_left_out(
        tutorial: Story, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        column: str, value: str) -> None:
    _finish(tutorial, tmp_path, REPAIRED, "one")
    _finish(tutorial, tmp_path, STALLED, "two")
    with sqlite3.connect(database_path(tmp_path)) as db:
        db.execute(f"UPDATE sessions SET {column} = {value} WHERE transcript = 'one.json'")
    out = io.StringIO()
    assert main(["progress", "--data-dir", str(tmp_path)], out=out) == 0
    assert out.getvalue().startswith("1 finished session,")
    assert "left out 1 damaged record (values of the wrong type)" in capsys.readouterr().err
