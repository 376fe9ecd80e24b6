"""Markdown files: rendered to plain text by a real parser before dating and parsing."""

from __future__ import annotations

from datetime import date

import pytest

from bot.errors import IngestError
from bot.sources import document_from_bytes
from bot.sources.guards import MAX_LINE_CHARS, MAX_MARKUP_SHARE
from bot.sources.markdown import markdown_to_text

BODY = (
    "ERBIL, Kurdistan Region - President *Nechirvan Barzani* on Monday received the "
    "[US envoy][envoy], according to a __statement__ from the presidency."
)


def test_markdown_file_is_dated_and_summarised_without_marks() -> None:
    text = (
        "Barzani receives US envoy\n"
        "=========================\n\n"
        "*Published 25-11-2026 by Jane Doe*\n\n"
        f"{BODY}\n\n"
        "The envoy called the talks \\*productive\\* and `frank`, see <https://example.org/a>.\n\n"
        '[envoy]: https://example.org/envoy "The envoy"\n'
    )
    document = document_from_bytes(text.encode(), "envoy.md")
    assert document.title == "Barzani receives US envoy"
    assert (document.published, document.published_basis) == (date(2026, 11, 25), "dateline")
    assert document.text.split("\n\n")[1:] == [
        "ERBIL, Kurdistan Region - President Nechirvan Barzani on Monday received the US envoy, "
        "according to a statement from the presidency.",
        "The envoy called the talks *productive* and frank, see https://example.org/a.",
    ]


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        # An unclosed link must not swallow the lines after it up to some later ")".
        ("Intro [a](b\nline two\nline three\n)", "Intro [a](b\nline two\nline three\n)"),
        # Strong emphasis closes on the nearest opener, the other markers stay literal.
        ("**a " * 3 + "b**", "**a **a a b"),
        ("snake_case_name and 2 * 3 * 4", "snake_case_name and 2 * 3 * 4"),
        ("# Heading #\n\n- one\n- two\n\n> quoted *words*", "Heading\n\none\ntwo\n\nquoted words"),
        ("![a photo](x.jpg) Caption text", "Caption text"),
        ("Text<br>\nmore <b>bold</b> words", "Text\nmore bold words"),
        ("1. first\n2. second", "1. first\n2. second"),
        ("```\ncode *kept*\n```", "code *kept*"),
        ("A &amp; B &#8212; C", "A & B — C"),
    ],
)
def test_markdown_to_text(markdown: str, text: str) -> None:
    assert markdown_to_text(markdown) == text


def test_hostile_markdown_is_cleaned_to_its_literal_text() -> None:
    """The patterns that took quadratic time: unclosed emphasis and links across lines."""
    assert markdown_to_text("**a " * 25_000) == ("**a " * 25_000).strip()
    unclosed = "[a](b\n" * 5_000
    assert markdown_to_text(unclosed) == unclosed.strip()


def test_a_line_longer_than_the_cap_is_refused() -> None:
    line = "word " * (MAX_LINE_CHARS // 5 + 1)
    with pytest.raises(IngestError, match=r"^one\.md: A line is too long \([\d,]+ characters"):
        document_from_bytes(line.encode(), "one.md")


@pytest.mark.parametrize("unit", ["**a ", "_a ", "[a](b\n", "![", "`a "])
def test_a_file_made_of_markdown_marks_is_refused_before_parsing(unit: str) -> None:
    text = "\n".join([unit * 20] * 2_000)
    with pytest.raises(IngestError, match=r"^marks\.md: The text is mostly markdown marks"):
        document_from_bytes(text.encode(), "marks.md")


def test_an_article_dense_with_links_and_emphasis_is_within_the_marks_limit() -> None:
    paragraph = f"{BODY} The **minister** said [more](https://example.org/more_news) *today*."
    text = "\n\n".join([paragraph] * 20)
    marks = sum(text.count(mark) for mark in "[!*_`<&\\")
    assert 0.05 * len(text) < marks < MAX_MARKUP_SHARE * len(text)
    assert "The minister said more today." in document_from_bytes(text.encode(), "a.md").text
