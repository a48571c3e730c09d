"""One player per session: a lock file beside the transcript while it is played.

The lock is an advisory `flock` on `.NAME.lock`, so the system releases it when
its process ends in any way (kill -9 included): a stale lock file is simply
taken over. Without `fcntl` (Windows) sessions are not locked.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None  # type: ignore[assignment]


class SessionBusy(Exception):
    """The session is being played elsewhere; `holder` is that process's id, if known."""

    def __init__(self, path: Path, holder: str) -> None:
        super().__init__(f"{path} is open in another callin"
                         + (f" (process {holder})" if holder else ""))
        self.path, self.holder = path, holder


def lock_path(session: Path) -> Path:
    return session.with_name(f".{session.name}.lock")


@contextmanager
def holding(session: Path) -> Iterator[None]:
    """Hold `session` for this process, or raise SessionBusy at once."""
    if fcntl is None:  # pragma: no cover - not POSIX
        yield
        return
    session.parent.mkdir(parents=True, exist_ok=True)
    path = lock_path(session)
    handle = _acquire(session, path)
    try:
        os.ftruncate(handle, 0)
        os.write(handle, f"{os.getpid()}\n".encode())
        yield
    finally:
        path.unlink(missing_ok=True)  # still held: no one can take it in between
        os.close(handle)


def _acquire(session: Path, path: Path) -> int:
    while True:
        handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(handle, 20).decode("ascii", "replace").strip()
            os.close(handle)
            raise SessionBusy(session, holder) from None
        if _same_file(handle, path):
            return handle
        os.close(handle)  # its holder removed it as we opened it: take the new one


def _same_file(handle: int, path: Path) -> bool:
    try:
        return os.stat(path).st_ino == os.fstat(handle).st_ino
    except FileNotFoundError:
        return False
