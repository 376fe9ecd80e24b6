"""Answering interactions: on time (defer when slow), paginated, never pinging, errors ephemeral."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from types import TracebackType

import discord
from discord import app_commands

from bot.discord.paginator import Paginator
from bot.errors import BriefbotError, NotFound, echo
from bot.render.paging import CONTENT_MAX, NO_MENTIONS, clip

log = logging.getLogger(__name__)

DEFER_AFTER = 0.5  # seconds; Discord drops an interaction not acknowledged within 3 s
DEFAULT_PAGE_TIMEOUT = 300.0


class Reply:
    """Answers one command interaction.

    Used as ``async with Reply(interaction) as reply: await reply.send(pages)``: if the
    answer is not ready after ``DEFER_AFTER`` seconds (or at once with ``defer_now``) the
    interaction is deferred ("thinking…") and the answer edited in when it comes.
    """

    def __init__(
        self,
        interaction: discord.Interaction,
        *,
        ephemeral: bool = False,
        defer_now: bool = False,
        page_timeout: float = DEFAULT_PAGE_TIMEOUT,
    ) -> None:
        self.interaction = interaction
        self.ephemeral = ephemeral
        self.defer_after = 0.0 if defer_now else DEFER_AFTER
        self.page_timeout = page_timeout
        self._lock = asyncio.Lock()
        self._timer: asyncio.Task[None] | None = None

    async def __aenter__(self) -> Reply:
        if self.defer_after <= 0:
            await self._defer()
        else:
            self._timer = asyncio.create_task(self._defer_later(), name="defer-interaction")
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self._stop_timer()

    async def send(self, pages: list[discord.Embed]) -> None:
        """The answer: its first page, with page buttons when there are more."""
        view = (
            Paginator(pages, self.interaction, timeout=self.page_timeout)
            if len(pages) > 1
            else discord.utils.MISSING
        )
        await self._stop_timer()
        response = self.interaction.response
        if response.is_done():
            await self.interaction.edit_original_response(
                embed=pages[0], view=view, allowed_mentions=NO_MENTIONS
            )
        else:
            await response.send_message(
                embed=pages[0], view=view, ephemeral=self.ephemeral, allowed_mentions=NO_MENTIONS
            )

    async def _defer_later(self) -> None:
        await asyncio.sleep(self.defer_after)
        await self._defer()

    async def _defer(self) -> None:
        async with self._lock:
            if not self.interaction.response.is_done():
                await self.interaction.response.defer(ephemeral=self.ephemeral, thinking=True)
                self.interaction.extras["deferred_ephemeral"] = self.ephemeral

    async def _stop_timer(self) -> None:
        """Cancel a pending deferral, or wait for one already under way."""
        async with self._lock:
            if self._timer is not None and not self._timer.done():
                self._timer.cancel()
        if self._timer is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._timer


async def send_error(interaction: discord.Interaction, text: str) -> None:
    """A short ephemeral message, whatever state the interaction is in."""
    text = clip(text, CONTENT_MAX)
    response = interaction.response
    if not response.is_done():
        await response.send_message(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
        return
    if interaction.extras.get("deferred_ephemeral"):
        await interaction.edit_original_response(
            content=text, embed=None, view=None, allowed_mentions=NO_MENTIONS
        )
        return
    if response.type is discord.InteractionResponseType.deferred_channel_message:
        # a public "thinking…" placeholder: replace it by a message only the asker sees
        with contextlib.suppress(discord.HTTPException):
            await interaction.delete_original_response()
    await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_MENTIONS)


def error_message(error: Exception) -> str | None:
    """What to tell the user about `error`; None for a bug (logged with its traceback)."""
    if isinstance(error, app_commands.CommandInvokeError):
        error = error.original
    if isinstance(error, app_commands.TransformerError) and isinstance(
        error.__cause__, BriefbotError
    ):
        error = error.__cause__  # an option our parser refused (a date): its own words
    if isinstance(error, NotFound) and error.suggestions:
        return f"{error} Did you mean: {', '.join(error.suggestions)}?"
    if isinstance(error, BriefbotError | app_commands.CheckFailure):
        return str(error) or "You cannot use this command here."
    if isinstance(error, app_commands.TransformerError):
        return f"'{echo(str(error.value))}' is not a valid {error.type.name.lower()}."
    return None


def error_text(interaction: discord.Interaction, error: Exception) -> str:
    """The short message telling the user about `error`, made inert; a bug is logged with
    its traceback and told as such."""
    message = error_message(error)
    if message is None:
        command = interaction.command.qualified_name if interaction.command else "?"
        log.error("/%s failed", command, exc_info=error)
        message = "Something went wrong while answering; the error has been logged."
    else:
        log.info("refused %s: %s", interaction.user, message)
    # user text in it stays inert; our own channel mentions (<#id>) still show as links
    return discord.utils.escape_mentions(discord.utils.escape_markdown(message))


async def answer_error(interaction: discord.Interaction, error: Exception) -> None:
    """Tell the user in a short ephemeral message; log bugs with their traceback."""
    text = error_text(interaction, error)
    try:
        await send_error(interaction, text)
    except discord.HTTPException:
        log.exception("could not tell %s about an error", interaction.user)
