"""Fetching an article URL safely: public addresses (and the networks the settings allow)
only, never a link-local one, pinned DNS, bounded size and time.

Each hop's host is resolved and vetted before any connection, and the connection is then
made to exactly those vetted addresses (so a DNS answer cannot change in between).
Redirects are followed by hand, at most `FetchPolicy.max_redirects`, each one vetted again.
"""

from __future__ import annotations

import asyncio
import codecs
import contextlib
import ipaddress
import socket
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import date

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from multidict import CIMultiDict
from trafilatura.utils import decode_file
from yarl import URL

from bot.config import LINK_LOCAL, Network
from bot.errors import IngestError
from bot.models import SourceDocument
from bot.sources.files import decode_bytes
from bot.sources.html import document_from_html
from bot.sources.text import document_from_text

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str], Awaitable[list[str]]]
AddressCheck = Callable[[IPAddress], bool]

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_TYPES = frozenset({"text/plain", "text/markdown"})
_CHUNK = 64 * 1024
ARTICLE_ACCEPT = "text/html,text/plain;q=0.9"
_WIDE_CODECS = ("utf-16", "utf-32")  # their bytes may happen to be valid UTF-8 too
_BROWSER_CODECS = {"iso8859-1": "cp1252", "ascii": "cp1252"}  # WHATWG's reading of the labels


async def system_resolver(host: str) -> list[str]:
    """The host's addresses from the operating system's resolver."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]).split("%")[0] for info in infos))


def is_public_address(ip: IPAddress) -> bool:
    """False for private, loopback, link-local, multicast, reserved and unspecified addresses."""
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.is_site_local:  # fec0::/10 is deprecated but still not public
            return False
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is not None:
            return is_public_address(embedded)
    return ip.is_global and not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )


def is_link_local(ip: IPAddress) -> bool:
    """In 169.254.0.0/16 or fe80::/10 (or the first mapped into IPv6): never fetched from."""
    return any(ip in network for network in LINK_LOCAL)


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """Limits of one fetch: public addresses, and those in `allowed_networks`, may be
    fetched from; `is_allowed_address`, when set, replaces that rule. Link-local addresses
    never may."""

    timeout_s: float = 15.0
    max_bytes: int = 5 * 1024 * 1024
    allowed_networks: tuple[Network, ...] = ()
    user_agent: str = "briefbot/0.1 (news briefing bot)"
    resolver: Resolver = system_resolver
    is_allowed_address: AddressCheck | None = None
    max_redirects: int = 5

    def allows(self, ip: IPAddress) -> bool:
        """Whether a connection to `ip` is permitted."""
        if is_link_local(ip):
            return False
        if self.is_allowed_address is not None:
            return self.is_allowed_address(ip)
        return is_public_address(ip) or any(ip in network for network in self.allowed_networks)


class _PinnedResolver(AbstractResolver):
    """aiohttp's resolver for one fetch: answers only with addresses vetted for the host."""

    def __init__(self) -> None:
        self._pins: dict[str, list[str]] = {}

    def pin(self, host: str, addresses: list[str]) -> None:
        self._pins[host.lower()] = addresses

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        addresses = self._pins.get(host.lower())
        if not addresses:
            raise OSError(f"{host} was not vetted for this fetch")
        results: list[ResolveResult] = []
        for address in addresses:
            address_family = socket.AF_INET6 if ":" in address else socket.AF_INET
            if family in (socket.AF_UNSPEC, address_family):
                results.append(
                    ResolveResult(
                        hostname=host,
                        host=address,
                        port=port,
                        family=address_family,
                        proto=0,
                        flags=socket.AI_NUMERICHOST,
                    )
                )
        if not results:
            raise OSError(f"{host} has no vetted address of the requested family")
        return results

    async def close(self) -> None:
        """Nothing to release."""


@dataclass(frozen=True, slots=True)
class Fetched:
    """A response that was read: a 2xx with its body, or a 304 (no body) to a conditional GET."""

    url: URL  # the final URL, after redirects
    status: int
    data: bytes
    content_type: str | None  # None when the server sent no Content-Type
    charset: str | None
    headers: Mapping[str, str]  # ETag, Last-Modified, …: names in any case


