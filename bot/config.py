"""Settings from the environment (and a `.env` file beside the project, if present).

Every `BRIEFBOT_*` variable is read and checked here, once, at start: a bad value is one line
naming the variable (a `BriefbotError`), never a failure later in a worker process.
"""

from __future__ import annotations

import ipaddress
import math
import os
import re
from dataclasses import dataclass, field
from difflib import get_close_matches
from importlib.util import find_spec
from pathlib import Path

from bot.errors import BriefbotError
from bot.knowledge import shipped_beats

DEFAULT_DB = Path("data/briefbot.db")
# The longest article text (title included) the parser is handed: half of spaCy's hard limit,
# far above any news article. Raw input may take 4 bytes per character (UTF-8's widest), so a
# text within the character limit is never refused for its bytes.
MAX_ARTICLE_CHARS = 500_000
DEFAULT_MAX_ARTICLE_BYTES = 4 * MAX_ARTICLE_CHARS
DEFAULT_FETCH_TIMEOUT = 15.0
DEFAULT_FEED_MAX_AGE_DAYS = 14
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
VARIABLES = (
    "BRIEFBOT_DB",
    "BRIEFBOT_SPACY_MODEL",
    "BRIEFBOT_ADMIN_ROLE",
    "BRIEFBOT_GUILD_IDS",
    "BRIEFBOT_HOME_GUILDS",
    "BRIEFBOT_LOG_LEVEL",
    "BRIEFBOT_PARSE_WORKERS",
    "BRIEFBOT_MAX_ARTICLE_BYTES",
    "BRIEFBOT_FETCH_TIMEOUT",
    "BRIEFBOT_ALLOWED_NETWORKS",
    "BRIEFBOT_BEATS",
    "BRIEFBOT_FEED_MAX_AGE_DAYS",
)
RETIRED = {"BRIEFBOT_ALLOW_PRIVATE_URLS": "BRIEFBOT_ALLOWED_NETWORKS (e.g. 127.0.0.0/8)"}
# Never fetched from, whatever is allowed: link-local addresses, where clouds serve metadata
# (and credentials) to the machine.
LINK_LOCAL = tuple(
    ipaddress.ip_network(network)
    for network in ("169.254.0.0/16", "fe80::/10", "::ffff:169.254.0.0/112")  # last: mapped
)
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
_MODULE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_ID = re.compile(r"[0-9]+")


def _raw(name: str) -> str:
    return os.environ.get(name, "").strip()


def _path(name: str, default: Path) -> Path:
    """A file path (its folder is created on first use); `default` when unset."""
    path = Path(_raw(name) or default)
    if path.is_dir():
        raise BriefbotError(f"{name} must be the path of a file, not the folder {str(path)!r}.")
    return path


def _whole(name: str, default: int, minimum: int) -> int:
    """A whole number of at least `minimum`; `default` when unset."""
    raw = _raw(name)
    if not raw:
        return default
    bad = BriefbotError(f"{name} must be a whole number of {minimum} or more, not {raw!r}.")
    try:
        value = int(raw)
    except ValueError:
        raise bad from None
    if value < minimum:
        raise bad
    return value


def _seconds(name: str, default: float) -> float:
    """A positive, finite number of seconds; `default` when unset."""
    raw = _raw(name)
    if not raw:
        return default
    bad = BriefbotError(f"{name} must be a number of seconds above 0, not {raw!r}.")
    try:
        value = float(raw)
    except ValueError:
        raise bad from None
    if not (math.isfinite(value) and value > 0):
        raise bad
    return value


def _ids(name: str) -> tuple[int, ...]:
    """Comma-separated numeric ids; none when unset."""
    raw = _raw(name)
    parts = [part for part in raw.replace(" ", "").split(",") if part]
    if not all(_ID.fullmatch(part) for part in parts):
        raise BriefbotError(f"{name} must be comma-separated numeric ids, not {raw!r}.")
    return tuple(int(part) for part in parts)


def _networks(name: str) -> tuple[Network, ...]:
    """Comma-separated networks (CIDR, or one address); none when unset. A network that holds
    link-local addresses is refused."""
    networks = []
    for part in (p.strip() for p in _raw(name).split(",")):
        if not part:
            continue
        try:
            network = ipaddress.ip_network(part, strict=False)
        except ValueError:
            raise BriefbotError(
                f"{name} must be comma-separated networks such as 10.0.0.0/8, "
                f"not a network: {part!r}."
            ) from None
        if link_local_in(network):
            raise BriefbotError(
                f"{name} never allows link-local addresses (169.254.0.0/16, fe80::/10: cloud "
                f"metadata), which {part!r} includes; list narrower networks."
            )
        networks.append(network)
    return tuple(networks)


def link_local_in(network: Network) -> bool:
    """Whether `network` holds a link-local address."""
    return any(network.overlaps(address) for address in LINK_LOCAL)


