"""URL fetching against a real aiohttp server on 127.0.0.1; no traffic leaves 127.0.0.0/8."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
import pytest_asyncio
from aiohttp import web

from bot.errors import IngestError
from bot.sources import FetchPolicy, fetch_url, is_public_address

SEEDS = Path(__file__).parent.parent / "seeds"
LOOPBACK = (ipaddress.ip_network("127.0.0.0/8"),)
LOCAL = FetchPolicy(allowed_networks=LOOPBACK, timeout_s=5)
MIXED_TEXT = (
    "Talks in Erbil\n\nERBIL, Kurdistan Region - The minister’s café meeting with the envoy on "
    "Monday covered security, the budget and the région’s oil exports, officials said."
)


def _article_page() -> str:
    text = sorted(SEEDS.glob("001_*.txt"))[0].read_text(encoding="utf-8")
    paragraphs = "".join(f"<p>{line}</p>" for line in text.splitlines()[6:] if line.strip())
    return (
        "<html><head><title>KRG, US discuss partnership | Rudaw.net</title>"
        '<meta property="og:title" content="KRG, US discuss partnership, regional security">'
        '<meta property="article:published_time" content="2021-11-20T09:00:00+03:00">'
        '<meta property="og:site_name" content="Rudaw"></head><body>'
        f"<article><h1>KRG, US discuss partnership, regional security</h1>{paragraphs}"
        "</article></body></html>"
    )


@dataclass
class Server:
    port: int
    hits: Counter[str]

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"


# Pages whose declared charset is wrong, or whose bytes hold control characters.
def labelled(body: bytes, kind: str, charset: str) -> web.Response:
    return web.Response(body=body, headers={"Content-Type": f"{kind}; charset={charset}"})


async def utf8_said_latin1(request: web.Request) -> web.Response:
    return labelled(MIXED_TEXT.encode("utf-8"), "text/plain", "iso-8859-1")


async def utf8_page_said_latin1(request: web.Request) -> web.Response:
    page = f"<html><body><article><h1>Talks</h1><p>{MIXED_TEXT}</p></article></body></html>"
    return labelled(page.encode("utf-8"), "text/html", "ISO-8859-1")


async def cp1252_said_latin1(request: web.Request) -> web.Response:
    return labelled(MIXED_TEXT.encode("cp1252"), "text/plain", "latin-1")


async def controls(request: web.Request) -> web.Response:
    body = MIXED_TEXT.encode("cp1252").replace(b"\x92", b"\x81")
    return labelled(body, "text/plain", "iso-8859-1")


async def nav_only(request: web.Request) -> web.Response:
    page = "<html><body><nav><a href='/'>Home</a></nav><p>Home</p></body></html>"
    return web.Response(text=page, content_type="text/html")


CHARSET_ROUTES = {
    "/utf8-said-latin1": utf8_said_latin1,
    "/utf8-page-said-latin1": utf8_page_said_latin1,
    "/cp1252-said-latin1": cp1252_said_latin1,
    "/controls": controls,
}


@pytest_asyncio.fixture(loop_scope="function")
async def server() -> AsyncIterator[Server]:
    hits: Counter[str] = Counter()
    state: dict[str, int] = {}

    @web.middleware
    async def count(request: web.Request, handler):  # type: ignore[no-untyped-def]
        hits[request.path] += 1
        return await handler(request)

    async def article(request: web.Request) -> web.Response:
        return web.Response(text=_article_page(), content_type="text/html", charset="utf-8")

    async def plain(request: web.Request) -> web.Response:
        text = sorted(SEEDS.glob("000_*.txt"))[0].read_text(encoding="utf-8")
        return web.Response(text=text, content_type="text/plain", charset="utf-8")

    async def redirect(request: web.Request) -> web.Response:
        raise web.HTTPFound("/article")

    async def loop(request: web.Request) -> web.Response:
        raise web.HTTPFound("/loop")

    async def to_loopback(request: web.Request) -> web.Response:
        raise web.HTTPFound(f"http://127.0.0.2:{state['port']}/article")

    async def to_internal(request: web.Request) -> web.Response:
        raise web.HTTPFound(f"http://internal.test:{state['port']}/article")

    async def missing(request: web.Request) -> web.Response:
        raise web.HTTPNotFound()

    async def pdf(request: web.Request) -> web.Response:
        return web.Response(body=b"%PDF-1.7 ...", content_type="application/pdf")

    async def huge_streamed(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/html"})
        response.enable_chunked_encoding()
        await response.prepare(request)
        chunk = b"<p>" + b"x" * 65_000 + b"</p>"
        try:
            for _ in range(200):  # about 13 MB unless the client hangs up first
                await response.write(chunk)
        except (ConnectionResetError, RuntimeError):
            pass
        return response

    async def huge_declared(request: web.Request) -> web.Response:
        return web.Response(body=b"<p>" + b"x" * 3_000_000 + b"</p>", content_type="text/html")

    async def slow(request: web.Request) -> web.Response:
        await asyncio.sleep(1)
        return web.Response(text=_article_page(), content_type="text/html")

    app = web.Application(middlewares=[count])
    for path, handler in {
        "/article": article,
        "/plain": plain,
        "/redirect": redirect,
        "/loop": loop,
        "/to-loopback": to_loopback,
        "/to-internal": to_internal,
        "/missing": missing,
        "/pdf": pdf,
        "/huge-streamed": huge_streamed,
        "/huge-declared": huge_declared,
        "/slow": slow,
        **CHARSET_ROUTES,
        "/nav-only": nav_only,
    }.items():
        app.router.add_get(path, handler)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    state["port"] = port
    try:
        yield Server(port, hits)
    finally:
        await runner.cleanup()


def stub_resolver(table: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    """A resolver that answers from `table` and records every question."""
    asked: list[str] = []

    async def resolve(host: str) -> list[str]:
        asked.append(host)
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, "unknown host")
        return table[host]

    resolve.asked = asked  # type: ignore[attr-defined]
    return resolve


def only_127_0_0_1(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return ip == ipaddress.ip_address("127.0.0.1")


# --- fetching from the local test server (127.0.0.0/8 allowed) ---------------------------


async def test_fetch_article_page(server: Server) -> None:
    document = await fetch_url(server.url("/article"), policy=LOCAL)
    assert document.title == "KRG, US discuss partnership, regional security"
    assert (document.published, document.published_basis) == (date(2021, 11, 20), "metadata")
    assert document.source == "Rudaw"
    assert document.dateline_place == "Erbil"
    assert document.url == server.url("/article")
    assert "Barzani and Austin met on the sidelines" in document.text
    assert "Rudaw moderates" not in document.text


async def test_fetch_plain_text_and_explicit_date(server: Server) -> None:
    document = await fetch_url(server.url("/plain"), policy=LOCAL, published=date(2024, 2, 26))
    assert document.title == "Blinken meets Iraqi Kurdistan PM in Washington amid regional tension"
    assert (document.published, document.published_basis) == (date(2024, 2, 26), "user")
    assert "Powered by automated translation" not in document.text


@pytest.mark.parametrize("path", ["/utf8-said-latin1", "/utf8-page-said-latin1"])
async def test_a_utf8_body_under_a_wrong_single_byte_charset_is_read_as_utf8(
    server: Server, path: str
) -> None:
    document = await fetch_url(server.url(path), policy=LOCAL)
    assert "The minister’s café meeting" in document.text
    assert not any("\x80" <= char <= "\x9f" for char in document.text)


async def test_latin1_is_read_as_windows_1252_like_browsers_do(server: Server) -> None:
    document = await fetch_url(server.url("/cp1252-said-latin1"), policy=LOCAL)
    assert "The minister’s café meeting" in document.text


async def test_text_left_with_control_characters_is_refused(server: Server) -> None:
    with pytest.raises(IngestError, match="control characters"):
        await fetch_url(server.url("/controls"), policy=LOCAL)


async def test_a_navigation_only_page_is_refused(server: Server) -> None:
    with pytest.raises(IngestError, match=r"too little text|no article text"):
        await fetch_url(server.url("/nav-only"), policy=LOCAL)


async def test_redirect_is_followed_and_the_final_url_kept(server: Server) -> None:
    document = await fetch_url(server.url("/redirect"), policy=LOCAL)
    assert document.url == server.url("/article")
    assert server.hits["/redirect"] == 1 and server.hits["/article"] == 1


async def test_redirect_loop_stops(server: Server) -> None:
    with pytest.raises(IngestError, match="more than 5 redirects"):
        await fetch_url(server.url("/loop"), policy=LOCAL)
    assert server.hits["/loop"] == 6


async def test_http_error_status(server: Server) -> None:
    with pytest.raises(IngestError, match="the server answered 404"):
        await fetch_url(server.url("/missing"), policy=LOCAL)


async def test_non_text_content_type_is_refused(server: Server) -> None:
    with pytest.raises(IngestError, match="application/pdf"):
        await fetch_url(server.url("/pdf"), policy=LOCAL)


@pytest.mark.parametrize("path", ["/huge-streamed", "/huge-declared"])
async def test_body_larger_than_the_limit_is_refused(server: Server, path: str) -> None:
    policy = FetchPolicy(allowed_networks=LOOPBACK, max_bytes=1024 * 1024, timeout_s=5)
    with pytest.raises(IngestError, match=r"larger than the 1\.0 MB limit"):
        await fetch_url(server.url(path), policy=policy)


async def test_slow_server_times_out(server: Server) -> None:
    policy = FetchPolicy(allowed_networks=LOOPBACK, timeout_s=0.3)
    with pytest.raises(IngestError, match="timed out"):
        await fetch_url(server.url("/slow"), policy=policy)


async def test_unreachable_port_is_a_clear_error() -> None:
    with socket.socket() as probe:  # a port that was free a moment ago: nobody listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(IngestError, match=r"^Could not reach host 127\.0\.0\.1\.$"):
        await fetch_url(f"http://127.0.0.1:{port}/", policy=LOCAL)


async def test_unknown_host_name_is_a_clear_error() -> None:
    policy = FetchPolicy(resolver=stub_resolver({}))
    with pytest.raises(IngestError, match="does not resolve"):
        await fetch_url("http://nowhere.test/", policy=policy)


# --- refusals (default policy: public addresses only) ------------------------------------


@pytest.mark.parametrize(
    "url", ["ftp://example.org/a.txt", "file:///etc/passwd", "gopher://x", "javascript:alert(1)"]
)
async def test_only_http_and_https(url: str) -> None:
    with pytest.raises(IngestError, match=r"^Only http and https URLs can be ingested\.$"):
        await fetch_url(url, policy=FetchPolicy())


async def test_localhost_is_refused_before_any_connection(server: Server) -> None:
    for url in (
        server.url("/article", host="localhost"),
        server.url("/article"),
        server.url("/article", host="[::ffff:127.0.0.1]"),
        "http://127.0.0.1/",
        "http://[::1]/",
        "http://0.0.0.0/",
    ):
        with pytest.raises(IngestError, match="private or local address"):
            await fetch_url(url, policy=FetchPolicy())
    assert sum(server.hits.values()) == 0


@pytest.mark.parametrize("address", ["10.0.0.5", "192.168.1.1", "fd00::1"])
async def test_host_resolving_to_a_private_address_is_refused(address: str) -> None:
    resolver = stub_resolver({"example.test": [address]})
    with pytest.raises(IngestError, match=rf"private or local address \({address}\)"):
        await fetch_url("http://example.test/news", policy=FetchPolicy(resolver=resolver))
    assert resolver.asked == ["example.test"]


async def test_any_private_address_among_several_is_refused() -> None:
    resolver = stub_resolver({"example.test": ["93.184.216.34", "10.0.0.5"]})
    with pytest.raises(IngestError, match=r"\(10\.0\.0\.5\)"):
        await fetch_url("http://example.test/", policy=FetchPolicy(resolver=resolver))


async def test_connection_goes_to_the_vetted_address_only(server: Server) -> None:
    """The name is resolved once, by the policy; the connection uses that answer (no rebinding).

    "news.test" does not exist in real DNS, so the fetch can only succeed through the pinned
    address; later answers (a rebinding attempt to 10.0.0.5) are never asked for.
    """
    answers = iter([["127.0.0.1"], ["10.0.0.5"]])
    asked: list[str] = []

    async def rebinding(host: str) -> list[str]:
        asked.append(host)
        return next(answers)

    policy = FetchPolicy(resolver=rebinding, is_allowed_address=only_127_0_0_1, timeout_s=5)
    document = await fetch_url(server.url("/article", host="news.test"), policy=policy)
    assert document.title.startswith("KRG, US discuss partnership")
    assert asked == ["news.test"]
    assert server.hits["/article"] == 1


async def test_redirect_to_a_loopback_address_is_refused(server: Server) -> None:
    """The first hop is allowed by the policy hook; its redirect to 127.0.0.2 is not."""
    policy = FetchPolicy(
        resolver=stub_resolver({"news.test": ["127.0.0.1"]}),
        is_allowed_address=only_127_0_0_1,
        timeout_s=5,
    )
    with pytest.raises(IngestError, match=r"private or local address \(127\.0\.0\.2\)"):
        await fetch_url(server.url("/to-loopback", host="news.test"), policy=policy)
    assert server.hits["/to-loopback"] == 1
    assert server.hits["/article"] == 0


async def test_redirect_to_a_host_resolving_privately_is_refused(server: Server) -> None:
    resolver = stub_resolver({"news.test": ["127.0.0.1"], "internal.test": ["10.0.0.5"]})
    policy = FetchPolicy(resolver=resolver, is_allowed_address=only_127_0_0_1, timeout_s=5)
    with pytest.raises(IngestError, match=r"Refusing to fetch internal\.test"):
        await fetch_url(server.url("/to-internal", host="news.test"), policy=policy)
    assert resolver.asked == ["news.test", "internal.test"]
    assert server.hits["/article"] == 0


@pytest.mark.parametrize(
    ("address", "allowed"),
    [("10.0.0.5", True), ("10.255.0.1", True), ("192.168.1.1", False), ("127.0.0.1", False)],
)
async def test_only_the_allowed_networks_open_private_addresses(
    address: str, allowed: bool
) -> None:
    policy = FetchPolicy(allowed_networks=(ipaddress.ip_network("10.0.0.0/8"),))
    assert policy.allows(ipaddress.ip_address(address)) is allowed
    assert policy.allows(ipaddress.ip_address("93.184.216.34"))


@pytest.mark.parametrize(
    "address", ["169.254.169.254", "169.254.0.1", "fe80::1", "::ffff:169.254.169.254"]
)
async def test_link_local_addresses_are_never_allowed(address: str) -> None:
    """Listed or not, and whatever the test hook says: cloud metadata lives there."""
    listed = FetchPolicy(
        allowed_networks=(
            ipaddress.ip_network("169.254.0.0/16"),
            ipaddress.ip_network("fe80::/10"),
            ipaddress.ip_network("::ffff:0:0/96"),
        ),
        is_allowed_address=lambda ip: True,
        resolver=stub_resolver({"metadata.test": [address]}),
    )
    assert not listed.allows(ipaddress.ip_address(address))
    with pytest.raises(IngestError, match="link-local"):
        await fetch_url("http://metadata.test/latest/meta-data/", policy=listed)


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("2606:4700:4700::1111", True),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.0.1", False),
        ("127.0.0.1", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("224.0.0.1", False),
        ("240.0.0.1", False),
        ("0.0.0.0", False),
        ("::1", False),
        ("::", False),
        ("fe80::1", False),
        ("fc00::1", False),
        ("fec0::1", False),  # deprecated site-local
        ("ff02::1", False),
        ("::ffff:127.0.0.1", False),
        ("::ffff:10.0.0.1", False),
        ("2002:a00:1::", False),  # 6to4 wrapping 10.0.0.1
    ],
)
def test_is_public_address(address: str, public: bool) -> None:
    assert is_public_address(ipaddress.ip_address(address)) is public
