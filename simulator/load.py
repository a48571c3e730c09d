"""Load: story files -> raw trees of mappings and lists that remember positions.

YAML is read as libyaml's event stream and built up here, not by PyYAML's
constructors: that is several times faster, never constructs an object from a
tag, and lets us refuse duplicate keys, alias bombs and deep nesting while the
tree is built. Scalars resolve by the YAML 1.2 core schema (so `no` stays text).

Positions are 1-based (line, col) and are converted from libyaml's 0-based
marks in one place, `_pos`.
"""

from __future__ import annotations

import gc
import os
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from simulator.diagnostics import Diagnostic, diagnostic

_Parser: Any
try:  # the C parser ships in PyYAML's wheels; the pure one is a slow fallback
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _Parser = None

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 64
MAX_ALIAS_NODES = 10_000  # nodes that aliases may add by expansion, per file

Pos = tuple[int, int]


class RawMap(dict[str, Any]):
    """A YAML mapping with the position of itself and of each of its keys."""

    __slots__ = ("kpos", "pos")

    def __init__(self, pos: Pos) -> None:
        super().__init__()
        self.pos = pos
        self.kpos: dict[str, Pos] = {}

    def at(self, key: str) -> Pos:
        """Where `key` stands; the mapping's own position if it is absent."""
        return self.kpos.get(key, self.pos)


class RawList(list[Any]):
    """A YAML sequence with the position of itself and of each item."""

    __slots__ = ("ipos", "pos")

    def __init__(self, pos: Pos) -> None:
        super().__init__()
        self.pos = pos
        self.ipos: list[Pos] = []


@dataclass
class SourceFile:
    """One file as loaded: its raw tree (None when unusable) and its problems."""

    path: str
    tree: RawMap | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    digest: str = ""


class _Stop(Exception):
    """Raised inside the builder to abandon a file after one fatal problem."""

    def __init__(self, found: Diagnostic) -> None:
        super().__init__(found.message)
        self.found = found


def load_file(path: str) -> SourceFile:
    """Read and parse one story file; every failure becomes a diagnostic."""
    try:
        size = os.stat(path).st_size
        if size > MAX_FILE_BYTES:
            return _failed(path, "CI102", f"file is too large ({size / 1e6:.1f} MB; "
                           f"the limit is {MAX_FILE_BYTES // (1024 * 1024)} MB)")
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        return _failed(path, "CI100", "no such file")
    except OSError as error:
        return _failed(path, "CI111", f"cannot read the file: {error.strerror or error}")
    return load_bytes(data, path)


def load_bytes(data: bytes, path: str = "<story>") -> SourceFile:
    """Parse bytes as one story file."""
    import hashlib

    digest = hashlib.blake2b(data, digest_size=16).hexdigest()
    if len(data) > MAX_FILE_BYTES:
        return _failed(path, "CI102", f"file is too large ({len(data) / 1e6:.1f} MB)")
    if b"\x00" in data:
        return _failed(path, "CI103", "file is binary (it contains NUL bytes), not YAML text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return _failed(path, "CI104", f"invalid UTF-8 (byte 0x{data[error.start]:02x})",
                       _byte_pos(data, error.start))
    result = load_text(text.removeprefix("\ufeff"), path)
    result.digest = digest
    return result


def load_text(text: str, path: str = "<story>") -> SourceFile:
    """Parse text as one story file."""
    if not text.strip() or _only_comments(text):
        return _failed(path, "CI105", "file is empty")
    try:
        tree = _build_without_gc(path, text)
    except _Stop as stop:
        return SourceFile(path, None, [stop.found])
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        pos = _pos(mark) if mark is not None else None
        problem = error.problem or error.context or "syntax error"
        return _failed(path, "CI106", f"YAML syntax error: {problem}", pos)
    except yaml.YAMLError as error:
        return _failed(path, "CI106", f"YAML error: {error}")
    except RecursionError:  # pragma: no cover - the builder is iterative
        return _failed(path, "CI109", "nesting is too deep")
    if tree is None:
        return _failed(path, "CI105", "file is empty")
    if not isinstance(tree, RawMap):
        kind = "a list" if isinstance(tree, RawList) else "a single value"
        return _failed(path, "CI203", f"a story file is a mapping of sections, not {kind}",
                       getattr(tree, "pos", (1, 1)))
    return SourceFile(path, tree)


def _build_without_gc(path: str, text: str) -> Any:
    # The tree is acyclic and made of many small containers: the cyclic
    # collector would walk it again and again while it grows, for nothing.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _TreeBuilder(path).build(text)
    finally:
        if enabled:
            gc.enable()


def _failed(path: str, code: str, message: str, pos: Pos | None = None) -> SourceFile:
    return SourceFile(path, None, [diagnostic(code, path, pos, message)])


def _only_comments(text: str) -> bool:
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())


def _byte_pos(data: bytes, offset: int) -> Pos:
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace"))
    return data.count(b"\n", 0, offset) + 1, column + 1


def _pos(mark: Any) -> Pos:
    """The one place where libyaml's 0-based marks become 1-based positions."""
    return mark.line + 1, mark.column + 1


# Scalars: the YAML 1.2 core schema ---------------------------------------

_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_SPECIAL_FLOATS = {".inf": float("inf"), "+.inf": float("inf"), "-.inf": float("-inf"),
                   ".nan": float("nan"), ".Inf": float("inf"), ".NaN": float("nan")}
_KEYWORDS: dict[str, Any] = {
    **dict.fromkeys(_NULL), **dict.fromkeys(_TRUE, True), **dict.fromkeys(_FALSE, False),
}
_NUMBER_START = frozenset("0123456789-+.")

