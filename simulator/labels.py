"""The utterance labels of docs/labels.md, and the built-in skill tags.

These strings are a contract: the analyzer's output, the stories' `tags`, the
scoring rubric and the labelled data all use exactly these names.
"""

from __future__ import annotations

# label -> what it means, in a learner's words (shown in explanations).
LABELS: dict[str, str] = {
    "i_statement": "owns a feeling, perception, need or wish in the first person",
    "you_blame": "accuses or generalises about the listener",
    "open_question": "asks a question that invites an explained answer",
    "closed_question": "asks a yes/no or one-fact question",
    "reflection": "mirrors back what the other person said or felt",
    "acknowledgment": "accepts responsibility for impact, or validates the other's experience",
    "apology": "apologises for their own act, unconditionally",
    "non_apology": "apologises conditionally, or for the other's reaction",
    "gratitude": "thanks the other for raising it or for listening",
    "commitment": "commits to a specific future action or follow-up",
    "insult": "attacks the other's character or calls names",
    "def_denial": "denies the act or the problem",
    "def_minimizing": "shrinks the harm or the concern",
    "def_counterattack": "turns the blame back on the speaker",
    "def_tone_policing": "objects to how the concern is raised instead of what it says",
    "def_victimhood": "recentres their own hurt or safety",
    "def_credentials": "cites their identity, friends or record as proof",
    "def_intent": "answers impact with intent",
}

# How sure the model must be of a label for anything to rest on it alone: being
# thanked for an apology you did not make, or marked down for blame you did not
# say, is worse than a move missed. A rule's reading is always clear. The model's
# thresholds are tuned for F1 and let a 36% "promise" or a 55% "blame" through.
CLEAR_PROBABILITY = 0.8


def read_clearly(probability: float | None) -> bool:
    """Is a reading with this probability (None: a rule found the words) clear?"""
    return probability is None or probability >= CLEAR_PROBABILITY


DEFENSIVE_LABELS: tuple[str, ...] = tuple(name for name in LABELS if name.startswith("def_"))

# The labels that count against a learner; a typed line counts only when read clearly.
FAULT_LABELS: frozenset[str] = frozenset({*DEFENSIVE_LABELS, "insult", "you_blame",
                                          "non_apology"})

# Labels a story should have an in-character reaction for: every defensive
# type, and insults.
REACTION_LABELS: tuple[str, ...] = (*DEFENSIVE_LABELS, "insult")

# The moves that make a best ending earned (see check CI503).
SKILLED_MOVES: frozenset[str] = frozenset({"acknowledgment", "i_statement", "open_question"})

# Skill tags that any story may use without declaring them: the rubric items
# of the seeds that no utterance label covers. Choices carry them so that
# choice-mode play can be scored on them.
SKILL_TAGS: dict[str, str] = {
    "states_intent": "says why they are raising it and that they value the relationship",
    "names_specifics": "names the concrete words or actions, not the person's character",
    "invites_clarification": "asks the other to help them understand",
    "specific_request": "asks for a specific change",
    "follow_up": "proposes a plan to follow up or meet again",
    "shares_experience": "offers their own lived experience, not only questions",
    "steady": "stays calm and on purpose when the other gets defensive",
    "pause": "takes a breath before answering",
    "listen": "listens with the intent of learning",
    "repair": "offers to change behaviour or make amends",
    "self_compassion": "stays kind to themselves instead of a shame spiral",
    "caretaking": "makes the other their emotional caretaker",
    "shame_spiral": "beats themselves up instead of hearing the other",
}

KNOWN_TAGS: frozenset[str] = frozenset(LABELS) | frozenset(SKILL_TAGS)

# Built-in skills that are slips, not skills: kind-sounding, and still harmful.
UNKIND_SKILLS: frozenset[str] = frozenset({"caretaking", "shame_spiral"})
