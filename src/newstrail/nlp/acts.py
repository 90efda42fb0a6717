"""Acts: attributions whose cue is a deed, not speech ("Putin signed a law", "CARE offered
language classes", "Zelenskyy posted a video").

PolNeAR annotates attribution broadly (beliefs, intentions, perceptions and many deeds
done to an object), and the learned cue model, trained on it, keeps such verbs. An analyst
tracing who *said* what wants them apart: a deed is an event to count, not a claim to
corroborate. A claim is an act when its content is the verb's object or prepositional
object (not a clause, a quotation or an "according to" sentence) and its verb is none of
the verbs of saying, judging or taking a stance below. It stays in the store, marked
``kind = "act"`` (``newstrail claims --kind report`` leaves it out); PolNeAR scoring keeps
it, as PolNeAR does.

Hand-written: no library lists speech-act verbs, and the learned lexicon
(``data/claims/cues.json``) counts PolNeAR's broad notion, deeds included. Measured on
ukraine-news (docs/claims.md, "Acts"): 70 object claims drawn at random were judged by
hand, 37 of them deeds.
"""

from __future__ import annotations

from newstrail.nlp.attribution import CUE_NOUNS, QUOTE_VERBS, RULE_CUE_VERBS

# how the content was found when it is the verb's object (see attribution._content_of /
# _other_content): a noun phrase, not a proposition
OBJECT_HOWS = frozenset({"dobj", "prep", "prep2", "pred", "passive"})

# verbs whose object is what a source says, judges or stands for, beyond the reporting
# verbs of the rules (RULE_CUE_VERBS, QUOTE_VERBS: not repeated here): evaluating ("condemned the strikes", "mocked the reliance on ..."),
# naming ("called the drone homemade"), asking and wanting ("called for talks", "seeks a
# ceasefire"), taking a side ("supports the plan", "opposes the deal")
STANCE_VERBS = frozenset([
    "criticize", "criticise", "condemn", "praise", "mock", "ridicule", "blame", "call",
    "compare", "express", "voice", "slam", "denounce", "hail", "applaud", "thank",
    "endorse", "support", "oppose", "back", "favor", "favour", "want", "wish", "seek",
    "request", "defend", "label", "brand", "dub", "term", "challenge", "contradict",
    "echo", "highlight", "recognize", "recognise", "view", "regard", "portray",
    "characterize", "characterise", "frame", "see", "discuss", "welcome", "lambast",
    "castigate", "rebuke", "reaffirm", "plead", "appeal", "celebrate", "mourn",
    "commend", "disagree", "object", "protest", "fault", "suspect", "trust", "distrust",
    "prefer", "like", "love", "hate", "despise", "worry", "regret", "apologize",
    "apologise", "deplore", "excoriate", "envision", "envisage", "foresee", "rate",
    "liken", "blast", "speak", "talk", "rail", "link", "tie", "connect", "attribute",
    "credit", "paint", "chant", "reference", "lash", "scold", "chide", "berate",
    "taunt", "insult", "disparage", "belittle", "tout", "champion", "promote",
    "advocate", "push", "pitch", "float", "cast", "feel", "lay", "sound", "invoke",
    "side", "distance", "embrace", "underscore", "congratulate", "weigh", "articulate",
    "coin", "assail", "deem", "retweet", "hammer", "bemoan", "cry", "downplay",
    "recite", "savage", "remark", "allude", "brag", "shrug", "herald", "relish",
    "touch", "balk", "rule", "imagine", "contemplate",
])

# objects that make any verb a report: "issued a warning", "raised concerns", "offered
# condolences", "sent a message", "delivered an ultimatum"
SAID_OBJECTS = CUE_NOUNS | frozenset([
    "concern", "doubt", "fear", "hope", "criticism", "message", "appeal", "ultimatum",
    "demand", "call", "question", "opinion", "position", "threat", "condolence", "apology",
    "protest", "objection", "complaint", "request", "proposal", "plea", "praise", "support",
    "opposition", "condemnation", "thanks", "gratitude", "regret", "reassurance", "signal",
    "readout", "communique", "communiqué", "declaration", "speech", "address", "interview",
    "briefing", "update", "note", "letter", "tweet", "post", "video", "footage",
])

# stance verbs that are deeds when armed forces do them: "units defending the border",
# "brigades supporting the assault", "forces holding the line" (a minister defends a remark)
ARMED_VERBS = frozenset(["defend", "support", "back", "hold", "secure", "protect", "guard",
                         "cover", "reinforce", "commit", "push"])

SPEECH_VERBS = RULE_CUE_VERBS | QUOTE_VERBS | STANCE_VERBS


def is_act(lemma: str, how: str, object_lemma: str | None = None) -> bool:
    """Whether a verb claim of ``lemma`` whose content was found as ``how`` (with the verb's
    direct object ``object_lemma``, if any) is a deed rather than a report."""
    return how in OBJECT_HOWS and lemma not in SPEECH_VERBS and object_lemma not in SAID_OBJECTS
