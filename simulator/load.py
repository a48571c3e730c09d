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
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from sys import intern
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
_INTERNED_LENGTH = 24  # short scalars are shared: a big story holds fewer copies

Pos = tuple[int, int]


# Positions of keys and items are kept packed in one int (line << 20 | col):
# a big story has millions of them, and a tuple of two ints costs four times more.
_COL_BITS = 20
_COL_MASK = (1 << _COL_BITS) - 1


def _pack(line: int, col: int) -> int:
    return line << _COL_BITS | min(col, _COL_MASK)


def _unpack(packed: int) -> Pos:
    return packed >> _COL_BITS, packed & _COL_MASK


class RawMap(dict[str, Any]):
    """A YAML mapping with the position of itself and of each of its keys."""

    __slots__ = ("kpos", "pos")

    def __init__(self, pos: Pos) -> None:
        super().__init__()
        self.pos = pos
        self.kpos: dict[str, int] = {}  # packed positions: use at()

    def at(self, key: str) -> Pos:
        """Where `key` stands; the mapping's own position if it is absent."""
        packed = self.kpos.get(key)
        return self.pos if packed is None else _unpack(packed)


class RawList(list[Any]):
    """A YAML sequence with the position of itself and of each item."""

    __slots__ = ("ipos", "pos")

    def __init__(self, pos: Pos) -> None:
        super().__init__()
        self.pos = pos
        self.ipos: list[int] = []  # packed positions: use at()

    def at(self, index: int) -> Pos:
        """Where item `index` stands."""
        return _unpack(self.ipos[index])


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
    from simulator.files import FileProblem, read_bytes, shown

    path, raw_path = shown(path), path  # an undecodable file name must still print
    try:
        size = os.stat(raw_path).st_size
        if size > MAX_FILE_BYTES:
            return _failed(path, "CI102", f"file is too large ({size / 1e6:.1f} MB; "
                           f"the limit is {MAX_FILE_BYTES // (1024 * 1024)} MB)")
        data = read_bytes(raw_path, MAX_FILE_BYTES + 1)  # never waits on a FIFO
    except FileNotFoundError:
        return _failed(path, "CI100", "no such file")
    except OSError as error:
        return _failed(path, "CI111", f"cannot read the file: {error.strerror or error}")
    except FileProblem as problem:
        code = "CI100" if problem.message == "no such file" else "CI111"
        return _failed(path, code, problem.message.replace("this is", "it is"))
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
    try:
        try:
            tree = _build_without_gc(path, text, fast=True)
        except yaml.YAMLError:
            # libyaml has limits and wording of its own (PyYAML 6.0.4's wheels
            # refuse 1,000 levels of nesting as a "syntax error"). Our limits
            # are enforced while the tree is built, so a file libyaml refuses is
            # read again by PyYAML's pure parser, which has none: every file we
            # accept loads, every refusal is ours, and messages do not depend
            # on which parser PyYAML was built with.
            tree = _build_without_gc(path, text, fast=False)
    except _Stop as stop:
        return SourceFile(path, None, [stop.found])
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        pos = _pos(mark) if mark is not None else None
        return _failed(path, "CI106", syntax_message(error.problem or error.context or ""), pos)
    except yaml.YAMLError as error:
        return _failed(path, "CI106", syntax_message(str(error)))
    except RecursionError:  # pragma: no cover - the builder is iterative
        return _failed(path, "CI109", f"nesting is deeper than {MAX_DEPTH} levels")
    if tree is None:
        return _failed(path, "CI105", "file is empty")
    if not isinstance(tree, RawMap):
        kind = "a list" if isinstance(tree, RawList) else "a single value"
        return _failed(path, "CI203", f"a story file is a mapping of sections, not {kind}",
                       getattr(tree, "pos", (1, 1)))
    return SourceFile(path, tree)


