"""A definite title standing for the one person the article gave it: "the Foreign Secretary"
after "Foreign Secretary Lord Okafor", "the Executive Vice-President" after "Executive Vice
President Novak"."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Protocol

from spacy.tokens import Doc, Span, Token

from bot.models import ActorKind
from bot.normalize import norm
from bot.parse.entity_spans import HONORIFICS
from bot.parse.nlp import text_of
from bot.roles import OTHER_OFFICE, RANKS

_LINKS = {"of", "for", "and", "-"}
_THE_CAPITAL = re.compile(r"\b[Tt]he (?=[A-Z])")
MAX_TITLE_WORDS = 8  # words of a title phrase, links included


class TitledMention(Protocol):
    """What a title reference needs of a resolved mention (`bot.parse.actors.Mention`)."""

    start: int
    end: int
    name: str
    kind: ActorKind
    title: str | None


def title_references(doc: Doc, mentions: Sequence[TitledMention]) -> Iterator[tuple[Span, str]]:
    """Each definite title phrase ("the Foreign Secretary") with the one person it stands for:
    the only person the article named with that title, named before it."""
    titles = _titles(mentions)
    named = {i for m in mentions for i in range(m.start, m.end)}
    for phrase in _definite_titles(doc, named):
        holders = titles.get(norm(phrase.text), {})
        if len(holders) == 1:
            ((name, first),) = holders.items()
            if first < phrase.start:
                yield phrase, name


def _titles(mentions: Sequence[TitledMention]) -> dict[str, dict[str, int]]:
    """Title key -> the people the article gave that title, with where first. A title counts
    with its tails that are no other rank: "US Foreign Secretary" also as "foreign secretary"
    and "secretary", "Executive Vice President" not as "president"."""
    found: dict[str, dict[str, int]] = defaultdict(dict)
    for mention in mentions:
        if mention.kind is not ActorKind.PERSON or not mention.title:
            continue
        words = [w for w in norm(mention.title).split() if w not in HONORIFICS and w != "the"]
        if not words or words[-1] not in RANKS:
            continue
        for cut in range(len(words)):
            if cut and words[cut - 1] in OTHER_OFFICE:
                continue
            found[" ".join(words[cut:])].setdefault(mention.name, mention.start)
    return found


def _definite_titles(doc: Doc, named: set[int]) -> Iterator[Span]:
    """ "the" and a capitalised title ending on a rank, naming no one itself: no name inside
    it or right after it."""
    for match in _THE_CAPITAL.finditer(text_of(doc)):
        span = doc.char_span(match.start(), match.start() + 3)
        if span is None or span.end in named:
            continue
        token = span[0]
        end = _title_end(doc, token.i + 1)
        if end is None or any(i in named for i in range(token.i + 1, end)):
            continue
        if not _name_follows(doc, end):
            yield doc[token.i + 1 : end]


def _title_end(doc: Doc, start: int) -> int | None:
    """The end of the run of capitalised words (and links: "of", "for") from `start`, if the
    run ends on a rank ("Secretary of State", not "Secretary of State for Wales")."""
    end = start
    while end < len(doc) and end - start < MAX_TITLE_WORDS:
        word = doc[end]
        if word.ent_type_ == "PERSON" or (word.is_sent_start and end > start):
            break
        if not ((word.is_title and word.is_alpha) or word.lower_ in _LINKS):
            break
        end += 1
    while end > start and doc[end - 1].lower_ in _LINKS:
        end -= 1
    return end if end > start and norm(doc[end - 1].text) in RANKS else None


def _name_follows(doc: Doc, end: int) -> bool:
    """A name right after the title, or after its comma: the title is that name's."""
    after = _at(doc, end)
    if after is not None and after.text == ",":
        after = _at(doc, end + 1)
    return after is not None and (
        after.ent_type_ == "PERSON" or (after.is_title and after.pos_ == "PROPN")
    )


def _at(doc: Doc, i: int) -> Token | None:
    return doc[i] if i < len(doc) else None
