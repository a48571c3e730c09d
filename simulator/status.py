"""A one-line status for long commands: shown to a person at a terminal, never to a script.

`callin test stories/` can run for half a minute; on a terminal a line on
standard error says which story it is on and how far through, rewritten in
place and cleared before any result is printed. When standard error is not a
terminal (a script, CI, a pipe) nothing is written at all.
"""

from __future__ import annotations

import shutil
import time
from typing import TextIO

from simulator.safety import printable, raw_stream
from simulator.terminal import is_terminal

EVERY = 0.1  # seconds between updates: enough to see it move, little to draw


class Status:
    def __init__(self, stream: TextIO) -> None:
        self._stream = raw_stream(stream)  # its own \r: not to be shown as '?'
        self.active = is_terminal(self._stream)
        self._shown = 0
        self._when = 0.0

    def show(self, text: str) -> None:
        now = time.monotonic()
        if not self.active or now - self._when < EVERY:
            return
        self._when = now
        width = shutil.get_terminal_size().columns - 1
        line = printable(text)[:width]
        self._stream.write("\r" + line.ljust(self._shown))
        self._stream.flush()
        self._shown = len(line)

    def clear(self) -> None:
        """Rub the line out (before results are printed on the same screen)."""
        if self.active and self._shown:
            self._stream.write("\r" + " " * self._shown + "\r")
            self._stream.flush()
            self._shown = 0