# What PyYAML's pure parser says, in our words. Matched by the start of its
# problem text; tests/test_load.py checks that each is still what it says.
SYNTAX_PROBLEMS: tuple[tuple[str, str], ...] = (
    ("found character '\\t'", "a tab character: indent with spaces, not tabs"),
    ("found character", "a character that cannot start a value here: put the value in quotes"),
    ("mapping values are not allowed", "a ':' where a value was expected: if the value "
     "contains ': ', put it in quotes"),
    ("expected <block end>", "the indentation does not line up with the lines above"),
    ("expected ',' or ']'", "a [list] is not closed with ']', or a ',' is missing"),
    ("expected ',' or '}'", "a {mapping} is not closed with '}', or a ',' is missing"),
    ("found unexpected end of stream", "the file ends inside a quoted value"),
    ("found unknown escape character", "an unknown escape after '\\' in a double-quoted "
     "value: use single quotes, or write '\\\\'"),
    ("could not find expected ':'", "a line that is neither 'key: value' nor a '- ' item"),
    ("expected '<document start>'", "text after the end of the document"),
)


def syntax_message(problem: str) -> str:
    """CI106's message: our wording for problems we know, the parser's otherwise."""
    for start, ours in SYNTAX_PROBLEMS:
        if problem.startswith(start):
            return f"YAML syntax error: {ours}"
    return f"YAML syntax error: {problem or 'the file is not well-formed'}"


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building acyclic structures.

    Loading, building and checking make millions of small objects and no
    cycles; the collector would walk them again and again as they grow (about
    a third of the time of a large story), for nothing.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            _to_oldest_generation()
            gc.enable()


def _to_oldest_generation() -> None:
    """Hand the young objects (those made while paused, nearly all) to the oldest
    generation unscanned.

    Otherwise the first allocation once the collector is back scans them all as
    young objects (about half a second for a 100k-node story), only to find them
    alive. Freezing then unfreezing moves them without a scan; skipped when the
    program froze objects of its own, which unfreezing would release."""
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()


def _build_without_gc(path: str, text: str, *, fast: bool) -> Any:
    with paused_gc():
        return _TreeBuilder(path).build(text, fast=fast)


def _failed(path: str, code: str, message: str, pos: Pos | None = None) -> SourceFile:
    return SourceFile(path, None, [diagnostic(code, path, pos, message)])


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
_MAX_INT_DIGITS = 15  # exact as a float; beyond any story's numbers

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
        # A long integer becomes a float (infinite when huge): int() refuses
        # over 4,300 digits, and the checks refuse numbers out of range anyway.
        return int(value) if len(value) <= _MAX_INT_DIGITS else float(value)
    if _FLOAT.fullmatch(value):
        return float(value)
    if value.startswith(("0x", "0o")) and len(value) > 2:
        try:
            number = int(value, 16 if value[1] == "x" else 8)
        except ValueError:
            return value
        return number if abs(number) < 10**_MAX_INT_DIGITS else float("inf")
    return _SPECIAL_FLOATS.get(value, value)


# The tree builder ---------------------------------------------------------


