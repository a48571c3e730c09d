"""What came of it: the ending's weight in the overall score (DESIGN, "Scoring")."""

from __future__ import annotations

from typing import Any

# What came of the conversation counts (DESIGN, "Scoring"): the ending carries this
# share of the overall score. A sound call (stepping back for safety or self-care,
# both left thinking: seeds 001, 002) is worth as much as a repair.
OUTCOME_WEIGHT = 0.4
OUTCOME_VALUE = {"repaired": 1.0, "door-open": 0.6, "stalled": 0.25, "broke-down": 0.0}
BROKE_DOWN_CAP = 50  # however skilled the moves, a talk that broke down did not work
_KIND_WORDS = {"repaired": "it was repaired", "door-open": "the door was left open",
               "stalled": "it stalled", "broke-down": "it broke down"}


def with_outcome(skills: float, ending: dict[str, Any] | None) -> tuple[int | None, str]:
    """The overall score out of 100 (none for an unfinished talk), and a sentence on
    how the ending weighed in it."""
    if ending is None:
        return None, ""
    kind = ending["kind"]
    value = 1.0 if ending.get("sound_call") else OUTCOME_VALUE[kind]
    overall = round(100 * ((1 - OUTCOME_WEIGHT) * skills + OUTCOME_WEIGHT * value))
    points = f"{round(100 * OUTCOME_WEIGHT * value)} of {round(100 * OUTCOME_WEIGHT)} points"
    if ending.get("sound_call"):
        return overall, f"What came of it: stepping back here was a sound call ({points})."
    said = f"What came of it: {_KIND_WORDS[kind]} ({points})"
    if kind == "broke-down" and overall > BROKE_DOWN_CAP:
        return BROKE_DOWN_CAP, f"{said}; a talk that broke down scores {BROKE_DOWN_CAP} at most."
    return overall, said + "."
