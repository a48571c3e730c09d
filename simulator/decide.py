"""Decide: call in, call out, or not now? Pure decision logic, no UI.

The questions and their weighing come from the seeds: urgency, influence,
safety and openness (001, 003), when to call out and when to call in (000),
the list of when not to do either (000), and finding allies so the burden is
not on you (000, 001). `decide(answers)` gives exactly one recommendation,
always with at least one reason, each reason naming the seeds it rests on.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

CALL_IN, CALL_OUT, WAIT, FIND_ALLY = "call-in", "call-out", "wait", "find-ally"

TITLES = {
    CALL_IN: "Call them in: a private, curious conversation",
    CALL_OUT: "Call it out: interrupt it now, where it happens",
    WAIT: "Not now: take time first",
    FIND_ALLY: "Find an ally: you don't have to carry this alone",
}

SEEDS = {
    "000": "\"Calling In & Calling Out\" (essay)",
    "001": "\"Calling In and Calling Out Guide\" (one-page guide)",
    "003": "\"Calling in and calling out\" (for managers and leaders)",
}


@dataclass(frozen=True)
class Question:
    key: str
    text: str


# The situation (urgency, influence, safety, openness).
SITUATION = (
    Question("urgent", "Is the harm happening now, so that it needs interrupting before it "
             "goes further (for you or for others present)?"),
    Question("influence", "Do you have a relationship or some influence with this person (a "
             "friend, partner, relative or colleague)?"),
    Question("power", "Do they have power over you (they outrank you, or could make "
             "things hard for you)?"),
    Question("safe", "Would talking with them one to one be safe for you, and not cost "
             "your wellbeing?"),
    Question("open", "Have they shown that they are open to learning about things like "
             "this?"),
    Question("tried", "Have you already tried raising this with them privately, without "
             "success?"),
)

# When not to call anyone in or out (seed 000), asked as a checklist.
WHEN_NOT = (
    Question("out_of_control", "I feel out of control of my emotions about it"),
    Question("take_down", "My main wish is to take them down"),
    Question("unsafe", "My safety is at risk"),
    Question("costly", "The cost would outweigh the benefit to the people involved"),
    Question("petty", "On reflection, it feels petty"),
    Question("projecting", "I do the same thing myself, and may be projecting my own guilt"),
)


@dataclass(frozen=True)
class Answers:
    urgent: bool = False
    influence: bool = False
    power: bool = False
    safe: bool = True
    open: bool = False
    tried: bool = False
    out_of_control: bool = False
    take_down: bool = False
    unsafe: bool = False
    costly: bool = False
    petty: bool = False
    projecting: bool = False

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))


@dataclass(frozen=True)
class Reason:
    text: str
    seeds: tuple[str, ...]


@dataclass(frozen=True)
class Recommendation:
    kind: str  # call-in / call-out / wait / find-ally
    reasons: tuple[Reason, ...]
    practise: tuple[str, ...]  # scenario ids to practise with, the best fit first

    @property
    def title(self) -> str:
        return TITLES[self.kind]


def decide(a: Answers) -> Recommendation:
    """The one recommendation for these answers, with its reasons."""
    if a.unsafe:
        return _find_ally_for_safety(a)
    if a.out_of_control or a.take_down or a.projecting:
        return _steady_yourself(a)
    if a.petty or a.costly:
        return Recommendation(WAIT, _let_it_rest(a), ("tutorial",))
    if a.urgent:
        return _call_out_now(a)
    if not a.safe:
        return Recommendation(FIND_ALLY, (_R_PRIVATE_UNSAFE, _R_THIRD_PARTY),
                              ("upward", "workplace-joke") if a.power else ("workplace-joke",))
    if a.tried and not a.open:
        return Recommendation(CALL_OUT, (_R_TRIED, _R_STILL_KIND), ("workplace-joke",))
    if not a.influence and not a.power:
        return Recommendation(FIND_ALLY, (_R_NO_INFLUENCE, _R_ALLY_LABOUR),
                              ("workplace-joke",))
    return _call_in(a)


def _find_ally_for_safety(a: Answers) -> Recommendation:
    reasons = [_R_UNSAFE, _R_ALLY_LABOUR]
    if a.urgent:
        reasons.append(Reason("The harm is happening now, so look for someone nearby who can "
                              "safely step in: an upstander acts without being asked.",
                              ("001",)))
    return Recommendation(FIND_ALLY, tuple(reasons), ("workplace-joke",))


def _steady_yourself(a: Answers) -> Recommendation:
    reasons = []
    if a.out_of_control:
        reasons.append(Reason("Your feelings are running high. Speaking up while you feel out "
                              "of control of them is on the list of when not to; calm "
                              "yourself first.", ("000",)))
    if a.take_down:
        reasons.append(Reason("If the main wish is to take them down, a call-out turns into "
                              "shaming, which shuts down listening and growth. Ask how to "
                              "get accountability with as little damage as possible.",
                              ("000",)))
    if a.projecting:
        reasons.append(Reason("You may be projecting guilt about the same behaviour. You "
                              "don't need to be perfect to ask someone to do better, but "
                              "reflect on your motives first, then use that for empathy.",
                              ("000",)))
    if a.urgent:
        reasons.append(Reason("The harm is happening now: someone calmer can step in while "
                              "you take care of yourself.", ("001",)))
        return Recommendation(FIND_ALLY, tuple(reasons), ("workplace-joke",))
    reasons.append(Reason("Sleep on it, write it down, or talk it through with someone you "
                          "trust who will neither defend nor condemn; then decide.",
                          ("000", "001")))
    return Recommendation(WAIT, tuple(reasons), _call_in_scenarios(a))


def _let_it_rest(a: Answers) -> tuple[Reason, ...]:
    reasons = []
    if a.petty:
        reasons.append(Reason("On reflection it feels petty, which is one of the times not to "
                              "call anyone in or out. A second opinion from someone you "
                              "trust can tell you whether that's fear of overreacting or a "
                              "fair judgment.", ("000",)))
    if a.costly:
        reasons.append(Reason("You judge that the cost would outweigh the benefit to the "
                              "group, the person or you. That is a real reason to hold back "
                              "for now; look at it again if the harm repeats.", ("000",)))
    return tuple(reasons)


def _call_out_now(a: Answers) -> Recommendation:
    reasons = [Reason("The harm is happening now and needs interrupting, and others "
                      "present should hear that you don't agree with it.", ("000", "001")),
               Reason("Say how it is landing, ask them to reconsider, and ask for a change "
                      "now, without insults or judging their character.", ("000", "003"))]
    if a.influence:
        reasons.append(Reason("You know them, so a private call-in can follow later: calling "
                              "out and calling in are not either/or.", ("001", "003")))
    if a.power:
        reasons.append(Reason("They have power over you, and speaking up can invite "
                              "retaliation: if you can, have an ally with you.", ("000",)))
    return Recommendation(CALL_OUT, tuple(reasons), ("workplace-joke",))


def _call_in(a: Answers) -> Recommendation:
    reasons = [Reason("It isn't urgent, a private talk is safe for you, and there is time "
                      "to digest what happened first.", ("000", "001"))]
    if a.influence:
        reasons.append(Reason("You have a relationship with them, so a private, collaborative "
                          "talk is likely to be heard, with less backlash than a public "
                          "challenge.", ("000", "001")))
    if a.power:
        reasons.append(Reason("They outrank you, so a calm private conversation carries less "
                              "risk than a public challenge. Ask yourself whether you are the "
                              "best person to raise it, or whether an ally could join you.",
                              ("000", "003")))
    if a.open:
        reasons.append(Reason("They have shown openness to learning, which is when calling "
                              "in works best.", ("001", "003")))
    elif a.tried:
        reasons.append(Reason("An earlier try went nowhere, but they have shown some "
                              "openness: try once more, specific and curious, with a plan to "
                              "follow up.", ("000", "001")))
    else:
        reasons.append(Reason("You don't yet know how open they are; a curious question "
                              "(\"what did you mean by that?\") will tell you.", ("001",)))
    return Recommendation(CALL_IN, tuple(reasons), _call_in_scenarios(a))


def _call_in_scenarios(a: Answers) -> tuple[str, ...]:
    return ("upward", "uncle-bob") if a.power else ("uncle-bob", "blues-dance")


_R_UNSAFE = Reason("Your safety is at risk, and no call-in or call-out is worth that. Put "
                   "your own safety and care first; it's okay not to have the capacity "
                   "right now.", ("000", "001"))
_R_ALLY_LABOUR = Reason("Find allies who can support you or step in, so that the burden "
                        "isn't on you alone. Someone with more standing or safety may be "
                        "better placed to do it.", ("000", "001"))
_R_PRIVATE_UNSAFE = Reason("A one-to-one conversation would not be safe for you, so calling "
                           "in on your own is not the way.", ("001", "003"))
_R_THIRD_PARTY = Reason("Bring in a trusted ally, or a neutral third party or facilitator, "
                        "to raise it with you or for you.", ("000", "001"))
_R_TRIED = Reason("You have tried calling them in privately and it didn't work: that is "
                  "when calling out makes sense, to interrupt the pattern and reaffirm "
                  "what the group stands for.", ("000", "001"))
_R_STILL_KIND = Reason("Name the behaviour and its impact, not who they are: shaming shuts "
                       "down listening.", ("000",))
_R_NO_INFLUENCE = Reason("You have no relationship or influence with them, so a private "
                         "call-in is less likely to be heard.", ("001", "003"))
