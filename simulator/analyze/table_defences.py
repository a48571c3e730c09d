"""Rules for the seven kinds of defence (the def_* labels). Each row: (rule id,
label, guards, pattern, explanation)."""

from __future__ import annotations

from simulator.analyze.fragments import (
    _IDENTITY,
    _IM,
    _YOU_ARE,
    NEG,
    OWN,
    REFL,
    START,
    SUB,
    YOU,
)

DEFENDING: tuple[tuple[str, str, int, str, str], ...] = (
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
     r"|all the time|as well)\b"
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
     r"|talked down to)\b"
     # Lecturing is how it was raised (docs/labels.md rule 44), not a counter-charge.
     r"|\b(?:lectur(?:e|ing)|preach(?:ing)? at|moralis(?:e|ing)|moraliz(?:e|ing)) (?:me|us)\b"
     r"|\b(?:get|getting|got|take|taking|need|want) (?:a |another |the |your )?lecture\b"
     r"|\bcome at me\b|\b(?:talk|speak)(?:ing)? to me like that\b"
     r"|\b(?:nobody|no one)(?:'s| is) attacking\b|\bwithout (?:shouting|yelling|screaming"
     r"|attacking me|getting (?:so )?(?:worked up|emotional|angry|upset))\b"
     r"|\b(?:don't|do not|no need to|stop|quit) (?:get|getting|be|being) (?:so |this |that |all )?"
     r"(?:emotional|worked up|dramatic|hysterical|upset|angry|aggressive|heated|touchy)\b"
     r"|\b(?:when|once|until) you(?:'re| are|'ve| have) (?:calmer|calm|calmed down|less"
     r" emotional|ready to be civil|done (?:yelling|shouting))\b"
     r"|\byou(?:'re| are)? (?:(?:always|just|really) )?(?:making|make|made|kicking up) (?:such )?"
     r"a (?:fuss|scene|song and dance)\b|\bwhy (?:the|all the|such a) fuss\b",
     "objects to how it was said, not to what was said"),
    # Rule 19 of docs/labels.md: objecting to a fuss in any words ("no need to make a
    # meal of it"). Not "a thing" or "an issue": the one raising it says "let's not
    # make it a thing" of their own concern.
    ("def_tone_policing.fuss", "def_tone_policing", 0,
     r"\b(?:let'?s not|let us not|don't|do not|no need to|why) (?:make|making) (?:a |such a "
     r"|this |the |all )?(?:whole |big |huge |great )?(?:afternoon|day|evening|meal|production"
     r"|drama|palaver|performance|song and dance|fuss|saga|federal case)\b",
     "objects to a fuss instead of hearing what was said"),
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
    ("def_victimhood.excuse_me", "def_victimhood", 0,
     r"\b(?:excuse|pardon) me for (?!asking\b|interrupting\b|butting in\b|intruding\b"
     r"|saying so\b)(?:not |\w+ing\b|having\b)|\bwell,? (?:excuse|pardon) me\b",
     "a sarcastic 'excuse me' that makes them the one wronged ('excuse me for trying')"),
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
     r"|ageist|islamophobic|that (?:kind of |sort of )?(?:person|guy|man|woman)|like that)\b"
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
    ("def_minimizing.everyone_does", "def_minimizing", NEG | REFL | SUB,
     r"\b(?:everyone|everybody|people|we all|all of us)(?: [\w-]+){0,4}? (?:does|do|says|say"
     r"|jokes|joke|makes|make|talks|talk|rotates) (?:it|that|this|those jokes|like that"
     r"|stuff like that|worse|the same|partners)\b",
     "says everybody does it, so it cannot matter"),
    ("def_minimizing.soon_forgotten", "def_minimizing", NEG | REFL | SUB,
     r"\b(?:nobody|no one|no-one)(?:'s| is| was| will| even)?\b[^.?!,]{0,30}?\b(?:going to"
     r" remember|gonna remember|will remember|remembers? it|thought twice)\b",
     "says nobody will remember it, so it cannot matter"),
    ("def_minimizing.everyone_laughed", "def_minimizing", NEG | REFL | SUB | OWN,
     r"\b(?:everyone|everybody|they|people|the others|your \w+|the whole (?:table|room|team))"
     r"\s+(?:(?:all|else) )?(?:thought it was (?:funny|hilarious|fine)|laughed|found it funny"
     r"|(?:was|were) laughing|loved it)\b",
     "says everyone laughed, so it cannot have hurt"),
    ("def_minimizing.only_one", "def_minimizing", NEG | REFL,
     r"\b(?:it's|it is|it was|that's|that was) (?:still |only |just )?one (?:day|night|joke"
     r"|comment|remark|time|evening|word|meeting)\b|\b(?:bigger|more of a) (?:thing|deal)"
     r" (?:than|out of) (?:it is|it was|it needs to be|nothing)\b|\bforget i (?:said|mentioned)"
     r" (?:anything|it)\b|\bread(?:s|ing)? (?:\w+ )?into everything\b",
     "shrinks it to one small thing ('it's one day')"),
    # Rule 21 of labels.md: "nobody minded" says it was no problem.
    ("def_denial.nobody_minded", "def_denial", NEG | REFL | SUB,
     r"\b(?:nobody|no one|no-one)(?:'s| is| was| will| even| has| had| ever)*\b[^.?!,]{0,30}?"
     r"\b(?:took it seriously|minded|was offended|got offended|complained(?! about me)"
     r"|batted an eye(?:lid)?|turned a hair|objected|raised an eyebrow|said (?:a word|boo))\b",
     "says nobody minded, so it was no problem"),
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
    ("def_intent.on_purpose", "def_intent", 0,
     r"\bi(?:'d| would)? (?:never )?(?:do|did|say|said) (?:anything|something|it|that)"
     r"(?: like that)? on purpose\b|\b(?:it|that) (?:wasn't|was not|isn't) (?:on purpose"
     r"|deliberate|intentional)\b|\bi didn't do it (?:on purpose|deliberately|intentionally)\b",
     "answers impact with intent ('I'd never do that on purpose')"),
    ("def_counterattack.what_more", "def_counterattack", NEG,
     r"\bwhat (?:more|else) (?:do|did|could|can) you (?:possibly )?(?:want|expect)\b(?! from me)",
     "turns it back: the listener is asking too much ('what more do you want?')"),
)
