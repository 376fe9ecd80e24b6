"""Parsing off the event loop: a process pool whose workers each load the model once."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor

from bot.models import ParsedArticle, SourceDocument
from bot.parse.pipeline import ArticleParser

_worker_parser: ArticleParser | None = None
_worker_aliases: dict[str, str] = {}


def _parser_for(aliases: dict[str, str]) -> ArticleParser:
    """This process's parser, loaded on first use and refreshed when the aliases change."""
    global _worker_parser, _worker_aliases
    if _worker_parser is None:
        _worker_parser = ArticleParser.create(aliases)
        _worker_aliases = aliases
    elif aliases != _worker_aliases:
        _worker_parser = _worker_parser.with_aliases(aliases)
        _worker_aliases = aliases
    return _worker_parser


def _warm_up() -> None:
    _parser_for({})


def parse_batch(documents: list[SourceDocument], aliases: dict[str, str]) -> list[ParsedArticle]:
    """Parse documents in this process (the pool's task; also usable directly)."""
    return list(_parser_for(aliases).parse(documents))


class ParsePool:
    """Runs `parse_batch` in worker processes; `workers=0` parses in one background thread."""

    def __init__(self, workers: int | None = None) -> None:
        count = (os.cpu_count() or 1) if workers is None else workers
        self._executor: Executor
        if count <= 0:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="parse")
        else:
            self._executor = ProcessPoolExecutor(
                max_workers=count,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_warm_up,
            )
        self.workers = max(count, 0)

    async def warm_up(self) -> None:
        """Start the workers and load the model in each now, not on the first article."""
        loop = asyncio.get_running_loop()
        tasks = [loop.run_in_executor(self._executor, _warm_up) for _ in range(self.workers or 1)]
        await asyncio.gather(*tasks)

    async def parse(
        self, documents: list[SourceDocument], aliases: dict[str, str] | None = None
    ) -> list[ParsedArticle]:
        """Parse `documents`, split across the workers, keeping their order."""
        if not documents:
            return []
        loop = asyncio.get_running_loop()
        chunks = _chunks(documents, max(self.workers, 1))
        results = await asyncio.gather(
            *(loop.run_in_executor(self._executor, parse_batch, c, aliases or {}) for c in chunks)
        )
        return [parsed for chunk in results for parsed in chunk]

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


def _chunks(items: list[SourceDocument], parts: int) -> list[list[SourceDocument]]:
    size = -(-len(items) // parts)
    return [items[i : i + size] for i in range(0, len(items), size)]
