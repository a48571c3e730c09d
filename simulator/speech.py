"""Speech: what the other characters say, never the same speech twice in one talk.

When the talk comes back to a node (a loop, a detour that returns), its author's
`again:` lines are said instead of its `lines`. Any speech already said in this
talk, word for word, is replaced: by a brief line that person has not said yet,
and when those run out by a stage direction (a stage direction may come again;
a character who delivers the same speech twice sounds like a machine).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from simulator.transcript import NARRATOR, PLAYER, Turn
from simulator.words import count_words

# A node's line as turns are made of it: (speaker, side, text, words).
LineTurn = tuple[str, str, str, int]

# Short, in character for anyone coming back to a point: said once each.
BRIEF_LINES = ("So. Where were we?", "Mm. Go on.", "I'm still here. Take your time.")
WAITS = "{name} waits for you to go on."


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def on_screen(turn: Turn, name: Callable[[str], str]) -> tuple[str, str, str]:
    """(who, text on one line, side) as the learner sees a turn. A silent move is an
    action, not speech: "Take a breath. Let it land." shows as "You take a breath.
    You let it land." `name` gives a character's shown name."""
    text = " ".join(turn.text.split())
    if turn.kind == "silent":
        return "", as_action(text), NARRATOR
    if turn.side == PLAYER:
        return "You", text, PLAYER
    return ("" if turn.side == NARRATOR else name(turn.speaker)), text, turn.side


def as_action(instruction: str) -> str:
    """An instruction to the learner ("Breathe, and wait.") told as what they do
    ("You breathe, and wait."). An English imperative is the second person's
    present tense, so each sentence takes "You" before it, unless it already
    speaks of "you"."""
    return " ".join(_you(sentence) for sentence in _SENTENCE_END.split(instruction.strip())
                    if sentence)


def _you(sentence: str) -> str:
    first = sentence.split(maxsplit=1)[0].lower()
    if first in ("you", "you'll", "you're", "you've", "you'd", "your"):
        return sentence
    return f"You {sentence[0].lower()}{sentence[1:]}"


def said_before(turns: Iterable[Turn]) -> set[str]:
    """Every speech the other characters have made in this talk."""
    return {t.text for t in turns if t.side != NARRATOR and not t.by_learner}


def visited(turns: Iterable[Turn], node_id: str) -> bool:
    return any(t.node == node_id and t.kind == "line" for t in turns)


def unrepeated(lines: Sequence[LineTurn], said: set[str], names: dict[str, str]
               ) -> list[LineTurn]:
    """`lines` with each speech already said replaced by a fresh one; a stage
    direction already shown is left out. Never empty when `lines` is not."""
    out: list[LineTurn] = []
    shown: set[str] = set()
    for speaker, side, text, words in lines:
        if side == NARRATOR:
            if text not in said and text not in shown:
                out.append((speaker, side, text, words))
                shown.add(text)
            continue
        if text in said:
            speaker, side, text, words = fresh(speaker, side, said, names)
        said.add(text)
        out.append((speaker, side, text, words))
    return out or [narration(WAITS.format(name=_first_speaker(lines, names)))]


def fresh(speaker: str, side: str, said: set[str], names: dict[str, str],
          first: Sequence[str] = ()) -> LineTurn:
    """The first of `first`, then of the brief lines, not yet said; else a stage
    direction that they wait."""
    for text in (*first, *BRIEF_LINES):
        if text not in said:
            return speaker, side, text, count_words(text)
    return narration(WAITS.format(name=names.get(speaker, speaker)))


def narration(text: str) -> LineTurn:
    return NARRATOR, NARRATOR, text, 0


def _first_speaker(lines: Sequence[LineTurn], names: dict[str, str]) -> str:
    speaker = next((s for s, side, _, _ in lines if side != NARRATOR), "")
    return names.get(speaker, speaker) or "They"
