"""Progress: every finished session, kept in a small SQLite database.

The database lives in the learner's data folder (platformdirs'
`user_data_dir("callin")`, or `--data-dir` / `CALLIN_DATA_DIR`), next to the
saved sessions. It is marked as callin's own (PRAGMA application_id) and
versioned (PRAGMA user_version). A file that is not ours, or is damaged, or
is from a newer callin, is reported and never written over: a learner's
history is worth more than a fresh start.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from simulator.safety import csv_cell
from simulator.score import MET, MISSED, PARTLY, Report
from simulator.transcript import Transcript

SCHEMA_VERSION = 1
APPLICATION_ID = 0x63616C6E  # "caln": marks the file as callin's own
DATABASE_NAME = "progress.sqlite3"
SESSIONS_FOLDER = "sessions"
BUSY_TIMEOUT = 2.0  # seconds to wait for another program's lock before giving up

_SCHEMA = """
CREATE TABLE sessions (
    id          INTEGER PRIMARY KEY,
    transcript  TEXT NOT NULL UNIQUE,   -- the saved session's file name
    finished    TEXT NOT NULL,          -- ISO 8601, UTC
    scenario    TEXT NOT NULL,
    role        TEXT NOT NULL,
    side        TEXT NOT NULL,
    difficulty  TEXT,
    mode        TEXT NOT NULL,
    score       INTEGER NOT NULL,
    talk_share  REAL NOT NULL,
    ending_kind TEXT,
    ending      TEXT
);
CREATE TABLE items (
    session_id  INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    item        TEXT NOT NULL,
    title       TEXT NOT NULL,
    verdict     TEXT NOT NULL,
    PRIMARY KEY (session_id, item)
);
"""


class ProgressError(Exception):
    """A progress database that cannot be used, said as `callin: path: ...` + a hint."""

    def __init__(self, path: Path, message: str, hint: str) -> None:
        super().__init__(f"callin: {path}: {message}")
        self.path, self.message, self.hint = path, message, hint

    def __str__(self) -> str:
        return f"callin: {self.path}: {self.message}\n    hint: {self.hint}"


def data_dir(override: str | None = None) -> Path:
    """The learner's data folder: the option, else $CALLIN_DATA_DIR, else the platform's."""
    chosen = override or os.environ.get("CALLIN_DATA_DIR")
    if chosen:
        return Path(chosen).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("callin", appauthor=False))


def database_path(folder: Path) -> Path:
    return folder / DATABASE_NAME


def sessions_folder(folder: Path) -> Path:
    return folder / SESSIONS_FOLDER


# Opening ------------------------------------------------------------------------------


def _not_ours(path: Path, why: str) -> ProgressError:
    return ProgressError(path, f"not a callin progress database ({why})",
                         f"move it aside (for example `mv {path} {path}.old`) and callin "
                         "will start a new one; or pass another folder with --data-dir")


# SQLite's result codes, primary part; its messages vary with its version.
_SQLITE_REASONS = {
    26: "it is not a SQLite database",  # SQLITE_NOTADB
    11: "it is damaged",  # SQLITE_CORRUPT
}
_BUSY = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED: another program holds it
_READ_ONLY = 8  # SQLITE_READONLY
_PENDING_HINT = ("nothing was lost: finished sessions are saved as files and are added to "
                 "your progress the next time callin can write to it")


def _unusable(path: Path, error: sqlite3.DatabaseError) -> ProgressError:
    code = getattr(error, "sqlite_errorcode", None)  # Python 3.11 and newer
    if code is None:
        code = _code_from_message(str(error))
    if code & 0xFF in _SQLITE_REASONS:
        return _not_ours(path, _SQLITE_REASONS[code & 0xFF])
    if code & 0xFF in _BUSY:
        return ProgressError(path, "another program is using the progress database (it is "
                             "locked)", f"close it and try again; {_PENDING_HINT}")
    if code & 0xFF == _READ_ONLY:
        return ProgressError(path, "the progress database is read-only",
                             f"make it writable, or pass another folder with --data-dir; "
                             f"{_PENDING_HINT}")
    return ProgressError(path, "the progress database cannot be used right now (SQLite "
                         f"result code {code})", f"is the disk full? {_PENDING_HINT}")


# Python 3.10 has no result codes: the few SQLite messages we answer, by their words.
_MESSAGE_CODES = (("not a database", 26), ("malformed", 11), ("corrupt", 11), ("locked", 5),
                  ("busy", 5), ("readonly", 8), ("read-only", 8))


def _code_from_message(message: str) -> int:
    if not message:
        return 11  # the message itself could not be decoded: damaged schema text
    return next((code for words, code in _MESSAGE_CODES if words in message.lower()), 0)


def _undecodable(path: Path) -> ProgressError:
    """SQLite's message quoted damaged schema text that is not UTF-8."""
    return _not_ours(path, "it is damaged")


