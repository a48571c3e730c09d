"""Meaning: how close typed words are to authored ones in what they say, not only
in the words they share ("sure - 2pm works" and "Yes, tomorrow at two is fine").

The analyzer's fine-tuned encoder gives each utterance a sentence vector
(`Model.embed`); closeness is their cosine (unrelated lines sit around 0.2 to
0.45, paraphrases above 0.8). The model loads only when free text is first
read; when it cannot, `closeness` returns None and routing goes on wording alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

_CACHED = 4096  # authored lines are embedded once; a session reads the same few again

_vectors: dict[str, Any] = {}


def closeness(text: str, others: Sequence[str]) -> dict[str, float] | None:
    """For each of `others`, how close `text` is in meaning (a cosine); None without
    the model."""
    if not others or not text.strip():
        return {}
    model = _model()
    if model is None:
        return None
    wanted = [t for t in dict.fromkeys([text, *others]) if t not in _vectors]
    if wanted:
        from simulator.analyze.model import Utterance

        if len(_vectors) + len(wanted) > _CACHED:
            _vectors.clear()
        for line, vector in zip(wanted, model.embed([Utterance(t) for t in wanted]),
                                strict=True):
            _vectors[line] = vector
    typed = _vectors[text]
    return {other: float(typed @ _vectors[other]) for other in others}


def clear() -> None:
    """Forget the vectors read so far (a benchmark's fresh start)."""
    _vectors.clear()


def _model() -> Any:
    from simulator.analyze.model import Model, loaded

    found = loaded()
    return found if isinstance(found, Model) else None
