"""The grammar of event reports: trigger words, gating words and the tags and dependencies read.

English words only; what a beat knows about the world lives in `bot/data/`.
"""

from __future__ import annotations

from bot.models import EventType

VERB_TRIGGERS = {
    "meet": EventType.MEETING,
    "receive": EventType.MEETING,
    "host": EventType.MEETING,
    "hold": EventType.MEETING,
    "discuss": EventType.MEETING,
    "review": EventType.MEETING,
    "exchange": EventType.MEETING,
    "confer": EventType.MEETING,
    "welcome": EventType.MEETING,
    "greet": EventType.MEETING,
    "call": EventType.CALL,
    "phone": EventType.CALL,
    "telephone": EventType.CALL,
    "speak": EventType.CALL,
    "visit": EventType.VISIT,
    "arrive": EventType.VISIT,
    "land": EventType.VISIT,
    "touch": EventType.VISIT,  # "touched down in Seoul"
    "write": EventType.LETTER,
    "send": EventType.LETTER,
    "hand": EventType.LETTER,  # "handed the letter to X"
    "deliver": EventType.LETTER,
    "sign": EventType.AGREEMENT,
    "agree": EventType.AGREEMENT,
    "attack": EventType.ATTACK,
    "strike": EventType.ATTACK,
    "bomb": EventType.ATTACK,
    "shell": EventType.ATTACK,
}
NOUN_TRIGGERS = {
    "meeting": EventType.MEETING,
    "talk": EventType.MEETING,
    "talks": EventType.MEETING,
    "discussion": EventType.MEETING,
    "consultation": EventType.MEETING,
    "summit": EventType.MEETING,
    "dinner": EventType.MEETING,
    "lunch": EventType.MEETING,
    "luncheon": EventType.MEETING,
    "call": EventType.CALL,
    "conversation": EventType.MEETING,  # a call when by phone ("a telephone conversation")
    "visit": EventType.VISIT,
    "trip": EventType.VISIT,
    "letter": EventType.LETTER,
    "message": EventType.LETTER,
    "agreement": EventType.AGREEMENT,
    "accord": EventType.AGREEMENT,
    "deal": EventType.AGREEMENT,
    "memorandum": EventType.AGREEMENT,
    "attack": EventType.ATTACK,
    "assault": EventType.ATTACK,
    "strike": EventType.ATTACK,
}
# Verbs that only make an event with a fitting object ("hold talks", "send a letter").
OBJECT_GATED = {
    "hold": {
        "talk",
        "talks",
        "meeting",
        "meet",
        "consultation",
        "discussion",
        "conversation",
        "summit",
        "call",
    },
    "send": {"letter", "message"},
    "hand": {"letter", "message", "note"},
    "deliver": {"letter", "message", "note"},
    "exchange": {"view", "opinion", "idea", "greeting", "pleasantry", "letter", "message"},
}  # not "exchanged fire", "exchanged accusations"
# Verbs that make a meeting only "with" someone ("reviewed the campaign with Gen. Roberson").
WITH_GATED = {"review", "exchange"}
# "received a letter" is a letter, "received a phone call" a call.
OBJECT_OVERRIDES = {
    "letter": EventType.LETTER,
    "message": EventType.LETTER,
    "call": EventType.CALL,
}
# "called on X to ...", "called for calm": an appeal, not a call.
APPEAL_PREPS = {"on", "for"}
# "called X by his first name": naming, not a call.
NAMING_NOUNS = {"name", "nickname", "surname"}
# "spoke with", "spoke to": a conversation with someone.
SPEAK_PREPS = {"with", "to"}
# Words that make an event the occasion of another ("met on the sidelines of the summit",
# "will host X for a summit on Thursday").
OCCASION_WORDS = {"at", "during", "for", "sidelines", "margins", "amid"}
# Words that put a conversation in one room ("spoke in the presence of X", "on the sidelines").
IN_PERSON_WORDS = {"presence", "sidelines", "margins"}
# ... and so do these before a meeting noun ("spoke with X in a working group meeting").
MEETING_PREPS = {"in", "at", "during"}
PHONE_WORDS = {"phone", "telephone"}
# "discussed by phone", "talks over the phone": a meeting word for a call.
PHONE_PREPS = {"by", "over", "via"}
# "agreed on the need for cooperation" is a shared view, not an agreement.
AGREE_ON_PREPS = {"on", "upon"}
VIEW_NOUNS = {"need", "importance", "necessity", "significance", "value", "principle"}
# "agreed to further engagement", "agreed to keep talking", "agreed to meet again": an
# intention to go on talking or working together, no agreement made.
TALKING_ON = {
    "continue", "keep", "maintain", "remain", "stay", "meet", "talk", "speak", "engage",
    "cooperate", "work", "communicate", "coordinate", "consult",
    "engagement", "dialogue", "contact", "communication", "coordination", "consultation",
    "cooperation", "exchange", "discussion", "talks", "meeting",
}  # fmt: skip
# "reaffirmed the agreement", "violated the deal": an agreement made before, not a new one;
# "brokered the deal": one whose parties the clause does not name.
STANDING_AGREEMENT_VERBS = {
    "reaffirm",
    "affirm",
    "uphold",
    "honour",
    "honor",
    "respect",
    "implement",
    "enforce",
    "abide",
    "violate",
    "breach",
    "break",
    "abandon",
    "scrap",
    "withdraw",
    "renegotiate",
    "broker",  # "X and Y brokered the deal": go-betweens, not its parties
    "mediate",
}
# "spoke out against the deal", "a row over the accord": an agreement argued over.
ARGUED_PREPS = {"against", "over", "about", "regarding"}
# "the deal includes X", "the accord covers Y", "the agreement is a surrender": what an
# agreement holds or is, not its making.
CONTENT_VERBS = {"include", "contain", "cover", "comprise", "feature", "involve", "require", "be"}
# Triggers that name what was talked about, not how: "discuss" in a headline is the call or
# meeting the body reports.
WEAK_TRIGGERS = {"discuss", "review", "exchange"}
# When one sentence yields several types for the same people, the most specific wins.
TYPE_PRIORITY = [
    EventType.CALL,
    EventType.LETTER,
    EventType.MEETING,
    EventType.AGREEMENT,
    EventType.ATTACK,
    EventType.VISIT,
    EventType.STATEMENT,
    EventType.OTHER,
]
# Countries and cities can be a side of these; of meetings and calls only people and bodies.
STATE_EVENTS = {EventType.AGREEMENT, EventType.ATTACK}
# Event nouns that, made definite ("the meeting"), refer to an event already reported.
ANAPHORIC_TYPES = {EventType.MEETING, EventType.CALL, EventType.VISIT}

