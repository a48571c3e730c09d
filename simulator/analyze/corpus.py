"""The labelled corpus the model learns from: one JSONL file per writer under corpus/.

Each row: id, text, labels, context, writer, side (`calling-in`, `called-in` or
`other`) and previous (the line it answers, or ""). The hash names the exact
corpus a model was trained on, so a test can tell when the two have drifted.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import NamedTuple

SIDES = ("calling-in", "called-in", "other")


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


def load_corpus(folder: Path) -> list[Row]:
    rows = []
    for path in corpus_files(folder):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                data = json.loads(line)
                rows.append(Row(data["id"], data["text"], tuple(data["labels"]),
                                data.get("context", ""), data["writer"],
                                data.get("side", "other"), data.get("previous", "")))
    return rows


def corpus_hash(folder: Path) -> str:
    """sha256 over the writers' files, names and bytes, in order."""
    digest = hashlib.sha256()
    for path in corpus_files(folder):
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
