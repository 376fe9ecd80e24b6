"""Reading a feed's bytes with feedparser (RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom) into items."""

from __future__ import annotations

import calendar
import hashlib
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime

import feedparser

from bot.errors import IngestError
from bot.feeds.links import canonical_link

# Problems feedparser reports that leave the feed readable.
_HARMLESS = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
_HTML_STARTS = (b"<!doctype html", b"<html")


class FeedBroken(IngestError):
    """The response is not a feed that can be read (malformed, an HTML page, empty)."""


@dataclass(frozen=True, slots=True)
class FeedItem:
    guid: str  # the item's id in the feed, else its canonical link, else a hash of its title
    link: str | None  # canonical
    title: str
    published: date | None
    content: str | None  # the full text the feed carries (content:encoded, Atom content), HTML


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    title: str | None
    items: list[FeedItem]


def read_feed(data: bytes, url: str, content_type: str | None) -> ParsedFeed:
    """The feed's title and items; FeedBroken when `data` is no feed (CPU work: run it in a
    thread)."""
    headers = {"content-location": url, "content-type": content_type or "application/xml"}
    parsed = feedparser.parse(data, response_headers=headers, sanitize_html=False)
    problem = parsed.get("bozo_exception")
    if not parsed.version:
        if data.lstrip()[:15].lower().startswith(_HTML_STARTS) or content_type == "text/html":
            raise FeedBroken("this is an HTML page, not a feed (RSS, Atom or RDF).")
        raise FeedBroken(f"this is not a feed: {_problem(problem)}.")
    if parsed.bozo and not isinstance(problem, _HARMLESS):
        raise FeedBroken(f"the feed is malformed: {_problem(problem)}.")
    feed_title = (parsed.feed.get("title") or "").strip() or None
    return ParsedFeed(feed_title, [_item(entry) for entry in parsed.entries])


def _problem(error: object) -> str:
    text = str(error or "unreadable").strip()
    return text.removeprefix("<unknown>:") if text else "unreadable"


def _item(entry: feedparser.FeedParserDict) -> FeedItem:
    link = canonical_link(entry["link"]) if entry.get("link") else None
    title = " ".join((entry.get("title") or "").split())
    published = _day(entry.get("published_parsed") or entry.get("updated_parsed"))
    guid = (entry.get("id") or "").strip() or link or _title_key(title, published)
    return FeedItem(guid, link, title, published, _full_text(entry))


def _day(parsed: time.struct_time | None) -> date | None:
    if parsed is None:
        return None
    return datetime.fromtimestamp(calendar.timegm(parsed), UTC).date()


def _full_text(entry: feedparser.FeedParserDict) -> str | None:
    """The longest HTML or text body among the entry's contents."""
    bodies = [c.get("value") or "" for c in entry.get("content") or []]
    longest = max(bodies, key=len, default="")
    return longest or None


def _title_key(title: str, published: date | None) -> str:
    digest = hashlib.sha1(f"{title}|{published}".encode()).hexdigest()[:20]
    return f"title:{digest}"
