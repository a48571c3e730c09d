"""Rewrites from the story: for an item short of met, the best reply the author
wrote that the learner could have chosen at that point of this conversation, or
else the example the author wrote for that item in that role.

The scorer's generic rewrites are in the seeds' words and name no scenario; when
the story is at hand, each is replaced by an authored reply of the same story,
so Bob is never offered a line written for Linh.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from simulator.labels import FAULT_LABELS
from simulator.model import Choice, Story
from simulator.transcript import PLAYER, Transcript, Turn

if TYPE_CHECKING:
    from simulator.score import Item

# The tags an authored reply must carry to show each item (any one of them).
SHOWS: dict[str, frozenset[str]] = {
    "talk_share": frozenset({"open_question", "reflection", "acknowledgment"}),
    "i_statements": frozenset({"i_statement"}),
    "questions": frozenset({"open_question"}),
    "stated_intent": frozenset({"states_intent"}),
    "named_specifics": frozenset({"names_specifics"}),
    "invited_clarification": frozenset({"invites_clarification"}),
    "no_insults": frozenset({"i_statement", "open_question"}),
    "specific_request": frozenset({"specific_request"}),
    "follow_up": frozenset({"follow_up"}),
    "stayed_steady": frozenset({"steady"}),
    "paused": frozenset({"pause"}),
    "listened": frozenset({"listen"}),
    "acknowledged": frozenset({"acknowledgment"}),
    "reflected": frozenset({"reflection"}),
    "no_defensiveness": frozenset({"acknowledgment", "reflection", "apology"}),
    "apology": frozenset({"apology"}),
    "gratitude": frozenset({"gratitude"}),
    "commitment": frozenset({"repair", "follow_up"}),
    "no_caretaking": frozenset({"acknowledgment", "reflection"}),
}

# A rewrite never suggests a move the rubric counts against.
_FAULTS = FAULT_LABELS | {"caretaking", "shame_spiral", "closed_question"}


def from_story(items: tuple[Item, ...], transcript: Transcript, story: Story) -> tuple[Item, ...]:
    """`items` with each generic rewrite replaced by the story's own best reply, where
    one was on offer; items without one keep the generic rewrite."""
    moves = [(n, t) for n, t in enumerate(transcript.turns, 1) if t.side == PLAYER]
    role = story.roles.get(transcript.role)
    examples = role.rubric.examples if role is not None and role.rubric else {}
    out = []
    for item in items:
        found = _best(item, moves, transcript, story) if item.rewrite else None
        if found is not None:
            item = replace(item, rewrite=_phrased(item.rewrite, *found))
        elif item.rewrite and item.id in examples:  # the author's own example for the role
            item = replace(item, rewrite=_example(item.rewrite, examples[item.id]))
        out.append(item)
    return tuple(out)


def _best(item: Item, moves: list[tuple[int, Turn]], transcript: Transcript,
          story: Story) -> tuple[int, Choice] | None:
    """The first turn (those the item quotes first) where a reply showing the item was
    on offer and not taken, with the best such reply."""
    wanted = SHOWS.get(item.id)
    if not wanted:
        return None
    for number, turn in _turns_to_try(item, moves):
        offered = [c for c in _offered(transcript, number, turn, story)
                   if wanted & set(c.tags) and not _FAULTS & set(c.tags) and c.key != turn.choice]
        if offered:
            return number, max(offered, key=lambda c: _fit(item.id, wanted, c))
    return None


def _fit(item_id: str, wanted: frozenset[str], choice: Choice) -> tuple[int, ...]:
    """How well a reply shows an item: more of its tags; for the talk share, fewer words."""
    shown = len(wanted & set(choice.tags))
    if item_id == "talk_share":
        return shown, -len((choice.say or "").split())
    return shown, len(choice.tags)


def _turns_to_try(item: Item, moves: list[tuple[int, Turn]]) -> Iterator[tuple[int, Turn]]:
    quoted = set(item.turns)
    yield from ((n, t) for n, t in moves if n in quoted)
    yield from ((n, t) for n, t in moves if n not in quoted)


def _offered(transcript: Transcript, number: int, turn: Turn, story: Story) -> list[Choice]:
    """The replies on offer at this move: the node's choices whose condition held, and
    once-only ones not used yet, in the state just before it."""
    node = story.nodes.get(turn.node)
    if node is None:
        return []
    before = transcript.turns[number - 2].after if number > 1 else transcript.start_state
    state = {k: float(v) for k, v in before.get("vars", {}).items()}
    used = set(before.get("once", ()))
    return [c for c in node.choices if not (c.once and c.key in used)
            and (c.condition is None or _holds(c, state))]


def _holds(choice: Choice, state: dict[str, float]) -> bool:
    assert choice.condition is not None
    try:
        return choice.condition.holds(state)
    except (KeyError, ValueError):  # a transcript of an older version of the story
        return False


def _phrased(generic: str, number: int, choice: Choice) -> str:
    """The generic rewrite's advice, with the story's reply as its example."""
    lead = generic.split("\"", 1)[0].rstrip(" :.")
    lead = f"{lead}. " if lead else ""
    if choice.say is not None:
        return f"{lead}At turn {number}, you could have said: \"{_one_line(choice.say)}\""
    return f"{lead}At turn {number}, you could have chosen: {_one_line(choice.short)}"


def _example(generic: str, example: str) -> str:
    lead = generic.split("\"", 1)[0].rstrip(" :.")
    return f"{lead}: \"{_one_line(example)}\"" if lead else f"\"{_one_line(example)}\""


def _one_line(text: str) -> str:
    return " ".join(text.split())
