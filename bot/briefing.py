"""The answers behind every command: `async def f(store, ...)` returning plain dataclasses.

Discord cogs, the CLI and the tests all call these; renderers in `bot.render` format them.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import date
from typing import Any, Literal

from bot import offload
from bot.answers import (
    ActorChange,
    ActorCount,
    ActorProfile,
    ArticleView,
    Between,
    Briefing,
    DateAnswer,
    EventView,
    RoleSeen,
    SearchHit,
    Timeline,
)
from bot.errors import BadQuery, NotFound, echo
from bot.knowledge import pack_entry
from bot.models import Interval
from bot.names import resolve_actor
from bot.roles import canonical_roles, is_role
from bot.stories import Report, near_duplicates, story_groups, tell
from storage.fts import fts_terms
from storage.rows import ActorEntry, ArticleRow, iso
from storage.store import Store
from storage.window_queries import Window

ROLES_READ = 50  # titles read per actor before one office's spellings are folded into one
MAX_STORIES = 25
MAX_ARTICLES = 1000  # read and grouped per briefing; older ones of the window are only counted
TOP_ACTORS = 10
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
        roles=await _roles(store, actor),
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


async def _roles(store: Store, actor: ActorEntry) -> list[RoleSeen]:
    """One role per office of the actor: the titles articles gave it, folded, and those the
    knowledge base gives (taught, or of the beat packs in use) naming and dating them."""
    known = [await store.taught_entry(actor.name), (pack_entry(actor.name) or (None, None))[1]]
    known_roles = [role for entry in known if entry is not None for role in entry.roles]
    roles = []
    for office in canonical_roles(await store.actor_roles(actor.id, ROLES_READ), known_roles):
        role = office.role
        if len(office.spellings) > 1:  # an article may give two of them: count it once
            role = replace(role, articles=await store.role_articles(actor.id, office.spellings))
        roles.append(role)
    return roles


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
        raise BadQuery(
            f"'{echo(first)}' and '{echo(second)}' are the same actor ({one.actor.name})."
        )
    return Between(
        first=one.actor.name,
        second=two.actor.name,
        events=await store.shared_events(one.actor.id, two.actor.id),
        articles=await store.shared_articles(one.actor.id, two.actor.id),
    )


async def search(store: Store, query: str, *, limit: int = 10) -> list[SearchHit]:
    """Full-text matches with snippets, best first; any input is safe, BadQuery without a word."""
    if not fts_terms(query):
        raise BadQuery('Give words to search for, e.g. Barzani or "security agreement".')
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
    """The articles published in [since, until] as stories, newest first, then the most
    mentioned actors and what is new about them. Undated articles only come in when no
    window is given; with `actor`, only the articles mentioning that actor."""
    _check_period(since, until)
    return await _briefing(store, "brief", Window(since=since, until=until), actor)


async def digest(store: Store, *, after_id: int, actor: str | None = None) -> Briefing:
    """Like `brief`, for the articles stored after article `after_id` (a digest's watermark:
    its `last_article_id` is the next one's `after_id`)."""
    return await _briefing(store, "digest", Window(after_id=after_id), actor)


async def _briefing(
    store: Store, kind: Literal["brief", "digest"], window: Window, actor: str | None
) -> Briefing:
    subject = (await resolve_actor(store, actor)).actor if actor else None
    if subject:
        window = replace(window, actor_id=subject.id)
    size = await store.window_size(window)
    articles = await store.window_articles(window, MAX_ARTICLES)
    ids = [a.row.id for a in articles]
    events = await store.events_of(ids)
    reports = [Report(a, events.get(a.row.id, [])) for a in articles]
    # CPU work, kept off the event loop: the costly part out of the bot's process.
    duplicates = await offload.run(near_duplicates, [a.text for a in articles])
    groups = await asyncio.to_thread(story_groups, reports, duplicates)
    shown, left_out = groups[:MAX_STORIES], groups[MAX_STORIES:]
    actors = await store.actors_of([report.id for group in shown for report in group])
    return Briefing(
        kind=kind,
        since=window.since,
        until=window.until,
        after_id=window.after_id,
        actor=subject.name if subject else None,
        articles=size.articles,
        last_article_id=size.last_id,
        stories=[tell(group, actors) for group in shown],
        more_stories=len(left_out),
        more_articles=sum(len(group) for group in left_out),
        unread=size.articles - len(ids),
        top_actors=await _top_actors(store, window, ids, subject),
        latest_with_articles=None if ids else await store.latest_published(window.actor_id),
    )


async def _top_actors(
    store: Store, window: Window, ids: list[int], subject: ActorEntry | None
) -> list[ActorChange]:
    """The most mentioned actors of articles `ids` (but the window's subject), each with
    its first appearance and new roles when the window has a start."""
    top = await store.top_actors_of(
        ids, leave_out=subject.id if subject else None, limit=TOP_ACTORS
    )
    names = [actor.name for actor in top]
    seen: set[str] = set(names)  # nothing is before a window without a start
    roles: dict[str, list[str]] = {}
    if window.has_start and names:
        seen = await store.seen_before(window, names)
        roles = await store.roles_new_in(window, names)
    return [
        ActorChange(
            name=actor.name,
            kind=actor.kind,
            mentions=actor.mentions,
            articles=actor.articles,
            first_appearance=actor.name not in seen,
            new_roles=[role for role in roles.get(actor.name, []) if is_role(role)],
        )
        for actor in top
    ]


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
        "published_basis": row.published_basis,
        "actors": [
            {"name": a.name, "kind": a.kind, "mentions": a.mentions} for a in actors.get(row.id, [])
        ],
        "dates": [
            {"text": d.text, "start": iso(d.start), "end": iso(d.end)}
            for d in dates.get(row.id, [])
        ],
        "events": [_event(e) for e in events.get(row.id, []) if not e.planned],
        "planned_events": [_event(e) for e in events.get(row.id, []) if e.planned],
        "quotes": [{"speaker": q.speaker, "text": q.text} for q in quotes.get(row.id, [])],
    }


def _event(event: EventView) -> dict:
    return {
        "type": event.type,
        "participants": event.participants,
        "start": iso(event.start),
        "end": iso(event.end),
        "place": event.place,
    }


def _check_period(since: date | None, until: date | None) -> None:
    if since and until and since > until:
        raise BadQuery(f"The period ends ({until}) before it starts ({since}).")
