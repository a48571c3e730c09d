"""The player: one conversation, from the briefing to the report, over a `UI`.

    Player(ui, session, coach=True, database=path).run()

The loop asks for a move (a choice, or the learner's own words), shows what
it led to, and at the end scores the transcript, records it in the progress
database and offers what to do next. The commands undo, restart, help and
quit work at every prompt; quitting leaves the session saved (the engine
writes it after every turn) so that `callin play --resume` continues it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from simulator.engine import EngineError, Outcome, Session
from simulator.menu import Setup
from simulator.model import Story
from simulator.order import new_seed
from simulator.score import Report, rubric_titles, score
from simulator.speech import on_screen
from simulator.terminal import QUIT, UI, match_answer
from simulator.transcript import Turn

COMMANDS = ("undo", "restart", "help", "quit")
OTHER_SIDE, AGAIN = "other-side", "again"
RESTART_OPTIONS = (("no", "No, carry on"), ("yes", "Yes, start again"))
NONE_OF_THESE = "none"  # free mode: none of the closest replies is what they meant

_SIDE_WORDS = {"calling-in": "calling in", "called-in": "being called in"}


def heat_words(value: float, low: float, high: float) -> str:
    """How heated the other person is, in words, from where `value` sits in its range."""
    share = (value - low) / (high - low) if high > low else 0.0
    if share < 0.3:
        return "calm"
    if share < 0.55:
        return "uneasy"
    if share < 0.8:
        return "heated"
    return "close to walking away"


class Player:
    def __init__(self, ui: UI, session: Session, *, coach: bool = False,
                 database: Path | None = None, confirm: str = "unsure") -> None:
        self.ui, self.session, self.coach, self.database = ui, session, coach, database
        self.confirm = confirm  # free mode: when to ask which reply they meant
        self.report: Report | None = None

    # The whole conversation ------------------------------------------------------------

    def run(self, *, resumed: bool = False) -> str:
        """Play until the learner quits or picks what comes after the report.
        Returns 'other-side', 'again' or 'quit'."""
        if resumed:
            self.ui.heading("Welcome back")
            self.ui.para("Here is your conversation so far.", "note")
            self._show(self.session.turns)
        else:
            self.briefing()
            self._show(self.session.turns)
        while True:
            if not self.session.ended:
                answer = self._ask()
                if answer in COMMANDS:
                    if self._command(answer) == QUIT:
                        return QUIT
                    continue
                if self._move(answer) == QUIT:
                    return QUIT
                continue
            self.report = self._finish()
            after = self._after()
            if after in (OTHER_SIDE, AGAIN, QUIT):
                return after
            self._command(after)

    def briefing(self) -> None:
        with self.ui.paged():  # longer than a small screen: its start must not scroll away
            self._briefing()

    def _briefing(self) -> None:
        story, role, ui = self.session.story, self.session.role, self.ui
        briefing = role.briefing
        ui.heading(f"{story.title}: {role.title}")
        ui.para(f"Situation. {briefing.situation}")
        ui.para(f"Who you are. {briefing.you}")
        ui.para(f"Your goal. {briefing.goal}")
        difficulty = story.difficulties.get(self.session.transcript.difficulty or "")
        if difficulty is not None:
            ui.para(f"Difficulty: {difficulty.title}. {difficulty.about_for(role.id)}".strip())
        ui.para(f"What will be scored (you are {_SIDE_WORDS.get(role.side, role.side)}):")
        ui.bullets(rubric_titles(role.side, role.rubric_items()))
        if briefing.reminders:
            ui.para("Remember:")
            ui.bullets(briefing.reminders)
        how = (f"pick a reply: {self.ui.how_to_pick}" if self.session.mode == "choice"
               else "type what you would say; an empty line stays quiet and listens")
        ui.para(f"To play, {how}. Commands at any prompt: undo, restart, help, quit.", "note")

    # Asking and moving --------------------------------------------------------------------

    def _ask(self) -> str:
        self.ui.cue(self.cue())
        if self.session.mode == "choice":
            options = [(o.id, o.text) for o in self.session.choices]
            return self.ui.pick("What do you do?", options, COMMANDS, echo=False)
        answer = self.ui.ask("What do you say?")
        return _as_command(answer) or answer

    def _move(self, answer: str) -> str:
        """Make the move; '' or the command given instead when asked to confirm."""
        try:
            if self.session.mode == "choice":
                outcome = self.session.choose(answer)
            else:
                outcome = self.session.say(answer, confirm=self.confirm)
            if outcome.ask:
                picked = self._closest(outcome)
                if picked in COMMANDS:
                    return self._command(picked)
                if picked == NONE_OF_THESE:
                    self.ui.para("Okay: say it another way.", "note")
                    return ""
                outcome = self.session.say_as(answer, picked)
        except EngineError as error:
            self.ui.para(f"{error}.", "warn")
            return ""
        self._show(outcome.turns)
        self._explain(outcome)
        return ""

    def _closest(self, outcome: Outcome) -> str:
        """Ask which of the closest replies they meant (nothing is recorded yet)."""
        read = outcome.explanation.split(";")[0]
        self.ui.para(f"({read}.)", "note")
        options = [(c.id, c.short) for c in outcome.ask]
        options.append((NONE_OF_THESE, "None of these: say it another way"))
        return self.ui.pick("Closest to what you meant?", options, COMMANDS)

    def _explain(self, outcome: Outcome) -> None:
        if self.session.mode == "free" and outcome.explanation:
            waits = outcome.turns[0].routing if outcome.turns else None
            hint = {"say-more": "Nothing was taken: say more, or put it another way.",
                    "heard": "It counts in your report; say what comes next."}.get(
                waits or "", "Read it differently? Type undo and say it another way.")
            self.ui.para(f"({outcome.explanation}. {hint})", "note")
        if self.coach and outcome.taken is not None and outcome.taken.coach:
            self.ui.para(" ".join(outcome.taken.coach.split()), "coach")

    def cue(self) -> str:
        """The one live cue: talk share against the target (when the role is scored on
        it: it is no quota for the one who was hurt), and the other person's heat."""
        session = self.session
        parts = []
        if "talk_share" in session.role.rubric_items():
            parts.append(f"You've said {session.talk_share():.0%} of the words "
                         f"(aim: {session.role.talk_share:.0%} or less)")
        heat = session.story.state.get("heat")
        if heat is not None:
            value = session.state["heat"]
            name = self._name(session.role.partner)
            parts.append(f"{name} is {heat_words(value, heat.min, heat.max)} "
                         f"(heat {value:g} of {heat.max:g})")
        return "; ".join(parts)

    # Commands ------------------------------------------------------------------------------

    def _command(self, command: str) -> str:
        if command == QUIT:
            if not self.session.ended and self.session.path is not None:
                self.ui.para(f"Your session is saved in {self.session.path}. Continue it with "
                             "`callin play --resume`.", "note")
            return QUIT
        if command == "help":
            self._help()
        elif command == "undo":
            self._undo()
        elif command == "restart":
            self._restart()
        return command

    def _restart(self) -> None:
        """Start again from the top, once the learner says so: it cannot be undone."""
        if any(turn.by_learner for turn in self.session.turns):
            sure = self.ui.pick("Start this conversation again from the top? Your moves so "
                                "far will be gone.", RESTART_OPTIONS)
            if sure != "yes":
                self.ui.para("Carrying on where you were.", "note")
                return
        self.session.restart()
        self.report = None
        self.ui.para("Starting again from the top.", "note")
        self._show(self.session.turns)

    def _undo(self) -> None:
        if not self.session.undo():
            self.ui.para("There is nothing to undo yet.", "note")
            return
        self.report = None
        self.ui.para("Taken back. Here is where you were:", "note")
        turns = self.session.turns
        last = max((i for i, t in enumerate(turns) if t.by_learner and t.kind != "line"),
                   default=-1)
        self._show(turns[last + 1:])

    def _help(self) -> None:
        ui = self.ui
        if self.session.mode == "choice":
            ui.para(f"To pick a reply, {ui.how_to_pick}.")
        else:
            ui.para("Type what you would say, in your own words, and press Enter. An empty "
                    "line (or \"...\") stays quiet and listens, where that fits, and so "
                    "does \"Go on, I'm listening\". Each reply is read, and "
                    "taken as a move only when it clearly fits one; when unsure, you are "
                    "asked which you meant. The note after it says how it was read.")
        ui.bullets(["undo: take back your last move (also how to disagree with how a reply "
                    "was read)", "restart: start this conversation again from the top",
                    "help: this list", "quit: stop for now; your session is saved, and "
                    "`callin play --resume` continues it"])
        if self.cue():
            ui.para(f"Now: {self.cue()}.", "note")

    # The end -------------------------------------------------------------------------------

    def _finish(self) -> Report:
        report = score(self.session.transcript, self.session.story)
        self.ui.report(report)
        self._record(report)
        if self.session.path is not None:
            self.ui.para(f"This conversation is saved in {self.session.path}; "
                         "`callin history` lists it with your others.", "note")
        return report

    def _record(self, report: Report) -> None:
        if self.database is None or self.session.path is None:
            return
        from simulator.progress import ProgressError, record_finished

        try:
            record_finished(self.database, self.session.transcript, report, self.session.path)
        except ProgressError as error:
            self.ui.para(f"{error} (this session is added to your progress next time)",
                         "warn")
        except OSError as error:  # the sessions folder refused the marker
            self.ui.para(f"callin: cannot record this session: {error.strerror or error}",
                         "warn")

    def _after(self) -> str:
        options = []
        other = other_role(self.session)
        if other is not None:
            title = self.session.story.roles[other].title
            options.append((OTHER_SIDE, f"Play the other side: {title}"))
        options += [(AGAIN, "Play this side again"), (QUIT, "Quit")]
        return self.ui.pick("What next?", options, COMMANDS)

    # Showing turns ------------------------------------------------------------------------

    def _show(self, turns: list[Turn]) -> None:
        for turn in turns:
            self.ui.speech(*on_screen(turn, self._name))

    def _name(self, character: str) -> str:
        found = self.session.story.characters.get(character)
        return found.name if found is not None else character