class FetchFailed(IngestError):
    """The fetch did not complete (a timeout, an unreachable host, a dropped connection): a
    later try may work."""


class HttpRefused(IngestError):
    """The server answered with an error status; `retry_after` is its Retry-After header."""

    def __init__(self, message: str, status: int, retry_after: str | None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


TypeCheck = Callable[[str | None], None]


async def fetch(
    url: str,
    policy: FetchPolicy,
    *,
    accept: str,
    headers: dict[str, str] | None = None,
    check_type: TypeCheck | None = None,
) -> Fetched:
    """GET `url` under the policy: vetted hosts and redirects, bounded size and time.

    `check_type` sees the Content-Type (lowercase, None when absent) before the body is read
    and raises to refuse it. Error statuses raise `HttpRefused`; other failures `IngestError`.
    """
    target = parse_url(url)
    pins = _PinnedResolver()
    sent = {"Accept": accept, **(headers or {})}
    try:
        async with asyncio.timeout(policy.timeout_s):
            return await _download(target, policy, pins, sent, check_type)
    except TimeoutError:
        seconds = f"{policy.timeout_s:g}"
        raise FetchFailed(f"Fetching {target.host} timed out after {seconds} s.") from None
    except aiohttp.ClientConnectorError:
        raise FetchFailed(f"Could not reach host {target.host}.") from None
    except aiohttp.ClientError as error:
        raise FetchFailed(
            f"Could not fetch {target.host}: the connection failed ({type(error).__name__})."
        ) from None


async def fetch_url(
    url: str, *, published: date | None = None, policy: FetchPolicy | None = None
) -> SourceDocument:
    """Download an article page or text and clean it into a document (url = the final URL);
    the cleaning runs in a thread."""
    policy = policy or FetchPolicy()
    fetched = await fetch(url, policy, accept=ARTICLE_ACCEPT, check_type=_check_article_type)
    return await asyncio.to_thread(page_document, fetched, published, policy.max_bytes)


def page_document(fetched: Fetched, published: date | None, max_bytes: int) -> SourceDocument:
    """The article of a fetched page or text, cleaned."""
    data, final, charset = fetched.data, fetched.url, fetched.charset
    kind = _content_kind(fetched.content_type)
    if kind is None:  # no Content-Type header: look at the body
        kind = "html" if data.lstrip()[:1] == b"<" else "text"
    if kind == "html":
        html = _decode(data, charset) or decode_file(data, max_size=max_bytes)
        return document_from_html(html, url=str(final), published=published)
    text = _decode(data, charset) or decode_bytes(data, final.host or "the page")
    return document_from_text(text, url=str(final), published=published)


def parse_url(raw: str) -> URL:
    """An absolute http(s) URL with a host, else an `IngestError`."""
    try:
        url = URL(raw.strip())
    except (ValueError, TypeError):
        raise IngestError("That is not a valid URL.") from None
    if url.scheme not in ("http", "https"):
        raise IngestError("Only http and https URLs can be ingested.")
    if not url.raw_host:
        raise IngestError("The URL has no host name.")
    return url


async def vet_host(url: URL, policy: FetchPolicy) -> list[str]:
    """The addresses of the URL's host, all of them allowed by the policy, else refused."""
    host = url.raw_host or ""
    try:
        addresses = [str(ipaddress.ip_address(host))]
    except ValueError:
        try:
            addresses = await policy.resolver(host)
        except OSError:
            raise IngestError(f"Could not reach host {host}: the name does not resolve.") from None
    if not addresses:
        raise IngestError(f"Could not reach host {host}: the name does not resolve.")
    for address in addresses:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            raise IngestError(f"Could not reach host {host}: bad address {address!r}.") from None
        if is_link_local(ip):
            raise IngestError(
                f"Refusing to fetch {host}: it points to a link-local address ({ip})."
            )
        if not policy.allows(ip):
            raise IngestError(
                f"Refusing to fetch {host}: it points to a private or local address ({ip})."
            )
    return addresses


async def _download(
    target: URL,
    policy: FetchPolicy,
    pins: _PinnedResolver,
    headers: dict[str, str],
    check_type: TypeCheck | None,
) -> Fetched:
    """The response after vetted redirects: its body read within the size limit."""
    connector = aiohttp.TCPConnector(resolver=pins, use_dns_cache=False)
    async with aiohttp.ClientSession(
        connector=connector, headers={"User-Agent": policy.user_agent}, trust_env=False
    ) as session:
        for _ in range(policy.max_redirects + 1):
            pins.pin(target.raw_host or "", await vet_host(target, policy))
            async with session.get(target, allow_redirects=False, headers=headers) as response:
                if response.status in _REDIRECTS:
                    target = _redirect_target(target, response)
                    continue
                content_type = (
                    response.content_type.lower() if "Content-Type" in response.headers else None
                )
                answered = CIMultiDict(response.headers)
                if response.status == 304:
                    return Fetched(target, 304, b"", content_type, None, answered)
                if not 200 <= response.status < 300:
                    raise HttpRefused(
                        f"Could not fetch {target.host}: the server answered {response.status}.",
                        response.status,
                        response.headers.get("Retry-After"),
                    )
                if check_type is not None:
                    check_type(content_type)
                data = await _read_limited(response, policy.max_bytes)
                return Fetched(
                    target, response.status, data, content_type, response.charset, answered
                )
    raise IngestError(f"Could not fetch {target.host}: more than {policy.max_redirects} redirects.")


def _redirect_target(current: URL, response: aiohttp.ClientResponse) -> URL:
    location = response.headers.get("Location")
    if not location:
        raise IngestError(f"Could not fetch {current.host}: a redirect without a destination.")
    return parse_url(str(current.join(URL(location))))


def _content_kind(content_type: str | None) -> str | None:
    """ "html" or "text" from the Content-Type, None when absent."""
    if content_type in _HTML_TYPES:
        return "html"
    if content_type in _TEXT_TYPES:
        return "text"
    return None


def _check_article_type(content_type: str | None) -> None:
    """Refuse a response that is not an article page or text (absent: the body will tell)."""
    if content_type is not None and _content_kind(content_type) is None:
        raise IngestError(f"The URL serves {content_type}, not an article page or text.")


async def _read_limited(response: aiohttp.ClientResponse, max_bytes: int) -> bytes:
    """The body, refused as soon as it is (or announces to be) larger than `max_bytes`."""
    limit = f"{max_bytes / 1024 / 1024:.1f} MB" if max_bytes >= 100 * 1024 else f"{max_bytes} bytes"
    too_large = IngestError(f"The page is larger than the {limit} limit.")
    if response.content_length is not None and response.content_length > max_bytes:
        raise too_large
    chunks: list[bytes] = []
    total = 0
    async for chunk in response.content.iter_chunked(_CHUNK):
        total += len(chunk)
        if total > max_bytes:
            raise too_large
        chunks.append(chunk)
    if not total:
        raise IngestError("The page is empty.")
    return b"".join(chunks)


def _decode(data: bytes, charset: str | None) -> str | None:
    """The body in the charset the server named, None when it named none or an unknown one.

    A body that is valid UTF-8 beyond ASCII is read as UTF-8 whatever single-byte charset was
    named (text in a legacy charset almost never forms valid UTF-8, while servers often
    mislabel UTF-8); latin-1 and ASCII labels are read as windows-1252, as browsers do.
    """
    if not charset:
        return None
    try:
        codec = codecs.lookup(charset).name
    except LookupError:
        return None
    if not codec.startswith(_WIDE_CODECS) and not data.isascii():
        with contextlib.suppress(UnicodeDecodeError):
            return data.decode("utf-8")
    for name in (_BROWSER_CODECS.get(codec, codec), codec):
        with contextlib.suppress(UnicodeDecodeError):
            return data.decode(name)
    return None
