"""Work a command answers at once and reports on later, in an ephemeral follow-up.

A job runs beside the bot (which keeps answering meanwhile) and is not a command under way:
closing the bot cancels it rather than waiting for it, and it still reports how far it got.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Coroutine
from typing import Any

import discord

from bot.discord.replies import error_text
from bot.render.paging import NO_MENTIONS

log = logging.getLogger(__name__)

REPORT_TIMEOUT = 5.0  # seconds a cancelled job may take to send its report
Pages = list[discord.Embed]


class Jobs:
    """The background jobs under way."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[None]] = set()

    def start(
        self,
        interaction: discord.Interaction,
        work: Coroutine[Any, Any, object],
        report: Callable[[], Pages],
    ) -> asyncio.Task[None]:
        """Run `work`, then send `report()` to whoever used `interaction`; when cancelled,
        send it too (it tells how far the work got); when failed, say so."""
        name = interaction.command.qualified_name if interaction.command else "job"
        task = asyncio.create_task(_run(interaction, work, report), name=f"job: /{name}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def cancel_all(self) -> None:
        """Stop every job and wait until each has sent its report (or given up)."""
        await asyncio.sleep(0)  # a job started just now gets going, so that it can report
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.wait(tasks, timeout=REPORT_TIMEOUT * 2)


async def _run(
    interaction: discord.Interaction,
    work: Coroutine[Any, Any, object],
    report: Callable[[], Pages],
) -> None:
    try:
        await work
    except asyncio.CancelledError:
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(REPORT_TIMEOUT):
                await _follow_up(interaction, embed=report()[0])
        raise
    except Exception as error:
        await _follow_up(interaction, content=error_text(interaction, error))
    else:
        await _follow_up(interaction, embed=report()[0])


async def _follow_up(interaction: discord.Interaction, **content: Any) -> None:
    """An ephemeral follow-up; logged, not raised, if Discord refuses it (an interaction's
    follow-ups expire after 15 minutes)."""
    try:
        await interaction.followup.send(ephemeral=True, allowed_mentions=NO_MENTIONS, **content)
    except discord.HTTPException:
        log.warning("could not report a background job to %s", interaction.user, exc_info=True)
