"""Score the analyzer against labelled utterances: per-label precision, recall, F1.

    python tools/analyzer_eval.py                      # the shared dev set
    python tools/analyzer_eval.py FILE.jsonl --errors  # any {"text", "labels"} file, with misses
    python tools/analyzer_eval.py FILE.jsonl --rules   # the rules alone, without the model
    python tools/analyzer_eval.py corpus/unseen/*.jsonl --by-file  # one line per writer too

The model was trained on corpus/ (the shared dev set included): score it only on
text by writers it never saw, such as corpus/unseen/. Its figures on held-out
writers, from cross-validation, are in simulator/analyze/model/meta.json
("measured"). A row's `side` and `previous`, when it has them, are read as free
mode reads them (`other` counts as not known).

Macro-F1 is the mean F1 over the labels of labels.md, so a rare label counts as
much as a common one.
"""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from simulator.analyze import analyze, rules_as_said
from simulator.analyze.corpus import CorpusError, utterance_rows
from simulator.diagnostics import diagnostic, format_text
from simulator.labels import LABELS

DEV_SET = Path(__file__).resolve().parents[2] / "shared" / "data" / "utterances.dev.jsonl"


@dataclass(frozen=True)
class LabelScore:
    label: str
    support: int  # how many utterances carry the label
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Report:
    scores: tuple[LabelScore, ...]
    errors: tuple[tuple[str, frozenset[str], frozenset[str]], ...]  # text, expected, got

    @property
    def macro_f1(self) -> float:
        return sum(s.f1 for s in self.scores) / len(self.scores)

    def table(self) -> str:
        lines = [f"{'label':<20}{'support':>8}{'prec':>8}{'recall':>8}{'F1':>8}"]
        lines += [f"{s.label:<20}{s.support:>8}{s.precision:>8.2f}{s.recall:>8.2f}{s.f1:>8.2f}"
                  for s in self.scores]
        lines.append(f"{'macro-F1':<20}{'':>8}{'':>8}{'':>8}{self.macro_f1:>8.3f}")
        return "\n".join(lines)


class Utterance(NamedTuple):
    text: str
    labels: frozenset[str]
    side: str | None = None  # calling-in or called-in; None when not known
    previous: str | None = None  # the line it answers


def load(path: Path) -> list[Utterance]:
    rows = []
    for record in utterance_rows(path):
        side = record.get("side")
        rows.append(Utterance(record["text"], frozenset(record["labels"]),
                              None if side == "other" else side,
                              record.get("previous") or None))
    return rows


def read_by_model(row: Utterance) -> Sequence[str]:
    return analyze(row.text, side=row.side, previous=row.previous).labels


def read_by_rules(row: Utterance) -> Sequence[str]:
    return rules_as_said(row.text, row.side)


def evaluate(rows: Iterable[Utterance],
             predict: Callable[[Utterance], Sequence[str]] = read_by_model) -> Report:
    counts = {label: [0, 0, 0, 0] for label in LABELS}  # support, tp, fp, fn
    errors = []
    for row in rows:
        expected, got = row.labels, frozenset(predict(row))
        if got != expected:
            errors.append((row.text, expected, got))
        for label in LABELS:
            count = counts[label]
            count[0] += label in expected
            count[1] += label in expected and label in got
            count[2] += label in got and label not in expected
            count[3] += label in expected and label not in got
    return Report(tuple(LabelScore(label, *c) for label, c in counts.items()), tuple(errors))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, default=[DEV_SET])
    parser.add_argument("--errors", action="store_true", help="list the utterances missed")
    parser.add_argument("--rules", action="store_true", help="the rules alone, no model")
    parser.add_argument("--by-file", action="store_true",
                        help="macro-F1 and exact label sets of each file (a writer) too")
    args = parser.parse_args(argv)
    missing = [path for path in args.files if not path.is_file()]
    if missing:
        print(format_text([diagnostic("CI100", str(missing[0]), None, "no such file",
                                      "Name JSONL files of labelled utterances.")]),
              file=sys.stderr)
        return 1
    try:
        loaded = {path: load(path) for path in args.files}
    except CorpusError as error:
        print(format_text([error.found]), file=sys.stderr)
        return 1
    # Each line is read once, for its file and for all of them together.
    predict = functools.cache(read_by_rules if args.rules else read_by_model)
    if args.by_file:
        for path, rows in loaded.items():
            by_file = evaluate(rows, predict)
            print(f"{path.stem:<12}{len(rows):>6} rows  macro-F1 {by_file.macro_f1:.3f}  "
                  f"exact set {1 - len(by_file.errors) / max(len(rows), 1):.0%}")
        print()
    report = evaluate([row for rows in loaded.values() for row in rows], predict)
    print(report.table())
    if args.errors:
        for text, expected, got in report.errors:
            print(f"\n  {text}\n    missing: {sorted(expected - got)}"
                  f"  extra: {sorted(got - expected)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
