"""The corpus report: runs of writers named plainly, and the writers kept out of
training (corpus/unseen) as well formed as the rest."""

from __future__ import annotations

import sys

import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
from corpus_report import _span, report

UNSEEN = ROOT / "corpus" / "unseen"


@pytest.mark.parametrize(("writers", "named"), [
    ({"w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8", "w9"}, "w1 to w9"),
    ({"w10", "w11"}, "w10 and w11"),
    ({"w3", "w16", "w18", "w20", "w21", "w22"}, "w3, w16, w18, w20 to w22"),
    ({"w3", "w4", "w16"}, "w3, w4, w16"),
])
def test_runs_of_writers_are_named_as_runs(writers: set[str], named: str) -> None:
    assert _span(writers) == named


def test_every_unseen_writer_was_coded_blind_and_none_is_trained_on() -> None:
    from simulator.analyze.corpus import load_corpus

    found = report(UNSEEN)
    assert found["writers"], "corpus/unseen holds no writers"
    for writer, numbers in found["writers"].items():
        assert numbers["agreement"] is not None, f"{writer} has no blind sample"
        assert numbers["agreement"]["sample"] >= numbers["rows"] / 10
    trained = {row.writer for row in load_corpus(ROOT / "corpus")}
    assert trained.isdisjoint(found["writers"])
