"""The real `callin play` in a pseudo-terminal (pexpect): a whole conversation in
choice mode and in free mode, and a session killed midway then resumed with no
turn lost. The terminal UI (rich + prompt-toolkit) is what runs here."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest

from simulator.transcript import load as load_transcript

pexpect = pytest.importorskip("pexpect")
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")

CALLIN = [sys.executable, "-m", "simulator"]
FREE_LINES = [
    "Hi Owen. I'd like to talk about something from the dinner, because our friendship "
    "matters to me.",
    "When I mentioned Mum's recipe, you put on an accent to do her, and I felt small.",
    "I'm curious, why that voice?",
    "I know you didn't mean it. It still hurt. How do you think it came across?",
]


def _spawn(data: Path, *arguments: str) -> pexpect.spawn:
    env = {**os.environ, "CALLIN_DATA_DIR": str(data), "TERM": "xterm", "COLUMNS": "110",
           "LINES": "40", "PROMPT_TOOLKIT_NO_CPR": "1"}  # no cursor-position replies here
    env.pop("NO_COLOR", None)
    child = pexpect.spawn(CALLIN[0], [*CALLIN[1:], "play", *arguments], env=env,
                          encoding="utf-8", dimensions=(40, 110), timeout=20)
    return child


READY = "q quit"  # the key help under the menu: the menu is drawn and reading keys
OVERALL = r"Overall:? \d+/100"


def _sessions(data: Path) -> list[Path]:
    return sorted((data / "sessions").glob("*.json"))


def test_a_whole_conversation_in_choice_mode(tmp_path: Path) -> None:
    child = _spawn(tmp_path, "tutorial", "--role", "caller", "--difficulty", "gentle",
                   "--mode", "choice")
    for _ in range(15):  # the first reply each time is the skilled one here
        if child.expect(["What do you do", OVERALL]) == 1:
            break
        child.expect(READY)  # each menu is announced once, then drawn (and redrawn)
        child.send("1")
    else:
        pytest.fail("the conversation did not end")
    child.expect("A new agreement")  # the repaired ending's debrief
    child.expect("Play the other side")
    child.send("3")
    child.expect(pexpect.EOF)
    transcript = load_transcript(_sessions(tmp_path)[0])
    assert transcript.ending is not None and transcript.ending["kind"] == "repaired"
    assert (tmp_path / "progress.sqlite3").exists()


def test_free_mode_reads_each_reply(tmp_path: Path) -> None:
    child = _spawn(tmp_path, "tutorial", "--role", "caller", "--difficulty", "gentle",
                   "--mode", "free")
    for line in FREE_LINES:
        child.expect("What do you say")
        child.sendline(line)
        child.expect("read as: ")
    child.sendline("quit")
    child.expect(pexpect.EOF)
    saved = load_transcript(_sessions(tmp_path)[0])
    assert [t.text for t in saved.turns if t.kind == "free"] == FREE_LINES
    assert all(t.labels and t.note for t in saved.turns if t.kind == "free")


def test_killed_midway_then_resumed_with_no_turn_lost(tmp_path: Path) -> None:
    child = _spawn(tmp_path, "tutorial", "--role", "called", "--difficulty", "gentle",
                   "--mode", "choice")
    for _ in range(3):
        child.expect("What do you do")
        child.expect(READY)
        child.send("1")
    child.expect("What do you do")
    child.expect(READY)
    os.kill(child.pid, signal.SIGKILL)
    child.expect(pexpect.EOF)
    saved = load_transcript(_sessions(tmp_path)[0])
    moves = [t.choice for t in saved.turns if t.by_learner and t.choice]
    assert len(moves) == 3 and saved.ending is None

    child = _spawn(tmp_path, "--resume")
    child.expect("Welcome back")
    for _ in range(15):
        if child.expect(["What do you do", OVERALL]) == 1:
            break
        child.expect(READY)  # each menu is announced once, then drawn (and redrawn)
        child.send("1")
    child.expect("Play the other side")
    child.send("3")
    child.expect(pexpect.EOF)
    finished = load_transcript(_sessions(tmp_path)[0])
    assert [t.choice for t in finished.turns if t.by_learner and t.choice][:3] == moves
    assert finished.ending is not None