def other_role(session: Session) -> str | None:
    """A role of the same story on the other side of the conversation, if any."""
    return next((r.id for r in session.story.roles.values()
                 if r.side != session.role.side), None)


def _as_command(answer: str) -> str:
    """The command a typed line is ('undo', '/undo', 'q' as in the menus, '?' for
    help...), or '': no one says a lone 'q' to the person they are talking to."""
    return match_answer(answer, [], COMMANDS) or ""


# Starting and resuming sessions --------------------------------------------------------------


class PlayError(Exception):
    """A problem starting play, said as `callin: message` with a hint."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message, self.hint = message, hint

    def __str__(self) -> str:
        return f"callin: {self.message}\n    hint: {self.hint}"


def load_scenario(argument: str) -> Story:
    """A story from a bundled id, a scenario folder or a file; PlayError if unusable."""
    from simulator.build import load_story
    from simulator.diagnostics import format_text, has_errors
    from simulator.stories import NotFound, resolve

    try:
        target = resolve(argument)[0]
    except NotFound as missing:
        raise PlayError(f"{argument}: {missing.message}",
                        "`callin list` shows the bundled scenarios") from None
    story, problems = load_story(target.scenario)
    if story is None or has_errors(problems):
        shown = format_text([p for p in problems if p.is_error], hints=False)
        raise PlayError(f"{target.scenario}: this scenario has errors\n{shown}",
                        f"`callin validate {argument}` explains each one")
    return story


def check_setup(story: Story, role: str | None, difficulty: str | None) -> None:
    from simulator.diagnostics import did_you_mean

    for name, known, what in ((role, story.roles, "role"),
                              (difficulty, story.difficulties, "difficulty")):
        if name is not None and name not in known:
            raise PlayError(f"no {what} '{name}' in '{story.id}'{did_you_mean(name, known)}",
                            f"{what}s: {', '.join(known) or 'none'}")


def new_session_path(folder: Path, story: Story, role: str) -> Path:
    from datetime import datetime

    from simulator.safety import file_stem

    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    return folder / f"{stamp}-{file_stem(story.id, role)}.json"


def _prepare_reading(ui: UI) -> None:
    """Load the analyzer's model before the first reply (so it is not slow), and say
    once, plainly, if typed replies will be read by the rules alone."""
    from simulator.analyze import model_notice

    notice = model_notice()
    if notice:
        ui.para(notice.removeprefix("callin: ").capitalize(), "warn")


def play(ui: UI, story: Story, setup: Setup, sessions: Path, database: Path, *,
         coach: bool, resume_from: Path | None = None, confirm: str = "unsure") -> int:
    """Conversations until the learner quits: this one, then the other side or again."""
    if setup.mode == "free":
        _prepare_reading(ui)
    path = resume_from or new_session_path(sessions, story, setup.role)
    while True:
        with _held(path):
            if path == resume_from:  # read only once held: the other player may be saving
                session = Session.resume(path, story)
            else:
                session = Session(story, setup.role, setup.difficulty, setup.mode, path=path,
                                  menu_seed=new_seed())
            after = Player(ui, session, coach=coach, database=database,
                           confirm=confirm).run(resumed=path == resume_from)
        if after == QUIT:
            return 0
        role = other_role(session) if after == OTHER_SIDE else None
        transcript = session.transcript
        setup = Setup(role or session.role.id, transcript.difficulty, transcript.mode)
        path = new_session_path(sessions, story, setup.role)


@contextmanager
def _held(path: Path) -> Iterator[None]:
    from simulator.lock import SessionBusy, holding

    try:
        with holding(path):
            yield
    except SessionBusy as busy:
        raise PlayError(str(busy), "one session is played in one terminal at a time: "
                        "carry on there, or quit it there first") from None
