"""Answers as terminal text: aligned columns, ISO dates, sources cited as `[#id Title — Source]`."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import singledispatch

from bot.answers import (
    ActorChange,
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
    KnowledgeImported,
    KnownActor,
    QuoteView,
    Redated,
    Reparse,
    RoleSeen,
    SearchHit,
    Timeline,
)
from bot.knowledge import Role
from bot.render.spans import interval_phrase, interval_title
from storage.rows import StoreStats

INDENT = "  "
# Control characters but tab and newline, and text-direction embeddings, overrides, isolates
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def when(start: date | None, end: date | None) -> str:
    """`2024-02-26`, `2024-02-01..2024-02-29`, or `undated`."""
    if start is None or end is None:
        return "undated"
    return start.isoformat() if start == end else f"{start.isoformat()}..{end.isoformat()}"


def period(since: date | None, until: date | None) -> str:
    """`2024-01-01..2024-02-29`, `since 2024-01-01`, `until …`, or empty for all time."""
    if since and until:
        return when(since, until)
    if since or until:
        return f"since {since}" if since else f"until {until}"
    return ""


def role_seen(role: RoleSeen, escape: Callable[[str], str] = str) -> str:
    """`Prime Minister (2019-07-10 on, 12 articles)`: a known role with its term, else the
    first and last articles that gave it."""
    term = held(role.first, role.last) if role.known else when(role.first, role.last)
    count = plural(role.articles, "article") if role.articles or not role.known else ""
    details = ", ".join(part for part in (term, count) if part)
    return f"{escape(role.role)} ({details})" if details else escape(role.role)


def held(start: date | None, end: date | None) -> str:
    """A term of office: `2012-03-05..2019-06-10`, `2019-07-10 on`, `until 2017-11-01`."""
    if start and end:
        return when(start, end)
    if start or end:
        return f"{start} on" if start else f"until {end}"
    return ""


def role_term(role: Role, escape: Callable[[str], str] = str) -> str:
    """`President of the Kurdistan Region (2019-06-10 on)`."""
    term = held(role.start, role.end)
    return f"{escape(role.title)} ({term})" if term else escape(role.title)


def cite(article: ArticleRef) -> str:
    source = f" — {article.source}" if article.source else ""
    return f"[#{article.id} {article.title}{source}]"


def plural(count: int, noun: str) -> str:
    """`1 story`, `2 stories`, `3 aliases`, `4 articles`."""
    if count == 1:
        return f"{count} {noun}"
    if noun.endswith("y") and noun[-2:-1] not in set("aeiou"):
        return f"{count} {noun[:-1]}ies"
    return f"{count} {noun}{'es' if noun.endswith('s') else 's'}"


def briefing_title(answer: Briefing, escape: Callable[[str], str] = str) -> str:
    """`Briefing about Masrour Barzani — since 2024-01-01`, `Digest`, …"""
    span = period(answer.since, answer.until)
    about = f" about {escape(answer.actor)}" if answer.actor else ""
    name = "Digest" if answer.kind == "digest" else "Briefing"
    return name + about + (f" — {span}" if span else "")


def briefing_size(answer: Briefing) -> str:
    """`3 stories from 4 articles.`, or why there is nothing."""
    if answer.kind == "digest" and not answer.articles:
        return "No new articles since the last digest."
    if not answer.articles:
        latest = answer.latest_with_articles
        return "No articles in this period." + (
            f" The latest articles are from {latest.isoformat()}." if latest else ""
        )
    stories = len(answer.stories) + answer.more_stories
    return f"{plural(stories, 'story')} from {plural(answer.articles, 'article')}."


def more_stories(answer: Briefing) -> str | None:
    """`…and 2 more stories (3 articles).` when stories were left out (and how many older
    articles were only counted)."""
    parts = []
    if answer.more_stories:
        more = plural(answer.more_stories, "more story")
        parts.append(f"{more} ({plural(answer.more_articles, 'article')})")
    if answer.unread:
        parts.append(f"{plural(answer.unread, 'older article')} not grouped here")
    return f"…and {' and '.join(parts)}." if parts else None


def news(actor: ActorChange, escape: Callable[[str], str] = str) -> str:
    """What is new about an actor: `first appearance as Minister`, `new role: Prime Minister`."""
    roles = ", ".join(escape(role) for role in actor.new_roles)
    if actor.first_appearance:
        return "first appearance" + (f" as {roles}" if roles else "")
    return f"new {'role' if len(actor.new_roles) == 1 else 'roles'}: {roles}" if roles else ""


def table(rows: list[list[str]]) -> list[str]:
    """Rows with every column but the last padded to its widest cell, indented."""
    if not rows:
        return []
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    lines = []
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append((INDENT + "  ".join([*cells, row[-1]])).rstrip())
    return lines


def section(title: str, lines: list[str]) -> list[str]:
    """A blank line, a heading and its lines; nothing when there are no lines."""
    return ["", title, *lines] if lines else []


def event_rows(events: list[EventView], cited: Callable[[ArticleRef], str] = cite) -> list[str]:
    rows = []
    for e in events:
        what = ", ".join(e.participants) + (f" in {e.place}" if e.place else "")
        what += " (planned)" if e.planned else ""
        rows.append([when(e.start, e.end), e.type, what, cited(e.article)])
    return table(rows)


def source_lines(sources: list[ArticleRef]) -> list[str]:
    """`Source: 2024-02-27  [#1 Title — Outlet]  URL`; more sources aligned below it."""
    label = "Sources: " if len(sources) > 1 else "Source: "
    rows = table([[when(a.published, a.published), cite(a), a.url or ""] for a in sources])
    return [
        INDENT + (" " * len(label) if n else label) + row.removeprefix(INDENT)
        for n, row in enumerate(rows)
    ]


def quote_lines(quotes: list[QuoteView]) -> list[str]:
    return [
        f"{INDENT}{q.speaker + ': ' if q.speaker else ''}“{q.text}” {cite(q.article)}"
        for q in quotes
    ]


def fields(pairs: list[tuple[str, str]]) -> list[str]:
    """`Label:  value` lines, values aligned; pairs with an empty value are left out."""
    kept = [(label, value) for label, value in pairs if value]
    width = max((len(label) for label, _ in kept), default=0) + 2
    return [f"{label + ':':<{width}}{value}" for label, value in kept]


def render(answer: object) -> str:
    """The answer as text for a terminal, without control characters from outside text (so
    no escape sequence can recolour the terminal, retitle it or hide a link in it, and no
    direction override can turn a line around)."""
    return _CONTROLS.sub("", _render(answer))


@singledispatch
def _render(answer: object) -> str:
    raise TypeError(f"No text rendering for {type(answer).__name__}")


@_render.register
def _(answers: list) -> str:
    if not answers:
        return "Nothing found."
    return render_rows(answers[0], answers)


@singledispatch
def render_rows(first: object, answers: list) -> str:
    raise TypeError(f"No text rendering for lists of {type(first).__name__}")


@render_rows.register
def _(first: ActorCount, answers: list[ActorCount]) -> str:
    rows = [["#", "actor", "kind", "mentions", "articles"]]
    rows += [
        [str(i), a.name, a.kind, str(a.mentions), str(a.articles)] for i, a in enumerate(answers, 1)
    ]
    return "\n".join(line.removeprefix(INDENT) for line in table(rows))


@render_rows.register
def _(first: SearchHit, answers: list[SearchHit]) -> str:
    lines = []
    for hit in answers:
        lines += [f"{cite(hit.article)} {when(hit.article.published, hit.article.published)}"]
        lines += [INDENT + hit.highlighted().replace("\n", " "), ""]
    return "\n".join(lines[:-1])


@_render.register
def _(answer: ActorProfile) -> str:
    roles = [role_seen(r) for r in answer.roles]
    mentions = f"{answer.mentions} in {plural(answer.articles, 'article')}"
    mentions += f" ({answer.undated_articles} undated)" if answer.undated_articles else ""
    lines = [f"{answer.name} — {answer.kind}"]
    lines += fields(
        [
            ("Could also be", ", ".join(answer.also)),
            ("Aliases", ", ".join(answer.aliases)),
            ("Written as", ", ".join(answer.surfaces)),
            ("Roles", "; ".join(roles)),
            ("Mentions", mentions),
            ("First seen", answer.first_seen.isoformat() if answer.first_seen else ""),
            ("Last seen", answer.last_seen.isoformat() if answer.last_seen else ""),
        ]
    )
    co_actors = [
        [c.name, c.kind, plural(c.shared_articles, "shared article")] for c in answer.co_actors
    ]
    lines += section("Top co-actors", table(co_actors))
    lines += section("Recent events", event_rows(answer.recent_events))
    lines += section("Quotes", quote_lines(answer.quotes))
    return "\n".join(lines)


@_render.register
def _(answer: DateAnswer) -> str:
    published = table([[when(a.published, a.published), cite(a)] for a in answer.published])
    mentioned = table([[cite(hit.article), ", ".join(hit.texts)] for hit in answer.mentioned])
    body = section("Events", event_rows(answer.events))
    body += section("Published", published)
    body += section("Mentioning this date", mentioned)
    if not body:
        return f"Nothing {interval_phrase(answer.interval)}."
    return "\n".join([interval_title(answer.interval), *body])


@_render.register
def _(answer: Timeline) -> str:
    span = period(answer.since, answer.until)
    lines = [f"Timeline of {answer.actor} — {answer.kind}" + (f" ({span})" if span else "")]
    lines += fields([("Could also be", ", ".join(answer.also))])
    lines += event_rows(answer.events) or [INDENT + "No dated events."]
    lines += section("Undated", event_rows(answer.undated))
    return "\n".join(lines)


@_render.register
def _(answer: Between) -> str:
    articles = table([[when(a.published, a.published), cite(a)] for a in answer.articles])
    lines = [f"{answer.first} and {answer.second}"]
    lines += section("Together at", event_rows(answer.events))
    lines += section("Mentioned together in", articles)
    return "\n".join(lines if len(lines) > 1 else [*lines, INDENT + "Nothing together yet."])


@_render.register
def _(answer: ArticleView) -> str:
    published = answer.published.isoformat() if answer.published else "undated"
    published += (
        f" ({answer.published_basis})" if answer.published and answer.published_basis else ""
    )
    actors = table([[a.name, a.kind, str(a.count), ", ".join(a.mentions)] for a in answer.actors])
    dates = table([[d.text, when(d.start, d.end)] for d in answer.dates])
    lines = [f"#{answer.id} {answer.title}"]
    lines += fields(
        [("Source", answer.source or ""), ("Published", published), ("URL", answer.url or "")]
    )
    lines += section("Summary", [INDENT + sentence for sentence in answer.summary])
    lines += section("Actors", actors)
    lines += section("Events", event_rows(answer.events))
    lines += section("Dates", dates)
    lines += section("Quotes", quote_lines(answer.quotes))
    return "\n".join(lines)


@_render.register
def _(answer: Briefing) -> str:
    lines = [briefing_title(answer), briefing_size(answer)]
    for i, story in enumerate(answer.stories, 1):
        lines += ["", f"{i}. {when(story.published, story.published)}  {story.headline}"]
        lines += [INDENT + " ".join(story.summary)] if story.summary else []
        lines += [INDENT + "Who: " + ", ".join(story.key_actors)] if story.key_actors else []
        lines += event_rows(story.events, lambda article: f"#{article.id}")
        lines += source_lines(story.sources)
    if more := more_stories(answer):
        lines += ["", more]
    top = [[a.name, a.kind, plural(a.mentions, "mention"), news(a)] for a in answer.top_actors]
    lines += section("Most mentioned", table(top))
    return "\n".join(lines)


@_render.register
def _(answer: StoreStats) -> str:
    span = when(answer.earliest, answer.latest) if answer.earliest else "no dated articles"
    return "\n".join(
        fields(
            [
                ("Articles", f"{answer.articles} ({answer.undated_articles} undated)"),
                ("Published", span),
                ("Actors", f"{answer.actors} ({plural(answer.aliases, 'alias')})"),
                ("Events", str(answer.events)),
                ("Quotes", str(answer.quotes)),
                ("Date mentions", str(answer.date_mentions)),
            ]
        )
    )


@_render.register
def _(answer: Redated) -> str:
    was = answer.was.isoformat() if answer.was else "undated"
    return (
        f"#{answer.article_id} redated: {answer.published.isoformat()} (was {was}); "
        f"{plural(answer.dates_changed, 'date')} re-resolved."
    )


@_render.register
def _(answer: Deleted) -> str:
    return f"Deleted article #{answer.article_id}."


@_render.register
def _(job: Reparse) -> str:
    """What was taught and its re-parse (the command line waits for it to finish)."""
    return f"{taught(job.added)} Re-parsed {plural(job.done, 'article')}."


def taught(added: AliasAdded | KnowledgeAdded | KnowledgeImported) -> str:
    """One line on what an alias, an entry or a file taught."""
    if isinstance(added, AliasAdded):
        merged = f" Merged {added.merged} into {added.actor}." if added.merged else ""
        return f"'{added.alias}' now means {added.actor}.{merged}"
    if isinstance(added, KnowledgeImported):
        return f"Taught {plural(added.entries, 'entry')} ({added.created} new)."
    entry = added.entry
    verb = "Taught" if added.created else "Updated"
    return f"{verb} {entry.name} ({entry.kind})."


@_render.register
def _(answer: KnownActor) -> str:
    lines = [f"{answer.name} — {answer.kind}"]
    lines += fields(
        [
            ("Aliases", ", ".join(answer.aliases)),
            ("Roles", "; ".join(role_term(r) for r in answer.roles)),
            ("From", ", ".join(answer.sources)),
        ]
    )
    return "\n".join(lines)
