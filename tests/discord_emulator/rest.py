"""The REST API (``/api/v10``) and the attachment CDN."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from . import limits, payloads, validation
from .gateway import Gateway
from .interactions import (
    APPLICATION_COMMAND,
    AUTOCOMPLETE,
    AUTOCOMPLETE_RESULT,
    CHANNEL_MESSAGE,
    DEFERRED_CHANNEL_MESSAGE,
    DEFERRED_UPDATE,
    MESSAGE_COMPONENT,
    MODAL,
    UPDATE_MESSAGE,
    InteractionRecord,
    Notifier,
    Rejection,
)
from .state import Channel, Guild, Message, MessageFlag, User, World, Write
from .validation import ApiError, FormErrors

API = "/api/v10"
_FILE_FIELD = re.compile(r"files\[(\d+)\]")
_TRUE = {"true", "True", "1"}
# Callback types Discord accepts for each interaction type.
_CALLBACKS = {
    APPLICATION_COMMAND: {CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, MODAL},
    MESSAGE_COMPONENT: {
        CHANNEL_MESSAGE,
        DEFERRED_CHANNEL_MESSAGE,
        DEFERRED_UPDATE,
        UPDATE_MESSAGE,
        MODAL,
    },
    AUTOCOMPLETE: {AUTOCOMPLETE_RESULT},
}
_CHANNEL_FLAGS = MessageFlag.SUPPRESS_EMBEDS | MessageFlag.SUPPRESS_NOTIFICATIONS
_INTERACTION_FLAGS = _CHANNEL_FLAGS | MessageFlag.EPHEMERAL | MessageFlag.IS_COMPONENTS_V2

# The interaction a request belongs to, so that its rejections can be attributed to it.
INTERACTION = web.RequestKey("interaction", InteractionRecord)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass
class Upload:
    """One ``files[n]`` part of a multipart request."""

    index: int
    filename: str
    data: bytes
    content_type: str


@dataclass
class RequestRecord:
    method: str
    path: str
    status: int


class RestApi:
    """Request handlers over the shared :class:`World`, with a log of everything served."""

    def __init__(self, world: World, gateway: Gateway, notifier: Notifier, owner: User) -> None:
        self.world = world
        self.gateway = gateway
        self.notifier = notifier
        self.owner = owner
        self.interactions: dict[str, InteractionRecord] = {}  # by token
        self.requests: list[RequestRecord] = []
        self.rejections: list[Rejection] = []
        self.writes: list[Write] = []

    def routes(self) -> list[web.RouteDef]:
        commands = API + "/applications/{app}/commands"
        guild_commands = API + "/applications/{app}/guilds/{guild}/commands"
        webhook = API + "/webhooks/{app}/{token}"
        channel = API + "/channels/{channel}"
        return [
            web.get("/", self.gateway.handle),
            web.get("/attachments/{channel}/{attachment}/{filename}", self.cdn),
            web.get(API + "/users/@me", self.get_me),
            web.get(API + "/oauth2/applications/@me", self.get_application),
            web.get(API + "/applications/@me", self.get_application),
            web.get(API + "/gateway", self.get_gateway),
            web.get(API + "/gateway/bot", self.get_gateway),
            *(
                route
                for base in (commands, guild_commands)
                for route in (
                    web.get(base, self.list_commands),
                    web.put(base, self.overwrite_commands),
                    web.post(base, self.create_command),
                    web.get(base + "/{command}", self.get_command),
                    web.patch(base + "/{command}", self.edit_command),
                    web.delete(base + "/{command}", self.delete_command),
                )
            ),
            web.post(API + "/interactions/{id}/{token}/callback", self.callback),
            web.post(webhook, self.create_followup),
            web.get(webhook + "/messages/{message}", self.get_webhook_message),
            web.patch(webhook + "/messages/{message}", self.edit_webhook_message),
            web.delete(webhook + "/messages/{message}", self.delete_webhook_message),
            web.get(channel, self.get_channel),
            web.get(channel + "/messages", self.list_messages),
            web.post(channel + "/messages", self.create_message),
            web.get(channel + "/messages/{message}", self.get_message),
            web.patch(channel + "/messages/{message}", self.edit_message),
            web.delete(channel + "/messages/{message}", self.delete_message),
            web.get(API + "/guilds/{guild}", self.get_guild),
            web.get(API + "/guilds/{guild}/channels", self.get_guild_channels),
            web.get(API + "/guilds/{guild}/members/{user}", self.get_member),
        ]

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Authenticate, turn errors into Discord's JSON errors, and log every request."""
        try:
            authorization = request.headers.get("Authorization")
            if self._needs_auth(request.path) and authorization != f"Bot {self.world.token}":
                raise validation.unauthorized()
            response = await handler(request)
        except ApiError as error:
            response = await self._reject(request, error)
        except web.HTTPException as exc:
            if exc.status not in (404, 405):
                raise
            error = (
                validation.not_found()
                if exc.status == 404
                else ApiError(405, 0, "405: Method Not Allowed")
            )
            response = await self._reject(request, error)
        except Exception as exc:
            # An emulator bug: answer (and record) a 500 rather than aiohttp's bare one.
            error = ApiError(500, 0, f"500: emulator error {exc!r}")
            response = await self._reject(request, error)
        self.requests.append(RequestRecord(request.method, request.path_qs, response.status))
        return response

    # Identity ------------------------------------------------------------------

    async def get_me(self, request: web.Request) -> web.Response:
        return json_response(payloads.current_user(self.world.bot))

    async def get_application(self, request: web.Request) -> web.Response:
        return json_response(payloads.application(self.world, self.owner))

    async def get_gateway(self, request: web.Request) -> web.Response:
        limit = {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}
        return json_response(
            {"url": self.gateway.url.rstrip("/"), "shards": 1, "session_start_limit": limit}
        )

    # Application commands ------------------------------------------------------

    async def list_commands(self, request: web.Request) -> web.Response:
        return json_response(list(self._commands(request).values()))

    async def overwrite_commands(self, request: web.Request) -> web.Response:
        commands = self._commands(request)
        body, _ = await read_body(request)
        if not isinstance(body, list):
            raise _body_type_error("LIST_TYPE_CONVERT", "Only iterables may be used in a ListType")
        validation.check_commands(body)
        by_key = {(c["type"], c["name"]): int(c["id"]) for c in commands.values()}
        stored = {}
        for item in body:
            command_id = by_key.get((item.get("type", 1), item["name"])) or self.world.ids.next()
            stored[command_id] = self._command_payload(request, item, command_id)
        commands.clear()
        commands.update(stored)
        return json_response(list(stored.values()))

    async def create_command(self, request: web.Request) -> web.Response:
        commands = self._commands(request)
        body = await read_object(request)
        validation.check_command(body)
        key = (body.get("type", 1), body.get("name"))
        existing = next((c for c in commands.values() if (c["type"], c["name"]) == key), None)
        if (
            existing is None
            and sum(c["type"] == 1 for c in commands.values()) >= limits.COMMANDS_MAX
        ):
            raise validation.too_many_commands()
        command_id = int(existing["id"]) if existing else self.world.ids.next()
        commands[command_id] = self._command_payload(request, body, command_id)
        return json_response(commands[command_id], status=200 if existing else 201)

    async def get_command(self, request: web.Request) -> web.Response:
        return json_response(self._command(request))

    async def edit_command(self, request: web.Request) -> web.Response:
        commands = self._commands(request)
        command = self._command(request)
        merged = command | await read_object(request)
        validation.check_command(merged, [c for c in commands.values() if c is not command])
        command_id = int(command["id"])
        commands[command_id] = self._command_payload(request, merged, command_id)
        return json_response(commands[command_id])

    async def delete_command(self, request: web.Request) -> web.Response:
        command = self._command(request)
        del self._commands(request)[int(command["id"])]
        return web.Response(status=204)

    # Interactions --------------------------------------------------------------

    async def callback(self, request: web.Request) -> web.Response:
        record = self.interactions.get(request.match_info["token"])
        if record is None or str(record.id) != request.match_info["id"]:
            raise validation.unknown("interaction")
        request[INTERACTION] = record
        body, uploads = await read_body(request)
        if record.acknowledged:
            raise validation.already_acknowledged()
        if record.elapsed() > limits.INTERACTION_RESPONSE_DEADLINE:
            raise validation.unknown("interaction")
        kind = body.get("type") if isinstance(body, dict) else None
        updates = kind in (DEFERRED_UPDATE, UPDATE_MESSAGE)
        if kind not in _CALLBACKS.get(record.type, ()) or (updates and record.source is None):
            errors = FormErrors()
            errors.add(("type",), "INTERACTION_CALLBACK_TYPE_INVALID", "Invalid callback type")
            errors.raise_if_any()
        data = body.get("data") or {}
        message = await self._respond(request, record, kind, data, uploads)
        record.acknowledge(kind)
        await self.notifier.notify()
        if request.query.get("with_response") not in _TRUE:
            return web.Response(status=204)
        return json_response(self._callback_response(record, kind, message))

    async def _respond(
        self,
        request: web.Request,
        record: InteractionRecord,
        kind: int,
        data: dict[str, Any],
        uploads: list[Upload],
    ) -> Message | None:
        """Validate and apply one callback; return the message it shows, if any."""
        if kind == CHANNEL_MESSAGE:
            validation.check_message(data, creating=True, prefix=("data",))
            record.original = self._interaction_message(record, data, uploads)
            record.visible = True
            self._log_write(request, record.original, data)
        elif kind == DEFERRED_CHANNEL_MESSAGE:
            ephemeral = int(data.get("flags") or 0) & MessageFlag.EPHEMERAL
            record.original = self._interaction_message(record, {"flags": ephemeral}, [])
            record.original.flags |= MessageFlag.LOADING  # "Bot is thinking…"
        elif kind == DEFERRED_UPDATE:
            record.original = record.source
        elif kind == UPDATE_MESSAGE:
            validation.check_message(data, creating=False, prefix=("data",))
            assert record.source is not None  # checked by callback()
            self._edit(request, record.source, data, uploads)
            record.original = record.source
            record.visible = True
        elif kind == AUTOCOMPLETE_RESULT:
            validation.check_autocomplete(data)
            record.choices = data["choices"]
        shows_message = kind in (CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, UPDATE_MESSAGE)
        return record.original if shows_message else None

    def _callback_response(
        self, record: InteractionRecord, kind: int, message: Message | None
    ) -> dict[str, Any]:
        """The body of a ``?with_response=true`` callback (an interaction callback response)."""
        interaction: dict[str, Any] = {"id": str(record.id), "type": record.type}
        result: dict[str, Any] = {"interaction": interaction}
        if message is not None:
            interaction["response_message_id"] = str(message.id)
            interaction["response_message_loading"] = message.loading
            interaction["response_message_ephemeral"] = message.ephemeral
            result["resource"] = {"type": kind, "message": payloads.message(message, self.world)}
        return result

    async def create_followup(self, request: web.Request) -> web.Response:
        record = self._webhook_interaction(request)
        body, uploads = await read_body_object(request)
        validation.check_message(body, creating=True)
        original = record.original
        placeholder = (
            original is not None and original.loading and original.id in self.world.messages
        )
        if record.response_type == DEFERRED_CHANNEL_MESSAGE and placeholder:
            # Discord: the first follow-up after a "thinking" deferral replaces that message
            # (unless the bot deleted it: then follow-ups are new messages).
            assert original is not None
            self._edit(request, original, body, uploads)
            record.visible = True
            message = original
        else:
            message = self._interaction_message(record, body, uploads)
            record.followups.append(message)
            self._log_write(request, message, body)
        await self.notifier.notify()
        if request.query.get("wait") not in _TRUE:
            return web.Response(status=204)
        return json_response(payloads.message(message, self.world))

    async def get_webhook_message(self, request: web.Request) -> web.Response:
        message = self._webhook_message(request)
        return json_response(payloads.message(message, self.world))

    async def edit_webhook_message(self, request: web.Request) -> web.Response:
        message = self._webhook_message(request)
        return await self._edit_response(request, message, request[INTERACTION])

    async def delete_webhook_message(self, request: web.Request) -> web.Response:
        return await self._delete_response(self._webhook_message(request))

    # Channels and guilds -------------------------------------------------------

    async def get_channel(self, request: web.Request) -> web.Response:
        return json_response(payloads.channel(self._channel(request)))

    async def list_messages(self, request: web.Request) -> web.Response:
        channel = self._channel(request)
        raw_limit = request.query.get("limit", "50")
        errors = FormErrors()
        try:
            limit = int(raw_limit)
        except ValueError:
            errors.add(("limit",), "NUMBER_TYPE_COERCE", f'Value "{raw_limit}" is not int.')
        else:
            if not 1 <= limit <= 100:
                errors.add(("limit",), "NUMBER_TYPE_MAX", "int value should be between 1 and 100.")
        errors.raise_if_any()
        before = int(request.query.get("before", 1 << 63))
        after = int(request.query.get("after", 0))
        found = [m for m in self.channel_messages(channel.id) if after < m.id < before]
        newest_first = sorted(found, key=lambda m: m.id, reverse=True)[:limit]
        return json_response([payloads.message(m, self.world) for m in newest_first])

    async def create_message(self, request: web.Request) -> web.Response:
        channel = self._channel(request)
        body, uploads = await read_body_object(request)
        validation.check_message(body, creating=True)
        message = self._new_message(channel, body, uploads, _CHANNEL_FLAGS)
        self._log_write(request, message, body)
        await self.notifier.notify()
        return json_response(payloads.message(message, self.world))

    async def get_message(self, request: web.Request) -> web.Response:
        return json_response(payloads.message(self._channel_message(request), self.world))

    async def edit_message(self, request: web.Request) -> web.Response:
        message = self._channel_message(request)
        if message.author.id != self.world.bot.id:
            raise ApiError(403, 50005, "Cannot edit a message authored by another user")
        return await self._edit_response(request, message)

    async def delete_message(self, request: web.Request) -> web.Response:
        return await self._delete_response(self._channel_message(request))

    async def get_guild(self, request: web.Request) -> web.Response:
        return json_response(payloads.guild(self._guild(request)))

    async def get_guild_channels(self, request: web.Request) -> web.Response:
        guild = self._guild(request)
        return json_response([payloads.channel(c) for c in guild.channels.values()])

    async def get_member(self, request: web.Request) -> web.Response:
        guild = self._guild(request)
        member = guild.members.get(_snowflake(request.match_info["user"]))
        if member is None:
            raise ApiError(404, 10007, "Unknown Member")
        return json_response(payloads.member(member, guild))

    async def cdn(self, request: web.Request) -> web.Response:
        stored = self.world.files.get(request.path)
        if stored is None:
            raise validation.not_found()
        return web.Response(body=stored.data, content_type=stored.content_type)

    # Helpers -------------------------------------------------------------------

    def channel_messages(self, channel_id: int) -> list[Message]:
        """Messages everyone can see in a channel, oldest first (no ephemeral or "thinking")."""
        return [
            m
            for m in self.world.messages.values()
            if m.channel_id == channel_id and not m.ephemeral and not m.loading
        ]

    async def _edit_response(
        self, request: web.Request, message: Message, record: InteractionRecord | None = None
    ) -> web.Response:
        """Validate and apply a message edit; it makes ``record``'s response visible."""
        body, uploads = await read_body_object(request)
        validation.check_message(body, creating=False)
        self._edit(request, message, body, uploads)
        if record is not None and message is record.original:
            record.visible = True
        await self.notifier.notify()
        return json_response(payloads.message(message, self.world))

    async def _delete_response(self, message: Message) -> web.Response:
        del self.world.messages[message.id]
        await self.notifier.notify()
        return web.Response(status=204)

    def _needs_auth(self, path: str) -> bool:
        return path.startswith(API) and not path.startswith(
            (API + "/webhooks/", API + "/interactions/")
        )

    async def _reject(self, request: web.Request, error: ApiError) -> web.Response:
        record = request.get(INTERACTION)
        rejection = Rejection(request.method, request.path_qs, error, record)
        self.rejections.append(rejection)
        if record is not None:
            record.rejections.append(rejection)
        await self.notifier.notify()
        return json_response(error.body(), status=error.status)

    def _commands(self, request: web.Request) -> dict[int, dict[str, Any]]:
        if request.match_info["app"] != str(self.world.application_id):
            raise validation.unknown("Application")
        if "guild" not in request.match_info:
            return self.world.commands[None]
        return self.world.commands[self._guild(request).id]

    def _command(self, request: web.Request) -> dict[str, Any]:
        command = self._commands(request).get(_snowflake(request.match_info["command"]))
        if command is None:
            raise validation.unknown("application command")
        return command

    def _command_payload(
        self, request: web.Request, body: dict[str, Any], command_id: int
    ) -> dict[str, Any]:
        """The command as Discord stores and returns it."""
        permissions = body.get("default_member_permissions")
        data: dict[str, Any] = {
            "id": str(command_id),
            "application_id": str(self.world.application_id),
            "version": str(self.world.ids.next()),
            "type": body.get("type", 1),
            "name": body["name"],
            "name_localizations": body.get("name_localizations"),
            "description": body.get("description", ""),
            "description_localizations": body.get("description_localizations"),
            "default_member_permissions": None if permissions is None else str(permissions),
            "dm_permission": body.get("dm_permission", True),
            "contexts": body.get("contexts"),
            "integration_types": body.get("integration_types") or [0],
            "nsfw": body.get("nsfw", False),
        }
        if body.get("options"):
            data["options"] = body["options"]
        if "guild" in request.match_info:
            data["guild_id"] = request.match_info["guild"]
        return data

    def _webhook_interaction(self, request: web.Request) -> InteractionRecord:
        """The interaction behind a webhook token; it only exists once acknowledged."""
        record = self.interactions.get(request.match_info["token"])
        if request.match_info["app"] != str(self.world.application_id) or record is None:
            raise validation.unknown("Webhook")
        request[INTERACTION] = record
        if not record.acknowledged:
            raise validation.unknown("Webhook")
        return record

    def _webhook_message(self, request: web.Request) -> Message:
        record = self._webhook_interaction(request)
        wanted = request.match_info["message"]
        if wanted == "@original":
            message = record.original
        else:
            own = [m for m in (record.original, *record.followups) if m is not None]
            message = next((m for m in own if str(m.id) == wanted), None)
        if message is None or message.id not in self.world.messages:
            raise validation.unknown("Message")
        return message

    def _channel(self, request: web.Request) -> Channel:
        channel = self.world.find_channel(_snowflake(request.match_info["channel"]))
        if channel is None:
            raise validation.unknown("Channel")
        return channel

    def _channel_message(self, request: web.Request) -> Message:
        channel = self._channel(request)
        message = self.world.messages.get(_snowflake(request.match_info["message"]))
        if message is None or message.channel_id != channel.id or message.ephemeral:
            raise validation.unknown("Message")
        return message

    def _guild(self, request: web.Request) -> Guild:
        guild = self.world.guilds.get(_snowflake(request.match_info["guild"]))
        if guild is None:
            raise validation.unknown("Guild")
        return guild

    def _interaction_message(
        self, record: InteractionRecord, body: dict[str, Any], uploads: list[Upload]
    ) -> Message:
        channel = self.world.find_channel(int(record.payload["channel_id"]))
        assert channel is not None
        message = self._new_message(channel, body, uploads, _INTERACTION_FLAGS)
        message.webhook_id = self.world.application_id
        if record.type == APPLICATION_COMMAND:
            message.interaction_metadata = {
                "id": str(record.id),
                "type": record.type,
                "user": record.payload["member"]["user"],
                "authorizing_integration_owners": {"0": record.payload["guild_id"]},
                "name": record.label.lstrip("/"),
            }
        return message

    def _new_message(
        self, channel: Channel, body: dict[str, Any], uploads: list[Upload], flags: int
    ) -> Message:
        message = Message(
            id=self.world.ids.next(),
            channel_id=channel.id,
            guild_id=channel.guild_id,
            author=self.world.bot,
            flags=int(body.get("flags") or 0) & int(flags),
        )
        message.apply(body)
        message.attachments = self._uploads(message, body, uploads)
        self.world.messages[message.id] = message
        return message

    def _edit(
        self, request: web.Request, message: Message, body: dict[str, Any], uploads: list[Upload]
    ) -> None:
        kept = message.attachments
        if "attachments" in body:
            keep = {str(a.get("id")) for a in body["attachments"] or []}
            kept = [a for a in message.attachments if a["id"] in keep]
        # Discord refuses an edit that would leave the message empty, before changing it.
        fields = ("content", "embeds", "components")
        if not (any(body.get(f, getattr(message, f)) for f in fields) or kept or uploads):
            raise validation.empty_message()
        message.attachments = kept + self._uploads(message, body, uploads)
        if not message.loading:
            message.edited_at = time.time()
        message.apply(body)
        message.flags &= ~MessageFlag.LOADING
        self._log_write(request, message, body)

    def _uploads(
        self, message: Message, body: dict[str, Any], uploads: list[Upload]
    ) -> list[dict[str, Any]]:
        described = {str(a.get("id")): a for a in body.get("attachments") or []}
        attachments = []
        for upload in uploads:
            meta = described.get(str(upload.index), {})
            attachment = self.world.add_attachment(
                message.channel_id,
                meta.get("filename") or upload.filename,
                upload.data,
                upload.content_type,
                ephemeral=message.ephemeral,
            )
            if meta.get("description"):
                attachment["description"] = meta["description"]
            attachments.append(attachment)
        return attachments

    def _log_write(self, request: web.Request, message: Message, body: dict[str, Any]) -> None:
        self.writes.append(
            Write(
                request.method,
                request.path,
                message.id,
                body.get("content"),
                body.get("allowed_mentions"),
            )
        )


