"""Reading the files a learner or trainer names: capped, regular files only, UTF-8.

`/dev/zero`, a FIFO named `x.plan` or a 10 GB log must end in a clear message,
not a hang or a traceback.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MAX_BYTES = 50 * 1024 * 1024  # far beyond any transcript, plan or report callin writes


class FileProblem(Exception):
    """Why a file cannot be read, in our words; `hint` says what to do."""

    def __init__(self, path: str | Path, message: str, hint: str = "",
                 line: int | None = None) -> None:
        self.path, self.message, self.hint, self.line = shown(path), message, hint, line
        super().__init__(f"{self.location}: {message}")

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


def read_bytes(path: str | Path, limit: int = MAX_BYTES) -> bytes:
    """A regular file's bytes, at most `limit` of them, or FileProblem."""
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; checked below.
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise FileProblem(path, "no such file", "check the path") from None
    except OSError as error:
        raise FileProblem(path, f"cannot read the file: {error.strerror or error}",
                          "check that it exists and that you may read it") from None
    mode = os.fstat(handle).st_mode
    if not stat.S_ISREG(mode):
        os.close(handle)
        kind = "a folder" if stat.S_ISDIR(mode) else "not a regular file"
        raise FileProblem(path, f"this is {kind}", "give a file saved on disk")
    with os.fdopen(handle, "rb") as file:
        try:
            data = file.read(limit + 1)
        except OSError as error:
            raise FileProblem(path, f"cannot read the file: {error.strerror or error}") from None
    if len(data) > limit:
        raise FileProblem(path, f"the file is larger than {limit // (1024 * 1024)} MB",
                          "is it the right file?")
    return data


def read_text(path: str | Path, limit: int = MAX_BYTES) -> str:
    """A regular file's UTF-8 text, or FileProblem naming the first bad byte."""
    data = read_bytes(path, limit)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise FileProblem(path, f"not UTF-8 text (byte 0x{data[error.start]:02x})",
                          "save it as UTF-8", line) from None


def shown(path: str | Path) -> str:
    """A path as text that can be printed or encoded (undecodable bytes as U+FFFD)."""
    return os.fsencode(path).decode("utf-8", "replace")
