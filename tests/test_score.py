"""Scoring over small hand-made transcripts: each rubric verdict decided by the
learner's own words, read as the analyzer reads typed replies."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.analyze import analyze
from simulator.rubrics import resolve
from simulator.score import BROKE_DOWN_CAP, NOTHING_SAID_CAP, report_text, rubric_titles, score
from simulator.transcript import PARTNER, PLAYER, Transcript, Turn


def _called_in(*replies: str, skills: tuple[str, ...] = ()) -> Transcript:
    transcript = Transcript("s", "h", "called", "called-in", None, "free", 0.5, {})
    for reply in replies:
        transcript.turns.append(Turn("jess", PARTNER, "line", "It hurt when you said it.", "n",
                                     words=6))
        transcript.turns.append(Turn("bob", PLAYER, "free", reply, "n",
                                     words=len(reply.split()), skills=list(skills),
                                     labels=list(analyze(reply).labels)))
    return transcript


def _with_evidence(transcript: Transcript) -> Transcript:
    for turn in transcript.turns:
        if turn.kind == "free":
            turn.evidence = analyze(turn.text).to_dict()["evidence"]
    return transcript


def test_the_report_says_how_each_quoted_reply_was_read() -> None:
    from simulator.score import report_text

    report = score(_with_evidence(_called_in("It was only a joke, you need to lighten up.")))
    text = report_text(report)
    quoted = text.index('turn 2: "It was only a joke, you need to lighten up."')
    after = text[quoted:].splitlines()[1]
    assert after.strip().startswith("read as def minimizing (")
    assert "lighten up" in after or "only a joke" in after


def test_a_chosen_reply_is_quoted_without_a_reading() -> None:
    transcript = _called_in("I didn't mean it.")
    transcript.turns[-1].kind = "choice"
    assert all(not reason for item in score(transcript).items for reason in item.reasons)


def _verdict(transcript: Transcript, item: str) -> str:
    return next(i.verdict for i in score(transcript).items if i.id == item)


@pytest.mark.parametrize(("promise", "verdict"), [
    ("Next time I'll tell him I came to see you.", "met"),
    ("I'll stop using that voice, and I'll ask Sam to call me on it.", "met"),
    ("Can we talk again next week?", "met"),
    ("I'll watch what I say.", "partly"),
    ("I'll try to be more careful.", "partly"),
    ("I'll do better, I promise.", "partly"),
    ("I'll be more thoughtful about what I say.", "partly"),  # "say" names no act
    ("I'll be more mindful of how I talk, and think about what I say.", "partly"),
    ("I'll be more careful, and I'll stop doing the voice.", "met"),
    ("Thanks for telling me.", "missed"),
])
def test_commitment_must_name_what_changes(promise: str, verdict: str) -> None:
    assert _verdict(_called_in(promise), "commitment") == verdict


@pytest.mark.parametrize(("reply", "skills", "verdict"), [
    ("What was it like for you, hearing that?", (), "met"),
    ("How was your weekend?", ("small_talk",), "missed"),
    ("How was your weekend?", (), "missed"),  # typed: read as small talk from the words
    ("Thanks. How's your knee?", (), "missed"),
    ("I didn't mean it.", (), "missed"),
])
def test_listening_is_asking_to_learn_not_small_talk(reply: str, skills: tuple[str, ...],
                                                     verdict: str) -> None:
    assert _verdict(_called_in(reply, skills=skills), "listened") == verdict


_ALL_MET = ("Thank you for telling me. You're right, that hurt you, and it's on me.",
            "It sounds like you felt pushed aside. I'm sorry I did that.",
            "Next time I'll tell him I came to see you.")


def _ended(kind: str, *, sound_call: bool = False) -> Transcript:
    transcript = _called_in(*_ALL_MET, skills=("pause",))
    for turn in transcript.turns:  # they did most of the talking, as the one who was hurt
        if turn.side == PARTNER:
            turn.words = 40
        else:
            turn.kind = "choice"  # authored replies, tagged with the pause they begin with
    transcript.ending = {"node": "end", "kind": kind, "title": "The end", "debrief": "Done.",
                         "sound_call": sound_call}
    return transcript


def test_what_came_of_it_weighs_in_the_overall_score() -> None:
    overall = {kind: score(_ended(kind)).overall
               for kind in ("repaired", "door-open", "stalled", "broke-down")}
    assert overall["repaired"] > overall["door-open"] > overall["stalled"] \
        > overall["broke-down"]
    assert overall["broke-down"] <= BROKE_DOWN_CAP
    assert len({score(_ended(kind)).skills for kind in overall}) == 1  # the rubric is the same


def test_a_sound_call_is_not_punished() -> None:
    stepped_back = score(_ended("door-open", sound_call=True))
    assert stepped_back.overall == score(_ended("repaired")).overall
    assert "sound call" in report_text(stepped_back)


def test_a_skilled_talk_that_broke_down_says_why_it_is_capped() -> None:
    report = score(_ended("broke-down"))
    assert report.skills > BROKE_DOWN_CAP and report.overall == BROKE_DOWN_CAP
    assert f"scores {BROKE_DOWN_CAP} at most" in report_text(report)


def _items(transcript: Transcript) -> dict[str, str]:
    return {i.id: i.verdict for i in score(transcript).items}


def test_an_unfinished_session_has_no_overall_score() -> None:
    report = score(_called_in(*_ALL_MET))
    assert report.overall is None and report.items
    assert "Overall: none yet. The conversation is unfinished (3 moves so far)" \
        in report_text(report)


@pytest.mark.parametrize("replies", [
    (),  # silent throughout
    ("Okay.", "Thanks for letting me know."),  # polite but empty
    ("Did you mean at the party?", "Okay."),  # a yes/no question is not yet substance
])
def test_nothing_of_substance_scores_thirty_at_most(replies: tuple[str, ...]) -> None:
    transcript = _called_in(*replies) if replies else _called_in("")
    if not replies:
        transcript.turns[-1].kind, transcript.turns[-1].text = "silent", "listen"
    transcript.ending = {"node": "end", "kind": "door-open", "title": "T", "debrief": "D",
                         "sound_call": True}
    report = score(transcript)
    assert report.overall is not None and report.overall <= NOTHING_SAID_CAP
    assert "nothing of substance" in report.reason


@pytest.mark.parametrize(("replies", "verdicts"), [
    # Told of the harm, answered with substance: not being defensive is credit.
    (("You're right, that hurt you.",), {"no_defensiveness": "met", "no_caretaking": "met"}),
    # Only empty answers: nothing was done, so nothing is given away.
    (("Okay.",), {"no_defensiveness": None, "no_caretaking": None, "talk_share": None}),
    # A failure always counts, substance or not.
    (("It was just a joke.",), {"no_defensiveness": "partly"}),
    (("Please don't be mad at me.",), {"no_caretaking": "missed"}),
])
def test_absence_is_credited_only_where_it_was_tested(
        replies: tuple[str, ...], verdicts: dict[str, str | None]) -> None:
    found = _items(_called_in(*replies))
    assert {item: found.get(item) for item in verdicts} == verdicts


def _calling_in(partner: str, reply: str) -> Transcript:
    transcript = Transcript("s", "h", "caller", "calling-in", None, "free", 0.3, {})
    transcript.turns += [
        Turn("jess", PLAYER, "free", "I'd like to talk about the joke.", "n", words=7,
             labels=list(analyze("I'd like to talk about the joke.").labels)),
        Turn("bob", PARTNER, "line", partner, "n", words=len(partner.split())),
        Turn("jess", PLAYER, "free", reply, "n", words=len(reply.split()),
             labels=list(analyze(reply).labels))]
    return transcript


@pytest.mark.parametrize(("partner", "reply", "verdict"), [
    ("It was just a joke, lighten up.", "I hear that. I felt small when everyone laughed.",
     "met"),
    ("Sure, go on.", "I felt small when everyone laughed.", None),  # never pushed back
    ("It was just a joke, lighten up.", "Okay.", None),  # pushed, but nothing was done
    ("Sure, go on.", "You're a bigot.", "missed"),  # an insult counts, tested or not
])
def test_no_insults_counts_when_they_pushed_back(partner: str, reply: str,
                                                 verdict: str | None) -> None:
    assert _items(_calling_in(partner, reply)).get("no_insults") == verdict


@pytest.mark.parametrize(("partner", "pushed_back"), [
    ("bob", True),  # the one being talked with pushed back
    ("kasia", False),  # an ally's line, however it reads, is not their pushback
    ("", True),  # an older transcript names no partner: anyone's line counts
])
def test_only_the_partner_pushes_back_or_gets_defensive(partner: str, pushed_back: bool) -> None:
    transcript = _calling_in("It was just a joke, lighten up.",
                             "I hear that. I felt small when everyone laughed.")
    transcript.partner = partner
    verdicts = _items(transcript)
    assert verdicts.get("no_insults") == ("met" if pushed_back else None)
    assert verdicts.get("stayed_steady") == ("met" if pushed_back else None)


def _talk(learner: int, partner: int) -> Transcript:
    transcript = Transcript("s", "h", "caller", "calling-in", None, "choice", 0.3, {},
                            partner="bob")
    transcript.turns += [
        Turn("bob", PARTNER, "line", "x", "n", words=partner),
        Turn("jess", PLAYER, "choice", "I felt small when you said it.", "n", words=learner,
             choice="n.a", labels=["i_statement"])]
    return transcript


@pytest.mark.parametrize(("learner", "partner", "shown", "verdict"), [
    (3047, 6953, "30.5%", "partly"),  # 30.47%: shown and judged alike, above the aim
    (3004, 6996, "30.0%", "met"),  # 30.04% shows as 30.0%, and is judged as shown
    (29, 71, "29.0%", "met"),
])
def test_talk_share_shows_one_decimal_and_agrees_with_its_verdict(
        learner: int, partner: int, shown: str, verdict: str) -> None:
    item = next(i for i in score(_talk(learner, partner)).items if i.id == "talk_share")
    assert item.detail.startswith(f"you spoke {shown} of the words between you")
    assert item.verdict == verdict


def test_side_talk_is_shown_apart_from_the_talk_share() -> None:
    transcript = _talk(30, 70)
    transcript.asides = {"n.ally": "kasia"}
    transcript.turns += [
        Turn("kasia", PARTNER, "line", "It's fine, honestly.", "m", words=40),
        Turn("jess", PLAYER, "choice", "How are you doing, really?", "m", words=50,
             choice="n.ally", labels=["open_question"])]
    item = next(i for i in score(transcript).items if i.id == "talk_share")
    assert "you spoke 30.0% of the words between you" in item.detail
    assert "90 words of side talk with others are not counted" in item.detail


def test_the_ending_title_appears_once() -> None:
    text = report_text(score(_ended("repaired")))
    assert text.count("The end") == 1


@pytest.mark.parametrize(("opening", "verdict"), [
    ("Can I bring something up with you?", "met"),  # seed 000's own opening
    ("Could we talk about Friday?", "met"),
    ("I want to talk with you about something you said.", "met"),
    ("Nice weather today.", "missed"),
])
def test_stating_intent(opening: str, verdict: str) -> None:
    transcript = Transcript("s", "h", "caller", "calling-in", None, "free", 0.3, {})
    transcript.turns.append(Turn("jess", PLAYER, "free", opening, "n",
                                 words=len(opening.split()),
                                 labels=list(analyze(opening).labels)))
    assert _items(transcript)["stated_intent"] == verdict


def test_a_role_is_scored_on_its_own_profile() -> None:
    transcript = _calling_in("It was just a joke, lighten up.",
                             "I hear that. I felt small when everyone laughed.")
    transcript.rubric = resolve("hurt-calling-in", add=["questions"], drop=["follow_up"],
                                weights={"i_statements": 3})
    items = score(transcript).items
    ids = [i.id for i in items]
    assert "talk_share" not in ids and "follow_up" not in ids  # not a quota for the hurt
    assert ids[-1] == "questions"  # added items come last
    assert next(i.weight for i in items if i.id == "i_statements") == 3


def test_rubric_titles_follow_the_profile() -> None:
    titles = rubric_titles("calling-in", resolve("calling-out"))
    assert titles[0] == "Spoke up in the moment"
    assert "Named it briefly, no lecture (when you speak up)" in titles
    assert not any(t.startswith("Talk share") for t in titles)


@pytest.mark.parametrize(("kind", "verdict"), [("choice", "met"), ("free", "missed")])
def test_typed_words_are_scored_on_what_they_say(kind: str, verdict: str) -> None:
    """Free mode: the skills of the reply the words were routed to are not the learner's."""
    said = "Did you actually think it was funny though?"
    transcript = Transcript("s", "h", "caller", "calling-in", None, kind, 0.3, {})
    transcript.turns.append(Turn("jess", PLAYER, kind, said, "n", words=len(said.split()),
                                 labels=list(analyze(said).labels),
                                 skills=["names_specifics", "invites_clarification"]))
    assert _items(transcript)["named_specifics"] == verdict


