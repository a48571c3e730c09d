"""The analyzer's rules: every label and every hard case of labels.md, the dev set's
scores, and properties that hold for any string."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.analyze import RULES, analyze_rules, rules_as_said
from simulator.cli import main
from simulator.labels import LABELS
from tests.conftest import DATA, ROOT

sys.path.insert(0, str(ROOT / "tools"))
from analyzer_eval import evaluate, load, read_by_rules

# The dev set of ../shared/data, copied here so a clean clone can test with it.
DEV_SET = DATA / "analyzer" / "utterances.dev.jsonl"
SHARED_DEV_SET = ROOT.parent / "shared" / "data" / "utterances.dev.jsonl"
MACRO_F1_FLOOR = 0.85

# utterance -> exactly the labels it should get. Settings and phrasings on
# purpose unlike the dev set's (and no sentence of it).
CASES: dict[str, set[str]] = {
    # i_statement
    "I felt embarrassed when the whole choir laughed.": {"i_statement"},
    "I noticed nobody answered her question at the meeting.": {"i_statement"},
    "I need us to sort this out before the next match.": {"i_statement"},
    "i was really upset after practice": {"i_statement"},
    # you_blame
    "You never think before you open your mouth.": {"you_blame"},
    "You made my sister feel like an outsider at her own wedding.": {"you_blame"},
    "You're so selfish.": {"you_blame"},
    # open / closed questions
    "What was going through your mind when you posted it?": {"open_question"},
    "How did the group chat take it?": {"open_question"},
    "Can you walk me through what happened at the shop?": {"open_question"},
    "Did you post it on purpose?": {"closed_question"},
    "Are you free on Thursday?": {"closed_question"},
    "How long have you been on the team?": {"closed_question"},
    # reflection
    "It sounds like you felt nobody had your back.": {"reflection"},
    "So what I'm hearing is that the comment stayed with you all week.": {"reflection"},
    # acknowledgment
    "You're right, that was hurtful.": {"acknowledgment"},
    "I can see how that landed with you.": {"acknowledgment"},
    "That one's on me.": {"acknowledgment"},
    # apology / non_apology
    "I'm sorry I laughed along.": {"apology"},
    "I apologise for what I said about your cousin.": {"apology"},
    "Sorry if anyone was offended.": {"non_apology"},
    "I'm sorry you feel that way.": {"non_apology"},
    # gratitude, commitment
    "Thank you for telling me, honestly.": {"gratitude"},
    "Thanks for raising it with me.": {"gratitude"},
    "Next time I'll say something straight away.": {"commitment"},
    "Could we talk again after Sunday's service?": {"commitment"},
    # insult
    "You're a bigot.": {"insult"},
    "You're pathetic.": {"insult"},
    # defences
    "I'm not homophobic.": {"def_denial"},
    "That's not what happened at all.": {"def_denial"},
    "It was only banter.": {"def_minimizing"},
    "It's not a big deal.": {"def_minimizing"},
    "You need to lighten up.": {"def_minimizing"},
    "You're the one with the problem.": {"def_counterattack"},
    "Some people will find any excuse to be offended.": {"def_counterattack"},
    "Calm down.": {"def_tone_policing"},
    "Why are you so worked up?": {"def_tone_policing"},
    "I feel attacked.": {"def_victimhood"},
    "I don't feel safe right now.": {"def_victimhood"},
    "I'm a good person.": {"def_credentials"},
    "My best mate is gay, so.": {"def_credentials"},
    "I've been going to the allyship group since the spring.": {"def_credentials"},
    "I'm one of the people who actually cares about this stuff.": {"def_credentials"},
    "I've been going to the gym most mornings.": set(),
    # shapes found writing the blues-dance scenario
    "I'm sorry, but it was a really awkward situation for me too.": {"non_apology",
                                                                     "def_victimhood"},
    "I just need you to understand I was in a really hard position.": {"def_victimhood"},
    "I just feel like I'm being told off.": {"def_victimhood"},
    "It's fine, honestly. It wasn't that big a deal.": {"def_minimizing"},
    "Forget it. It doesn't matter.": {"def_minimizing"},
    "It doesn't matter what you meant, it hurt.": set(),
    "Oh, I think everyone has nights like that, though.": {"def_minimizing"},
    "Why are you saying it in such a serious voice?": {"def_tone_policing"},
    "Okay, but you don't need to be so intense about it.": {"def_tone_policing"},
    "I'd never do anything like that on purpose.": {"def_intent"},
    "Well, you could have come over and joined us.": {"def_counterattack"},
    "I said I'm sorry. What more do you want?": {"def_counterattack"},
    "I believe you didn't plan it.": set(),
    "I'm glad you rang.": {"i_statement"},
    "I'm saying it because you matter to me.": {"i_statement"},
    "Can we pick this up at the weekend?": {"commitment"},
    "Shall we go together, and get food after?": {"commitment"},
    "So you knew, and you pretended nothing happened.": {"you_blame"},
    "So you saw me standing there and just carried on.": {"you_blame"},
    "So you noticed, and you felt stuck.": {"reflection"},
    "Honestly, that's pathetic.": {"insult"},
    "That's such a cowardly thing to say.": {"insult"},
    # shapes found writing the workplace-joke scenario
    "Mark, fancy a coffee in ten? Just us.": {"commitment"},
    "Kasia, have you got five minutes?": {"commitment"},
    "I feel like I'm being hung out to dry here.": {"def_victimhood"},
    "It's a storm in a teacup.": {"def_minimizing"},
    "It's blown over now.": {"def_minimizing"},
    "You should know better.": {"you_blame"},
    "Mate, that's racist. Grow up.": {"insult"},
    "If the cap fits.": {"insult"},
    "It wasn't racist.": {"def_denial"},
    "I want to be a nurse when I grow up.": {"i_statement"},
    "I didn't mean anything by it.": {"def_intent"},
    "That was never my intention.": {"def_intent"},
    # neutral
    "I was at work until nine.": set(),
    "The bus was late again.": set(),
}

# The hard cases of labels.md, each in fresh words.
HARD_CASES: dict[str, set[str]] = {
    # "I think you're..." is a judgment of the listener.
    "I think you're being really careless with people.": {"you_blame"},
    "I feel like you never listen to me.": {"you_blame"},
    # ...unless it is itself a defence.
    "I think you're reading way too much into it.": {"def_minimizing"},
    # "I feel attacked" is victimhood, not an I-statement.
    "Honestly I feel judged right now.": {"def_victimhood"},
    # Conditional apologies.
    "sorry if you were offended": {"non_apology"},
    "Sorry, but it was just a joke.": {"non_apology", "def_minimizing"},
    "Sorry, what did you say?": set(),
    # Negation: not the defence.
    "For me it was never harmless banter.": {"i_statement"},
    "I'm not saying it was just a joke.": set(),
    # Reported speech is not the speaker's move.
    "And then he called her a drama queen.": set(),
    # Rhetorical questions take the label of their move.
    "How could you possibly think that was okay?": {"you_blame"},
    "Why are you making such a fuss?": {"def_tone_policing"},
    # Sarcasm is labelled by its intent.
    "Oh great, thanks for the lecture.": {"def_tone_policing"},
    # Lecturing is how it was raised (labels.md rule 44); a judgment adds the counter-charge.
    "Don't lecture me, Ola.": {"def_tone_policing"},
    "I'm not about to take a lecture from you.": {"def_tone_policing"},
    "You've got some nerve lecturing me.": {"def_counterattack", "def_tone_policing"},
    "I'm not here to lecture you.": set(),
    # A bare "I promise" assures; it commits to nothing.
    "It's still just a coffee, I promise.": set(),
    "I promise to ask her myself.": {"commitment"},
    # Denying a bad character is denial (rule 28), in its everyday words too.
    "You know I'm not like that.": {"def_denial"},
    # A request phrased as a question gets no question label.
    "Would you be willing to take the post down?": set(),
    # Formal and noun forms.
    "Apologies if that came across wrong.": {"non_apology"},
    "You're an embarrassment to this family.": {"insult"},
    "I can't believe you'd think that of me after everything.": {"def_victimhood"},
    # More shapes of the same moves.
    "That was a hurtful thing for me to say.": {"acknowledgment"},
    "You're a pathetic excuse for a friend.": {"insult"},
    "Well you're hardly perfect yourself.": {"def_counterattack"},
    "You do the exact same thing all the time.": {"def_counterattack"},
    "It wasn't meant to hurt anyone.": {"def_intent"},
    "I get anxious when jokes like that go round the office.": {"i_statement"},
    "you made her cry in front of everyone": {"you_blame"},
    "That's simply not true.": {"def_denial"},
    "Why are you shouting at me?": {"def_tone_policing"},
    "I only meant it as a compliment.": {"def_intent"},
    "Sorry, but it really was just a joke.": {"non_apology", "def_minimizing"},
    "Could I book fifteen minutes with you this week?": {"commitment"},
    "You didn't think it through.": {"you_blame"},
    "Fine, but it's still one day.": {"def_minimizing"},
    "That can't be right.": {"def_denial"},
    "Nobody was trying to exclude anyone.": {"def_intent"},
    "Well, someone could have flagged it sooner.": {"def_counterattack"},
    "'Stopped' is a bit strong.": {"def_tone_policing"},
    "I'm not sure what else you want from me.": {"def_victimhood"},
    "I got defensive, and I'm sorry.": {"acknowledgment", "apology"},
    # A sarcastic apology is the speaker's own hurt put at the centre (rule 6).
    "ok wow sorry for having a sense of humour": {"def_victimhood"},
    "Sorry I said anything.": {"def_victimhood"},
    "Well excuse me for trying to be friendly.": {"def_victimhood"},
    "Sorry for snapping at you.": {"apology"},
    # "Nobody minded" says it was no problem (rule 21); "everybody says it" and
    # "nobody will remember" make it small.
    "Nobody at the table minded.": {"def_denial"},
    "and nobody complained": {"def_denial"},
    "Everybody in this county says it.": {"def_minimizing"},
    "Nobody's going to remember it next week.": {"def_minimizing"},
    # Thanks for something outside the talk is small talk (rule 32).
    "thanks for the coffee": set(),
    "cheers for the pint mate": set(),
    "Thanks for the coffee, and thank you for telling me.": {"gratitude"},
    # Sympathy, a slip of the keyboard: no apology at all.
    "Sorry to hear that, Frank.": set(),
    "I'm sorry for your trouble, Pádraig. She was a great woman.": set(),
    "sorry about your mum x": set(),
    "Sorry about your brother's party, I was out of line.": {"apology", "acknowledgment"},
    "Sorry, wrong chat!": set(),
    # "Sorry, you're right" agrees: no apology for their feelings.
    "I'm sorry, you're right, I cut you off.": {"apology", "acknowledgment"},
    "Excuse me for asking, but what did you mean?": {"open_question"},
    # Questions typed without a question mark, as in a text message.
    "what made you decide to say it in the group chat": {"open_question"},
    "did you mean it": {"closed_question"},
    "what i mean is i felt small": {"i_statement"},
    # A proposal to follow up is a commitment, not a question.
    "Can we pick this up again on Friday?": {"commitment"},
    # Several sentences, a good and a bad move.
    "Thank you for telling me. But honestly, you're overreacting.": {"gratitude",
                                                                      "def_minimizing"},
    "I'm sorry I left you standing there. It won't happen again, I promise.": {
        "apology", "commitment"},
}


@pytest.mark.parametrize(("text", "expected"), {**CASES, **HARD_CASES}.items(),
                         ids=[t[:40] for t in {**CASES, **HARD_CASES}])
def test_labels(text: str, expected: set[str]) -> None:
    analysis = analyze_rules(text)
    assert set(analysis.labels) == expected, analysis.to_dict()


@pytest.mark.parametrize(("text", "side", "expected"), [
    # Sorry for the other's reaction: a non-apology from the one who did it, sympathy
    # from the one raising it (labels.md rule 25) ...
    ("I'm sorry it came across that way.", "called-in", {"non_apology"}),
    ("I'm sorry she's upset.", "called-in", {"non_apology"}),
    ("I'm sorry it feels like an ambush.", "calling-in", set()),
    # ... but "sorry if" is a condition whoever says it.
    ("Sorry if I came on strong.", "calling-in", {"non_apology"}),
    # Said by the one calling in, "everyone laughed" is the harm described ...
    ("You did an accent of my mum and everyone laughed. I felt small.", "calling-in",
     {"i_statement"}),
    # ... and by the one called in, a plea that it cannot have hurt ...
    ("Everybody thought it was funny.", "called-in", {"def_minimizing"}),
    ("i did say it but everyone laughed", "called-in", {"acknowledgment", "def_minimizing"}),
    # ... unless they are telling what they did, to own it.
    ("yeah. youre right, i did that and everyone laughed. thats on me", "called-in",
     {"acknowledgment"}),
    # Backing down on one's own concern stays minimizing, whoever says it.
    ("Forget I said anything, it's not a big deal.", "calling-in", {"def_minimizing"}),
    ("I didn't mean anything by it.", "calling-in", set()),  # no defence of one's own act
])
def test_the_rules_read_a_line_as_said_by_its_side(text: str, side: str,
                                                   expected: set[str]) -> None:
    assert set(rules_as_said(text, side)) == expected


def test_every_label_has_a_case() -> None:
    covered = set().union(*CASES.values(), *HARD_CASES.values())
    assert covered == set(LABELS)


def test_evidence_points_at_the_words_that_decided() -> None:
    analysis = analyze_rules("I felt small. You always laugh at me.")
    by_label = {e.label: e for e in analysis.evidence}
    assert by_label["i_statement"].quote.startswith("I felt")
    blame = by_label["you_blame"]
    assert analysis.text[blame.start:blame.end] == blame.quote
    assert RULES.get(blame.rule)


def test_labels_come_in_the_order_of_labels_md() -> None:
    labels = analyze_rules("Thank you. I'm sorry I did that. What would help?").labels
    assert list(labels) == sorted(labels, key=list(LABELS).index)


def test_dev_set_scores(capsys: pytest.CaptureFixture[str]) -> None:
    report = evaluate(load(DEV_SET), lambda row: analyze_rules(row.text).labels)
    with capsys.disabled():
        print(f"\nanalyzer on {DEV_SET.name}:\n{report.table()}")
    assert report.macro_f1 >= MACRO_F1_FLOOR


def test_scoring_reads_each_line_as_said_by_its_side(tmp_path: Path) -> None:
    rows = tmp_path / "w99.jsonl"
    rows.write_text("".join(json.dumps(row) + "\n" for row in [
        # The one raising it describes the harm: "everyone laughed" is no minimizing.
        {"text": "You said it at dinner and everyone laughed.", "labels": [],
         "side": "calling-in", "previous": ""},
        {"text": "Everyone laughed, it was only a joke.", "labels": ["def_minimizing"],
         "side": "other"},
    ]), encoding="utf-8")
    loaded = load(rows)
    assert [(row.side, row.previous) for row in loaded] == [("calling-in", None), (None, None)]
    described = analyze_rules(loaded[0].text).labels
    assert "def_minimizing" in described  # read blind to the side, the rules would say so
    assert evaluate(loaded[:1], read_by_rules).errors == ()


@pytest.mark.skipif(not SHARED_DEV_SET.exists(), reason="../shared is not next to this clone")
def test_dev_set_copy_is_current() -> None:
    assert DEV_SET.read_bytes() == SHARED_DEV_SET.read_bytes()


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_and_spans_stay_inside(text: str) -> None:
    analysis = analyze_rules(text)
    assert set(analysis.labels) <= set(LABELS)
    for item in analysis.evidence:
        assert 0 <= item.start < item.end <= len(text)
        assert text[item.start:item.end] == item.quote
        assert item.label in analysis.labels


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*CASES, *HARD_CASES, "you", "sorry", "but", "?", ",", "'",
                                 "\"", "I", "not", "\n"]), max_size=8))
def test_never_raises_on_mixtures_and_is_deterministic(parts: list[str]) -> None:
    text = " ".join(parts)
    assert analyze_rules(text) == analyze_rules(text)


def test_cli_prints_labels_with_evidence() -> None:
    out = io.StringIO()
    assert main(["analyze", "I feel attacked."], out=out) == 0
    assert out.getvalue().startswith("read as: def_victimhood")
    assert '"I feel attacked"' in out.getvalue()


def test_cli_jsonl(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('Calm down.\n\n{"text": "Thank you for telling me."}\n{"text": 3}\n{oops\n',
                      encoding="utf-8")
    out = io.StringIO()
    assert main(["analyze", "--jsonl", str(source)], out=out) == 1  # two bad lines
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["labels"] for r in records] == [["def_tone_policing"], ["gratitude"]]
    assert set(records[0]) == {"text", "labels", "evidence"}
    errors = capsys.readouterr().err
    assert f"{source}:4:1: error" in errors and f"{source}:5:2: error" in errors
    assert "hint:" in errors


def test_cli_without_words_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze"], out=io.StringIO()) == 2
    assert "hint:" in capsys.readouterr().err
