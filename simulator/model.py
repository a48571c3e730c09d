"""The story model: what an author wrote, frozen once it is built.

Everything a session changes lives elsewhere (the engine's state); these
objects never change after `build`. Every object keeps its 1-based source
location, so any later stage can point a learner or author at the line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from simulator.expr import Assign, Expr, compiled, compiled_effects, run_effects


@dataclass(frozen=True, slots=True)
class Loc:
    path: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"

    @property
    def pos(self) -> tuple[int, int]:
        return self.line, self.col


@dataclass(frozen=True, slots=True)
class Condition:
    """A parsed condition with its source text (for graphs and reports)."""

    source: str
    expr: Expr
    loc: Loc
    names: tuple[str, ...] = ()  # the variables it reads, in order, each once

    def holds(self, state: Mapping[str, float]) -> bool:
        return bool(compiled(self.source)(state))


@dataclass(frozen=True, slots=True)
class Effects:
    source: str
    assigns: tuple[Assign, ...]
    loc: Loc
    names: tuple[str, ...] = ()  # the variables it reads or sets, in order, each once

    def apply(self, state: dict[str, float], ranges: Mapping[str, tuple[float, float]]) -> None:
        """Change `state` in place, each variable kept inside its range."""
        run_effects(compiled_effects(self.source), state, ranges)


@dataclass(frozen=True, slots=True)
class Line:
    speaker: str  # a character id, or "narrator"
    text: str
    loc: Loc


@dataclass(frozen=True, slots=True)
class Choice:
    id: str
    node_id: str
    to: str
    loc: Loc
    say: str | None = None
    silent: str | None = None  # listen / wait / pause: zero words
    label: str | None = None
    tags: tuple[str, ...] = ()
    tag_locs: tuple[Loc, ...] = ()
    condition: Condition | None = None
    effects: Effects | None = None
    once: bool = False
    coach: str | None = None
    also: tuple[str, ...] = ()  # other ways a learner might say it, for free-text routing
    talking_to: str | None = None  # said to someone other than the partner: side talk
    # A question: once the other person has answered it, it is not offered again
    # (unless its author wrote `once: false`).
    asks: bool = False
    key: str = field(init=False, compare=False)  # the stable, story-wide id: `node.choice`

    def __post_init__(self) -> None:
        # Worked out once: sessions look it up on every move.
        object.__setattr__(self, "key", f"{self.node_id}.{self.id}")

    @property
    def short(self) -> str:
        """The label for menus and graphs."""
        if self.label:
            return self.label
        if self.say is not None:
            return self.say
        return f"({self.silent})"


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A debrief paragraph shown only when each named rubric item has one of the
    verdicts given (met, partly, missed, or unscored)."""

    text: str
    when: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Where it is written, and every item its `when:` names (known or not) with where:
    # for the checks, which say which names no role reaching the ending is scored on.
    loc: Loc | None = field(default=None, compare=False)
    named: Mapping[str, Loc] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, object]:
        return {"text": self.text, "when": {k: list(v) for k, v in self.when.items()}}


@dataclass(frozen=True, slots=True)
class Ending:
    kind: str  # repaired / door-open / stalled / broke-down
    title: str
    debrief: str  # the paragraphs that hold whatever the learner did
    loc: Loc
    # Stepping back for safety or self-care, or both left thinking (seeds 001,
    # 002): a sound call, so the score does not hold the ending against the learner.
    sound_call: bool = False
    paragraphs: tuple[Paragraph, ...] = ()  # every paragraph, conditional or not


ENDING_RANK = {"repaired": 3, "door-open": 2, "stalled": 1, "broke-down": 0}


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    loc: Loc
    lines: tuple[Line, ...] = ()
    choices: tuple[Choice, ...] = ()
    ending: Ending | None = None
    talking_to: str | None = None  # the default for its choices
    again: tuple[Line, ...] = ()  # said instead of `lines` when the talk comes back here

    @property
    def file(self) -> str:
        return self.loc.path


