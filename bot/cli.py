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
from bot.errors import BriefbotError, NotFound
from bot.knowledge import beats_in_use
from bot.models import ActorKind, Outcome, Status
from bot.render import jsonout, text
from bot.when import parse_day, parse_period, parse_since, parse_until, parse_when
from storage.store import Store

BOT_COMMANDS = ("run", "start")  # they log at BRIEFBOT_LOG_LEVEL, the rest only warnings
Handler = Callable[[argparse.Namespace, Settings], Awaitable[int]]


def _day(value: str) -> date:
    return parse_day(value, date.today())


def _period(args: argparse.Namespace) -> tuple[date | None, date | None]:
    return parse_period(args.since, args.until, date.today())


@asynccontextmanager
async def _store(settings: Settings):
    async with await Store.open(settings.db_path) as store:
        yield store


@asynccontextmanager
async def _ingestor(settings: Settings):
    # Imported here, not at the top: spaCy and the parser cost a query command about 2 s.
    from bot.ingestion import Ingestor
    from bot.parse.pool import ParsePool

    pool = ParsePool(settings.parse_workers, settings.spacy_model, settings.beats)
    try:
        async with _store(settings) as store:
            yield Ingestor(store, pool, settings)
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
        _emit(await briefing.article(store, args.id), args.json)
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
        outcome = await store_ops.redate(ingestor, args.id, _day(args.published))
    print(outcome.message)
    return 0


async def cmd_delete(args: argparse.Namespace, settings: Settings) -> int:
    from bot.admin import store_ops

    async with _store(settings) as store:
        print(text.render(await store_ops.delete(store, args.id)))
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
    command("article", cmd_article, "one article", True).add_argument("id", type=int)
    sub = command("brief", cmd_brief, "a briefing in digest form", True)
    period(sub)
    sub.add_argument("--actor")
    command("export", cmd_export, "every article as JSON lines")
    sub = command("alias", cmd_alias, "teach an alias of an actor (merges and re-parses)")
    sub.add_argument("actor")
    sub.add_argument("alias")
    knowledge(commands.add_parser("kb", help="what the parser knows of actors (knowledge base)"))
    sub = command("redate", cmd_redate, "set an article's publication date and re-resolve")
    sub.add_argument("id", type=int)
    sub.add_argument("published")
    command("delete", cmd_delete, "delete an article").add_argument("id", type=int)
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


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = _settings(args)
        _configure_logging(args, settings)
        with beats_in_use(settings.beats):
            return asyncio.run(args.handler(args, settings))
    except NotFound as missing:
        print(f"error: {missing}", file=sys.stderr)
        if missing.suggestions:
            print(f"did you mean: {', '.join(missing.suggestions)}?", file=sys.stderr)
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
