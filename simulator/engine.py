"""Play: a pull-style session over a story, from one role.

    session = Session(story, "caller", difficulty="gentle")
    session.choices           # what the learner may do now
    session.choose("intent")  # or session.say("...") in free mode, or session.listen()
    session.say_as("...", "intent")  # free mode: the reply they meant, when asked
    session.undo()            # rewind one move

No UI lives here: a terminal, a web page, a test or a benchmark drives the same
object. Every move is recorded in a Transcript, saved atomically after each
move when the session has a path, so `Session.resume(path)` continues exactly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from simulator import speech
from simulator import transcript as transcripts
from simulator.expr import run_effects
from simulator.model import Choice, Reaction, Role, Story
from simulator.order import menu_order
from simulator.safety import valid_text
from simulator.tables import Move, Offered, Tables, tables_for
from simulator.transcript import PARTNER, PLAYER, Transcript, Turn, talk_share
from simulator.words import count_words

__all__ = ["MODES", "EngineError", "Offered", "Outcome", "Session"]

MODES = ("choice", "free")


class EngineError(Exception):
    """A move that is not possible now (an unknown choice, a finished talk...)."""


# The most one free-mode turn reads: a long paragraph. A pasted page is refused
# (before anything is recorded, so they can say it again) rather than read for
# seconds and quoted whole in the report.
MOST_SAID = 2000


def _one_turn(text: str) -> str:
    """`text` fit to save as one turn, or EngineError when it is too long to be one."""
    if len(text) > MOST_SAID:
        raise EngineError(f"that is longer than one turn can hold ({len(text):,} characters; "
                          f"up to {MOST_SAID:,}): say it in a few sentences")
    return valid_text(text)  # undecodable bytes typed would make the save fail


@dataclass(slots=True)
class Outcome:
    """What one move did: the turns it added, and how a free reply was read."""

    turns: list[Turn]
    taken: Choice | None = None
    reaction: Reaction | None = None
    explanation: str = ""
    labels: list[str] = field(default_factory=list)
    # Free mode, when the router is unsure: the replies to ask about ("closest to
    # what you meant?"); nothing was recorded, so `say_as` or `say` comes next.
    ask: list[Choice] = field(default_factory=list)


class Session:
    story: Story
    role: Role
    path: Path | None
    transcript: Transcript
    _t: Tables
    _offered: list[Offered] | None  # the choices on offer, worked out once per move
    _snapshot_now: dict[str, Any] | None
    _node: str
    _vars: dict[str, float]
    _once: set[str]
    _frozen: tuple[list[str], dict[str, int]] | None  # shared copies of _once, _reacted
    _reacted: dict[str, int]

    def __init__(self, story: Story, role: str, difficulty: str | None = None,
                 mode: str = "choice", path: str | Path | None = None,
                 record: bool = True, menu_seed: int | None = None) -> None:
        """`record=False` is scoring off: no turns are kept, so nothing can be scored,
        saved or undone; the moves taken (`moves`) and the ending still are. For
        automated play (`callin test`), where only paths and endings matter.
        `menu_seed` shuffles the replies on offer (see `order.py`); None keeps them
        in authored order, as tests and plans want."""
        if not record and path is not None:
            raise EngineError("a session saved to disk must record its turns")
        self.record = record
        self.moves: list[str] = []  # the keys of the choices taken, in order
        if role not in story.roles:
            raise EngineError(f"no role '{role}' in '{story.id}'; roles: "
                              f"{', '.join(story.roles)}")
        if difficulty is not None and difficulty not in story.difficulties:
            raise EngineError(f"no difficulty '{difficulty}' in '{story.id}'; difficulties: "
                              f"{', '.join(story.difficulties) or 'none'}")
        if mode not in MODES:
            raise EngineError(f"mode is 'choice' or 'free', not '{mode}'")
        self._attach(story, story.roles[role], path)
        start_vars = story.initial_state(difficulty)
        self.transcript = Transcript(
            scenario=story.id, story_hash=story.content_hash, role=role, side=self.role.side,
            difficulty=difficulty, mode=mode, talk_share_target=self.role.talk_share,
            start_state={"node": self.role.start, "vars": start_vars, "once": [],
                         "reactions": {}},
            started=datetime.now(timezone.utc).isoformat(timespec="seconds"),
            partner=self.role.partner, asides=dict(self._t.asides),
            rubric=self.role.rubric_items(),
            profile=self.role.rubric.profile if self.role.rubric else "",
            menu_seed=menu_seed,
        )
        self._restore(self.transcript.start_state)
        self._enter(self.role.start)
        self._save()

    # Reading the session -------------------------------------------------------

    @property
    def node(self) -> str:
        return self._node

    @property
    def state(self) -> dict[str, float]:
        return dict(self._vars)

    @property
    def mode(self) -> str:
        return self.transcript.mode

    @property
    def turns(self) -> list[Turn]:
        return self.transcript.turns

    @property
    def ended(self) -> bool:
        return self.transcript.ending is not None

    @property
    def choices(self) -> list[Offered]:
        """The choices on offer now (worked out once per move), numbered in the order
        the menu shows them: authored, or shuffled by the session's menu seed."""
        if self._offered is None:
            seed = self.transcript.menu_seed
            offered = self._authored_offer()
            self._offered = offered if seed is None else [
                Offered(i, c) for i, c in enumerate(menu_order((o.choice for o in offered),
                                                               seed), 1)]
        return self._offered

    def _authored(self) -> list[Choice]:
        return [o.choice for o in self._authored_offer()]

    def _authored_offer(self) -> list[Offered]:
        static = self._t.static_offer(self._node)
        if static is not None:
            return [] if self.ended else static
        visible = [] if self.ended else self._offer_at(self._node)
        return [Offered(i, c) for i, c in enumerate(visible, 1)]

    def _offer_at(self, node: str) -> list[Choice]:
        """What `node` offers as things stand: its choices whose condition holds, less
        the once-only ones taken and the questions answered (unless nothing else is left)."""
        once, state = self._once, self._vars
        visible = [c for c, test in self._t.tests(node)
                   if not (c.once and c.key in once) and (test is None or test(state))]
        unasked = [c for c in visible if not (c.asks and c.key in once)]
        return unasked or visible

    def position(self) -> tuple[Any, ...]:
        """A hashable key of where the session is: same key, same future."""
        return (self._node, tuple(sorted(self._vars.items())), tuple(sorted(self._once)),
                tuple(sorted(self._reacted.items())))

    def silent_choice(self) -> Choice | None:
        return next((o.choice for o in self.choices if o.choice.silent), None)

    def talk_share(self) -> float:
        """The learner's share of the words between them and the partner so far."""
        return talk_share(self.transcript)

    # Moves -------------------------------------------------------------------------

    def choose(self, choice: str | int) -> Outcome:
        """Take an offered choice by id, `node.choice` key, or menu number."""
        offered = self._offered or self.choices
        if type(choice) is int and 0 < choice <= len(offered):  # the common case, fast
            taken = offered[choice - 1].choice
        else:
            taken = self._find(choice).choice
        return self._take_authored(taken)

    def _take_authored(self, taken: Choice, note: str = "",
                       explanation: str = "") -> Outcome:
        """Take a reply as authored (a choice, or the silent move): its own words and
        tags, never a reading of typed words."""
        move = self._t.move(taken)
        labels = list(move.labels)
        turns = self.transcript.turns
        before = len(turns)
        self._take(taken, taken.say or taken.short, "choice" if taken.silent is None
                   else "silent", labels, [], note, move)
        return Outcome(turns[before:], taken, None, explanation, labels)

    def listen(self) -> Outcome:
        """The silent move (listen, wait or pause), where the story offers one."""
        silent = self.silent_choice()
        if silent is None:
            raise EngineError("there is no silent move here: say something, or pick a reply")
        return self.choose(silent.id)

    def _listen_saying(self, text: str, silent: Choice) -> Outcome:
        """Words that only invite them to go on ("Go on, I'm listening") are the silent
        move: recorded as it is (quoted as what the learner did), their words in its
        note."""
        explanation = "read as: an invitation to go on; taken as listening"
        return self._take_authored(silent, f"you said \"{text}\": {explanation}",
                                   explanation)

    def say(self, text: str, *, confirm: str = "never") -> Outcome:
        """Free mode: the learner's own words, read by the analyzer and routed.
        `confirm`: 'never' takes only a clear fit, else asks them to say more;
        'unsure' returns the closest replies in `Outcome.ask` when none fits
        clearly; 'always' does so before taking any reply."""
        from simulator.route import AHEAD, ASK, invites_them_on, route

        self._check_free()
        text = _one_turn(text)
        if not text.strip():
            return self.listen()
        silent = self.silent_choice()
        if silent is not None and invites_them_on(text):
            return self._listen_saying(text, silent)
        # Read against the authored order: the menu's shuffle never sways routing.
        offered = self._authored()
        ahead = self._ahead(offered)
        decision = route(text, offered, side=self.role.side,
                         previous=self._last_line(), confirm=confirm, exits=self._t.exits,
                         last_reply=self._last_reply(), ahead=ahead,
                         further=self._further(offered, ahead))
        if decision.how == ASK:
            return Outcome([], explanation=decision.explanation, labels=decision.labels,
                           ask=decision.candidates)
        before = len(self.turns)
        if decision.how == AHEAD and decision.choice is not None:
            self._changed()  # the turn in between goes unspoken: they already said more
            self._node = decision.choice.node_id
        if decision.choice is not None:
            self._take(decision.choice, text, "free", decision.labels, decision.evidence,
                       decision.explanation, routed=(decision.how, decision.sure))
            return Outcome(self.turns[before:], taken=decision.choice,
                           explanation=decision.explanation, labels=decision.labels)
        reaction = self._react(text, decision)
        return Outcome(self.turns[before:], reaction=reaction,
                       explanation=decision.explanation, labels=decision.labels)

    def say_as(self, text: str, choice: str | int) -> Outcome:
        """Free mode: the learner's words, taken as the offered reply they picked
        when asked which was closest to what they meant."""
        from simulator.analyze import analyze
        from simulator.route import CONFIRMED

        self._check_free()
        text = _one_turn(text)
        taken = self._find(choice).choice
        analysis = analyze(text, side=self.role.side, previous=self._last_line())
        labels = list(analysis.labels)
        note = f"you took it as \"{taken.short}\""
        before = len(self.turns)
        self._take(taken, text, "free", labels, [e._asdict() for e in analysis.evidence],
                   note, routed=(CONFIRMED, 1.0))
        return Outcome(self.turns[before:], taken=taken, explanation=note, labels=labels)

    def undo(self) -> bool:
        """Rewind the last learner move (and what followed it). False if none."""
        if not self.record:
            raise EngineError("undo needs the turns: this session does not record them")
        moves = [i for i, t in enumerate(self.turns) if t.by_learner and t.kind != "line"]
        if not moves:
            return False
        last = moves[-1]
        if self.turns[last].choice is not None:
            self.moves.pop()
        del self.turns[last:]
        self.transcript.ending = None
        snapshot = self.turns[last - 1].after if last else self.transcript.start_state
        self._restore(snapshot)
        self._save()
        return True

    def restart(self) -> None:
        """Back to the start, with the same role, difficulty and mode."""
        self.transcript.turns.clear()
        self.transcript.ending = None
        self.moves.clear()
        self._restore(self.transcript.start_state)
        self._enter(self.role.start)
        self._save()

    # Resuming ------------------------------------------------------------------------

    @classmethod
    def resume(cls, path: str | Path, story: Story | None = None) -> Session:
        """Continue a saved session exactly where it stopped."""
        from simulator.resume import bundled_story, incompatibility

        saved = transcripts.load(path)
        if story is None:
            story = bundled_story(saved.scenario, str(path))
        problem = incompatibility(saved, story)
        if problem:
            raise transcripts.TranscriptError(str(path), problem, "the story changed since "
                                              "this session was saved; start it again")
        session = cls.__new__(cls)
        session._attach(story, story.roles[saved.role], path)
        session.record = True
        session.moves = [t.choice for t in saved.turns if t.by_learner and t.choice]
        session.transcript = saved
        saved.story_hash = story.content_hash
        last = saved.turns[-1].after if saved.turns else saved.start_state
        session._restore(last)
        return session

    # The machinery ---------------------------------------------------------------------

    def _attach(self, story: Story, role: Role, path: str | Path | None) -> None:
        self.story, self.role = story, role
        self.path = Path(path) if path is not None else None
        self._t = tables_for(story, role)
        self._ranges, self._dynamics, self._breakdown = (self._t.ranges, self._t.dynamics,
                                                         self._t.breakdown)
        self._offered = None

    def _restore(self, snapshot: Mapping[str, Any]) -> None:
        self._offered = None
        self._snapshot_now = None
        self._node = str(snapshot["node"])
        self._vars = {k: float(v) for k, v in snapshot["vars"].items()}
        self._once = set(snapshot.get("once", ()))
        self._frozen = None
        self._reacted = dict(snapshot.get("reactions", {}))

    def _snapshot(self) -> dict[str, Any]:
        """The session now. Turns recorded before the state changes again share one."""
        if self._snapshot_now is None:
            # "once" and "reactions" rarely change: their copies are shared between
            # snapshots until they do (snapshots are read, never changed).
            if self._frozen is None:
                self._frozen = (sorted(self._once), dict(self._reacted))
            self._snapshot_now = {"node": self._node, "vars": dict(self._vars),
                                  "once": self._frozen[0], "reactions": self._frozen[1]}
        return self._snapshot_now

    def _changed(self) -> None:
        self._snapshot_now = None
        self._offered = None

    def _check_free(self) -> None:
        self._check_open()
        if self.mode != "free":
            raise EngineError("say() is for free mode; in choice mode pick a reply")

    def _ahead(self, offered: list[Choice]) -> list[Choice]:
        """The replies a turn from now that the talk could offer as things stand."""
        from simulator.route import replies_ahead

        return replies_ahead(self._node, offered, self._t.exits, self._offer_at)

    def _further(self, offered: list[Choice], ahead: list[Choice]) -> list[Choice]:
        """The replies two turns from now that the talk could offer as things stand."""
        from simulator.route import replies_further

        return replies_further(self._node, offered, ahead, self._t.exits, self._offer_at)

    def _last_line(self) -> str | None:
        """The partner's last line: what the learner is answering."""
        return next((t.text for t in reversed(self.turns) if t.side == PARTNER), None)

    def _last_reply(self) -> str | None:
        """The learner's last words (a silent move counts as none)."""
        for turn in reversed(self.turns):
            if turn.by_learner:
                return turn.text if turn.kind in ("free", "choice") else None
        return None

    def _check_open(self) -> None:
        if self.ended:
            raise EngineError("the conversation has ended: undo, or restart")

    def _find(self, wanted: str | int) -> Offered:
        self._check_open()
        offered = self.choices
        if isinstance(wanted, int) and 0 < wanted <= len(offered):
            return offered[wanted - 1]
        for option in offered:
            if wanted in (option.number, option.id, option.choice.key, str(option.number)):
                return option
        names = ", ".join(f"{o.number}={o.id}" for o in offered)
        raise EngineError(f"no choice '{wanted}' on offer here; on offer: {names}")

    def _record(self, turn: Turn) -> None:
        if not self.record:
            return
        turn.after = self._snapshot_now or self._snapshot()
        self.transcript.turns.append(turn)

    def _take(self, choice: Choice, text: str, kind: str, labels: list[str],
              evidence: list[dict[str, Any]], note: str, move: Move | None = None,
              routed: tuple[str, float] | None = None) -> None:
        self._snapshot_now = self._offered = None  # the state is about to change
        move = move or self._t.move(choice)
        self.moves.append(choice.key)
        answered = self._t.answered(choice)
        if answered:
            self._once.update(answered)
            self._frozen = None
        if move.effects is not None:
            run_effects(move.effects, self._vars, self._ranges)
        else:
            self._apply_dynamics(labels)
        target = self._next(choice.to)
        if self.record:
            words = 0 if choice.silent else count_words(text)
            how, sure = routed if routed is not None else ("", None)
            self.transcript.turns.append(Turn(
                self.role.player, PLAYER, kind, text, choice.node_id, words, choice.key,
                labels, evidence, note, list(move.skills), self._snapshot(), how, sure))
        self._enter(target)
        if self.path is not None:
            self._save()

    def _react(self, text: str, decision: Any) -> Reaction | None:
        """The other person answers in character and the talk stays where it is: a
        reaction to a defensive move, a good move taken in ("heard"), else a request
        to say more."""
        from simulator.route import HEARD, REACTION

        self._changed()
        label = decision.problem if decision.how in (REACTION, HEARD) else None
        key = label or "say_more"
        variants = self.role.reactions.get(label, ()) if label else ()
        count = self._reacted.get(key, 0)
        reaction = variants[count % len(variants)] if variants else None
        self._reacted[key] = count + 1
        self._frozen = None
        if reaction is not None and reaction.effects is not None:
            reaction.effects.apply(self._vars, self._ranges)
        elif decision.how == REACTION:  # taking a move in, or asking for more, changes nothing
            self._apply_dynamics(decision.labels)
        here = self._node
        target = self._next(here)
        self._record(Turn(self.role.player, PLAYER, "free", text, here, count_words(text),
                          None, decision.labels, decision.evidence, decision.explanation,
                          routing=decision.how, sure=decision.sure))
        speaker = (reaction.speaker if reaction and reaction.speaker else self.role.partner)
        said, others = self._unprepared(decision.how, label, count)
        if reaction is not None:
            said, others = reaction.text, [v.text for v in variants] + others
        who, side, said, words = self._unsaid(speaker, said, others)
        self._record(Turn(who, side, "reaction", said, here, words))
        if target != here:
            self._enter(target)
        self._save()
        return reaction

    def _unprepared(self, how: str, label: str | None, count: int) -> tuple[str, list[str]]:
        """What the other person says when the story has no reaction of its own, and the
        lines they may say instead when that one was said already."""
        from simulator.route import (
            HEARD,
            REACTION,
            SAY_MORE_LINES,
            default_heard,
            default_reaction,
        )

        if how == REACTION:
            default = default_reaction(self.role.side, label)
            return default, [default]
        if how == HEARD and label is not None:
            default = default_heard(self.role.side, label)
            return default, [default]
        here = self._node
        return SAY_MORE_LINES[count % len(SAY_MORE_LINES)], [
            *SAY_MORE_LINES, *(t for _, side, t, _ in self._t.lines(here, again=True)
                               if side == PARTNER)]

    def _apply_dynamics(self, labels: list[str]) -> None:
        for label in labels:
            effects = self._dynamics.get(label)
            if effects:
                run_effects(effects, self._vars, self._ranges)

    def _next(self, target: str) -> str:
        """Where the move leads: `target`, unless heat has boiled over. The session
        moves there now, so every turn of the move records the state after it."""
        if self._breakdown is not None and self.role.breakdown \
                and bool(self._breakdown(self._vars)):
            target = self.role.breakdown
        self._node = target
        return target

    def _enter(self, node_id: str) -> None:
        """Arrive at a node: record its lines, and the ending if it is one."""
        self._node = node_id
        if self.record and self._t.lines(node_id):
            after, record = self._snapshot_now or self._snapshot(), self.transcript.turns.append
            for speaker, side, text, words in self._unrepeated(node_id):
                record(Turn(speaker, side, "line", text, node_id, words, None, [], [], "", [],
                            after))
        node = self.story.nodes[node_id]
        if node.ending is not None:
            self.transcript.ending = {"node": node_id, "kind": node.ending.kind,
                                      "title": node.ending.title,
                                      "debrief": node.ending.debrief,
                                      "sound_call": node.ending.sound_call}
            if node.ending.paragraphs:  # some depend on what the learner did: scored later
                self.transcript.ending["paragraphs"] = [
                    p.to_dict() for p in node.ending.paragraphs]

    def _unrepeated(self, node_id: str) -> list[speech.LineTurn]:
        """A node's lines, or its `again:` lines when the talk comes back to it, with
        no speech said twice."""
        turns = self.transcript.turns
        lines = self._t.lines(node_id, again=speech.visited(turns, node_id))
        return speech.unrepeated(lines, speech.said_before(turns), self._t.names)

    def _unsaid(self, speaker: str, text: str, others: list[str]) -> speech.LineTurn:
        """`text`, or when it was said before in this talk the first of `others` (then
        of the brief lines) not yet said; else a stage direction."""
        said = speech.said_before(self.transcript.turns) if self.record else set()
        if text not in said:
            return speaker, PARTNER, text, count_words(text)
        return speech.fresh(speaker, PARTNER, said, self._t.names, others)

    def _save(self) -> None:
        if self.path is not None:
            transcripts.save(self.transcript, self.path)
