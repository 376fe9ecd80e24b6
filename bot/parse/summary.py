"""Extractive summaries: the article's own lead sentences."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from bot.parse.nlp import text_of
from bot.sources.dateline import parse_dateline
from bot.sources.text import appeal_end, is_appeal, is_caption

MIN_WORDS = 8
MAX_CHARS = 400
LEAD_SEARCH_LINES = 6  # a dateline this far into the body opens the article's lead
# Sentences of a page speaking for itself ("I would like to be emailed ...", "We rely on ...").
# An embedded social-media post, signed "— Name (@handle) date".
_POST_RE = re.compile(r"\(@\w{1,30}\)")
_FIRST_PERSON = frozenset({"i", "we", "you", "our", "your", "my"})
# Captions name who stands where: "(center)", "(L)", "(second from left)", ", left, ".
_POSITION_RE = re.compile(
    r"\((?:left|right|centre|center|front|back|[lrc]|(?:second|third) from (?:left|right))\)"
    r"|,\s(?:left|right|centre|center),\s",
    re.IGNORECASE,
)


def lead_sentences(doc: Doc, body_start: int, limit: int = 2) -> list[str]:
    """The first `limit` full sentences of the body (after char `body_start`), as written:
    from the paragraph its dateline opens, without the dateline or an outlet prefix, and
    without captions or the page's own appeals."""
    text = text_of(doc)
    lead = _lead_start(text, body_start)
    chosen: list[str] = []
    for sent in doc.sents:
        if sent.end_char <= lead:
            continue
        begin = max(sent.start_char, lead)
        line_start, line = _line(text, begin)
        if _is_caption_like(text, line) or _in_quote(text, line_start, begin):
            continue
        dateline = parse_dateline(line)
        if dateline is not None and begin < line_start + dateline.end:
            begin = line_start + dateline.end
        sentence = text[begin : sent.end_char].strip()
        words = [t for t in sent if t.is_alpha]
        if (
            len(words) < MIN_WORDS
            or len(sentence) > MAX_CHARS
            or sentence[:1] in {"“", '"'}
            or sentence[-1:] not in {".", "!", "?", "”", '"'}
            or sentence.split()[0].casefold() in _FIRST_PERSON
            or is_appeal(sentence)
            or not any(t.pos_ in {"VERB", "AUX"} for t in sent)
        ):
            continue
        chosen.append(" ".join(sentence.split()))
        if len(chosen) == limit:
            break
    return chosen


def _lead_start(text: str, body_start: int) -> int:
    """Where the lead begins: the line a dateline opens near the top of the body (lines above
    it are a standfirst or a pulled-out sentence), or after an appeal the page opens with,
    else the body's start."""
    lines = _lines_from(text, body_start, LEAD_SEARCH_LINES)
    for line_start, line in lines:
        if parse_dateline(line) is not None:
            return line_start
    appeals = [(start, line) for start, line in lines if is_appeal(line)]
    if appeals and appeals[0][0] == lines[0][0]:
        start, line = appeals[-1]
        return start + appeal_end(line)
    return body_start


def _lines_from(text: str, position: int, count: int) -> list[tuple[int, str]]:
    """Up to `count` non-empty (start, line) pairs from `position` on."""
    lines: list[tuple[int, str]] = []
    while position < len(text) and len(lines) < count:
        start, line = _line(text, position)
        if line.strip():
            lines.append((start, line))
        position = start + len(line) + 1
    return lines


def _is_caption_like(text: str, line: str) -> bool:
    """A caption (with a credit, a position marker such as "(center)", or printed twice) or
    an embedded post."""
    if is_caption(line) or _POSITION_RE.search(line) or _POST_RE.search(line):
        return True
    return len(line.split()) <= 60 and text.count(line) > 1


def _in_quote(text: str, line_start: int, position: int) -> bool:
    """Whether `position` lies inside a quotation opened earlier on its line."""
    before = text[line_start:position]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _line(text: str, at: int) -> tuple[int, str]:
    """(start, text) of the line of `text` that holds character `at`."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return start, text[start : end if end != -1 else len(text)]