class _TreeBuilder:
    """Builds RawMap/RawList trees from libyaml events, with safety limits."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.anchors: dict[str, Any] = {}
        self.open_anchors: set[str] = set()
        self.alias_nodes = 0
        self.sizes: dict[int, int] = {}  # id(container) -> values inside, aliases expanded

    def stop(self, code: str, pos: Pos | None, message: str) -> _Stop:
        return _Stop(diagnostic(code, self.path, pos, message))

    def build(self, text: str, *, fast: bool) -> Any:
        # The open container is kept in locals (parent, is_list, key, key_pos)
        # and pushed on `stack` when a child opens: scalars are most of the
        # events of a story, and this is the loop that handles them.
        stack: list[tuple[Any, bool, Any, Any, Any]] = []
        parent: Any = None
        is_list = False
        key: Any = None
        key_pos: Any = None
        anchor: Any = None
        root: Any = None
        documents = 0
        scalar_t, map_t, seq_t = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
        end_ts = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
        for event in _events(text, fast=fast):
            kind = type(event)
            if kind is scalar_t:
                tag = event.tag
                if tag is not None:
                    self.check_tag(event)
                value = event.value
                if event.anchor:
                    self.anchors[event.anchor] = value  # resolved below if plain
                if parent is None:
                    root = resolve_plain(value) if not event.style and tag is None else value
                elif is_list or key is not None:
                    if not event.style and tag != _STR_TAG:
                        value = resolve_plain(value)
                        if event.anchor:
                            self.anchors[event.anchor] = value
                    if type(value) is str and len(value) <= _INTERNED_LENGTH:
                        value = intern(value)  # ids, tags, targets repeat all over a story
                    if is_list:
                        mark = event.start_mark
                        parent.append(value)
                        parent.ipos.append((mark.line + 1) << _COL_BITS
                                           | min(mark.column + 1, _COL_MASK))
                    else:
                        parent[key] = value
                        parent.kpos[key] = key_pos
                        key = None
                else:  # a key: kept as written, never resolved (ids like 000 stay text)
                    mark = event.start_mark
                    key_pos = (mark.line + 1) << _COL_BITS | min(mark.column + 1, _COL_MASK)
                    if value in parent:
                        raise self.stop("CI110", _unpack(key_pos), f"duplicate key '{value}' "
                                        f"(first at line {parent.at(value)[0]})")
                    key = intern(value)  # "say", "to", "coach"...: one copy, not 100k
            elif kind is map_t or kind is seq_t:
                if event.tag is not None:
                    self.check_tag(event)
                pos = _pos(event.start_mark)
                if len(stack) >= MAX_DEPTH:
                    raise self.stop("CI109", pos, f"nesting is deeper than {MAX_DEPTH} levels")
                container = RawMap(pos) if kind is map_t else RawList(pos)
                if parent is None:
                    root = container
                else:
                    key = self.attach(parent, is_list, key, key_pos, container, pos)
                stack.append((parent, is_list, key, key_pos, anchor))
                if event.anchor:
                    self.open_anchors.add(event.anchor)
                parent, is_list, key, key_pos, anchor = (
                    container, kind is seq_t, None, None, event.anchor)
            elif kind in end_ts:
                if anchor:
                    self.open_anchors.discard(anchor)
                    self.anchors[anchor] = parent
                parent, is_list, key, key_pos, anchor = stack.pop()
            elif kind is yaml.AliasEvent:
                pos = _pos(event.start_mark)
                node = self.expand_alias(event.anchor, pos)
                if parent is None:
                    root = node
                else:
                    key = self.attach(parent, is_list, key, key_pos, node, pos)
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise self.stop("CI112", _pos(event.start_mark),
                                    "a second YAML document starts here")
        return root

    def attach(self, parent: Any, is_list: bool, key: Any, key_pos: Any, node: Any,
               pos: Pos) -> Any:
        """Put a container or alias into `parent`; returns the pending key after."""
        if is_list:
            parent.append(node)
            parent.ipos.append(_pack(*pos))
            return None
        if key is None:
            raise self.stop("CI203", pos, "a key must be plain text, not a list or mapping")
        parent[key] = node
        parent.kpos[key] = key_pos
        return None

    def expand_alias(self, anchor: str, pos: Pos) -> Any:
        if anchor in self.open_anchors:
            raise self.stop("CI108", pos, f"alias *{anchor} refers to itself")
        if anchor not in self.anchors:
            raise self.stop("CI106", pos, f"alias *{anchor} has no anchor before it")
        node = self.anchors[anchor]
        self.alias_nodes += self.size(node)
        if self.alias_nodes > MAX_ALIAS_NODES:
            raise self.stop("CI108", pos, f"aliases expand to more than {MAX_ALIAS_NODES} "
                            "values (a 'billion laughs' file?)")
        return node

    def size(self, node: Any) -> int:
        """How many values `node` stands for with its aliases expanded (memoised,
        so a 'billion laughs' is measured without being expanded)."""
        if not isinstance(node, (RawMap, RawList)):
            return 1
        known = self.sizes.get(id(node))
        if known is None:
            children = node.values() if isinstance(node, RawMap) else node
            known = self.sizes[id(node)] = 1 + sum(self.size(child) for child in children)
        return known

    def check_tag(self, event: Any) -> None:
        tag = event.tag
        if tag is not None and tag not in _CORE_TAGS:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            raise self.stop("CI107", _pos(event.start_mark),
                            f"tag '{shown}' is not allowed: story files are plain data")


def _events(text: str, *, fast: bool) -> Any:
    if _Parser is None or not fast:
        return yaml.parse(text, Loader=yaml.SafeLoader)
    return iter(_Parser(text).get_event, None)  # a C-level loop, no generator frames
