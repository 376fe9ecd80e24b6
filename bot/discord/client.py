"""The Discord client: store, parse pool and cogs wired together, and its graceful shutdown."""

from __future__ import annotations

import asyncio
import gc
import logging
import signal
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot import offload
from bot.config import Settings
from bot.digests import DigestScheduler
from bot.discord.delivery import post_digest, post_feed_disabled
from bot.discord.jobs import Jobs
from bot.discord.replies import DEFAULT_PAGE_TIMEOUT, answer_error
from bot.discord.stale_components import answer_stale
from bot.discord.sync import sync_commands
from bot.discord.watch_delivery import post_alerts
from bot.feeds.poller import FeedPoller
from bot.feeds.scheduler import FeedScheduler
from bot.ingestion import Ingestor
from bot.parse.pool import ParsePool
from bot.watches import WatchNotifier
from storage.store import Store

log = logging.getLogger(__name__)

EXTENSIONS = (
    "cogs.actors",
    "cogs.dates",
    "cogs.articles",
    "cogs.admin",
    "cogs.kb",
    "cogs.digests",
    "cogs.watches",
    "cogs.feeds",
)


# briefbot never joins voice: no warnings about the voice libraries it does not install
discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False

SHUTDOWN_GRACE = 8.0  # seconds commands under way may take to finish (docker stop waits 10)


class ShuttingDown(app_commands.CheckFailure):
    """A command arrived while the bot is closing."""


class BriefbotTree(app_commands.CommandTree["Briefbot"]):
    async def interaction_check(self, interaction: discord.Interaction[Briefbot]) -> bool:
        """Refuse new commands while closing; track the rest so closing can wait for them."""
        if interaction.type is discord.InteractionType.autocomplete:
            return not interaction.client.closing  # no choices: nothing else can be said
        if interaction.client.closing:
            raise ShuttingDown("briefbot is restarting; please ask again in a minute.")
        interaction.client.track(asyncio.current_task())
        return True

    async def on_error(
        self, interaction: discord.Interaction[Briefbot], error: app_commands.AppCommandError
    ) -> None:
        await answer_error(interaction, error)


