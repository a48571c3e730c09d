"""What the analyzer returns: labels, and the evidence for each."""

from __future__ import annotations

from typing import Any, NamedTuple


# NamedTuples rather than frozen dataclasses: made for every utterance a learner
# types and every line scored, and a frozen dataclass is several times slower
# to build.
class Evidence(NamedTuple):
    """Why a label applies: the span of the text and the rule that fired, or for the
    model ("model"), how sure it is, the words that pushed it and similar lines."""

    label: str
    start: int
    end: int
    rule: str  # a key of RULES, which explains it in plain words
    quote: str  # text[start:end]
    probability: float | None = None  # the model's, when the model found it
    words: tuple[str, ...] = ()  # the words whose leaving out lowers it most
    examples: tuple[str, ...] = ()  # corpus lines the model reads as alike, with this label


class Analysis(NamedTuple):
    """What one utterance does: its labels (in the order of labels.md) with evidence."""

    text: str
    labels: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    words: int

    def has(self, label: str) -> bool:
        return label in self.labels

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "labels": list(self.labels),
            "evidence": [e._asdict() for e in self.evidence],
            "words": self.words,
        }
