"""Long output a screenful at a time in the full-screen UI; straight through elsewhere."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from simulator.build import load_story
from simulator.engine import Session
from simulator.model import Story
from simulator.pager import LINE, PAGE, REST, page_lines
from simulator.player import Player
from simulator.score import score
from simulator.terminal import PlainUI, RichUI
from tests.conftest import STORIES
from tests.helpers import REPAIRED

LINES = [f"line {n}" for n in range(1, 11)]


@pytest.mark.parametrize(("answers", "writes"), [
    ([PAGE, PAGE, PAGE], [3, 3, 3, 1]),
    ([LINE, LINE, REST], [3, 1, 1, 5]),
    ([REST], [3, 7]),
    ([PAGE, LINE, PAGE], [3, 3, 1, 3]),
])
def test_page_lines(answers: list[str], writes: list[int]) -> None:
    written: list[str] = []
    asked: list[tuple[int, int]] = []

    def more(shown: int, total: int) -> str:
        asked.append((shown, total))
        return answers[len(asked) - 1]

    page_lines(LINES, written.append, 4, more)
    assert [chunk.count("\n") for chunk in written] == writes
    assert "".join(written) == "".join(f"{line}\n" for line in LINES)
    assert all(total == 10 for _, total in asked)


Rich = Callable[[str, int], tuple[RichUI, io.StringIO]]


@pytest.fixture
def rich() -> Iterator[Rich]:
    """A RichUI `height` lines high, reading `keys` from a pipe, into a StringIO console."""
    with create_pipe_input() as pipe:
        def make(keys: str, height: int) -> tuple[RichUI, io.StringIO]:
            pipe.send_text(keys)
            console_file = io.StringIO()
            console = Console(file=console_file, width=80, color_system=None)
            return RichUI(console, pipe, DummyOutput(), page_height=height), console_file
        yield make


def test_the_report_is_paged_with_the_score_and_ending_first(rich: Rich) -> None:
    story, _ = load_story(STORIES / "tutorial")
    assert story is not None
    session = Session(story, "called", "gentle")
    for move in REPAIRED:
        session.choose(move)
    ui, console = rich("q", 12)  # one page, then the rest at once
    ui.report(score(session.transcript, story))
    lines = console.getvalue().splitlines()
    assert len(lines) > 24
    assert lines[1].startswith("Overall: 100/100") and "Ending: Repaired" in "\n".join(lines[:6])


def test_the_briefing_waits_after_a_screenful(rich: Rich, tmp_path: Path) -> None:
    """The briefing pages, then the first question: keys go to the pager first."""
    story, _ = load_story(STORIES / "tutorial")
    assert story is not None
    session = Session(story, "called", "gentle", path=tmp_path / "s.json")
    ui, console = rich("q" + _menu_numbers(story, REPAIRED) + "q" + "3", 10)  # rest of page
    assert Player(ui, session).run() == "quit"
    text = console.getvalue()
    assert text.index("Situation.") < text.index("What will be scored")
    assert "Overall: 100/100" in text


def _menu_numbers(story: Story, moves: list[str]) -> str:
    """The keys that make `moves` in a session's menus, wherever each reply is shown."""
    rehearsal = Session(story, "called", "gentle", record=False)
    keys = ""
    for move in moves:
        keys += str([o.id for o in rehearsal.choices].index(move) + 1)
        rehearsal.choose(move)
    return keys


def test_no_paging_where_output_is_not_a_terminal() -> None:
    ui = RichUI(Console(file=io.StringIO(), width=80))
    assert ui.page_height == 0
    plain = PlainUI(io.StringIO(), io.StringIO())
    with plain.paged():
        plain.block("as it is")
