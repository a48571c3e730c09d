"""Read one utterance and label its moves (see docs/labels.md), with evidence.

Rule-based and offline: compiled regular expressions, one combined pattern per
label, plus a little clause logic for the hard cases of docs/labels.md (negation,
reported speech, "sorry, but", rhetorical questions, the more specific label
winning over `you_blame`). Every label comes with the span that triggered it
and a rule id that `RULES` explains in plain words.
"""

from __future__ import annotations

import importlib
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from simulator.labels import DEFENSIVE_LABELS, LABELS
from simulator.words import count_words

__all__ = ["RULES", "Analysis", "Evidence", "analyze", "count_words"]


# NamedTuples rather than frozen dataclasses: made for every utterance a learner
# types and every line scored, and a frozen dataclass is several times slower
# to build.
class Evidence(NamedTuple):
    """Why a label applies: the span of the text and the rule that fired."""

    label: str
    start: int
    end: int
    rule: str  # a key of RULES, which explains it in plain words
    quote: str  # text[start:end]


class Analysis(NamedTuple):
    """What one utterance does: its labels (in the order of labels.md) with evidence."""

    text: str
    labels: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    words: int

    def has(self, label: str) -> bool:
        return label in self.labels

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "labels": list(self.labels),
            "evidence": [e._asdict() for e in self.evidence],
            "words": self.words,
        }


# ---------------------------------------------------------------------------
# Rule table: (rule id, label, guards, pattern, explanation for a learner).
# Guards say when a match does not count, judged on the text of its clause
# before the match: NEG a negation ("I'm not saying it was just a joke"), SUB a
# subordinate clause ("when you left..."), START anything but fillers before
# "you", REFL a reflection of the other's view ("so for you it was harmless"),
# EMB an embedded report ("tell him I was out of line"), MINE only counts
# next to an apology (otherwise it may judge the other's act), YOU only when
# the clause is about "you" ("you were there the whole night").
NEG, SUB, START, REFL, EMB, MINE, YOU = 1, 2, 4, 8, 16, 32, 64

# Who an act was done to: a pronoun, "your sister", or a name (any word that
# is not a little function word, since rules match on lowercased text).
_OBJ = (r"(?:you|him|her|them|us|me|someone|somebody|anyone|people|everyone|everybody"
        r"|(?:your|his|her|their|my|our|the) [a-z]+|(?!(?:to|up|out|off|in|on|at|for|with"
        r"|into|over|back|away|around|about|it|that|this|there|again|so|too|and|or|but|as|by"
        r"|of|a|an|myself|yourself|early|late|once|twice)\b)[a-z]+)")
_YOU_ARE = r"you(?:'re| are)"
_IM = r"i(?:'m| am)"
# Acts of knowing inaction; after "so you knew..." they accuse rather than mirror.
_NEGLECTED = (r"(?:pretended|just carried on|carried on anyway|did nothing|said nothing"
              r"|ignored (?:me|it|us))")
_IDENTITY = (r"(?:black|white|brown|asian|mexican|latin[oax]|hispanic|indian|chinese|african"
             r"|arab|muslim|jewish|gay|lesbian|queer|trans|bi|bisexual|non-?binary|disabled"
             r"|deaf|blind|immigrants?|indigenous|native|pakistani|caribbean|korean|japanese"
             r"|filipin[oa]|vietnamese|nigerian|jamaican|sikh|hindu|lgbtq?\+?|autistic"
             r"|neurodivergent|polish|irish|a woman|a minority)")
_FUTURE = (r"(?:again|next|later|tomorrow|tonight|this (?:week|weekend|afternoon|evening|month)"
           r"|(?:at|on) the weekend|the \d+(?:st|nd|rd|th)\b"
           r"|on (?:mon|tues|wednes|thurs|fri|satur|sun)day|after|soon|sometime|some time"
           r"|in (?:a|an|two|three|\d+|a few|a couple of) (?:days?|weeks?|months?)"
           r"|follow|keep talking|once)")
_MEET = (r"(?:meet|talk|get together|grab|catch up|check in|sit down|follow up|keep talking"
         r"|go (?:together|with each other)"
         r"|pick (?:this|it) up|continue|schedule|set up|find a time|have (?:a |another )?"
         r"(?:coffee|lunch|dinner|chat|talk|call)|do this again|touch base|come back to"
         r"|revisit|circle back)")
_INSULT_NOUN = (r"(?:idiot|moron|fool|coward|bigot|racist|sexist|misogynist|homophobe"
                r"|transphobe|xenophobe|bully|snob|jerk|hypocrite|loser|creep|mess|disgrace"
                r"|pig|asshole|arsehole|dick|bitch|bastard|brat|crybaby|baby|child|snowflake"
                r"|narcissist|liar|psycho|lunatic|weirdo|clown|joke|dinosaur|know-it-all"
                r"|busybody|prude|troll|dumbass|imbecile|buffoon|failure|tyrant|control freak"
                r"|drama queen|killjoy|fascist|piece of (?:work|shit|garbage|trash)"
                r"|embarrassment|laughing ?stock|waste of space"
                r"|(?:poor |pathetic |sorry )?excuse (?:for|of) an? [a-z]+"
                r"|(?:bad|terrible|horrible|awful|rotten) person)")

