"""Feeds as terminal text and as the JSON of `briefbot feed list --json` (DESIGN.md)."""

from __future__ import annotations

from datetime import datetime

from bot.answers import FeedPoll, ItemReport
from storage.feed_queries import Feed

INDENT = "  "


def item_line(item: ItemReport) -> str:
    """`stored #12: 'Title' <link>`, `duplicate of #7: …`, `skipped (too old …): …`."""
    if item.outcome == "stored":
        head = f"stored #{item.article_id}"
    elif item.outcome == "duplicate":
        head = f"duplicate of #{item.article_id}" if item.article_id else "duplicate"
    else:
        head = f"skipped ({item.reason})"
    link = f" <{item.link}>" if item.link else ""
    return f"{head}: {item.title or '(untitled)'!r}{link}"


def poll_head(poll: FeedPoll) -> str:
    """What the poll of one feed came to, in one line."""
    if poll.status == "not modified":
        return f"{poll.url}: not modified"
    if poll.status == "waiting":
        return f"{poll.url}: waiting until {stamp(poll.waiting_until)} (backoff or Retry-After)"
    if poll.status == "failed":
        after = {
            "disabled": "; disabled after 24 hours of failures",
            "failing": f"; next try after {stamp(poll.waiting_until)}",
        }.get(poll.state, "")
        return f"{poll.url}: failed: {poll.error}{after}"
    first = " (first poll: stored as knowledge, no watches)" if poll.first_poll else ""
    return f"{poll.url}: {len(poll.items)} new, {poll.known} known{first}"


def poll_lines(polls: list[FeedPoll]) -> str:
    """A head line per feed, then one line per new item."""
    lines: list[str] = []
    for poll in polls:
        lines.append(poll_head(poll))
        lines += [INDENT + item_line(item) for item in poll.items]
    return "\n".join(lines) if lines else "No feeds are followed."


def stamp(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "never"


def feed_lines(feeds: list[Feed]) -> str:
    if not feeds:
        return "No feeds are followed."
    lines = []
    for feed in feeds:
        lines.append(
            f"{feed.url} — {feed.title or '(no title yet)'}: every {feed.every} min, "
            f"{feed.state}, last checked {stamp(feed.last_checked)}, {feed.articles} articles"
        )
        if feed.last_error:
            lines.append(f"{INDENT}last error: {feed.last_error}")
    return "\n".join(lines)


def feed_records(feeds: list[Feed]) -> list[dict]:
    """`briefbot feed list --json`: exactly the shape of DESIGN.md."""
    return [
        {
            "url": feed.url,
            "title": feed.title,
            "every": feed.every,
            "state": feed.state,
            "last_checked": feed.last_checked.isoformat() if feed.last_checked else None,
            "last_error": feed.last_error,
            "articles": feed.articles,
        }
        for feed in feeds
    ]
