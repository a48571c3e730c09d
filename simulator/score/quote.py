"""Quotes: the learner's own words, centred on the words that decided an item.

An item decided by a phrase (seed 000's "can I bring something up") quotes the
phrase it matched; one decided by an analyzer label quotes that label's span.
A long line is cut around those words, with an ellipsis where it was cut, so
the learner sees what counted, not the start of a long turn.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache
from typing import Any

from simulator.labels import FAULT_LABELS, read_clearly
from simulator.speech import as_action
from simulator.transcript import Turn

QUOTE_LIMIT = 120  # characters of one quote in the report


def cited(found: list[tuple[int, Turn]], pattern: re.Pattern[str] | None = None,
          labels: Collection[str] = (), limit: int = 3) -> dict[str, Any]:
    """An item's turns, quotes and readings, each quote centred on the words that
    matched `pattern`, else on those read as one of `labels`."""
    shown = found[:limit]
    return {"turns": tuple(n for n, _ in shown),
            "quotes": tuple(quote(as_action(t.text) if t.kind == "silent" else t.text,
                                  focus=deciding_words(t, pattern, labels))
                            for _, t in shown),
            "reasons": tuple(read_as(t) for _, t in shown)}


def deciding_words(turn: Turn, pattern: re.Pattern[str] | None = None,
                   labels: Collection[str] = ()) -> str:
    """The words of a turn that decided an item: the phrase matched, or the span read
    as one of `labels`; "" when nothing narrower than the whole turn decided it."""
    matched = pattern.search(turn.text) if pattern is not None else None
    if matched is not None:
        return matched.group()
    return _labelled(turn, labels) if labels else ""


def _labelled(turn: Turn, labels: Collection[str]) -> str:
    """The words read as one of `labels`: the analyzer's evidence, kept with a typed
    reply, or read again (a long one explained, an authored one by the rules)."""
    whole = turn.text.strip()
    for span in turn.evidence:  # a rule's span; the model's is the whole line when kept
        if span.get("label") in labels and span.get("end", 0) - span.get("start", 0) < len(whole):
            return turn.text[span["start"]:span["end"]]
    if len(" ".join(turn.text.split())) <= QUOTE_LIMIT:
        return ""  # short enough to quote whole
    found = _explained(turn.text) if turn.kind == "free" else _evidence(turn.text)
    return next((e.quote for e in found if e.label in labels and e.quote != whole), "")


@lru_cache(maxsize=4_096)
def _evidence(text: str) -> tuple[Any, ...]:
    from simulator.analyze import analyze_rules

    return tuple(analyze_rules(text).evidence)  # spans to centre a quote on


@lru_cache(maxsize=256)
def _explained(text: str) -> tuple[Any, ...]:
    """A learner's long turn read again with the model explaining itself: its evidence
    then spans the sentence holding the words that weighed most."""
    from simulator.analyze import analyze

    return tuple(analyze(text, explain=True).evidence)


def quote(text: str, limit: int = QUOTE_LIMIT, focus: str = "") -> str:
    """`text` on one line, cut to `limit` characters around `focus` (the words that
    decided the item), or from the start."""
    text, focus = " ".join(text.split()), " ".join(focus.split())
    if len(text) <= limit:
        return text
    at = text.find(focus) if focus else -1
    if at <= limit - len(focus) - 1:
        return text[: limit - 1].rstrip() + "…"
    start = max(0, min(at - (limit - len(focus)) // 2, len(text) - limit + 2))
    window = text[start: start + limit - 2].strip()
    return ("…" if start else "") + window + ("…" if start + limit - 2 < len(text) else "")


def read_as(turn: Turn) -> str:
    """For a typed reply, how the analyzer read it, with its evidence; "" for a choice."""
    if turn.kind != "free" or not turn.evidence:
        return ""
    from simulator.analyze import reason

    said: dict[str, str] = {}
    for item in turn.evidence:
        label = str(item.get("label", ""))
        words = quote(str(item.get("quote", "")), 60)
        why = reason(item)
        if label in FAULT_LABELS and not read_clearly(item.get("probability")):
            why += ", too unsure to count against you"
        said.setdefault(label, f"{label.replace('_', ' ')} (\"{words}\": {why})")
    return "read as " + "; ".join(said.values())
