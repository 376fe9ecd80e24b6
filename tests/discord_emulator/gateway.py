"""The gateway: a websocket speaking Discord's v10 JSON protocol (optionally zlib-stream)."""

from __future__ import annotations

import json
import uuid
import zlib
from typing import Any

from aiohttp import WSMsgType, web

from . import payloads
from .interactions import Notifier
from .state import World

DISPATCH, HEARTBEAT, IDENTIFY, PRESENCE_UPDATE, VOICE_STATE_UPDATE = 0, 1, 2, 3, 4
RESUME, RECONNECT, REQUEST_GUILD_MEMBERS, INVALID_SESSION, HELLO, HEARTBEAT_ACK = 6, 7, 8, 9, 10, 11

GUILD_MEMBERS, GUILD_PRESENCES, MESSAGE_CONTENT = 1 << 1, 1 << 8, 1 << 15
PRIVILEGED_INTENTS = GUILD_MEMBERS | GUILD_PRESENCES | MESSAGE_CONTENT
MAX_INTENTS = (1 << 26) - 1


class Session:
    """A gateway session: survives its websocket so that RESUME can replay events."""

    def __init__(self, shard: list[int] | None) -> None:
        self.id = uuid.uuid4().hex
        self.shard = shard
        self.sequence = 0
        self.sent: list[dict[str, Any]] = []  # dispatched events, for RESUME
        self.connection: Connection | None = None


class Connection:
    """One websocket; compresses frames when the client asked for zlib-stream."""

    def __init__(self, ws: web.WebSocketResponse, zlib_stream: bool) -> None:
        self.ws = ws
        self.session: Session | None = None
        self._compressor = zlib.compressobj() if zlib_stream else None

    async def send(self, payload: dict[str, Any]) -> None:
        raw = json.dumps(payload, separators=(",", ":"))
        if self._compressor is None:
            await self.ws.send_str(raw)
        else:
            data = self._compressor.compress(raw.encode()) + self._compressor.flush(
                zlib.Z_SYNC_FLUSH
            )
            await self.ws.send_bytes(data)