_TABLE: tuple[tuple[str, str, int, str, str], ...] = (
    # --- i_statement ------------------------------------------------------
    ("i_statement.feeling", "i_statement", EMB,
     r"\bi(?:'ve|'m| have| had| am| was)? (?:(?:really|honestly|just|still|also|actually"
     r"|genuinely|definitely|kind of|sort of|truly|always|often|sometimes|do|did|don't|been"
     r"|started to|ended up|began to) )*(?:feel|felt|feeling)\b",
     "names a feeling in the first person ('I felt...')"),
    ("i_statement.emotion", "i_statement", EMB,
     r"\bi(?:'m| am| was|'ve been| have been| get| got| get really| got really) (?:(?:really|so"
     r"|very|a bit|a little|kind of"
     r"|pretty|quite|still|honestly|just|also|genuinely) )*(?:hurt|upset|sad|angry|scared"
     r"|afraid|nervous|worried|anxious|uncomfortable|embarrassed|frustrated|disappointed"
     r"|confused|surprised|shocked|uneasy|curious|ashamed|humiliated|lonely|excluded"
     r"|left out|torn|heartbroken|gutted|glad|relieved|hopeful|touched)\b",
     "says how they feel ('I was nervous', 'I'm worried')"),
    ("i_statement.perception", "i_statement", EMB,
     r"\bi(?:'ve| have)? (?:(?:really|just|also|definitely|already) )?(?:noticed|notice|saw"
     r"|could see|could tell|observed|realised|realized)\b",
     "shares what they noticed ('I noticed...'), not a verdict"),
    ("i_statement.need_wish", "i_statement", EMB,
     r"\bi(?:'d| would)? (?:(?:really|just|also|honestly|truly|still|do|was|am|'m) )*"
     r"(?:need|needed|want|wanted|like|love|prefer|rather|hope|hoped|hoping|wish|value"
     r"|care about|miss)\b",
     "says what they need or wish for ('I need...', 'I'd like...')"),
    ("i_statement.find", "i_statement", 0,
     r"\bi (?:don't|do not|didn't|did not) find (?:that|it|this|those|these)\b",
     "owns their own reaction ('I don't find that funny')"),
    ("i_statement.for_me", "i_statement", 0,
     r"\b(?:for|to) me,? (?:it|that|this) (?:was|wasn't|felt|didn't|did not|was not|is|isn't"
     r"|has been|hasn't|never|really|just)\b|\b(?:it|that|this) (?:was|is|felt|mattered)"
     r"(?: (?:a big deal|really hard|huge|serious|painful))? (?:to|for) me\b",
     "speaks from their own side ('for me it felt...')"),
    ("i_statement.it_hurt_me", "i_statement", 0,
     r"\b(?:it|that|this) (?:really )?(?:hurt|upset|bothered|stung|scared|worried|confused"
     r"|embarrassed|shocked) me\b|\b(?:it|this|that) (?:really )?matters to me\b"
     r"|\bi(?:'d| would) (?:really )?appreciate it if\b|\byou matter (?:so much |a lot )?to me\b"
     r"|\b(?:it's|it is|it was) (?:deep|heavy|huge|real) (?:for|to) me\b",
     "names the impact on themselves ('it hurt me when...')"),
    # --- you_blame ----------------------------------------------------------
    ("you_blame.always_never", "you_blame", NEG | SUB,
     r"\byou(?:'re| are)? (?:(?:just|really|honestly|literally|seriously) )?(?:always|never"
     r"|constantly|keep|continually|forever)\b",
     "generalises about the listener ('you always', 'you never')"),
    ("you_blame.judgment", "you_blame", NEG | SUB,
     _YOU_ARE + r"(?: (?:being|acting|getting))? (?:so|such an?|too|really|incredibly"
     r"|extremely|totally|completely|being|acting) (?!right\b|kind\b|brave\b|sweet\b"
     r"|generous\b|patient\b|thoughtful\b|welcome\b|lucky\b|good\b|great\b|nice\b|smart\b"
     r"|strong\b|amazing\b|wonderful\b|helpful\b|honest\b|fair\b|open\b|gracious\b"
     r"|lovely\b|calm\b|sure\b|much\b|young\b|late\b|[a-z]+ing\b)[a-z-]+",
     "judges the listener's character ('you're so careless')"),
    ("you_blame.made_me", "you_blame", NEG | SUB,
     r"\byou (?:(?:really|totally|just|completely) )?(?:made|make) " + _OBJ
     + r" (?:look|feel|seem|sound|cry|the butt|a laughing|a joke|into)\b",
     "blames the listener for how someone ended up ('you made me look...')"),
    ("you_blame.harm", "you_blame", NEG | START,
     r"\byou (?:(?:just|totally|completely|basically|really) )?(?:embarrassed|humiliated"
     r"|ignored|abandoned|ditched|excluded|insulted|disrespected|undermined|belittled"
     r"|dismissed|mocked|blindsided|betrayed|lied to|used|ruined|ambushed|left)\s+" + _OBJ
     + r"\b|\byou (?:(?:just|basically) )?treated " + _OBJ + r" like\b"
     r"|\byou (?:told|lied to|lied about|gossiped to) (?:everyone|everybody|people"
     r"|the whole)\b|\byou talked behind my back\b",
     "accuses the listener of a harmful act ('you embarrassed me')"),
    ("you_blame.not_even", "you_blame", NEG | SUB,
     r"\byou (?:didn't|did not|don't|do not|never|couldn't|wouldn't|won't) even\b"
     r"|\byou (?:just |clearly |obviously )?(?:don't|do not|didn't|did not) (?:care|listen"
     r"|get it|want to change|respect|consider|bother|ask)\b"
     r"|\byou (?:only|just) (?:care|think|remember|call|show up|want|talk|listen)\b"
     r"|\byou knew (?:exactly|full well|perfectly well)\b",
     "accuses the listener of not caring or not noticing"),
    ("you_blame.sweeping", "you_blame", NEG | YOU,
     r"\b(?:all the time|the (?:whole|entire) (?:night|evening|time|day"
     r"|meeting|dinner|party|weekend|social|event|trip|week)|(?:half|most) (?:of )?the"
     r" (?:night|evening|time|day|meeting|dinner|party)|every single time|all (?:night|evening"
     r"|day|week|weekend|afternoon|meeting|party|dinner))\b",
     "sweeps a whole stretch of time into the accusation ('the whole night')"),
    ("you_blame.i_think_you", "you_blame", NEG,
     r"\bi (?:(?:really|honestly|just|kind of|sort of|actually) )*(?:think|feel like|feel that"
     r"|bet|reckon|believe|guess|get the feeling|get the sense) (?:that )?you(?:'re| are"
     r"| were|'ve|'d)?\b(?! (?:right|might|may|could|should|deserve|meant well|have a point"
     r"|did your best|didn't (?:mean|plan|intend|know|realise|realize)|care)\b)[^.?!;]{0,160}",
     "a judgment of the listener dressed as 'I think you...'"),
    ("you_blame.rhetorical", "you_blame", NEG,
     r"\b(?:how could you|how dare you|why would you|why even|why do you always|why can't you"
     r"|why couldn't you|what were you thinking|what(?:'s| is) wrong with you|who does that"
     r"|do you even (?:care|listen|know|think)|what kind of (?:person|friend|partner|manager"
     r"|boss|brother|sister|parent) )",
     "a loaded question that accuses rather than asks"),
    ("you_blame.fault", "you_blame", NEG,
     r"\b(?:it's|it is|this is|that's|that is|it was|this was) (?:all |totally |entirely )?"
     r"your (?:fault|doing)\b|\bbecause of you\b|\byou(?:'re| are) to blame\b",
     "puts the fault on the listener"),
    ("you_blame.whenever", "you_blame", NEG,
     r"\b(?:every time|whenever|the second|the minute|the moment|as soon as|any ?time)\b"
     r"[^.?!]{1,80}?,\s*you\b[^.?!;,]{0,80}",
     "turns one event into a pattern ('every time..., you...')"),
    ("you_blame.act_like", "you_blame", NEG,
     r"\bact(?:ed|ing|s)? (?:like|as if|as though) (?:i|we)\b[^.?!,;]{0,25}\b(?:there|exist"
     r"|invisible|matter)\b",
     "accuses the listener of treating them as invisible"),
    ("you_blame.sarcastic_thanks", "you_blame", 0,
     r"\bthanks?(?: you)? (?:so much |a lot )?for (?:embarrassing|humiliating|ruining|nothing"
     r"|throwing me|making me look|ditching|abandoning|ignoring)\b",
     "sarcastic thanks that blames ('thanks for embarrassing me')"),
    # --- insult -------------------------------------------------------------
    ("insult.name_calling", "insult", NEG,
     r"\byou(?:'re| are| sound like| look like| seem like| act like|'re acting like"
     r"| are acting like|'re being| are being|'re just| are just| really are|'re really"
     r"| are really|'re nothing but| are nothing but)\s+(?:(?:such|just|basically|honestly"
     r"|frankly|really|nothing but) )*(?:an?|one|some kind of an?|some sort of an?|a real)"
     r" (?:[\w-]+ ){0,3}?" + _INSULT_NOUN + r"s?\b|\b" + _YOU_ARE + r" the worst\b",
     "calls the listener a name ('you're a coward')"),
    ("insult.attack", "insult", NEG,
     r"\byou(?:'re| are| sound| look| seem)\s+(?:(?:so|such|just|really|truly|completely"
     r"|totally|utterly|absolutely|honestly|frankly|incredibly|pretty|being) )*(?:stupid"
     r"|ignorant|pathetic|idiotic|dumb|disgusting|racist|sexist|homophobic|transphobic"
     r"|bigoted|spineless|worthless|useless|hateful|vile|evil|gross|moronic|brainless)\b",
     "attacks the listener's character ('you're pathetic')"),
    ("insult.direct", "insult", 0,
     r"\byou (?:[\w-]+ )?(?:idiot|moron|fool|coward|bigot|brat|jerk|creep|hypocrite|loser"
     r"|snob|pig|clown|dumbass|snowflake)s?\b(?=\s*(?:[,.!?;]|$))"
     r"|\bwhat an? (?:[\w-]+ )?(?:idiot|moron|joke|hypocrite|coward|snob|jerk|loser)\b"
     r"|\b(?:and )?(?:frankly |honestly |quite frankly )?so are you\b",
     "insults the listener directly ('you idiot', '...and so are you')"),
    # --- def_counterattack --------------------------------------------------
    ("def_counterattack.the_one", "def_counterattack", 0,
     _YOU_ARE + r"(?: really| actually| clearly)? the ones? (?:who|with|that|making|being"
     r"|causing|creating)\b|\b" + _YOU_ARE + r" the (?:real )?problem\b",
     "hands the blame back ('you're the one with the problem')"),
    ("def_counterattack.hypocrisy", "def_counterattack", 0,
     r"\byou(?:'ve got| have) (?:some |a lot of )?nerve\b|\blook who's talking\b"
     r"|\bwho are you to\b|\brich(?:,)? coming from you\b|\bsays the (?:person|one|guy|girl"
     r"|woman|man) who\b|\bpot calling the kettle\b|\bwhat about (?:you|when you)\b"
     r"|\b" + _YOU_ARE + r" (?:no saint|not (?:perfect|innocent|a saint) either"
     r"|(?:hardly|not exactly|far from) (?:perfect|innocent|a saint))\b"
     r"|\byou (?:do|did|say|said) (?:it|that|the (?:exact |very )?same(?: thing)?|worse)"
     r" (?:too|yourself"
     r"|all the time|as well)\b|\b(?:lecturing|preaching at|moralising|moralizing) me\b"
     r"|\bon my (?:case|back)\b|\blook (?:at|in) (?:yourself|your own|the mirror)\b"
     r"|\bclean up your own\b|\byou(?:'re| are) one to talk\b|\byou of all people\b",
     "points at the listener's own faults to dodge the point"),
    ("def_counterattack.oversensitive", "def_counterattack", 0,
     r"\b(?:want|wants|looking|look|find|finds|love|loves|trying|waiting|itching)\b[^.?!]{0,30}"
     r"\b(?:to be|to get|being) offended\b|\boffended by everything\b"
     r"|\b(?:everything|it|this|things)(?: always)? (?:has|have|had) to be about\b"
     r"|\beverything(?:'s| is)(?: always)? about (?:race|gender|politics|identity|religion"
     r"|sexuality|you)\b"
     r"|\bsome (?:people|folks|of you)\b[^.?!]{0,40}\b(?:offended|any excuse|complain|whine"
     r"|looking for)\b|\byou (?:young people|kids|people|lot|millennials|snowflakes)"
     r" (?:always|just|all|want|think|need|never|can't|are|get|make)\b",
     "casts the listener as someone who wants to be offended"),
    ("def_counterattack.your_problem", "def_counterattack", 0,
     r"\b(?:that's|that is|it's|it is) (?:on you|your (?:problem|issue|own problem))\b"
     r"|\bif you can't (?:take|handle) a joke\b|\byou can't take a joke\b",
     "makes the problem the listener's ('that's on you')"),
    ("def_counterattack.crazy", "def_counterattack", 0,
     r"\byou(?:'re| are|'ve gone| must be)(?: (?:just|being|so|completely|totally|clearly"
     r"|literally))? (?:crazy|insane|nuts|paranoid|delusional|imagining things|hearing things"
     r"|jealous|out of your mind)\b",
     "questions the listener's sanity instead of the point ('you're crazy')"),
    ("def_counterattack.anyway", "def_counterattack", YOU,
     r"\b(?:anyway|too|as well)\s*(?=[.!?]|$)",
     "shrugs the blame back onto the listener ('...you were doing it anyway')"),
    # --- def_tone_policing ----------------------------------------------------
    ("def_tone_policing.calm_down", "def_tone_policing", 0,
     r"\b(?:calm|settle|simmer|cool) down\b|\bchill(?: out)?\b|\brelax\b"
     r"|\b(?:watch|mind) (?:your|the) (?:tone|language|mouth)\b",
     "tells the listener to calm down instead of hearing them"),
    ("def_tone_policing.tone", "def_tone_policing", 0,
     r"\b(?:that|this|your|such a) tone\b|\btone it down\b|\b(?:lower|raise) your voice\b"
     r"|\bno need to (?:shout|yell|scream|get (?:so )?\w+|be (?:so )?\w+)\b"
     r"|\b(?:stop|quit|don't|do not) (?:yelling|shouting|screaming|yell|shout|scream|snapping)\b"
     r"|\bwhy (?:are|were) you (?:(?:so|still) )?(?:shouting|yelling|screaming|snapping)\b"
     r"|\b(?:be|get|being|getting) (?:yelled at|shouted at|screamed at|lectured|preached at"
     r"|talked down to)\b|\bcome at me\b|\b(?:talk|speak)(?:ing)? to me like that\b"
     r"|\b(?:nobody|no one)(?:'s| is) attacking\b|\bwithout (?:shouting|yelling|screaming"
     r"|attacking me|getting (?:so )?(?:worked up|emotional|angry|upset))\b"
     r"|\b(?:don't|do not|no need to|stop|quit) (?:get|getting|be|being) (?:so |this |that |all )?"
     r"(?:emotional|worked up|dramatic|hysterical|upset|angry|aggressive|heated|touchy)\b"
     r"|\b(?:when|once|until) you(?:'re| are|'ve| have) (?:calmer|calm|calmed down|less"
     r" emotional|ready to be civil|done (?:yelling|shouting))\b"
     r"|\byou(?:'re| are)? (?:(?:always|just|really) )?(?:making|make|made|kicking up) (?:such )?"
     r"a (?:fuss|scene|song and dance)\b|\bwhy (?:the|all the|such a) fuss\b",
     "objects to how it was said, not to what was said"),
    ("def_tone_policing.emotional", "def_tone_policing", REFL,
     r"\byou(?:'re| are| were|'re getting| are getting| get| got|'ve gotten|'re acting| seem"
     r"| sound| look)?\s+(?:(?:so|this|that|really|all|too|overly|way too|pretty|just|being"
     r"|getting|acting) )*(?:triggered|hysterical|dramatic|uptight|worked up|overemotional"
     r"|irrational|shrill|riled up|wound up|touchy|bent out of shape)\b"
     r"|\byou(?:'re| are| were|'re getting| are getting| seem| sound)?\s+(?:(?:so|this|that"
     r"|too|overly|way too|being|getting|acting) )+(?:\w+ )?(?:emotional|aggressive|hostile"
     r"|heated|angry|mad|intense|combative|confrontational|snippy|testy|loud|worked up)\b",
     "calls the listener too emotional to be heard ('why are you so triggered?')"),
    ("def_tone_policing.sarcasm", "def_tone_policing", 0,
     r"\b(?:thanks?|thank you)(?: (?:so|very) much| a lot)? for the (?:[\w-]+ )?(?:lecture"
     r"|guilt trip|sermon|lesson|speech|ted talk|telling-off|dressing-down|scolding"
     r"|interrogation|ambush|pep talk|rant)\b",
     "sarcastic thanks that dismisses the concern ('thanks for the lecture')"),
    # --- def_victimhood -----------------------------------------------------
    ("def_victimhood.attacked", "def_victimhood", 0,
     r"\bi(?:'m| am)? (?:(?:really|just|honestly|kind of|so) )*(?:feel|feeling) (?:(?:like"
     r"|as if|as though) (?:i'm|i am) being )?(?:so |really |very |a bit |kind of )?(?:attacked"
     r"|ambushed|accused|judged|cornered|targeted|persecuted|ganged up on|bullied|blamed|hated"
     r"|demoni[sz]ed|vilified|crucified|cancell?ed|interrogated|on trial|put on trial|told off"
     r"|lectured|scolded|shamed|picked on|hung out to dry|made an example of|singled out"
     r"|thrown under the bus|made a scapegoat)\b",
     "recentres their own hurt ('I feel attacked', 'I feel like I'm being told off')"),
    ("def_victimhood.bad_person", "def_victimhood", 0,
     r"\bi (?:(?:honestly|really|just|now|kind of|already) )*(?:feel|'m feeling|am feeling)"
     r" like (?:i'm |i am )?(?:(?:the|a|an|some kind of|some sort of) )(?:(?:total|complete"
     r"|real|absolute) )?(?:worst|terrible|horrible|awful|bad|evil|monster|villain|criminal"
     r"|bad guy|racist|bigot|pariah)\b"
     r"|\b(?:i'm|i am|i feel like i'm|i feel like i am) being (?:treated like|attacked|accused"
     r"|judged|blamed|interrogated|ganged up on|bullied|singled out|crucified|cancell?ed"
     r"|put on trial|painted as|made out)\b"
     r"|\b" + _IM + r" (?:the|an?|some kind of|some sort of) (?:bad guy|villain|monster|enemy"
     r"|worst|racist|bigot|criminal|(?:terrible|horrible|awful|bad|evil) person)\b"
     r"|\b(?:thinks?|believes?) (?:that )?" + _IM + r" (?:a |an |some kind of |some sort of )?"
     r"(?:monster|racist|bigot|villain|bad person|terrible person|sexist|homophobe"
     r"|transphobe|criminal)\b",
     "makes themselves the one being wronged ('so I'm the bad guy now?')"),
    ("def_victimhood.unsafe", "def_victimhood", 0,
     r"\bi (?:don't|do not|no longer|can't|cannot) (?:feel )?safe\b"
     r"|\b" + _YOU_ARE + r" making me (?:feel|out to be|sound|look|seem)\b"
     r"|\bi can't believe you(?:'d| would| could)? (?:think|say|accuse)\b"
     r"|\bafter (?:everything|all) i(?:'ve| have) (?:done|been through)\b"
     r"|\bhow do you think (?:that|this|it) makes me feel\b|\bso (?:it's|it is|this is)"
     r" (?:all )?my fault\b|\bmy fault now\b|\b(?:it|that) hurts (?:me )?that you(?:'d| would)?"
     r" (?:think|say|believe|accuse)\b|\b(?:being|getting) (?:ambushed"
     r"|attacked|accused|ganged up on|interrogated|cross-examined|put on trial|dragged)\b"
     r"|\b" + _YOU_ARE + r" (?:calling|labell?ing|painting) me (?:a |an |as )?(?:racist|bigot"
     r"|sexist|monster|villain|bad)",
     "recentres their own safety or feelings ('I don't feel safe')"),
    ("def_victimhood.hurt_by_this", "def_victimhood", 0,
     r"\bthis (?:is|feels) (?:really |so |very )?(?:hurtful|unfair|painful|cruel)\b"
     r"|\b(?:this|that|it) (?:feels|is|was) (?:like )?(?:an? )?(?:attack|ambush|witch[ -]hunt"
     r"|interrogation|trial|pile-on|set-?up)\b"
     r"|\b" + _IM + r" (?:(?:really|so|very|deeply|honestly) )*(?:hurt|wounded|offended"
     r"|insulted) (?:by|that) (?:what )?you\b"
     r"|\bnow i (?:(?:just|really) )?(?:feel|look) (?:like )?(?:so |really )?(?:awful|terrible"
     r"|horrible|bad|like garbage|like crap|like dirt|stupid)\b",
     "makes the conversation about their own hurt"),
    ("def_victimhood.cant_say_anything", "def_victimhood", 0,
     r"\bwalk(?:ing)? on eggshells\b|\bi can't (?:say|do|make|tell) (?:anything|a joke"
     r"|a single)\b|\bwithout (?:being|getting) (?:accused|reported|attacked|called|label"
     r"l?ed|cancell?ed)\b|\bi've had (?:the|a) (?:worst|awful|terrible|horrible|really hard"
     r"|rough) (?:day|week|month|year|time)\b|\bon top of everything\b",
     "recentres their own burden ('I can't say anything anymore')"),
    # --- def_credentials ----------------------------------------------------
    ("def_credentials.good_person", "def_credentials", 0,
     r"\b" + _IM + r" (?:a |such a |an )?(?:(?:really|very|pretty|genuinely|truly|actually"
     r"|fundamentally|basically|super) )?(?:(?:good|nice|decent|kind|fair|caring|loving"
     r"|generous) (?:person|guy|man|woman|human|human being|manager|boss|friend|ally|uncle"
     r"|aunt|dad|mum|mom|parent|colleague|teacher|leader)|(?:inclusive|open-minded|tolerant"
     r"|progressive|accepting|welcoming|fair-minded|supportive)(?: person| guy| man| woman"
     r"| manager| boss)?)\b|\b" + _IM + r" (?:an? )?(?:\w+ )?ally\b",
     "offers their good character as proof ('I'm a good person')"),
    ("def_credentials.friends", "def_credentials", 0,
     r"\bi(?:'ve| have)(?: got)? (?:(?:plenty|lots|loads|tons|a lot) of|so many) (?:[\w-]+ )?"
     r"(?:friends|colleagues|neighbou?rs|coworkers|co-workers)\b"
     r"|\bi(?:'ve| have)(?: got)? (?:an?|some|several|many|a few) (?:(?:good|close|best) )?"
     + _IDENTITY + r" (?:friends?|colleagues?|neighbou?rs?|coworkers?|co-workers?)\b"
     r"|\bmy (?:own |best |closest |oldest )?(?:[\w-]+ ){0,4}?(?:is|are|was)(?: (?:actually"
     r"|literally|also|half))? " + _IDENTITY + r"\b",
     "cites friends or family as proof ('I have a Black friend')"),
    ("def_credentials.record", "def_credentials", 0,
     r"\bi've (?:been|managed|led|run|worked|coached|taught|volunteered|served|mentored"
     r"|lived|done this)\b[^.?!]{0,50}?\b(?:\d+|one|two|three|four|five|six|seven|eight|nine"
     r"|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|many|several) (?:years|decades)\b"
     r"|\b(?:spotless|clean|perfect|flawless|impeccable) (?:track )?record\b"
     r"|\b(?:no one|nobody)(?:'s| has) ever (?:complained|had (?:a|any) (?:problem|issue"
     r"|complaint))\b"
     r"|\bi've (?:always )?(?:shown up|been there|stood up|had your back|looked out for)\b"
     r"|\bi've always (?:been|supported|stood|treated|defended)\b"
     r"|\bafter (?:everything|all) (?:i've|i have) (?:done|given)\b"
     r"|\bi've (?:[\w-]+ ){1,3}?(?:all my life|my whole life|my entire life)\b"
     r"|\bi (?:treat|respect|welcome|accept) (?:everyone|everybody|all people) (?:the same"
     r"|equally|alike)\b|\bi help (?:everyone|everybody)\b|\bi don't see (?:colou?r|race)\b",
     "cites their record as proof ('I've been your friend for years')"),
    ("def_credentials.deeds", "def_credentials", 0,
     r"\bi (?:literally |even |actually |personally )?(?:volunteer(?:ed)?|coach(?:ed)?"
     r"|mentor(?:ed)?|donate[ds]?|marched|campaigned|help(?:ed)? (?:run|organi[sz]e|lead))\b"
     r"|\bi (?:literally |even |actually )?(?:went to|attend(?:ed)?|organi[sz]ed|founded"
     r"|pushed for|fought for|championed|marched (?:in|at|for)) (?:the |a |an )?(?:[\w-]+ )"
     r"{0,2}?(?:pride|march|rally|protest|training|workshop|vigil|parade|panel|initiative"
     r"|policy|committee|charity)s?\b"
     r"|\b(?:the )?least (?:racist|sexist|homophobic|transphobic|prejudiced|bigoted|judgmental)"
     r" (?:person|guy|man|woman|people)\b|\bi(?:'m| am| was|'ve been| have been| sat| served)"
     r" on (?:the|a|our) (?:diversity|inclusion|equality|equity|pride|lgbtq?\+?|race|ally"
     r"|anti-racism|wellbeing|dei|edi)\b|\b(?:" + _IM + r"|i was) the one who (?:pushed|fought"
     r"|campaigned|organi[sz]ed|set up"
     r"|introduced|championed|hired|brought in|suggested)\b"
     r"|\bi(?:'ve| have) been (?:going to|attending|doing|taking) (?:the |a |an |my |our )?"
     r"(?:[\w-]+ ){0,2}?(?:group|training|course|class|workshop|book club|meetings|sessions)\b"
     r"|\b" + _IM + r" one of the (?:good ones|(?:people|ones|few) who (?:actually |really "
     r"|genuinely )?(?:cares?|gets? it|gets? this))\b",
     "lists good deeds as proof ('I went to Pride')"),
    # --- def_denial -----------------------------------------------------------
    ("def_denial.not_a_bigot", "def_denial", 0,
     r"\b" + _IM + r" (?:not|no|hardly|far from|anything but) (?:an? )?(?:racist|sexist"
     r"|homophobic|transphobic|bigot|bigoted"
     r"|prejudiced|xenophobic|misogynist(?:ic)?|ableist|anti-?semitic|homophobe|transphobe"
     r"|ageist|islamophobic|that (?:kind of )?(?:person|guy))\b"
     r"|\b(?:a|one) (?:racist|sexist|prejudiced|bigoted) bone\b",
     "denies being prejudiced ('I'm not racist')"),
    ("def_denial.didnt_happen", "def_denial", 0,
     r"\b(?:that's|that is|this is|it's|it is|that was|it was)"
     r" (?:(?:simply|just|absolutely|completely|totally|honestly|really) )?not"
     r" (?:what (?:happened|i said"
     r"|went down)|true|how it (?:happened|went)|how i remember it|(?:really )?on me|my fault"
     r"|the case)\b|\b(?:that|it|this) (?:isn't|wasn't|is not|was not) (?:what (?:happened"
     r"|i said)|true|how it (?:happened|went)|(?:really )?on me|my fault)\b"
     r"|\bthat never happened\b",
     "denies that it happened ('that's not what happened')"),
    ("def_denial.didnt_do_it", "def_denial", 0,
     r"\bi (?:never|didn't|did not|never once) (?:even )?(?:say|said|do|ignore|abandon|ditch"
     r"|exclude|leave|make|call|insult|mock|hurt|single|target|snub|touch|laugh at|use|push"
     r"|yell|shout|disrespect|interrupt|talk about)\b"
     r"|\bi did nothing wrong\b|\bi didn't do anything wrong\b"
     r"|\bi (?:have|'ve got) nothing to apologi[sz]e for\b",
     "denies doing it ('I never said that')"),
    ("def_denial.wasnt_there", "def_denial", START,
     r"\bi (?:wasn't|was not) even (?:there|in the room|at|around|here|involved|part of)\b",
     "says they were not even there"),
    ("def_denial.no_problem", "def_denial", 0,
     r"\b(?:has|had) nothing to do with\b|\bnothing (?:wrong|racist|sexist|offensive"
     r"|homophobic|transphobic) (?:with|about|in)\b|\byou (?:misheard|misunderstood"
     r"|heard (?:it |that )?wrong|got it wrong)\b|\b(?:(?:that's|that is|it's|it is|it was) not"
     r"|it wasn't|it isn't|that wasn't|that isn't) (?:racist|sexist|homophobic|transphobic"
     r"|offensive)\b",
     "denies there is a problem ('this has nothing to do with race')"),
    # --- def_intent -----------------------------------------------------------
    ("def_intent.didnt_mean", "def_intent", 0,
     r"\bi (?:really |honestly |truly |just )?(?:didn't|did not|never) (?:mean|meant|intend"
     r"|intended|plan|planned|realise|realize|think it would|know it would|expect)\b"
     r"|\bi (?:wasn't|was not) (?:trying|meaning|intending|out) to\b"
     r"|\bi had no idea (?:it|that|this|you|they|he|she|anyone)\b",
     "answers impact with intent ('I didn't mean it')"),
    ("def_intent.intention", "def_intent", 0,
     r"\b(?:wasn't|was not|not|never|isn't) (?:my|the) (?:intention|intent|aim|plan|goal)\b"
     r"|\bmy intentions? (?:was|were) (?:good|never|only|just|to)\b"
     r"|\bi (?:only |just )?meant it (?:as|to be) (?:a |an )?[a-z]+\b|\bi meant (?:well|no harm"
     r"|nothing|it as a joke|it kindly)\b|\bno (?:harm|offen[cs]e) (?:meant|intended)\b"
     r"|\bheart was in the right place\b|\bi had (?:good|the best) intentions\b"
     r"|\bthat's not what i meant\b|\b(?:it was|that was|it's|it wasn't|that wasn't"
     r"|it was never|it was not) (?:never |not )?(?:meant"
     r"|intended) (?:to|as|that way)\b",
     "talks about what they intended, not what happened"),
    ("def_intent.just_talking", "def_intent", 0,
     r"\bi was (?:just|only|simply) (?:trying|joking|kidding|talking|teasing|messing|having fun"
     r"|being (?:friendly|honest|funny|nice|playful)|making (?:conversation|a joke)|saying"
     r"|chatting|playing)\b|\b" + _IM + r" (?:just|only) (?:joking|kidding|teasing|messing"
     r" around|having fun|being honest)\b|\bi was trying to (?:lighten|be (?:funny|friendly"
     r"|nice)|make (?:people|everyone|you|him|her|them) laugh|break the ice|help)\b"
     r"|\bit just (?:happened|sort of happened|kind of happened|came out|slipped out)\b"
     r"|\bi (?:just )?got (?:swept|caught|carried) (?:up|away)\b",
     "explains it away by what they were trying to do"),
    # --- def_minimizing -------------------------------------------------------
    ("def_minimizing.just_a_joke", "def_minimizing", NEG | REFL,
     r"\b(?:it|that|this)(?: (?:really|honestly|literally|genuinely|truly))?"
     r"(?:'s| is| was)(?: (?:just|only|merely|simply|all|literally|really"
     r"|honestly|basically))* (?:a |an |one"
     r" |some )?(?:(?:bit of|little|harmless|silly|tiny|small|throwaway|quick|passing|offhand"
     r"|one-off|innocent|friendly|light-?hearted|meeting|office|family|social|party|dinner"
     r"|joke) )?(?:joke|jokes|comment|remark|line|word|night|dance|party|game|dinner|figure"
     r" of speech|expression|banter|fun|teasing|gag|quip|laugh)\b"
     r"|\bjust (?:banter|a bit of fun|words|a laugh|teasing|messing around)\b"
     r"|\b(?:it|that|this)(?:'s| is| was) (?:just |only )?an? [\w-]+(?: [\w-]+)?, not an?"
     r" [\w-]+",
     "shrinks it to 'just a joke'"),
    ("def_minimizing.big_deal", "def_minimizing", NEG | REFL,
     r"\b(?:not|no|isn't|wasn't|is not|was not) (?:such )?(?:a )?(?:big|huge|major) deal\b"
     r"|\b(?:not|isn't|wasn't|is not|was not) (?:that|so|really that|all that) (?:big|huge"
     r"|serious) (?:a|of a) deal\b"
     r"|\bmaking (?:a |such a |this )?(?:big |huge )?(?:deal|mountain|fuss over nothing)\b"
     r"|\bbig deal out of\b|\bout of (?:all )?proportion\b|\bout of a molehill\b"
     r"|\bblow(?:ing|n)? (?:this|it|things) (?:up|out of)\b"
     r"|\bout of nothing\b",
     "says it is not a big deal"),
    ("def_minimizing.overreacting", "def_minimizing", NEG | REFL,
     r"\b(?:over-?reacting|overreact|over-?thinking|overthink|overanaly[sz]ing|too sensitive"
     r"|oversensitive|over-sensitive|thin-skinned|hypersensitive|reading (?:way |far |a bit "
     r"|a little )?too much into|tak(?:e|ing) (?:it|this|things) (?:way |far |so |too )+"
     r"(?:seriously|personally))\b"
     r"|\b(?:lighten|toughen|loosen) up\b|\bget over it\b|\bgrow a thicker skin\b"
     r"|\b(?:just|can we|let's just) move on\b",
     "says the listener is overreacting"),
    ("def_minimizing.not_that_bad", "def_minimizing", NEG | REFL,
     r"\bnot (?:that|so|really that|even that) (?:bad|serious|big|offensive|awful|terrible|deep)\b"
     r"|\bnot like i (?:said|did|meant) (?:anything|something)\b|\banything (?:that|so)"
     r" (?:bad|terrible|awful|offensive)\b"
     r"|\b(?:one|a|that) (?:little|tiny|small|single|silly|harmless|innocent|throwaway)"
     r" (?:comment|joke|remark|word|thing|line|mistake|slip)\b"
     r"|\bit was (?:just |only )?one (?:night|time|comment|joke|evening|mistake|word|dinner)\b"
     r"|\bharmless (?:fun|banter|joke|teasing|talk|comment|remark)\b|\bit's (?:all )?"
     r"(?:harmless|nothing)\b|\bthat's (?:just )?(?:the whole point|how (?:i|we|he|she|they"
     r"|people) (?:talk|joke|are|speak|grew up|were raised|was raised|was brought up))\b"
     r"|\b(?:it was|those were) different times\b|\bback in my day\b|\bgenerational thing\b",
     "shrinks the harm ('it's not that bad', 'one little comment')"),
    ("def_minimizing.nobody_minded", "def_minimizing", NEG | REFL | SUB,
     r"\b(?:nobody|no one|no-one)(?:'s| is| was| will| even)?\b[^.?!,]{0,30}?\b(?:took it"
     r" seriously|minded|cared|care|was offended|got offended|complained(?! about me)"
     r"|batted an eye(?:lid)?"
     r"|going to remember|gonna remember|will remember|remembers? it|thought twice)\b"
     r"|\b(?:everyone|everybody|they|people|the others|your \w+|the whole (?:table|room|team))"
     r"\s+(?:(?:all|else) )?(?:thought it was (?:funny|hilarious|fine)|laughed|found it funny"
     r"|(?:was|were) laughing|loved it)\b"
     r"|\b(?:everyone|everybody|people|we all|all of us)(?: [\w-]+){0,4}? (?:does|do|says|say"
     r"|jokes|joke|makes|make|talks|talk|rotates) (?:it|that|this|those jokes|like that"
     r"|stuff like that|worse|the same|partners)\b",
     "says nobody else minded, so it cannot matter"),
    # --- acknowledgment -----------------------------------------------------
    ("acknowledgment.youre_right", "acknowledgment", NEG,
     r"\byou(?:'re| are| were)(?: (?:absolutely|totally|completely|so|quite))? right\b"
     r"|\byou have a (?:good |fair )?point\b|\b(?:that's|that is|it's) (?:a )?(?:(?:completely"
     r"|totally|very|entirely|absolutely|more than) )?(?:fair|valid"
     r"|fair point|good point)\b|\bfair enough\b",
     "concedes the other person is right"),
    ("acknowledgment.on_me", "acknowledgment", NEG | EMB,
     r"\b(?:that(?:'s| is| was| one's| one is)|it(?:'s| is| was)|this is) (?:all |totally "
     r"|entirely |completely )?(?:on me|my fault|my bad|my mistake|my responsibility)\b"
     r"|\bmy bad\b|\bi (?:take|own|accept) (?:full |complete )?(?:responsibility|that|the"
     r" blame)\b|\bno excuse\b|\bi (?:messed|screwed|mucked) up\b|\bi (?:was|am|'m)"
     r" (?:wrong|out of line|in the wrong)\b|\bi (?:blew it|dropped the ball|got (?:it|that)"
     r" wrong)\b",
     "takes responsibility ('that's on me')"),
    ("acknowledgment.i_see", "acknowledgment", NEG,
     r"\bi (?:(?:can|do|totally|really|now|absolutely|completely) )*(?:see|understand|get)"
     r" (?:how|why|that|what|it|where)\b|\bi get it\b|\bi hear you\b(?! (?:say|said))",
     "shows they understand the other's experience ('I can see how that landed')"),
    ("acknowledgment.validates", "acknowledgment", NEG,
     r"\b(?:that|it|this|your [\w ]{1,30}?) makes? (?:total |complete |perfect |a lot of )?"
     r"sense\b|\b(?:your feelings|that) (?:are|is) (?:valid|understandable|completely"
     r" understandable)\b|\byou have every right\b|\b(?:that|it|this) (?:must|must've"
     r"|must have|would have|would've|can't have|couldn't have)(?: been| felt| hurt)\b"
     r"|\bi know (?:that |it |this )?[^.?!]{0,30}?\b(?:easy|comfortable|hard|difficult|fun"
     r"|simple|brave|scary|awkward)\b|\b(?:that|it|this) (?:took|takes) (?:courage|guts"
     r"|a lot)\b|\b(?:that's|that was|it was) (?:really |so )?(?:brave|courageous)\b",
     "validates the other's experience ('that makes sense')"),
    ("acknowledgment.should_have", "acknowledgment", NEG | EMB,
     r"\bi (?:really )?(?:should have|should've|shouldn't have|should not have|ought to have)\b"
     r"|\bi could(?:'ve| have) handled (?:it|that|this) better\b",
     "owns what they should have done differently"),
    ("acknowledgment.harm_done", "acknowledgment", NEG | EMB,
     r"\bi (?:really |totally |basically )?(?:hurt|embarrassed|upset|excluded|ignored|humiliated"
     r"|abandoned|disrespected|dismissed|insulted|offended|singled out|mocked|talked over"
     r"|interrupted) " + _OBJ + r"|\bi (?:let|put) (?:you|him|her|them) (?:down|in)\b"
     r"|\bi left (?:you|him|her|them) (?:standing|alone|on (?:your|his|her|their) own|out"
     r"|there|behind|hanging)\b|\bi made (?:you|him|her|them) (?:feel|look|uncomfortable)"
     r"|\bi made light of\b|\bi brushed (?:it|you|that) off\b|\bi did (?:leave|hurt|ignore"
     r"|exclude|embarrass|say|make|do|put|laugh|forget|interrupt|walk off|use)\b"
     r"|\bi (?:basically |just )?(?:vanished|disappeared)\b"
     r"|\b(?:" + _IM + r"|i was) the one who (?:did|made|said|hurt|caused|messed|put|left"
     r"|told|started|brought)\b",
     "names the harm they caused ('I embarrassed you')"),
    ("acknowledgment.bad_act", "acknowledgment", NEG | EMB,
     r"\b(?:that|it) was (?:a |an )?(?:(?:really|pretty|so|very) )?(?:lousy|cheap|wrong"
     r"|unfair|hurtful|careless|thoughtless|unkind|mean|cruel|inappropriate|out of line"
     r"|uncalled for|not okay|not ok|not cool|awful|terrible|insensitive|disrespectful)"
     r" (?:thing|comment|joke|remark|move) (?:(?:for me )?to (?:say|do|post|write)|of me)\b"
     r"|\b(?:that|it) was"
     r" (?:\w+ )?(?:\w+ )?(?:of me|on my part)\b",
     "judges their own act ('that was a lousy thing to say')"),
    ("acknowledgment.own_act", "acknowledgment", NEG | EMB | MINE,
     r"\b(?:that|it) was (?:a |an )?(?:(?:really|pretty|so|very) )?(?:lousy|cheap|wrong"
     r"|unfair|hurtful|careless|thoughtless|unkind|mean|cruel|inappropriate|out of line"
     r"|uncalled for|not okay|not cool|awful|terrible|insensitive|disrespectful)\b"
     r"|\bat (?:\w+'s|your|their|his|her|our) expense\b",
     "next to an apology, calls what they did wrong ('it was cheap')"),
    # --- gratitude ------------------------------------------------------------
    ("gratitude.thanks", "gratitude", 0,
     r"(?<!\bno )\b(?:thank you|thanks|thank u|thx|cheers for|many thanks|much appreciated)\b"
     r"|\bi (?:(?:really|truly|do|so|genuinely) )*appreciate\b|\b" + _IM + r" (?:really |so "
     r"|very |truly )?(?:grateful|thankful)\b|\b(?:really|truly|so) appreciate (?:it|that"
     r"|you)\b",
     "thanks the other person"),
    # --- commitment -----------------------------------------------------------
    ("commitment.will_do", "commitment", NEG,
     r"\b(?:next time|from now on|in future|in the future),? i(?:'ll| will)\b"
     r"|\b(?:i'll|i will|i'm going to|i am going to|i'm gonna|i promise(?: to)?|i commit to"
     r"|i plan to|from now on,? i)\b(?! (?:be honest|be frank|be blunt|be straight|admit"
     r"|give you that|grant you|say this|tell you (?:what|why|how|something|the truth)"
     r"|explain|be right back|let you go|have to|need|be fine|be okay|never|not|say)\b)"
     r"|\bi (?:won't|will not|will never|'ll never|promise (?:not|never)) (?:\w+ )?(?:do|make"
     r"|say|use|tell|let|repeat|joke|call|bring|leave|forget|ignore|put|ditch|assume)\b"
     r"|\b(?:never again|won't happen again|will not happen again)\b",
     "commits to a concrete next step ('next time I'll...')"),
    ("commitment.follow_up", "commitment", 0,
     r"\blet's (?:(?:also|definitely|maybe|please|plan to|make sure to|try to|just) )*"
     + _MEET + r"\b|\b(?:can|could|would|shall|should) we (?:(?:maybe|perhaps|please|also"
     r"|possibly) )?" + _MEET + r"\b[^.?!]{0,80}?\b" + _FUTURE + r"\b"
     r"|\bwould you be (?:up for|open to|willing to|free|around|happy to|okay with)\b"
     r"[^.?!]{0,80}?\b" + _FUTURE + r"\b",
     "proposes to follow up ('could we talk again on Sunday?')"),
    ("commitment.book_time", "commitment", 0,
     r"\b(?:can|could|may) i (?:book|grab|have|get|borrow|take) (?:\w+ ){0,2}(?:minutes|time"
     r"|a word|a chat|a moment|a slot)\b",
     "asks for a time to talk it through ('could I book fifteen minutes?')"),
    ("commitment.invite_to_talk", "commitment", 0,
     r"\b(?:have|has) you got (?:a |an |\w+ )?(?:minutes?|moment|sec|second|word)\b"
     r"|\b(?:fancy|up for) a (?:coffee|cuppa|tea|walk|chat|quick chat|drink)\b",
     "invites them to talk ('have you got five minutes?', 'fancy a coffee?')"),
    # --- more shapes of the defences and of blame ------------------------------
    ("you_blame.didnt_bother", "you_blame", NEG | SUB,
     r"\byou (?:just |clearly |obviously )?(?:didn't|did not) (?:think|look|check|notice"
     r"|stop to think)\b",
     "blames the listener for not thinking ('you didn't think it through')"),
    ("def_minimizing.only_one", "def_minimizing", NEG | REFL,
     r"\b(?:it's|it is|it was|that's|that was) (?:still |only |just )?one (?:day|night|joke"
     r"|comment|remark|time|evening|word|meeting)\b|\b(?:bigger|more of a) (?:thing|deal)"
     r" (?:than|out of) (?:it is|it was|it needs to be|nothing)\b|\bforget i (?:said|mentioned)"
     r" (?:anything|it)\b|\bread(?:s|ing)? (?:\w+ )?into everything\b",
     "shrinks it to one small thing ('it's one day')"),
    ("def_denial.cant_be", "def_denial", 0,
     r"\bthat (?:can't|cannot) be (?:right|true)\b",
     "denies that it can have happened ('that can't be right')"),
    ("def_intent.nobody_tried", "def_intent", 0,
     r"\b(?:nobody|no one|no-one) (?:was|is) (?:trying|meaning|out) to\b",
     "answers impact with what nobody intended"),
    ("def_counterattack.should_have_said", "def_counterattack", NEG,
     r"\b(?:someone|somebody|anyone|you) (?:could|should|might)(?:'ve| have) (?:just )?(?:flagged"
     r"|said something|told me|mentioned|raised|warned|come over|joined (?:us|in)|asked me"
     r"|spoken up|come and found me)\b|\bwhy (?:wait|did you wait|have you waited)"
     r" (?:until|till) now\b",
     "turns it back: they should have raised it sooner, or joined in"),
    ("def_tone_policing.too_strong", "def_tone_policing", 0,
     r"\b(?:bit|rather|awfully) (?:strong|harsh|dramatic|much)\b",
     "objects to the wording instead of the point ('that's a bit strong')"),
    ("def_victimhood.nothing_right", "def_victimhood", 0,
     r"\bwhatever i (?:do|say)\b|\bwhat (?:else )?(?:do )?you want from me\b"
     r"|\b" + _IM + r" (?:some kind of |some sort of |a |an )?(?:tyrant|dictator|monster)\b",
     "recentres their own hurt ('whatever I do, it's wrong')"),
    ("acknowledgment.got_defensive", "acknowledgment", NEG | EMB,
     r"\bi (?:got|was|went|became|was being) (?:really |a bit |so |pretty )?(?:defensive"
     r"|prickly|snappy|short with you|dismissive)\b",
     "owns their own defensiveness ('I got defensive')"),
    ("def_victimhood.hard_for_me", "def_victimhood", 0,
     r"\b(?:it was|it's been|that was|this is|it is) (?:a |an |such an? )?(?:really |very |so "
     r"|pretty )?(?:awkward|hard|difficult|tough|horrible|stressful|uncomfortable)(?: situation"
     r"| position| night| evening| time| spot)? for me,? too\b|\bi was in (?:a|an|such an?)"
     r" (?:really |very |so )?(?:hard|difficult|awkward|impossible|tough|horrible)"
     r" (?:position|spot|situation)\b",
     "recentres their own difficulty ('it was hard for me too')"),
    ("def_minimizing.doesnt_matter", "def_minimizing", NEG | REFL,
     r"\b(?:it|that|this) (?:doesn't|does not|didn't) (?:really )?"
     r"matter\b(?! (?:what|who|how|whether|if|why|that))|\b(?:everyone|everybody) has"
     r" (?:nights|days|moments|evenings|times) like that\b|\bhappens to (?:everyone|everybody"
     r"|all of us)\b|\bstorm in a teacup\b|\b(?:it's|it has|that's|that has) (?:all )?"
     r"blown over\b",
     "shrinks the concern ('it doesn't matter', 'a storm in a teacup')"),
    ("def_tone_policing.so_serious", "def_tone_policing", 0,
     r"\bwhy (?:are|were) you (?:saying|being|sounding|getting|acting) (?:it |this |so |such an? "
     r"|all )?(?:\w+ )?(?:serious|intense|formal|heavy|dramatic|aggressive)\b|\bin (?:such a"
     r"|that|this) (?:serious|stern|angry|harsh|heavy) (?:voice|tone|way)\b|\b(?:don't|do not)"
     r" need to be (?:so |this |that )?(?:intense|serious|harsh|heavy|dramatic|aggressive"
     r"|emotional|worked up)\b",
     "objects to how seriously it was raised ('you don't need to be so intense')"),
    ("insult.contempt", "insult", NEG,
     r"\b(?:that's|that is|that was|how) (?:so |such an? |really |just )?(?:pathetic|cowardly"
     r"|spineless|gutless|idiotic|moronic|contemptible)\b",
     "contempt for what they said, aimed at them ('that's pathetic')"),
    ("insult.sneer", "insult", NEG,
     r"\bif the (?:cap|shoe) fits\b|\bgrow up\s*[.!]*$",
     "a sneer at who they are ('grow up', 'if the cap fits')"),
    ("you_blame.know_better", "you_blame", NEG,
     r"\byou (?:should|ought to)(?:'ve| have)? know(?:n)? better\b",
     "a verdict that they should have known ('you should know better')"),
    ("you_blame.knowingly", "you_blame", NEG,
     r"\bso you (?:knew|saw|noticed|heard|realised|realized|saw me)\b[^.?!]{0,60}?\b"
     + _NEGLECTED + r"\b",
     "accuses them of knowing and doing nothing ('so you knew, and you pretended')"),
    ("def_intent.on_purpose", "def_intent", 0,
     r"\bi(?:'d| would)? (?:never )?(?:do|did|say|said) (?:anything|something|it|that)"
     r"(?: like that)? on purpose\b|\b(?:it|that) (?:wasn't|was not|isn't) (?:on purpose"
     r"|deliberate|intentional)\b|\bi didn't do it (?:on purpose|deliberately|intentionally)\b",
     "answers impact with intent ('I'd never do that on purpose')"),
    ("def_counterattack.what_more", "def_counterattack", NEG,
     r"\bwhat (?:more|else) (?:do|did|could|can) you (?:possibly )?(?:want|expect)\b(?! from me)",
     "turns it back: the listener is asking too much ('what more do you want?')"),
)

