"""The learned reader: a fine-tuned all-MiniLM-L6-v2, int8, run by onnxruntime.

Its files live in model/ beside this module (tools/train_analyzer.py writes
them): analyzer.onnx, tokenizer.json, meta.json (labels, thresholds, how each
label is combined with the rules, the corpus it was trained on) and the corpus
as the model embeds it (examples.npy, examples.jsonl) for "nearest examples".

Nothing here is imported until free text is read: onnxruntime and NumPy cost a
few hundred milliseconds to load, which `callin --version` should never pay.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

MODEL_FOLDER = Path(__file__).resolve().parent / "model"
MAX_TOKENS = 80
PREVIOUS_WORDS = 24  # the end of the line answered is what the reply answers
# How the speaker's side is said to the model, in front of the line they answer.
SIDE_WORDS = {"calling-in": "raising it", "called-in": "hearing it", "other": ""}
_WORD = re.compile(r"[\w']+")


class Utterance(NamedTuple):
    """What the model reads: the text, who says it, and the line it answers."""

    text: str
    side: str = "other"
    previous: str = ""


class Example(NamedTuple):
    """A labelled line of the corpus that the model reads as similar."""

    text: str
    labels: tuple[str, ...]
    similarity: float


def load_tokenizer(path: Path) -> Any:
    """The tokenizer, set once to truncate at MAX_TOKENS and pad to the longest item."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.enable_truncation(max_length=MAX_TOKENS, strategy="longest_first")
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    return tokenizer


def encode_inputs(tokenizer: Any, items: Sequence[Any], *, with_context: bool
                  ) -> tuple[list[list[int]], list[list[int]], list[list[int]]]:
    """Token ids, attention masks and segment ids (a tokenizer from `load_tokenizer`).
    With context, the second segment says the side and the line answered."""
    if with_context:
        pairs = [(item.text, f"{SIDE_WORDS.get(item.side, '')} | "
                              f"{' '.join(item.previous.split()[-PREVIOUS_WORDS:])}".strip())
                 for item in items]
        encoded = tokenizer.encode_batch(pairs)
    else:
        encoded = tokenizer.encode_batch([item.text for item in items])
    return ([e.ids for e in encoded], [e.attention_mask for e in encoded],
            [e.type_ids for e in encoded])


_POOLED_KEPT = 64


