"""A feed server on 127.0.0.1 for tests and benches: RSS 2.0, Atom and RDF feeds with ETags
(304s), gzip, 429 with Retry-After, 500s, slow, malformed, HTML and huge answers, redirect
loops, and the article pages the feeds link to."""

from __future__ import annotations

import asyncio
import gzip
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape
from pathlib import Path

from aiohttp import web

CORPUS = Path(__file__).resolve().parent / "data" / "corpus" / "dev"


@dataclass(frozen=True)
class Item:
    title: str
    link: str
    guid: str | None = None
    published: datetime | None = None
    content: str | None = None  # full text (content:encoded, Atom content)


def rss(title: str, items: list[Item]) -> str:
    entries = []
    for item in items:
        parts = [f"<title>{escape(item.title)}</title>", f"<link>{escape(item.link)}</link>"]
        if item.guid:
            parts.append(f'<guid isPermaLink="false">{escape(item.guid)}</guid>')
        if item.published:
            parts.append(f"<pubDate>{format_datetime(item.published)}</pubDate>")
        if item.content:
            parts.append(f"<content:encoded><![CDATA[{item.content}]]></content:encoded>")
        entries.append(f"<item>{''.join(parts)}</item>")
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>{escape(title)}</title><link>http://example.test/</link>"
        f"<description>test feed</description>{''.join(entries)}</channel></rss>"
    )


def atom(title: str, items: list[Item]) -> str:
    entries = []
    for n, item in enumerate(items):
        when = (item.published or datetime(2024, 1, 1, tzinfo=UTC)).isoformat()
        content = f'<content type="html">{escape(item.content)}</content>' if item.content else ""
        entries.append(
            f'<entry><title>{escape(item.title)}</title><link href="{escape(item.link)}"/>'
            f"<id>{escape(item.guid or f'tag:example.test,2024:{n}')}</id>"
            f"<updated>{when}</updated>{content}</entry>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{escape(title)}</title><id>urn:example:feed</id>"
        f"<updated>2024-01-01T00:00:00Z</updated>{''.join(entries)}</feed>"
    )


def rdf(title: str, items: list[Item]) -> str:
    entries = "".join(
        f'<item rdf:about="{escape(item.link)}"><title>{escape(item.title)}</title>'
        f"<link>{escape(item.link)}</link>"
        + (f"<dc:date>{item.published.isoformat()}</dc:date>" if item.published else "")
        + "</item>"
        for item in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f'<channel rdf:about="http://example.test/"><title>{escape(title)}</title>'
        "<link>http://example.test/</link><description>d</description></channel>"
        f"{entries}</rdf:RDF>"
    )


def corpus_page(name: str) -> str:
    """A corpus text (first line: its title) as an article page without a date."""
    lines = [ln for ln in (CORPUS / f"{name}.txt").read_text(encoding="utf-8").splitlines()]
    title = next(ln for ln in lines if ln.strip())
    body = "".join(f"<p>{escape(ln)}</p>" for ln in lines[1:] if ln.strip())
    return (
        f"<html><head><title>{escape(title)}</title></head><body><article>"
        f"<h1>{escape(title)}</h1>{body}</article></body></html>"
    )


@dataclass
class FeedServer:
    """Feeds and pages by path; `hits` counts requests by path, `etags` turns ETags on."""

    feeds: dict[str, tuple[str, str]] = field(default_factory=dict)  # path -> (type, body)
    pages: dict[str, str] = field(default_factory=dict)  # path -> HTML
    hits: Counter[str] = field(default_factory=Counter)
    gate: asyncio.Event = field(default_factory=asyncio.Event)  # /gated pages wait for it
    port: int = 0

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def serve_feed(self, path: str, body: str, kind: str = "application/rss+xml") -> str:
        self.feeds[path] = (kind, body)
        return self.url(path)

    async def feed(self, request: web.Request) -> web.StreamResponse:
        kind, body = self.feeds[request.path]
        etag = f'"{hash(body) & 0xFFFFFFFF:x}"'
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        if request.query.get("gzip"):
            data = gzip.compress(body.encode())
            headers = {"Content-Encoding": "gzip", "Content-Type": kind, "ETag": etag}
            return web.Response(body=data, headers=headers)
        return web.Response(text=body, content_type=kind, headers={"ETag": etag})

    async def page(self, request: web.Request) -> web.Response:
        if request.path not in self.pages:
            raise web.HTTPNotFound()
        if request.path.startswith("/gated/"):
            await self.gate.wait()
        return web.Response(text=self.pages[request.path], content_type="text/html")

    def app(self) -> web.Application:
        @web.middleware
        async def count(request: web.Request, handler):  # type: ignore[no-untyped-def]
            self.hits[request.path] += 1
            return await handler(request)

        async def dispatch(request: web.Request) -> web.StreamResponse:
            special = SPECIAL.get(request.path)
            if special is not None:
                return await special(request)
            if request.path in self.feeds:
                return await self.feed(request)
            return await self.page(request)

        app = web.Application(middlewares=[count])
        app.router.add_route("GET", "/{tail:.*}", dispatch)
        return app


async def _limited(request: web.Request) -> web.Response:
    return web.Response(status=429, headers={"Retry-After": "120"}, text="slow down")


async def _broken(request: web.Request) -> web.Response:
    return web.Response(status=500, text="oops")


async def _slow(request: web.Request) -> web.Response:
    await asyncio.sleep(3)
    return web.Response(text=rss("Slow", []), content_type="application/rss+xml")


async def _malformed(request: web.Request) -> web.Response:
    body = '<?xml version="1.0"?><rss version="2.0"><channel><title>Bad</title><item><title>A'
    return web.Response(text=body + "</item></channel>", content_type="application/rss+xml")


async def _html(request: web.Request) -> web.Response:
    page = "<!DOCTYPE html><html><head><title>News</title></head><body><p>Hi</p></body></html>"
    return web.Response(text=page, content_type="text/html")


async def _huge(request: web.Request) -> web.StreamResponse:
    response = web.StreamResponse(headers={"Content-Type": "application/rss+xml"})
    response.enable_chunked_encoding()
    await response.prepare(request)
    filler = b"<item><title>" + b"x" * 65_000 + b"</title></item>"
    try:
        await response.write(b'<?xml version="1.0"?><rss version="2.0"><channel>')
        for _ in range(160):  # about 10 MB unless the client hangs up first
            await response.write(filler)
    except (ConnectionResetError, RuntimeError):
        pass
    return response


async def _loop(request: web.Request) -> web.Response:
    raise web.HTTPFound("/broken/loop")


SPECIAL = {
    "/broken/429": _limited,
    "/broken/500": _broken,
    "/broken/slow": _slow,
    "/broken/malformed": _malformed,
    "/broken/html": _html,
    "/broken/huge": _huge,
    "/broken/loop": _loop,
}


@asynccontextmanager
async def feed_server() -> AsyncIterator[FeedServer]:
    server = FeedServer()
    runner = web.AppRunner(server.app(), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    server.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield server
    finally:
        server.gate.set()
        await runner.cleanup()