# Rules applied by code rather than by the table.
_CODE_RULES: dict[str, str] = {
    "reflection.sounds_like": "mirrors back what the other felt ('it sounds like you...')",
    "reflection.so_you": "sums up the other's view in their terms ('so you expected...')",
    "reflection.i_hear": "says back what they heard ('I hear that you felt...')",
    "apology.own_act": "apologises for their own act, without conditions ('I'm sorry I...')",
    "non_apology.conditional": "apologises for the other's reaction ('sorry if you were...')",
    "non_apology.sorry_but": "an apology taken back by the 'but' that follows it",
    "open_question.wh": "asks a why/how/what question that invites a full answer",
    "open_question.invite": "invites the other to explain ('help me understand...')",
    "closed_question.yes_no": "asks a yes/no question",
    "closed_question.one_fact": "asks for one fact (when, where, who, how many...)",
    "def_counterattack.blame_in_defence": "while defending, turns blame back on the listener",
}

RULES: dict[str, str] = {rule: text for rule, _, _, _, text in _TABLE} | _CODE_RULES


# ---------------------------------------------------------------------------
# Compiled patterns.

_Hit = tuple[str, int, int, str]  # (label, start, end, rule)


_YOU = re.compile(r"(?<![_<])you")  # not inside a group name


def _loosen(pattern: str) -> str:
    """Accept the way people type: "dont", "youre", "im", "thats", "u", "ur"."""
    for contraction in ("'t", "'re", "'m", "'ve", "'s"):
        pattern = pattern.replace(contraction, "'?" + contraction[1:])
    return _YOU.sub("(?:you|u)", pattern)


