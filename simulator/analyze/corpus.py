"""The labelled corpus the model learns from: one JSONL file per writer under corpus/.

Each row: id, text, labels, context, writer, side (`calling-in`, `called-in` or
`other`) and previous (the line it answers, or ""). The hash names the exact
corpus a model was trained on, so a test can tell when the two have drifted.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from simulator.diagnostics import Diagnostic, diagnostic
from simulator.labels import LABELS

SIDES = ("calling-in", "called-in", "other")


class CorpusError(Exception):
    """A labelled-utterance file that cannot be read as one; `found` says where."""

    def __init__(self, found: Diagnostic) -> None:
        super().__init__(str(found))
        self.found = found


class Row(NamedTuple):
    id: str
    text: str
    labels: tuple[str, ...]
    context: str
    writer: str
    side: str
    previous: str


def corpus_files(folder: Path) -> list[Path]:
    """The writers' files, in a fixed order (the blind second coding is kept apart)."""
    return sorted(folder.glob("*.jsonl"))


def utterance_rows(path: Path) -> Iterator[dict[str, Any]]:
    """The JSON objects of one labelled-utterance file, each checked to hold a `text`
    and known `labels`; raises CorpusError at the first line that does not."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as error:
        raise CorpusError(diagnostic("CI701", str(path), None,
                                     f"not UTF-8 text ({error.reason})")) from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            raise CorpusError(diagnostic("CI701", str(path), (number, error.colno),
                                         f"not JSON: {error.msg}")) from None
        problem = _row_problem(data)
        if problem:
            raise CorpusError(diagnostic("CI701", str(path), (number, 1), problem))
        yield data


def _row_problem(data: Any) -> str:
    if not isinstance(data, dict):
        return "a row is a JSON object, not a list or a value"
    if not isinstance(data.get("text"), str):
        return "the row has no `text` string"
    labels = data.get("labels")
    if not isinstance(labels, list) or not all(isinstance(label, str) for label in labels):
        return "`labels` is not a list of label names"
    unknown = [label for label in labels if label not in LABELS]
    return f"unknown label '{unknown[0]}'" if unknown else ""


def load_corpus(folder: Path) -> list[Row]:
    rows = []
    for path in corpus_files(folder):
        for data in utterance_rows(path):
            rows.append(Row(str(data.get("id", "")), data["text"], tuple(data["labels"]),
                            data.get("context", ""), str(data.get("writer", path.stem)),
                            data.get("side", "other"), data.get("previous", "")))
    return rows


def corpus_hash(folder: Path) -> str:
    """sha256 over the writers' files, names and bytes, in order."""
    digest = hashlib.sha256()
    for path in corpus_files(folder):
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
