"""The answers behind every command: `async def f(store, ...)` returning plain dataclasses.

Discord cogs, the CLI and the tests all call these; renderers in `bot.render` format them.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from typing import Any

from bot.answers import (
    ActorCount,
    ActorInArticle,
    ActorProfile,
    ArticleView,
    Between,
    Briefing,
    BriefItem,
    DateAnswer,
    SearchHit,
    Timeline,
)
from bot.errors import BadQuery, NotFound
from bot.models import Interval
from bot.names import resolve_actor
from storage.rows import ArticleRow, iso
from storage.store import Store

KEY_ACTORS = 4
KIND_ORDER = {"person": 0, "organization": 1, "group": 2, "place": 3}
SUMMARY_SENTENCES = 2
BRIEF_ITEMS = 20
EXPORT_PAGE = 200


async def actor_profile(store: Store, name: str, *, recent: int = 5) -> ActorProfile:
    """Who `name` is: kind, names and roles seen, counts, first/last seen, company, events."""
    match = await resolve_actor(store, name)
    actor = match.actor
    stats = await store.actor_stats(actor.id)
    return ActorProfile(
        name=actor.name,
        kind=actor.kind,
        aliases=await store.actor_aliases(actor.id),
        surfaces=await store.actor_surfaces(actor.id),
        roles=await store.actor_roles(actor.id),
        mentions=stats.mentions,
        articles=stats.articles,
        undated_articles=stats.undated_articles,
        first_seen=stats.first_seen,
        last_seen=stats.last_seen,
        co_actors=await store.co_actors(actor.id),
        recent_events=await store.recent_events(actor.id, recent),
        quotes=await store.actor_quotes(actor.id, recent),
        also=match.also,
    )


async def top_actors(
    store: Store,
    *,
    since: date | None = None,
    until: date | None = None,
    kind: str | None = None,
    limit: int = 15,
) -> list[ActorCount]:
    """The most mentioned actors in articles published in the period."""
    _check_period(since, until)
    return await store.top_actors(since=since, until=until, kind=kind, limit=limit)


async def on_date(store: Store, interval: Interval) -> DateAnswer:
    """Events overlapping `interval`, articles published in it and articles mentioning it."""
    return DateAnswer(
        interval=interval,
        events=await store.events_overlapping(interval),
        published=await store.articles_between(interval.start, interval.end),
        mentioned=await store.date_hits(interval),
    )


async def timeline(
    store: Store, name: str, *, since: date | None = None, until: date | None = None
) -> Timeline:
    """The actor's dated events oldest first; undated ones follow when no period is given."""
    _check_period(since, until)
    match = await resolve_actor(store, name)
    actor = match.actor
    windowless = since is None and until is None
    return Timeline(
        actor=actor.name,
        kind=actor.kind,
        since=since,
        until=until,
        events=await store.timeline_events(actor.id, since, until),
        undated=await store.undated_events(actor.id) if windowless else [],
        also=match.also,
    )


async def between(store: Store, first: str, second: str) -> Between:
    """What two actors did together: shared events and articles mentioning both."""
    one, two = await resolve_actor(store, first), await resolve_actor(store, second)
    if one.actor.id == two.actor.id:
        raise BadQuery(f"'{first}' and '{second}' are the same actor ({one.actor.name}).")
    return Between(
        first=one.actor.name,
        second=two.actor.name,
        events=await store.shared_events(one.actor.id, two.actor.id),
        articles=await store.shared_articles(one.actor.id, two.actor.id),
    )


async def search(store: Store, query: str, *, limit: int = 10) -> list[SearchHit]:
    """Full-text matches with snippets, best first; any input is safe."""
    return await store.search(query, limit)


async def article(store: Store, article_id: int) -> ArticleView:
    """One article with everything parsed from it; NotFound if there is no such id."""
    row = await store.article_row(article_id)
    if row is None:
        raise NotFound(f"No article #{article_id}.")
    ids = [article_id]
    return ArticleView(
        id=row.id,
        title=row.title,
        source=row.source,
        url=row.url,
        published=row.published,
        published_basis=row.published_basis,
        summary=row.summary,
        actors=(await store.actors_of(ids)).get(article_id, []),
        events=(await store.events_of(ids)).get(article_id, []),
        quotes=(await store.quotes_of(ids)).get(article_id, []),
        dates=(await store.dates_of(ids)).get(article_id, []),
    )


async def brief(
    store: Store,
    *,
    since: date | None = None,
    until: date | None = None,
    actor: str | None = None,
) -> Briefing:
    """A digest: the window's articles (newest first) with summary, key actors and events,
    then its most mentioned actors. Undated articles only come in when no window is given."""
    _check_period(since, until)
    actor_id, actor_name = None, None
    if actor:
        match = await resolve_actor(store, actor)
        actor_id, actor_name = match.actor.id, match.actor.name
    refs = await store.articles_between(
        since,
        until,
        actor_id=actor_id,
        include_undated=since is None and until is None,
        limit=BRIEF_ITEMS,
    )
    ids = [ref.id for ref in refs]
    rows = await store.articles_by_id(ids)
    actors, events = await store.actors_of(ids), await store.events_of(ids)
    items = [
        BriefItem(
            article=ref,
            summary=rows[ref.id].summary[:SUMMARY_SENTENCES],
            key_actors=_key_actors(actors.get(ref.id, [])),
            events=events.get(ref.id, []),
            undated=ref.published is None,
        )
        for ref in refs
    ]
    return Briefing(
        since=since,
        until=until,
        actor=actor_name,
        items=items,
        top_actors=await store.top_actors(since=since, until=until, with_actor=actor_id, limit=10)
        if items
        else [],
        latest_with_articles=None if items else await store.latest_published(actor_id),
    )


async def export_articles(store: Store) -> AsyncIterator[dict[str, Any]]:
    """Every article as the JSON object of `briefbot export` (see DESIGN.md), by id."""
    after = 0
    while page := await store.article_rows(after, EXPORT_PAGE):
        ids = [row.id for row in page]
        actors, dates = await store.actors_of(ids), await store.dates_of(ids)
        events, quotes = await store.events_of(ids), await store.quotes_of(ids)
        for row in page:
            yield _export(row, actors, dates, events, quotes)
        after = page[-1].id


def _export(row: ArticleRow, actors: dict, dates: dict, events: dict, quotes: dict) -> dict:
    return {
        "id": row.id,
        "title": row.title,
        "source": row.source,
        "url": row.url,
        "published": iso(row.published),
        "actors": [
            {"name": a.name, "kind": a.kind, "mentions": a.mentions} for a in actors.get(row.id, [])
        ],
        "dates": [
            {"text": d.text, "start": iso(d.start), "end": iso(d.end)}
            for d in dates.get(row.id, [])
        ],
        "events": [
            {
                "type": e.type,
                "participants": e.participants,
                "start": iso(e.start),
                "end": iso(e.end),
                "place": e.place,
            }
            for e in events.get(row.id, [])
        ],
        "quotes": [{"speaker": q.speaker, "text": q.text} for q in quotes.get(row.id, [])],
    }


def _key_actors(actors: list[ActorInArticle]) -> list[str]:
    """An article's main actors: people first, then bodies, then places; most mentioned first."""
    ranked = sorted(actors, key=lambda a: (KIND_ORDER.get(a.kind, 9), -a.count))
    return [a.name for a in ranked[:KEY_ACTORS]]


def _check_period(since: date | None, until: date | None) -> None:
    if since and until and since > until:
        raise BadQuery(f"The period ends ({until}) before it starts ({since}).")
