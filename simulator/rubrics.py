"""Rubric profiles: which items a role is scored on, and how much each weighs.

Each role declares a profile (or gets its side's default) and may add, drop or
weight items. Every item traces back to the seeds; `score` holds how each one
is judged. Kept apart from `score` so that building and checking a story never
imports the scorer.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

# Each profile: item id -> weight, in the order the report lists them.
PROFILES: dict[str, dict[str, float]] = {
    # The one who was hurt, calling in (seeds 000, 001): say how it landed, ask for
    # what you need, stay with your purpose, look after yourself. No talk-share quota.
    "hurt-calling-in": {
        "stated_intent": 1.0, "named_specifics": 1.0, "i_statements": 1.5,
        "invited_clarification": 1.0, "no_insults": 1.5, "specific_request": 1.5,
        "stayed_steady": 1.5, "follow_up": 0.5, "self_care": 1.0,
    },
    # An ally or relative in a one-to-one values conversation (seed 002): start light,
    # ask how and why, the 30/70 rule, share your own story, I-statements, meet again.
    "ally-one-to-one": {
        "talk_share": 1.5, "icebreakers": 0.5, "i_statements": 1.0, "questions": 1.5,
        "stated_intent": 1.0, "named_specifics": 1.0, "invited_clarification": 1.0,
        "shared_story": 1.0, "no_insults": 1.5, "specific_request": 1.0,
        "follow_up": 1.5, "stayed_steady": 1.5,
    },
    # Calling out in the moment (seeds 000, 001, 003): interrupt, name it briefly,
    # "that's not our culture here", no lecture, follow up privately.
    "calling-out": {
        "spoke_up": 2.0, "named_specifics": 1.0, "affirmed_values": 1.0, "no_lecture": 1.0,
        "no_insults": 1.5, "stayed_steady": 1.0, "follow_up": 1.5,
    },
    # Being called in (seeds 000, 001, 003): pause, listen, acknowledge, reflect,
    # apologise without "but", thank, commit specifically, no caretaking.
    "called-in": {
        "talk_share": 1.5, "paused": 1.0, "listened": 1.0, "acknowledged": 1.5,
        "reflected": 1.0, "no_defensiveness": 2.0, "apology": 1.0, "gratitude": 1.0,
        "commitment": 1.5, "no_caretaking": 1.0,
    },
}

DEFAULT_PROFILE = {"calling-in": "ally-one-to-one", "called-in": "called-in"}
DEFAULT_WEIGHT = 1.0

# Every item any profile can use, in a stable order.
ITEMS: tuple[str, ...] = tuple(dict.fromkeys(i for p in PROFILES.values() for i in p))


def resolve(profile: str, add: Iterable[str] = (), drop: Iterable[str] = (),
            weights: Mapping[str, float] | None = None) -> dict[str, float]:
    """A role's items and weights: the profile's, plus `add`, minus `drop`, reweighted."""
    items = dict(PROFILES[profile])
    for item in add:
        items.setdefault(item, DEFAULT_WEIGHT)
    for item in drop:
        items.pop(item, None)
    for item, weight in (weights or {}).items():
        if item in items:
            items[item] = weight
    return items


def default_items(side: str) -> dict[str, float]:
    return dict(PROFILES[DEFAULT_PROFILE.get(side, "called-in")])