@dataclass(frozen=True, slots=True)
class Character:
    id: str
    name: str
    loc: Loc
    pronouns: str = ""
    about: str = ""


@dataclass(frozen=True, slots=True)
class Variable:
    name: str
    initial: float
    min: float
    max: float
    loc: Loc
    about: str = ""


@dataclass(frozen=True, slots=True)
class Difficulty:
    id: str
    title: str
    loc: Loc
    about: str = ""
    state: Mapping[str, float] = field(default_factory=dict)
    state_locs: Mapping[str, Loc] = field(default_factory=dict)
    for_roles: Mapping[str, str] = field(default_factory=dict)  # role id -> its blurb
    for_role_locs: Mapping[str, Loc] = field(default_factory=dict)

    def about_for(self, role: str) -> str:
        """The blurb the one playing `role` reads: their own, else the shared one."""
        return self.for_roles.get(role, self.about)


@dataclass(frozen=True, slots=True)
class Reaction:
    label: str
    text: str
    loc: Loc
    speaker: str | None = None  # None: the role's partner
    effects: Effects | None = None


@dataclass(frozen=True, slots=True)
class Briefing:
    situation: str
    you: str
    goal: str
    reminders: tuple[str, ...] = ()


# The talk-share target when a role gives none: the 30/70 rule for the one
# calling in (seed 002); the one called in should mostly listen too.
DEFAULT_TALK_SHARE = {"calling-in": 0.30, "called-in": 0.50}


@dataclass(frozen=True, slots=True)
class RubricSpec:
    """A role's declared rubric: a profile, and the items added, dropped or reweighted."""

    profile: str
    loc: Loc
    add: tuple[str, ...] = ()
    drop: tuple[str, ...] = ()
    weights: Mapping[str, float] = field(default_factory=dict)
    examples: Mapping[str, str] = field(default_factory=dict)  # rewrites by item

    def items(self) -> dict[str, float]:
        from simulator.rubrics import resolve

        return resolve(self.profile, self.add, self.drop, self.weights)


@dataclass(frozen=True, slots=True)
class Role:
    id: str
    title: str
    side: str  # calling-in / called-in
    player: str
    partner: str
    start: str
    loc: Loc
    briefing: Briefing
    talk_share: float
    breakdown: str | None = None
    reactions: Mapping[str, tuple[Reaction, ...]] = field(default_factory=dict)
    field_locs: Mapping[str, Loc] = field(default_factory=dict)
    rubric: RubricSpec | None = None  # None: the side's default profile

    def rubric_items(self) -> dict[str, float]:
        """The items this role is scored on, with their weights, in report order."""
        from simulator.rubrics import default_items

        return self.rubric.items() if self.rubric else default_items(self.side)


@dataclass(frozen=True, slots=True)
class Dynamics:
    effects: Mapping[str, Effects] = field(default_factory=dict)
    breakdown: Condition | None = None


@dataclass(frozen=True)
class Story:
    id: str
    title: str
    summary: str
    loc: Loc
    files: tuple[str, ...]
    content_hash: str
    sources: tuple[str, ...] = ()
    characters: Mapping[str, Character] = field(default_factory=dict)
    skills: Mapping[str, str] = field(default_factory=dict)
    state: Mapping[str, Variable] = field(default_factory=dict)
    difficulties: Mapping[str, Difficulty] = field(default_factory=dict)
    roles: Mapping[str, Role] = field(default_factory=dict)
    nodes: Mapping[str, Node] = field(default_factory=dict)
    dynamics: Dynamics = field(default_factory=Dynamics)

    def ranges(self) -> dict[str, tuple[float, float]]:
        return {name: (var.min, var.max) for name, var in self.state.items()}

    def initial_state(self, difficulty: str | None = None) -> dict[str, float]:
        state = {name: float(var.initial) for name, var in self.state.items()}
        if difficulty is not None:
            state.update(self.difficulties[difficulty].state)
        return state

    def endings(self) -> dict[str, Ending]:
        return {nid: node.ending for nid, node in self.nodes.items() if node.ending}
