"""Markdown -> the plain text a reader sees, with a CommonMark parser (markdown-it-py).

The parser works in linear time whatever the input; hand-written patterns backtracked on
unclosed markers and let links run across lines.
"""

from __future__ import annotations

import html
import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

_PARSER = MarkdownIt("commonmark")  # raw HTML is parsed, so its tags can be left out
_TAG_RE = re.compile(r"<[^<>]*>")  # stops at the next "<": linear on unclosed tags
_LIST_CLOSE = frozenset({"bullet_list_close", "ordered_list_close"})


def markdown_to_text(markdown: str) -> str:
    """Headings and paragraphs as lines, blocks apart by a blank line, the items of a tight
    list on consecutive lines (ordered ones keep their number); emphasis, link and code marks,
    images and HTML tags left out, escapes and entities resolved."""
    out: list[str] = []
    in_tight_list = False  # the previous block was an item of a tight list
    hidden = False  # the current paragraph is a tight list item's (markdown-it hides it)
    number = ""  # an ordered item's number, for its first line
    for token in _PARSER.parse(markdown):
        if token.type == "list_item_open":
            number = f"{token.info}{token.markup} " if token.info else ""
        elif token.type == "paragraph_open":
            hidden = token.hidden
        elif token.type in _LIST_CLOSE:
            in_tight_list = in_tight_list and token.level > 0  # a nested list goes on
        elif token.type in ("inline", "code_block", "fence", "html_block"):
            text = _block_text(token)
            if not text:
                continue
            tight = token.type == "inline" and hidden
            if out:
                out.append("\n" if tight and in_tight_list else "\n\n")
            out.append(number + text)
            number, in_tight_list = "", tight
    return "\n".join(line.strip() for line in "".join(out).splitlines()).strip()


def _block_text(token: Token) -> str:
    if token.type == "inline":
        return "".join(_inline_text(child) for child in token.children or [])
    if token.type == "html_block":
        return html.unescape(_TAG_RE.sub("", token.content)).strip()
    return token.content.strip("\n")


def _inline_text(token: Token) -> str:
    if token.type in ("text", "code_inline"):
        return token.content
    if token.type in ("softbreak", "hardbreak"):
        return "\n"
    if token.type == "html_inline" and token.content.lower().startswith("<br"):
        return " "
    return ""  # marks, images and tags
