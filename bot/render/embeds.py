"""Answers as Discord embeds: one list of pages per answer, every outside string escaped."""

from __future__ import annotations

import discord

from bot.answers import (
    ActorCount,
    ActorProfile,
    AliasAdded,
    ArticleRef,
    ArticleView,
    Between,
    Briefing,
    DateAnswer,
    Deleted,
    EventView,
    KnowledgeAdded,
    KnownActor,
    QuoteView,
    Redated,
    Reparse,
    SearchHit,
    Timeline,
)
from bot.models import Outcome, Status
from bot.render.paging import PageBuilder, clip, safe
from bot.render.spans import interval_phrase, interval_title
from bot.render.text import (
    briefing_size,
    briefing_title,
    more_stories,
    news,
    period,
    plural,
    role_seen,
    role_term,
    when,
)
from storage.rows import StoreStats

ARTICLE_HINT = "/article id:N shows an article"
QUOTE_MAX = 300
SUMMARY_MAX = 600
HEADLINE_MAX = 200
STATUS_COLOURS = {
    Status.STORED: discord.Colour.green(),
    Status.DUPLICATE: discord.Colour.gold(),
    Status.FAILED: discord.Colour.red(),
}


def cite(article: ArticleRef) -> str:
    """`#12 *Title* (Source)`."""
    source = f" ({safe(article.source)})" if article.source else ""
    return f"#{article.id} *{safe(article.title)}*{source}"


def day(article: ArticleRef) -> str:
    return f"`{when(article.published, article.published)}`"


def happening(event: EventView) -> str:
    """`2024-02-26` meeting: A, B in Washington (planned)."""
    who = ", ".join(safe(name) for name in event.participants)
    place = f" in {safe(event.place)}" if event.place else ""
    planned = " (planned)" if event.planned else ""
    return f"`{when(event.start, event.end)}` {event.type}: {who}{place}{planned}"


def event_line(event: EventView) -> str:
    """`2024-02-26` meeting: A, B in Washington (planned) — #2 *Title*."""
    return f"{happening(event)} — {cite(event.article)}"


def quote_line(quote: QuoteView, *, speaker: bool = True) -> str:
    said = f"**{safe(quote.speaker)}**: " if speaker and quote.speaker else ""
    text = clip(safe(quote.text), QUOTE_MAX)
    return f"{said}“{text}” — {cite(quote.article)}"


def also_line(names: list[str]) -> list[str]:
    return [f"Could also be: {', '.join(safe(n) for n in names)}"] if names else []


def profile(answer: ActorProfile) -> list[discord.Embed]:
    mentions = f"{answer.mentions} in {plural(answer.articles, 'article')}"
    mentions += f" ({answer.undated_articles} undated)" if answer.undated_articles else ""
    roles = [role_seen(r, safe) for r in answer.roles]
    builder = PageBuilder(f"{safe(answer.name)} — {answer.kind}", footer=ARTICLE_HINT)
    builder.facts(
        [
            ("Mentions", mentions),
            ("First seen", answer.first_seen.isoformat() if answer.first_seen else ""),
            ("Last seen", answer.last_seen.isoformat() if answer.last_seen else ""),
            ("Roles", "; ".join(roles)),
            ("Written as", ", ".join(safe(s) for s in answer.surfaces)),
            ("Aliases", ", ".join(safe(a) for a in answer.aliases)),
        ]
    )
    builder.lines(also_line(answer.also))
    co_actors = [
        f"{safe(c.name)} ({c.kind}) — {plural(c.shared_articles, 'shared article')}"
        for c in answer.co_actors
    ]
    builder.lines(co_actors, "Top co-actors")
    builder.lines([event_line(e) for e in answer.recent_events], "Recent events")
    builder.lines([quote_line(q, speaker=False) for q in answer.quotes], "Quotes")
    return builder.build()


def top_actors(answer: list[ActorCount], heading: str) -> list[discord.Embed]:
    lines = [
        f"{rank}. **{safe(a.name)}** ({a.kind}) — {plural(a.mentions, 'mention')} "
        f"in {plural(a.articles, 'article')}"
        for rank, a in enumerate(answer, 1)
    ]
    return PageBuilder(heading).lines(lines or ["No actors in this period."]).build()


def on_date(answer: DateAnswer) -> list[discord.Embed]:
    builder = PageBuilder(interval_title(answer.interval), footer=ARTICLE_HINT)
    builder.lines([event_line(e) for e in answer.events], "Events")
    builder.lines([f"{day(a)} {cite(a)}" for a in answer.published], "Published")
    mentioned = [
        f"{cite(hit.article)}: {', '.join(safe(t) for t in hit.texts)}" for hit in answer.mentioned
    ]
    builder.lines(mentioned, "Mentioning this date")
    if not builder.sections:
        builder.lines([f"Nothing {interval_phrase(answer.interval)}."])
    return builder.build()