def test_id_like_to_raise_states_intent() -> None:
    said = "Thanks for seeing me. I'd like to raise something about the away-day."
    transcript = Transcript("s", "h", "caller", "calling-in", None, "free", 0.3, {})
    transcript.turns.append(Turn("jess", PLAYER, "free", said, "n", words=len(said.split())))
    assert _items(transcript)["stated_intent"] == "met"


def test_the_debrief_never_contradicts_the_checklist() -> None:
    """A paragraph that praises reflecting is shown only when reflecting was met."""
    transcript = _ended("repaired")
    transcript.ending = {**(transcript.ending or {}), "paragraphs": [
        {"text": "You reflected it back.", "when": {"reflected": ["met"]}},
        {"text": "Next time, reflect it back.", "when": {"reflected": ["partly", "missed"]}},
        {"text": "No shouting match.", "when": {"no_insults": ["met", "unscored"]}},
        {"text": "It held.", "when": {}}]}
    assert score(transcript).ending == {**transcript.ending, "debrief": (
        "You reflected it back. No shouting match. It held.")}
    transcript.turns = [t for t in transcript.turns if "sounds like" not in t.text]
    debrief = (score(transcript).ending or {})["debrief"]
    assert debrief.startswith("Next time, reflect it back.")
    assert "  Next time, reflect it back." in report_text(score(transcript))


