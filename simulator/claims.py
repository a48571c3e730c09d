"""What report text says about rubric items: the words by which a debrief speaks
of each item, and whether a sentence credits it or tells the learner to work on
it. The checks read debriefs with it (a paragraph that speaks of an item must
stand on that item's verdict, CI507) and the tests read whole reports with it
(no sentence contradicts the checklist). Kept apart from `score`, which the
checks never import."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

CREDIT, WORK_ON = "credit", "work on"

# How a debrief names each item's move in words (seeds' language, as the stories use it).
_NAMES: dict[str, str] = {
    "talk_share": r"talk share|30/70|most of the talking",
    "icebreakers": r"\bstart(ed)? light|icebreakers?|small talk",
    "i_statements": r"\bI-statements?\b|\"I\" statements?",
    "questions": r"\bhow (and|or) why\b|\bhow/why\b|open questions?|\bhow questions?"
                 r"|\bone how question",
    "stated_intent": r"\byour intent\b|\bstated your intent|said why you (came|were raising)",
    "named_specifics": r"\bnamed? (the|his|her|their) (exact|concrete)|\bnamed the date"
                       r"|\bthe concrete (words|moment|date)",
    "invited_clarification": r"help (you|me) understand|invited (him|her|them) to explain",
    "no_insults": r"\binsults?\b|name-calling|\bnames made\b|judging (his|her|their) character"
                  r"|\blabels?\b",
    "specific_request": r"specific request|\bthe request\b|exactly what you'?d like",
    "follow_up": r"follow[- ]?up|check(ed)? (back )?in\b|meet again|talk again|a time to"
                 r"|leave with a date",
    "stayed_steady": r"stayed steady|back to your purpose",
    "shared_story": r"your own (story|experience|side|mistake)|you shared",
    "self_care": r"look(ing|ed)? after yourself|self-care",
    "spoke_up": r"\bspoke up\b|\bspeak up\b|\binterrupt(ed|ion)?\b|called it out|unchallenged",
    "affirmed_values": r"\bvalues\b|not our culture",
    "no_lecture": r"\blectur(e|ed|ing)\b|telling-off",
    "paused": r"\bpaus(e|ed|ing)\b|(take|took) a breath|\ba breath\b",
    "listened": r"\blisten(ed|ing)?\b",
    "acknowledged": r"\backnowledg(e|ed|ing)\b|owned the impact|took responsibility",
    "reflected": r"\breflect(ed|ing)?\b",
    "no_defensiveness": r"\bdefen(ce|ces|sive|siveness|ding|d)\b|\bdenying\b",
    "apology": r"\bapologi[sz](e|ed|ing)\b|\bapology\b|\ba sorry\b",
    "gratitude": r"\bthank(ed|ing)?\b",
    "commitment": r"\bcommit(ted|ment)?\b|\bthe promise\b",
    "no_caretaking": r"look after your feelings|make you feel better|comforting you"
                     r"|need to hear (that )?you'?re still|without asking (her|him|them) to do it",
}
NAMES = {item: re.compile(words, re.I) for item, words in _NAMES.items()}

# Items about something not to do: their words name the slip, so a sentence naming one
# credits the learner only where it says they did not do it.
_ABSENCES = frozenset({"no_insults", "no_lecture", "no_defensiveness", "no_caretaking"})
_NOT_BEFORE = re.compile(r"\b(without|instead of|rather than|no|not|never)\b[^,;]*$", re.I)

# A sentence that tells the learner what to change, or that something was missing.
_ADVICE = re.compile(
    r"\b(next time|try|would|could|might|missing|didn'?t|did not|never|nothing|if you"
    r"|remember|not yet|isn'?t there|vague|unchallenged|handed|brushed off|moved away|went quiet"
    r"|too late|lead with|is enough|costs? far less|belongs in)\b", re.I)
# Or one that begins with a verb telling them what to do ("Pause, listen, acknowledge.").
_IMPERATIVE = re.compile(
    r"^((and|then|so|but|in it),?\s+)?(pause|listen|acknowledge|breathe|be|take|say|start"
    r"|share|ask|keep|reflect|thank|make|name|use|let|give|find|apologi[sz]e|commit|focus"
    r"|when (you|your|the))\b", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”)]?\s+(?=[A-Z\"“])")


@dataclass(frozen=True)
class Claim:
    item: str
    says: str  # CREDIT (it was there) or WORK_ON (it was missing, or to do next time)
    sentence: str


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(" ".join(text.split())) if s.strip()]


def mentions(text: str, items: set[str] | None = None) -> set[str]:
    """The items `text` speaks of in words (of `items`, or of every item)."""
    return {i for i, words in NAMES.items() if (items is None or i in items)
            and words.search(text)}


def claims(text: str, items: set[str] | None = None) -> Iterator[Claim]:
    """What each sentence of `text` says about the items it names."""
    for sentence in sentences(text):
        advice = bool(_ADVICE.search(sentence) or _IMPERATIVE.search(sentence))
        for item in sorted(mentions(sentence, items)):
            yield Claim(item, _says(item, sentence, advice), sentence)


def _says(item: str, sentence: str, advice: bool) -> str:
    if item in _ABSENCES:  # the words name the slip
        found = NAMES[item].search(sentence)
        assert found is not None
        negated = _NOT_BEFORE.search(sentence[:found.start()])
        return CREDIT if negated and not advice else WORK_ON
    return WORK_ON if advice else CREDIT


def contradicts(claim: Claim, verdict: str) -> bool:
    """Does the claim say the opposite of the checklist's verdict on its item?"""
    return (claim.says == CREDIT and verdict == "missed") or (
        claim.says == WORK_ON and verdict == "met")