class Model:
    """The loaded model; `probabilities` is all routing needs, the rest explains."""

    def __init__(self, session: Any, tokenizer: Any, meta: dict[str, Any],
                 examples: tuple[Any, list[dict[str, Any]]] | None) -> None:
        self.session, self.tokenizer, self.meta = session, tokenizer, meta
        self.labels: list[str] = meta["labels"]
        self.thresholds = [meta["thresholds"][name] for name in self.labels]
        self.combination: dict[str, str] = meta["combination"]
        self.with_context = bool(meta["settings"]["with_context"])
        self._examples = examples
        # Sentence vectors of the lines just read: meaning compares the line a learner
        # typed with authored ones right after `analyze` has run the model on it.
        self._pooled: dict[str, Any] = {}

    @classmethod
    def load(cls, folder: Path = MODEL_FOLDER, *, with_examples: bool = True) -> Model:
        import onnxruntime

        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1  # one utterance at a time: threads only cost
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        session = onnxruntime.InferenceSession(str(folder / "analyzer.onnx"), options,
                                               providers=["CPUExecutionProvider"])
        tokenizer = load_tokenizer(folder / "tokenizer.json")
        examples = _load_examples(folder) if with_examples else None
        return cls(session, tokenizer, meta, examples)

    def _run(self, items: Sequence[Any]) -> tuple[Any, Any]:
        import numpy as np

        ids, mask, types = encode_inputs(self.tokenizer, items, with_context=self.with_context)
        logits, pooled = self.session.run(None, {
            "input_ids": np.array(ids, dtype=np.int64),
            "attention_mask": np.array(mask, dtype=np.int64),
            "token_type_ids": np.array(types, dtype=np.int64)})
        return 1 / (1 + np.exp(-logits)), pooled

    def probabilities(self, items: Sequence[Any]) -> Any:
        """(items x labels) probabilities."""
        probabilities, pooled = self._run(items)
        if len(items) == 1 and not self.with_context:  # an utterance read, not a batch
            if len(self._pooled) >= _POOLED_KEPT:
                self._pooled.clear()
            self._pooled[items[0].text] = pooled[0]
        return probabilities

    def says(self, item: Utterance) -> dict[str, float]:
        """label -> probability, for the labels the model finds in one utterance."""
        row = self.probabilities([item])[0]
        return {name: float(row[j]) for j, name in enumerate(self.labels)
                if row[j] >= self.thresholds[j]}

    def embed(self, items: Sequence[Any]) -> Any:
        """Unit-length sentence vectors, in batches (a line just read is not run again)."""
        import numpy as np

        kept = {i: self._pooled[item.text] for i, item in enumerate(items)
                if not self.with_context and item.text in self._pooled}
        rest = [item for i, item in enumerate(items) if i not in kept]
        parts = [self._run(rest[first:first + 64])[1] for first in range(0, len(rest), 64)]
        ran = iter(np.concatenate(parts)) if parts else iter(())
        vectors = np.stack([kept[i] if i in kept else next(ran) for i in range(len(items))])
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True).clip(1e-9)

    def pushing_words(self, item: Utterance, label: str, top: int = 3) -> list[tuple[str, int,
                                                                                     int]]:
        """The words whose leaving out lowers the label's probability most, as
        (word, start, end), strongest first: what pushed the model to this label."""
        spans = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(item.text)][:60]
        if not spans:
            return []
        column = self.labels.index(label)
        variants = [item._replace(text=(item.text[:start] + item.text[end:]).strip())
                    for _, start, end in spans]
        probabilities = self.probabilities([item, *variants])[:, column]
        drops = probabilities[0] - probabilities[1:]
        ranked = sorted(range(len(spans)), key=lambda i: -drops[i])
        return [spans[i] for i in ranked[:top] if drops[i] > 0.02]

    def nearest(self, item: Utterance, label: str, count: int = 2) -> list[Example]:
        """The most similar corpus lines that carry `label` (never the line itself)."""
        if self._examples is None:
            return []
        import numpy as np

        matrix, rows = self._examples
        scores = matrix @ self.embed([item])[0]
        found: list[Example] = []
        for index in np.argsort(-scores):
            row = rows[int(index)]
            if label in row["labels"] and row["text"].strip() != item.text.strip():
                found.append(Example(row["text"], tuple(row["labels"]), float(scores[index])))
                if len(found) == count:
                    break
        return found


def _load_examples(folder: Path) -> tuple[Any, list[dict[str, Any]]] | None:
    import numpy as np

    try:
        matrix = np.load(folder / "examples.npy").astype(np.float32)
        rows = [json.loads(line) for line in
                (folder / "examples.jsonl").read_text(encoding="utf-8").splitlines()]
    except (OSError, ValueError):
        return None  # explanations lose their examples; labels are unaffected
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True).clip(1e-9)
    return matrix, rows


class Unavailable(NamedTuple):
    """Why the model is not used: said once, plainly, by the command that reads text."""

    reason: str


@cache
def loaded() -> Model | Unavailable:
    """The model, loaded once per process; or why it cannot be."""
    if os.environ.get("CALLIN_ANALYZER", "").strip().lower() == "rules":
        return Unavailable("CALLIN_ANALYZER=rules is set")
    try:
        import onnxruntime  # noqa: F401
        import tokenizers  # noqa: F401
    except ImportError as missing:
        return Unavailable(f"{missing.name} is not installed on this platform")
    try:
        return Model.load()
    except FileNotFoundError as error:
        return Unavailable(f"its file {Path(error.filename or '?').name} is missing")
    except Exception as error:  # a damaged file: onnxruntime raises its own kinds
        return Unavailable(f"its files could not be read ({type(error).__name__})")
