"""What a text must be to be stored: lines of a sane length, no control characters left by a
wrong character set, short enough for the parser, some running prose (not a menu, a
greeting or a row of emoji) and, for markdown, more words than marks. Each check refuses
with an `IngestError` that says why."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.config import MAX_ARTICLE_CHARS
from bot.errors import IngestError

# About 8,000 words in one paragraph; the longest line in the corpora has 1,370 characters.
MAX_LINE_CHARS = 50_000
# An article has at least one paragraph with a sentence's worth of words.
MIN_PROSE_WORDS = 6
# Markdown marks that open a construct, as a share of all characters: news articles have under
# 1%, technical READMEs under 5%. The parser spends tens of microseconds on every "[", so a
# file made of marks is refused before it is parsed.
MAX_MARKUP_SHARE = 0.10
_MARKUP = "[!*_`<&\\"

_C1_CONTROLS_RE = re.compile("[\x80-\x9f]")
_EDGE_PUNCTUATION = "\"'“”‘’«»()[]{}<>.,;:!?…*_-–—/"
_INNER_MARKS = frozenset("-'’.")


def check_lines(text: str) -> None:
    """Refuse a text with a line longer than `MAX_LINE_CHARS`."""
    longest = max(map(len, text.splitlines()), default=0)
    if longest > MAX_LINE_CHARS:
        raise IngestError(
            f"A line is too long ({longest:,} characters; the limit is {MAX_LINE_CHARS:,} "
            "per line)."
        )


def check_markup(text: str) -> None:
    """Refuse markdown whose opening marks are more than `MAX_MARKUP_SHARE` of the text."""
    marks = sum(map(text.count, _MARKUP))
    if marks > MAX_MARKUP_SHARE * len(text):
        raise IngestError(
            f"The text is mostly markdown marks ({marks / len(text):.0%} of its characters; "
            f"an article has at most {MAX_MARKUP_SHARE:.0%})."
        )


def check_characters(text: str) -> None:
    """Refuse C1 control characters: bytes read in the wrong character set leave them."""
    if _C1_CONTROLS_RE.search(text):
        raise IngestError(
            "The text holds control characters (U+0080 to U+009F): its character set was "
            "read wrong."
        )


def check_length(title: str, body: str) -> None:
    """Refuse an article longer than the parser takes (`MAX_ARTICLE_CHARS`, title included)."""
    size = len(title) + len(body)
    if size > MAX_ARTICLE_CHARS:
        raise IngestError(
            f"The text is too long ({size:,} characters; the limit is {MAX_ARTICLE_CHARS:,})."
        )


def check_prose(paragraphs: Sequence[str]) -> None:
    """Refuse a text none of whose paragraphs holds `MIN_PROSE_WORDS` words."""
    most = 0
    for paragraph in paragraphs:
        most = max(most, prose_words(paragraph))
        if most >= MIN_PROSE_WORDS:
            return
    noun = "word" if most == 1 else "words"
    raise IngestError(
        f"There is too little text to be an article (the longest paragraph has {most} {noun}; "
        f"at least {MIN_PROSE_WORDS} are needed)."
    )


def prose_words(paragraph: str) -> int:
    """Words made of letters ("U.S.", "al-Sudani", "Erbil,"), not numbers, codes or symbols."""
    return sum(_is_word(token) for token in paragraph.split())


def _is_word(token: str) -> bool:
    core = token.strip(_EDGE_PUNCTUATION)
    return (
        bool(core)
        and core[0].isalpha()
        and all(char.isalpha() or char in _INNER_MARKS for char in core)
    )
