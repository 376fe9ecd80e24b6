"""The `briefbot` command line: the same answers as the Discord bot, in a terminal."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
from collections.abc import Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from bot import briefing
from bot.config import Settings
from bot.errors import BadQuery, BriefbotError, NotFound, echo
from bot.knowledge import beats_in_use
from bot.models import ActorKind, Outcome, Status
from bot.render import jsonout, text
from bot.when import parse_day, parse_period, parse_since, parse_until, parse_when
from storage.store import Store

MAX_ID = 2**63 - 1  # SQLite's largest integer: no article number is above it
BOT_COMMANDS = ("run", "start")  # they log at BRIEFBOT_LOG_LEVEL, the rest only warnings
Handler = Callable[[argparse.Namespace, Settings], Awaitable[int]]


def _day(value: str) -> date:
    return parse_day(value, date.today())


def _article_id(text: str) -> int:
    """An article number as typed, `12` or `#12`; NotFound for one no store can hold."""
    digits = text.strip().removeprefix("#")
    if not (digits.isascii() and digits.isdigit()):
        raise BadQuery(f"'{echo(text)}' is not an article number; give one like 12 or #12.")
    if len(digits) > len(str(MAX_ID)) or not 1 <= int(digits) <= MAX_ID:
        raise NotFound(f"No article #{echo(digits)}.")
    return int(digits)


def _period(args: argparse.Namespace) -> tuple[date | None, date | None]:
    return parse_period(args.since, args.until, date.today())


@asynccontextmanager
async def _store(settings: Settings):
    async with await Store.open(settings.db_path) as store:
        yield store


@asynccontextmanager
async def _ingestor(settings: Settings):
    """An ingestor on the store; the block's end waits for the articles an ingest re-reads
    in the background (a command ends with the store complete), unless the block failed."""
    # Imported here, not at the top: spaCy and the parser cost a query command about 2 s.
    from bot.ingestion import Ingestor
    from bot.parse.pool import ParsePool

    pool = ParsePool(settings.parse_workers, settings.spacy_model, settings.beats)
    try:
        async with _store(settings) as store, Ingestor(store, pool, settings) as ingestor:
            yield ingestor
            await ingestor.settled()
    finally:
        pool.close()


def _emit(answer: Any, as_json: bool) -> None:
    print(jsonout.to_json(answer) if as_json else text.render(answer))


def _report(outcomes: list[Outcome]) -> int:
    """Print one line per source and a tally; non-zero when any source failed."""
    for outcome in outcomes:
        stream = sys.stderr if outcome.status is Status.FAILED else sys.stdout
        prefix = "error: " if outcome.status is Status.FAILED else ""
        print(f"{prefix}{outcome.source}: {outcome.message}", file=stream)
    counts = {status: sum(o.status is status for o in outcomes) for status in Status}
    print(
        f"{counts[Status.STORED]} stored, {counts[Status.DUPLICATE]} duplicates, "
        f"{counts[Status.FAILED]} failed."
    )
    return 1 if counts[Status.FAILED] else 0


async def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    published = _day(args.published) if args.published else None
    async with _ingestor(settings) as ingestor:
        return _report(await ingestor.ingest_sources(args.sources, published))


async def cmd_actor(args: argparse.Namespace, settings: Settings) -> int:
    async with _store(settings) as store:
        _emit(await briefing.actor_profile(store, args.name), args.json)
    return 0


async def cmd_actors(args: argparse.Namespace, settings: Settings) -> int:
    kind = ActorKind(args.kind) if args.kind else None
    async with _store(settings) as store:
        since, until = _period(args)
        answer = await briefing.top_actors(store, since=since, until=until, kind=kind)
        _emit(answer, args.json)
    return 0


async def cmd_date(args: argparse.Namespace, settings: Settings) -> int:
    interval = parse_when(args.when, date.today())
    async with _store(settings) as store:
        _emit(await briefing.on_date(store, interval), args.json)
    return 0


async def cmd_timeline(args: argparse.Namespace, settings: Settings) -> int:
    async with _store(settings) as store:
        since, until = _period(args)
        answer = await briefing.timeline(store, args.name, since=since, until=until)
        _emit(answer, args.json)
    return 0


async def cmd_between(args: argparse.Namespace, settings: Settings) -> int:
    async with _store(settings) as store:
        _emit(await briefing.between(store, args.first, args.second), args.json)
    return 0


async def cmd_search(args: argparse.Namespace, settings: Settings) -> int:
    async with _store(settings) as store:
        _emit(await briefing.search(store, args.query), args.json)
    return 0


async def cmd_article(args: argparse.Namespace, settings: Settings) -> int:
    async with _store(settings) as store:
        _emit(await briefing.article(store, _article_id(args.id)), args.json)
    return 0


async def cmd_brief(args: argparse.Namespace, settings: Settings) -> int:
    async with _store(settings) as store:
        since, until = _period(args)
        answer = await briefing.brief(store, since=since, until=until, actor=args.actor)
        _emit(answer, args.json)
    return 0


async def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    async with _store(settings) as store:
        async for record in briefing.export_articles(store):
            print(json.dumps(record, ensure_ascii=False))
    return 0


async def cmd_feed_add(args: argparse.Namespace, settings: Settings) -> int:
    from datetime import UTC, datetime

    from bot.admin import feed_ops

    async with _store(settings) as store:
        added = await feed_ops.add(store, args.url, args.every, now=datetime.now(UTC))
    verb = "Following" if added.new else "Already following; now polling"
    print(f"{verb} {added.feed.url} every {added.feed.every} minutes.")
    return 0


async def cmd_feed_remove(args: argparse.Namespace, settings: Settings) -> int:
    from bot.admin import feed_ops

    async with _store(settings) as store:
        removed = await feed_ops.remove(store, args.url)
    print(f"No longer following {removed.url} ({removed.articles} articles stored from it stay).")
    return 0


async def cmd_feed_list(args: argparse.Namespace, settings: Settings) -> int:
    from bot.admin import feed_ops
    from bot.render import feed_text

    async with _store(settings) as store:
        feeds = await feed_ops.feed_list(store)
    if args.json:
        print(json.dumps(feed_text.feed_records(feeds), ensure_ascii=False, indent=2))
    else:
        print(feed_text.feed_lines(feeds))
    return 0


async def cmd_feed_poll(args: argparse.Namespace, settings: Settings) -> int:
    """Poll every feed once: a line per feed and one per new item; non-zero if any failed."""
    from bot.feeds.poller import FeedPoller
    from bot.render import feed_text

    async def disabled(feed: Any, reason: str) -> None:
        print(
            f"warning: feed {feed.url} disabled after 24 hours of failures: {reason}",
            file=sys.stderr,
        )

    async with _ingestor(settings) as ingestor:
        polls = await FeedPoller(ingestor, settings, on_disabled=disabled).poll_all()
    print(feed_text.poll_lines(polls))
    return 1 if any(poll.status == "failed" for poll in polls) else 0


async def cmd_alias(args: argparse.Namespace, settings: Settings) -> int:
    from bot.admin import store_ops
    from bot.answers import Reparse

    async with _ingestor(settings) as ingestor:
        added = await store_ops.add_alias(ingestor.store, args.actor, args.alias)
        print(text.render(await store_ops.reparse(ingestor, Reparse(added))))
    return 0


async def cmd_kb_add(args: argparse.Namespace, settings: Settings) -> int:
    from bot.admin import kb_ops, store_ops
    from bot.answers import Reparse

    since = parse_since(args.since, date.today()) if args.since else None
    until = parse_until(args.until, date.today()) if args.until else None
    async with _ingestor(settings) as ingestor:
        added = await kb_ops.add(
            ingestor.store,
            args.name,
            kind=args.kind,
            role=args.role,
            since=since,
            until=until,
            aliases=args.alias,
        )
        print(text.render(await store_ops.reparse(ingestor, Reparse(added))))
    return 0


async def cmd_kb_show(args: argparse.Namespace, settings: Settings) -> int:
    from bot.admin import kb_ops

    async with _store(settings) as store:
        _emit(await kb_ops.show(store, args.name), args.json)
    return 0


async def cmd_kb_import(args: argparse.Namespace, settings: Settings) -> int:
    from bot.admin import kb_ops, store_ops
    from bot.answers import Reparse

    try:
        data = json.loads(Path(args.file).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BriefbotError(f"{args.file}: not a JSON file that can be read ({error}).") from None
    async with _ingestor(settings) as ingestor:
        imported = await kb_ops.import_entries(ingestor.store, data)
        print(text.render(await store_ops.reparse(ingestor, Reparse(imported))))
    return 0


async def cmd_kb_export(args: argparse.Namespace, settings: Settings) -> int:
    from bot.admin import kb_ops

    async with _store(settings) as store:
        print(json.dumps(await kb_ops.export_entries(store), ensure_ascii=False, indent=1))
    return 0


async def cmd_redate(args: argparse.Namespace, settings: Settings) -> int:
    from bot.admin import store_ops

    async with _ingestor(settings) as ingestor:
        redated = await store_ops.redate(ingestor, _article_id(args.id), _day(args.published))
    print(text.render(redated))
    return 0


async def cmd_delete(args: argparse.Namespace, settings: Settings) -> int:
    from bot.admin import store_ops

    async with _store(settings) as store:
        print(text.render(await store_ops.delete(store, _article_id(args.id))))
    return 0


async def cmd_stats(args: argparse.Namespace, settings: Settings) -> int:
    from bot.admin import store_ops

    async with _store(settings) as store:
        _emit(await store_ops.stats(store), args.json)
    return 0


async def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    from bot.evaluation import evaluate, render_table  # the parser: see _ingestor

    reports = {}
    for folder in map(Path, args.folders):
        reports[folder.name] = await evaluate(folder, settings)
    print(render_table(reports, verbose=args.misses))
    return 0


async def cmd_start(args: argparse.Namespace, settings: Settings) -> int:
    """`make run`: ingest the seeds, then start the bot, or print a briefing without a token."""
    async with _ingestor(settings) as ingestor:
        _report(await ingestor.ingest_sources(args.sources))
    if settings.discord_token:
        return await cmd_run(args, settings)
    print("\nDISCORD_TOKEN is not set: here is the briefing of the store instead.\n")
    async with _store(settings) as store:
        print(text.render(await briefing.brief(store)))
    return 0


async def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    if not settings.discord_token:
        raise BriefbotError("DISCORD_TOKEN is not set (see .env.example).")
    async with _store(settings):  # a bad database fails here, in one line, before Discord
        pass
    import aiohttp
    import discord  # here, not at the top: the other commands start half a second faster

    from bot.discord.client import serve

    try:
        await serve(settings)
    except discord.LoginFailure:
        raise BriefbotError("Discord refused DISCORD_TOKEN; check it (see .env.example).") from None
    except discord.PrivilegedIntentsRequired as error:
        raise BriefbotError(f"Discord refused the bot's intents: {error}") from None
    except aiohttp.ClientConnectionError as error:
        raise BriefbotError(f"Cannot reach Discord: {error}") from None
    return 0


LIST_ARGUMENTS = frozenset({"sources", "folders"})  # the arguments that take several values


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefbot", description=__doc__)
    parser.add_argument("--db", type=Path, help="the SQLite store (default: $BRIEFBOT_DB)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, handler: Handler, help_text: str, json_out: bool = False):
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        if json_out:
            sub.add_argument("--json", action="store_true", help="print JSON")
        return sub

    def period(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--since", help="start date (2021-11-20, November 2021, last week...)")
        sub.add_argument("--until", help="end date")

    sub = command("ingest", cmd_ingest, "store articles from files, folders or URLs")
    sub.add_argument("sources", nargs="+", metavar="PATH_OR_URL")
    sub.add_argument("--published", help="publication date when the text has none")
    command("actor", cmd_actor, "who an actor is", True).add_argument("name")
    sub = command("actors", cmd_actors, "most mentioned actors", True)
    period(sub)
    sub.add_argument("--kind", choices=[k.value for k in ActorKind])
    command("date", cmd_date, "events and articles on a date or range", True).add_argument("when")
    sub = command("timeline", cmd_timeline, "an actor's dated events, oldest first", True)
    sub.add_argument("name")
    period(sub)
    sub = command("between", cmd_between, "what two actors did together", True)
    sub.add_argument("first")
    sub.add_argument("second")
    command("search", cmd_search, "full-text search", True).add_argument("query")
    command("article", cmd_article, "one article", True).add_argument("id")
    sub = command("brief", cmd_brief, "a briefing in digest form", True)
    period(sub)
    sub.add_argument("--actor")
    command("export", cmd_export, "every article as JSON lines")
    feed = commands.add_parser(
        "feed",
        help="follow RSS, Atom and RDF feeds",
        description=("follow RSS, Atom and RDF feeds; `briefbot run` polls them on their schedule"),
    )
    feeds = feed.add_subparsers(dest="feed_command", required=True, metavar="ACTION")
    sub = feeds.add_parser("add", help="follow a feed")
    sub.set_defaults(handler=cmd_feed_add)
    sub.add_argument("url")
    sub.add_argument(
        "--every",
        type=int,
        default=15,
        metavar="MINUTES",
        help="minutes between polls, 5 to 1440 (default 15)",
    )
    sub = feeds.add_parser("remove", help="stop following a feed (its articles stay)")
    sub.set_defaults(handler=cmd_feed_remove)
    sub.add_argument("url")
    sub = feeds.add_parser("poll", help="poll every feed once now; one line per new item")
    sub.set_defaults(handler=cmd_feed_poll)
    sub = feeds.add_parser("list", help="the feeds: state, last check, last error, articles")
    sub.set_defaults(handler=cmd_feed_list)
    sub.add_argument("--json", action="store_true", help="print JSON")
    sub = command("alias", cmd_alias, "teach an alias of an actor (merges and re-parses)")
    sub.add_argument("actor")
    sub.add_argument("alias")
    knowledge(commands.add_parser("kb", help="what the parser knows of actors (knowledge base)"))
    sub = command("redate", cmd_redate, "set an article's publication date and re-resolve")
    sub.add_argument("id")
    sub.add_argument("published")
    command("delete", cmd_delete, "delete an article").add_argument("id")
    command("stats", cmd_stats, "what the store holds", True)
    sub = command("eval", cmd_eval, "score the parser on folders with gold.jsonl")
    sub.add_argument("folders", nargs="+", metavar="FOLDER")
    sub.add_argument("--misses", action="store_true", help="list every miss")
    sub = command("start", cmd_start, "ingest seeds, then run the bot (or print a briefing)")
    sub.add_argument("sources", nargs="*", default=["seeds"], metavar="PATH")
    command("run", cmd_run, "run the Discord bot (needs DISCORD_TOKEN)")
    return parser


def knowledge(kb: argparse.ArgumentParser) -> None:
    """`briefbot kb add|show|import|export`."""
    kb.description = "Teach the parser actors beyond the beat packs it ships, and read them."
    commands = kb.add_subparsers(dest="kb_command", required=True, metavar="KB_COMMAND")
    sub = commands.add_parser("add", help="teach an actor, its other names or a role")
    sub.set_defaults(handler=cmd_kb_add)
    sub.add_argument("name")
    sub.add_argument("--kind", choices=[k.value for k in ActorKind], help="default: person")
    sub.add_argument("--role", help="a title it holds, e.g. 'Prime Minister of Norway'")
    sub.add_argument("--since", help="when it took the role (2021-10-14, October 2021, 2021)")
    sub.add_argument("--until", help="when it left the role")
    sub.add_argument("--alias", action="append", default=[], help="another name (repeatable)")
    sub = commands.add_parser("show", help="what the parser knows of a name")
    sub.set_defaults(handler=cmd_kb_show)
    sub.add_argument("name")
    sub.add_argument("--json", action="store_true", help="print JSON")
    sub = commands.add_parser("import", help="teach the entries of a JSON file (pack format)")
    sub.set_defaults(handler=cmd_kb_import)
    sub.add_argument("file")
    sub = commands.add_parser("export", help="what was taught, as JSON in the pack format")
    sub.set_defaults(handler=cmd_kb_export)


def _settings(args: argparse.Namespace) -> Settings:
    """The checked settings, `--db` over `BRIEFBOT_DB`; raises BriefbotError on a bad value."""
    settings = Settings.from_env()
    return replace(settings, db_path=args.db) if args.db else settings


def _configure_logging(args: argparse.Namespace, settings: Settings) -> None:
    quiet = "WARNING" if args.command not in BOT_COMMANDS else settings.log_level
    logging.basicConfig(
        level="INFO" if args.verbose else quiet,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line read; a positional given as "--" stays "--" (after a first "--",
    Python 3.11's argparse turns it into [])."""
    args = build_parser().parse_args(argv)
    for name, value in vars(args).items():
        if value == [] and name not in LIST_ARGUMENTS:
            setattr(args, name, "--")
    return args


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    try:
        settings = _settings(args)
        _configure_logging(args, settings)
        with beats_in_use(settings.beats):
            return asyncio.run(args.handler(args, settings))
    except NotFound as missing:
        hint = f" Did you mean: {', '.join(missing.suggestions)}?" if missing.suggestions else ""
        print(f"error: {missing}{hint}", file=sys.stderr)
        return 1
    except BriefbotError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `briefbot actors | head`: the reader left; say nothing more
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    sys.exit(main())
