"""Hand-built ParsedArticle objects for storage and briefing tests (no spaCy needed)."""

from __future__ import annotations

import hashlib
from datetime import date

from bot.models import (
    ActorKind,
    ActorRef,
    DateMention,
    EventRecord,
    EventType,
    Interval,
    ParsedArticle,
    QuoteRecord,
    SourceDocument,
)


def day(iso: str) -> Interval:
    """A one-day interval from an ISO date."""
    return Interval(date.fromisoformat(iso), date.fromisoformat(iso))


def actor(
    name: str,
    kind: str = "person",
    mentions: list[str] | None = None,
    count: int | None = None,
    roles: list[str] | None = None,
) -> ActorRef:
    surfaces = mentions or [name]
    return ActorRef(
        name=name,
        kind=ActorKind(kind),
        mentions=surfaces,
        count=len(surfaces) if count is None else count,
        roles=roles or [],
    )


def event(
    kind: str,
    participants: list[str],
    when: Interval | None = None,
    *,
    place: str | None = None,
    date_text: str | None = None,
    sentence: str = "",
    planned: bool = False,
) -> EventRecord:
    return EventRecord(
        type=EventType(kind),
        participants=participants,
        sentence=sentence or f"{' and '.join(participants)} held a {kind}.",
        interval=when,
        date_text=date_text,
        place=place,
        planned=planned,
    )


def dated(text: str, body: str, interval: Interval | None) -> DateMention:
    """A date mention located at the first occurrence of `text` in `body`."""
    start = body.index(text)
    return DateMention(text, start, start + len(text), interval)


def article(
    title: str,
    text: str,
    *,
    published: str | None = None,
    source: str | None = "Test Wire",
    url: str | None = None,
    actors: list[ActorRef] | None = None,
    dates: list[DateMention] | None = None,
    events: list[EventRecord] | None = None,
    quotes: list[QuoteRecord] | None = None,
    summary: list[str] | None = None,
) -> ParsedArticle:
    document = SourceDocument(
        text=text,
        title=title,
        published=date.fromisoformat(published) if published else None,
        published_basis="user" if published else None,
        source=source,
        url=url,
    )
    return ParsedArticle(
        document=document,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        actors=actors or [],
        dates=dates or [],
        events=events or [],
        quotes=quotes or [],
        summary=summary if summary is not None else text.split(". ")[:2],
    )


BAHRAIN_TEXT = (
    "Kurdistan Region Prime Minister Masrour Barzani met US Defense Secretary Lloyd Austin "
    "on Saturday on the sidelines of the Manama Dialogue in Bahrain. Barzani and Austin "
    'discussed the fight against ISIS. "Our partnership with the Kurdistan Region is strong," '
    "Austin said. Barzani thanked the coalition."
)

WASHINGTON_TEXT = (
    "Secretary of State Antony Blinken met Kurdistan Regional Government Prime Minister "
    "Masrour Barzani in Washington on Monday amid rising tension in Iraq. Mr Barzani also "
    'conveyed greetings from KDP leader Masoud Barzani. "The United States is committed to a '
    'resilient Kurdistan Region," Blinken said. Mr Barzani said the talks were productive.'
)

UNDATED_TEXT = (
    "KDP President Masoud Barzani called on all parties to take part in the elections. "
    "Nechirvan Barzani, the Kurdistan Region President, backed the call last year. "
    "Masoud Barzani said the vote must be free."
)


def bahrain() -> ParsedArticle:
    """2021-11-20: Masrour Barzani meets Lloyd Austin in Bahrain."""
    return article(
        "Kurdistan PM meets Austin at Manama Dialogue",
        BAHRAIN_TEXT,
        published="2021-11-20",
        source="Rudaw",
        url="https://example.org/manama",
        actors=[
            actor(
                "Masrour Barzani",
                mentions=["Masrour Barzani", "Barzani"],
                count=3,
                roles=["Prime Minister"],
            ),
            actor("Lloyd Austin", mentions=["Lloyd Austin", "Austin"], roles=["Defense Secretary"]),
            actor("Bahrain", "place"),
            actor("ISIS", "group"),
        ],
        dates=[dated("on Saturday", BAHRAIN_TEXT, day("2021-11-20"))],
        events=[
            event(
                "meeting",
                ["Masrour Barzani", "Lloyd Austin"],
                day("2021-11-20"),
                place="Bahrain",
                date_text="on Saturday",
            )
        ],
        quotes=[
            QuoteRecord("Lloyd Austin", "Our partnership with the Kurdistan Region is strong,")
        ],
    )


def washington() -> ParsedArticle:
    """2024-02-27: Antony Blinken meets Masrour Barzani in Washington on 2024-02-26."""
    return article(
        "Blinken meets Iraqi Kurdistan PM in Washington",
        WASHINGTON_TEXT,
        published="2024-02-27",
        source="The National",
        actors=[
            actor("Antony Blinken", mentions=["Antony Blinken", "Blinken"], roles=["Secretary"]),
            actor(
                "Masrour Barzani",
                mentions=["Masrour Barzani", "Mr Barzani"],
                count=3,
                roles=["Prime Minister"],
            ),
            actor("Washington", "place"),
            actor("Masoud Barzani", roles=["KDP leader"]),
        ],
        dates=[dated("on Monday", WASHINGTON_TEXT, day("2024-02-26"))],
        events=[
            event(
                "meeting",
                ["Antony Blinken", "Masrour Barzani"],
                day("2024-02-26"),
                place="Washington",
                date_text="on Monday",
            )
        ],
        quotes=[
            QuoteRecord("Antony Blinken", "The United States is committed to a resilient region."),
            QuoteRecord(None, "The talks were productive."),
        ],
    )


def undated() -> ParsedArticle:
    """No publication date: Masoud and Nechirvan Barzani on elections."""
    return article(
        "KDP leader urges parties to join elections",
        UNDATED_TEXT,
        source="Kurdistan24",
        actors=[
            actor("Masoud Barzani", mentions=["Masoud Barzani"], count=2, roles=["KDP President"]),
            actor("Nechirvan Barzani", roles=["Kurdistan Region President"]),
        ],
        dates=[dated("last year", UNDATED_TEXT, None)],
        events=[event("statement", ["Masoud Barzani"])],
        quotes=[QuoteRecord("Masoud Barzani", "the vote must be free")],
    )
