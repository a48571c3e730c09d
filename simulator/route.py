"""Route: a learner's own words -> the authored choice they fit, or a reaction.

The analyzer labels the words; the choice whose tags share the most labels is
taken (ties go to the closer wording). When the words make a defensive move,
an insult or blame that the best choice does not carry, the other person
answers that move instead, in character, and the talk stays where it is. The
decision always says why, so a learner can disagree (and undo).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from simulator.analyze import analyze
from simulator.labels import LABELS
from simulator.model import Choice

# The moves the other person answers in character, most serious first.
PROBLEM_ORDER = ("insult", "def_counterattack", "def_denial", "def_minimizing",
                 "def_tone_policing", "def_victimhood", "def_credentials", "def_intent",
                 "you_blame", "non_apology")
_WORD = re.compile(r"[a-z']+")
_STOP = frozenset([
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "i", "if", "in", "is", "it",
    "me", "my", "of", "on", "or", "so", "that", "the", "this", "to", "was", "we", "with", "you",
    "your",
])


@dataclass
class Decision:
    choice: Choice | None
    labels: list[str]
    evidence: list[dict[str, Any]] = field(default_factory=list)
    problem: str | None = None  # the label reacted to, when no choice is taken
    explanation: str = ""


def route(text: str, offered: list[Choice], *, side: str | None = None,
          previous: str | None = None) -> Decision:
    """`side` (the learner's) and `previous` (the line they answer) help the analyzer."""
    analysis = analyze(text, side=side, previous=previous)
    labels = list(analysis.labels)
    evidence = analysis.to_dict()["evidence"]
    spoken = [c for c in offered if not c.silent]
    best = max(spoken, key=lambda c: _fit(labels, text, c), default=None)
    problem = _uncovered_problem(labels, best)
    read = f"read as: {', '.join(_pretty(labels)) or 'no particular move'}"
    if problem is not None or best is None:
        return Decision(None, labels, evidence, problem,
                        f"{read}; no reply here fits that, so they answer it")
    shared = [tag for tag in best.tags if tag in labels]
    why = (f"both {', '.join(_pretty(shared))}" if shared else "the closest in wording")
    return Decision(best, labels, evidence, None, f"{read}; taken as \"{best.short}\" ({why})")


def _fit(labels: list[str], text: str, choice: Choice) -> tuple[int, int, float]:
    tags = {tag for tag in choice.tags if tag in LABELS}
    shared = len(tags & set(labels))
    mismatched = len(tags ^ set(labels))
    return shared, -mismatched, _overlap(text, choice.say or "")


def _uncovered_problem(labels: list[str], best: Choice | None) -> str | None:
    carried = set(best.tags) if best is not None else set()
    for label in PROBLEM_ORDER:
        if label in labels and label not in carried:
            return label
    return None


def _overlap(a: str, b: str) -> float:
    words_a = set(_WORD.findall(a.lower())) - _STOP
    words_b = set(_WORD.findall(b.lower())) - _STOP
    if not words_a or not words_b:
        return 0.0
    return len(words_a & words_b) / len(words_a | words_b)


def _pretty(labels: list[str]) -> list[str]:
    return [label.replace("def_", "defensive: ").replace("_", " ") for label in labels]
