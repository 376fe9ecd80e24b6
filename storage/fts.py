"""Turning free user input into FTS5 queries that can never be a syntax error."""

from __future__ import annotations

import re

MATCH_START, MATCH_END = "\x02", "\x03"  # snippet() markers; never in stored text
_PART = re.compile(r'"([^"]*)"|(\w+)')
_WORD = re.compile(r"\w+")


def fts_terms(text: str) -> list[str]:
    """Quoted FTS5 terms from user text: "double-quoted phrases" stay phrases, operators are words.

    Only word characters survive inside the quotes, so `"`, `AND(`, `*` or `NEAR` are harmless.
    """
    terms = []
    for phrase, word in _PART.findall(text):
        words = _WORD.findall(phrase) if phrase else [word] if word else []
        if words:
            terms.append('"' + " ".join(words) + '"')
    return list(dict.fromkeys(terms))


def any_phrase(texts: list[str]) -> str | None:
    """An FTS5 query matching any of `texts`, each as an exact phrase of its words; None when
    none of them has a word."""
    phrases = ['"' + " ".join(words) + '"' for text in texts if (words := _WORD.findall(text))]
    return " OR ".join(dict.fromkeys(phrases)) or None


def unmark(snippet: str) -> tuple[str, list[tuple[int, int]]]:
    """A snippet without its match markers, and the (start, end) offsets of the matches."""
    text, spans, start = [], [], 0
    for part in re.split(f"({MATCH_START}|{MATCH_END})", snippet):
        if part == MATCH_START:
            start = sum(map(len, text))
        elif part == MATCH_END:
            spans.append((start, sum(map(len, text))))
        else:
            text.append(part)
    return "".join(text), spans
