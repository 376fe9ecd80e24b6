"""Settings from the environment (and a `.env` file beside the project, if present)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from dotenv import load_dotenv

from bot.errors import BriefbotError


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise BriefbotError(f"{name} must be a whole number, not {raw!r}.") from None


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def _ids(name: str) -> tuple[int, ...]:
    raw = os.environ.get(name, "")
    try:
        return tuple(int(part) for part in raw.replace(" ", "").split(",") if part)
    except ValueError:
        raise BriefbotError(f"{name} must be comma-separated numeric ids.") from None


DEFAULT_DB = Path("data/briefbot.db")
# The longest article text (title included) the parser is handed: half of spaCy's hard limit,
# far above any news article. Raw input may take 4 bytes per character (UTF-8's widest), so a
# text within the character limit is never refused for its bytes.
MAX_ARTICLE_CHARS = 500_000
DEFAULT_MAX_ARTICLE_BYTES = 4 * MAX_ARTICLE_CHARS
DEFAULT_FETCH_TIMEOUT = 15


@dataclass(frozen=True, slots=True)
class Settings:
    db_path: Path = DEFAULT_DB
    discord_token: str | None = None
    admin_role: str | None = None
    guild_ids: tuple[int, ...] = field(default_factory=tuple)
    log_level: str = "INFO"
    parse_workers: int = 2
    max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES
    fetch_timeout: float = DEFAULT_FETCH_TIMEOUT
    allow_private_urls: bool = False

    @classmethod
    def from_env(cls, env_file: Path | None = Path(".env")) -> Settings:
        """Read every setting; a `.env` file fills in what the environment does not set."""
        if env_file is not None and env_file.is_file():
            load_dotenv(env_file, override=False)
        return cls(
            db_path=Path(os.environ.get("BRIEFBOT_DB") or DEFAULT_DB),
            discord_token=os.environ.get("DISCORD_TOKEN") or None,
            admin_role=os.environ.get("BRIEFBOT_ADMIN_ROLE") or None,
            guild_ids=_ids("BRIEFBOT_GUILD_IDS"),
            log_level=(os.environ.get("BRIEFBOT_LOG_LEVEL") or "INFO").upper(),
            parse_workers=_int("BRIEFBOT_PARSE_WORKERS", min(2, os.cpu_count() or 1)),
            max_article_bytes=_int("BRIEFBOT_MAX_ARTICLE_BYTES", DEFAULT_MAX_ARTICLE_BYTES),
            fetch_timeout=float(_int("BRIEFBOT_FETCH_TIMEOUT", DEFAULT_FETCH_TIMEOUT)),
            allow_private_urls=_flag("BRIEFBOT_ALLOW_PRIVATE_URLS"),
        )
