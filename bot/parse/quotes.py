"""Quotes: direct quotations attributed to the speaker the text names."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from bot.models import ActorKind, QuoteRecord
from bot.normalize import norm
from bot.parse.actors import ActorTable
from bot.parse.nlp import text_of

# Verbs that attribute words to their subject.
SAY_LEMMAS = frozenset(
    (
        "say tell add state stress note emphasize emphasise write tweet announce declare "
        "conclude explain affirm reiterate assert comment continue urge warn read insist "
        "acknowledge quote"
    ).split()
)
_QUOTE = re.compile(r"“([^“”\n]+)(?:”|(?=\n))|\"([^\"\n]+)(?:\"|(?=\n))")
MIN_WORDS = 4
CONTINUATION_PARAGRAPHS = 3


@dataclass(slots=True)
class _Quote:
    text: str
    start: int  # char offsets of the quoted text
    end: int
    paragraph: int


def extract_quotes(doc: Doc, actors: ActorTable) -> list[QuoteRecord]:
    """Every quotation of a few words or more, with its speaker when the text says who."""
    records: list[QuoteRecord] = []
    previous: tuple[_Quote, str | None] | None = None
    for quote in _find_quotes(text_of(doc)):
        speaker = _speaker(doc, quote, actors)
        if (
            speaker is None
            and previous is not None
            and quote.paragraph - previous[0].paragraph <= CONTINUATION_PARAGRAPHS
        ):
            speaker = previous[1]
        records.append(QuoteRecord(speaker=speaker, text=quote.text))
        previous = (quote, speaker)
    return _join_fragments(records)


def _find_quotes(text: str) -> list[_Quote]:
    quotes = []
    for match in _QUOTE.finditer(text):
        group = 1 if match.group(1) is not None else 2
        body = match.group(group).strip()
        if len(body.split()) >= MIN_WORDS:
            start = match.start(group)
            quotes.append(_Quote(body, start, match.end(group), text.count("\n\n", 0, start)))
    return quotes


def _speaker(doc: Doc, quote: _Quote, actors: ActorTable) -> str | None:
    span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    if span is None:
        return None
    for sent in _sentences_around(span):
        for tok in sent:
            if quote.start <= tok.idx < quote.end:
                continue
            speaker = _attributed(tok, actors)
            if speaker:
                return speaker
    return None


def _sentences_around(span: Span) -> list[Span]:
    """The sentences the quote touches, then the one after it ("...,” Mr Hale said.")."""
    doc = span.doc
    first, last = span[0].sent, span[-1].sent
    sents = [first] if first == last else [first, last]
    if last.end < len(doc):
        following = doc[last.end].sent
        if "\n\n" not in text_of(doc)[last.end_char : following.start_char]:
            sents.append(following)
    return sents


def _attributed(tok: Token, actors: ActorTable) -> str | None:
    """The actor a saying verb or "according to" attributes words to."""
    if tok.lemma_ in SAY_LEMMAS and tok.pos_ in {"VERB", "AUX"}:
        for child in tok.children:
            if child.dep_ in {"nsubj", "nsubjpass"}:
                return _resolve(child, actors)
    if tok.lower_ == "to" and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "according":
        for child in tok.children:
            if child.dep_ == "pobj":
                return _resolve(child, actors)
    return None


def _resolve(tok: Token, actors: ActorTable) -> str | None:
    """The actor a subject token names: a mention, a pronoun or a title ("the general")."""
    for i in range(tok.left_edge.i, tok.right_edge.i + 1):
        mention = actors.at_token(i)
        if mention is not None and (i == tok.i or mention.kind is ActorKind.PERSON):
            return mention.name
    persons = [m for m in actors.mentions if m.kind is ActorKind.PERSON and m.end <= tok.i]
    if tok.lower_ in {"he", "she"} and persons:
        return persons[-1].name
    word = norm(tok.text)
    for mention in reversed(persons):
        if mention.title and word in norm(mention.title).split():
            return mention.name
    return None


def _join_fragments(records: list[QuoteRecord]) -> list[QuoteRecord]:
    """Merge consecutive quotes of one speaker into one statement."""
    joined: list[QuoteRecord] = []
    for record in records:
        if joined and record.speaker is not None and joined[-1].speaker == record.speaker:
            joined[-1] = QuoteRecord(record.speaker, f"{joined[-1].text} {record.text}")
        else:
            joined.append(record)
    return joined
