"""Date options (`since`, `until`, `when`, `published`) parsed before the command runs.

Each is an `app_commands.Transformer` around `bot.when`: the cog receives a date or an
interval, and text that is not one fails with a TransformerError whose cause is the
parser's BadQuery, which `replies.error_message` shows as the short message it always was.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import discord
from discord import app_commands

from bot.errors import BadQuery
from bot.models import Interval
from bot.when import parse_day, parse_since, parse_until, parse_when

DATE_MAX = 100  # characters of a date option


def today() -> date:
    """The day relative dates (yesterday, last week…) count from: the bot's local date."""
    return date.today()


class DateTransformer(app_commands.Transformer):
    """A string option read by `parse(text, today)`."""

    def __init__(self, parse: Callable[[str, date], Any]) -> None:
        self.parse = parse

    @property
    def min_value(self) -> int:
        return 1

    @property
    def max_value(self) -> int:
        return DATE_MAX

    async def transform(self, interaction: discord.Interaction, value: str) -> Any:
        try:
            return self.parse(value, today())
        except BadQuery as error:
            raise app_commands.TransformerError(value, self.type, self) from error


When = app_commands.Transform[Interval, DateTransformer(parse_when)]
Since = app_commands.Transform[date, DateTransformer(parse_since)]
Until = app_commands.Transform[date, DateTransformer(parse_until)]
Published = app_commands.Transform[date, DateTransformer(parse_day)]
