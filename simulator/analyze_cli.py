"""`callin analyze`: one utterance with its evidence, or a JSONL stream of them."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import TextIO

from simulator.analyze import Analysis, analyze, model_notice, reason


def run_analyze(words: list[str], jsonl: str | None, out: TextIO, *, side: str | None = None,
                previous: str | None = None) -> int:
    if jsonl is None and not words:
        print("callin analyze: error: give the words to read, or --jsonl FILE\n"
              "    hint: callin analyze \"I felt left out when you left.\"", file=sys.stderr)
        return 2
    notice = model_notice()
    if notice:
        print(notice, file=sys.stderr)
    if jsonl is None:
        found = analyze(" ".join(words), side=side, previous=previous, explain=True)
        print(explain(found), file=out)
        return 0
    return _stream(jsonl, out)


def explain(analysis: Analysis) -> str:
    if not analysis.labels:
        return "read as: no particular move (no label applies)"
    lines = [f"read as: {', '.join(analysis.labels)}"]
    for item in analysis.evidence:
        lines.append(f"  {item.label:<18} \"{item.quote}\"  ({reason(item)})")
    return "\n".join(lines)


def _stream(source: str, out: TextIO) -> int:
    try:
        handle = sys.stdin if source == "-" else open(source, encoding="utf-8")  # noqa: SIM115
    except OSError as error:
        print(f"{source}: error cannot read: {error.strerror or error}\n"
              "    hint: give a file with one utterance per line, or - for standard input",
              file=sys.stderr)
        return 1
    problems = 0
    with handle:
        for _, text, side, previous in _utterances(handle, source):
            if text is None:
                problems += 1
                continue
            record = analyze(text, side=side, previous=previous).to_dict()
            print(json.dumps({"text": text, "labels": record["labels"],
                              "evidence": record["evidence"]}, ensure_ascii=False), file=out)
    return 1 if problems else 0


Utterance = tuple[int, str | None, str | None, str | None]


def _utterances(handle: TextIO, source: str) -> Iterator[Utterance]:
    """(line number, text, side, previous) per non-blank line; text is None for a bad
    JSON line. A JSON line may give "side" and "previous" beside "text"."""
    for number, raw in enumerate(handle, 1):
        line = raw.rstrip("\n")
        if not line.strip():
            continue
        if not line.lstrip().startswith("{"):
            yield number, line, None, None
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            print(f"{source}:{number}:{error.colno}: error line is not valid JSON: {error.msg}\n"
                  "    hint: use plain text, or {\"text\": \"...\"}", file=sys.stderr)
            yield number, None, None, None
            continue
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            print(f"{source}:{number}:1: error a JSON line needs a \"text\" string\n"
                  "    hint: {\"text\": \"...\"}", file=sys.stderr)
            yield number, None, None, None
            continue
        side, previous = data.get("side"), data.get("previous")
        yield (number, data["text"], side if isinstance(side, str) else None,
               previous if isinstance(previous, str) else None)
