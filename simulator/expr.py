"""The story format's small, safe expression language.

Conditions: `trust >= 3 and not (heat > 7)`.  Effects: `trust += 1; heat = 0`.

Values are numbers; comparisons and `and`/`or`/`not` give 1 or 0, and any
non-zero value counts as true. Names are story variables and nothing else:
there are no calls, attributes or Python names, and nothing is ever passed to
`eval`. Expressions are parsed once, at load time, into small trees that
compile to closures, and can be analysed over the variables' declared ranges.
"""

from __future__ import annotations

import math
import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache

State = Mapping[str, float]
Interval = tuple[float, float]


class ExprError(ValueError):
    """A syntax error, with its 0-based offset in the expression text."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


# Trees --------------------------------------------------------------------


@dataclass(frozen=True)
class Num:
    value: float


@dataclass(frozen=True)
class Name:
    name: str
    offset: int


@dataclass(frozen=True)
class Unary:
    op: str  # "-" or "not"
    operand: Expr


@dataclass(frozen=True)
class Binary:
    op: str  # + - * == != < <= > >= and or
    left: Expr
    right: Expr


Expr = Num | Name | Unary | Binary


@dataclass(frozen=True)
class Assign:
    """One effect: `target op value`, op being =, += or -=."""

    target: str
    op: str
    value: Expr
    offset: int


def names(expr: Expr) -> set[str]:
    """The variable names an expression reads."""
    if isinstance(expr, Name):
        return {expr.name}
    if isinstance(expr, Unary):
        return names(expr.operand)
    if isinstance(expr, Binary):
        return names(expr.left) | names(expr.right)
    return set()


@lru_cache(maxsize=4096)
def condition_names(text: str) -> tuple[str, ...]:
    """The variables a condition reads, in order, each once."""
    return tuple(dict.fromkeys(n.name for n in name_nodes(parse_condition(text))))


@lru_cache(maxsize=4096)
def effect_names(text: str) -> tuple[str, ...]:
    """The variables effects set or read, in order, each once."""
    found: list[str] = []
    for assign in parse_effects(text):
        found.append(assign.target)
        found.extend(n.name for n in name_nodes(assign.value))
    return tuple(dict.fromkeys(found))


def name_nodes(expr: Expr) -> list[Name]:
    """Every Name in the tree, with its offset (for locating unknown names)."""
    if isinstance(expr, Name):
        return [expr]
    if isinstance(expr, Unary):
        return name_nodes(expr.operand)
    if isinstance(expr, Binary):
        return name_nodes(expr.left) + name_nodes(expr.right)
    return []


# Tokens and parsing ----------------------------------------------------------

_TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+(?:\.\d+)?|\.\d+)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<op>\+=|-=|==|!=|<=|>=|[-+*<>=();]))"
)
_KEYWORDS = {"and", "or", "not", "true", "false"}
_COMPARISONS = {"==", "!=", "<", "<=", ">", ">="}
MAX_LITERAL = 1e9  # story numbers stay within +-1e9 (schema.MAX_NUMBER)
MAX_LENGTH = 500  # far beyond any real condition; keeps the parser's recursion shallow


def _tokenize(text: str) -> list[tuple[str, str, int]]:
    tokens: list[tuple[str, str, int]] = []
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None or match.end() == pos:
            if text[pos:].strip() == "":
                break
            offset = pos + len(text[pos:]) - len(text[pos:].lstrip())
            raise ExprError(f"unexpected character {text[offset]!r}", offset)
        kind = match.lastgroup or "op"
        value = match.group(kind)
        tokens.append((kind, value, match.start(kind)))
        pos = match.end()
    tokens.append(("end", "", len(text)))
    return tokens


class _Parser:
    """Recursive descent over the grammar in docs/format.md."""

    def __init__(self, text: str) -> None:
        if len(text) > MAX_LENGTH:
            raise ExprError(f"expression is longer than {MAX_LENGTH} characters", MAX_LENGTH)
        self.tokens = _tokenize(text)
        self.index = 0
        self.depth = 0

    def peek(self) -> tuple[str, str, int]:
        return self.tokens[self.index]

    def take(self) -> tuple[str, str, int]:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def at(self, *values: str) -> bool:
        kind, value, _ = self.peek()
        return kind in ("op", "name") and value in values

    def expect_end(self, what: str) -> None:
        kind, value, offset = self.peek()
        if kind != "end":
            raise ExprError(f"unexpected {value!r} after {what}", offset)

    def condition(self) -> Expr:
        return self.or_expr()

    def or_expr(self) -> Expr:
        left = self.and_expr()
        while self.at("or"):
            self.take()
            left = Binary("or", left, self.and_expr())
        return left

    def and_expr(self) -> Expr:
        left = self.not_expr()
        while self.at("and"):
            self.take()
            left = Binary("and", left, self.not_expr())
        return left

    def not_expr(self) -> Expr:
        if self.at("not"):
            self.take()
            return Unary("not", self.not_expr())
        return self.comparison()

    def comparison(self) -> Expr:
        left = self.sum()
        if self.at(*_COMPARISONS):
            op = self.take()[1]
            left = Binary(op, left, self.sum())
            if self.at(*_COMPARISONS):
                raise ExprError("chained comparisons are not supported: use 'and'",
                                self.peek()[2])
        elif self.at("="):
            raise ExprError("use '==' to compare ('=' sets a value in effects)", self.peek()[2])
        return left

    def sum(self) -> Expr:
        left = self.product()
        while self.at("+", "-"):
            op = self.take()[1]
            left = Binary(op, left, self.product())
        return left

    def product(self) -> Expr:
        left = self.unary()
        while self.at("*"):
            self.take()
            left = Binary("*", left, self.unary())
        return left

    def unary(self) -> Expr:
        if self.at("-"):
            self.take()
            return Unary("-", self.unary())
        return self.atom()

    def atom(self) -> Expr:
        kind, value, offset = self.take()
        if kind == "num":
            number = float(value)
            if number > MAX_LITERAL:  # also stops inf (and so 0 * inf = NaN) in state
                raise ExprError(f"number {value[:12]}{'...' if len(value) > 12 else ''} is "
                                f"too large (at most {MAX_LITERAL:,.0f})", offset)
            return Num(number)
        if kind == "name" and value not in _KEYWORDS:
            return Name(value, offset)
        if value in ("true", "false"):
            return Num(1.0 if value == "true" else 0.0)
        if value == "(":
            self.depth += 1
            if self.depth > 32:
                raise ExprError("too many nested parentheses", offset)
            inner = self.condition()
            if not self.at(")"):
                raise ExprError("missing ')'", self.peek()[2])
            self.take()
            self.depth -= 1
            return inner
        if kind == "end":
            raise ExprError("expression ends too early: a value is missing", offset)
        raise ExprError(f"expected a number or a variable, found {value!r}", offset)

    def effects(self) -> list[Assign]:
        found = [self.assignment()]
        while self.at(";"):
            self.take()
            if self.peek()[0] == "end":
                break
            found.append(self.assignment())
        self.expect_end("the effect")
        return found

    def assignment(self) -> Assign:
        kind, target, offset = self.take()
        if kind != "name" or target in _KEYWORDS:
            raise ExprError(f"an effect starts with a variable name, not {target!r}", offset)
        if not self.at("=", "+=", "-="):
            raise ExprError("expected '=', '+=' or '-=' after the variable", self.peek()[2])
        op = self.take()[1]
        return Assign(target, op, self.sum(), offset)


@lru_cache(maxsize=4096)
def parse_condition(text: str) -> Expr:
    """Parse a condition. Trees are immutable, so a repeated text shares one."""
    parser = _Parser(text)
    if parser.peek()[0] == "end":
        raise ExprError("the condition is empty", 0)
    expr = parser.condition()
    parser.expect_end("the condition")
    return expr


@lru_cache(maxsize=4096)
def parse_effects(text: str) -> tuple[Assign, ...]:
    """Parse effects (`a += 1; b = 0`). Repeated texts share one result."""
    parser = _Parser(text)
    if parser.peek()[0] == "end":
        raise ExprError("the effect is empty", 0)
    return tuple(parser.effects())


# Evaluation ---------------------------------------------------------------

Compiled = Callable[[State], float]

_BINARY: dict[str, Callable[[float, float], float]] = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "==": lambda a, b: float(a == b),
    "!=": lambda a, b: float(a != b),
    "<": lambda a, b: float(a < b),
    "<=": lambda a, b: float(a <= b),
    ">": lambda a, b: float(a > b),
    ">=": lambda a, b: float(a >= b),
}


_COMPARE: dict[str, Callable[[float, float], bool]] = {
    "==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le,
    ">": operator.gt, ">=": operator.ge,
}


def compile_expr(expr: Expr) -> Compiled:
    """A closure that evaluates `expr` against a state mapping."""
    if isinstance(expr, Num):
        value = expr.value
        return lambda state: value
    if isinstance(expr, Name):
        name = expr.name
        return lambda state: state[name]
    if isinstance(expr, Unary):
        operand = compile_expr(expr.operand)
        if expr.op == "not":
            return lambda state: 0.0 if operand(state) else 1.0
        return lambda state: -operand(state)
    if isinstance(expr.left, Name) and isinstance(expr.right, Num) and expr.op in _COMPARE:
        # The commonest condition by far (`trust >= 6`): one closure, not three.
        compare, name, number = _COMPARE[expr.op], expr.left.name, expr.right.value
        return lambda state: 1.0 if compare(state[name], number) else 0.0
    left, right = compile_expr(expr.left), compile_expr(expr.right)
    if expr.op == "and":
        return lambda state: 1.0 if left(state) and right(state) else 0.0
    if expr.op == "or":
        return lambda state: 1.0 if left(state) or right(state) else 0.0
    fn = _BINARY[expr.op]
    return lambda state: fn(left(state), right(state))


@lru_cache(maxsize=4096)
def compiled(condition: str) -> Compiled:
    """The closure of a condition's text, compiled once however often it is tested."""
    return compile_expr(parse_condition(condition))


