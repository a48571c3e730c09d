"""How the state moves on its own: the effects of each label and the breakdown test.

A move with authored effects (`do:`) applies those; any other move applies the
effects of its labels, the story's own under `dynamics:` or else the built-in
ones below. The engine compiles both once per story and role.
"""

from __future__ import annotations

from typing import Any

from simulator.expr import Binary, CompiledEffects, Name, Num, compile_expr, compiled_effects
from simulator.model import Story

# How each label moves the state when a move has no authored effects: blame,
# insults and defences heat things up and cost trust; owning, mirroring and
# curiosity calm them (seed 002: "humans mirror each other").
BUILTIN_DYNAMICS: dict[str, str] = {
    "insult": "heat += 3; trust -= 2",
    "you_blame": "heat += 2; trust -= 1",
    "def_denial": "heat += 1; trust -= 1",
    "def_minimizing": "heat += 1; trust -= 1",
    "def_counterattack": "heat += 2; trust -= 1",
    "def_tone_policing": "heat += 1; trust -= 1",
    "def_victimhood": "heat += 1; trust -= 1",
    "def_credentials": "heat += 1",
    "def_intent": "heat += 1",
    "non_apology": "heat += 1; trust -= 1",
    "acknowledgment": "heat -= 1; trust += 1",
    "reflection": "heat -= 1; trust += 1",
    "apology": "heat -= 1; trust += 1",
    "i_statement": "heat -= 1",
    "open_question": "heat -= 1",
    "gratitude": "trust += 1",
}



def label_effects(story: Story) -> dict[str, CompiledEffects]:
    """Effects per label: the story's own, else the built-in ones for declared variables."""
    out: dict[str, CompiledEffects] = {}
    for label, source in BUILTIN_DYNAMICS.items():
        declared = tuple(e for e in compiled_effects(source) if e[0] in story.state)
        if declared:
            out[label] = declared
    for label, effects in story.dynamics.effects.items():
        out[label] = compiled_effects(effects.source)
    return out


def breakdown_test(story: Story) -> Any:
    """The compiled test of when the talk breaks down: the story's rule, else heat at
    its maximum; None when neither applies."""
    if story.dynamics.breakdown is not None:
        return compile_expr(story.dynamics.breakdown.expr)
    heat = story.state.get("heat")
    if heat is None:
        return None
    # Built as a tree, not as text: `f"{1e6:g}"` is '1e+06', which is no literal.
    return compile_expr(Binary(">=", Name("heat", 0), Num(heat.max)))