def _compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Helper patterns run on the lowercased text, like the rules."""
    return re.compile(_loosen(pattern), flags)


def _group(rule: str) -> str:
    return rule.replace(".", "__")


def _rule_patterns() -> dict[str, tuple[str, str, int, str]]:
    """group name -> (rule, label, guards, loosened pattern)."""
    return {_group(rule): (rule, label, guards, _loosen(pattern))
            for rule, label, guards, pattern, _ in _TABLE}


# --- Which words can a rule's match start with? -----------------------------
# Trying every rule at every word is too slow, so each rule is only tried where
# the utterance's next two words are ones its pattern can begin with, read off
# the stdlib's own parse of the pattern. What the walk cannot read makes the
# rule fall back to its first word, or to "try everywhere": slower, never wrong.

class _Unreadable(Exception):
    pass


def _sre_parser() -> Any:
    try:
        return importlib.import_module("re._parser")  # Python 3.11+
    except ImportError:  # pragma: no cover - Python 3.10
        return importlib.import_module("sre_parse")


_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_State = tuple[tuple[str, ...], str]  # (words read, word being spelled)


def _openings(pattern: str) -> set[tuple[str, ...]] | None:
    """Every pair of words a match can begin with (a single word when that is all
    that can be read, or when the match can end after it); None if unreadable."""
    parser = _sre_parser()
    return _read(parser, list(parser.parse(pattern, re.IGNORECASE)))


def _read(parser: Any, items: list[Any], size: int = 2) -> set[tuple[str, ...]] | None:
    try:
        done, still = _walk(parser, items, {((), "")}, size)
    except (_Unreadable, RecursionError):
        # Read each alternative on its own, so one vague alternative does not
        # make the whole rule fall back to its first word (or to every word).
        split = _split_alternatives(parser, items)
        if split is None:
            return _read(parser, items, 1) if size == 2 else None
        union: set[tuple[str, ...]] = set()
        for alternative in split:
            found = _read(parser, alternative, size)
            if found is None:
                return None
            union |= found
        return union
    openings = done | {(*words, part) if part else words for words, part in still}
    return None if () in openings or len(openings) > 500 else openings


def _split_alternatives(parser: Any, items: list[Any]) -> list[list[Any]] | None:
    simple = (parser.AT, parser.ASSERT, parser.ASSERT_NOT, parser.LITERAL, parser.IN)
    lead = 0
    while lead < len(items) and items[lead][0] in simple:  # sre factors out "\\bi" etc.
        lead += 1
    if lead == len(items) or items[lead][0] is not parser.BRANCH:
        return None
    return [[*items[:lead], *branch, *items[lead + 1:]] for branch in items[lead][1][1]]


def _walk(parser: Any, items: Any, states: set[_State], size: int
          ) -> tuple[set[tuple[str, ...]], set[_State]]:
    done: set[tuple[str, ...]] = set()
    for op, av in items:
        if not states:
            break
        finished, states = _step(parser, op, av, states, size)
        done |= finished
        if len(states) > 500:
            raise _Unreadable
    return done, states


def _step(parser: Any, op: Any, av: Any, states: set[_State], size: int
          ) -> tuple[set[tuple[str, ...]], set[_State]]:
    if op is parser.LITERAL:
        return _spell(states, {av}, size)
    if op is parser.IN:
        return _spell(states, _class_codes(parser, av), size)
    if op is parser.AT:  # a word boundary ends the word being spelled, if any
        if av is not parser.AT_BOUNDARY or all(not part for _, part in states):
            return set(), states
        return _spell({state for state in states if state[1]}, {ord(" ")}, size)
    if op in (parser.ASSERT, parser.ASSERT_NOT):
        return set(), states
    if op is parser.SUBPATTERN:
        return _walk(parser, av[-1], states, size)
    if op is parser.BRANCH:
        done: set[tuple[str, ...]] = set()
        after: set[_State] = set()
        for branch in av[1]:
            finished, still = _walk(parser, branch, states, size)
            done |= finished
            after |= still
        return done, after
    if op in (parser.MAX_REPEAT, parser.MIN_REPEAT):
        return _repeat(parser, av, states, size)
    raise _Unreadable


def _repeat(parser: Any, av: Any, states: set[_State], size: int
            ) -> tuple[set[tuple[str, ...]], set[_State]]:
    low, high, item = av
    done: set[tuple[str, ...]] = set()
    after = set(states) if low == 0 else set()
    current, seen = states, set(states)
    for count in range(1, min(high, 8) + 1):
        finished, current = _walk(parser, item, current, size)
        done |= finished
        if count >= low:
            after |= current
        current -= seen  # more rounds of separators spell nothing new
        seen |= current
        if not current:
            return done, after
    if high > 8:
        raise _Unreadable  # still spelling after many rounds: no fixed words
    return done, after


def _spell(states: set[_State], codes: set[int], size: int
           ) -> tuple[set[tuple[str, ...]], set[_State]]:
    """Read one character (any of `codes`): a letter extends the word, anything
    else (a space, an apostrophe, a word boundary) ends it."""
    letters = {c for c in map(chr, codes) if c in _LETTERS}
    done: set[tuple[str, ...]] = set()
    after = {(words, part + c) for words, part in states for c in letters}
    if len(letters) < len(codes):
        for words, part in states:
            if not part and not words:
                raise _Unreadable  # the match could start on a non-letter
            closed = (*words, part) if part else words
            if len(closed) >= size:
                done.add(closed)
            else:
                after.add((closed, ""))
    return done, after


def _class_codes(parser: Any, items: Any) -> set[int]:
    codes: set[int] = set()
    for op, av in items:
        if op is parser.LITERAL:
            codes.add(av)
        elif op is parser.RANGE and av[1] - av[0] < 40:
            codes.update(range(av[0], av[1] + 1))
        elif op is parser.CATEGORY and av in (parser.CATEGORY_SPACE, parser.CATEGORY_NOT_WORD):
            codes.add(ord(" "))
        else:
            raise _Unreadable
    return codes


_RULES_BY_GROUP = _rule_patterns()
_GROUP_NAMES = tuple(_RULES_BY_GROUP)
def _alternatives(source: str) -> list[str]:
    """Split a pattern at its top-level "|" (the rule table uses no "[]...]")."""
    parts, depth, start, index, in_class = [], 0, 0, 0, False
    while index < len(source):
        char = source[index]
        if char == "\\":
            index += 1
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            parts.append(source[start:index])
            start = index + 1
        index += 1
    return [*parts, source[start:]]


_ALTERNATIVES = tuple(tuple(_alternatives(_RULES_BY_GROUP[g][3])) for g in _GROUP_NAMES)
# Which rules to try at one place, and which of their alternatives:
# ((index into _GROUP_NAMES, (index into its _ALTERNATIVES, ...)), ...)
_Plan = tuple[tuple[int, tuple[int, ...]], ...]
_Pick = dict[int, set[int]]


_INTERNED: dict[_Plan, _Plan] = {}


def _plan(*picks: _Pick) -> _Plan:
    merged: _Pick = {}
    for pick in picks:
        for rule, alternatives in pick.items():
            merged.setdefault(rule, set()).update(alternatives)
    plan = tuple((rule, tuple(sorted(merged[rule]))) for rule in sorted(merged))
    return _INTERNED.setdefault(plan, plan)  # one object per plan: see _COMPILED


def _opening_index() -> tuple[dict[str, tuple[dict[str, _Plan], _Plan]], _Plan]:
    """first word -> (second word -> what to try where a match may start with both
    words, what to try after the first word alone); and what to try anywhere."""
    pairs: dict[str, dict[str, _Pick]] = {}
    singles: dict[str, _Pick] = {}
    anywhere: _Pick = {}
    for rule, alternatives in enumerate(_ALTERNATIVES):
        for number, source in enumerate(alternatives):
            openings = _openings(source)
            if openings is None:
                anywhere.setdefault(rule, set()).add(number)
            for opening in openings or ():
                pick = (pairs.setdefault(opening[0], {}).setdefault(opening[1], {})
                        if len(opening) == 2 else singles.setdefault(opening[0], {}))
                pick.setdefault(rule, set()).add(number)
    index = {}
    for first in pairs.keys() | singles.keys():
        alone = (singles.get(first, {}), anywhere)
        index[first] = ({second: _plan(pick, *alone) for second, pick in
                         pairs.get(first, {}).items()}, _plan(*alone))
    return index, _plan(anywhere)


_OPENINGS, _ANYWHERE = _opening_index()
# Keyed by the (interned, never freed) plan's id: hashing a nested tuple for
# every word read would cost more than the match itself.
_COMPILED: dict[int, re.Pattern[str]] = {}


def _compile_plan(plan: _Plan) -> re.Pattern[str]:
    """One pattern trying these rules at one place, each as an optional lookahead
    with its own group, so a single match() reports every rule that fires.
    Compiled on first use, so importing stays cheap."""
    source = "".join(  # "(?:...|)" rather than "(?:...)?": no repeat, no saved marks
        f"(?:(?=(?P<{_GROUP_NAMES[rule]}>"
        + "|".join(_ALTERNATIVES[rule][n] for n in alternatives) + "))|)"
        for rule, alternatives in plan)
    pattern = _COMPILED[id(plan)] = re.compile(source)  # run on the lowercased text
    return pattern


def _trie(words: Iterable[str], then: dict[str, str] | None = None) -> str:
    """A regex alternation of `words` shaped as a trie, so `re` walks it letter by
    letter instead of trying every word in turn; `then[word]`, if given, is the
    pattern that must follow that word."""
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for letter in word:
            node = node.setdefault(letter, {})
        node[""] = (then or {}).get(word, "")
    return _trie_source(tree)


def _trie_source(node: dict[str, Any]) -> str:
    branches = [re.escape(letter) + _trie_source(child)
                for letter, child in sorted(node.items()) if letter]
    if node.get(""):
        branches.append(node[""])  # a word ends here, and what must follow it
    elif "" in node:
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?"
    if not branches:
        return ""
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


# A word that can start some rule, with the word after it (zero-width, so the
# next word can itself be a start).
_ANY_WORD = re.compile(r"(?<![a-z0-9])([a-z0-9]+)(?=[^a-z0-9]*([a-z0-9]*))")


def _starts() -> re.Pattern[str]:
    """Where some rule may start: a first word that can start a rule on its own,
    or one followed by a second word it can start a rule with. Checking the pair
    inside the regex (one trie of first words, each leaf holding what may follow)
    spares Python a loop turn for about half the words read."""
    after: dict[str, str] = {}
    for first, (by_second, fallback) in _OPENINGS.items():
        seconds = [s for s, plan in by_second.items() if plan]
        if fallback:
            after[first] = r"(?![a-z0-9])"
        elif seconds:
            after[first] = r"(?![a-z0-9])[^a-z0-9]*" + _trie(seconds) + r"(?![a-z0-9])"
    return re.compile(r"(?<![a-z0-9])(?=" + _trie(after, after) + r")([a-z0-9]+)"
                      r"(?=[^a-z0-9]*([a-z0-9]*))")


_STARTS = _starts()

_NORMALISE = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u201b": "'", "\u02bc": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00a0": " ", "\u2009": " ", "\u202f": " ",
    "\t": " ",
})
# Quoted words are someone's words being mentioned, not the speaker's move.
_QUOTE = re.compile(r"'(?<![\w']')(?=[^\s'])(?:[^'\n]|'(?=\w)){0,200}?'(?!\w)|\"[^\"\n]{0,200}\"")
_REPORTED = _compile(
    r"\b(?:he|she|(?-i:(?!I\b|You\b|Everyone\b|Everybody\b|Nobody\b|People\b|They\b)[A-Z][a-z]+)"
    r"|(?:my|his|her|their|our) \w+)\s+(?:said|says|told (?:me|her|him|them|us|everyone)"
    r"|asked|goes|went|was like|kept saying|would say|yelled|shouted|called (?:her|him|them"
    r"|me|us|it))\b([^.!?;\n]{0,200})", re.IGNORECASE)  # names need the original case
_REPORTING_HINT = re.compile(r" (?:said|says|saying|told|called|asked|goes|went|was like|yelled"
                             r"|shouted)\b")
_SENTENCE_END = re.compile(r"[.!?\u2026\n](?:(?<=\n)|[.!?\u2026]*['\")\]]*(?=\s|$))")
# Where a clause ends: punctuation, a dash, or " but/and/or". One leading
# character class lets `re` skip ahead in C; run on the lowercased text.
_CLAUSE_BREAK = re.compile(r"[,;:\n\u2014\u2013.!?\u2026 ](?:(?<=[,;:\n\u2014\u2013])"
                           r"|(?<=[.!?\u2026])[.!?\u2026]*['\")\]]*(?=\s|$)"
                           r"|(?<= )(?:-(?= )|(?:but|and|or)(?![a-z0-9])))")

# Guards, read on the clause (or sentence) before a match.
_NEG_BEFORE = _compile(r"\b(?:not|never|no|nothing|hardly)\b|n't\b|\b(?:dont|didnt|isnt"
                       r"|wasnt|cant|wont|doesnt|arent|werent|couldnt|wouldnt)\b")
_SUB_BEFORE = _compile(r"\b(?:when|whenever|if|after|before|since|because|while|that|how|what"
                       r"|why|where|who|which|until|once|as)\b")
_FILLERS_ONLY = _compile(r"\W*(?:(?:and|but|so|honestly|look|listen|yeah|well|oh|plus|also"
                         r"|then|i mean|seriously|frankly|come on|okay|ok|like)\b\W*)*")
_YOU_CLAUSE = _compile(r"\W*(?:(?:and|but|so|honestly|look|listen|yeah|well|oh|plus|also|then"
                       r"|i mean|seriously|frankly|come on|okay|ok)\b\W*)*you\b(?!'d)"
                       r"(?:(?!\bi\b)[^.?!;,])*$")
_EMB_BEFORE = _compile(r"\b(?:tell|told|telling|say|said|saying|admit|admitted|admitting"
                       r"|pretend|pretending)\b")
_REFL_AFTER = _compile(r"[^\w.?!]*(?:to|for) you\b")
_REFL_BEFORE = _compile(r"\b(?:for|to) you,|\byou(?:'re| are) saying\b|\bsounds like\b"
                        r"|\bin your (?:eyes|view|mind)\b")

# Reflections: how the sentence opens, or a "what I'm hearing" anywhere.
_REFLECT_START = _compile(
    r"(?P<sounds_like>(?:(?:so|okay|ok|right|and)\W+)*(?:it )?(?:sounds|seems) like\b"
    r"(?=[^.?!]{0,80}\b(?:you|your|felt|feels?|was|were)\b))"
    r"|(?P<so_you>(?:(?:okay|ok|right|and)\W+)?so\W+(?!then\b)(?:what (?:you're|you are)"
    r" saying is\W+)?(?:(?:for|to) you\b|(?:from|in) your (?:view|eyes|side|perspective)\b"
    r"|you(?!'re the one| are the one)\b|(?:it|that|this|the \w+)\b[^.?!]{0,60}\b(?:to|for)"
    r" you\b))")
_REFLECT_CUES = ("hear", "saying", "underst", "must have felt", "i know")  # cheap pre-check
_REFLECT_ANY = _compile(
    r"\bi(?:'m| am)? hear(?:ing)? (?:that )?you(?:'re| are| were| felt| feel| want| wanted"
    r"| need| needed| didn't| don't| say| said|'d)\b|\bwhat i(?:'m| am) hearing\b"
    r"|\bif i (?:understand|hear|heard|understood) you (?:right|correctly)\b"
    r"|\byou(?:'re| are) saying\b|\b(?:you|it) must have felt\b"
    r"|\bi know (?:that )?(?:it|this|that) (?:was|wasn't|felt|seemed|didn't)\b[^.?!,]{0,40}"
    r"\b(?:to|for) you\b")

# Apologies.
_APOLOGY_CUE = _compile(r"\b(?:sorry|apologi[sz]e|apologies|i owe (?:you|\w+) an apology)\b")
_APOLOGY_SUBJECT = _compile(
    r"\W*(?:(?:and|but|so|well|oh|look|listen|okay|ok|honestly|hey|yeah|again|also|first)"
    r"\b\W*)*(?:(?:i'm|i am|i really am|i truly am|i do|i|my|i(?:'d| would) like to"
    r"|i (?:just )?want(?:ed)? to|let me)\s+)?(?:(?:so|really|truly|very|deeply|terribly"
    r"|just|genuinely|sincerely|also|do|am|awfully|incredibly|honestly)\s+)*")
_HAS_SUBJECT = _compile(r"\bi\b|\bi'm\b|\bmy\b|\blet me\b")
_APOLOGY_REPAIR = _compile(r"\W*(?:\?|what\b|quick (?:one|question)|(?:can|could) you (?:say"
                           r"|repeat)|say (?:that|it)"
                           r" again|come again|pardon|i didn't (?:catch|hear)|to (?:interrupt"
                           r"|bother|cut in|jump in|keep you))")
_APOLOGY_CONDITIONAL = _compile(
    r"\W*(?:(?:that|for) )?(?:if\b|you\b|(?:anyone|anybody|some people|people|some of you"
    r"|they|he|she|others|everyone) (?:was|were|felt|feel|took|got|found|is|are|might)\b"
    r"|for (?:how you feel|your feelings|any (?:offen[cs]e|misunderstanding|confusion)"
    r"|whatever)|about your feelings)")
_BUT = _compile(r"\bbut\b")

# Questions.
_LEAD = _compile(r"\s*(?:(?:so|okay|ok|well|and|but|hey|hi|look|listen|honestly|right|um+|uh+"
                 r"|oh|yeah|alright|then|also|now|just|quick question|one more thing|wait"
                 r"|sorry|actually)\b[\s,!:.-]*)*")
_NOT_A_QUESTION = _compile(
    r"(?:what|huh|come again|say (?:that|it) again|what was that|what did you (?:just )?say"
    r"|i didn't (?:catch|hear) (?:that|you|what you said)|(?:can|could) you (?:say|repeat)"
    r" (?:that|it)(?: again)?|pardon(?: me)?|excuse me|you know(?: what| that)?|right|isn't it"
    r"|see|really|seriously|okay|ok|yeah|no|sorry)?\W*")
_INVITE = (r"help me understand|tell me (?:more|why|what|how|about)|walk me through"
           r"|talk me through|say more|(?:can|could|would) you (?:please )?(?:tell me|explain"
           r"|say more|walk me through|help me understand|share|describe)"
           r"|i(?:'m| am) (?:really |genuinely |so )?curious (?:about )?(?:what|how|why)"
           r"|i wonder (?:what|how|why)")
# A cheap pre-check: without one of these, _INVITE cannot match.
_INVITE_CUES = (" me ", "say more", "curious", "wonder", "explain", "share", "describe")
_QUESTION_START = _compile(
    r"(?P<one_fact>how (?:many|much|long|often|old|far|soon|big)|what (?:time|day|date|year"
    r"|month|colou?r|number|size|age)|which|who|whom|whose|when|where)\b"
    r"|(?P<invite>" + _INVITE + r")\b"
    r"|(?P<wh>why|how|what|in what way|to what extent)\b"
    r"|(?P<request>(?:please,? )?(?:(?:can|could|would|will) you (?:please |maybe |just "
    r"|kindly )?(?!tell\b|explain\b|say more|walk me|help me|share\b|describe\b|see\b"
    r"|understand\b|imagine\b|remember\b|think\b|believe\b|know\b|be\b|feel\b|agree\b"
    r"|clarify\b|recall\b|rather\b|like\b|want\b|have\b|say\b)\w+|would you mind"
    r"|(?:would|could|will) you be (?:willing|able|prepared) to|(?:can|could)"
    r" we (?:please )?(?:not|stop|avoid|leave|keep|skip|drop)|can i ask you (?:not )?to"
    r"|let's not))"
    r"|(?P<yes_no>(?:do|does|did|are|is|was|were|have|has|had|can|could|would|will|should"
    r"|shall|may|might|am|got|any|anything|ever|isn't|aren't|don't|didn't|wasn't|weren't"
    r"|haven't|hasn't|won't|wouldn't|couldn't|can't|shouldn't)\b)")
_QUESTION_RULES = {"one_fact": ("closed_question", "closed_question.one_fact"),
                   "wh": ("open_question", "open_question.wh"),
                   "invite": ("open_question", "open_question.invite"),
                   "yes_no": ("closed_question", "closed_question.yes_no")}
# A question typed without its "?" (as in a text message): it opens the way
# only a question does, and its sentence ends with no punctuation at all.
_TEXTED_QUESTION = _compile(
    r"\W*(?:(?:so|and|but|hey|ok|okay)\W+)?(?:(?:what|why|how) (?:made|did|do|does|were|was"
    r"|are|is|have|has|would|could|can)|(?:did|do|does|were|was|are|have|has|can|could|would"
    r"|will) you)\b")
# A summary that accuses rather than mirrors ("so you saw me and carried on").
_ACCUSING = _compile(r"\b" + _NEGLECTED + r"\b")
# Sarcasm turns thanks into something else ("oh great, thanks for the lecture").
_SARCASM = _compile(r"(?:^|[.!?]\s+)\W*(?:oh|wow),? (?:great|thanks|perfect|wonderful|lovely"
                    r"|brilliant|fantastic|fabulous|nice)\b")

# A more specific move wins over a general one in the same clause (labels.md,
# conventions 2 and 4): loser label -> the labels it yields to.
_DEFENSIVE = frozenset(DEFENSIVE_LABELS)
_YIELDS_TO: tuple[tuple[str, frozenset[str]], ...] = (
    ("reflection", _DEFENSIVE | {"insult"}),
    ("acknowledgment", _DEFENSIVE | {"apology", "non_apology"}),
    ("you_blame", _DEFENSIVE | {"insult", "reflection", "acknowledgment"}),
    ("gratitude", _DEFENSIVE | {"you_blame"}),
    ("commitment", _DEFENSIVE),
    ("i_statement", _DEFENSIVE | {"you_blame", "insult", "acknowledgment", "reflection"}),
)
# Moves that make a question rhetorical, a request or a proposal: no question label.
_NOT_ASKING = _DEFENSIVE | {"you_blame", "insult", "reflection", "commitment", "non_apology"}
_MINE_ONLY = frozenset(rule for rule, _, guards, _, _ in _TABLE if guards & MINE)
_ORDER = {label: index for index, label in enumerate(LABELS)}


# ---------------------------------------------------------------------------
# The text as the rules see it.

class _View:
    """Normalised text (same length as the original) with quotes and reports masked,
    and where its sentences and clauses start."""

    __slots__ = ("_breaks", "_ends", "lower", "sentences", "text")

    def __init__(self, raw: str) -> None:
        text = raw if raw.isascii() and "`" not in raw and "\t" not in raw \
            else raw.translate(_NORMALISE)
        if "'" in text or '"' in text:
            text = _mask_quotes(text)
        if _REPORTING_HINT.search(text):
            text = _mask_reports(text)
        self.text = text
        lower = text.lower()
        if len(lower) != len(text):  # a few letters grow when lowercased ("İ")
            lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        self.lower = lower
        self.sentences = _spans(text, _SENTENCE_END) or [(0, len(text))]
        self._ends = [end for _, end in self.sentences]
        self._breaks: list[int] | None = None

    def _clause_starts(self) -> list[int]:
        """Where clauses start; worked out on first need (once some rule fired)."""
        if self._breaks is None:
            self._breaks = [0, *[m.end() for m in _CLAUSE_BREAK.finditer(self.lower)]]
        return self._breaks

    def clause(self, pos: int) -> int:
        """Start of the clause holding `pos`."""
        starts = self._breaks or self._clause_starts()
        return starts[bisect_right(starts, pos) - 1]

    def clause_end(self, pos: int, limit: int) -> int:
        """End of the clause holding `pos`, at most `limit`."""
        starts = self._clause_starts()
        index = bisect_right(starts, pos)
        end = starts[index] if index < len(starts) else limit
        return _trim(self.text, pos, min(end, limit))[1]

    def sentence(self, pos: int) -> tuple[int, int]:
        """The sentence holding `pos` (or the next one, or the last)."""
        index = bisect_right(self._ends, pos)
        return self.sentences[min(index, len(self.sentences) - 1)]


def _mask_quotes(text: str) -> str:
    first, last = len(text) - len(text.lstrip()), len(text.rstrip())

    def mask(m: re.Match[str]) -> str:
        quote = m.group()
        if m.start() == first and m.end() == last:  # the whole utterance in quotes
            return quote
        return quote[0] + "_" * (len(quote) - 2) + quote[-1]

    return _QUOTE.sub(mask, text)


def _mask_reports(text: str) -> str:
    def mask(m: re.Match[str]) -> str:
        said = m.start(1) - m.start()
        return m.group()[:said] + "_" * (m.end(1) - m.start(1))

    return _REPORTED.sub(mask, text)


def _spans(text: str, breaks: re.Pattern[str]) -> list[tuple[int, int]]:
    ends = [m.end() for m in breaks.finditer(text)]
    ends.append(len(text))
    spans, start = [], 0
    for end in ends:
        if start < end:
            edge, last = text[start], text[end - 1]
            span = (_trim(text, start, end) if edge.isspace() or edge == "_" or last.isspace()
                    else (start, end))  # most sentences need no trimming
            if span[0] < span[1]:
                spans.append(span)
        start = end
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] == "_"):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# ---------------------------------------------------------------------------
# Finding moves.

def _guarded(view: _View, guards: int, start: int, end: int) -> bool:
    """True when the clause before the match says the move is not the speaker's own."""
    text = view.lower
    before = text[view.clause(start):start]
    if guards & NEG and _NEG_BEFORE.search(before):
        return True
    if guards & SUB and _SUB_BEFORE.search(before):
        return True
    if guards & START and not _FILLERS_ONLY.fullmatch(before):
        return True
    if guards & EMB and _EMB_BEFORE.search(before):
        return True
    if guards & YOU and not _YOU_CLAUSE.match(before):
        return True
    if guards & REFL:
        opening = view.sentence(start)[0]
        return bool(_REFLECT_START.match(text, opening) or _REFL_AFTER.match(text, end)
                    or _REFL_BEFORE.search(text, opening, start))
    return False