class Gateway:
    """Accepts bot connections and dispatches events to identified sessions."""

    def __init__(
        self,
        world: World,
        notifier: Notifier,
        *,
        heartbeat_interval_ms: int,
        privileged_intents: int,
    ) -> None:
        self.world = world
        self.notifier = notifier
        self.heartbeat_interval_ms = heartbeat_interval_ms
        self.privileged_intents = privileged_intents
        self.url = ""  # ws://127.0.0.1:PORT/ once the server listens
        self.sessions: dict[str, Session] = {}
        self.connections: set[Connection] = set()
        self.close_codes: list[int] = []  # close codes the emulator sent, for diagnostics
        self.intents: int | None = None  # intents of the last IDENTIFY

    @property
    def ready(self) -> bool:
        return any(s.connection is not None for s in self.sessions.values())

    async def handle(self, request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        query = request.query
        connection = Connection(ws, query.get("compress") == "zlib-stream")
        self.connections.add(connection)
        try:
            if query.get("v") != "10":
                await self._close(connection, 4012, "Invalid API version")
            elif query.get("encoding", "json") != "json":
                await self._close(connection, 4002, "Decode error (only json is emulated)")
            elif query.get("compress") not in (None, "zlib-stream"):
                await self._close(connection, 4000, "Unsupported compression")
            else:
                await self._serve(connection)
        finally:
            self.connections.discard(connection)
            session = connection.session
            if session is not None and session.connection is connection:
                session.connection = None
            await self.notifier.notify()
        return ws

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        """Send a DISPATCH event to every connected session."""
        sessions = [s for s in self.sessions.values() if s.connection is not None]
        if not sessions:
            raise AssertionError(f"cannot dispatch {event}: no bot is connected to the gateway")
        for session in sessions:
            await self._dispatch(session, event, data)

    async def close(self) -> None:
        for connection in list(self.connections):
            await connection.ws.close(code=1001, message=b"emulator shutting down")

    async def _serve(self, connection: Connection) -> None:
        await connection.send(
            {"op": HELLO, "d": {"heartbeat_interval": self.heartbeat_interval_ms}}
        )
        async for message in connection.ws:
            if message.type != WSMsgType.TEXT:
                await self._close(connection, 4002, "Decode error")
                return
            try:
                payload = json.loads(message.data)
            except ValueError:
                await self._close(connection, 4002, "Decode error")
                return
            await self._receive(connection, payload.get("op"), payload.get("d"))

    async def _receive(self, connection: Connection, op: Any, data: Any) -> None:
        if op == HEARTBEAT:
            await connection.send({"op": HEARTBEAT_ACK})
        elif op == IDENTIFY:
            await self._identify(connection, data)
        elif op == RESUME:
            await self._resume(connection, data)
        elif connection.session is None:
            await self._close(connection, 4003, "Not authenticated")
        elif op == REQUEST_GUILD_MEMBERS:
            await self._request_members(connection.session, data)
        elif op not in (PRESENCE_UPDATE, VOICE_STATE_UPDATE):
            await self._close(connection, 4001, "Unknown opcode")

    async def _identify(self, connection: Connection, data: dict[str, Any]) -> None:
        if connection.session is not None:
            await self._close(connection, 4005, "Already authenticated")
            return
        if data.get("token") != self.world.token:
            await self._close(connection, 4004, "Authentication failed")
            return
        intents = data.get("intents")
        if not isinstance(intents, int) or not 0 <= intents <= MAX_INTENTS:
            await self._close(connection, 4013, "Invalid intent(s)")
            return
        if intents & PRIVILEGED_INTENTS & ~self.privileged_intents:
            await self._close(connection, 4014, "Disallowed intent(s)")
            return
        self.intents = intents
        session = Session(data.get("shard"))
        self.sessions[session.id] = session
        session.connection = connection
        connection.session = session
        await self._dispatch(session, "READY", self._ready_payload(session))
        for guild in self.world.guilds.values():
            await self._dispatch(session, "GUILD_CREATE", payloads.guild_create(guild))
        await self.notifier.notify()

    async def _resume(self, connection: Connection, data: dict[str, Any]) -> None:
        session = self.sessions.get(data.get("session_id", ""))
        if session is None or data.get("token") != self.world.token:
            await connection.send({"op": INVALID_SESSION, "d": False})
            return
        session.connection = connection
        connection.session = session
        for event in session.sent:
            if event["s"] > (data.get("seq") or 0):
                await connection.send(event)
        await self._dispatch(session, "RESUMED", {})
        await self.notifier.notify()

    async def _request_members(self, session: Session, data: dict[str, Any]) -> None:
        guild = self.world.guilds[int(data["guild_id"])]
        chunk = {
            "guild_id": str(guild.id),
            "members": [payloads.member(m, guild) for m in guild.members.values()],
            "chunk_index": 0,
            "chunk_count": 1,
            "not_found": [],
        }
        if "nonce" in data:
            chunk["nonce"] = data["nonce"]
        await self._dispatch(session, "GUILD_MEMBERS_CHUNK", chunk)

    async def _dispatch(self, session: Session, event: str, data: dict[str, Any]) -> None:
        session.sequence += 1
        payload = {"op": DISPATCH, "t": event, "s": session.sequence, "d": data}
        session.sent.append(payload)
        assert session.connection is not None
        await session.connection.send(payload)

    def _ready_payload(self, session: Session) -> dict[str, Any]:
        world = self.world
        ready: dict[str, Any] = {
            "v": 10,
            "user": payloads.current_user(world.bot),
            "guilds": [{"id": str(g), "unavailable": True} for g in world.guilds],
            "session_id": session.id,
            "session_type": "normal",
            "resume_gateway_url": self.url,
            "application": {"id": str(world.application_id), "flags": payloads.APPLICATION_FLAGS},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "guild_join_requests": [],
            "geo_ordered_rtc_regions": [],
            "user_settings": {},
        }
        if session.shard is not None:
            ready["shard"] = session.shard
        return ready

    async def _close(self, connection: Connection, code: int, reason: str) -> None:
        self.close_codes.append(code)
        await connection.ws.close(code=code, message=reason.encode())
