"""Buttons that turn the pages of a long answer; only the member who asked may turn them."""

from __future__ import annotations

import logging
from typing import Any

import discord

from bot.render.paging import NO_MENTIONS

log = logging.getLogger(__name__)


class Paginator(discord.ui.View):
    """◀ n/N ▶ under an answer. On timeout the buttons are removed; the page stays."""

    def __init__(
        self, pages: list[discord.Embed], interaction: discord.Interaction, *, timeout: float
    ) -> None:
        super().__init__(timeout=timeout)
        self.pages = pages
        self.interaction = interaction  # the command's: its token edits the answer on timeout
        self.index = 0
        self._sync()

    @property
    def owner_id(self) -> int:
        return self.interaction.user.id

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id == self.owner_id:
            return True
        await interaction.response.send_message(
            "Only the member who asked can turn these pages; ask your own to browse it.",
            ephemeral=True,
        )
        return False

    @discord.ui.button(label="◀", custom_id="pages:previous", style=discord.ButtonStyle.secondary)
    async def previous(self, interaction: discord.Interaction, _: discord.ui.Button[Any]) -> None:
        await self._turn(interaction, -1)

    @discord.ui.button(label="1/1", custom_id="pages:counter", disabled=True)
    async def counter(self, interaction: discord.Interaction, _: discord.ui.Button[Any]) -> None:
        """Shows the page number; never clickable."""

    @discord.ui.button(label="▶", custom_id="pages:next", style=discord.ButtonStyle.secondary)
    async def next(self, interaction: discord.Interaction, _: discord.ui.Button[Any]) -> None:
        await self._turn(interaction, +1)

    async def on_timeout(self) -> None:
        try:
            await self.interaction.edit_original_response(view=None)
        except discord.HTTPException as error:  # deleted meanwhile, or the token expired
            log.debug("could not remove the page buttons: %s", error)

    async def on_error(
        self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item[Any]
    ) -> None:
        log.exception("page button %s failed", item, exc_info=error)
        if not interaction.response.is_done():
            await interaction.response.send_message(
                "Could not turn the page; the error has been logged.", ephemeral=True
            )

    async def _turn(self, interaction: discord.Interaction, step: int) -> None:
        self.index = (self.index + step) % len(self.pages)
        self._sync()
        await interaction.response.edit_message(
            embed=self.pages[self.index], view=self, allowed_mentions=NO_MENTIONS
        )

    def _sync(self) -> None:
        self.counter.label = f"{self.index + 1}/{len(self.pages)}"