_Step = tuple["re.Pattern[str] | None", tuple[tuple[str, str, int], ...]]
# (first word, next word) -> the pattern to try there and (rule, label, guards)
# per group: one lookup per word read instead of three. Bounded: cleared when
# it grows past what any story's vocabulary needs.
_STEPS: dict[tuple[str, ...], _Step] = {}
_MAX_STEPS = 50_000


def _step_at(first: str, second: str) -> _Step:
    entry = _OPENINGS.get(first)
    plan = _ANYWHERE if entry is None else entry[0].get(second, entry[1])
    if not plan:
        return None, ()
    pattern = _COMPILED.get(id(plan)) or _compile_plan(plan)
    groups = tuple(_RULES_BY_GROUP[_GROUP_NAMES[number]][:3] for number, _ in plan)
    return pattern, groups


def _table_hits(view: _View) -> list[_Hit]:
    hits: list[_Hit] = []
    lower, steps = view.lower, _STEPS
    for token in (_STARTS if not _ANYWHERE else _ANY_WORD).finditer(lower):
        pair = token.groups()
        step = steps.get(pair)
        if step is None:
            if len(steps) > _MAX_STEPS:
                steps.clear()
            step = steps[pair] = _step_at(*pair)
        pattern, groups = step
        if pattern is None:
            continue
        fired = pattern.match(lower, token.start())
        if fired is None or fired.lastindex is None:
            continue  # no rule fired here
        for (rule, label, guards), (begin, end) in zip(groups, fired.regs[1:], strict=False):
            if begin < 0:
                continue
            if guards & ~MINE and _guarded(view, guards, begin, end):
                continue
            hits.append((label, begin, end, rule))
    return hits


