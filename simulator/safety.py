"""Untrusted text made safe where it leaves callin: file names, terminals, CSV.

Stories, transcripts and databases can come from anyone. The loader refuses
control characters in learner-facing text, but every output path still passes
its text through here, so a file that skipped validation cannot write outside
the working folder, drive the terminal or plant a spreadsheet formula.
"""

from __future__ import annotations

import re
from typing import Any, TextIO, cast

_UNSAFE_IN_NAME = re.compile(r"[^a-z0-9_-]+")
# C0 and C1 controls and DEL, except tab and newline (text keeps its lines), and
# lone surrogates, which no terminal encoding can print.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")
# A cell starting with one of these is a formula to a spreadsheet (OWASP).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def file_stem(*parts: str) -> str:
    """A plain file name from ids: only [a-z0-9_-], never '..', '/' or empty."""
    cleaned = (_UNSAFE_IN_NAME.sub("-", part.lower()).strip("-") for part in parts)
    return "-".join(part for part in cleaned if part)[:100] or "story"


def printable(text: str) -> str:
    """`text` with control characters (escape sequences' ESC, CSI...) shown as '?'."""
    return _CONTROLS.sub("\N{REPLACEMENT CHARACTER}", text) if _CONTROLS.search(text) else text


def csv_cell(value: object) -> object:
    """A value for a CSV cell that no spreadsheet will run as a formula."""
    if isinstance(value, str):
        value = printable(value)
        if value.startswith(_FORMULA_START):
            return "'" + value
    return value


class PrintableStream:
    """A text stream that writes `printable` text: for our own output streams
    (never a rich console's, whose styles are escape sequences of its own)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(printable(text))

    def __getattr__(self, name: str) -> Any:  # flush, isatty, fileno, encoding...
        return getattr(self._stream, name)


def raw_stream(stream: TextIO) -> TextIO:
    """The stream a `printable_stream` wraps, for callin's own control characters (a
    status line's carriage return); any other stream as it is."""
    return stream._stream if isinstance(stream, PrintableStream) else stream


def printable_stream(stream: TextIO) -> TextIO:
    if isinstance(stream, PrintableStream):
        return stream
    return cast(TextIO, PrintableStream(stream))


def valid_text(text: str) -> str:
    """`text` with lone surrogates (undecodable bytes read with surrogateescape)
    as U+FFFD, so it can be saved as UTF-8: a learner's turn is never lost to it."""
    return _SURROGATES.sub("\N{REPLACEMENT CHARACTER}", text)