# Parts of speech and dependencies.
VERB_TAGS = {"VERB", "AUX"}
NOUN_TAGS = {"NOUN", "PROPN"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
OBJECT_DEPS = {"dobj", "obj", "attr"}
# ... and what a gated verb acts on, also as a passive subject ("the letter was handed to X").
GATE_OBJECT_DEPS = {*OBJECT_DEPS, "nsubjpass"}
# Dependencies of an argument that makes its actor a side of the event.
ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj"}
# Dependencies that open a clause of its own within the trigger's.
CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "parataxis", "csubj", "acl"}
# Clauses without a subject of their own, whose subject is their governing verb's ("led a
# delegation to meet X", "travelled to Y to hold talks with Z").
CONTROLLED_DEPS = {"xcomp", "advcl"}
# ... and infinitives on the governing verb's object ("led a delegation to meet X").
INFINITIVE_RELATIVE_DEPS = {"relcl", "acl"}
# "spoke to reporters after a meeting with X": an event noun after these is an event of its
# own, not the content of the verb it hangs on.
SEQUENCE_PREPS = {"after", "before", "following"}
# "The talks follow negotiations last week": the date belongs to the other event.
SEQUENCE_VERBS = {"follow", "precede", "succeed"}

# Prepositions that name a side: "met with X", "talks between X and Y", "a visit by X".
PARTY_PREPS = {"with", "between", "from", "by"}
# ... and, of an agreement or an attack, "an attack on X", "strikes against X".
STATE_PARTY_PREPS = {"on", "against"}
# Prepositions that join a group noun to its event ("met with a delegation").
GROUP_PREPS = {"with", "by", "between"}
# "US officials", "a Chinese delegation": the country a group noun's modifier names.
COUNTRY_MODIFIER_DEPS = {"compound", "amod", "nmod"}
COUNTRY_ENTITIES = {"GPE", "NORP"}
UNNAMED_PARTY = "unnamed {} delegation"
# "X led the US delegation", "Y joined the Chinese team": the group is the subject's own side.
OWN_PARTY_VERBS = {"lead", "head", "join", "accompany"}
# Prepositions that locate an event ("met in Erbil", "talks at the palace").
PLACE_PREPS = {"in", "at"}
# Prepositions that name what is discussed ("talks about the war in X", "including Y").
TOPIC_PREPS = {"about", "regarding", "concerning", "including"}
# "a day after the meeting": the event is dated from its clause's date.
OFFSET_PREPS = {"after", "before"}
# "told reporters after the meeting", "briefed them about the talks": an event named only to
# time or to describe what the clause tells.
TIMING_PREPS = {"after", "before", "following", "since", "ahead", "about", "regarding"}
TIME_UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7}
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}

