"""How the two readers are combined per label, and how agreement is measured.

Used by the analyzer at run time (`combine_label` on single booleans) and by
tools/train_analyzer.py and tools/analyzer_eval.py (on NumPy arrays).
"""

from __future__ import annotations

from typing import Any

# For one label: trust the model, the rules, either of them, or only both.
COMBINATIONS = ("model", "rules", "union", "both")


def combine_label(way: str, model: Any, rules: Any) -> Any:
    """Works on bools and on boolean arrays alike."""
    if way == "model":
        return model
    if way == "rules":
        return rules
    if way == "union":
        return model | rules
    return model & rules


def per_label_f1(gold: Any, guess: Any) -> float:
    """F1 of one label's column; 1.0 when there is nothing to find and nothing found."""
    true_positive = int((gold & guess).sum())
    found, wanted = int(guess.sum()), int(gold.sum())
    if found == 0 and wanted == 0:
        return 1.0
    return 2 * true_positive / (found + wanted)


def macro_f1(gold: Any, guess: Any) -> float:
    """The mean of the per-label F1s over the columns (labels)."""
    columns = gold.shape[1]
    return float(sum(per_label_f1(gold[:, j], guess[:, j]) for j in range(columns)) / columns)
