"""What the grammar around a one-word name shows of a person: a verb people do ("X said"),
a possessive ("X's plans"), another person joined to it ("Cole and X"), a relative "who".

A one-word "person" with none of these anywhere in the article, and no first name or title,
is more likely a topic or a scrap of a place ("talk Brexit", "the Demilitarised").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from bot.knowledge import read_data

PERSON_VERBS = frozenset(read_data("titles")["person_verbs"])
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
POSSESSIVES = frozenset({"'s", "’s", "'", "’"})
RELATIVE_PERSON = frozenset({"who", "whom", "whose"})


def does_what_people_do(token: Token) -> bool:
    """The subject of a verb of saying, meeting or the like ("X said", "X welcomes Y")."""
    return token.dep_ in SUBJECT_DEPS and token.head.lemma_ in PERSON_VERBS


def met_by_person(token: Token) -> bool:
    """The object of such a verb whose subject is a person ("May welcomes X", "Pak met with
    X")."""
    verb = token.head
    if token.dep_ == "pobj" and verb.lower_ == "with":
        verb = verb.head
    elif token.dep_ != "dobj":
        return False
    if verb.lemma_ not in PERSON_VERBS:
        return False
    # A person tagged as an auxiliary is a misparsed subject ("May welcomes X": "may").
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS or c.dep_ == "aux"]
    return any(c.ent_type_ == "PERSON" for c in subjects)


def joined_to_person(token: Token) -> bool:
    """Coordinated with a name the model tags as a person ("Cole and X", "X and Keller")."""
    joined = [token.head] if token.dep_ == "conj" else []
    joined += [child for child in token.children if child.dep_ == "conj"]
    return any(t.ent_type_ == "PERSON" for t in joined)


def person_signal(span: Span) -> bool:
    """Whether this mention of a name reads as a person's."""
    doc = span.doc
    token = span[-1]
    after = doc[span.end : span.end + 2]
    if len(after) and after[0].text in POSSESSIVES:
        return True
    if len(after) == 2 and after[0].text == "," and after[1].lower_ in RELATIVE_PERSON:
        return True
    return does_what_people_do(token) or met_by_person(token) or joined_to_person(token)
