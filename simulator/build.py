"""Build: the raw trees of a scenario's files -> one frozen `Story`.

A scenario is one file or a folder of files; a trainer adds a branch as a new
file, with new nodes and, under `extend:`, choices that lead into them from
nodes of other files. Building is tolerant: a value of the wrong type has
already been reported by the schema pass and is skipped here, so one bad node
never hides the problems of the others.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from simulator import schema
from simulator.diagnostics import Diagnostic, diagnostic, did_you_mean, unreadable_first
from simulator.expr import (
    Assign,
    ExprError,
    condition_names,
    effect_names,
    parse_condition,
    parse_effects,
)
from simulator.files import shown
from simulator.load import Pos, RawList, RawMap, SourceFile, load_file
from simulator.model import (
    DEFAULT_TALK_SHARE,
    Briefing,
    Character,
    Choice,
    Condition,
    Difficulty,
    Dynamics,
    Effects,
    Ending,
    Line,
    Loc,
    Node,
    Paragraph,
    Reaction,
    Role,
    RubricSpec,
    Story,
    Variable,
)
from simulator.rubrics import ITEMS, PROFILES
from simulator.stories import story_files

# Sections whose entries several files may add to, each id defined once.
QUESTION_TAGS = frozenset(("open_question", "closed_question"))
KEYED_SECTIONS = ("characters", "skills", "state", "difficulties", "roles", "nodes")


def load_story(path: str | Path) -> tuple[Story | None, list[Diagnostic]]:
    """Load, validate and build a scenario from a file or a folder.

    Returns the story (None when nothing usable could be read) and every
    diagnostic found on the way, sorted.
    """
    path = Path(path)
    try:
        files = story_files(path) if path.is_dir() else []
    except OSError as error:
        return None, [diagnostic("CI111", shown(path), None,
                                 f"cannot read the folder: {error.strerror or error}")]
    if path.is_dir():
        if not files:
            return None, [diagnostic("CI101", str(path), None, "no story files (*.yaml) here")]
    elif path.exists():
        files = [path]
    else:
        return None, [diagnostic("CI100", str(path), None, "no such file or folder")]
    return build_story([load_file(str(f)) for f in files], default_id=_default_id(path))


def _default_id(path: Path) -> str:
    return (path if path.is_dir() else path.parent).name or "story"


def build_story(
    sources: list[SourceFile], default_id: str = "story"
) -> tuple[Story | None, list[Diagnostic]]:
    builder = _Builder()
    for source in sources:
        builder.found.extend(source.diagnostics)
        if source.tree is not None:
            builder.found.extend(schema.validate_file(source.tree, source.path))
    if any(source.tree is None for source in sources):
        # A file that cannot be read leaves holes (its characters, state, nodes)
        # that every other file would be blamed for: report each file's own
        # problems, the unreadable one first, and build nothing until it is fixed.
        return None, unreadable_first(builder.found)
    usable = [s for s in sources if s.tree is not None and _has_version(s.tree)]
    # The main file (with `scenario:`) first, so a branch's clash is reported in the branch.
    usable.sort(key=lambda s: "scenario" not in (s.tree or {}))
    if not usable:
        return None, sorted(builder.found)
    story = builder.build(usable, default_id)
    return story, sorted(builder.found)


def _has_version(tree: RawMap) -> bool:
    return tree.get("callin") == schema.FORMAT_VERSION


def _paragraphs(raw: Any, at: Loc, loc: Callable[[Pos], Loc]) -> tuple[Paragraph, ...]:
    """A debrief (written at `at`): one text, or a list of texts and `{text, when}` pieces."""
    if isinstance(raw, str):
        return (Paragraph(raw, loc=at),)
    out = []
    for index, item in enumerate(raw if isinstance(raw, RawList) else ()):
        if isinstance(item, str):
            out.append(Paragraph(item, loc=loc(raw.at(index))))
        elif isinstance(item, RawMap) and isinstance(item.get("text"), str):
            when = item.get("when")
            named = {k: loc(when.at(k)) for k in when} if isinstance(when, RawMap) else {}
            out.append(Paragraph(item["text"], _when(when), loc(item.pos),
                                 MappingProxyType(named)))
    return tuple(out)


def _when(raw: Any) -> MappingProxyType[str, tuple[str, ...]]:
    """`{item: verdict or [verdicts]}`; what the schema refuses, and names that are not
    rubric items (the checks' CI311), are left out."""
    if not isinstance(raw, RawMap):
        return MappingProxyType({})
    out = {}
    for item, verdicts in raw.items():
        listed = [verdicts] if isinstance(verdicts, str) else verdicts
        if item in ITEMS and isinstance(listed, (list, RawList)):
            out[item] = tuple(v for v in listed if isinstance(v, str))
    return MappingProxyType(out)


def _names(raw: Any) -> tuple[str, ...]:
    """The known rubric item ids of a list (unknown ones are the schema's CI204)."""
    if not isinstance(raw, RawList):
        return ()
    return tuple(item for item in raw if isinstance(item, str) and item in ITEMS)


def _text(raw: RawMap, key: str) -> str | None:
    value = raw.get(key)
    return value if isinstance(value, str) else None


def _texts(raw: RawMap, key: str) -> tuple[str, ...]:
    value = raw.get(key)
    if not isinstance(value, RawList):
        return ()
    return tuple(" ".join(item.split()) for item in value if isinstance(item, str))


def _asks(say: str | None, tags: list[str]) -> bool:
    """A spoken reply that asks something: a question label, or a question mark."""
    return say is not None and ("?" in say or any(t in QUESTION_TAGS for t in tags))


def _number(raw: RawMap, key: str) -> float | None:
    return _in_range(raw.get(key))


def _in_range(value: Any) -> float | None:
    """A story number, or None when it is not one (the schema check says why)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if abs(value) <= schema.MAX_NUMBER else None  # NaN fails too


def _maps(raw: Any) -> Iterable[tuple[str, RawMap]]:
    """The (id, mapping) entries of a keyed section, skipping malformed ones."""
    if isinstance(raw, RawMap):
        for key, value in raw.items():
            if isinstance(value, RawMap):
                yield key, value


class _Builder:
    def __init__(self) -> None:
        self.found: list[Diagnostic] = []
        self.path = ""

    def loc(self, pos: tuple[int, int]) -> Loc:
        return Loc(self.path, pos[0], pos[1])

    def report(self, code: str, loc: Loc, message: str) -> None:
        self.found.append(diagnostic(code, loc.path, loc.pos, message))

    # Merging the files -------------------------------------------------------

    def build(self, sources: list[SourceFile], default_id: str) -> Story:
        sections: dict[str, dict[str, Any]] = {name: {} for name in KEYED_SECTIONS}
        singles: dict[str, tuple[SourceFile, RawMap, Loc]] = {}
        extends: list[tuple[SourceFile, RawMap]] = []
        for source in sources:
            tree = source.tree
            assert tree is not None
            self.path = source.path
            for name in KEYED_SECTIONS:
                self.merge_keyed(sections[name], tree.get(name), name)
            for name in ("scenario", "dynamics"):
                self.merge_single(singles, source, tree, name)
            if isinstance(tree.get("extend"), RawMap):
                extends.append((source, tree["extend"]))
        nodes = {nid: self.node(nid, entry) for nid, entry in sections["nodes"].items()}
        for source, extend in extends:
            self.path = source.path
            self.extend(nodes, extend)
        return self.story(sources, sections, singles, nodes, default_id)

    def merge_keyed(self, into: dict[str, Any], raw: Any, section: str) -> None:
        if not isinstance(raw, RawMap):
            return
        for key, value in raw.items():
            here = self.loc(raw.at(key))
            if key in into:
                first = into[key][0]
                self.report("CI302", here, f"{section[:-1] if section != 'state' else 'variable'}"
                            f" '{key}' is already defined at {first}")
                continue
            into[key] = (here, value)

    def merge_single(self, singles: dict[str, tuple[SourceFile, RawMap, Loc]],
                     source: SourceFile, tree: RawMap, name: str) -> None:
        raw = tree.get(name)
        if not isinstance(raw, RawMap):
            return
        here = self.loc(tree.at(name))
        if name in singles:
            self.report("CI207", here, f"`{name}:` is already given at {singles[name][2]}; "
                        "a story has one")
            return
        singles[name] = (source, raw, here)

    def story(self, sources: list[SourceFile], sections: dict[str, dict[str, Any]],
              singles: dict[str, tuple[SourceFile, RawMap, Loc]], nodes: dict[str, Node],
              default_id: str) -> Story:
        if "scenario" in singles:
            source, raw, _ = singles["scenario"]
            self.path = source.path
            loc = self.loc(raw.pos)
        else:
            first = sources[0]
            self.path = first.path
            loc = Loc(first.path, 1, 1)
            self.report("CI206", loc, "no file of this story has a `scenario:` section")
            raw = RawMap((1, 1))
        dynamics = Dynamics()
        if "dynamics" in singles:
            self.path = singles["dynamics"][0].path
            dynamics = self.dynamics(singles["dynamics"][1])
        digest = hashlib.blake2b(digest_size=16)
        for source in sources:
            digest.update(source.digest.encode())
        return Story(
            id=_text(raw, "id") or default_id,
            title=_text(raw, "title") or default_id,
            summary=_text(raw, "summary") or "",
            loc=loc,
            files=tuple(s.path for s in sources),
            content_hash=digest.hexdigest(),
            sources=tuple(s for s in raw.get("sources", ()) if isinstance(s, str))
            if isinstance(raw.get("sources"), RawList) else (),
            characters=self.section(sections["characters"], self.character),
            skills=MappingProxyType({k: v for k, (_, v) in sections["skills"].items()
                                     if isinstance(v, str)}),
            state=self.section(sections["state"], self.variable),
            difficulties=self.section(sections["difficulties"], self.difficulty),
            roles=self.section(sections["roles"], self.role),
            nodes=MappingProxyType(nodes),
            dynamics=dynamics,
        )

    def section(self, entries: dict[str, tuple[Loc, Any]], make: Any) -> Any:
        out = {}
        for key, (loc, raw) in entries.items():
            if isinstance(raw, RawMap):
                self.path = loc.path
                built = make(key, raw, loc)
                if built is not None:
                    out[key] = built
        return MappingProxyType(out)

    # Objects ---------------------------------------------------------------

    def character(self, cid: str, raw: RawMap, loc: Loc) -> Character:
        return Character(cid, _text(raw, "name") or cid, loc,
                         _text(raw, "pronouns") or "", _text(raw, "about") or "")

    def variable(self, name: str, raw: RawMap, loc: Loc) -> Variable | None:
        initial, low, high = _number(raw, "initial"), _number(raw, "min"), _number(raw, "max")
        if initial is None or low is None or high is None:
            return None
        if low > high:
            self.report("CI405", self.loc(raw.at("min")),
                        f"variable '{name}' has min {low:g} above max {high:g}")
        elif not low <= initial <= high:
            self.report("CI405", self.loc(raw.at("initial")), f"variable '{name}' starts at "
                        f"{initial:g}, outside its range {low:g}..{high:g}")
        return Variable(name, initial, low, high, loc, _text(raw, "about") or "")

    def difficulty(self, did: str, raw: RawMap, loc: Loc) -> Difficulty:
        state, locs = {}, {}
        if isinstance(raw.get("state"), RawMap):
            for name, value in raw["state"].items():
                if (number := _in_range(value)) is not None:
                    state[name] = number
                    locs[name] = self.loc(raw["state"].at(name))
        blurbs, blurb_locs = {}, {}
        if isinstance(raw.get("for"), RawMap):
            for role, text in raw["for"].items():
                if isinstance(text, str):
                    blurbs[role] = text
                    blurb_locs[role] = self.loc(raw["for"].at(role))
        return Difficulty(did, _text(raw, "title") or did, loc, _text(raw, "about") or "",
                          MappingProxyType(state), MappingProxyType(locs),
                          MappingProxyType(blurbs), MappingProxyType(blurb_locs))

    def role(self, rid: str, raw: RawMap, loc: Loc) -> Role | None:
        side = _text(raw, "side")
        if side not in schema.SIDES:
            return None
        briefing = raw.get("briefing")
        if not isinstance(briefing, RawMap):
            briefing = RawMap(raw.pos)
        reminders = briefing.get("reminders")
        targets = raw.get("targets")
        talk_share = _number(targets, "talk_share") if isinstance(targets, RawMap) else None
        return Role(
            id=rid, title=_text(raw, "title") or rid, side=side,
            player=_text(raw, "player") or "", partner=_text(raw, "partner") or "",
            start=_text(raw, "start") or "", loc=loc,
            briefing=Briefing(
                _text(briefing, "situation") or "", _text(briefing, "you") or "",
                _text(briefing, "goal") or "",
                tuple(r for r in reminders if isinstance(r, str))
                if isinstance(reminders, RawList) else ()),
            talk_share=talk_share if talk_share is not None else DEFAULT_TALK_SHARE[side],
            breakdown=_text(raw, "breakdown"),
            reactions=MappingProxyType(self.reactions(raw.get("reactions"))),
            field_locs=MappingProxyType({key: self.loc(raw.at(key)) for key in raw}),
            rubric=self.rubric(raw.get("rubric")),
        )

    def rubric(self, raw: Any) -> RubricSpec | None:
        if not isinstance(raw, RawMap) or _text(raw, "profile") not in PROFILES:
            return None
        weights, examples = raw.get("weights"), raw.get("examples")
        return RubricSpec(
            _text(raw, "profile") or "", self.loc(raw.pos), _names(raw.get("add")),
            _names(raw.get("drop")),
            MappingProxyType({k: float(v) for k, v in weights.items()
                              if k in ITEMS and isinstance(v, (int, float))
                              and not isinstance(v, bool)})
            if isinstance(weights, RawMap) else MappingProxyType({}),
            MappingProxyType({k: v for k, v in examples.items()
                              if k in ITEMS and isinstance(v, str)})
            if isinstance(examples, RawMap) else MappingProxyType({}))

    def reactions(self, raw: Any) -> dict[str, tuple[Reaction, ...]]:
        out: dict[str, tuple[Reaction, ...]] = {}
        if not isinstance(raw, RawMap):
            return out
        for label, variants in raw.items():
            if not isinstance(variants, RawList):
                continue
            out[label] = tuple(
                Reaction(label, _text(item, "text") or "", self.loc(item.pos),
                         _text(item, "speaker"), self.effects(item))
                for item in variants if isinstance(item, RawMap)
            )
        return out

    def dynamics(self, raw: RawMap) -> Dynamics:
        effects = {}
        if isinstance(raw.get("effects"), RawMap):
            for label, _ in raw["effects"].items():
                parsed = self.effects(raw["effects"], label)
                if parsed is not None:
                    effects[label] = parsed
        return Dynamics(MappingProxyType(effects), self.condition(raw, "breakdown"))

    def node(self, nid: str, entry: tuple[Loc, Any]) -> Node:
        loc, raw = entry
        self.path = loc.path
        if not isinstance(raw, RawMap):
            return Node(nid, loc)
        ending = None
        if isinstance(raw.get("ending"), RawMap):
            end = raw["ending"]
            kind = _text(end, "kind")
            if kind in schema.ENDING_KINDS:
                paragraphs = _paragraphs(end.get("debrief"), self.loc(end.at("debrief")),
                                         self.loc)
                always = [p.text for p in paragraphs if not p.when]
                conditional = any(p.named for p in paragraphs)  # kept for the checks too
                ending = Ending(kind, _text(end, "title") or "", " ".join(always),
                                self.loc(end.pos), end.get("sound_call") is True,
                                paragraphs if conditional else ())
        talking_to = _text(raw, "talking_to")
        return Node(nid, loc, self.lines(raw.get("lines")),
                    self.choices(nid, raw.get("choices"), (), talking_to), ending, talking_to,
                    self.lines(raw.get("again")))

    def lines(self, raw: Any) -> tuple[Line, ...]:
        """`- speaker: text` items (the schema reports malformed ones)."""
        if not isinstance(raw, RawList):
            return ()
        return tuple(Line(speaker, text, self.loc(item.pos)) for item in raw
                     if isinstance(item, RawMap) and len(item) == 1
                     for speaker, text in item.items() if isinstance(text, str))

    def choices(self, nid: str, raw: Any, taken: tuple[Choice, ...] = (),
                talking_to: str | None = None) -> tuple[Choice, ...]:
        if not isinstance(raw, RawList):
            return ()
        out: list[Choice] = []
        seen = {c.id: c.loc for c in taken}
        for item in raw:
            if not isinstance(item, RawMap):
                continue
            choice = self.choice(nid, item, talking_to)
            if choice is None:
                continue
            if choice.id in seen:
                self.report("CI302", choice.loc, f"choice '{choice.id}' appears twice in node "
                            f"'{nid}' (first at {seen[choice.id]})")
                continue
            seen[choice.id] = choice.loc
            out.append(choice)
        return tuple(out)

    def choice(self, nid: str, raw: RawMap, talking_to: str | None = None) -> Choice | None:
        cid, to = _text(raw, "id"), _text(raw, "to")
        if cid is None or to is None:
            return None
        tags: list[str] = []
        tag_locs: list[Loc] = []
        if isinstance(raw.get("tags"), RawList):
            for index, tag in enumerate(raw["tags"]):
                if isinstance(tag, str):
                    tags.append(tag)
                    tag_locs.append(self.loc(raw["tags"].at(index)))
        once, say = raw.get("once"), _text(raw, "say")
        return Choice(
            id=cid, node_id=nid, to=to, loc=self.loc(raw.pos),
            say=say, silent=_text(raw, "silent"), label=_text(raw, "label"),
            tags=tuple(tags), tag_locs=tuple(tag_locs),
            condition=self.condition(raw, "if"), effects=self.effects(raw),
            once=once is True, coach=_text(raw, "coach"), also=_texts(raw, "also"),
            talking_to=_text(raw, "talking_to") or talking_to,
            asks=once is not False and _asks(say, tags),
        )

    def extend(self, nodes: dict[str, Node], raw: RawMap) -> None:
        for nid, choices in raw.items():
            node = nodes.get(nid)
            if node is None:
                self.report("CI301", self.loc(raw.at(nid)), f"`extend:` names node '{nid}', "
                            f"which does not exist{did_you_mean(nid, nodes)}")
                continue
            added = self.choices(nid, choices, node.choices, node.talking_to)
            nodes[nid] = replace(node, choices=node.choices + added)

    # Expressions ---------------------------------------------------------------

    def condition(self, raw: RawMap, key: str) -> Condition | None:
        text = raw.get(key)
        if not isinstance(text, str) or not text.strip():
            return None
        loc = self.loc(raw.at(key))
        try:
            return Condition(text, parse_condition(text), loc, condition_names(text))
        except ExprError as error:
            self.expression_error(loc, text, error)
            return None

    def effects(self, raw: RawMap, key: str = "do") -> Effects | None:
        value = raw.get(key)
        if isinstance(value, RawList):
            parts = [v for v in value if isinstance(v, str)]
        elif isinstance(value, str):
            parts = [value]
        else:
            return None
        loc = self.loc(raw.at(key))
        assigns: list[Assign] = []
        names: list[str] = []
        for part in parts:
            try:
                assigns.extend(parse_effects(part))
            except ExprError as error:
                self.expression_error(loc, part, error)
                return None
            names.extend(effect_names(part))
        return Effects("; ".join(parts), tuple(assigns), loc, tuple(dict.fromkeys(names)))

    def expression_error(self, loc: Loc, text: str, error: ExprError) -> None:
        self.report("CI401", loc, f"in `{text}`: {error.message} "
                    f"(at character {error.offset + 1})")