@contextmanager
def connect(path: Path, *, create: bool) -> Iterator[sqlite3.Connection]:
    """An open, checked database. Creates a new one only where no file exists."""
    if path.is_dir():
        raise _not_ours(path, "it is a folder")
    exists = path.exists()
    if not exists and not create:
        raise ProgressError(path, "no progress database here yet",
                            "finish a session with `callin play` and it is recorded here")
    if not exists:
        ensure_folder(path.parent)
    try:
        uri = f"{path.resolve().as_uri()}?mode={'rw' if exists else 'rwc'}"
        with closing(sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT)) as db:
            db.text_factory = _lenient_text
            if exists:
                _check(db, path)
            else:
                _create(db)
            db.execute("PRAGMA foreign_keys = ON")
            yield db
    except sqlite3.DatabaseError as error:
        raise _unusable(path, error) from None
    except UnicodeDecodeError:
        raise _undecodable(path) from None


def _lenient_text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def ensure_folder(folder: Path) -> None:
    """Create the data folder (and its parents); a clear ProgressError if impossible."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise ProgressError(folder, "this data folder is a file, not a folder",
                            "pass a folder with --data-dir (or CALLIN_DATA_DIR)") from None
    except OSError as error:
        raise ProgressError(folder, f"cannot create the data folder: {error.strerror}",
                            "pass a folder you can write to with --data-dir") from None


def _create(db: sqlite3.Connection) -> None:
    with db:
        db.executescript(_SCHEMA)
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _check(db: sqlite3.Connection, path: Path) -> None:
    application = db.execute("PRAGMA application_id").fetchone()[0]
    if application != APPLICATION_ID:
        raise _not_ours(path, "it was not made by callin")
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise ProgressError(path, f"this progress database is version {version}, newer than "
                            f"this callin reads ({SCHEMA_VERSION})",
                            "upgrade callin (pip install -U callin)")
    if version < 1:
        raise _not_ours(path, f"unknown version {version}")
    db.execute("SELECT count(*) FROM sessions JOIN items ON items.session_id = sessions.id")


# Recording --------------------------------------------------------------------------------


def record(path: Path, transcript: Transcript, report: Report, transcript_file: Path,
           finished: str | None = None) -> None:
    """Store a finished session. Again for the same session (after an undo and a new
    ending) replaces its row: one attempt per saved session."""
    finished = finished or datetime.now(timezone.utc).isoformat(timespec="seconds")
    ending = transcript.ending or {}
    with connect(path, create=True) as db, db:
        db.execute("DELETE FROM sessions WHERE transcript = ?", (transcript_file.name,))
        cursor = db.execute(
            "INSERT INTO sessions (transcript, finished, scenario, role, side, difficulty, mode,"
            " score, talk_share, ending_kind, ending) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (transcript_file.name, finished, transcript.scenario, transcript.role,
             transcript.side, transcript.difficulty, transcript.mode, report.overall,
             round(report.talk_share, 4), ending.get("kind"), ending.get("title")))
        db.executemany("INSERT INTO items (session_id, item, title, verdict) VALUES (?,?,?,?)",
                       [(cursor.lastrowid, i.id, i.title, i.verdict) for i in report.items])


# Catching up: a finished session always reaches progress -----------------------------------


def pending_marker(transcript_file: Path) -> Path:
    """Beside a finished session until it is recorded: made before recording is tried, so
    neither a locked database nor a crash in between loses the record."""
    return transcript_file.with_name(f".{transcript_file.name}.pending")


def record_finished(path: Path, transcript: Transcript, report: Report,
                    transcript_file: Path) -> None:
    """record(), leaving a pending marker that catch_up() takes if it fails."""
    marker = pending_marker(transcript_file)
    marker.touch()
    record(path, transcript, report, transcript_file)
    marker.unlink(missing_ok=True)


def catch_up(path: Path, sessions: Path) -> int:
    """Record the finished sessions that could not be recorded before; how many were."""
    from simulator.score import score
    from simulator.transcript import TranscriptError, load

    recorded = 0
    for marker in sorted(sessions.glob(".*.json.pending")):
        transcript_file = marker.with_name(marker.name[1:].removesuffix(".pending"))
        try:
            transcript = load(transcript_file)
            ended = datetime.fromtimestamp(transcript_file.stat().st_mtime, timezone.utc)
        except (TranscriptError, OSError):
            marker.unlink(missing_ok=True)  # gone or unreadable: nothing left to record
            continue
        if transcript.finished:
            try:
                record(path, transcript, score(transcript), transcript_file,
                       ended.isoformat(timespec="seconds"))
            except ProgressError:
                break  # still unusable: the markers wait for the next run
            recorded += 1
        marker.unlink(missing_ok=True)
    return recorded


# Reading --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Attempt:
    finished: str
    scenario: str
    role: str
    side: str
    difficulty: str | None
    mode: str
    score: int
    talk_share: float
    ending_kind: str | None
    ending: str | None
    verdicts: dict[str, str]  # rubric item id -> met / partly / missed
    titles: dict[str, str]  # rubric item id -> its title


@dataclass(frozen=True)
class Missed:
    title: str
    missed: int  # missed or only partly met
    scored: int  # how many sessions scored the item at all


def attempts(path: Path, damaged: list[int] | None = None) -> list[Attempt]:
    """Every finished session, oldest first. Rows whose values have the wrong type
    (edited by another program) are left out; their ids go to `damaged`."""
    with connect(path, create=False) as db:
        rows = db.execute(f"SELECT id, {', '.join(_COLUMNS)}, {_WELL_TYPED} AS ok FROM sessions"
                          " ORDER BY finished, id").fetchall()
        verdicts: dict[int, dict[str, str]] = {}
        titles: dict[int, dict[str, str]] = {}
        for session_id, item, title, verdict in db.execute(
                "SELECT session_id, item, title, verdict FROM items WHERE typeof(item) = 'text'"
                " AND typeof(title) = 'text' AND typeof(verdict) = 'text' ORDER BY rowid"):
            verdicts.setdefault(session_id, {})[item] = verdict
            titles.setdefault(session_id, {})[item] = title
    if damaged is not None:
        damaged += [row[0] for row in rows if not row[-1]]
    return [Attempt(**dict(zip(_COLUMNS, row[1:-1], strict=True)),
                    verdicts=verdicts.get(row[0], {}), titles=titles.get(row[0], {}))
            for row in rows if row[-1]]


# The types each column must hold for the row to be read (SQLite does not enforce them).
_WELL_TYPED = " AND ".join((
    "typeof(score) = 'integer'", "typeof(talk_share) IN ('real', 'integer')",
    *(f"typeof({c}) = 'text'" for c in ("finished", "scenario", "role", "side", "mode")),
    *(f"typeof({c}) IN ('text', 'null')" for c in ("difficulty", "ending_kind", "ending")),
))

_COLUMNS = ("finished", "scenario", "role", "side", "difficulty", "mode", "score", "talk_share",
            "ending_kind", "ending")


def most_missed(found: list[Attempt], limit: int = 5) -> list[Missed]:
    """The rubric items most often missed or only partly met, the worst first."""
    counts: dict[str, list[int]] = {}
    titles: dict[str, str] = {}
    for attempt in found:
        titles.update(attempt.titles)
        for item, verdict in attempt.verdicts.items():
            tally = counts.setdefault(item, [0, 0])
            tally[0] += verdict in (MISSED, PARTLY)
            tally[1] += 1
    ranked = sorted(((m, s, item) for item, (m, s) in counts.items() if m),
                    key=lambda t: (-t[0] / t[1], -t[0], t[2]))
    return [Missed(titles.get(item, item), m, s) for m, s, item in ranked[:limit]]


# Exporting ------------------------------------------------------------------------------------

EXPORT_FIELDS = (*_COLUMNS, "missed", "partly", "met")


def _row(attempt: Attempt) -> dict[str, Any]:
    row: dict[str, Any] = {f: getattr(attempt, f) for f in _COLUMNS}
    for verdict in ("missed", "partly", "met"):
        row[verdict] = [i for i, v in attempt.verdicts.items() if v == verdict]
    return row


def export(found: list[Attempt], fmt: str) -> str:
    """Every attempt as CSV (item ids joined by ';') or as a JSON list."""
    rows = [_row(a) for a in found]
    if fmt == "json":
        return json.dumps(rows, indent=2, ensure_ascii=False)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=EXPORT_FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: csv_cell(";".join(v) if isinstance(v, list) else v)
                         for k, v in row.items()})
    return buffer.getvalue().rstrip("\n")


# The summary `callin progress` prints ----------------------------------------------------------

_BLOCKS = "▁▂▃▄▅▆▇█"
_SIDE = {"calling-in": "calling in", "called-in": "being called in"}
_SHORT_SIDE = {"calling-in": "calling in", "called-in": "called in"}  # a column's width


def sparkline(scores: list[int]) -> str:
    """Scores out of 100 as one line of block characters, oldest first."""
    top = len(_BLOCKS) - 1
    return "".join(_BLOCKS[min(top, max(0, round(s / 100 * top)))] for s in scores)


def bar(score: int, width: int = 20, *, plain: bool = False) -> str:
    """A score out of 100 as a bar `width` characters long (`#` when plain)."""
    filled = max(0, min(width, round(score / 100 * width)))
    if plain:
        return "#" * filled + "." * (width - filled)
    return "█" * filled + "·" * (width - filled)


def summary_text(found: list[Attempt], path: Path, *, plain: bool, recent: int = 10) -> str:
    """Attempts per scenario, side, difficulty and mode; scores over time; each skill over
    time; the skills most often missed."""
    if not found:
        return (f"No finished sessions yet (recorded in {path}).\n"
                "Play one with `callin play tutorial`; it is recorded when it ends.")
    lines = [f"{len(found)} finished session{'s' if len(found) != 1 else ''}, "
             f"recorded in {path}", "", "Attempts by scenario, side, difficulty and mode"]
    lines += _attempt_lines(found)
    lines += ["", f"Score over time (the last {min(recent, len(found))}, oldest first)"]
    for attempt in found[-recent:]:
        lines.append(f"  {attempt.finished[:10]}  {attempt.scenario + '/' + attempt.role:<22} "
                     f"{attempt.difficulty or '-':<7} {attempt.mode:<6} "
                     f"{bar(attempt.score, plain=plain)} {attempt.score:>3}")
    if not plain and len(found) > 1:
        lines.append(f"  all {len(found)} sessions: {sparkline([a.score for a in found])}")
    lines += ["", *skill_chart(found, plain=plain)]
    missed = most_missed(found)
    lines += ["", "Skills most often missed or only partly met"]
    lines += [f"  {m.title}: {m.missed} of {m.scored} time{'s' if m.scored != 1 else ''}"
              for m in missed] or ["  none: every skill scored was met each time"]
    return "\n".join(lines)


SKILL_SESSIONS = 20  # the skill chart's width: the most recent sessions
_MARKS = {MET: "█", PARTLY: "▄", MISSED: "▁", None: "·"}
_PLAIN_MARKS = {MET: "+", PARTLY: "~", MISSED: "-", None: "."}


def skill_chart(found: list[Attempt], *, plain: bool) -> list[str]:
    """Each skill over time, per side: one mark a session (the last SKILL_SESSIONS of that
    side), oldest first, then how often it was met lately."""
    marks = _PLAIN_MARKS if plain else _MARKS
    key = ", ".join(f"{marks[v]} {v or 'not scored'}" for v in (MET, PARTLY, MISSED, None))
    lines = [f"Skills over time ({key}; oldest first)"]
    for side in sorted({a.side for a in found}):
        of_side = [a for a in found if a.side == side][-SKILL_SESSIONS:]
        lines.append(f"  {_SIDE.get(side, side).capitalize()}")
        lines += [f"    {row}  {title}" for row, title in _skill_rows(of_side, marks)]
    return lines


def _skill_rows(found: list[Attempt], marks: dict[str | None, str]) -> list[tuple[str, str]]:
    titles: dict[str, str] = {}
    for attempt in found:
        titles.update(attempt.titles)  # the latest wording of each item
    rows = []
    for item, title in titles.items():
        latest = [a.verdicts[item] for a in found if item in a.verdicts][-5:]
        met = sum(v == MET for v in latest)
        rows.append(("".join(marks[a.verdicts.get(item)] for a in found),
                     f"{title} (met {met} of the last {len(latest)})"))
    return rows


def _attempt_lines(found: list[Attempt]) -> list[str]:
    groups: dict[tuple[str, str, str, str, str], list[int]] = {}
    for attempt in found:
        setup = (attempt.scenario, attempt.role, attempt.side, attempt.difficulty or "",
                 attempt.mode)
        groups.setdefault(setup, []).append(attempt.score)
    return [f"  {scenario + '/' + role:<22} {_SHORT_SIDE.get(side, side):<10} "
            f"{difficulty or '-':<7} {mode:<6} {len(scores)} "
            f"attempt{'s' if len(scores) != 1 else ''}, best {max(scores)}, latest {scores[-1]}"
            for (scenario, role, side, difficulty, mode), scores in sorted(groups.items())]
