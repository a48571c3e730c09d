"""One player per session: a second player is refused, a dead player's lock is taken over."""

from __future__ import annotations

import io
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.build import load_story
from simulator.cli import main
from simulator.engine import Session
from simulator.lock import SessionBusy, holding, lock_path
from tests.conftest import ROOT, STORIES


@pytest.fixture
def unfinished(tmp_path: Path) -> Path:
    story, _ = load_story(STORIES / "tutorial")
    assert story is not None
    path = tmp_path / "sessions" / "s.json"
    Session(story, "called", "gentle", path=path)
    return path


def _resume(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, typed: str) -> tuple[int, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(typed))
    out = io.StringIO()
    return main(["play", "--resume", "--plain", "--data-dir", str(tmp_path)], out=out), \
        out.getvalue()


def test_a_second_player_is_refused_with_a_clear_message(
        unfinished: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    before = unfinished.read_bytes()
    with holding(unfinished):
        code, _ = _resume(monkeypatch, tmp_path, "1\n1\n")
    err = capsys.readouterr().err
    assert code == 1
    assert f"callin: {unfinished} is open in another callin (process " in err
    assert "hint: one session is played in one terminal at a time" in err
    assert unfinished.read_bytes() == before  # no move was made on it


def test_holding_twice_is_refused_and_released_after(unfinished: Path) -> None:
    with holding(unfinished), pytest.raises(SessionBusy), holding(unfinished):
        pass
    assert not lock_path(unfinished).exists()
    with holding(unfinished):
        pass


def test_a_stale_lock_file_is_taken_over(unfinished: Path, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    lock_path(unfinished).write_text("999999\n")  # left by a player that died
    code, out = _resume(monkeypatch, tmp_path, "quit\n")
    assert code == 0 and "Welcome back" in out
    assert not lock_path(unfinished).exists()


def test_a_killed_players_lock_is_released(unfinished: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; "
         "from simulator.lock import holding\n"
         f"with holding(Path({str(unfinished)!r})):\n"
         "    print('held', flush=True); time.sleep(60)"],
        cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        with pytest.raises(SessionBusy, match=f"process {holder.pid}"), holding(unfinished):
            pass
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
        assert holder.stdout is not None
        holder.stdout.close()
    code, _ = _resume(monkeypatch, tmp_path, "quit\n")
    assert code == 0
