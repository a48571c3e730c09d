"""The story format, declared once.

`STORY_FILE` describes one story file. From it come both the located
diagnostics of `validate_file` (did-you-mean for unknown keys, what was
expected) and the published JSON Schema, `simulator/schema/story.schema.json`,
which editors use for completion (`python -m simulator.schema` writes it; a
test fails when the file is stale).
"""

from __future__ import annotations

import json
import math
import re
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from simulator.diagnostics import Diagnostic, diagnostic, did_you_mean
from simulator.labels import LABELS
from simulator.load import Pos, RawList, RawMap
from simulator.rubrics import ITEMS, PROFILES

FORMAT_VERSION = 1
SCHEMA_PATH = Path(__file__).parent / "schema" / "story.schema.json"
SCHEMA_ID = "https://callin.invalid/schema/story-1.json"

# `(?!\n)`: Python's `$` (and so jsonschema's) also matches before a final
# newline, which would let 'mini\n' through; ECMA's does not. The code uses
# fullmatch as well.
ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*(?!\n)$"
# C0 and C1 controls and DEL but tab and newline: ESC starts terminal escapes.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_C_NAMES = {"\x1b": "ESC", "\x9b": "CSI", "\x9d": "OSC", "\x90": "DCS", "\x07": "BEL",
            "\r": "CR", "\x7f": "DEL"}
MAX_NUMBER = 1_000_000_000  # keeps sums and products of state far from float overflow
NAME_PATTERN = r"^[a-z_][a-z0-9_]*(?!\n)$"
ENDING_KINDS = ("repaired", "door-open", "stalled", "broke-down")
SIDES = ("calling-in", "called-in")
SILENT_MOVES = ("listen", "wait", "pause")


