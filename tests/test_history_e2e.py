"""Looking back in a real pseudo-terminal: `callin history`, `callin show` (paged at
80 by 24) and its exports, the home menu's carry-on among several sessions, a small
screen's paged briefing, restart asking first, and NO_COLOR keeping the full UI."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from simulator.build import load_story
from tests.conftest import STORIES
from tests.helpers import callin_in_pty, three_sessions

pexpect = pytest.importorskip("pexpect")

TIMEOUT = 60


@pytest.fixture
def spawn(tmp_path: Path) -> Iterator[Callable[..., Any]]:
    """`spawn(*args, rows=24, columns=80, **env)`: `callin ARGS` in a pty, 80 by 24 at first."""
    with callin_in_pty(tmp_path, TIMEOUT) as start:
        yield lambda *args, **options: start(list(args), **options)


@pytest.fixture
def sessions(tmp_path: Path) -> list[Path]:
    """A finished session (recorded), then two unfinished ones, the newest last."""
    story, _ = load_story(STORIES / "tutorial")
    assert story is not None
    return three_sessions(story, tmp_path)


def _ended(child: Any) -> int:
    child.expect(pexpect.EOF)
    child.close()
    return int(child.exitstatus)


def test_history_lists_every_session_in_a_pty(spawn: Callable[..., Any],
                                              sessions: list[Path]) -> None:
    child = spawn("history")
    child.expect("Your sessions, the most recent first")
    child.expect(r"1  \d\d \w{3} \S+  tutorial  calling in  gentle  free +-  unfinished, 0 moves")
    child.expect(r"2  .*calling in  tough   choice +-  unfinished, 1 move")
    child.expect(r"3  .*called in   gentle  choice +100  Repaired")
    assert _ended(child) == 0


def test_show_pages_the_session_at_80_by_24(spawn: Callable[..., Any],
                                            sessions: list[Path]) -> None:
    child = spawn("show", "3")
    child.expect("The birthday dinner: Be called in by Linh")
    child.expect(r"   2  Linh: Thanks for coming\.")
    child.expect(r"-- more \(\d+%\) --")  # the first screenful waits
    assert "Overall:" not in child.before
    child.send("q")  # all the rest
    child.expect("Overall: 100/100")
    child.expect("Did not make them your emotional caretaker")
    assert _ended(child) == 0


@pytest.mark.parametrize(("flag", "start"), [("--html", "<!DOCTYPE html>"),
                                             ("--markdown", "# The birthday dinner")])
def test_show_exports_a_session_to_keep(spawn: Callable[..., Any], sessions: list[Path],
                                        tmp_path: Path, flag: str, start: str) -> None:
    target = tmp_path / "kept"
    child = spawn("show", sessions[0].stem, flag, "-o", str(target))
    child.expect(f"Saved to {re.escape(str(target))}")
    assert _ended(child) == 0
    assert target.read_text(encoding="utf-8").startswith(start)


def test_the_menu_carries_on_the_session_the_learner_picks(spawn: Callable[..., Any],
                                                           sessions: list[Path]) -> None:
    child = spawn(rows=40, columns=120)
    child.expect("What would you like to do?")
    child.expect(r"Carry on where you stopped \(2 unfinished conversations\)")
    child.send("2")
    child.expect("Which conversation would you like to carry on?")
    child.expect("tutorial, calling in, tough, chosen replies: 1 move so far")
    child.send("2")  # the older of the two
    child.expect("Welcome back")
    child.expect("What do you do?")
    child.send("q")
    child.expect("Your session is saved in")
    child.expect(re.escape(sessions[1].name))
    assert _ended(child) == 0


def test_a_small_screen_pages_the_briefing_and_restart_asks_first(
        spawn: Callable[..., Any], tmp_path: Path) -> None:
    child = spawn("play", "tutorial", "--role", "called", "--difficulty", "gentle", "--mode",
                  "choice")
    child.expect("Situation. Last night")
    child.expect(r"-- more \(\d+%\) --")
    child.send("q")
    child.expect("What do you do?")
    child.expect(r"(\d)\. Take a breath")  # the menu is shuffled: find the pause
    child.send(child.match.group(1))
    child.expect("keep your eyes on her")
    child.expect("What do you do?")
    child.send("r")
    child.expect("Start this conversation again from the top?")
    child.send("n")
    child.expect("Carrying on where you were.")
    child.expect("What do you do?")
    child.send("q")
    assert _ended(child) == 0
    [session] = (tmp_path / "sessions").glob("*.json")
    assert '"d-start.pause"' in session.read_text(encoding="utf-8")  # the move was kept


_COLOURS = {*range(30, 39), *range(40, 49), *range(90, 98), *range(100, 108)}


def _colour_codes(text: str) -> list[str]:
    """SGR sequences that set a colour (bold, reverse or italic are not colour)."""
    found = []
    for params in re.findall(r"\x1b\[([\d;]*)m", text):
        if any(p.isdigit() and int(p) in _COLOURS for p in params.split(";")):
            found.append(params)
    return found


def test_no_color_keeps_the_full_ui_without_colour(spawn: Callable[..., Any],
                                                   tmp_path: Path) -> None:
    child = spawn("play", "tutorial", "--role", "called", "--difficulty", "gentle", "--mode",
                  "choice", rows=50, columns=120, NO_COLOR="1")
    child.expect("What do you do?")
    child.expect("↑↓ or a number")  # the arrow-key menu, not the plain one's "Type a number"
    seen = child.before
    child.send("\x1b[B\x1b[A\r")  # down, up, Enter: the first reply shown (shuffled)
    child.expect("What do you do?|What next?")
    seen += child.before
    child.send("q")
    assert _ended(child) == 0
    assert _colour_codes(seen + (child.before or "")) == []
    [session] = (tmp_path / "sessions").glob("*.json")
    assert '"side": "player"' in session.read_text(encoding="utf-8")  # the move was made
