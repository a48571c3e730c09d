"""Transcripts: every turn of a session, saved safely as the session goes.

A transcript is versioned JSON that carries the scenario id and a content hash
of the story, so any saved session can be re-scored or resumed. It is written
atomically after every turn (a temporary file, fsync, then rename), so a crash,
`kill -9` or Ctrl-C loses no turn: the file on disk is always the old whole
transcript or the new whole transcript, never half of one.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from dataclasses import MISSING, dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Any

from simulator.rubrics import ITEMS

FORMAT = "callin-transcript"
VERSION = 1

PLAYER, PARTNER, NARRATOR = "player", "partner", "narrator"
SEED_LIMIT = 2**32  # menu seeds are 0 <= seed < SEED_LIMIT: short to read in a transcript


@dataclass(slots=True)
class Turn:
    """One turn: a line by the partner or narrator, or a move by the learner."""

    speaker: str  # a character id, or "narrator"
    side: str  # player / partner / narrator
    kind: str  # line, choice, free, silent, reaction, ending
    text: str
    node: str  # the node where the turn happened
    words: int = 0
    choice: str | None = None  # `node.choice` for a learner's move that followed a choice
    labels: list[str] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    note: str = ""  # how a free reply was read and routed
    skills: list[str] = field(default_factory=list)  # skill tags of the choice taken
    # The session after this turn: node, variables and once-only choices used.
    after: dict[str, Any] = field(default_factory=dict)
    # Free mode: how the learner's words were routed (clear, ahead, confirmed,
    # reaction, say-more) and how well they fitted the reply taken or the closest, 0..1.
    routing: str = ""
    sure: float | None = None

    @property
    def by_learner(self) -> bool:
        return self.side == PLAYER


@dataclass
class Transcript:
    scenario: str
    story_hash: str
    role: str
    side: str  # calling-in / called-in
    difficulty: str | None
    mode: str  # choice / free
    talk_share_target: float
    start_state: dict[str, Any]
    turns: list[Turn] = field(default_factory=list)
    ending: dict[str, Any] | None = None  # node, kind, title, debrief, sound_call
    started: str = ""
    version: int = VERSION
    partner: str = ""  # the character being talked with; "" in older transcripts: anyone
    # Replies said to someone else (an ally, a bystander), by choice key: side talk.
    asides: dict[str, str] = field(default_factory=dict)
    # The rubric: item -> weight, in report order; {} in older transcripts: the side's.
    rubric: dict[str, float] = field(default_factory=dict)
    profile: str = ""
    # Shuffles the menu the same way on every visit, undo and resume (order.py);
    # None in older transcripts and automated play: authored order.
    menu_seed: int | None = None

    @property
    def finished(self) -> bool:
        return self.ending is not None

    def learner_turns(self) -> list[tuple[int, Turn]]:
        return [(i, t) for i, t in enumerate(self.turns) if t.by_learner]

    def to_json(self) -> str:
        # As `asdict` would give, without its deep copy of every turn (saved each move).
        data = {"format": FORMAT, **_fields(self)}
        return json.dumps(data, ensure_ascii=False, indent=1, default=_fields)


def _fields(record: Any) -> dict[str, Any]:
    if not is_dataclass(record) or isinstance(record, type):
        raise TypeError(f"{type(record).__name__} cannot be saved in a transcript")
    return {f.name: getattr(record, f.name) for f in fields(record)}


def talk_words(transcript: Transcript) -> tuple[int, int, int]:
    """Words the learner said to the partner, words the partner said, and words of side
    talk with anyone else, either way. Older transcripts (no partner) count everyone."""
    partner, asides = transcript.partner, transcript.asides
    learner = spoken = side = 0
    for turn in transcript.turns:
        if turn.side == PLAYER and (turn.choice or "") not in asides:
            learner += turn.words
        elif turn.side == PARTNER and (not partner or turn.speaker == partner):
            spoken += turn.words
        elif turn.side != NARRATOR:
            side += turn.words
    return learner, spoken, side


def talk_share(transcript: Transcript) -> float:
    """The learner's share of the words between them and the partner (the 30/70 rule)."""
    learner, other, _ = talk_words(transcript)
    return learner / (learner + other) if learner + other else 0.0