def holds(expr: Expr, state: State) -> bool:
    return bool(compile_expr(expr)(state))


def apply_effects(
    effects: list[Assign] | tuple[Assign, ...], state: dict[str, float],
    ranges: Mapping[str, Interval],
) -> None:
    """Apply effects in order, clamping each variable to its declared range."""
    run_effects(tuple((e.target, e.op, compile_expr(e.value)) for e in effects), state, ranges)


CompiledEffects = tuple[tuple[str, str, Compiled], ...]


@lru_cache(maxsize=4096)
def compiled_effects(source: str) -> CompiledEffects:
    """Effects text compiled once: (target, op, value closure) per assignment."""
    return tuple((e.target, e.op, compile_expr(e.value)) for e in parse_effects(source))


def run_effects(effects: CompiledEffects, state: dict[str, float],
                ranges: Mapping[str, Interval]) -> None:
    for target, op, value_of in effects:
        value = value_of(state)
        if op == "+=":
            value = state[target] + value
        elif op == "-=":
            value = state[target] - value
        if value != value:  # NaN (inf - inf, 0 * inf): the variable keeps its value
            continue
        low, high = ranges[target]
        state[target] = min(max(value, low), high)


# Range analysis ---------------------------------------------------------------


def interval(expr: Expr, ranges: Mapping[str, Interval]) -> Interval:
    """Bounds on the value of `expr` when each variable stays inside its range.

    Sound but not always tight (a variable used twice is treated as two), which
    is the safe direction for "this can never hold".
    """
    if isinstance(expr, Num):
        return expr.value, expr.value
    if isinstance(expr, Name):
        return ranges.get(expr.name, (-math.inf, math.inf))
    if isinstance(expr, Unary):
        low, high = interval(expr.operand, ranges)
        if expr.op == "-":
            return -high, -low
        return _truth_interval(*_not(_possible(low, high)))
    return _binary_interval(expr, ranges)


