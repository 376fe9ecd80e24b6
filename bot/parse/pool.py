"""Parsing off the event loop: a process pool whose workers each load the model once.

A worker that dies (out of memory, killed) breaks its executor, and with it every batch in
flight; the pool then starts a fresh executor, and each lost document comes back as a
`WorkerDied` error instead of its parse, so the ingests report it and go on."""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
from collections import deque
from collections.abc import AsyncIterable, AsyncIterator, Iterable
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from bot.errors import IngestError
from bot.knowledge import StoreKnowledge, active_beats, use_beats
from bot.models import ParsedArticle, SourceDocument
from bot.offload import lower_priority
from bot.parse.pipeline import BATCH_SIZE, ArticleParser

log = logging.getLogger(__name__)

STREAM_BATCH = BATCH_SIZE  # documents per task: spaCy's batch, small enough to keep all busy


class WorkerDied(IngestError):
    """The parse worker stopped while the article was being parsed; it has been replaced."""


Parsed = ParsedArticle | WorkerDied  # a document's parse, or why it was lost
LOST = (
    "The parse worker stopped while parsing this (out of memory, or killed); it has been "
    "restarted: try again."
)
_worker_parser: ArticleParser | None = None
_worker_setup: tuple[str | None, tuple[str, ...]] | None = None  # (model, beats) loaded


def _parser_for(
    knowledge: StoreKnowledge, model: str | None, beats: tuple[str, ...]
) -> ArticleParser:
    """This process's parser of `model` (None: the default) and the packs `beats`, loaded on
    first use and refreshed when the store's knowledge changes."""
    global _worker_parser, _worker_setup
    if _worker_parser is None or _worker_setup != (model, beats):
        _worker_parser = ArticleParser.create(knowledge, model, beats)
        _worker_setup = (model, beats)
    elif knowledge != _worker_parser.gazetteer.knowledge:
        _worker_parser = _worker_parser.with_knowledge(knowledge)
    return _worker_parser


def _warm_up(model: str | None, beats: tuple[str, ...]) -> None:
    _parser_for(StoreKnowledge(), model, beats)


def _start_worker(model: str | None, beats: tuple[str, ...]) -> None:
    """A worker's start: behind the bot for the CPU, with the packs in use and the model
    loaded."""
    lower_priority()
    use_beats(beats)
    _parser_for(StoreKnowledge(), model, beats)


def parse_batch(
    documents: list[SourceDocument],
    knowledge: StoreKnowledge,
    model: str | None = None,
    beats: tuple[str, ...] | None = None,
) -> list[ParsedArticle]:
    """Parse documents in this process (the pool's task; also usable directly)."""
    beats = active_beats() if beats is None else beats
    return list(_parser_for(knowledge, model, beats).parse(documents))


class ParsePool:
    """Runs `parse_batch` in worker processes; `workers=0` parses in one background thread.
    `model` is the spaCy model the workers load (`Settings.spacy_model`; None: the default),
    `beats` the packs they use (`Settings.beats`; None: those this process uses)."""

    def __init__(
        self,
        workers: int | None = None,
        model: str | None = None,
        beats: Iterable[str] | None = None,
    ) -> None:
        self.beats = active_beats() if beats is None else tuple(beats)
        count = (os.cpu_count() or 1) if workers is None else workers
        self.workers = max(count, 0)
        self.model = model
        self._executor = self._new_executor()

    def _new_executor(self) -> Executor:
        if not self.workers:
            return ThreadPoolExecutor(max_workers=1, thread_name_prefix="parse")
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(self.model, self.beats),
        )

    def _replace(self, broken: Executor) -> None:
        """A fresh executor for a broken one (once, however many batches it broke)."""
        if self._executor is broken:
            log.warning("a parse worker died; starting new ones")
            broken.shutdown(wait=False, cancel_futures=True)
            self._executor = self._new_executor()

    def _submit(
        self, batch: list[SourceDocument], knowledge: StoreKnowledge
    ) -> tuple[Executor, asyncio.Future[list[ParsedArticle]]]:
        """Hand `batch` to a worker; (the executor it went to, its parse to come). A worker
        that died while idle has lost nothing: the batch goes to a fresh executor."""
        loop = asyncio.get_running_loop()
        task = (parse_batch, batch, knowledge, self.model, self.beats)
        executor = self._executor
        try:
            return executor, loop.run_in_executor(executor, *task)
        except BrokenProcessPool:
            self._replace(executor)
            return self._executor, loop.run_in_executor(self._executor, *task)

    async def _result(
        self, executor: Executor, future: asyncio.Future[list[ParsedArticle]], size: int
    ) -> list[Parsed]:
        """The batch's parses, or a `WorkerDied` for each of its `size` documents if its
        executor broke meanwhile (which is then replaced)."""
        try:
            return list(await future)
        except BrokenProcessPool:
            self._replace(executor)
            return [WorkerDied(LOST) for _ in range(size)]

    async def warm_up(self) -> None:
        """Start the workers and load the model in each now, not on the first article."""
        loop = asyncio.get_running_loop()
        executor = self._executor
        tasks = [
            loop.run_in_executor(executor, _warm_up, self.model, self.beats)
            for _ in range(self.workers or 1)
        ]
        try:
            await asyncio.gather(*tasks)
        except BrokenProcessPool:
            self._replace(executor)
            raise

    async def parse(
        self, documents: list[SourceDocument], knowledge: StoreKnowledge | None = None
    ) -> list[ParsedArticle]:
        """Parse `documents` across the workers, keeping their order; `WorkerDied` if a
        worker died on one of them."""
        parsed = [item async for batch in self.stream(documents, knowledge) for item in batch]
        lost = next((item for item in parsed if isinstance(item, WorkerDied)), None)
        if lost is not None:
            raise lost
        return [item for item in parsed if isinstance(item, ParsedArticle)]

    async def stream(
        self, documents: list[SourceDocument], knowledge: StoreKnowledge | None = None
    ) -> AsyncIterator[list[Parsed]]:
        """Parse `documents` in batches spread over the workers and yield the batches in
        order as they are ready, so the caller stores one while the workers parse the next."""

        async def batches() -> AsyncIterator[list[SourceDocument]]:
            for batch in _batches(documents, STREAM_BATCH):
                yield batch

        async for parsed in self.stream_batches(batches(), knowledge):
            yield parsed

    async def stream_batches(
        self,
        batches: AsyncIterable[list[SourceDocument]],
        knowledge: StoreKnowledge | None = None,
    ) -> AsyncIterator[list[Parsed]]:
        """Parse the batches `batches` gives, read only as the workers need them (two queued
        per worker), with what the store knows (`knowledge`), and yield them parsed, in
        order (a lost document as `WorkerDied`)."""
        knowledge = knowledge or StoreKnowledge()
        ahead = 2 * max(self.workers, 1)
        source = aiter(batches)
        pending: deque[tuple[Executor, asyncio.Future[list[ParsedArticle]], int]] = deque()
        try:
            while True:
                while len(pending) < ahead and (batch := await anext(source, None)) is not None:
                    pending.append((*self._submit(batch, knowledge), len(batch)))
                if not pending:
                    return
                yield await self._result(*pending.popleft())
        finally:
            for _, future, _ in pending:
                future.cancel()  # the caller stopped early: drop what has not started

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


def _batches(items: list[SourceDocument], size: int) -> list[list[SourceDocument]]:
    return [items[i : i + size] for i in range(0, len(items), size)]
