"""Rules for the moves that own and repair: I-statements, acknowledgment,
gratitude and commitment. Each row: (rule id, label, guards, pattern, explanation)."""

from __future__ import annotations

from simulator.analyze.fragments import (
    _FUTURE,
    _IM,
    _MEET,
    _OBJ,
    EMB,
    MINE,
    NEG,
    SMALL_THANKS_FOR,
    SMALL_THINGS,
    THANKS,
)

OWNING: tuple[tuple[str, str, int, str, str], ...] = (
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
     r"(?<!\bno )\b(?:(?:" + THANKS + r"|many thanks|much appreciated)\b(?!"
     + SMALL_THANKS_FOR + r")|cheers for (?!" + SMALL_THINGS + r"))"
     r"|\bi (?:(?:really|truly|do|so|genuinely) )*appreciate\b|\b" + _IM + r" (?:really |so "
     r"|very |truly )?(?:grateful|thankful)\b|\b(?:really|truly|so) appreciate (?:it|that"
     r"|you)\b",
     "thanks the other person"),
    # --- commitment -----------------------------------------------------------
    ("commitment.will_do", "commitment", NEG,
     r"\b(?:next time|from now on|in future|in the future),? i(?:'ll| will)\b"
     # A bare "I promise" is an assurance ("it's just a coffee, I promise"), not a step.
     r"|\b(?:i'll|i will|i'm going to|i am going to|i'm gonna|i promise to|i commit to"
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
    ("acknowledgment.got_defensive", "acknowledgment", NEG | EMB,
     r"\bi (?:got|was|went|became|was being) (?:really |a bit |so |pretty )?(?:defensive"
     r"|prickly|snappy|short with you|dismissive)\b",
     "owns their own defensiveness ('I got defensive')"),
)
