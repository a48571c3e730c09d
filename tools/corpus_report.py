"""The corpus in numbers: rows, settings and labels per writer, and how well two
coders agreed on each writer's blind sample.

    python tools/corpus_report.py            # a table, for corpus/README.md
    python tools/corpus_report.py --json
    python tools/corpus_report.py --corpus corpus/unseen   # the writers kept out of training

Agreement compares the writer's original labels with the blind second coder's,
before reconciliation: macro-F1 over the labels either coder used in that
writer's sample, and the share of rows where the two label sets are the same.

The review (review/flagged.jsonl) is the second pass: each label where the
model, scored on writers it never saw, disagreed with the writer was read
again blind, beside control labels where the two agreed; it counts how often
the reader kept the writer's label. The conventions pass (round 4) read again,
blind, the labels that rules 28 to 39 of docs/labels.md decide, on every line
whose words touch them. Round 5 read the flagged labels of w20 to w35 and of the
three earlier writers read worst (w3, w16, w18).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from simulator.analyze.corpus import CorpusError, load_corpus  # noqa: E402
from simulator.diagnostics import diagnostic, format_text  # noqa: E402
from simulator.labels import LABELS  # noqa: E402

CORPUS = ROOT / "corpus"


def agreement(path: Path) -> dict[str, float]:
    """Writer v. blind coder on one writer's sample (rows of agreement/*.jsonl)."""
    pairs = [(set(r["writer_labels"]), set(r["coder_labels"]))
             for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())]
    used = [label for label in LABELS if any(label in a | b for a, b in pairs)]
    scores = []
    for label in used:
        both = sum(label in a and label in b for a, b in pairs)
        scores.append(2 * both / (sum(label in a for a, _ in pairs)
                                  + sum(label in b for _, b in pairs)))
    return {"sample": len(pairs), "macro_f1": round(sum(scores) / len(scores), 3),
            "exact": round(sum(a == b for a, b in pairs) / len(pairs), 3),
            "changed": sum(1 for r in map(json.loads, path.read_text(encoding="utf-8")
                                           .splitlines())
                           if set(r["final"]) != set(r["writer_labels"]))}


def review(path: Path, writer_of: dict[str, str]) -> dict[str, Any]:
    """Per round of review and kind of label read again (flagged by the model, or a
    control): how many were read and how many the reader changed. Round 1 read
    w1 to w9 (its records carry no round), round 2 w10 and w11, round 3 w12 to w19,
    round 4 every writer's lines whose words touch rules 28 to 39 ("convention"),
    round 5 w3, w16, w18 and w20 to w35, round 6 w36 to w41, and round 7 every
    writer's lines whose words touch rules 44 to 50 ("convention" again)."""
    if not path.exists():
        return {}
    found: dict[tuple[int, str], Any] = {}
    for r in map(json.loads, path.read_text(encoding="utf-8").splitlines()):
        kind = found.setdefault((r.get("round", 1), r["kind"]),
                                {"read": 0, "changed": 0, "rows": set(), "writers": set()})
        kind["read"] += 1
        kind["changed"] += r["writer"] != r["reader"]
        kind["rows"].add(r["id"])
        kind["writers"].add(writer_of[r["id"]])
    return {f"{name} ({_span(k['writers'])})": {
                "labels read": k["read"], "rows": len(k["rows"]), "changed": k["changed"],
                "kept": round(1 - k["changed"] / k["read"], 3)}
            for (_, name), k in sorted(found.items(),
                                       key=lambda kv: (kv[0][0], kv[0][1] != "flagged"))}


def _span(writers: set[str]) -> str:
    """'w1 to w9', 'w10 and w11', or 'w3, w16, w18, w20 to w35': runs of writers."""
    numbers = sorted(int(w[1:]) for w in writers)
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    if len(runs) == 1 and len(numbers) == 2:
        return f"w{numbers[0]} and w{numbers[1]}"
    return ", ".join(f"w{r[0]} to w{r[-1]}" if len(r) > 2 else ", ".join(f"w{n}" for n in r)
                     for r in runs)


def _by_number(writer: str) -> tuple[int, str]:
    """w2 before w10; a writer named otherwise after them, by name."""
    digits = writer[1:]
    return (int(digits), "") if writer[:1] == "w" and digits.isdigit() else (1 << 30, writer)


def report(corpus: Path = CORPUS) -> dict[str, Any]:
    rows = load_corpus(corpus)
    writers: dict[str, Any] = {}
    for writer in sorted({r.writer for r in rows}, key=_by_number):
        mine = [r for r in rows if r.writer == writer]
        settings = {r.context.split(";")[0].strip().lower() for r in mine}
        sample = corpus / "agreement" / f"{writer}.jsonl"
        writers[writer] = {
            "rows": len(mine),
            "settings": len(settings),
            "multi_label": round(sum(len(r.labels) > 1 for r in mine) / len(mine), 3),
            "no_label": round(sum(not r.labels for r in mine) / len(mine), 3),
            "agreement": agreement(sample) if sample.exists() else None,
        }
    labels = Counter(label for r in rows for label in r.labels)
    return {"rows": len(rows), "writers": writers,
            "review": review(corpus / "review" / "flagged.jsonl",
                             {r.id: r.writer for r in rows}),
            "settings": len({(r.writer, r.context.split(";")[0].strip().lower())
                             for r in rows}),
            "labels": {label: labels[label] for label in LABELS}}


def table(found: dict[str, Any]) -> str:
    lines = ["| writer | rows | settings | multi-label | no label | blind sample | "
             "macro-F1 | same set | reconciled |", "|---" * 9 + "|"]
    for writer, w in found["writers"].items():
        a = w["agreement"] or {}
        lines.append(f"| {writer} | {w['rows']} | {w['settings']} | {w['multi_label']:.0%} | "
                     f"{w['no_label']:.0%} | {a.get('sample', '-')} | "
                     f"{a.get('macro_f1', '-')} | {a.get('exact', '-')} | "
                     f"{a.get('changed', '-')} |")
    lines += ["", f"{found['rows']} rows, {found['settings']} settings.", "",
              "| label | rows |", "|---|---|"]
    lines += [f"| `{label}` | {count} |" for label, count in found["labels"].items()]
    if found["review"]:
        lines += ["", "| reviewed | rows | labels read | changed | writer kept |",
                  "|---|---|---|---|---|"]
        lines += [f"| {kind} | {k['rows']} | {k['labels read']} | {k['changed']} | "
                  f"{k['kept']:.0%} |" for kind, k in found["review"].items()]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--corpus", type=Path, default=CORPUS,
                        help="a folder of writers' files (default: corpus/)")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(format_text([diagnostic("CI100", str(args.corpus), None, "no such folder",
                                      "Name a folder of writers' JSONL files.")]),
              file=sys.stderr)
        return 1
    try:
        found = report(args.corpus)
    except CorpusError as error:
        print(format_text([error.found]), file=sys.stderr)
        return 1
    print(json.dumps(found, indent=2) if args.json else table(found))
    return 0


if __name__ == "__main__":
    sys.exit(main())
