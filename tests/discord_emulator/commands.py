"""Turning a test's plain Python option values into an interaction's ``data``.

The registered command schema decides each option's type, just as the Discord
client does when a user fills in a slash command.  Anything a user could not
type into the client is an ``AssertionError`` in the test.
"""

from __future__ import annotations

from typing import Any

from . import payloads
from .state import Channel, Guild, Member, Permission, Role, User, World

SUBCOMMAND, GROUP = 1, 2
STRING, INTEGER, BOOLEAN, USER, CHANNEL, ROLE, MENTIONABLE, NUMBER, ATTACHMENT = range(3, 12)


def find_command(world: World, guild: Guild, name: str) -> dict[str, Any]:
    """The chat-input command ``name`` as the client would see it in ``guild``."""
    for scope in (guild.id, None):
        for command in world.commands[scope].values():
            if command["type"] == 1 and command["name"] == name:
                return command
    known = sorted(c["name"] for s in (guild.id, None) for c in world.commands[s].values())
    raise AssertionError(f"/{name} is not registered; registered commands: {known}")


def check_can_use(command: dict[str, Any], guild: Guild, member: Member) -> None:
    """Discord hides a command from members lacking its default_member_permissions."""
    required = command.get("default_member_permissions")
    if required is None:
        return
    granted = guild.permissions_of(member)
    if granted & Permission.ADMINISTRATOR:
        return
    if guild.command_access.get(command["name"], set()) & {member.id, *member.roles}:
        return
    if int(required) == 0 or granted & int(required) != int(required):
        raise AssertionError(
            f"{member.user.username} cannot see /{command['name']}: it requires permissions "
            f"{required}, the member has {granted}"
        )


def build_data(
    guild: Guild,
    member: Member,
    command: dict[str, Any],
    path: list[str],
    values: dict[str, Any],
    *,
    focused: str | None = None,
) -> dict[str, Any]:
    """The ``data`` of an APPLICATION_COMMAND (or, with ``focused``, AUTOCOMPLETE) interaction.

    ``path`` holds the subcommand group and/or subcommand names below the command.
    """
    schema: list[dict[str, Any]] = command.get("options") or []
    chain: list[dict[str, Any]] = []
    for part in path:
        nested = next(
            (o for o in schema if o["name"] == part and o["type"] in (SUBCOMMAND, GROUP)), None
        )
        if nested is None:
            raise AssertionError(f"/{command['name']} has no subcommand (group) {part!r}")
        chain.append(nested)
        schema = nested.get("options") or []
    if any(o["type"] in (SUBCOMMAND, GROUP) for o in schema):
        names = [o["name"] for o in schema]
        raise AssertionError(f"/{command['name']} {' '.join(path)} needs a subcommand: {names}")
    resolved: dict[str, dict[str, Any]] = {}
    options = _leaf_options(guild, member, schema, values, resolved, focused)
    for nested in reversed(chain):
        options = [{"type": nested["type"], "name": nested["name"], "options": options}]
    data: dict[str, Any] = {
        "id": command["id"],
        "name": command["name"],
        "type": 1,
        "options": options,
    }
    if command.get("guild_id"):
        data["guild_id"] = command["guild_id"]
    if resolved:
        data["resolved"] = resolved
    return data


def _leaf_options(
    guild: Guild,
    member: Member,
    schema: list[dict[str, Any]],
    values: dict[str, Any],
    resolved: dict[str, dict[str, Any]],
    focused: str | None,
) -> list[dict[str, Any]]:
    by_name = {o["name"]: o for o in schema}
    unknown = set(values) - set(by_name) - ({focused} if focused else set())
    if unknown or (focused and focused not in by_name):
        raise AssertionError(f"unknown option(s) {unknown or {focused}}; known: {list(by_name)}")
    options = []
    for spec in schema:
        name = spec["name"]
        if name == focused:
            if not spec.get("autocomplete"):
                raise AssertionError(f"option {name!r} has no autocomplete")
            options.append(
                {"type": spec["type"], "name": name, "value": str(values[name]), "focused": True}
            )
        elif name in values:
            value = _convert(guild, member, spec, values[name], resolved)
            options.append({"type": spec["type"], "name": name, "value": value})
        elif spec.get("required") and focused is None:
            raise AssertionError(f"required option {name!r} is missing")
    return options


def _convert(
    guild: Guild, member: Member, spec: dict[str, Any], value: Any, resolved: dict[str, Any]
) -> Any:
    """Check ``value`` as the client would and return the option's wire value."""
    kind, name = spec["type"], spec["name"]

    def expect(ok: bool, what: str) -> None:
        if not ok:
            raise AssertionError(f"option {name!r} expects {what}, got {value!r}")

    if kind in (STRING, INTEGER, NUMBER):
        if kind == STRING:
            expect(isinstance(value, str), "a str")
            low, high = spec.get("min_length", 0), spec.get("max_length", 6000)
            expect(low <= len(value) <= high, f"a length in [{low}, {high}]")
        else:
            numeric = (int,) if kind == INTEGER else (int, float)
            expect(isinstance(value, numeric) and not isinstance(value, bool), "a number")
            low, high = spec.get("min_value"), spec.get("max_value")
            expect(low is None or value >= low, f">= {low}")
            expect(high is None or value <= high, f"<= {high}")
        choices = [c["value"] for c in spec.get("choices") or []]
        expect(not choices or value in choices, f"one of {choices}")
        return value
    if kind == BOOLEAN:
        expect(isinstance(value, bool), "a bool")
        return value
    if kind == ATTACHMENT:
        expect(isinstance(value, dict) and "url" in value, "an attachment from add_attachment()")
        resolved.setdefault("attachments", {})[value["id"]] = value
        return value["id"]
    if isinstance(value, Member):
        value = value.user
    if isinstance(value, User) and kind in (USER, MENTIONABLE):
        resolved.setdefault("users", {})[str(value.id)] = payloads.user(value)
        if value.id in guild.members:
            target = payloads.member(guild.members[value.id], guild, with_permissions=True)
            del target["user"]
            resolved.setdefault("members", {})[str(value.id)] = target
        return str(value.id)
    if isinstance(value, Role) and kind in (ROLE, MENTIONABLE):
        resolved.setdefault("roles", {})[str(value.id)] = payloads.role(value)
        return str(value.id)
    if isinstance(value, Channel) and kind == CHANNEL:
        channel = payloads.channel(value) | {"permissions": str(guild.permissions_of(member))}
        resolved.setdefault("channels", {})[str(value.id)] = channel
        return str(value.id)
    raise AssertionError(f"option {name!r} (type {kind}) cannot take {value!r}")
