"""Pieces of pattern the rule tables share, and the guards a rule can carry."""

from __future__ import annotations

# ---------------------------------------------------------------------------
# Rule table: (rule id, label, guards, pattern, explanation for a learner).
# Guards say when a match does not count, judged on the text of its clause
# before the match: NEG a negation ("I'm not saying it was just a joke"), SUB a
# subordinate clause ("when you left..."), START anything but fillers before
# "you", REFL a reflection of the other's view ("so for you it was harmless"),
# EMB an embedded report ("tell him I was out of line"), MINE only counts
# next to an apology (otherwise it may judge the other's act), YOU only when
# the clause is about "you" ("you were there the whole night"), OWN the speaker
# telling what they did ("I did that and everyone laughed. That's on me").
NEG, SUB, START, REFL, EMB, MINE, YOU, OWN = 1, 2, 4, 8, 16, 32, 64, 128

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

THANKS = r"(?:thank you|thanks|thank u|thx)"
# Thanks for something outside the talk (labels.md rule 32): small talk, no label.
SMALL_THINGS = (r"(?:the |a |my |your |this |that )?(?:coffees?|tea|cuppa|lift|ride|drinks?|lunch"
                r"|dinner|hosting|having me|invite|pint|cake|biscuits?|food|meal|brew|beer|wine"
                r"|snacks?|pizza|sandwich|breakfast)\b")
SMALL_THANKS_FOR = r"\W*(?:so much |very much |a lot )?(?:for|4) " + SMALL_THINGS
