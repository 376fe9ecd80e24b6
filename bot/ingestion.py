"""Ingestion end to end: source -> clean document -> parse (off the event loop) -> store."""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import aclosing
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Self

from bot.config import Settings
from bot.errors import DuplicateArticle, IngestError, StoreError
from bot.knowledge import StoreKnowledge
from bot.models import ActorKind, Origin, Outcome, ParsedArticle, SourceDocument, Status
from bot.parse.gazetteer import Gazetteer, newly_resolved_names
from bot.parse.pipeline import unparsed
from bot.parse.pool import STREAM_BATCH, Parsed, ParsePool, WorkerDied
from bot.sources import (
    ArticleFile,
    FetchPolicy,
    check_upload,
    content_hash,
    document_from_bytes,
    document_from_file,
    document_from_text,
    expand_paths,
    fetch_url,
)
from storage.store import Store

log = logging.getLogger(__name__)

URL_SCHEMES = ("http://", "https://")
NOT_TRIED = "not stored: ingestion stopped when the database failed."
# Told of each newly stored article (not of a redate or re-parse): (id, parse, how it came in).
StoredCallback = Callable[[int, ParsedArticle, Origin], Awaitable[None]]
# A person named in full is learned with a title, or in this many articles, or this many times.
LEARNED_MIN_ARTICLES = 2
LEARNED_MIN_MENTIONS = 3
LEARNED_MAX = 2000  # people learned, most mentioned first: what each parse task carries
RELEARN_MAX = 500  # articles re-read at most after an ingest for the people it taught
CLOSE_TIMEOUT = 5.0  # seconds a cancelled re-read may take to stop (it rolls back one article)


async def parse_knowledge(store: Store) -> StoreKnowledge:
    """What the store gives the parser: the admins' aliases, the entries taught with `/kb`
    and the people its articles introduced (with the roles they were seen in)."""
    learned = await store.learned_people(
        min_articles=LEARNED_MIN_ARTICLES, min_mentions=LEARNED_MIN_MENTIONS, limit=LEARNED_MAX
    )
    return StoreKnowledge(await store.alias_map(), tuple(await store.taught_entries()), learned)


