"""Canonical links: the same page however a feed decorates its address."""

from __future__ import annotations

from yarl import URL

# Query parameters that say who sent the reader, not which page it is.
TRACKING_PREFIXES = ("utm_", "mtm_", "pk_")
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "msclkid",
        "yclid",
        "twclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "ref_src",
        "cmpid",
        "ito",
        "ocid",
        "spm",
    }
)


def _tracking(name: str) -> bool:
    name = name.lower()
    return name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES)


def canonical_link(link: str) -> str:
    """`link` without tracking parameters and fragment, its scheme and host lowercase and its
    default port dropped; a link that is not a URL is returned stripped."""
    try:
        url = URL(link.strip())
    except (ValueError, TypeError):
        return link.strip()
    if not url.is_absolute() or not url.host:
        return link.strip()
    query = [(key, value) for key, value in url.query.items() if not _tracking(key)]
    kept = URL.build(
        scheme=url.scheme.lower(),
        host=url.host.lower(),
        port=None if url.is_default_port() else url.port,
        path=url.raw_path,
        encoded=True,
    )
    return str(kept.with_query(query) if query else kept)