def timeline(answer: Timeline) -> list[discord.Embed]:
    span = period(answer.since, answer.until)
    title = f"Timeline of {safe(answer.actor)}" + (f" ({span})" if span else "")
    builder = PageBuilder(title, footer=ARTICLE_HINT).lines(also_line(answer.also))
    builder.lines([event_line(e) for e in answer.events] or ["No dated events."])
    builder.lines([event_line(e) for e in answer.undated], "Undated")
    return builder.build()


def between(answer: Between) -> list[discord.Embed]:
    builder = PageBuilder(f"{safe(answer.first)} and {safe(answer.second)}", footer=ARTICLE_HINT)
    builder.lines([event_line(e) for e in answer.events], "Together at")
    builder.lines([f"{day(a)} {cite(a)}" for a in answer.articles], "Mentioned together in")
    if not builder.sections:
        builder.lines(["Nothing together yet."])
    return builder.build()


def search(hits: list[SearchHit], query: str) -> list[discord.Embed]:
    lines = [f"{day(h.article)} {cite(h.article)}\n> {h.highlighted(escape=safe)}" for h in hits]
    builder = PageBuilder(f"Search: {safe(query)}", footer=ARTICLE_HINT)
    return builder.lines(lines or ["No article matches."]).build()


def article(answer: ArticleView) -> list[discord.Embed]:
    published = answer.published.isoformat() if answer.published else "undated"
    if answer.published and answer.published_basis:
        published += f" ({answer.published_basis})"
    builder = PageBuilder(f"#{answer.id} {safe(answer.title)}")
    builder.facts(
        [("Published", published), ("Source", safe(answer.source or "")), ("URL", answer.url or "")]
    )
    builder.lines([safe(sentence) for sentence in answer.summary], "Summary")
    actors = [
        f"{safe(a.name)} ({a.kind}, {a.count}×): {', '.join(safe(m) for m in a.mentions)}"
        for a in answer.actors
    ]
    builder.lines(actors, "Actors")
    builder.lines([event_line(e) for e in answer.events], "Events")
    builder.lines([f"{safe(d.text)} → `{when(d.start, d.end)}`" for d in answer.dates], "Dates")
    builder.lines([quote_line(q) for q in answer.quotes], "Quotes")
    return builder.build()


def briefing(answer: Briefing) -> list[discord.Embed]:
    """The size of the window, a section per story (summary, who, events, sources), what
    was left out, and the most mentioned actors with what is new about them."""
    builder = PageBuilder(briefing_title(answer, safe), footer=ARTICLE_HINT)
    builder.lines([briefing_size(answer)])
    for story in answer.stories:
        who = ", ".join(safe(name) for name in story.key_actors)
        lines = [clip(safe(" ".join(story.summary)), SUMMARY_MAX)] if story.summary else []
        lines += [f"Who: {who}"] if who else []
        lines += [happening(e) for e in story.events]
        lines += [f"{day(a)} {cite(a)}" for a in story.sources]
        headline = clip(safe(story.headline), HEADLINE_MAX)
        builder.lines(lines, f"`{when(story.published, story.published)}` {headline}")
    builder.lines([more] if (more := more_stories(answer)) else [])
    top = [
        f"{safe(a.name)} ({a.kind}, {plural(a.mentions, 'mention')})"
        + (f": {changes}" if (changes := news(a, safe)) else "")
        for a in answer.top_actors
    ]
    return builder.lines(top, "Most mentioned").build()


def stats(answer: StoreStats) -> list[discord.Embed]:
    span = when(answer.earliest, answer.latest) if answer.earliest else "no dated articles"
    builder = PageBuilder("What the store holds")
    builder.field("Articles", f"{answer.articles} ({answer.undated_articles} undated)")
    builder.field("Published", span)
    builder.field("Actors", f"{answer.actors} ({plural(answer.aliases, 'alias')})")
    builder.field("Events", str(answer.events))
    builder.field("Quotes", str(answer.quotes))
    builder.field("Date mentions", str(answer.date_mentions))
    return builder.build()