class TranscriptError(Exception):
    """A transcript that cannot be read; `location` is `path[:line:col]`."""

    def __init__(self, location: str, message: str, hint: str = "", *,
                 missing: bool = False) -> None:
        super().__init__(f"{location}: error {message}")
        self.location = location
        self.message = message
        self.hint = hint
        self.missing = missing  # no file at all: the caller knows where sessions are

    def __str__(self) -> str:
        hint = f"\n    hint: {self.hint}" if self.hint else ""
        return f"{self.location}: error {self.message}{hint}"


def save(transcript: Transcript, path: str | Path) -> None:
    """Write atomically: readers see the old file or the new one, whole."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(transcript.to_json())
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def load(path: str | Path) -> Transcript:
    """Read a transcript; any problem is a TranscriptError, never a traceback."""
    from simulator.files import FileProblem, read_bytes, shown

    location = shown(path)
    try:
        text = read_bytes(path).decode("utf-8")
    except FileProblem as problem:
        if problem.message == "no such file":
            raise TranscriptError(location, "no such transcript", "check the path",
                                  missing=True) from None
        raise TranscriptError(location, problem.message.replace("the file", "the transcript"),
                              problem.hint) from None
    except UnicodeDecodeError:
        raise TranscriptError(location, "the transcript is not UTF-8 text",
                              "transcripts are the .json files that `callin play` saves") from None
    try:
        data = json.loads(text, parse_constant=_not_json)
    except _NotJson as error:
        raise TranscriptError(location, f"the transcript holds {error}, which is not JSON",
                              "was it edited by hand?") from None
    except json.JSONDecodeError as error:
        raise TranscriptError(f"{location}:{error.lineno}:{error.colno}",
                              f"the transcript is not valid JSON: {error.msg}",
                              "was the file cut short or edited by hand?") from None
    return from_data(data, location)


class _NotJson(ValueError):
    """NaN or Infinity, which Python's json reads but JSON does not have."""


def _not_json(constant: str) -> Any:
    raise _NotJson(constant)


def from_data(data: Any, location: str = "<transcript>") -> Transcript:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise TranscriptError(location, "this is not a callin transcript",
                              "transcripts are the .json files that `callin play` saves")
    if data.get("version") != VERSION:
        raise TranscriptError(location, f"transcript version {data.get('version')!r} is not "
                              f"supported (this callin reads version {VERSION})")
    turns_data = data.get("turns")
    if not isinstance(turns_data, list) or not all(isinstance(t, dict) for t in turns_data):
        raise TranscriptError(location, "the transcript's 'turns' is not a list of turns",
                              "was it edited by hand?")
    top = {k: v for k, v in data.items() if k not in ("format", "turns")}
    _check_fields(Transcript, top, location, "the transcript")
    for number, turn in enumerate(turns_data, 1):
        _check_fields(Turn, turn, location, f"turn {number}")
    transcript = Transcript(**top, turns=[Turn(**turn) for turn in turns_data])
    _check_types(transcript, location)
    return transcript


def _check_fields(kind: type, given: dict[str, Any], location: str, what: str) -> None:
    """Missing or unknown fields, named in our words (not Python's TypeError)."""
    known = {f.name: f for f in fields(kind)}
    unknown = sorted(set(given) - set(known) - {"turns"})
    missing = sorted(name for name, f in known.items() if name != "turns" and name not in given
                     and f.default is MISSING and f.default_factory is MISSING)
    if unknown or missing:
        said = [f"has no field '{name}'" for name in unknown]
        said += [f"lacks '{name}'" for name in missing]
        raise TranscriptError(location, f"{what} is malformed: it {' and '.join(said)}",
                              "was it edited by hand?")