def json_response(data: Any, status: int = 200) -> web.Response:
    """JSON with Discord's exact ``Content-Type`` (discord.py compares it verbatim)."""
    return web.Response(
        body=json.dumps(data).encode(), status=status, content_type="application/json"
    )


async def read_body(request: web.Request) -> tuple[Any, list[Upload]]:
    """A JSON body, or a multipart body's ``payload_json`` and ``files[n]`` parts."""
    if request.content_type.startswith("multipart/"):
        body: Any = {}
        uploads = []
        async for part in await request.multipart():
            if part.name == "payload_json":
                body = _parse_json(await part.text())
            elif match := _FILE_FIELD.fullmatch(part.name or ""):
                content_type = part.headers.get("Content-Type", "application/octet-stream")
                data = bytes(await part.read())
                uploads.append(Upload(int(match[1]), part.filename or "file", data, content_type))
        return body, uploads
    if not request.body_exists:
        return {}, []
    return _parse_json(await request.text()), []


async def read_body_object(request: web.Request) -> tuple[dict[str, Any], list[Upload]]:
    body, uploads = await read_body(request)
    if not isinstance(body, dict):
        raise _body_type_error("DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType")
    return body, uploads


async def read_object(request: web.Request) -> dict[str, Any]:
    body, _ = await read_body_object(request)
    return body


def _parse_json(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        raise ApiError(400, 50109, "The request body contains invalid JSON.") from None


def _body_type_error(code: str, message: str) -> ApiError:
    return ApiError(
        400, 50035, "Invalid Form Body", {"_errors": [{"code": code, "message": message}]}
    )


def _snowflake(value: str) -> int:
    if not value.isdigit():
        errors = FormErrors()
        errors.add(("snowflake",), "NUMBER_TYPE_COERCE", f'Value "{value}" is not snowflake.')
        errors.raise_if_any()
    return int(value)
