"""Ingestion end to end: source -> clean document -> parse (off the event loop) -> store."""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import date
from pathlib import Path

from bot.config import Settings
from bot.errors import DuplicateArticle, IngestError
from bot.models import ActorKind, Outcome, ParsedArticle, SourceDocument, Status
from bot.parse.pipeline import unparsed
from bot.parse.pool import STREAM_BATCH, ParsePool, WorkerDied
from bot.sources import (
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

URL_SCHEMES = ("http://", "https://")


class Ingestor:
    """Turns sources into stored articles; one transaction per article."""

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

    async def ingest_sources(
        self, sources: list[str], published: date | None = None
    ) -> list[Outcome]:
        """Paths (files or folders) and URLs, in the order given."""
        outcomes: list[Outcome] = []
        documents: list[tuple[str, SourceDocument]] = []
        for source in sources:
            try:
                documents += await self._load(source, published)
            except IngestError as error:
                outcomes.append(Outcome(source, Status.FAILED, str(error)))
        return outcomes + await self.ingest_documents(documents)

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
            return Outcome("pasted text", Status.FAILED, str(error))
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
            return Outcome(filename, Status.FAILED, str(error))
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
            return Outcome(filename, Status.FAILED, str(error))
        return await self.ingest_bytes(await read(), filename, published)

    async def ingest_url(self, url: str, published: date | None = None) -> Outcome:
        """One web page; anything but an http(s) URL is refused (never read as a path)."""
        if not url.strip().lower().startswith(URL_SCHEMES):
            return Outcome(url, Status.FAILED, f"{url}: give an http:// or https:// URL.")
        return (await self.ingest_sources([url.strip()], published))[0]

    async def ingest_documents(self, documents: list[tuple[str, SourceDocument]]) -> list[Outcome]:
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
            aliases = await self.store.alias_map()
            labelled = iter(fresh)
            async for batch in self.pool.stream([doc for _, _, doc in fresh], aliases):
                for article in batch:  # stored while the workers parse the next batches
                    position, label, _ = next(labelled)
                    outcomes[position] = (
                        Outcome(label, Status.FAILED, str(article))
                        if isinstance(article, WorkerDied)
                        else await self._store(label, article)
                    )
        return [outcome for outcome in outcomes if outcome is not None]

    async def redate(self, article_id: int, published: date) -> Outcome:
        """Give an article a publication date and re-resolve its relative dates."""
        document = await self.store.get_document(article_id)
        document.published, document.published_basis = published, "user"
        return await self._reparse(article_id, document)

    async def reparse(self, article_ids: list[int]) -> AsyncIterator[int]:
        """Re-parse these articles with the current aliases, read from the store and parsed a
        few batches ahead; yield each id once its new parse is stored (one transaction per
        article). Articles deleted or redated meanwhile, or whose parse worker died, are left
        as they are. One run at a time, so a later run parses with the aliases of every
        earlier one."""
        async with self._reparsing:
            read: deque[int] = deque()  # ids of the documents handed to the pool, in order

            async def documents() -> AsyncIterator[list[SourceDocument]]:
                for start in range(0, len(article_ids), STREAM_BATCH):
                    found = await self.store.get_documents(
                        article_ids[start : start + STREAM_BATCH]
                    )
                    read.extend(found)
                    if found:
                        yield list(found.values())

            aliases = await self.store.alias_map()
            async for batch in self.pool.stream_batches(documents(), aliases):
                for article in batch:
                    article_id = read.popleft()
                    if isinstance(article, WorkerDied):
                        continue
                    if await self.store.refresh_parse(article_id, article):
                        yield article_id

    async def _reparse(self, article_id: int, document: SourceDocument) -> Outcome:
        aliases = await self.store.alias_map()
        (parsed,) = await self.pool.parse([document], aliases)
        await self.store.replace_parse(article_id, parsed)
        return _stored(f"#{article_id}", article_id, parsed, "Re-parsed")

    async def _load(self, source: str, published: date | None) -> list[tuple[str, SourceDocument]]:
        if "://" in source:
            if not source.lower().startswith(URL_SCHEMES):
                raise IngestError(f"{source}: only http and https URLs can be ingested.")
            return [
                (source, await fetch_url(source, published=published, policy=self.fetch_policy))
            ]
        paths = expand_paths([Path(source)])
        if not paths:
            raise IngestError(f"{source}: no .txt, .md or .html files here.")
        loaded = []
        for path in paths:
            document = await asyncio.to_thread(
                document_from_file,
                path,
                published=published,
                max_bytes=self.settings.max_article_bytes,
            )
            loaded.append((str(path), document))
        return loaded

    async def _store(self, label: str, parsed: ParsedArticle) -> Outcome:
        try:
            article_id = await self.store.add_article(parsed)
        except DuplicateArticle as duplicate:
            return _duplicate(label, parsed.document, duplicate.existing_id)
        return _stored(label, article_id, parsed, "Stored")


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
        f"{len(parsed.actors)} actors, {len(parsed.events)} events{cut}.",
        article_id=article_id,
        title=document.title,
        published=document.published,
        actors=people[:5],
        events=len(parsed.events),
        unparsed=left_out,
    )