def _reflection_hits(view: _View) -> list[_Hit]:
    hits: list[_Hit] = []
    lower = view.lower
    heard = any(cue in lower for cue in _REFLECT_CUES)
    for start, end in view.sentences:
        opening = _REFLECT_START.match(lower, start, end) if lower[start] in "sioar" else None
        if opening is not None and _ACCUSING.search(lower, start, end):
            continue  # "so you knew, and you pretended..." accuses; it does not mirror
        if opening is not None:
            hits.append(("reflection", start, end, f"reflection.{opening.lastgroup}"))
        elif heard and _REFLECT_ANY.search(lower, start, end):
            hits.append(("reflection", start, end, "reflection.i_hear"))
    return hits


def _apology_hits(view: _View, found: list[_Hit]) -> list[_Hit]:
    """"I'm sorry I..." is an apology; "sorry if you..." or "sorry, but <defence>" is not."""
    text, hits = view.lower, []
    last_defence = max((h[1] for h in found if h[0] in _DEFENSIVE), default=-1)
    for cue in _APOLOGY_CUE.finditer(text):
        end = view.sentence(cue.start())[1]
        before = text[view.clause(cue.start()):cue.start()]
        if not _APOLOGY_SUBJECT.fullmatch(before):
            continue  # "I'm not sorry", "say sorry to him", "I feel sorry for..."
        if cue.group().lower().startswith("apologi") and cue.group().lower() != "apologies" \
                and not _HAS_SUBJECT.search(before):
            continue  # "...and apologise" is a plan, not an apology
        after = text[cue.end():end]
        if _APOLOGY_REPAIR.match(after) or (text[end - 1] == "?" and not before.strip()):
            continue  # "Sorry, what did you say?"
        if _APOLOGY_CONDITIONAL.match(after):
            hits.append(("non_apology", cue.start(), end, "non_apology.conditional"))
            continue
        but = _BUT.search(after)
        if but is None:
            hits.append(("apology", cue.start(), view.clause_end(cue.start(), end),
                         "apology.own_act"))
        elif last_defence >= cue.end() + but.start():
            hits.append(("non_apology", cue.start(), cue.end() + but.end(),
                         "non_apology.sorry_but"))
    return hits