def test_a_bundled_debrief_depends_on_what_the_learner_did() -> None:
    from simulator.build import load_story

    story, _ = load_story(Path(__file__).parent.parent / "stories" / "blues-dance")
    assert story is not None
    ending = story.nodes["d-repaired"].ending
    assert ending is not None and ending.paragraphs
    assert ending.paragraphs[0].when["no_caretaking"] == ("met", "unscored")
    assert ending.debrief.startswith("The friendship held.")  # what holds whatever happened


def test_a_quote_is_centred_on_the_words_that_decided_it() -> None:
    said = ("Honestly, that is what the news wants, and scared people watch more, so they pick "
            "a group to blame because it is easier than talking about it, and you always do "
            "this to me when I bring anything up with you.")
    transcript = _calling_in("Sure, go on.", said)
    transcript.turns[-1].labels = ["you_blame"]  # as the rules read it: centring is the point
    item = next(i for i in score(transcript).items if i.id == "i_statements")
    quote = item.quotes[0]
    assert "you always" in quote and quote.startswith("…") and len(quote) <= 120
    assert quote.strip("…") in " ".join(said.split())  # the learner's own words


_PREAMBLE = ("Honestly I have been turning this over all week, on the bus and at work and at "
             "home, going back and forth about whether it was worth saying anything at all, and "
             "in the end I decided that ")


