"""Benchmark: how fast `analyze` reads, with the rules alone and with the model.

    python tools/bench_analyze.py             # rules: ~50k utterances; model: 2,000
    python tools/bench_analyze.py --count 200000

The mix is the shared dev set (when present) plus generated utterances in
other settings, names and lengths, so the figure is not one memorised list.
Rules: each pass is timed with the garbage collector paused and the best pass
of several is reported, as machine noise only ever makes a pass slower.
Model: the time to load it, each utterance timed alone (p50 and p99), and
utterances a second in bulk, on one process.

Targets: rules >= 20,000 utterances/s; with the model, p99 < 20 ms for one
utterance and >= 200 utterances/s in bulk (issue "An analyzer that
understands people it has never met").
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from simulator.analyze import analyze, analyze_rules

TARGET_PER_SECOND = 20_000
MODEL_P99_MS = 20.0
MODEL_BULK_PER_SECOND = 200
DEV_SET = Path(__file__).resolve().parents[2] / "shared" / "data" / "utterances.dev.jsonl"

_NAMES = ["Sam", "Priya", "Jonah", "Aisha", "Uncle Ray", "Coach", "Mia", "Dev", "Grandma"]
_PLACES = ["the stand-up", "dinner", "the social", "practice", "the group chat", "the offsite"]
_OPENERS = ["", "Honestly, ", "Look, ", "Okay. ", "Hey, ", "Well, ", "So "]
_PARTS = [
    "I felt {feeling} when you said that at {place}",
    "you always make jokes like that about {name}",
    "it was just a joke, nobody minded",
    "I'm sorry I talked over {name} at {place}",
    "sorry if anyone was offended, but you're overreacting",
    "what did you mean when you said it",
    "did {name} hear it",
    "it sounds like you felt left out at {place}",
    "thank you for telling me",
    "I'll talk to {name} tomorrow and apologise",
    "calm down, it's not a big deal",
    "I'm not racist, my best friend is {name}",
    "I didn't mean anything by it",
    "you're the one who made it weird",
    "I feel attacked right now",
    "I've been on this team for ten years",
    "you're such a hypocrite",
    "can we talk again next week",
    "the meeting was on Tuesday after lunch",
    "I got you a coffee, it's on the desk",
    "that's fair, I should have asked first",
    "so you expected we'd spend the evening together",
]
_FEELINGS = ["small", "left out", "embarrassed", "uneasy", "hurt"]


def generated(count: int, seed: int = 7) -> list[str]:
    """Utterances of one to four parts, in varied settings and punctuation."""
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        parts = [rng.choice(_PARTS).format(name=rng.choice(_NAMES), place=rng.choice(_PLACES),
                                           feeling=rng.choice(_FEELINGS))
                 for _ in range(rng.randint(1, 4))]
        sentences = [p[0].upper() + p[1:] + rng.choice([".", ".", "?", "!"]) for p in parts]
        texts.append(rng.choice(_OPENERS) + " ".join(sentences))
    return texts


def corpus(count: int) -> list[str]:
    dev = []
    if DEV_SET.exists():
        dev = [json.loads(line)["text"] for line in DEV_SET.read_text(encoding="utf-8")
               .splitlines() if line.strip()]
    unique = dev + generated(2_000)
    return (unique * (count // len(unique) + 1))[:count]


def best_rate(texts: list[str], passes: int) -> float:
    for text in texts[:5_000]:  # warm up: rule patterns compile on first use
        analyze_rules(text)
    best = float("inf")
    gc.disable()
    try:
        for _ in range(passes):
            start = time.perf_counter()
            for text in texts:
                analyze_rules(text)
            best = min(best, time.perf_counter() - start)
    finally:
        gc.enable()
    return len(texts) / best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=50_000, help="utterances per pass")
    parser.add_argument("--passes", type=int, default=5, help="timed passes (best is kept)")
    args = parser.parse_args(argv)
    texts = corpus(args.count)
    words = sum(len(t.split()) for t in texts) / len(texts)
    rate = best_rate(texts, args.passes)
    print(f"rules: {len(texts)} utterances (mean {words:.1f} words), best of {args.passes} "
          f"passes: {rate:,.0f} utterances/s ({1e6 / rate:.1f} µs each)")
    ok = rate >= TARGET_PER_SECOND
    print(f"  target: >= {TARGET_PER_SECOND:,} utterances/s: {'met' if ok else 'MISSED'}")
    model_ok = bench_model(texts[:2_000])
    return 0 if ok and model_ok else 1


def bench_model(texts: list[str]) -> bool:
    from simulator.analyze.model import MODEL_FOLDER, Model, Unavailable, loaded

    start = time.perf_counter()
    model = loaded()
    load_seconds = time.perf_counter() - start
    if isinstance(model, Unavailable):
        print(f"model: not available ({model.reason})")
        return False
    assert isinstance(model, Model)
    size = (MODEL_FOLDER / "analyzer.onnx").stat().st_size / 1e6
    print(f"model: loaded in {load_seconds:.2f} s ({size:.1f} MB)")
    for text in texts[:50]:
        analyze(text)  # warm up
    each = []
    for text in texts:
        started = time.perf_counter()
        analyze(text)
        each.append(time.perf_counter() - started)
    each.sort()
    p50, p99 = each[len(each) // 2] * 1e3, each[int(len(each) * 0.99)] * 1e3
    bulk = len(texts) / sum(each)
    print(f"  one utterance: p50 {p50:.1f} ms, p99 {p99:.1f} ms; bulk {bulk:,.0f} utterances/s")
    ok = p99 < MODEL_P99_MS and bulk >= MODEL_BULK_PER_SECOND
    print(f"  targets: p99 < {MODEL_P99_MS:.0f} ms, >= {MODEL_BULK_PER_SECOND} utterances/s: "
          f"{'met' if ok else 'MISSED'}")
    return ok


if __name__ == "__main__":
    raise SystemExit(main())
