"""Rules for blame and insults. Each row: (rule id, label, guards, pattern,
explanation)."""

from __future__ import annotations

from simulator.analyze.fragments import (
    _INSULT_NOUN,
    _NEGLECTED,
    _OBJ,
    _YOU_ARE,
    NEG,
    START,
    SUB,
    YOU,
)

BLAMING: tuple[tuple[str, str, int, str, str], ...] = (
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
    # --- more shapes of the defences and of blame ------------------------------
    ("you_blame.didnt_bother", "you_blame", NEG | SUB,
     r"\byou (?:just |clearly |obviously )?(?:didn't|did not) (?:think|look|check|notice"
     r"|stop to think)\b",
     "blames the listener for not thinking ('you didn't think it through')"),
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
)