@pytest.mark.parametrize(("side", "item", "phrase"), [
    ("calling-in", "stated_intent", "I'm raising it because I value our friendship"),
    ("calling-in", "named_specifics", "when you said \"sweetheart\" in the meeting"),
    ("calling-in", "specific_request", "I'm asking you to stop using that nickname"),
    ("calling-in", "follow_up", "we should check in about this next week"),
    ("calling-in", "invited_clarification", "you could help me understand what you meant"),
    ("calling-in", "affirmed_values", "that's not our culture here"),
    ("called-in", "no_caretaking", "please don't be mad at me"),
])
def test_a_phrase_matched_item_quotes_the_phrase_in_a_long_line(side: str, item: str,
                                                                phrase: str) -> None:
    """A long line decided by a phrase near its end is quoted around that phrase, cut
    with an ellipsis, in the learner's own words; never as the line's start."""
    said = _PREAMBLE + phrase + "."
    calling_in = side == "calling-in"
    transcript = _calling_in("Sure, go on.", said) if calling_in else _called_in(said)
    transcript.rubric = {item: 1.0}
    found = next(i for i in score(transcript).items if i.id == item)
    quote = found.quotes[found.turns.index(len(transcript.turns))]
    assert phrase in quote, quote
    assert quote.startswith("…") and len(quote) <= 120
    assert quote.strip("…") in said  # the learner's own words