def outcome(result: Outcome) -> list[discord.Embed]:
    """What an ingestion did: stored (with what was found), duplicate or refused."""
    colour = STATUS_COLOURS[result.status]
    if result.status is Status.FAILED:
        builder = PageBuilder("Not stored", colour=colour)
        return builder.lines([f"{safe(result.source)}: {safe(result.message)}"]).build()
    if result.status is Status.DUPLICATE:
        builder = PageBuilder(f"Already stored as #{result.article_id}", colour=colour)
        return builder.lines([f"*{safe(result.title or '')}*"]).build()
    builder = PageBuilder(f"Stored #{result.article_id}: {safe(result.title or '')}", colour=colour)
    if result.published is None:
        builder.field("Published", "undated", inline=True)
        builder.lines(
            [
                "No publication date in the text, so relative dates stay unresolved: give "
                f"one with `/store redate article_id:{result.article_id} published:YYYY-MM-DD`."
            ]
        )
    else:
        builder.field("Published", result.published.isoformat())
    builder.field("Events", str(result.events))
    builder.field("People", ", ".join(safe(name) for name in result.actors), inline=False)
    if result.unparsed:
        builder.lines(
            [f"Too long to parse whole: its last {result.unparsed:,} characters were not parsed."]
        )
    return builder.build()


def redated(answer: Redated) -> list[discord.Embed]:
    """The article's new publication date, the old one, and how many dates it re-resolved."""
    was = answer.was.isoformat() if answer.was else "undated"
    builder = PageBuilder(f"#{answer.article_id} redated: {safe(answer.title)}")
    builder.field("Published", f"{answer.published.isoformat()} (was {was})")
    builder.field("Dates re-resolved", str(answer.dates_changed))
    return builder.build()


def deleted(answer: Deleted) -> list[discord.Embed]:
    return notice("Deleted", f"Article #{answer.article_id} is gone.")


def alias_added(answer: AliasAdded) -> list[discord.Embed]:
    """The alias taken, and how many articles are being re-parsed (a follow-up says when)."""
    merged = f" Merged {safe(answer.merged)} into it." if answer.merged else ""
    count = len(answer.article_ids)
    next_step = (
        f"Re-parsing {plural(count, 'article')} that name it… a follow-up says when it is done."
        if count
        else "No stored article names it: nothing to re-parse."
    )
    line = f"“{safe(answer.alias)}” now means **{safe(answer.actor)}**.{merged}"
    return PageBuilder("Alias added").lines([line, next_step]).build()


def knowledge_added(answer: KnowledgeAdded) -> list[discord.Embed]:
    """What the parser now knows of the actor, and how many articles are being re-parsed (a
    follow-up says when)."""
    entry = answer.entry
    count = len(answer.article_ids)
    next_step = (
        f"Re-parsing {plural(count, 'article')} that may name it… a follow-up says when it is done."
        if count
        else "No stored article names it: nothing to re-parse."
    )
    builder = PageBuilder(f"{'Taught' if answer.created else 'Updated'}: {safe(entry.name)}")
    builder.facts(
        [
            ("Kind", str(entry.kind)),
            ("Aliases", ", ".join(safe(a) for a in entry.aliases)),
            ("Roles", "; ".join(role_term(r, safe) for r in entry.roles)),
        ]
    )
    return builder.lines([next_step]).build()


def known_actor(answer: KnownActor) -> list[discord.Embed]:
    builder = PageBuilder(f"{safe(answer.name)} — {answer.kind}")
    builder.facts(
        [
            ("Aliases", ", ".join(safe(a) for a in answer.aliases)),
            ("Roles", "; ".join(role_term(r, safe) for r in answer.roles)),
            ("From", ", ".join(answer.sources)),
        ]
    )
    return builder.build()


def reparsed(job: Reparse) -> list[discord.Embed]:
    """The end of the re-parse after an alias or a taught entry: done, or cut short by a
    restart."""
    if isinstance(job.added, KnowledgeAdded):
        about, again = f"**{safe(job.added.entry.name)}**", "`/kb add`"
    else:
        about = f"“{safe(job.added.alias)}” → **{safe(job.added.actor)}**"
        again = "`/store alias`"
    if job.finished:
        text = f"Re-parsed {plural(job.done, 'article')} for {about}."
        return notice("Re-parse done", text, discord.Colour.green())
    text = (
        f"briefbot restarted after re-parsing {job.done} of {plural(job.total, 'article')} "
        f"for {about}: give the same {again} again to re-parse them all."
    )
    return notice("Re-parse interrupted", text, discord.Colour.gold())


def notice(title: str, text: str, colour: discord.Colour | None = None) -> list[discord.Embed]:
    """A one-line answer of our own wording (`text` is trusted)."""
    return PageBuilder(title, colour=colour or discord.Colour.blurple()).lines([text]).build()