class Ingestor:
    """Turns sources into stored articles; one transaction per article.

    After an ingest, the articles a person it taught may now resolve are re-read in the
    background (`settled` waits for that); close it (`aclose`, or `async with`) before the
    store and the pool, in the event loop it ingested in."""

    def __init__(self, store: Store, pool: ParsePool, settings: Settings) -> None:
        self.store = store
        self.pool = pool
        self.settings = settings
        self.fetch_policy = FetchPolicy(
            timeout_s=settings.fetch_timeout,
            max_bytes=settings.max_article_bytes,
            allowed_networks=settings.allowed_networks,
        )
        self._reparsing = asyncio.Lock()
        self.on_stored: list[StoredCallback] = []
        self._rereading: asyncio.Task[None] | None = None
        # The oldest knowledge an ingest parsed with that no re-read has started from yet,
        # with its place in the order the snapshots were taken
        self._reread_from: tuple[int, StoreKnowledge] | None = None
        self._snapshots = itertools.count()
        self._closed = False

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Stop the re-read under way (between two articles: each is one transaction), drop
        the one waiting and start no more. Call it before closing the store and the pool."""
        self._closed = True
        self._reread_from = None
        task = self._running_reread()
        if task is not None:
            task.cancel()
            await asyncio.wait([task], timeout=CLOSE_TIMEOUT)
            if not task.done():
                log.warning("the re-read of the articles did not stop in %.0f s", CLOSE_TIMEOUT)

    async def settled(self) -> None:
        """Wait until no re-read runs or waits to run (the CLI, before it reads the store)."""
        while (task := self._running_reread()) is not None:
            await asyncio.wait([task])

    def _running_reread(self) -> asyncio.Task[None] | None:
        """The re-read task under way, if any. Waiting for it from another event loop would
        hang (its loop is not running): that is refused."""
        task = self._rereading
        if task is None or task.done():
            return None
        if task.get_loop() is not asyncio.get_running_loop():
            raise RuntimeError("an Ingestor is closed or waited for in the loop it ingested in")
        return task

    async def announce(self, article_id: int, parsed: ParsedArticle, origin: Origin) -> None:
        """Tell every `on_stored` callback of a stored article; one that fails is logged and
        stops neither the others nor the ingest."""
        for callback in self.on_stored:
            try:
                await callback(article_id, parsed, origin)
            except Exception:
                log.exception("an on_stored callback failed for article #%d", article_id)

    async def parsed(self, documents: list[SourceDocument]) -> AsyncIterator[Parsed]:
        """Parse `documents` in the pool with what the store knows; yield each, in order, as
        its batch comes back (a `WorkerDied` for one lost with its worker). Once the caller has
        stored them all, the articles a person they introduced may now resolve are read
        again, in the background (`_reread_later`)."""
        knowledge = await parse_knowledge(self.store)
        taken = next(self._snapshots)
        batches = self.pool.stream(documents, knowledge)
        async with aclosing(batches):
            async for batch in batches:
                for article in batch:
                    yield article
        self._reread_later(taken, knowledge)

    def _reread_later(self, taken: int, before: StoreKnowledge) -> None:
        """Have a background re-read cover the people learned since `before` (the `taken`th
        snapshot): start one, or leave it to the run after the one under way, which starts
        from the oldest snapshot of the ingests that ended meanwhile (and so covers them all).
        """
        if self._closed:
            return
        if self._reread_from is None or taken < self._reread_from[0]:
            self._reread_from = (taken, before)
        if self._rereading is None or self._rereading.done():
            self._rereading = asyncio.create_task(self._rereads(), name="reread-learned")

    async def _rereads(self) -> None:
        """Re-read for the learned people until no ingest waits for it; a run that fails is
        logged, and the next one still runs."""
        while self._reread_from is not None:
            _, before = self._reread_from
            self._reread_from = None
            try:
                await self._reread_for_learned(before)
            except Exception as error:
                log.error("re-reading the articles for the people learned failed: %r", error)

    async def _reread_for_learned(self, before: StoreKnowledge) -> None:
        """Re-parse the articles (at most RELEARN_MAX, the newest) naming a person by a bare
        name ("Støre") or another spelling whose learned owners changed since `before`, or
        reading as a date a month that a person learned since bears as surname ("May's
        plans"): that person may now resolve it. Waits for a re-parse under way (`reparse`)."""
        async with self._reparsing:
            after = await parse_knowledge(self.store)
            if after.learned == before.learned:
                return
            known = Gazetteer.load(self.pool.beats)
            stale = await self._stale(known.with_knowledge(before), known.with_knowledge(after))
            if stale:
                async with aclosing(self._reparsed(stale)) as reparsed:
                    async for _ in reparsed:
                        pass

    async def _stale(self, old: Gazetteer, new: Gazetteer) -> list[int]:
        """The newest RELEARN_MAX articles that what `new` learned since `old` may read
        differently, in id order."""
        found: set[int] = set()
        if shorts := newly_resolved_names(old, new):
            found.update(await self.store.articles_naming_person(shorts, RELEARN_MAX))
        if months := sorted(new.month_surnames() - old.month_surnames()):
            found.update(await self.store.articles_dated_by_word(months, RELEARN_MAX))
        return sorted(found)[-RELEARN_MAX:]

    async def ingest_sources(
        self, sources: list[str], published: date | None = None
    ) -> list[Outcome]:
        """Paths (files or folders) and URLs: one outcome for each file or URL, in order; a
        file that cannot be read fails alone."""
        loaded = [item for source in sources for item in await self._load(source, published)]
        documents = [(label, doc) for label, doc in loaded if isinstance(doc, SourceDocument)]
        ingested = iter(await self.ingest_documents(documents))
        return [
            next(ingested) if isinstance(doc, SourceDocument) else _failed(label, doc)
            for label, doc in loaded
        ]

    async def ingest_text(
        self,
        text: str,
        *,
        title: str | None = None,
        published: date | None = None,
        source: str | None = None,
    ) -> Outcome:
        try:
            document = document_from_text(text, title=title, published=published, source=source)
        except IngestError as error:
            return _failed("pasted text", error)
        return (await self.ingest_documents([("pasted text", document)]))[0]

    async def ingest_bytes(
        self, data: bytes, filename: str, published: date | None = None
    ) -> Outcome:
        """An uploaded file (a Discord attachment)."""
        try:
            document = await asyncio.to_thread(
                document_from_bytes,
                data,
                filename,
                published=published,
                max_bytes=self.settings.max_article_bytes,
            )
        except IngestError as error:
            return _failed(filename, error)
        return (await self.ingest_documents([(filename, document)]))[0]

    async def ingest_upload(
        self,
        filename: str,
        size: int,
        read: Callable[[], Awaitable[bytes]],
        published: date | None = None,
    ) -> Outcome:
        """An uploaded file (a Discord attachment), refused by name or size before `read()`."""
        try:
            check_upload(filename, size, self.settings.max_article_bytes)
        except IngestError as error:
            return _failed(filename, error)
        return await self.ingest_bytes(await read(), filename, published)

    async def ingest_url(self, url: str, published: date | None = None) -> Outcome:
        """One web page; anything but an http(s) URL is refused (never read as a path)."""
        if not url.strip().lower().startswith(URL_SCHEMES):
            return Outcome(url, Status.FAILED, "give an http:// or https:// URL.")
        return (await self.ingest_sources([url.strip()], published))[0]

    async def ingest_documents(
        self, documents: list[tuple[str, SourceDocument]], origin: Origin = Origin.ADMIN
    ) -> list[Outcome]:
        """Parse what is new in the pool and store each article in its own transaction as
        its batch comes back.

        Known articles are reported without being parsed; a duplicate within the batch is
        still caught when it is stored; an article whose parse worker died has failed."""
        outcomes: list[Outcome | None] = []
        fresh: list[tuple[int, str, SourceDocument]] = []  # (position in outcomes, ...)
        for label, document in documents:
            existing = await self.store.duplicate_of(content_hash(document.text), document.url)
            if existing is None:
                fresh.append((len(outcomes), label, document))
            outcomes.append(None if existing is None else _duplicate(label, document, existing))
        if fresh:
            await self._store_parsed(fresh, outcomes, origin)
        return [outcome for outcome in outcomes if outcome is not None]

    async def _store_parsed(
        self,
        fresh: list[tuple[int, str, SourceDocument]],
        outcomes: list[Outcome | None],
        origin: Origin,
    ) -> None:
        """Parse `fresh` in the pool and store each article as its batch comes back. A fault
        of the database (a full disk) fails that article and stops: the ones stored before it
        stay, the ones after it are reported as not stored."""
        left = deque(fresh)
        articles = self.parsed([doc for _, _, doc in fresh])
        async with aclosing(articles):
            async for article in articles:  # stored while the workers parse the next batches
                position, label, _ = left.popleft()
                if isinstance(article, WorkerDied):
                    outcomes[position] = Outcome(label, Status.FAILED, str(article))
                    continue
                try:
                    outcomes[position] = await self._store(label, article, origin)
                except StoreError as fault:
                    outcomes[position] = Outcome(label, Status.FAILED, str(fault))
                    for position, label, _ in left:
                        outcomes[position] = Outcome(label, Status.FAILED, NOT_TRIED)
                    return

    async def redate(self, article_id: int, published: date) -> None:
        """Give an article a publication date and re-resolve its relative dates."""
        document = await self.store.get_document(article_id)
        document.published, document.published_basis = published, "user"
        (parsed,) = await self.pool.parse([document], await parse_knowledge(self.store))
        await self.store.replace_parse(article_id, parsed)

    async def reparse(self, article_ids: list[int]) -> AsyncIterator[int]:
        """Re-parse these articles with what the store knows now (aliases, taught entries,
        learned people), read from the store and parsed a few batches ahead; yield each id once
        its new parse is stored (one transaction per article). Articles deleted or redated
        meanwhile are left as they are. One run at a time (the background re-reads included),
        so a later run parses with what every earlier one was started for."""
        async with self._reparsing, aclosing(self._reparsed(article_ids)) as reparsed:
            async for article_id in reparsed:
                yield article_id

    async def _reparsed(self, article_ids: list[int]) -> AsyncIterator[int]:
        """`reparse` without the lock (its holder calls it)."""
        read: deque[int] = deque()  # ids of the documents handed to the pool, in order

        async def documents() -> AsyncIterator[list[SourceDocument]]:
            for start in range(0, len(article_ids), STREAM_BATCH):
                found = await self.store.get_documents(article_ids[start : start + STREAM_BATCH])
                read.extend(found)
                if found:
                    yield list(found.values())

        knowledge = await parse_knowledge(self.store)
        batches = self.pool.stream_batches(documents(), knowledge)
        async with aclosing(batches):
            async for batch in batches:
                for article in batch:
                    article_id = read.popleft()
                    if isinstance(article, WorkerDied):
                        continue
                    if await self.store.refresh_parse(article_id, article):
                        yield article_id

    async def _load(
        self, source: str, published: date | None
    ) -> list[tuple[str, SourceDocument | IngestError]]:
        """Each file of a path (a folder's files) or the URL, as a document or why not."""
        if "://" in source:
            if not source.lower().startswith(URL_SCHEMES):
                return [(source, IngestError("only http and https URLs can be ingested."))]
            try:
                return [
                    (source, await fetch_url(source, published=published, policy=self.fetch_policy))
                ]
            except IngestError as error:
                return [(source, error)]
        try:
            paths = expand_paths([Path(source)])
        except OSError as error:
            return [(source, IngestError(f"cannot be listed ({error.strerror})."))]
        if not paths:
            return [(source, IngestError("no .txt, .md or .html files here."))]
        return [(str(path), await self._read_file(path, published)) for path in paths]

    async def _read_file(
        self, path: ArticleFile, published: date | None
    ) -> SourceDocument | IngestError:
        try:
            return await asyncio.to_thread(
                document_from_file,
                path,
                published=published,
                max_bytes=self.settings.max_article_bytes,
            )
        except IngestError as error:
            return error

    async def _store(self, label: str, parsed: ParsedArticle, origin: Origin) -> Outcome:
        try:
            article_id = await self.store.add_article(parsed)
        except DuplicateArticle as duplicate:
            return _duplicate(label, parsed.document, duplicate.existing_id)
        await self.announce(article_id, parsed, origin)
        return _stored(label, article_id, parsed, "Stored")


def _failed(label: str, error: IngestError) -> Outcome:
    """A source refused; the message drops the file name a refusal of `bot.sources` starts
    with, since the label is shown beside it."""
    message = str(error).removeprefix(f"{Path(label).name}: ")
    return Outcome(label, Status.FAILED, message)


def _duplicate(label: str, document: SourceDocument, existing_id: int) -> Outcome:
    return Outcome(
        label,
        Status.DUPLICATE,
        f"Already stored as article #{existing_id}.",
        article_id=existing_id,
        title=document.title,
    )


def _stored(label: str, article_id: int, parsed: ParsedArticle, verb: str) -> Outcome:
    document = parsed.document
    people = [
        a.name for a in sorted(parsed.actors, key=lambda a: -a.count) if a.kind is ActorKind.PERSON
    ]
    if document.published is None:
        when = "undated (no date in the text: give one with --published / published)"
    else:
        when = f"published {document.published.isoformat()}"
    left_out = unparsed(document)
    cut = f" (too long: its last {left_out:,} characters were not parsed)" if left_out else ""
    return Outcome(
        label,
        Status.STORED,
        f"{verb} #{article_id}: {document.title!r}, {when}; "
        f"{_count(len(parsed.actors), 'actor')}, {_count(len(parsed.events), 'event')}{cut}.",
        article_id=article_id,
        title=document.title,
        published=document.published,
        actors=people[:5],
        events=len(parsed.events),
        unparsed=left_out,
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
