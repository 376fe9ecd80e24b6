"""Would Discord notify anyone for a message? (allowed_mentions semantics)."""

from __future__ import annotations

import re
from typing import Any

_EVERYONE = re.compile(r"@(everyone|here)")
_USER = re.compile(r"<@!?(\d+)>")
_ROLE = re.compile(r"<@&(\d+)>")


def could_ping(content: str, allowed_mentions: dict[str, Any] | None) -> bool:
    """True if ``content`` sent with ``allowed_mentions`` could notify a user or role.

    Without ``allowed_mentions`` Discord parses every mention in the content;
    with ``{"parse": []}`` (and no explicit ids) nobody is notified.
    """
    everyone = bool(_EVERYONE.search(content))
    users = set(_USER.findall(content))
    roles = set(_ROLE.findall(content))
    if allowed_mentions is None:
        return everyone or bool(users) or bool(roles)
    parse = set(allowed_mentions.get("parse") or ())
    allowed_users = {str(u) for u in allowed_mentions.get("users") or ()}
    allowed_roles = {str(r) for r in allowed_mentions.get("roles") or ()}
    return (
        (everyone and "everyone" in parse)
        or bool(users and ("users" in parse or users & allowed_users))
        or bool(roles and ("roles" in parse or roles & allowed_roles))
    )
