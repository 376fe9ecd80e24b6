"""Watches as Discord embeds: an alert, a burst of alerts folded into one message, and the
admin answers (added, removed, listed)."""

from __future__ import annotations

import discord

from bot.render.embeds import cite, day, happening
from bot.render.paging import ELLIPSIS, PageBuilder, safe
from bot.render.text import plural
from bot.watches import Alert
from storage.watch_queries import Watch

SENTENCE_MAX = 400
FOLDED_SENTENCE_MAX = 160
ALERT_COLOUR = discord.Colour.orange()


def target(watch: Watch) -> str:
    """`actor **Masrour Barzani**` or `keyword **oil exports**`."""
    return f"{watch.kind} **{safe(watch.target)}**"


def watch_line(watch: Watch) -> str:
    """`<#channel> — actor **Masrour Barzani**, pings <@&role>` (and a failure if any)."""
    pings = f", pings <@&{watch.role_id}>" if watch.role_id else ""
    line = f"<#{watch.channel_id}> — {target(watch)}{pings}"
    return line + (f"\n⚠️ failing: {safe(watch.failing)}" if watch.failing else "")


def marked(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` escaped, with the matched spans in bold."""
    parts, last = [], 0
    for start, end in spans:
        parts += [safe(text[last:start]), "**", safe(text[start:end]), "**"]
        last = end
    return "".join([*parts, safe(text[last:])])


def quoted(item: Alert, limit: int) -> str:
    """The matched sentence as a quote, its first `limit` characters, matches in bold."""
    cut = item.sentence[:limit]
    spans = [(start, end) for start, end in item.matches if end <= len(cut)]
    return "> " + marked(cut, spans) + (ELLIPSIS if len(item.sentence) > limit else "")


def alert(item: Alert) -> list[discord.Embed]:
    """One article for one watch: title (linked to its source), date, source, the sentence
    that matched, and the actor's event in it."""
    article = item.article
    builder = PageBuilder(
        safe(article.title), colour=ALERT_COLOUR, footer=f"/article id:{article.id} shows it"
    )
    builder.facts(
        [
            ("Watch", target(item.watch)),
            ("Published", day(article)),
            ("Source", safe(article.source or "") or ("the web" if article.url else "")),
        ]
    )
    builder.lines([quoted(item, SENTENCE_MAX)] if item.sentence else [])
    builder.lines([happening(item.event)] if item.event else [], "Event")
    pages = builder.build()
    if article.url:
        pages[0].url = article.url
    return pages


def folded(items: list[Alert]) -> list[discord.Embed]:
    """A burst of alerts as one message: a line (and the matched sentence) per alert."""
    lines = []
    for item in items:
        link = f" — <{item.article.url}>" if item.article.url else ""
        line = f"{day(item.article)} {cite(item.article)}{link}\nfor {target(item.watch)}"
        if item.sentence:
            line += "\n" + quoted(item, FOLDED_SENTENCE_MAX)
        lines.append(line)
    title = f"{plural(len(items), 'new alert')} in this channel"
    return (
        PageBuilder(title, colour=ALERT_COLOUR, footer="/article id:N shows an article")
        .lines(lines)
        .build()
    )


def added(watch: Watch, role_pingable: bool) -> list[discord.Embed]:
    lines = [f"Watching in {watch_line(watch)}: each new article about it is posted there."]
    if watch.role_id and not role_pingable:
        lines.append(
            "The role is not mentionable: make it mentionable, or give briefbot "
            "'Mention @everyone, @here and All Roles', for the ping to notify anyone."
        )
    return PageBuilder("Watch added", colour=discord.Colour.green()).lines(lines).build()


def removed(watch: Watch) -> list[discord.Embed]:
    text = f"No more alerts for {target(watch)} in <#{watch.channel_id}>."
    return PageBuilder("Watch removed").lines([text]).build()


def listing(watches: list[Watch]) -> list[discord.Embed]:
    lines = [watch_line(watch) for watch in watches]
    builder = PageBuilder("Watches")
    return builder.lines(lines or ["No watches yet: /watch add sets one up."]).build()