# Words that make a report of a planned event: "will meet", "plans to visit", "the upcoming talks".
FUTURE_AUX = {"will", "shall", "'ll", "would"}
# "could leave the meeting with a deal", "might meet": a possibility, not an event.
HYPOTHETICAL_AUX = {"could", "might", "may"}
PLAN_VERBS = {
    "plan",
    "schedule",
    "expect",
    "intend",
    "prepare",
    "set",
    "due",
    "hope",
    "seek",
    "likely",  # "is likely to meet"
    "intention",  # "conveyed his intention to meet"
    "invitation",  # "an invitation to visit"
    "invite",  # "invited the Prime Minister to attend"
    "offer",  # "offered to host", "an offer to meet"
    "propose",
    "proposal",
    "want",
    "wish",
    "willing",
    "ready",
}
PLAN_DEPS = {
    "xcomp",
    "acl",
    "dobj",
}  # "plans to visit", "confirmed plans to visit", "planning trips"
PLANNED_WORDS = {"upcoming", "planned", "scheduled"}  # the trigger or its clause's verb
PLANNED_MODIFIERS = {
    "upcoming",
    "planned",
    "forthcoming",
    "planning",
    "possible",
    "potential",
    "proposed",
    "prospective",
}  # of the trigger ("planning" mis-read as a noun: "are planning trips"; "a possible summit")
# "the likelihood of a summit", "his call for new talks", "preparations for the meeting": an
# event noun after "of" or "for" on these is a prospect, not a report.
PROSPECT_NOUNS = {
    "likelihood",
    "possibility",
    "prospect",
    "chance",
    "hope",
    "call",
    "demand",
    "request",
    "proposal",
    "preparation",
    "plan",
    "idea",
    "push",
    "bid",
    "invitation",  # "an invitation for a summit"
}
PROSPECT_PREPS = {"of", "for"}
# "facilitated summits between X and Y", "many meetings": a bare plural of a countable event
# noun (no article, number or owner) names a kind of event, not one. "talks" and
# "discussions" are left out: their plural names one event ("held talks").
COUNTABLE_EVENT_NOUNS = {"meeting", "summit", "call", "visit", "trip", "letter", "dinner", "lunch"}
VAGUE_QUANTIFIERS = {"many", "several", "numerous", "multiple", "frequent", "regular", "repeated"}
# "met several times", "spoke regularly": a habit, not one event.
REPEAT_ADVERBS = {"repeatedly", "regularly", "often", "frequently", "routinely", "usually"}
# "met separately with B and C": one event with each of them.
SEPARATE_WORDS = {"separately", "individually", "separate", "bilateral", "series"}
# Verbs that say an event did not happen ("denied meeting", "cancelled the visit").
UNDOING_VERBS = {"deny", "cancel", "postpone"}

