"""`callin decide`: ask the questions of decide.py, show the one recommendation and
its reasons, and offer the bundled scenario that practises it."""

from __future__ import annotations

from simulator.decide import SITUATION, WHEN_NOT, Answers, Recommendation, decide
from simulator.terminal import QUIT, UI

YES_NO = (("yes", "Yes"), ("no", "No"))
_COMMANDS = ("help", "quit")
_HELP = ("Answer as things are for you now; there are no wrong answers, and it's fine to "
         "come back to this later. Type quit to stop.")


class Quit(Exception):
    """The learner quit (or input ended) before the last question."""


def ask_answers(ui: UI) -> Answers:
    """The situation questions, then the when-not-to checklist; raises Quit."""
    ui.heading("Call in, call out, or not now?")
    ui.para("A few yes-or-no questions about the situation, then a suggestion with the "
            "reasons for it. Answer by number, or y / n.", "note")
    given = {q.key: _yes(ui, q.text) for q in SITUATION}
    ui.para("There are times not to call anyone in or out, at least for now:")
    ui.bullets([q.text for q in WHEN_NOT])
    if _yes(ui, "Does any of these apply to you right now?"):
        given.update({q.key: _yes(ui, f"{q.text}?") for q in WHEN_NOT})
    return Answers(**given)


def show(ui: UI, recommendation: Recommendation) -> None:
    # Each reason keeps its sources (`Reason.seeds`) for authors; learners see the reasons.
    ui.heading(recommendation.title)
    ui.bullets([r.text for r in recommendation.reasons])


def practice_scenario(recommendation: Recommendation, bundled: list[str]) -> str | None:
    """The first suggested scenario that is bundled, else the tutorial if it is."""
    for scenario in (*recommendation.practise, "tutorial"):
        if scenario in bundled:
            return scenario
    return None


def run(ui: UI, bundled: list[str]) -> str | None:
    """The whole helper; returns the scenario to practise now, or None."""
    try:
        recommendation = decide(ask_answers(ui))
    except Quit:
        return None
    show(ui, recommendation)
    scenario = practice_scenario(recommendation, bundled)
    if scenario is None:
        return None
    try:
        wanted = _yes(ui, f"Would you like to practise now, with the '{scenario}' scenario?")
    except Quit:
        return None
    if not wanted:
        ui.para(f"Whenever you're ready: callin play {scenario}", "note")
    return scenario if wanted else None


def _yes(ui: UI, question: str) -> bool:
    while True:
        answer = ui.pick(question, YES_NO, _COMMANDS)
        if answer == "help":
            ui.para(_HELP, "note")
            continue
        if answer == QUIT:
            raise Quit
        return answer == "yes"
