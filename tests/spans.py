"""Span mending on the model's entities as a test sets them ("as the model may tag it")."""

from __future__ import annotations

from bot.parse.entity_spans import COMPONENT, mend_entity_spans
from bot.parse.pipeline import ArticleParser


def mended(parser: ArticleParser, text: str, *tagged: tuple[str, str]) -> list[tuple[str, str]]:
    """The (text, label) entities that span mending makes of `tagged`, the model's entities
    as (words, label): each at the first place of its words that no earlier one covers."""
    with parser.nlp.select_pipes(disable=[COMPONENT]):
        doc = parser.nlp(text)
    spans, taken = [], 0
    for words, label in tagged:
        start = text.index(words, taken if words in text[taken:] else 0)
        spans.append(doc.char_span(start, start + len(words), label=label))
        taken = start + len(words)
    doc.ents = spans
    return [(e.text, e.label_) for e in mend_entity_spans(doc).ents]