# References to people and events named earlier.
PRONOUNS = {"he", "she"}
# "X said the letter was handed to him": the person reporting it.
OBJECT_PRONOUNS = {"him", "her"}
PRONOUN_OBJECT_DEPS = {"dobj", "pobj", "dative"}
# "after his first summit with X": the owner of an event noun is a side.
POSSESSIVE_PRONOUNS = {"his", "her"}
# "they met", "the two leaders held talks": the people of the event last told.
PLURAL_PRONOUNS = {"they"}
PAIR_NUMBERS = {"two", "2"}
# "X, who arrived ...": the relative pronoun subject stands for the noun its clause modifies.
RELATIVE_PRONOUNS = {"who", "that"}
DEFINITE_DETERMINERS = {"the", "this", "that"}
POSSESSIVE_MARKERS = {"'s", "’s", "'", "’"}
# Role nouns that, as "the diplomat", refer back to a person already named.
ROLE_NOUNS = {
    "diplomat",
    "envoy",
    "ambassador",
    "official",
    "minister",
    "senator",
    "general",
    "secretary",
    "consul",
    "commander",
    "chancellor",
    "premier",
    "congressman",
    "lawmaker",
    "leader",
    "ruler",
}
# Nouns for a party whose members may be named later ("received a US delegation").
GROUP_NOUNS = {
    "delegation",
    "delegate",
    "team",
    "leadership",
    "leader",
    "official",
    "diplomat",
    "envoy",
    "senator",
    "lawmaker",
    "congressman",
    "side",
    "mission",
}
# Participial clauses that say who made up a party ("a delegation led by ...").
MEMBER_CLAUSE_VERBS = {"lead", "head", "include", "comprise", "accompany", "compose"}
# Verbs of a clause listing a party's members ("The US delegation included ...").
MEMBERSHIP_VERBS = {"include", "consist", "comprise", "compose", "lead", "head"}

# Statements: verbs of saying, dated on their own phrases ("X said on Monday that ...") ...
SPEECH_VERBS = {
    "say",
    "tell",
    "announce",
    "declare",
    "state",
    "warn",
    "indicate",
    "reply",
    "respond",
    "stress",
    "insist",
    "suggest",
}
# "— Name (@handle) November 9, 2018": how far after the signature its date may run.
SIGNATURE_DATE_TOKENS = 6
# "a joint statement": made by both sides together.
JOINT_WORDS = {"joint", "combined"}
# ... statements made or held ("issued a statement", "held a press conference") ...
STATEMENT_MAKERS = {"issue", "make", "release", "deliver", "hold", "give", "publish"}
STATEMENT_NOUNS = {
    "statement",
    "comment",
    "remark",
    "remarks",
    "announcement",
    "conference",  # "press conference", "news conference"
}
# ... and what a verb of saying governs that does not date the saying: its subject, what was
# said (a clause, or an object: "stressed the importance of X in talks on Sunday"), and
# clauses of their own.
WORDS_DEPS = {
    "nsubj",
    "dobj",
    "nsubjpass",
    "ccomp",
    "xcomp",
    "advcl",
    "parataxis",
    "conj",
    "csubj",
    "relcl",
}
# Dependencies that join a name to the noun it names ("Minister Ri Ok-sun (center)").
NAME_DEPS = {"compound", "appos", "nmod", "flat"}

# Visits: the prepositions that name where a visitor went ("a trip to China", "arrived in
# Seoul"), the verbs of arriving, which report a visit only with such a place, and the
# events a visit may be no more than the trip to.
DESTINATION_PREPS = {"to", "in"}
ARRIVAL_VERBS = {"arrive", "land", "touch"}
ARRIVAL_PARTICLES = {"touch": "down"}
PLACE_ENTITIES = {"GPE", "LOC"}
# Verbs of a journey: "arrived on Wednesday for talks" dates the journey, not the talks.
TRIP_VERBS = {*ARRIVAL_VERBS, "travel", "fly", "come", "head", "leave", "depart"}
# Nouns of a journey whose purpose may be named after it ("a visit to Japan for a summit").
TRIP_NOUNS = {"visit", "trip", "tour", "journey", "mission"}
# "was headed to Paris", "is bound for Seoul": a journey still under way.
EN_ROUTE_PARTICIPLES = {"headed", "bound"}
TALK_TYPES = {EventType.MEETING, EventType.CALL}
# Nouns of talking that may report a call told before ("In the conversation, they agreed").
TALK_NOUNS = {"conversation", "talk", "talks", "discussion", "exchange"}
