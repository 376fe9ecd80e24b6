"""An HTML page -> `SourceDocument`: trafilatura finds the article, htmldate its date."""

from __future__ import annotations

import logging
from datetime import date

import trafilatura

from bot.errors import IngestError
from bot.models import SourceDocument
from bot.sources.dateline import canonical_outlet
from bot.sources.text import document_from_text

# Both libraries log every page they find odd at WARNING; that is noise for a bot.
for _name in ("trafilatura", "htmldate"):
    logging.getLogger(_name).setLevel(logging.ERROR)


def document_from_html(
    html: str,
    *,
    url: str | None = None,
    published: date | None = None,
    source: str | None = None,
) -> SourceDocument:
    """The page's main text cleaned like pasted text; an explicit date or source wins."""
    extracted = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        # Page metadata or URL only, never a guess from the crawl: htmldate's cautious mode.
        date_extraction_params={
            "original_date": True,
            "extensive_search": False,
            "outputformat": "%Y-%m-%d",
        },
    )
    text = getattr(extracted, "text", None) or ""
    if not text.strip():
        raise IngestError("The page has no article text.")
    document = document_from_text(
        text,
        title=getattr(extracted, "title", None) or None,
        published=published,
        source=source,
        url=url,
    )
    found = getattr(extracted, "date", None)
    if published is None and found:
        document.published, document.published_basis = date.fromisoformat(found), "metadata"
    sitename = getattr(extracted, "sitename", None)
    if document.source is None and sitename:
        document.source = canonical_outlet(sitename) or sitename.strip()
    return document
