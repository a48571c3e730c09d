"""No sentence of a report contradicts a verdict in it: for every bundled role and
every ending it can reach, read with hand-made learners who meet and miss each
item (in choice and in free mode) and with seeded random play, no sentence of
the rendered report (debrief, summary, advice) credits an item the checklist
marks missed or asks for more of an item marked met."""

from __future__ import annotations

import random
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from simulator.build import load_story
from simulator.check import StoryGraph
from simulator.claims import CREDIT, WORK_ON, Claim, claims, contradicts
from simulator.engine import Session
from simulator.model import Story
from simulator.score import MET, MISSED, Report, report_text, score
from simulator.transcript import Transcript
from tests.conftest import bundled_scenarios
from tests.test_learners import LEARNERS, SILENT, _learner

SCENARIOS = bundled_scenarios()


@cache
def _story(folder: Path) -> Story:
    story, found = load_story(folder)
    assert story is not None, found
    return story


def _roles() -> list[tuple[Path, str]]:
    return [(folder, role) for folder in SCENARIOS for role in _story(folder).roles]


def contradictions(report: Report) -> list[str]:
    """Every sentence of the report that says the opposite of a verdict in it."""
    rendered = " ".join(report_text(report).split())
    shown = [(report.ending or {}).get("debrief", ""), report.outcome, report.reason,
             *(f"try: {i.rewrite}" for i in report.items if i.rewrite)]
    assert all(" ".join(piece.split()) in rendered for piece in shown)  # what is read
    verdicts = {item.id: item.verdict for item in report.items}
    found = [f"{c.says} '{c.item}' ({verdicts[c.item]}): {c.sentence}"
             for c in _said(report, set(verdicts)) if contradicts(c, verdicts[c.item])]
    found += _summary_contradictions(report)
    found += [f"advice on '{i.id}', which is met: {i.rewrite}" for i in report.items
              if i.rewrite and i.verdict == MET]
    return found


def _said(report: Report, items: set[str]) -> list[Claim]:
    """What the debrief, the outcome line and the advice lines say of the items."""
    ending = report.ending or {}
    said = list(claims(f"{ending.get('debrief', '')} {report.outcome}", items))
    for item in report.items:  # an advice line asks for more of what it names
        said += [replace(c, says=WORK_ON) for c in claims(_lead(item.rewrite),
                                                           items - {item.id})]
    return said


def _lead(rewrite: str) -> str:
    """An advice line's own words, before the example reply it offers (a reply of the
    story or of the seeds, in the learner's voice: an example, not an instruction)."""
    return rewrite.split("\"", 1)[0].split("At turn ", 1)[0]


_LEADS = (("strong on ", CREDIT), ("work on ", WORK_ON), ("start with: ", WORK_ON))
# Summaries that name no item; any other wording fails, so this check cannot go stale.
_PLAIN = ("every skill scored was there", "no moves yet: there is nothing to score",
          "unfinished: there is no overall score until the conversation ends")


def _summary_contradictions(report: Report) -> list[str]:
    """The summary names the strongest met item and the weightiest one not met."""
    titles = {item.title.lower(): item.verdict for item in report.items}
    wrong = []
    for part in report.reason.split("; "):
        lead = next(((lead, says) for lead, says in _LEADS if part.startswith(lead)), None)
        if lead is not None:
            verdict = titles.get(part[len(lead[0]):], "")
            if verdict and (lead[1] == CREDIT) != (verdict == MET):
                wrong.append(f"summary '{part}' but the item is {verdict}")
        elif part == _PLAIN[0] and set(titles.values()) - {MET}:
            wrong.append("summary says every skill was there, but not every item is met")
        elif part not in _PLAIN and not part.startswith("nothing of substance said yet"):
            wrong.append(f"a summary this test cannot read: '{part}'")
    return wrong


def _ending(story: Story, nid: str) -> dict[str, Any]:
    """The ending as the engine records it in a transcript."""
    ending = story.nodes[nid].ending
    assert ending is not None
    recorded: dict[str, Any] = {"node": nid, "kind": ending.kind, "title": ending.title,
                                "debrief": ending.debrief, "sound_call": ending.sound_call}
    if ending.paragraphs:
        recorded["paragraphs"] = [p.to_dict() for p in ending.paragraphs]
    return recorded


