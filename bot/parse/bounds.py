"""What one article may cost the parser, bounded before it parses.

The model's memory grows with the text of a batch, and several extractors with a line's
length or with the number of distinct names; news articles stay far below every bound here,
so they are parsed exactly as without them. Hostile texts (megabytes without a sentence
break, a list of thousands of names) are cut down to pieces of bounded cost:
- a line longer than `LINE_CHARS` is broken at its last sentence end (else its last space)
  before each `LINE_CHARS`, by turning that space into a line break: the text keeps its
  length, so every offset stays true, and the line break starts a sentence;
- a text longer than `CHUNK_CHARS` is parsed in pieces cut at paragraph or line breaks and
  joined back into one `Doc` (`Doc.from_docs`);
- the model gets at most `BATCH_CHARS` of text at once;
- only the first `MAX_NAMES` distinct entity names are kept (every mention of them).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

LINE_CHARS = 3_000  # the corpora's longest paragraph has 1,372
CHUNK_CHARS = 20_000  # a long news article; about 70 MB of the model's memory
BATCH_CHARS = 60_000
MAX_NAMES = 1_000  # distinct entity names of one article; actor resolution compares pairs

_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]* (?=\S)")
_BREAKS = ("\n\n", "\n", " ")


def bounded_lines(text: str, limit: int) -> str:
    """`text` with no line longer than `limit` where a space allows a break; same length."""
    if len(text) <= limit:
        return text
    return "\n".join(_broken(line, limit) for line in text.split("\n"))


def _broken(line: str, limit: int) -> str:
    chars = list(line)
    start = 0
    while len(line) - start > limit:
        window = line[start : start + limit + 1]
        ends = [m.end() - 1 for m in _SENTENCE_END.finditer(window)]
        space = ends[-1] if ends else window.rfind(" ")
        if space <= 0:  # one word longer than the limit: the next space, if any
            space = line.find(" ", start + limit) - start
            if space < 0:
                break
        chars[start + space] = "\n"
        start += space + 1
    return "".join(chars)


def chunks(text: str, limit: int) -> list[str]:
    """`text` in consecutive pieces of at most `limit` characters (joined, they are `text`),
    each ending after a paragraph break, else a line break, else a space, where one fits."""
    pieces = []
    while len(text) > limit:
        cut = _cut(text[:limit])
        pieces.append(text[:cut])
        text = text[cut:]
    return [*pieces, text]


def _cut(window: str) -> int:
    """Where to end a piece of `window`: after its last paragraph break, line break or
    space, else at its end."""
    for separator in _BREAKS:
        at = window.rfind(separator)
        if at > 0:
            return at + len(separator)
    return len(window)


def batches(texts: Iterable[str], size: int, limit: int) -> Iterator[list[str]]:
    """`texts` in order, grouped by at most `size` and at most `limit` characters (a longer
    text goes alone)."""
    batch: list[str] = []
    length = 0
    for text in texts:
        if batch and (len(batch) == size or length + len(text) > limit):
            yield batch
            batch, length = [], 0
        batch.append(text)
        length += len(text)
    if batch:
        yield batch


def joined(docs: list[Doc]) -> Doc:
    """The pieces of one text as one `Doc` (its text is theirs, joined as they are)."""
    if len(docs) == 1:
        return docs[0]
    return Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor", "user_data"])


def bounded_names(doc: Doc, most: int) -> Doc:
    """`doc` with the entities of its first `most` distinct names only."""
    seen: set[str] = set()
    kept = []
    for ent in doc.ents:
        if ent.text in seen or len(seen) < most:
            seen.add(ent.text)
            kept.append(ent)
    if len(kept) < len(doc.ents):
        doc.ents = kept
    return doc
