"""The order a session shows its replies in: shuffled, so position gives nothing away.

A session's menu seed (kept in its transcript) decides the order. Each reply is
placed by a hash of the seed and its story-wide key, not by a random generator
that advances: the same node shows the same order at every visit, after undo,
on resume and on replay, and a reply that comes and goes (once-only, or
behind a condition) never reshuffles the others. Choice ids, plans and random
play address replies by id or play without a seed, in authored order.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable

from simulator.model import Choice
from simulator.transcript import SEED_LIMIT


def new_seed() -> int:
    return secrets.randbelow(SEED_LIMIT)


def _place(seed: int, choice: Choice) -> bytes:
    return hashlib.blake2b(f"{seed}:{choice.key}".encode(), digest_size=8).digest()


def menu_order(choices: Iterable[Choice], seed: int) -> list[Choice]:
    """`choices` in the order a session with menu seed `seed` shows them."""
    return sorted(choices, key=lambda choice: _place(seed, choice))
