"""Turning free user input into FTS5 queries that can never be a syntax error."""

from __future__ import annotations

import re

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
