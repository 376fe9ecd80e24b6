"""Ingestion: pasted text, files, attachments and URLs -> clean `SourceDocument`s."""

from bot.sources.fetch import (
    Fetched,
    FetchFailed,
    FetchPolicy,
    HttpRefused,
    fetch,
    fetch_url,
    is_public_address,
)
from bot.sources.files import (
    DEFAULT_MAX_BYTES,
    ArticleFile,
    check_upload,
    document_from_bytes,
    document_from_file,
    expand_paths,
    read_source_file,
)
from bot.sources.hashing import content_hash
from bot.sources.html import document_from_html
from bot.sources.text import document_from_text

__all__ = [
    "DEFAULT_MAX_BYTES",
    "ArticleFile",
    "FetchFailed",
    "FetchPolicy",
    "Fetched",
    "HttpRefused",
    "check_upload",
    "content_hash",
    "document_from_bytes",
    "document_from_file",
    "document_from_html",
    "document_from_text",
    "expand_paths",
    "fetch",
    "fetch_url",
    "is_public_address",
    "read_source_file",
]
