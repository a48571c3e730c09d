"""Counting words, the unit of talk share (the 30/70 rule)."""

from __future__ import annotations

import re
from functools import lru_cache

# A word is a run of letters or digits, with inner apostrophes or hyphens
# ("don't", "well-meant"); punctuation and emoji are not words.
_WORD = re.compile(r"[^\W_]+(?:['\u2019\-][^\W_]+)*")


@lru_cache(maxsize=65_536)  # a story's lines are counted again in every session
def count_words(text: str) -> int:
    return len(_WORD.findall(text))