def _log_level(name: str) -> str:
    level = _raw(name).upper() or "INFO"
    if level not in LOG_LEVELS:
        choices = ", ".join(LOG_LEVELS)
        raise BriefbotError(f"{name} must be one of {choices}, not {_raw(name)!r}.")
    return level


def _spacy_model(name: str) -> str | None:
    """An installed model package or a saved model's folder; None leaves the choice to the
    parser. Checked without loading spaCy, which only the commands that parse need."""
    raw = _raw(name)
    if not raw:
        return None
    if (Path(raw) / "config.cfg").is_file() or (
        _MODULE_NAME.fullmatch(raw) and find_spec(raw) is not None
    ):
        return raw
    raise BriefbotError(
        f"{name} names no installed spaCy model package or model folder: {raw!r} "
        "(install it, or leave the setting empty for the default)."
    )


def _beats(name: str) -> tuple[str, ...]:
    """Comma-separated beat pack names; every shipped pack when unset, none for `none`."""
    raw = _raw(name)
    if not raw:
        return shipped_beats()
    if raw.lower() == "none":
        return ()
    beats = tuple(dict.fromkeys(part.strip() for part in raw.split(",") if part.strip()))
    for beat in beats:
        if beat not in shipped_beats():
            known = ", ".join(shipped_beats()) or "none shipped"
            raise BriefbotError(
                f"{name} names no beat pack {beat!r} (known: {known}; or none for no pack)."
            )
    return beats


def _check_names() -> None:
    """A `BRIEFBOT_*` variable briefbot does not know is a typo: say so rather than ignore it."""
    unknown = sorted(n for n in os.environ if n.startswith("BRIEFBOT_") and n not in VARIABLES)
    retired = [n for n in unknown if n in RETIRED]
    if retired:
        raise BriefbotError(f"{retired[0]} was replaced by {RETIRED[retired[0]]}.")
    if unknown:
        close = get_close_matches(unknown[0], VARIABLES, n=1)
        hint = f"did you mean {close[0]}?" if close else f"known: {', '.join(VARIABLES)}."
        raise BriefbotError(f"Unknown setting {unknown[0]}; {hint}")


@dataclass(frozen=True, slots=True)
class Settings:
    db_path: Path = DEFAULT_DB
    discord_token: str | None = None
    spacy_model: str | None = None  # None: the first installed of the parser's candidates
    admin_role: str | None = None
    guild_ids: tuple[int, ...] = field(default_factory=tuple)
    # servers whose admins may change the store every server shares (none: the only server)
    home_guilds: tuple[int, ...] = field(default_factory=tuple)
    log_level: str = "INFO"
    parse_workers: int = 2
    max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES
    fetch_timeout: float = DEFAULT_FETCH_TIMEOUT
    # private networks URLs may be fetched from, besides public addresses
    allowed_networks: tuple[Network, ...] = field(default_factory=tuple)
    beats: tuple[str, ...] = field(default_factory=shipped_beats)  # the beat packs in use
    feed_max_age_days: int = DEFAULT_FEED_MAX_AGE_DAYS  # older feed items are not fetched

    @classmethod
    def from_env(cls, env_file: Path | None = Path(".env")) -> Settings:
        """Read and check every setting; a `.env` file fills in what the environment does not
        set. Raises BriefbotError naming the first bad or unknown variable."""
        if env_file is not None and env_file.is_file():
            from dotenv import load_dotenv  # here: a query without .env starts 10 ms sooner

            load_dotenv(env_file, override=False)
        _check_names()
        return cls(
            db_path=_path("BRIEFBOT_DB", DEFAULT_DB),
            discord_token=_raw("DISCORD_TOKEN") or None,
            spacy_model=_spacy_model("BRIEFBOT_SPACY_MODEL"),
            admin_role=_raw("BRIEFBOT_ADMIN_ROLE") or None,
            guild_ids=_ids("BRIEFBOT_GUILD_IDS"),
            home_guilds=_ids("BRIEFBOT_HOME_GUILDS"),
            log_level=_log_level("BRIEFBOT_LOG_LEVEL"),
            parse_workers=_whole("BRIEFBOT_PARSE_WORKERS", min(2, os.cpu_count() or 1), 0),
            max_article_bytes=_whole("BRIEFBOT_MAX_ARTICLE_BYTES", DEFAULT_MAX_ARTICLE_BYTES, 1),
            fetch_timeout=_seconds("BRIEFBOT_FETCH_TIMEOUT", DEFAULT_FETCH_TIMEOUT),
            allowed_networks=_networks("BRIEFBOT_ALLOWED_NETWORKS"),
            beats=_beats("BRIEFBOT_BEATS"),
            feed_max_age_days=_whole("BRIEFBOT_FEED_MAX_AGE_DAYS", DEFAULT_FEED_MAX_AGE_DAYS, 1),
        )
