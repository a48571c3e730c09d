"""The learner's saved sessions, finished or not: listed, numbered and found again.

Each session is its transcript file in the sessions folder; a finished one's
score comes from the progress database (or, when it is not recorded there, from
scoring the transcript again). The newest is number 1. A file that cannot be
read is listed with a located one-line problem rather than skipped in silence.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.transcript import Transcript, TranscriptError

if TYPE_CHECKING:
    from simulator.model import Story


@dataclass(frozen=True)
class Saved:
    """One saved session: its file, and its transcript or why it cannot be read."""

    number: int  # 1 is the most recently saved
    path: Path
    saved: datetime  # when the file was last written, in UTC
    transcript: Transcript | None
    error: TranscriptError | None = None  # why it cannot be read
    score: int | None = None  # finished and scored

    @property
    def problem(self) -> str:
        """Why it cannot be read, on one line: `path[:line:col]: message`."""
        return f"{self.error.location}: {self.error.message}" if self.error else ""

    @property
    def id(self) -> str:
        return self.path.stem

    @property
    def moves(self) -> int:
        """The learner's moves so far (0 when it cannot be read)."""
        turns = self.transcript.turns if self.transcript is not None else []
        return sum(1 for turn in turns if turn.by_learner and turn.kind != "line")

    @property
    def finished(self) -> bool:
        return self.transcript is not None and self.transcript.finished

    @property
    def unfinished(self) -> bool:
        return self.transcript is not None and not self.transcript.finished

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"number": self.number, "id": self.id, "path": str(self.path),
                                "saved": self.saved.isoformat(timespec="seconds")}
        if self.transcript is None:
            return {**data, "damaged": True, "problem": self.problem}
        t = self.transcript
        ending = t.ending or {}
        return {**data, "damaged": False, "started": t.started, "scenario": t.scenario,
                "role": t.role, "side": t.side, "difficulty": t.difficulty, "mode": t.mode,
                "finished": t.finished, "ending": ending.get("title"),
                "ending_kind": ending.get("kind"), "score": self.score,
                "moves": self.moves}


def saved_sessions(folder: Path, database: Path | None = None, *,
                   scored: bool = True) -> list[Saved]:
    """Every session in `folder`, the most recently saved first, numbered from 1; with
    `scored`, each finished one's score (recorded, or scored again)."""
    if not folder.is_dir():
        return []
    files = sorted(folder.glob("*.json"), key=lambda p: (_mtime(p), p.name), reverse=True)
    scores = _recorded_scores(database) if scored else {}
    found = []
    for number, path in enumerate(files, 1):
        saved = datetime.fromtimestamp(_mtime(path), timezone.utc)
        try:
            transcript = _load(path)
        except TranscriptError as error:
            found.append(Saved(number, path, saved, None, error))
            continue
        score = _score(transcript, scores.get(path.name)) if scored else None
        found.append(Saved(number, path, saved, transcript, score=score))
    return found


def unfinished_sessions(folder: Path, scenario: str | None = None,
                        unreadable: list[TranscriptError] | None = None) -> list[Saved]:
    """The sessions not ended (of `scenario`, if given), the most recently saved first.

    Sessions newer than the first of them that cannot be read are added to
    `unreadable`, so the caller can say so rather than pass over them in silence."""
    found: list[Saved] = []
    for saved in saved_sessions(folder, scored=False):
        if saved.error is not None and not found and unreadable is not None:
            unreadable.append(saved.error)
        elif saved.transcript is not None and not saved.transcript.finished \
                and scenario in (None, saved.transcript.scenario):
            found.append(saved)
    return found


def latest_unfinished(folder: Path, scenario: str | None = None,
                      unreadable: list[TranscriptError] | None = None) -> Path | None:
    """The most recently saved session that has not ended (of `scenario`, if given)."""
    found = unfinished_sessions(folder, scenario, unreadable)
    return found[0].path if found else None


def find_session(argument: str, folder: Path, database: Path | None = None) -> Saved:
    """A session by history number, file id (or the start of one), or path; a PlayError
    (`callin: message` and a hint) when there is none."""
    from simulator.player import PlayError

    given = Path(argument).expanduser()
    if given.suffix == ".json" or given.is_file():
        return _from_path(given, database)
    found = saved_sessions(folder, scored=False)  # only the one shown is scored
    if argument.isdigit() and 1 <= int(argument) <= len(found):
        return _scored(found[int(argument) - 1], database)
    matches = [s for s in found if s.id.startswith(argument)] if argument else []
    if len(matches) == 1:
        return _scored(matches[0], database)
    if len(matches) > 1:
        raise PlayError(f"'{argument}' could be {len(matches)} sessions",
                            "give more of its id, or its number from `callin history`")
    if argument.isdigit() and found:
        raise PlayError(f"there is no session {argument}: you have {len(found)}",
                            "`callin history` lists them, the newest as 1")
    where = f"in {folder}" if found else f"yet: no sessions saved in {folder}"
    raise PlayError(f"no session '{argument}' {where}",
                        "give a number or an id from `callin history`, or a session's path")


def _scored(saved: Saved, database: Path | None) -> Saved:
    if saved.transcript is None:
        return saved
    recorded = _recorded_scores(database).get(saved.path.name)
    return replace(saved, score=_score(saved.transcript, recorded))


def story_of(scenario: str) -> Story | None:
    """The bundled story a session was played in (for names and rewrites), if it loads."""
    from simulator.player import PlayError, load_scenario
    from simulator.stories import bundled_ids

    if scenario not in bundled_ids():
        return None
    try:
        return load_scenario(scenario)
    except PlayError:
        return None


def _from_path(path: Path, database: Path | None) -> Saved:
    transcript = _load(path)  # a TranscriptError says what is wrong with the file named
    scores = _recorded_scores(database) if path.parent.name == "sessions" else {}
    saved = datetime.fromtimestamp(_mtime(path), timezone.utc)
    return Saved(0, path, saved, transcript, score=_score(transcript, scores.get(path.name)))


def _load(path: Path) -> Transcript:
    from simulator.transcript import load

    return load(path)


def _score(transcript: Transcript, recorded: int | None) -> int | None:
    """The recorded score, or a fresh one for a finished session not recorded (yet)."""
    if not transcript.finished:
        return None
    if recorded is not None:
        return recorded
    from simulator.score import score

    return score(transcript).overall


def _recorded_scores(database: Path | None) -> dict[str, int]:
    """File name -> score, from the progress database; {} when there is none to read."""
    if database is None or not database.exists():
        return {}
    from simulator.progress import ProgressError, connect

    try:
        with connect(database, create=False) as db:
            return {name: value for name, value in db.execute(
                "SELECT transcript, score FROM sessions WHERE typeof(score) = 'integer'")}
    except ProgressError:
        return {}  # a damaged database: the transcripts are scored again instead


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:  # removed meanwhile, or a dangling link: listed last, as unreadable
        return 0.0