def test_a_long_typed_turn_read_by_the_model_is_quoted_around_the_deciding_sentence() -> None:
    """The model's evidence kept with a turn spans the whole line; the report reads a long
    turn again with the model explaining itself, and centres on the sentence that decided."""
    from simulator.score.quote import cited

    said = ("We had such a good time at the dance last night, and I was really glad you came "
            "along with all of us. Can we not do this here?")
    turn = Turn("bob", PLAYER, "free", said, "n", words=len(said.split()),
                labels=["def_tone_policing"],
                evidence=[{"label": "def_tone_policing", "start": 0, "end": len(said),
                           "rule": "model", "quote": said, "probability": 0.9}])
    [quote] = cited([(3, turn)], labels={"def_tone_policing"})["quotes"]
    assert quote.endswith("Can we not do this here?") and quote.startswith("…")
    assert len(quote) <= 120 and quote.strip("…") in said


@pytest.mark.parametrize(("aside_first", "verdict"), [(True, "met"), (False, "missed")])
def test_a_word_with_someone_else_first_does_not_spoil_starting_light(aside_first: bool,
                                                                      verdict: str) -> None:
    transcript = Transcript("s", "h", "caller", "calling-in", None, "choice", 0.3,
                            {"icebreakers": 0.5}, partner="bob",
                            asides={"n0.ask-hodan": "hodan"})
    ask = Turn("jess", PLAYER, "choice", "I'd like to talk about what Bob said on Sunday.",
               "n0", words=10, labels=["i_statement"], skills=["states_intent"],
               choice="n0.ask-hodan" if aside_first else "n0.reason")
    light = Turn("jess", PLAYER, "choice", "How's the knee?", "n1", words=3,
                 choice="n1.knee", skills=["small_talk"])
    transcript.turns += [ask, Turn("bob", PARTNER, "line", "Not bad.", "n1", words=2), light]
    assert _verdict(transcript, "icebreakers") == verdict


def _read_as(turn: Turn, label: str, probability: float | None) -> Turn:
    """`turn` with one more label, found by the model at `probability` (None: a rule)."""
    turn.labels.append(label)
    turn.evidence.append({"label": label, "start": 0, "end": len(turn.text),
                          "rule": "model" if probability is not None else "test",
                          "quote": turn.text, "probability": probability})
    return turn


@pytest.mark.parametrize(("side", "label", "item", "probability", "verdict"), [
    # A mark against the learner rests only on a clear reading of their words.
    ("calling-in", "you_blame", "i_statements", 0.55, "met"),
    ("calling-in", "you_blame", "i_statements", 0.92, "partly"),
    ("calling-in", "you_blame", "i_statements", None, "partly"),
    ("calling-in", "insult", "no_insults", 0.6, "met"),
    ("calling-in", "insult", "no_insults", 0.85, "missed"),
    ("calling-in", "def_counterattack", "stayed_steady", 0.5, "met"),
    ("calling-in", "def_counterattack", "stayed_steady", None, "missed"),
    ("called-in", "def_minimizing", "no_defensiveness", 0.45, "met"),
    ("called-in", "def_minimizing", "no_defensiveness", 0.95, "partly"),
    ("called-in", "non_apology", "apology", 0.5, "met"),
    ("called-in", "non_apology", "apology", None, "partly"),
])
def test_a_fault_read_unclearly_costs_the_learner_nothing(
        side: str, label: str, item: str, probability: float | None, verdict: str) -> None:
    said = "I'm sorry I said it. I felt uneasy when you made that joke about Kasia."
    if side == "calling-in":
        transcript = _calling_in("It was a joke, you need to lighten up.", said)
    else:
        transcript = _called_in(said)
    _read_as(transcript.turns[-1], label, probability)
    assert _verdict(transcript, item) == verdict


def test_the_report_says_an_unsure_fault_did_not_count() -> None:
    said = "I'm sorry I said it. I felt uneasy when you made that joke about Kasia."
    transcript = _called_in(said)
    _read_as(transcript.turns[-1], "def_minimizing", 0.45)
    _read_as(transcript.turns[-1], "def_intent", 0.9)
    text = report_text(score(transcript))
    assert "45% sure, too unsure to count against you" in text
    assert "90% sure, too unsure" not in text and "defensive replies: turn 2: intent" in text


def test_a_rubric_whose_items_never_came_up_scores_without_crashing() -> None:
    """"Stayed steady" waits for a defensive line; a talk with none scores no item."""
    transcript = _calling_in("Okay, tell me more.", "I felt uneasy about the joke.")
    transcript.rubric = {"stayed_steady": 1.0}
    transcript.ending = {"node": "end", "kind": "door-open", "title": "t", "debrief": "d"}
    report = score(transcript)
    assert report.items == () and "nothing this rubric scores came up" in report.reason
