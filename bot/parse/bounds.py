"""What one article may cost the parser, bounded before it parses.

The model's memory grows with the text of a batch, and several extractors with a line's
length, the number of distinct names or the square of the article's length; news articles
stay below every bound here but `CHUNK_CHARS`, so they are parsed as without them. Hostile
texts (megabytes without a sentence break, a list of thousands of names) are cut down:
- only the first `PARSE_CHARS` characters are parsed (ending at a break); the article keeps
  its whole text (stored, searched);
- a line longer than `LINE_CHARS` is broken at its last sentence end (else its last space)
  before each `LINE_CHARS`, by turning that space into a line break: the text keeps its
  length, so every offset stays true, and the line break starts a sentence;
- a text longer than `CHUNK_CHARS` is parsed in pieces cut at paragraph or line breaks and
  joined back into one `Doc` (`Doc.from_docs`), and so is a run of more than `WORD_CHARS`
  characters without a space;
- the model gets at most `BATCH_CHARS` of text at once;
- only the first `MAX_NAMES` distinct entity names are kept (every mention of them).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

PARSE_CHARS = 300_000  # three times a very long feature; about 20 s of a worker
LINE_CHARS = 3_000  # the corpora's longest paragraph has 1,372
WORD_CHARS = 1_000  # characters without a space: no word is that long
CHUNK_CHARS = 10_000  # a long news article
BATCH_CHARS = 40_000  # the model's working memory: about 3 MB per 1,000 characters
MAX_NAMES = 1_000  # distinct entity names of one article; actor resolution compares pairs

_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]* (?=\S)")
_BREAKS = ("\n\n", "\n", " ")


def parsed_part(text: str, limit: int) -> str:
    """The start of `text` the parser reads: all of it up to `limit` characters, else up to
    a break before `limit` (`_cut`)."""
    return text if len(text) <= limit else text[: _cut(text[:limit])]


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


def chunks(text: str, limit: int, word_limit: int) -> list[str]:
    """`text` in consecutive pieces (joined, they are `text`) of at most `limit` characters,
    each ending after a paragraph break, else a line break, else a space, where one fits;
    a run without a space is cut every `word_limit` characters (the tokenizer's time grows
    with the square of a run's length)."""
    runs = re.finditer(rf"\S{{{word_limit + 1},}}", text)
    cuts = [at for run in runs for at in range(run.start() + word_limit, run.end(), word_limit)]
    pieces = []
    start = 0
    for end in [*cuts, len(text)]:
        pieces += _pieces(text[start:end], limit)
        start = end
    return pieces


def _pieces(text: str, limit: int) -> list[str]:
    pieces = []
    while len(text) > limit:
        cut = _cut(text[:limit])
        pieces.append(text[:cut])
        text = text[cut:]
    return [*pieces, text]


def _cut(window: str) -> int:
    """Where to end a piece of `window`: after the last paragraph break, else line break,
    else space, of its second half (no tiny pieces), else at its end."""
    half = len(window) // 2
    for separator in _BREAKS:
        at = window.rfind(separator, half)
        if at >= half:
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


def lean(doc: Doc) -> Doc:
    """`doc` without its tensor (the model's token vectors, which no extractor reads: while
    the pieces of a long text wait to be joined, they would hold 400 bytes per token)."""
    doc.tensor = doc.tensor[:0].copy()
    return doc


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
