"""The expression language: parsing, errors, evaluation and range analysis."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from simulator.expr import (
    ExprError,
    apply_effects,
    holds,
    never_holds,
    parse_condition,
    parse_effects,
    unparse,
)

RANGES = {"trust": (0.0, 10.0), "heat": (0.0, 10.0), "met": (0.0, 1.0)}
STATE = {"trust": 4.0, "heat": 2.0, "met": 0.0}


@pytest.mark.parametrize(("source", "expected"), [
    ("trust >= 3", True),
    ("trust >= 5", False),
    ("trust >= 3 and heat < 2", False),
    ("trust >= 3 or heat < 2", True),
    ("not met", True),
    ("not (trust > 3)", False),
    ("trust + heat == 6", True),
    ("trust - heat * 2 == 0", True),
    ("-trust < 0", True),
    ("true", True),
    ("false or met", False),
    ("trust != 4", False),
    ("(trust > 1) and (heat > 1) and not met", True),
])
def test_conditions_evaluate(source: str, expected: bool) -> None:
    assert holds(parse_condition(source), STATE) is expected


@pytest.mark.parametrize(("source", "message", "offset"), [
    ("", "the condition is empty", 0),
    ("trust >", "expression ends too early: a value is missing", 7),
    ("trust = 3", "use '==' to compare ('=' sets a value in effects)", 6),
    ("1 < trust < 3", "chained comparisons are not supported: use 'and'", 10),
    ("trust.real > 1", "unexpected character '.'", 5),
    ("__import__('os')", "unexpected character \"'\"", 11),
    ("open(1)", "unexpected '(' after the condition", 4),
    ("(trust > 1", "missing ')'", 10),
    ("trust > 1 trust", "unexpected 'trust' after the condition", 10),
    ("and", "expected a number or a variable, found 'and'", 0),
    ("x" * 600, "expression is longer than 500 characters", 500),
    ("(" * 40 + "1" + ")" * 40, "too many nested parentheses", 32),
])
def test_condition_errors_are_located(source: str, message: str, offset: int) -> None:
    with pytest.raises(ExprError) as caught:
        parse_condition(source)
    assert (caught.value.message, caught.value.offset) == (message, offset)


@pytest.mark.parametrize(("source", "message"), [
    ("3 += 1", "an effect starts with a variable name, not '3'"),
    ("trust ++ 1", "expected '=', '+=' or '-=' after the variable"),
    ("trust += ", "expression ends too early: a value is missing"),
    ("trust += 1 heat", "unexpected 'heat' after the effect"),
    ("", "the effect is empty"),
    ("heat = 0 * 1" + "0" * 400, "is too large"),
    ("heat = 10000000000", "number 10000000000 is too large"),
])
def test_effect_errors(source: str, message: str) -> None:
    with pytest.raises(ExprError, match=message.replace("(", r"\(").replace("+", r"\+")):
        parse_effects(source)


def test_effects_apply_in_order_and_clamp() -> None:
    state = dict(STATE)
    apply_effects(parse_effects("trust += 10; heat -= 5; met = trust - 9"), state, RANGES)
    assert state == {"trust": 10.0, "heat": 0.0, "met": 1.0}


BIG = "*".join(["1000000000"] * 36)  # 1e324: inf as a float


@pytest.mark.parametrize(("source", "expected"), [
    (f"heat = {BIG}", 10.0),  # inf clamps to max
    (f"heat = -{BIG}", 0.0),
    (f"heat = {BIG} * 0", 2.0),  # NaN: the variable keeps its value
])
def test_overflowing_effects_never_leave_nan_or_inf(source: str, expected: float) -> None:
    state = dict(STATE)
    apply_effects(parse_effects(source), state, RANGES)
    assert state["heat"] == expected


@pytest.mark.parametrize(("source", "never"), [
    ("trust > 10", True),
    ("trust >= 10", False),
    ("trust < 0", True),
    ("trust == 11", True),
    ("trust != 11", False),
    ("trust + heat > 20", True),
    ("trust + heat >= 20", False),
    ("heat * 2 >= 21", True),
    ("-trust > 0", True),
    ("trust > 10 or heat > 10", True),
    ("trust > 10 or heat > 9", False),
    ("trust > 3 and heat > 10", True),
    ("not (trust <= 10)", True),
    ("not (trust < 10)", False),
    ("met == 2", True),
    ("false", True),
    ("true", False),
])
def test_never_holds_over_declared_ranges(source: str, never: bool) -> None:
    assert never_holds(parse_condition(source), RANGES) is never


@given(st.text(max_size=80))
def test_parser_raises_only_its_own_errors(text: str) -> None:
    for parse in (parse_condition, parse_effects):
        try:
            parse(text)
        except ExprError as error:
            assert 0 <= error.offset <= max(len(text), 500)


CONDITIONS = ["trust > 3 and heat < 5", "not met", "trust + heat * 2 >= 7", "-trust < -2",
              "(trust > 1 or met) and not (heat == 3)", "not not (trust - heat != 0)"]


@given(st.sampled_from(CONDITIONS), st.fixed_dictionaries(
    {name: st.integers(0, 10).map(float) for name in RANGES}))
def test_unparse_round_trips(source: str, state: dict[str, float]) -> None:
    expr = parse_condition(source)
    again = parse_condition(unparse(expr))
    assert holds(again, state) == holds(expr, state)
    assert unparse(again) == unparse(expr)