def _binary_interval(expr: Binary, ranges: Mapping[str, Interval]) -> Interval:
    (a, b), (c, d) = interval(expr.left, ranges), interval(expr.right, ranges)
    op = expr.op
    if op == "+":
        return a + c, b + d
    if op == "-":
        return a - d, b - c
    if op == "*":
        products = [x * y for x in (a, b) for y in (c, d) if not math.isnan(x * y)]
        return (min(products), max(products)) if products else (-math.inf, math.inf)
    if op in ("and", "or"):
        left, right = _possible(a, b), _possible(c, d)
        if op == "and":
            return _truth_interval(left[0] and right[0], left[1] or right[1])
        return _truth_interval(left[0] or right[0], left[1] and right[1])
    return _truth_interval(*_compare(op, (a, b), (c, d)))


def _possible(low: float, high: float) -> tuple[bool, bool]:
    """(can be true, can be false) for a value within [low, high]."""
    return not (low == 0 and high == 0), low <= 0 <= high


def _not(possible: tuple[bool, bool]) -> tuple[bool, bool]:
    return possible[1], possible[0]


def _truth_interval(can_be_true: bool, can_be_false: bool) -> Interval:
    return (0.0 if can_be_false else 1.0), (1.0 if can_be_true else 0.0)


def _compare(op: str, left: Interval, right: Interval) -> tuple[bool, bool]:
    (a, b), (c, d) = left, right
    if op == "<":
        return a < d, b >= c
    if op == "<=":
        return a <= d, b > c
    if op == ">":
        return b > c, a <= d
    if op == ">=":
        return b >= c, a < d
    overlap = a <= d and c <= b
    always_equal = a == b == c == d
    if op == "==":
        return overlap, not always_equal
    return not always_equal, overlap


def never_holds(expr: Expr, ranges: Mapping[str, Interval]) -> bool:
    """True when no values inside the declared ranges make `expr` true."""
    low, high = interval(expr, ranges)
    return not _possible(low, high)[0]


def unparse(expr: Expr) -> str:
    """Readable source for an expression (used in graphs and reports)."""
    if isinstance(expr, Num):
        return f"{expr.value:g}"
    if isinstance(expr, Name):
        return expr.name
    if isinstance(expr, Unary):
        inner = unparse(expr.operand)
        return f"not {inner}" if expr.op == "not" else f"-{inner}"
    text = f"{unparse(expr.left)} {expr.op} {unparse(expr.right)}"
    return f"({text})" if expr.op in ("and", "or") else text