class Briefbot(commands.Bot):
    """Slash commands only: `setup_hook` opens the store, starts the pool, loads cogs, syncs."""

    store: Store
    pool: ParsePool
    ingestor: Ingestor
    digests: DigestScheduler
    watches: WatchNotifier
    feeds: FeedScheduler
    parser_ready: asyncio.Task[None]  # done once the parse workers have loaded the model

    def __init__(
        self,
        settings: Settings,
        *,
        page_timeout: float = DEFAULT_PAGE_TIMEOUT,
        **client_options: Any,
    ) -> None:
        """`client_options` go to discord.py's client (tests shorten `guild_ready_timeout`)."""
        super().__init__(
            command_prefix=commands.when_mentioned,
            help_command=None,
            intents=discord.Intents(guilds=True),
            allowed_mentions=discord.AllowedMentions.none(),
            tree_cls=BriefbotTree,
            **client_options,
        )
        self.settings = settings
        self.page_timeout = page_timeout
        self._shutdown: asyncio.Task[None] | None = None
        self._in_flight: set[asyncio.Task[Any]] = set()
        self._digests_start: asyncio.Task[None] | None = None
        self.jobs = Jobs()

    async def setup_hook(self) -> None:
        self.store = await Store.open(self.settings.db_path)
        self.pool = ParsePool(
            self.settings.parse_workers, self.settings.spacy_model, self.settings.beats
        )
        offload.start()
        self.parser_ready = asyncio.create_task(self._warm_parser(), name="warm-parser")
        self.ingestor = Ingestor(self.store, self.pool, self.settings)
        self.digests = DigestScheduler(
            self.store, lambda subscription, answer: post_digest(self, subscription, answer)
        )
        self.watches = WatchNotifier(
            self.store,
            lambda channel_id, alerts, folded: post_alerts(self, channel_id, alerts, folded),
        )
        self.ingestor.on_stored.append(self.watches.on_stored)
        self.feeds = FeedScheduler(
            FeedPoller(
                self.ingestor,
                self.settings,
                on_disabled=lambda feed, reason: post_feed_disabled(self, feed, reason),
            )
        )
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        assert self.application_id is not None  # known once logged in
        await sync_commands(self.tree, self.store, self.application_id, self.settings.guild_ids)
        self._digests_start = asyncio.create_task(self._start_digests(), name="start-digests")
        # What is loaded by now lives as long as the bot: keep it out of the collector's full
        # passes, which otherwise stop every thread, the event loop's too (bench/bot_load:
        # worst pause while ingesting 71 -> 7 ms).
        gc.freeze()

    async def _warm_parser(self) -> None:
        """Load the model in the parse workers, and start the offload worker, while the bot
        connects."""
        try:
            await asyncio.gather(self.pool.warm_up(), offload.warm_up())
        except Exception:
            log.exception("the worker processes could not start")

    async def _start_digests(self) -> None:
        """Once the channels are known: schedule the digests and post the ones missed, queue
        the watch alerts not posted before the last stop, then schedule the feeds (each polled
        once soon)."""
        await self.wait_until_ready()
        try:
            await self.digests.start()
        except Exception:
            log.exception("could not start the digests")
        try:
            await self.watches.start()
        except Exception:
            log.exception("could not start the watches")
        try:
            await self.feeds.start()
        except Exception:
            log.exception("could not start the feeds")

    async def on_ready(self) -> None:
        log.info("connected as %s to %d servers", self.user, len(self.guilds))

    async def on_interaction(self, interaction: discord.Interaction) -> None:
        """A button no live view takes (from before a restart) gets a polite answer."""
        await answer_stale(self, interaction)

    async def on_app_command_completion(
        self, interaction: discord.Interaction, command: app_commands.Command
    ) -> None:
        log.info("%s used /%s", interaction.user, command.qualified_name)

    @property
    def closing(self) -> bool:
        return self._shutdown is not None

    def track(self, task: asyncio.Task[Any] | None) -> None:
        """Remember a command under way until it is done."""
        if task is not None:
            self._in_flight.add(task)
            task.add_done_callback(self._in_flight.discard)

    async def close(self) -> None:
        """Refuse new commands, give those under way (an ingest, say) `SHUTDOWN_GRACE` to
        finish and answer, stop the background jobs (a re-parse, a re-read for the people an
        ingest taught), disconnect, then close the pool and the store (which waits for the
        article being written to commit or roll back). Safe to call twice."""
        if self._shutdown is None:
            self._shutdown = asyncio.create_task(self._close_all(), name="briefbot-close")
        await self._shutdown

    async def _close_all(self) -> None:
        if self._in_flight:
            log.info("waiting for %d commands to finish", len(self._in_flight))
            await asyncio.wait(self._in_flight, timeout=SHUTDOWN_GRACE)
        await self.jobs.cancel_all()  # each stops between two articles and reports how far
        if hasattr(self, "ingestor"):
            await self.ingestor.aclose()  # a re-read for the people learned stops likewise
        if hasattr(self, "watches"):
            await self.watches.close()  # alerts not yet posted are posted at the next start
        await super().close()
        if self._digests_start is not None:
            self._digests_start.cancel()
        if hasattr(self, "digests"):
            self.digests.shutdown()
        if hasattr(self, "feeds"):
            await self.feeds.shutdown()
        if hasattr(self, "pool"):
            await asyncio.to_thread(self.pool.close)
        await asyncio.to_thread(offload.stop)
        if hasattr(self, "store"):
            await self.store.close()
        log.info("closed")


async def serve(settings: Settings, **client_options: Any) -> None:
    """Run the bot until it is closed or the process gets SIGINT/SIGTERM."""
    if not settings.discord_token:
        raise ValueError("serve() needs settings.discord_token")
    bot = Briefbot(settings, **client_options)
    loop = asyncio.get_running_loop()
    stopping: list[asyncio.Task[None]] = []

    def stop(signum: signal.Signals) -> None:
        log.info("%s received: shutting down", signum.name)
        stopping.append(asyncio.create_task(bot.close()))

    stop_signals = (signal.SIGINT, signal.SIGTERM)
    for signum in stop_signals:
        loop.add_signal_handler(signum, stop, signum)
    try:
        async with bot:
            await bot.start(settings.discord_token)
    finally:
        for signum in stop_signals:
            loop.remove_signal_handler(signum)
        await asyncio.gather(*stopping)