def _check_types(transcript: Transcript, location: str) -> None:
    """Every field of the expected type, so scoring and resuming never crash on one."""
    _check_kinds(vars(transcript), _TRANSCRIPT_KINDS, location, "the transcript")
    for index, turn in enumerate(transcript.turns, 1):
        _check_kinds({f.name: getattr(turn, f.name) for f in fields(Turn)}, _TURN_KINDS,
                     location, f"turn {index}")


def _check_kinds(given: dict[str, Any], kinds: dict[str, tuple[Any, str]], location: str,
                 what: str) -> None:
    for name, (test, expected) in kinds.items():
        if not test(given[name]):
            shown = json.dumps(given[name], ensure_ascii=False, default=str)
            shown = shown if len(shown) <= 40 else shown[:37] + "..."
            raise TranscriptError(location, f"{what}'s '{name}' should be {expected}, "
                                  f"not {shown}", "was it edited by hand?")


def _text(value: Any) -> bool:
    return isinstance(value, str)


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) \
        and math.isfinite(value)


def _texts(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _state(value: Any) -> bool:
    """A snapshot: node, variables, once-only choices used, reaction counters."""
    if not isinstance(value, dict):
        return False
    if not value:
        return True  # a turn recorded before any state (old transcripts)
    variables, counters = value.get("vars"), value.get("reactions", {})
    return isinstance(value.get("node"), str) and isinstance(variables, dict) \
        and all(_number(v) for v in variables.values()) and _texts(value.get("once", [])) \
        and isinstance(counters, dict) \
        and all(type(v) is int for v in counters.values())


def _ending(value: Any) -> bool:
    return value is None or (isinstance(value, dict) and all(
        isinstance(value.get(key), str) for key in ("node", "kind", "title", "debrief")))


_TEXT, _STATE = (_text, "text"), (_state, "a mapping of node, vars, once and reactions")
_TRANSCRIPT_KINDS: dict[str, tuple[Any, str]] = {
    "scenario": _TEXT, "story_hash": _TEXT, "role": _TEXT, "side": _TEXT, "mode": _TEXT,
    "started": _TEXT,
    "difficulty": (lambda v: v is None or isinstance(v, str), "text or null"),
    "talk_share_target": (lambda v: _number(v) and 0 <= v <= 1, "a number from 0 to 1"),
    "start_state": _STATE,
    "ending": (_ending, "null or a mapping of texts node, kind, title and debrief"),
    "partner": _TEXT, "profile": _TEXT,
    "menu_seed": (lambda v: v is None or (type(v) is int and 0 <= v < SEED_LIMIT),
                  f"null or a whole number from 0 to {SEED_LIMIT - 1}"),
    "asides": (lambda v: isinstance(v, dict) and all(isinstance(x, str) for x in v.values()),
               "a mapping of texts"),
    "rubric": (lambda v: isinstance(v, dict) and set(v) <= set(ITEMS)
               and all(_number(x) and x > 0 for x in v.values()),
               "a mapping of rubric item to weight"),
}
_TURN_KINDS: dict[str, tuple[Any, str]] = {
    "speaker": _TEXT, "side": _TEXT, "kind": _TEXT, "text": _TEXT, "node": _TEXT,
    "note": _TEXT,
    "words": (lambda v: type(v) is int and v >= 0, "a whole number of words"),
    "choice": (lambda v: v is None or isinstance(v, str), "text or null"),
    "labels": (_texts, "a list of texts"), "skills": (_texts, "a list of texts"),
    "evidence": (lambda v: isinstance(v, list) and all(isinstance(e, dict) for e in v),
                 "a list of mappings"),
    "after": _STATE,
    "routing": _TEXT,
    "sure": (lambda v: v is None or (_number(v) and 0 <= v <= 1), "null or a number from 0 to 1"),
}
