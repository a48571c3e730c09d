"""The questions before a conversation: which scenario, which side, how hard, which mode.

Each question is asked only when the command line did not already answer it,
and only when there is a real choice (a story with one role has no side to
pick). Every answer may also be `quit`, which ends the menu with None.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.model import Story
from simulator.terminal import QUIT, UI

if TYPE_CHECKING:
    from simulator.sessions import Saved

MENU_COMMANDS = ("help", "quit")
MODES = {"choice": "Choose replies from a list",
         "free": "Type your own words (each reply is read and matched to a move)"}
_SIDE_WORDS = {"calling-in": "you call them in", "called-in": "you are called in"}


@dataclass(frozen=True)
class Setup:
    role: str
    difficulty: str | None
    mode: str


def bundled_choices() -> list[tuple[str, str]]:
    """(id, 'Title. Summary') of every bundled scenario that loads without errors."""
    from simulator.build import load_story
    from simulator.diagnostics import has_errors
    from simulator.stories import bundled_ids, bundled_root

    found = []
    for story_id in bundled_ids():
        story, problems = load_story(bundled_root() / story_id)
        if story is not None and not has_errors(problems):
            found.append((story_id, f"{story.title}. {' '.join(story.summary.split())}"))
    return found


def choose_scenario(ui: UI) -> Path | None:
    """A bundled scenario's folder, picked from the list; None to quit."""
    from simulator.stories import bundled_root

    choices = bundled_choices()
    if not choices:
        ui.para("No bundled scenarios could be loaded. Run `callin validate` on them to "
                "see why.", "warn")
        return None
    ui.heading("callin: practise calling in, from either side")
    answer = _pick(ui, "Which scenario would you like to practise?", choices)
    return None if answer is None else bundled_root() / answer


def choose_setup(ui: UI, story: Story, role: str | None = None, difficulty: str | None = None,
                 mode: str | None = None) -> Setup | None:
    """Fill in what was not given; None when the learner quits."""
    if role is None:
        role = _only_or_pick(ui, "Which side will you play?", [
            (r.id, f"{r.title} ({_SIDE_WORDS.get(r.side, r.side)})")
            for r in story.roles.values()])
    if role is None:
        return None
    if difficulty is None and story.difficulties:
        difficulty = _only_or_pick(ui, "How hard should it be?", [
            (d.id, f"{d.title}. {' '.join(d.about_for(role).split())}".strip())
            for d in story.difficulties.values()])
        if difficulty is None:
            return None
    if mode is None:
        mode = _pick(ui, "How would you like to answer?", list(MODES.items()))
    if mode is None:
        return None
    return Setup(role, difficulty, mode)


def _only_or_pick(ui: UI, question: str, options: list[tuple[str, str]]) -> str | None:
    return options[0][0] if len(options) == 1 else _pick(ui, question, options)


def _pick(ui: UI, question: str, options: list[tuple[str, str]]) -> str | None:
    while True:
        answer = ui.pick(question, options, MENU_COMMANDS)
        if answer == "help":
            ui.para(f"To pick one, {ui.how_to_pick}. Type quit to leave.", "note")
            continue
        return None if answer == QUIT else answer


# The home menu: what `callin play` offers on a terminal before a new conversation ----------

NEW, RESUME, HISTORY, PROGRESS, DECIDE = "new", "resume", "history", "progress", "decide"


def choose_action(ui: UI, waiting: int) -> str | None:
    """What to do: a new conversation, carry on one (when any wait), look back, decide."""
    options = [(NEW, "Start a new conversation")]
    if waiting:
        options.append((RESUME, f"Carry on where you stopped ({waiting} unfinished "
                                f"conversation{'s' if waiting != 1 else ''})"))
    options += [(HISTORY, "Look back at your past conversations"),
                (PROGRESS, "See your progress: scores over time, skills to work on"),
                (DECIDE, "Not sure what to do? Call in, call out, or not now")]
    ui.heading("callin: practise calling in, from either side")
    return _pick(ui, "What would you like to do?", options)


def choose_session(ui: UI, question: str, found: list[Saved]) -> Saved | None:
    """One of `found`, numbered as listed (as in the history); None to go back. One that
    cannot be read says why, and is asked again."""
    while True:
        picked = _pick(ui, question, [(s.id, session_label(s)) for s in found])
        chosen = next((s for s in found if s.id == picked), None)
        if chosen is None or chosen.transcript is not None:
            return chosen
        ui.para(f"That session cannot be read: {chosen.problem}.", "warn")


def session_label(saved: Saved) -> str:
    """'tutorial, being called in, gentle, chosen replies: Repaired, 100 (7 Dec 2026, 05:18)'"""
    from simulator.export import setup_words, when

    t = saved.transcript
    if t is None:
        return f"cannot be read: {saved.problem}"
    setup = ", ".join([t.scenario, *setup_words(t)])
    if t.ending is not None:
        result = t.ending["title"] + (f", {saved.score}" if saved.score is not None else "")
    else:
        result = f"{saved.moves} move{'s' if saved.moves != 1 else ''} so far"
    return f"{setup}: {result} ({when(saved.saved)})"
