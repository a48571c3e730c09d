"""The real `callin play` in a pseudo-terminal: rich menus, the line editor, a kill -9
midway and `--resume`. Slow-ish (a few seconds): each test starts real processes."""

from __future__ import annotations

import json
import re
import signal
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from simulator.progress import attempts, database_path
from tests.helpers import callin_in_pty

pexpect = pytest.importorskip("pexpect")

# The best moves of the called-in side (how each reply begins), each with a line that
# follows it. The menus are shuffled, so each is picked by the number shown for it.
CALLED_BEST = [("Take a breath.", "keep your eyes on her"),
               ("You're right. I made your mum", "nervous about today"),
               ("It sounds like it wasn't one joke", "That means a lot"),
               ("What would help, from here?", "No more voices about my family"),
               ("I can do that. No more accent", "Two weeks, then")]
FREE_CALLER = [
    ("Hi Owen. I'd like to talk about something from the dinner, because our friendship "
     "matters to me.", "Have I done something?"),
    ("When I mentioned Mum's recipe, you put on an accent to do her, and I felt small.",
     "just a bit of fun"),
    ("I'm curious, why that voice?", "I didn't mean anything by it"),
    ("I know you didn't mean it. It still hurt. How do you think it came across?",
     "Like your family was the punchline"),
    ("Thank you for hearing it. I'd like no more voices or accent jokes about my family.",
     "completely fair"),
    ("Could we talk again next week?", "Deal. Two weeks."),
]
TIMEOUT = 60


@pytest.fixture
def spawn(tmp_path: Path) -> Iterator[Callable[..., Any]]:
    """`spawn(*args)`: `callin play ARGS` in a 50 by 120 pty; no arguments: `callin` alone."""
    data = ["--data-dir", str(tmp_path)]
    with callin_in_pty(tmp_path, TIMEOUT) as start:
        yield lambda *args: start(["play", *args, *data] if args else [], rows=50, columns=120)


def _sessions(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "sessions").glob("*.json"))


def _moves(path: Path) -> list[str]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [t["choice"] for t in data["turns"] if t["side"] == "player"]


def _pick(child: Any, reply: str) -> None:
    """Press the number the (shuffled) menu shows for the reply that begins `reply`."""
    child.expect(r"(\d)\. " + re.escape(reply))
    child.send(child.match.group(1))


def _paged(child: Any, text: str) -> None:
    """Expect `text`, turning the pager's pages (Space) until it shows."""
    while child.expect([r"-- more \(\d+%\) --", text]) == 0:
        child.send(" ")


def _finish(child: Any) -> None:
    _paged(child, "What next?")
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_choice_mode_whole_conversation(spawn: Callable[..., Any], tmp_path: Path) -> None:
    child = spawn("tutorial", "--role", "called", "--difficulty", "gentle",
                  "--mode", "choice", "--coach")
    child.expect("What will be scored")
    child.expect("Pause, listen, acknowledge, reflect, repair")
    for reply, after in CALLED_BEST:
        child.expect("What do you do?")
        _pick(child, reply)
        child.expect(after)
    child.expect("Coach: ")
    child.expect("Overall: 100/100")
    child.expect("Talk share: you spoke 37.1% of the words")
    child.expect("Ending: Repaired")
    _paged(child, "Committed to a specific change")
    _finish(child)
    assert [a.score for a in attempts(database_path(tmp_path))] == [100]


def test_free_mode_with_history_and_undo(spawn: Callable[..., Any], tmp_path: Path) -> None:
    child = spawn("tutorial", "--role", "caller", "--difficulty", "gentle",
                  "--mode", "free")
    first, after = FREE_CALLER[0]
    child.expect("What do you say?")
    child.sendline(first)
    child.expect(after)
    child.expect("read as: i statement")
    child.expect("Type undo and say it another way")
    child.expect("What do you say?")
    child.send("\x1b[A")  # the line editor's history: the first line again...
    child.send("\r")
    child.expect("Hi Owen. I'd like to talk")
    child.expect("Closest to what you meant?")  # said again where the talk has moved on
    _pick(child, "When I said the cake")
    child.expect("What do you say?")
    child.sendline("undo")  # ...and undo takes it back
    child.expect("Taken back")
    for line, after in FREE_CALLER[1:]:
        child.expect("What do you say?")
        child.sendline(line)
        child.expect(after)
        child.expect("read as:")
    child.expect("Overall: ")
    _paged(child, "Made a specific request")
    _finish(child)
    [session] = _sessions(tmp_path)
    assert len(_moves(session)) == len(FREE_CALLER)


def test_kill_midway_then_resume_loses_no_turn(spawn: Callable[..., Any], tmp_path: Path) -> None:
    child = spawn("tutorial", "--role", "called", "--difficulty", "gentle",
                  "--mode", "choice")
    for reply, after in CALLED_BEST[:2]:
        child.expect("What do you do?")
        _pick(child, reply)
        child.expect(after)
    child.kill(signal.SIGKILL)
    child.close()
    [session] = _sessions(tmp_path)
    assert _moves(session) == ["d-start.pause", "d-heard.acknowledge"]

    child = spawn("--resume")
    child.expect("Welcome back")
    child.expect("You take a breath")  # a silent move, shown as an action
    child.expect("that's on me")
    for reply, after in CALLED_BEST[2:]:
        child.expect("What do you do?")
        _pick(child, reply)
        child.expect(after)
    child.expect("Overall: 100/100")
    _finish(child)
    assert _sessions(tmp_path) == [session]
    assert len(_moves(session)) == len(CALLED_BEST)
    assert [a.score for a in attempts(database_path(tmp_path))] == [100]


def test_no_arguments_on_a_terminal_opens_the_menu(spawn: Callable[..., Any],
                                                   tmp_path: Path) -> None:
    child = spawn()
    child.expect("What would you like to do?")
    child.expect("Look back at your past conversations")
    child.send("1")  # a new conversation (nothing to carry on yet)
    child.expect("Which scenario would you like to practise?")
    child.expect("The birthday dinner")
    child.send("\r")  # the first, the tutorial
    child.expect("Which side will you play?")
    child.send("2")
    child.expect("How hard should it be?")
    child.send("\x1b[B\r")  # tough
    child.expect("How would you like to answer?")
    child.send("1")
    child.expect("Be called in by Linh")
    child.expect("Difficulty: Tough")
    child.expect("What do you do?")
    child.send("q")
    child.expect("Your session is saved")
    child.expect(pexpect.EOF)
    [session] = _sessions(tmp_path)
    assert json.loads(session.read_text())["difficulty"] == "tough"


def test_free_mode_asks_which_reply_was_meant(spawn: Callable[..., Any],
                                              tmp_path: Path) -> None:
    child = spawn("tutorial", "--role", "caller", "--difficulty", "gentle", "--mode", "free")
    child.expect("What do you say?")
    child.sendline("Can I talk to you about something from last night?")
    child.expect("Closest to what you meant?")
    child.expect("None of these: say it another way")
    child.send("\r")  # the closest reply, highlighted first
    child.expect("Have I done something?")
    child.expect("you took it as")
    child.expect("What do you say?")
    child.sendline("quit")
    child.expect(pexpect.EOF)
    [session] = _sessions(tmp_path)
    turns = json.loads(session.read_text(encoding="utf-8"))["turns"]
    [move] = [t for t in turns if t["side"] == "player"]
    assert move["text"] == "Can I talk to you about something from last night?"
    assert move["routing"] == "confirmed" and move["choice"] == "c-start.intent"
