"""Feeds as Discord embeds: added, removed, the list, a poll's report, a feed disabled."""

from __future__ import annotations

from datetime import datetime

import discord

from bot.answers import FeedPoll
from bot.render.feed_text import item_line, poll_head
from bot.render.paging import PageBuilder, safe
from bot.render.text import plural
from storage.feed_queries import Feed

STATE_MARKS = {"ok": "✅", "failing": "⚠️", "disabled": "⛔"}


def stamp(moment: datetime | None) -> str:
    """A Discord timestamp (each member sees their own timezone), or `never`."""
    return discord.utils.format_dt(moment, "R") if moment else "never"


def added(feed: Feed, new: bool) -> list[discord.Embed]:
    verb = "Following" if new else "Already following; now polling"
    text = f"{verb} {safe(feed.url)} every {plural(feed.every, 'minute')}; the first poll is now."
    return PageBuilder("Feed added", colour=discord.Colour.green()).lines([text]).build()


def removed(feed: Feed) -> list[discord.Embed]:
    text = (
        f"No longer following {safe(feed.url)}; the "
        f"{plural(feed.articles, 'article')} stored from it stay."
    )
    return PageBuilder("Feed removed", colour=discord.Colour.blurple()).lines([text]).build()


def listing(feeds: list[Feed]) -> list[discord.Embed]:
    lines = []
    for feed in feeds:
        title = safe(feed.title or "no title yet")
        line = (
            f"{STATE_MARKS.get(feed.state, '')} {safe(feed.url)} — {title}"
            f"\nevery {feed.every} min · {feed.state} · last check {stamp(feed.last_checked)}"
            f" · {plural(feed.articles, 'article')}"
        )
        if feed.last_error:
            line += f"\nlast error: {safe(feed.last_error)}"
        lines.append(line)
    builder = PageBuilder("Feeds")
    return builder.lines(lines or ["No feeds yet: /feed add follows one."]).build()


def checked(poll: FeedPoll) -> list[discord.Embed]:
    """The poll's head line, then what became of each new item."""
    colour = discord.Colour.red() if poll.status == "failed" else discord.Colour.green()
    lines = [safe(poll_head(poll))] + [safe(item_line(item)) for item in poll.items]
    if poll.status == "read" and not poll.items:
        lines.append("No new items.")
    return PageBuilder("Feed checked", colour=colour).lines(lines).build()


def disabled(feed: Feed, reason: str) -> list[discord.Embed]:
    text = (
        f"{safe(feed.url)} failed for 24 hours and is no longer polled. Last error: "
        f"{safe(reason)}\n`/feed check` tries it again and enables it if it works."
    )
    return PageBuilder("Feed disabled", colour=discord.Colour.red()).lines([text]).build()
