"""Interactions sent to the bot, and the bot's answers to them."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from . import limits
from .state import Message
from .validation import ApiError

T = TypeVar("T")

APPLICATION_COMMAND, MESSAGE_COMPONENT, AUTOCOMPLETE = 2, 3, 4
# Interaction callback types
CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, DEFERRED_UPDATE, UPDATE_MESSAGE = 4, 5, 6, 7
AUTOCOMPLETE_RESULT, MODAL = 8, 9


class Notifier:
    """Lets tests await a condition on the emulator's state, with a timeout."""

    def __init__(self) -> None:
        self._condition = asyncio.Condition()

    async def notify(self) -> None:
        async with self._condition:
            self._condition.notify_all()

    async def wait_for(
        self, predicate: Callable[[], T], timeout: float, describe: Callable[[], str]
    ) -> T:
        """Wait until ``predicate()`` is truthy; on timeout fail with ``describe()``."""
        try:
            async with asyncio.timeout(timeout), self._condition:
                return await self._condition.wait_for(predicate)
        except TimeoutError:
            raise AssertionError(f"after {timeout:.2f}s: {describe()}") from None


@dataclass
class Rejection:
    """A request Discord would have refused."""

    method: str
    path: str
    error: ApiError
    interaction: InteractionRecord | None = None

    def __str__(self) -> str:
        detail = f" {self.error.errors}" if self.error.errors else ""
        return f"{self.method} {self.path} -> {self.error}{detail}"


class InteractionRecord:
    """One interaction dispatched to the bot and everything it answered."""

    def __init__(
        self,
        *,
        id: int,
        token: str,
        type: int,
        label: str,
        payload: dict[str, Any],
        notifier: Notifier,
        source: Message | None = None,
    ) -> None:
        self.id = id
        self.token = token
        self.type = type
        self.label = label
        self.payload = payload
        self.source = source  # the message whose component was used
        self.dispatched_at = time.monotonic()
        self.response_type: int | None = None
        self.ack_latency: float | None = None
        self.original: Message | None = None
        self.followups: list[Message] = []
        self.choices: list[dict[str, Any]] | None = None
        self.rejections: list[Rejection] = []
        self.visible = False  # the response shows something other than "thinking…"
        self._notifier = notifier

    def __repr__(self) -> str:
        return f"<InteractionRecord {self.label} id={self.id} response_type={self.response_type}>"

    @property
    def acknowledged(self) -> bool:
        return self.response_type is not None

    def elapsed(self) -> float:
        return time.monotonic() - self.dispatched_at

    def acknowledge(self, response_type: int) -> None:
        self.response_type = response_type
        self.ack_latency = self.elapsed()

    def describe(self) -> str:
        state = f"response type {self.response_type}" if self.acknowledged else "never acknowledged"
        lines = [f"interaction {self.label}: {state}"]
        lines += [f"  rejected: {r}" for r in self.rejections]
        return "\n".join(lines)

    async def wait_acknowledged(self, timeout: float = 5) -> int:
        """Wait for the first accepted callback; return its type."""
        await self._wait(lambda: self.acknowledged, timeout, "no acknowledgement")
        assert self.response_type is not None
        return self.response_type

    async def wait_response(self, timeout: float = 5) -> Message:
        """The visible response: sent, or edited into a deferral or the clicked message.

        Fails as soon as Discord's 3 s window to acknowledge has passed without an
        acknowledgement: nothing can be shown after that.
        """
        if not self.acknowledged:
            window = limits.INTERACTION_RESPONSE_DEADLINE - self.elapsed() + 0.05
            await self._wait(
                lambda: self.acknowledged,
                min(timeout, max(window, 0)),
                "not acknowledged within Discord's 3 s window",
            )
        await self._wait(lambda: self.visible, timeout, "no visible response")
        assert self.original is not None
        return self.original

    async def wait_followups(self, count: int = 1, timeout: float = 5) -> list[Message]:
        """Wait until at least ``count`` follow-up messages exist; return them all."""
        await self._wait(
            lambda: len(self.followups) >= count, timeout, f"fewer than {count} follow-ups"
        )
        return list(self.followups)

    async def wait_choices(self, timeout: float = 5) -> list[dict[str, Any]]:
        """Wait for an autocomplete result; return its choices."""
        await self._wait(lambda: self.choices is not None, timeout, "no autocomplete result")
        assert self.choices is not None
        return self.choices

    async def wait_for(self, predicate: Callable[[InteractionRecord], T], timeout: float = 5) -> T:
        """Wait until ``predicate(self)`` is truthy and return its value."""
        return await self._wait(lambda: predicate(self), timeout, "condition not met")

    async def _wait(self, predicate: Callable[[], T], timeout: float, failure: str) -> T:
        return await self._notifier.wait_for(
            predicate, timeout, lambda: f"{failure}; {self.describe()}"
        )
