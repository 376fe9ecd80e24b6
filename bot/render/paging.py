"""Packing text into Discord embeds that respect Discord's limits, one page per embed.

Limits (Discord API reference, "Embed Limits"): title 256, description 4096, 25 fields
of name 256 / value 1024, footer 2048, and 6000 characters per embed in all. Pages stay
well below them so a page reads comfortably on a phone; nothing is cut silently: a line
longer than a page ends in an ellipsis, and everything else moves to the next page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import discord

TITLE_MAX = 256
DESCRIPTION_MAX = 4096
FIELD_NAME_MAX = 256
FIELD_VALUE_MAX = 1024
FIELDS_MAX = 25
FOOTER_MAX = 2048
EMBED_TOTAL_MAX = 6000
CONTENT_MAX = 2000
NO_MENTIONS = discord.AllowedMentions.none()  # every message: article text never pings
EMBEDS_PER_MESSAGE = 10

FIELDS_BUDGET = 2500  # all first-page fields together, so a page stays under EMBED_TOTAL_MAX
PAGE_CHARS = 1800  # description characters per page
PAGE_LINES = 24
ENTRY_MAX = 1000  # one entry (a line, or a few lines kept together) of a section
ELLIPSIS = "…"
_SPACES = re.compile(r"\s+")
# A mark escaped wherever it stands; inside a URL only what could end it and open a link.
_MARKS = re.compile(r"(?P<url>https?://\S+)|[\\*_~`|\[]")
_URL_MARKS = re.compile(r"[\\\[]")
# A heading (also "-#"), list or quote at the start of the line.
_BLOCK_START = re.compile(r"^( ?)(\d+(?=\.)|(?=[#>-]))")
_EVERYONE = re.compile(r"@(?=everyone|here)", re.IGNORECASE)


def safe(text: str) -> str:
    """User or article text made inert: markdown (masked links too) shown literally, and
    mentions (users, roles, @everyone, channels, commands) that neither ping nor resolve.

    Every `[` is escaped once, so no masked link can open; a zero-width space after each `<`
    and in @everyone/@here breaks every mention. One pass each, linear in the text.
    """
    escaped = _MARKS.sub(_escape_mark, _SPACES.sub(" ", text))
    escaped = _BLOCK_START.sub(r"\1\2\\", escaped)
    return _EVERYONE.sub("@\u200b", escaped).replace("<", "<\u200b")


def _escape_mark(match: re.Match[str]) -> str:
    url = match["url"]
    if url is not None:
        return _URL_MARKS.sub(r"\\\g<0>", url)
    return "\\" + match.group()


def clip(text: str, limit: int) -> str:
    """`text` cut to `limit` characters, ending in an ellipsis when it was longer."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + ELLIPSIS


@dataclass(slots=True)
class _Section:
    heading: str | None
    entries: list[str]


@dataclass(slots=True)
class PageBuilder:
    """Collects a title, first-page fields and sections of lines; `build()` paginates them.

    Every string handed in must already be escaped (`safe`) where it holds outside text.
    """

    title: str
    colour: discord.Colour = field(default_factory=discord.Colour.blurple)
    footer: str | None = None
    fields: list[tuple[str, str, bool]] = field(default_factory=list)
    sections: list[_Section] = field(default_factory=list)

    def field(self, name: str, value: str, *, inline: bool = True) -> PageBuilder:
        """A name/value pair on the first page; empty values are left out."""
        name = clip(name, FIELD_NAME_MAX)
        room = FIELDS_BUDGET - self._fields_size() - len(name)
        if value and room > len(ELLIPSIS) and len(self.fields) < FIELDS_MAX:
            self.fields.append((name, clip(value, min(FIELD_VALUE_MAX, room)), inline))
        return self

    def lines(self, entries: list[str], heading: str | None = None) -> PageBuilder:
        """A section of entries (a line, or lines kept on one page), under a bold heading if
        given; nothing when `entries` is empty. Sections are separated by a blank line."""
        if entries:
            self.sections.append(_Section(heading, [clip(e, ENTRY_MAX) for e in entries]))
        return self

    def facts(self, pairs: list[tuple[str, str]]) -> PageBuilder:
        """`**Label:** value` lines opening the answer; pairs with an empty value are left out."""
        return self.lines([f"**{label}:** {value}" for label, value in pairs if value])

    def build(self) -> list[discord.Embed]:
        """One embed per page; page numbers go in the footer when there is more than one."""
        descriptions = self._descriptions() or [""]
        total = len(descriptions)
        pages = []
        for number, description in enumerate(descriptions, 1):
            embed = discord.Embed(
                title=clip(self.title, TITLE_MAX), description=description, colour=self.colour
            )
            if number == 1:
                for name, value, inline in self.fields:
                    embed.add_field(name=name, value=value, inline=inline)
            footer = [f"Page {number}/{total}"] if total > 1 else []
            footer += [self.footer] if self.footer else []
            if footer:
                embed.set_footer(text=clip(" · ".join(footer), FOOTER_MAX))
            pages.append(embed)
        return pages

    def _descriptions(self) -> list[str]:
        pages: list[list[str]] = []
        current: list[str] = []
        size = 0
        first_page_budget = PAGE_CHARS - self._fields_size() // 2

        def room(extra: int) -> bool:
            budget = first_page_budget if not pages else PAGE_CHARS
            return size + extra <= budget and len(current) + 1 <= PAGE_LINES

        for section in self.sections:
            heading = f"**{section.heading}**" if section.heading else None
            if current:
                current.append("")
                size += 1
            for index, line in enumerate(section.entries):
                block = [heading, line] if heading and index == 0 else [line]
                extra = sum(len(part) + 1 for part in block)
                if current and not room(extra):
                    pages.append(current)
                    current, size = [], 0
                    if heading and index > 0:
                        block = [f"{heading} (continued)", line]
                        extra = sum(len(part) + 1 for part in block)
                current += block
                size += extra
        if current:
            pages.append(current)
        return ["\n".join(page).strip("\n") for page in pages]

    def _fields_size(self) -> int:
        return sum(len(name) + len(value) for name, value, _ in self.fields)


def messages(pages: list[discord.Embed]) -> list[list[discord.Embed]]:
    """Pages grouped, in order, into messages of at most 10 embeds and 6000 characters."""
    grouped: list[list[discord.Embed]] = []
    size = 0
    for page in pages:
        if (
            not grouped
            or len(grouped[-1]) == EMBEDS_PER_MESSAGE
            or size + len(page) > EMBED_TOTAL_MAX
        ):
            grouped.append([])
            size = 0
        grouped[-1].append(page)
        size += len(page)
    return grouped