_STR_TAG = "tag:yaml.org,2002:str"
_CORE_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq")
) | {"!"}


def resolve_plain(value: str) -> Any:
    """Resolve a plain (unquoted) scalar as YAML 1.2's core schema does."""
    if value in _KEYWORDS:
        return _KEYWORDS[value]
    if value[0] not in _NUMBER_START:
        return value
    if _INT.fullmatch(value):
        return int(value)
    if _FLOAT.fullmatch(value):
        return float(value)
    if value.startswith(("0x", "0o")) and len(value) > 2:
        try:
            return int(value, 16 if value[1] == "x" else 8)
        except ValueError:
            return value
    return _SPECIAL_FLOATS.get(value, value)


# The tree builder ---------------------------------------------------------


class _TreeBuilder:
    """Builds RawMap/RawList trees from libyaml events, with safety limits."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.anchors: dict[str, tuple[Any, int]] = {}  # anchor -> (node, expanded size)
        self.open_anchors: set[str] = set()
        self.alias_nodes = 0

    def stop(self, code: str, pos: Pos | None, message: str) -> _Stop:
        return _Stop(diagnostic(code, self.path, pos, message))

    def build(self, text: str) -> Any:
        # Each open container: [node, pending key, key position, size, anchor].
        # The scalar case is inlined: it is most of the events of a story.
        stack: list[list[Any]] = []
        root: Any = None
        documents = 0
        scalar_t, map_t, seq_t = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
        end_ts = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
        check_tag, attach = self.check_tag, self.attach
        for event in _events(text):
            kind = type(event)
            if kind is scalar_t:
                if event.tag is not None:
                    check_tag(event)
                value = event.value
                if not event.style and event.tag != _STR_TAG:
                    value = resolve_plain(value)
                if event.anchor:
                    self.anchors[event.anchor] = (value, 1)
                if not stack:
                    root = value
                    continue
                frame = stack[-1]
                frame[3] += 1
                parent = frame[0]
                mark = event.start_mark
                key = frame[1]
                if type(parent) is RawList:
                    parent.append(value)
                    parent.ipos.append((mark.line + 1, mark.column + 1))
                elif key is not None:  # the value of a pending key
                    parent[key] = value
                    parent.kpos[key] = frame[2]
                    frame[1] = None
                elif event.value in parent:
                    attach(frame, value, (mark.line + 1, mark.column + 1), event)
                else:  # a new key
                    frame[1] = event.value
                    frame[2] = (mark.line + 1, mark.column + 1)
            elif kind is map_t or kind is seq_t:
                if event.tag is not None:
                    check_tag(event)
                if len(stack) >= MAX_DEPTH:
                    raise self.stop("CI109", _pos(event.start_mark),
                                    f"nesting is deeper than {MAX_DEPTH} levels")
                pos = _pos(event.start_mark)
                container = RawMap(pos) if kind is map_t else RawList(pos)
                if event.anchor:
                    self.open_anchors.add(event.anchor)
                if stack:
                    attach(stack[-1], container, pos, event)
                else:
                    root = container
                stack.append([container, None, None, 1, event.anchor])
            elif kind in end_ts:
                container, _, _, size, anchor = stack.pop()
                if anchor:
                    self.open_anchors.discard(anchor)
                    self.anchors[anchor] = (container, size)
                if stack:
                    stack[-1][3] += size
            elif kind is yaml.AliasEvent:
                node, size = self.expand_alias(event)
                if not stack:
                    root = node
                    continue
                attach(stack[-1], node, _pos(event.start_mark), event)
                stack[-1][3] += size
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise self.stop("CI112", _pos(event.start_mark),
                                    "a second YAML document starts here")
        return root

    def attach(self, frame: list[Any], node: Any, pos: Pos, event: Any) -> None:
        """Put `node` into the open container of `frame` (as a key or a value)."""
        parent = frame[0]
        if type(parent) is RawList:
            parent.append(node)
            parent.ipos.append(pos)
            return
        key = frame[1]
        if key is None:
            if type(event) is not yaml.ScalarEvent:
                raise self.stop("CI203", pos, "a key must be plain text, not a list or mapping")
            key = event.value
            if key in parent:
                first = parent.kpos[key]
                raise self.stop("CI110", pos, f"duplicate key '{key}' (first at line {first[0]})")
            frame[1], frame[2] = key, pos
            return
        parent[key] = node
        parent.kpos[key] = frame[2]
        frame[1] = None

    def expand_alias(self, event: Any) -> tuple[Any, int]:
        pos = _pos(event.start_mark)
        if event.anchor in self.open_anchors:
            raise self.stop("CI108", pos, f"alias *{event.anchor} refers to itself")
        if event.anchor not in self.anchors:
            raise self.stop("CI106", pos, f"alias *{event.anchor} has no anchor before it")
        node, size = self.anchors[event.anchor]
        self.alias_nodes += size
        if self.alias_nodes > MAX_ALIAS_NODES:
            raise self.stop("CI108", pos, f"aliases expand to more than {MAX_ALIAS_NODES} "
                            "values (a 'billion laughs' file?)")
        return node, size

    def check_tag(self, event: Any) -> None:
        tag = event.tag
        if tag is not None and tag not in _CORE_TAGS:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            raise self.stop("CI107", _pos(event.start_mark),
                            f"tag '{shown}' is not allowed: story files are plain data")


def _events(text: str) -> Any:
    if _Parser is None:  # pragma: no cover
        return yaml.parse(text, Loader=yaml.SafeLoader)
    return iter(_Parser(text).get_event, None)  # a C-level loop, no generator frames
