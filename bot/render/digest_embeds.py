"""Digest subscriptions as Discord embeds: confirmation, listing, a digest posted on demand."""

from __future__ import annotations

from datetime import datetime

import discord

from bot.answers import Briefing
from bot.render.paging import PageBuilder, safe
from bot.render.text import plural
from storage.subscription_queries import Subscription


def schedule(subscription: Subscription) -> str:
    """`daily at 08:00 Europe/Berlin, about Masrour Barzani` (`, even with nothing new`)."""
    when = "weekly on Mondays" if subscription.every == "weekly" else "daily"
    about = f", about {safe(subscription.actor)}" if subscription.actor else ""
    empty = ", even with nothing new" if subscription.post_empty else ""
    return f"{when} at {subscription.time} {subscription.timezone}{about}{empty}"


def stamp(moment: datetime) -> str:
    """A Discord timestamp: each member sees it in their own timezone."""
    return discord.utils.format_dt(moment, "f")


def subscribed(subscription: Subscription, due: datetime) -> list[discord.Embed]:
    text = (
        f"<#{subscription.channel_id}> gets a digest {schedule(subscription)}; the next one "
        f"is due {stamp(due)} and covers the articles stored from now on."
    )
    return PageBuilder("Digest scheduled", colour=discord.Colour.green()).lines([text]).build()


def stopped(subscription: Subscription) -> list[discord.Embed]:
    text = f"No more digests in <#{subscription.channel_id}>."
    return PageBuilder("Digest stopped", colour=discord.Colour.blurple()).lines([text]).build()


def listing(subscriptions: list[Subscription], due: dict[int, datetime]) -> list[discord.Embed]:
    lines = []
    for subscription in subscriptions:
        sent = stamp(subscription.last_sent_at) if subscription.last_sent_at else "never"
        line = (
            f"<#{subscription.channel_id}> — {schedule(subscription)}\n"
            f"next {stamp(due[subscription.id])} · last sent {sent}"
        )
        if subscription.failing:
            line += f"\n⚠️ failing: {safe(subscription.failing)}"
        lines.append(line)
    builder = PageBuilder("Digests")
    return builder.lines(lines or ["No digests yet: /digest subscribe sets one up."]).build()


def posted(channel_mention: str, answer: Briefing, *, shown: bool) -> list[discord.Embed]:
    """What `/digest send` did: posted the digest, or skipped it (`shown` false: empty)."""
    if not shown:
        text = (
            f"Nothing new since the last digest, so nothing was posted in {channel_mention} "
            "(subscribe with post_empty to post empty digests)."
        )
        return PageBuilder("Nothing to post", colour=discord.Colour.blurple()).lines([text]).build()
    count = plural(answer.articles, "new article")
    text = f"Posted the digest in {channel_mention} ({count})."
    return PageBuilder("Digest posted", colour=discord.Colour.green()).lines([text]).build()
