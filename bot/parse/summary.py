"""Extractive summaries: the article's own lead sentences."""

from __future__ import annotations

from spacy.tokens import Doc

from bot.parse.layout import dateline_ranges
from bot.parse.nlp import text_of
from bot.sources.text import is_caption

MIN_WORDS = 8
MAX_CHARS = 400


def lead_sentences(doc: Doc, body_start: int, limit: int = 2) -> list[str]:
    """The first `limit` full sentences of the body (after char `body_start`), as written."""
    chosen: list[str] = []
    datelines = dateline_ranges(text_of(doc))
    for sent in doc.sents:
        if sent.start_char < body_start:
            continue
        if is_caption(_paragraph(text_of(doc), sent.start_char)):
            continue
        start = max([end for begin, end in datelines if begin <= sent.start_char < end], default=0)
        text = text_of(doc)[max(start, sent.start_char) : sent.end_char].strip()
        words = [t for t in sent if t.is_alpha]
        if (
            len(words) < MIN_WORDS
            or len(text) > MAX_CHARS
            or text[:1] in {"“", '"'}
            or text[-1:] not in {".", "!", "?", "”", '"'}
            or not any(t.pos_ in {"VERB", "AUX"} for t in sent)
        ):
            continue
        chosen.append(" ".join(text.split()))
        if len(chosen) == limit:
            break
    return chosen


def _paragraph(text: str, at: int) -> str:
    """The line of `text` that holds character `at`."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return text[start : end if end != -1 else len(text)]