def _question_hits(view: _View, found: list[_Hit]) -> list[_Hit]:
    hits: list[_Hit] = []
    text = view.lower
    if "?" not in text and not any(cue in text for cue in _INVITE_CUES) \
            and not text[-1:].isalnum() and "\n" not in text:
        return hits
    moved = {view.sentence(h[1]) for h in found if h[0] in _NOT_ASKING}
    for start, end in view.sentences:
        asks = text[end - 1] == "?" or (text[end - 1].isalnum()
                                        and _TEXTED_QUESTION.match(text, start) is not None)
        if (start, end) in moved:
            continue  # rhetorical, a proposal or a reflection: labelled by its move
        kind = _question_kind(text, start, end, asks)
        if kind is not None:
            label, rule = _QUESTION_RULES[kind]
            hits.append((label, start, end, rule))
    return hits


def _question_kind(text: str, start: int, end: int, asks: bool) -> str | None:
    body = _LEAD.match(text, start, end).end()  # type: ignore[union-attr]
    if asks and _NOT_A_QUESTION.fullmatch(text, body, end):
        return None  # "Sorry, what did you say?", "You know what?"
    found = _QUESTION_START.match(text, body, end)
    comma = text.find(",", body, end)
    if found is None and 0 <= comma - body <= 30:  # "Uncle Ray, what did you mean?"
        found = _QUESTION_START.match(text, _LEAD.match(text, comma + 1, end).end(),  # type: ignore[union-attr]
                                      end)
    kind = found.lastgroup if found is not None else None
    if kind == "invite":
        return kind
    if not asks or kind == "request":
        return None
    if kind is None:  # a statement said as a question: "You were there?"
        return "yes_no" if count_words(text[body:end]) >= 2 else None
    return kind


