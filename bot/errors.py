"""Errors whose message is meant for the user: one short, clear line."""

import unicodedata


class BriefbotError(Exception):
    """Base class; `str(error)` is shown to the user as is."""


class IngestError(BriefbotError):
    """An article could not be read, fetched or stored."""


class DuplicateArticle(IngestError):
    """The article is already in the store."""

    def __init__(self, message: str, existing_id: int) -> None:
        super().__init__(message)
        self.existing_id = existing_id


class NotFound(BriefbotError):
    """A name, id or date matched nothing; `suggestions` may help the user."""

    def __init__(self, message: str, suggestions: list[str] | None = None) -> None:
        super().__init__(message)
        self.suggestions = suggestions or []


class BadQuery(BriefbotError):
    """A command option could not be understood (a date, a time, a timezone)."""


class StoreError(BriefbotError):
    """The database cannot be opened, read or written: the message names it and the cause."""


ECHO_LIMIT = 80  # characters of the user's input quoted back in a message


def echo(text: str, limit: int = ECHO_LIMIT) -> str:
    """The user's input as quoted in a one-line message: whitespace runs and control
    characters as single spaces, text-direction overrides dropped (they would turn the rest of
    the line around), undecodable bytes as U+FFFD; cut to `limit` characters with an ellipsis."""
    line = " ".join("".join(map(_shown, text)).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _shown(char: str) -> str:
    category = unicodedata.category(char)
    if category == "Cc":
        return " "
    if category == "Cs":  # a byte the command line could not decode, kept by Python as is
        return "\ufffd"
    return "" if char in _BIDI_CONTROLS else char