# Beside the table of tests/test_learners.py: one who leans on the partner for comfort.
# and, calling out, one who lectures.
_MORE = {"called-in": {"leaning on them": ("stalled", [
    "Oh no. What did I do?", "I'm a terrible person. Please don't be mad at me.",
    "Tell me we're okay?", "Thank you for telling me."])},
    "ally-one-to-one": {"curious, briefly": ("door-open", [
        "How's the allotment?", "Can you help me understand what you meant?", SILENT,
        SILENT])},
    "calling-out": {"lecturing": ("stalled", [
        "I can't let that go. Let me explain why jokes like that matter: they tell everyone "
        "in the room who belongs, they add up over months, and people like Kasia carry them "
        "home while the rest of us forget them by lunch, which is exactly the problem here.",
        "Okay.", "Right.", "Fine."])}}


def _hand_made(story: Story, role: str) -> list[tuple[str, Transcript]]:
    """The hand-made learners of the role's profile, in choice and in free mode."""
    the_role = story.roles[role]
    profile = the_role.rubric.profile if the_role.rubric else "called-in"
    found = []
    for name, (kind, replies) in {**LEARNERS[profile], **_MORE.get(profile, {})}.items():
        for mode in ("choice", "free"):
            transcript = _learner(profile, kind, replies)
            transcript.rubric = dict(the_role.rubric_items())
            transcript.mode = mode
            for turn in transcript.turns:
                if mode == "free" and turn.kind == "choice":
                    turn.kind = "free"  # typed: scored on the words alone
            found.append((f"{name} ({mode})", transcript))
    return found


@pytest.mark.parametrize(("folder", "role"), _roles(), ids=lambda x: getattr(x, "name", x))
def test_hand_made_learners_meet_no_contradiction_at_any_ending(folder: Path,
                                                                role: str) -> None:
    story = _story(folder)
    wrong, seen = [], set()
    for nid in sorted(StoryGraph(story).reachable(story.roles[role])):
        if story.nodes[nid].ending is None:
            continue
        for name, transcript in _hand_made(story, role):
            transcript.ending = _ending(story, nid)
            report = score(transcript)
            seen |= {(i.id, i.verdict == MET) for i in report.items}
            wrong += [f"{nid}, {name}: {w}" for w in contradictions(report)]
    assert wrong == [], "\n".join(wrong)
    scored = {i for i, _ in seen}
    assert {(i, met) for i in scored for met in (True, False)} - seen <= _ONLY_EVER_MET, \
        "the learners should meet and miss every item"


# Items that can only ever be met (credited when they happen, never held against anyone).
_ONLY_EVER_MET = {("self_care", False)}


@pytest.mark.parametrize(("folder", "role"), _roles(), ids=lambda x: getattr(x, "name", x))
def test_random_play_meets_no_contradiction(folder: Path, role: str) -> None:
    story = _story(folder)
    rng, wrong = random.Random(7), []
    for difficulty in sorted(story.difficulties) or [None]:
        for _ in range(40):
            session = Session(story, role, difficulty)
            while session.choices:
                session.choose(rng.choice(session.choices).number)
            report = score(session.transcript, story)
            wrong += [f"{session.transcript.ending and session.transcript.ending['node']}: "
                      f"{w}" for w in contradictions(report)]
    assert wrong == [], "\n".join(sorted(set(wrong)))


@pytest.mark.parametrize(("text", "item", "says"), [
    ("You paused instead of explaining.", "paused", CREDIT),
    ("Next time, take a breath before you answer.", "paused", WORK_ON),
    ("Listen to the end.", "listened", WORK_ON),
    ("You committed to something specific, without asking Kasia to make you feel better.",
     "no_caretaking", CREDIT),
    ("At one point she had to look after your feelings.", "no_caretaking", WORK_ON),
    ("Blame and insults made the talk about his character.", "no_insults", WORK_ON),
    ("The request stayed vague; next time, say exactly what you'd like.", "specific_request",
     WORK_ON),
    ("Then you made a specific request and set a time to check in.", "follow_up", CREDIT),
])
def test_claims_read_credit_and_advice(text: str, item: str, says: str) -> None:
    assert [c.says for c in claims(text, {item})] == [says]


def test_a_contradiction_is_found() -> None:
    """The check can fail: a debrief crediting a missed item, and a summary or advice
    at odds with a verdict, are each reported."""
    transcript = _learner("called-in", "repaired", list(LEARNERS["called-in"]["silent"][1]))
    transcript.ending = {"node": "end", "kind": "repaired", "title": "T",
                         "debrief": "You reflected it back, and you thanked her."}
    report = score(transcript)
    found = contradictions(report)
    assert any("credit 'reflected' (missed)" in f for f in found), found
    assert any("credit 'gratitude' (missed)" in f for f in found), found
    item = next(i for i in report.items if i.verdict == MISSED)
    met = replace(report, items=(replace(item, verdict=MET),))
    assert any(f.startswith(f"advice on '{item.id}'") for f in contradictions(met))