class _Context:
    """What a validation pass needs to report problems."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.found: list[Diagnostic] = []

    def report(self, code: str, pos: Pos, message: str) -> None:
        self.found.append(diagnostic(code, self.path, pos, message))


def _type_name(value: Any) -> str:
    if isinstance(value, RawMap):
        return "a mapping"
    if isinstance(value, RawList):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return f"the text '{value}'"


class Spec(ABC):
    """One kind of value in a story file."""

    description = ""

    @abstractmethod
    def check(self, value: Any, pos: Pos, where: str, ctx: _Context) -> None:
        """Report (through `ctx`) every way `value` at `pos` breaks this spec."""

    @abstractmethod
    def json(self) -> dict[str, Any]:
        """This spec as JSON Schema."""


@dataclass
class Text(Spec):
    """A string. `empty_ok=False` makes an empty one CI205 (for learner-facing text)."""

    description: str = ""
    pattern: str | None = None
    enum: tuple[str, ...] = ()
    empty_ok: bool = False
    max_length: int = 10_000

    def __post_init__(self) -> None:
        self._match = re.compile(self.pattern).fullmatch if self.pattern else None

    def check(self, value: Any, pos: Pos, where: str, ctx: _Context) -> None:
        if type(value) is str and not self.enum and self._match is None and value \
                and not value.isspace() and len(value) <= self.max_length \
                and _CONTROL.search(value) is None:
            return  # the common case: learner-facing text that is fine
        if not isinstance(value, str):
            ctx.report("CI203", pos, f"{where} should be text, not {_type_name(value)}")
        elif self.enum and value not in self.enum:
            choices = ", ".join(self.enum)
            ctx.report("CI204", pos, f"{where} is '{value}', which is not one of: "
                       f"{choices}{did_you_mean(value, self.enum)}")
        elif (not value or value.isspace()) and not self.empty_ok:
            ctx.report("CI205", pos, f"{where} is empty")
        elif self._match is not None and self._match(value) is None:
            ctx.report("CI204", pos, f"{where} {value!r} is not a valid id: use lower-case "
                       "letters, digits, '-' and '_'")
        elif len(value) > self.max_length:
            ctx.report("CI204", pos, f"{where} is longer than {self.max_length} characters")
        elif found := _CONTROL.search(value):
            char = found.group()
            name = f" ({_C_NAMES[char]})" if char in _C_NAMES else ""
            ctx.report("CI208", pos, f"{where} holds the control character U+{ord(char):04X}"
                       f"{name} at character {found.start() + 1}")

    def json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "string"}
        if self.enum:
            out["enum"] = list(self.enum)
        elif not self.empty_ok:
            out["minLength"] = 1
            out["pattern"] = self.pattern or r"\S"
        out["maxLength"] = self.max_length
        return _described(out, self.description)


@dataclass
class Number(Spec):
    description: str = ""
    minimum: float | None = None
    maximum: float | None = None
    const: int | None = None

    def check(self, value: Any, pos: Pos, where: str, ctx: _Context) -> None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            ctx.report("CI203", pos, f"{where} should be a number, not {_type_name(value)}")
        elif math.isnan(value):
            ctx.report("CI204", pos, f"{where} should be a number, not NaN")
        elif abs(value) > MAX_NUMBER:
            ctx.report("CI204", pos, f"{where} is too large: story numbers lie between "
                       f"-{MAX_NUMBER:,} and {MAX_NUMBER:,}")
        elif self.const is not None and value != self.const:
            ctx.report("CI204", pos, f"{where} should be {self.const}")
        elif self.minimum is not None and value < self.minimum:
            ctx.report("CI204", pos, f"{where} should be at least {self.minimum:g}")
        elif self.maximum is not None and value > self.maximum:
            ctx.report("CI204", pos, f"{where} should be at most {self.maximum:g}")

    def json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "number"}
        if self.const is not None:
            out = {"const": self.const}
        if self.const is None:
            out["minimum"] = -MAX_NUMBER if self.minimum is None else self.minimum
            out["maximum"] = MAX_NUMBER if self.maximum is None else self.maximum
        return _described(out, self.description)


@dataclass
class Boolean(Spec):
    description: str = ""

    def check(self, value: Any, pos: Pos, where: str, ctx: _Context) -> None:
        if not isinstance(value, bool):
            ctx.report("CI203", pos, f"{where} should be true or false, "
                       f"not {_type_name(value)}")

    def json(self) -> dict[str, Any]:
        return _described({"type": "boolean"}, self.description)


@dataclass
class ListOf(Spec):
    item: Spec
    description: str = ""
    min_items: int = 0

    def check(self, value: Any, pos: Pos, where: str, ctx: _Context) -> None:
        if not isinstance(value, RawList):
            ctx.report("CI203", pos, f"{where} should be a list, not {_type_name(value)}")
            return
        if len(value) < self.min_items:
            ctx.report("CI204", pos, f"{where} needs at least {self.min_items} item(s)")
        item = self.item
        for index, element in enumerate(value):
            where_item = f"item {index + 1} of {where}"
            item.check(element, _item_pos(element, value.at(index)), where_item, ctx)

    def json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "array", "items": self.item.json()}
        if self.min_items:
            out["minItems"] = self.min_items
        return _described(out, self.description)


def _item_pos(element: Any, fallback: Pos) -> Pos:
    return element.pos if isinstance(element, (RawMap, RawList)) else fallback


@dataclass
class Ref(Spec):
    """A named object kind, published under `$defs` in the JSON Schema."""

    name: str
    target: Spec | None = None

    def check(self, value: Any, pos: Pos, where: str, ctx: _Context) -> None:
        assert self.target is not None
        self.target.check(value, pos, where, ctx)

    def json(self) -> dict[str, Any]:
        return {"$ref": f"#/$defs/{self.name}"}


@dataclass
class Field:
    spec: Spec
    required: bool = False


@dataclass
class Obj(Spec):
    """A mapping with known keys; unknown keys are errors."""

    fields: dict[str, Field]
    description: str = ""
    exactly_one: tuple[str, ...] = ()  # of these keys, exactly one must be present
    at_most_one: tuple[str, ...] = ()  # of these keys, no two may be present

    def __post_init__(self) -> None:
        self._required = tuple(key for key, f in self.fields.items() if f.required)
        self._specs = {key: f.spec for key, f in self.fields.items()}
        self._grouped = bool(self.exactly_one or self.at_most_one)

    def check(self, value: Any, pos: Pos, where: str, ctx: _Context) -> None:
        if not isinstance(value, RawMap):
            ctx.report("CI203", pos, f"{where} should be a mapping, not {_type_name(value)}")
            return
        specs = self._specs
        for key, element in value.items():
            spec = specs.get(key)
            if spec is None:
                ctx.report("CI201", value.at(key), f"unknown key '{key}' in {where}"
                           f"{did_you_mean(key, specs)}; expected one of: {', '.join(specs)}")
            else:
                spec.check(element, value.at(key), f"'{key}'", ctx)
        for key in self._required:
            if key not in value:
                ctx.report("CI202", pos, f"{where} is missing '{key}'")
        if self._grouped:
            self.check_groups(value, pos, where, ctx)

    def check_groups(self, value: RawMap, pos: Pos, where: str, ctx: _Context) -> None:
        if self.exactly_one:
            present = [key for key in self.exactly_one if key in value]
            if not present:
                names = " or ".join(f"'{key}'" for key in self.exactly_one)
                ctx.report("CI202", pos, f"{where} needs {names}")
            elif len(present) > 1:
                both = " and ".join(f"'{key}'" for key in present)
                ctx.report("CI204", value.at(present[1]), f"{where} has both {both}: keep one")
        if self.at_most_one:
            present = [key for key in self.at_most_one if key in value]
            if len(present) > 1:
                ctx.report("CI204", value.at(present[1]), f"{where} has both "
                           f"'{present[0]}' and '{present[1]}': keep one")

    def json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "type": "object",
            "properties": {key: f.spec.json() for key, f in self.fields.items()},
            "additionalProperties": False,
        }
        required = [key for key, f in self.fields.items() if f.required]
        if required:
            out["required"] = required
        if self.exactly_one:
            out["oneOf"] = [{"required": [key]} for key in self.exactly_one]
        if self.at_most_one:
            out["not"] = {"required": list(self.at_most_one)}
        return _described(out, self.description)


@dataclass
class MapOf(Spec):
    """A mapping from ids (matching `key_pattern`) to values of one kind."""

    value: Spec
    key_pattern: str = ID_PATTERN
    key_enum: tuple[str, ...] = ()
    description: str = ""
    what: str = "id"
    # Editors learn the keys from `key_enum`; a later check that knows more (which
    # items a role is scored on) can own the unknown ones, so each is reported once.
    enum_checked_here: bool = True

    def check(self, value: Any, pos: Pos, where: str, ctx: _Context) -> None:
        if not isinstance(value, RawMap):
            ctx.report("CI203", pos, f"{where} should be a mapping, not {_type_name(value)}")
            return
        spec = self.value
        for key, element in value.items():
            at = value.at(key)
            if self.key_enum and key not in self.key_enum and self.enum_checked_here:
                ctx.report("CI204", at, f"'{key}' is not a known {self.what}"
                           f"{did_you_mean(key, self.key_enum)}")
            elif key not in self.key_enum and re.fullmatch(self.key_pattern, key) is None:
                ctx.report("CI204", at, f"{self.what} '{key}' is not valid: use lower-case "
                           "letters, digits, '-' and '_', starting with a letter or digit")
            spec.check(element, at, f"'{key}'", ctx)

    def json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "object", "additionalProperties": self.value.json()}
        if self.key_enum:
            out["propertyNames"] = {"enum": list(self.key_enum)}
        else:
            out["propertyNames"] = {"pattern": self.key_pattern}
        return _described(out, self.description)


@dataclass
class SpokenLine(Spec):
    """One line: `- speaker: text`, a mapping with a single entry."""

    description: str = ""
    text: Text = field(default_factory=lambda: Text("What they say."))

    def check(self, value: Any, pos: Pos, where: str, ctx: _Context) -> None:
        if not isinstance(value, RawMap) or len(value) != 1:
            ctx.report("CI203", pos, f"{where} should be one `speaker: text` pair, "
                       f"not {_type_name(value)}" + (" with several keys"
                                                     if isinstance(value, RawMap) else ""))
            return
        (speaker, text), = value.items()
        if re.fullmatch(ID_PATTERN, speaker) is None:
            ctx.report("CI204", value.at(speaker), f"speaker '{speaker}' is not a valid id")
        self.text.check(text, value.at(speaker), f"the line of '{speaker}'", ctx)

    def json(self) -> dict[str, Any]:
        return _described({
            "type": "object", "minProperties": 1, "maxProperties": 1,
            "propertyNames": {"pattern": ID_PATTERN},
            "additionalProperties": self.text.json(),
        }, self.description)


@dataclass
class TextOrList(Spec):
    """Effects: one string (`a += 1; b -= 1`) or a list of them."""

    description: str = ""

    def check(self, value: Any, pos: Pos, where: str, ctx: _Context) -> None:
        if isinstance(value, RawList):
            ListOf(Text()).check(value, pos, where, ctx)
        else:
            Text().check(value, pos, where, ctx)

    def json(self) -> dict[str, Any]:
        text = {"type": "string", "minLength": 1}
        return _described({"oneOf": [text, {"type": "array", "items": text}]},
                          self.description)


@dataclass
class TextOr(Spec):
    """One string, or `other` (a debrief: text, or a list of paragraphs)."""

    other: Spec
    description: str = ""
    text: Spec = field(default_factory=Text)

    def check(self, value: Any, pos: Pos, where: str, ctx: _Context) -> None:
        if isinstance(value, str):
            self.text.check(value, pos, where, ctx)
        else:
            self.other.check(value, pos, where, ctx)

    def json(self) -> dict[str, Any]:
        return _described({"oneOf": [self.text.json(), self.other.json()]}, self.description)


def _described(out: dict[str, Any], description: str) -> dict[str, Any]:
    if description:
        out["description"] = description
    return out


# The format -----------------------------------------------------------------

_ID = Text(pattern=ID_PATTERN)
_NAME = Text(pattern=NAME_PATTERN)
_EFFECTS = TextOrList("Effects: `trust += 1; heat -= 1`, or a list of such assignments.")
_CONDITION = Text("A condition such as `trust >= 3 and heat < 5`.")

VERDICTS = ("met", "partly", "missed", "unscored")
PARAGRAPH = Ref("paragraph", Obj({
    "text": Field(Text("The paragraph, in the seeds' words."), True),
    "when": Field(MapOf(TextOr(ListOf(Text(enum=VERDICTS)), "A verdict, or a list of them.",
                               Text(enum=VERDICTS)),
                        key_enum=ITEMS, what="rubric item", enum_checked_here=False,
                        description="Shown only when every item named has one of these "
                        "verdicts (met, partly, missed, unscored); each item one that a "
                        "role reaching the ending is scored on (CI311).")),
}, "A debrief paragraph that depends on what the learner did."))

ENDING = Ref("ending", Obj({
    "kind": Field(Text("How it ended.", enum=ENDING_KINDS), True),
    "title": Field(Text("A short name for the ending."), True),
    "debrief": Field(TextOr(ListOf(TextOr(PARAGRAPH), min_items=1),
                            "What happened and why, for the learner; in the seeds' words. "
                            "Text, or a list of paragraphs, each text or `{text, when}`."),
                     True),
    "sound_call": Field(Boolean("A sound call: stepping back for safety or self-care, or "
                                "both left thinking. Scored as a good outcome, not a failure; "
                                "never on a broke-down ending.")),
}, "Makes the node an ending."))

CHOICE = Ref("choice", Obj({
    "id": Field(Text("Stable id, unique in its node: transcripts key on it.",
                     pattern=ID_PATTERN), True),
    "say": Field(Text("What the learner says.")),
    "silent": Field(Text("A silent move, which counts as zero words.", enum=SILENT_MOVES)),
    "label": Field(Text("A short form for menus and graphs.")),
    "to": Field(Text("The node this choice leads to.", pattern=ID_PATTERN), True),
    "tags": Field(ListOf(Text("An utterance label, built-in skill or declared skill.",
                              pattern=NAME_PATTERN))),
    "if": Field(_CONDITION),
    "do": Field(_EFFECTS),
    "once": Field(Boolean("Offered only until it is chosen once. A question is once-only "
                          "anyway (once answered it is not asked again) unless this is "
                          "false.")),
    "coach": Field(Text("A coaching note: why this move helps or hurts.")),
    "also": Field(ListOf(Text("Another way a learner might say it, in their own words."),
                         "Example phrasings of this reply: typed text like these is "
                         "routed to it in free mode.")),
    "talking_to": Field(Text("Who the learner says this to, when it is not the role's "
                             "partner: side talk, left out of the talk share.",
                             pattern=ID_PATTERN)),
}, "One reply the learner can make.", exactly_one=("say", "silent")))

NODE = Ref("node", Obj({
    "lines": Field(ListOf(SpokenLine("`- speaker: text`; the speaker is a character id "
                                     "or `narrator`."))),
    "again": Field(ListOf(SpokenLine("`- speaker: text`, said instead of `lines` when the "
                                     "talk comes back to this node: a shorter line, not "
                                     "the same speech twice."))),
    "choices": Field(ListOf(CHOICE)),
    "ending": Field(ENDING),
    "talking_to": Field(Text("Who the learner talks to at this node, when it is not the "
                             "role's partner (an ally, a bystander): the default for its "
                             "choices.", pattern=ID_PATTERN)),
}, "A moment of the conversation.", at_most_one=("choices", "ending")))

REACTION = Ref("reaction", Obj({
    "text": Field(Text("What the other character says."), True),
    "speaker": Field(Text("Who says it; the role's partner by default.",
                          pattern=ID_PATTERN)),
    "do": Field(_EFFECTS),
}, "An in-character answer to a move that no authored choice covers."))

ROLE = Ref("role", Obj({
    "title": Field(Text("What the learner practises in this role."), True),
    "side": Field(Text("Calling in, or being called in.", enum=SIDES), True),
    "player": Field(Text("The character the learner plays.", pattern=ID_PATTERN), True),
    "partner": Field(Text("The character the learner talks with.", pattern=ID_PATTERN), True),
    "start": Field(Text("The first node.", pattern=ID_PATTERN), True),
    "breakdown": Field(Text("The broke-down ending used when heat boils over.",
                            pattern=ID_PATTERN)),
    "briefing": Field(Obj({
        "situation": Field(Text("What has happened."), True),
        "you": Field(Text("Who you are in this conversation."), True),
        "goal": Field(Text("What you are trying to do."), True),
        "reminders": Field(ListOf(Text("A reminder from the seeds."))),
    }, "Shown before the conversation starts."), True),
    "targets": Field(Obj({
        "talk_share": Field(Number("Highest share of the words the learner should speak.",
                                   minimum=0, maximum=1)),
    }, "Scoring targets.")),
    "reactions": Field(MapOf(ListOf(REACTION, min_items=1), key_enum=tuple(LABELS),
                             what="label", description="Reactions by utterance label.")),
    "rubric": Field(Obj({
        "profile": Field(Text("The rubric profile this role is scored on.",
                              enum=tuple(PROFILES)), True),
        "add": Field(ListOf(Text("A rubric item to score as well.", enum=ITEMS))),
        "drop": Field(ListOf(Text("A rubric item of the profile not to score.",
                                  enum=ITEMS))),
        "weights": Field(MapOf(Number("How much the item counts (1 is usual).",
                                      minimum=0.1, maximum=5),
                               key_enum=ITEMS, what="rubric item",
                               description="Weights by rubric item.")),
        "examples": Field(MapOf(Text("What the learner could say, in this scenario."),
                                key_enum=ITEMS, what="rubric item",
                                description="A rewrite by rubric item, for when no authored "
                                "reply showing it was on offer.")),
    }, "What the role is scored on; without it, the side's default profile.")),
}, "A side of the conversation a learner can play."))

STORY_FILE = Obj({
    "callin": Field(Number("The story format version.", const=FORMAT_VERSION), True),
    "scenario": Field(Obj({
        "id": Field(Text("The scenario's stable id.", pattern=ID_PATTERN), True),
        "title": Field(Text("The scenario's title."), True),
        "summary": Field(Text("One or two sentences on what happens."), True),
        "sources": Field(ListOf(Text("A seed text this scenario draws on, e.g. '002'."))),
    }, "What the scenario is.")),
    "characters": Field(MapOf(Obj({
        "name": Field(Text("The name shown."), True),
        "pronouns": Field(Text("e.g. they/them.")),
        "about": Field(Text("Who they are.")),
    }), description="Characters by id.")),
    "skills": Field(MapOf(Text("What the skill means."), key_pattern=NAME_PATTERN,
                          what="skill", description="Author-defined skill tags.")),
    "state": Field(MapOf(Obj({
        "initial": Field(Number("The starting value."), True),
        "min": Field(Number("The lowest value."), True),
        "max": Field(Number("The highest value."), True),
        "about": Field(Text("What the variable stands for.")),
    }), key_pattern=NAME_PATTERN, what="variable", description="Numeric state variables.")),
    "difficulties": Field(MapOf(Obj({
        "title": Field(Text("The preset's name."), True),
        "about": Field(Text("How the counterpart behaves.")),
        "for": Field(MapOf(Text("What this preset means for the one playing that role; "
                                "shown instead of `about` to them."),
                           key_pattern=ID_PATTERN, what="role",
                           description="Per role: the blurb that speaks to that side.")),
        "state": Field(MapOf(Number(), key_pattern=NAME_PATTERN, what="variable",
                             description="Initial values that differ from `state:`.")),
    }), description="Difficulty presets.")),
    "dynamics": Field(Obj({
        "effects": Field(MapOf(_EFFECTS, key_enum=tuple(LABELS), what="label",
                               description="Effects of a label, replacing the built-in ones.")),
        "breakdown": Field(_CONDITION),
    }, "Tuning of how labels move the state.")),
    "roles": Field(MapOf(ROLE, description="Roles by id.")),
    "nodes": Field(MapOf(NODE, description="Nodes by id.")),
    "extend": Field(MapOf(ListOf(CHOICE), description="Choices added to nodes of other "
                                                      "files, by node id.")),
}, "One file of a callin story.")

_DEFS = (PARAGRAPH, ENDING, CHOICE, NODE, REACTION, ROLE)


def validate_file(tree: RawMap, path: str) -> list[Diagnostic]:
    """Check one file's raw tree against the format."""
    ctx = _Context(path)
    if tree.get("callin") != FORMAT_VERSION or isinstance(tree.get("callin"), bool):
        shown = tree.get("callin")
        message = ("the file does not start with `callin: 1`" if "callin" not in tree
                   else f"unknown format version {shown!r}: this callin reads version "
                   f"{FORMAT_VERSION}")
        ctx.report("CI200", tree.at("callin"), message)
        return ctx.found
    STORY_FILE.check(tree, tree.pos, "the story file", ctx)
    return ctx.found


def iter_defs() -> Iterator[Ref]:
    return iter(_DEFS)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of one story file, as published."""
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "callin story file",
    }
    schema.update(STORY_FILE.json())
    defs = {}
    for ref in _DEFS:
        assert ref.target is not None
        defs[ref.name] = ref.target.json()
    schema["$defs"] = defs
    return schema


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2) + "\n"


if __name__ == "__main__":
    SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")
