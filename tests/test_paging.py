"""Embed pages: escaping of outside text and Discord's limits, whatever the input."""

from __future__ import annotations

import discord

from bot.render.paging import (
    DESCRIPTION_MAX,
    EMBED_TOTAL_MAX,
    FIELD_VALUE_MAX,
    FIELDS_MAX,
    TITLE_MAX,
    PageBuilder,
    clip,
    safe,
)


def total_chars(embed: discord.Embed) -> int:
    fields = sum(len(f.name or "") + len(f.value or "") for f in embed.fields)
    footer = len(embed.footer.text or "") if embed.footer else 0
    return len(embed.title or "") + len(embed.description or "") + fields + footer


def test_safe_makes_mentions_and_markdown_inert() -> None:
    text = "@everyone @here <@123456789012345678> <@&123456789012345678> <#123456789012345678>"
    escaped = safe(text + " **bold** _it_ `code` [link](https://x.test) > quote")
    assert "@everyone" not in escaped and "@here" not in escaped
    assert "<@1" not in escaped and "<@&1" not in escaped and "<#1" not in escaped
    assert "\\*\\*bold\\*\\*" in escaped and "\\_it\\_" in escaped and "\\`code\\`" in escaped
    assert "\\[link]" in escaped and "\\\\[" not in escaped  # escaped once, not cancelled
    assert safe("line one\n\n# heading") == "line one # heading"
    assert [safe(start) for start in ("# Big", "- item", "1. item", "> quote")] == [
        "\\# Big",
        "\\- item",
        "1\\. item",
        "\\> quote",
    ]


def test_clip_marks_what_it_cuts() -> None:
    assert clip("short", 10) == "short"
    assert clip("a" * 20, 10) == "a" * 9 + "…" and len(clip("a" * 20, 10)) == 10


def test_pages_stay_within_limits_and_keep_every_entry() -> None:
    builder = PageBuilder("T" * 400, footer="f" * 3000)
    for n in range(FIELDS_MAX + 5):
        builder.field(f"field {n}", "v" * 2000)
    entries = [f"entry {n} " + "x" * (n * 37 % 1500) for n in range(120)]
    builder.lines(entries[:60], "First")
    builder.lines(entries[60:], "Second")
    pages = builder.build()
    assert len(pages) > 10
    for embed in pages:
        assert len(embed.title or "") <= TITLE_MAX
        assert len(embed.description or "") <= DESCRIPTION_MAX
        assert len(embed.fields) <= FIELDS_MAX
        assert all(len(f.value or "") <= FIELD_VALUE_MAX for f in embed.fields)
        assert total_chars(embed) <= EMBED_TOTAL_MAX
    assert pages[0].fields and not pages[1].fields
    text = "\n".join(embed.description or "" for embed in pages)
    assert all(f"entry {n} " in text for n in range(120))
    assert text.count("**Second**\n") == 1 and "**Second** (continued)\n" in text
    assert pages[-1].footer.text.startswith(f"Page {len(pages)}/{len(pages)} · fff")


def test_one_page_has_no_page_number() -> None:
    (page,) = PageBuilder("Title").lines(["one", "two"], "Heading").build()
    assert page.description == "**Heading**\none\ntwo" and page.footer.text is None


def test_an_empty_answer_is_still_a_page() -> None:
    (page,) = PageBuilder("Nothing").build()
    assert page.title == "Nothing" and page.description == ""