# ---------------------------------------------------------------------------
# Settling the labels.

def _resolve(view: _View, hits: list[_Hit]) -> list[_Hit]:
    labels = {h[0] for h in hits}
    if len(labels) < 2 and "gratitude" not in labels \
            and not any(h[3] in _MINE_ONLY for h in hits):
        return hits  # one move, nothing to settle (the common case)
    for loser, winners in _YIELDS_TO:
        if loser in labels and not labels.isdisjoint(winners):
            beaten = _beaten_by(view, [h for h in hits if h[0] in winners])
            hits = [h for h in hits if h[0] != loser or not beaten(h)]
            labels = {h[0] for h in hits}
    drop: set[str] = set()
    if "def_victimhood" in labels:
        drop.add("i_statement")  # their "I feel..." recentres their hurt too
    if any(h[3] in ("def_tone_policing.sarcasm", "you_blame.sarcastic_thanks") for h in hits) \
            or (("oh" in view.lower or "wow" in view.lower) and _SARCASM.search(view.lower)):
        drop.add("gratitude")
    hits = [h for h in hits if h[0] not in drop
            and (h[3] not in _MINE_ONLY or "apology" in labels)]
    if labels & (_DEFENSIVE | {"non_apology"}):  # blame while defending turns it back
        hits = [("def_counterattack", h[1], h[2], "def_counterattack.blame_in_defence")
                if h[0] == "you_blame" else h for h in hits]
    return hits


def _beaten_by(view: _View, rivals: list[_Hit]) -> Callable[[_Hit], bool]:
    """A test: is a hit in the same clause as a rival, or does a rival start inside it?"""
    clauses = {view.clause(r[1]) for r in rivals}
    starts = sorted(r[1] for r in rivals)

    def beaten(hit: _Hit) -> bool:
        if view.clause(hit[1]) in clauses:
            return True
        index = bisect_left(starts, hit[1])
        return index < len(starts) and starts[index] < hit[2]

    return beaten


def _evidence(raw: str, view: _View, hits: list[_Hit]) -> tuple[Evidence, ...]:
    unique: dict[tuple[int, int, str], Evidence] = {}
    for label, start, end, rule in hits:
        start, end = _trim(view.text, start, end)
        while end > start and view.text[end - 1] in ",;:":
            end -= 1
        if start < end and (start, end, label) not in unique:
            unique[(start, end, label)] = Evidence(label, start, end, rule, raw[start:end])
    return tuple(sorted(unique.values(), key=lambda e: (e.start, _ORDER[e.label], e.end)))


def analyze(text: str) -> Analysis:
    """Label one utterance; deterministic, offline, and never raises on a str."""
    if not text or text.isspace():
        return Analysis(text, (), (), 0)
    view = _View(text)
    hits = _table_hits(view) + _reflection_hits(view)
    if "sorr" in view.lower or "apolog" in view.lower:
        hits += _apology_hits(view, hits)
    hits = _resolve(view, hits)
    hits += _question_hits(view, hits)
    evidence = _evidence(text, view, hits)
    labels = tuple(sorted({e.label for e in evidence}, key=_ORDER.__getitem__))
    return Analysis(text, labels, evidence, count_words(text))
