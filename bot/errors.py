"""Errors whose message is meant for the user: one short, clear line."""


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
