"""End-to-end tests of the Discord emulator with the real, unpatched discord.py client."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import discord
import pytest
from discord import app_commands
from discord.ext import commands

from tests.discord_emulator import DiscordEmulator, MessageFlag, payloads
from tests.discord_emulator.mentions import could_ping

pytestmark = pytest.mark.asyncio(loop_scope="session")

TOPICS = ["paris summit", "parliament vote", "berlin talks", "tokyo trade"]


class DemoBot(commands.Bot):
    """A small bot using each interaction feature the emulator supports."""

    def __init__(self) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=discord.Intents.default(),
            allowed_mentions=discord.AllowedMentions.none(),
            guild_ready_timeout=0.05,
        )
        self.failures: list[discord.HTTPException] = []

    async def setup_hook(self) -> None:
        tree = self.tree

        @tree.command(description="Search articles")
        @app_commands.describe(query="What to look for")
        async def search(interaction: discord.Interaction, query: str) -> None:
            await interaction.response.send_message(f"Results for {query} <@{interaction.user.id}>")

        @search.autocomplete("query")
        async def search_query(
            interaction: discord.Interaction, current: str
        ) -> list[app_commands.Choice[str]]:
            return [app_commands.Choice(name=t.title(), value=t) for t in TOPICS if current in t]

        admin = app_commands.Group(
            name="admin",
            description="Administration",
            default_permissions=discord.Permissions(manage_guild=True),
        )
        feeds = app_commands.Group(name="feeds", description="News feeds", parent=admin)

        @feeds.command(name="add", description="Add a feed")
        async def feeds_add(
            interaction: discord.Interaction, url: str, hourly: bool = False
        ) -> None:
            await interaction.response.send_message(f"added {url} hourly={hourly}", ephemeral=True)

        tree.add_command(admin)

        @tree.command(description="Summarise an uploaded file")
        async def upload(interaction: discord.Interaction, file: discord.Attachment) -> None:
            data = await file.read()
            await interaction.response.send_message(f"{file.filename}: {len(data)} bytes: {data!r}")

        @tree.command(description="Defer, then edit the answer in")
        async def report(interaction: discord.Interaction) -> None:
            await interaction.response.defer(thinking=True)
            await asyncio.sleep(0.05)
            embed = discord.Embed(title="Report", description="Who met whom")
            await interaction.edit_original_response(content="done", embed=embed)

        @tree.command(description="Answer with too much text")
        async def verbose(interaction: discord.Interaction) -> None:
            try:
                await interaction.response.send_message("x" * 2001)
            except discord.HTTPException as exc:
                self.failures.append(exc)
                await interaction.response.send_message("too long", ephemeral=True)

        @tree.command(description="Edit the answer before answering")
        async def premature(interaction: discord.Interaction) -> None:
            try:
                await interaction.edit_original_response(content="too early")
            except discord.HTTPException as exc:
                self.failures.append(exc)
            await interaction.response.send_message("now")
            await interaction.followup.send("follow-up", ephemeral=True)

        @tree.command(description="Ask for a vote")
        async def vote(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("Vote?", view=VoteView())

        @tree.command(description="Answer after the 3 s deadline")
        async def late(interaction: discord.Interaction) -> None:
            await asyncio.sleep(3.2)  # deliberately slower than Discord's 3 s window
            try:
                await interaction.response.send_message("finally")
            except discord.HTTPException as exc:
                self.failures.append(exc)

        await tree.sync()


class VoteView(discord.ui.View):
    @discord.ui.button(label="Yes", custom_id="vote:yes", style=discord.ButtonStyle.success)
    async def yes(self, interaction: discord.Interaction, button: discord.ui.Button[Any]) -> None:
        await interaction.response.edit_message(
            content=f"{interaction.user.name} voted yes", view=None
        )


@pytest.fixture
async def env() -> AsyncIterator[tuple[DiscordEmulator, DemoBot]]:
    async with DiscordEmulator() as emulator:
        bot = DemoBot()
        async with emulator.run_bot(bot):
            yield emulator, bot


@pytest.fixture
async def emulator() -> AsyncIterator[DiscordEmulator]:
    async with DiscordEmulator() as emulator:
        yield emulator


async def raw(
    emulator: DiscordEmulator, method: str, path: str, body: Any = None, *, auth: bool = True
) -> tuple[int, Any]:
    """One request to the emulator's REST API, without discord.py."""
    headers = {"Authorization": f"Bot {emulator.token}"} if auth else {}
    url = f"{emulator.base_url}/api/v10{path}"
    async with (
        aiohttp.ClientSession() as session,
        session.request(method, url, json=body, headers=headers) as response,
    ):
        return response.status, await response.json() if response.status != 204 else None


async def test_bot_connects_and_registers_commands(env: tuple[DiscordEmulator, DemoBot]) -> None:
    emulator, bot = env
    names = {c["name"] for c in emulator.registered_commands()}
    assert names == {"search", "admin", "upload", "report", "verbose", "premature", "vote", "late"}
    assert bot.user is not None and bot.user.id == emulator.bot_user.id
    assert bot.get_guild(emulator.guild.id) is not None
    assert emulator.gateway.intents == discord.Intents.default().value
    assert not emulator.errors


async def test_command_with_string_option(env: tuple[DiscordEmulator, DemoBot]) -> None:
    emulator, _ = env
    interaction = await emulator.invoke("search", {"query": "summit"})
    response = await interaction.wait_response()
    assert response.content == f"Results for summit <@{emulator.member.id}>"
    assert not response.ephemeral and not response.could_ping
    assert response.allowed_mentions == {"parse": []}
    assert emulator.channel_messages() == [response]
    assert [label for label, _ in emulator.ack_latencies] == ["/search"]
    assert max(seconds for _, seconds in emulator.ack_latencies) < 1


async def test_autocomplete(env: tuple[DiscordEmulator, DemoBot]) -> None:
    emulator, _ = env
    choices = await emulator.autocomplete("search", "query", "par")
    assert choices == [
        {"name": "Paris Summit", "value": "paris summit"},
        {"name": "Parliament Vote", "value": "parliament vote"},
    ]


async def test_subcommand_group_needs_manage_guild(env: tuple[DiscordEmulator, DemoBot]) -> None:
    emulator, _ = env
    interaction = await emulator.invoke(
        "admin feeds add", {"url": "https://news.example", "hourly": True}, member=emulator.admin
    )
    response = await interaction.wait_response()
    assert response.content == "added https://news.example hourly=True"
    assert response.ephemeral and emulator.channel_messages() == []
    with pytest.raises(AssertionError, match="cannot see /admin"):
        await emulator.invoke("admin feeds add", {"url": "x"}, member=emulator.member)
    with pytest.raises(AssertionError, match="required option 'url' is missing"):
        await emulator.invoke("admin feeds add", {}, member=emulator.admin)


async def test_attachment_option_is_downloadable(env: tuple[DiscordEmulator, DemoBot]) -> None:
    emulator, _ = env
    attachment = emulator.add_attachment("notes.txt", b"hello", "text/plain")
    interaction = await emulator.invoke("upload", {"file": attachment})
    response = await interaction.wait_response()
    assert response.content == "notes.txt: 5 bytes: b'hello'"


async def test_defer_then_edit(env: tuple[DiscordEmulator, DemoBot]) -> None:
    emulator, _ = env
    interaction = await emulator.invoke("report")
    assert await interaction.wait_acknowledged() == 5
    response = await interaction.wait_response()
    assert response.content == "done"
    assert response.embeds[0]["title"] == "Report"
    assert not response.flags & MessageFlag.LOADING
    assert [w.method for w in emulator.writes] == ["PATCH"]


async def test_overlong_message_is_rejected(env: tuple[DiscordEmulator, DemoBot]) -> None:
    emulator, bot = env
    interaction = await emulator.invoke("verbose")
    response = await interaction.wait_response()
    assert response.content == "too long"
    [failure] = bot.failures
    assert (failure.status, failure.code) == (400, 50035)
    [rejection] = emulator.errors
    assert rejection.error.errors == {
        "data": {
            "content": {
                "_errors": [
                    {"code": "BASE_TYPE_MAX_LENGTH", "message": "Must be 2000 or fewer in length."}
                ]
            }
        }
    }
    assert rejection.interaction is interaction


async def test_edit_before_response_and_followups(env: tuple[DiscordEmulator, DemoBot]) -> None:
    emulator, bot = env
    interaction = await emulator.invoke("premature")
    [followup] = await interaction.wait_followups(1)
    assert followup.content == "follow-up" and followup.ephemeral
    assert (await interaction.wait_response()).content == "now"
    [failure] = bot.failures
    assert (failure.status, failure.code) == (404, 10015)  # Unknown Webhook


async def test_second_response_is_rejected(env: tuple[DiscordEmulator, DemoBot]) -> None:
    emulator, _ = env
    interaction = await emulator.invoke("search", {"query": "again"})
    await interaction.wait_response()
    path = f"/interactions/{interaction.id}/{interaction.token}/callback"
    status, body = await raw(emulator, "POST", path, {"type": 4, "data": {"content": "x"}})
    assert (status, body["code"]) == (400, 40060)


async def test_button_click_updates_message(env: tuple[DiscordEmulator, DemoBot]) -> None:
    emulator, _ = env
    message = await (await emulator.invoke("vote")).wait_response()
    assert [b["custom_id"] for b in message.buttons()] == ["vote:yes"]
    click = await emulator.click(message, "vote:yes", member=emulator.admin)
    updated = await click.wait_response()
    assert updated is message
    assert updated.content == "admin voted yes" and updated.components == []
    assert [label for label, _ in emulator.ack_latencies] == ["/vote", "button vote:yes"]


@pytest.mark.slow
async def test_response_after_three_seconds_is_rejected(
    env: tuple[DiscordEmulator, DemoBot],
) -> None:
    """SLOW (~3.2 s): the bot answers after Discord's 3 s deadline."""
    emulator, bot = env
    interaction = await emulator.invoke("late")
    with pytest.raises(AssertionError, match="not acknowledged within Discord's 3 s window"):
        await interaction.wait_response(timeout=5)
    [rejection] = await interaction.wait_for(lambda i: i.rejections)
    assert (rejection.error.status, rejection.error.code) == (404, 10062)
    async with asyncio.timeout(1):
        while not bot.failures:  # the bot gets the 404 just after the emulator logs it
            await asyncio.sleep(0.01)
    [failure] = bot.failures
    assert (failure.status, failure.code) == (404, 10062)
    assert emulator.ack_latencies == []


async def test_mention_audit(emulator: DiscordEmulator) -> None:
    path = f"/channels/{emulator.channel.id}/messages"
    await raw(emulator, "POST", path, {"content": f"hi {emulator.member.user.mention}"})
    await raw(emulator, "POST", path, {"content": "hi @here", "allowed_mentions": {"parse": []}})
    assert [w.could_ping for w in emulator.writes] == [True, False]
    assert [m.could_ping for m in emulator.channel_messages()] == [True, False]
    assert could_ping("hi @everyone", None)
    assert could_ping("hi <@123>", None)
    assert not could_ping("hi <@123> <@&5> @here", {"parse": []})
    assert could_ping("hi <@123>", {"parse": [], "users": ["123"]})
    assert could_ping("hi <@&5>", {"parse": ["roles"]})
    assert not could_ping("no mentions at all", None)


async def test_invalid_command_schemas_are_rejected(emulator: DiscordEmulator) -> None:
    path = f"/applications/{emulator.application_id}/commands"
    option = {"type": 3, "name": "b", "description": "b", "required": True}
    bad = {
        "name": "Bad Name",
        "description": "",
        "options": [{"type": 3, "name": "a", "description": "a"}, option],
    }
    status, body = await raw(emulator, "PUT", path, [bad])
    assert (status, body["code"]) == (400, 50035)
    errors = body["errors"]["0"]
    assert errors["name"]["_errors"][0]["code"] == "APPLICATION_COMMAND_INVALID_NAME"
    assert errors["description"]["_errors"][0]["code"] == "BASE_TYPE_BAD_LENGTH"
    required = errors["options"]["_errors"][0]["code"]
    assert required == "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID"
    many = [{"name": f"c{i}", "description": "d"} for i in range(101)]
    status, body = await raw(emulator, "PUT", path, many)
    assert (status, body["code"]) == (400, 30032)
    assert emulator.registered_commands() == []


async def test_message_validation_and_unknown_routes(emulator: DiscordEmulator) -> None:
    path = f"/channels/{emulator.channel.id}/messages"
    embeds = [{"title": "t" * 257}] + [{"description": "d" * 4000}] * 2
    status, body = await raw(emulator, "POST", path, {"embeds": embeds})
    assert (status, body["code"]) == (400, 50035)
    assert "title" in body["errors"]["embeds"]["0"]
    assert body["errors"]["embeds"]["_errors"][0]["code"] == "MAX_EMBED_SIZE_EXCEEDED"
    status, body = await raw(emulator, "POST", path, {})
    assert (status, body["code"]) == (400, 50006)
    status, body = await raw(emulator, "GET", "/nope")
    assert (status, body) == (404, {"message": "404: Not Found", "code": 0})
    status, body = await raw(emulator, "GET", "/users/@me", auth=False)
    assert (status, body) == (401, {"message": "401: Unauthorized", "code": 0})
    assert [r.error.status for r in emulator.errors] == [400, 400, 404, 401]


async def test_unexpected_error_is_a_recorded_500(
    emulator: DiscordEmulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(channel: object) -> dict[str, Any]:
        raise RuntimeError("boom")

    monkeypatch.setattr(payloads, "channel", broken)
    status, body = await raw(emulator, "GET", f"/channels/{emulator.channel.id}")
    assert (status, body["code"]) == (500, 0)
    assert body["message"] == "500: emulator error RuntimeError('boom')"
    [rejection] = emulator.errors
    assert rejection.error.status == 500
    assert emulator.requests[-1].status == 500


async def test_command_cannot_be_renamed_onto_another(emulator: DiscordEmulator) -> None:
    path = f"/applications/{emulator.application_id}/commands"
    await raw(emulator, "POST", path, {"name": "first", "description": "d"})
    _, second = await raw(emulator, "POST", path, {"name": "second", "description": "d"})
    status, body = await raw(emulator, "PATCH", f"{path}/{second['id']}", {"name": "first"})
    assert (status, body["code"]) == (400, 50035)
    code = body["errors"]["name"]["_errors"][0]["code"]
    assert code == "APPLICATION_COMMANDS_DUPLICATE_NAME"
    status, _ = await raw(emulator, "PATCH", f"{path}/{second['id']}", {"description": "new"})
    assert status == 200
    assert sorted(c["name"] for c in emulator.registered_commands()) == ["first", "second"]


async def test_edit_to_an_empty_message_is_rejected(emulator: DiscordEmulator) -> None:
    path = f"/channels/{emulator.channel.id}/messages"
    _, created = await raw(emulator, "POST", path, {"content": "hello"})
    status, body = await raw(emulator, "PATCH", f"{path}/{created['id']}", {"content": ""})
    assert (status, body["code"]) == (400, 50006)
    [message] = emulator.channel_messages()
    assert message.content == "hello" and message.edited_at is None
    embed = {"content": "", "embeds": [{"title": "t"}]}
    status, _ = await raw(emulator, "PATCH", f"{path}/{created['id']}", embed)
    assert status == 200 and message.content == "" and message.embeds == [{"title": "t"}]


async def test_action_row_child_needs_a_component_type(emulator: DiscordEmulator) -> None:
    path = f"/channels/{emulator.channel.id}/messages"
    for child in ({"custom_id": "a", "label": "A"}, {"type": 4, "custom_id": "a", "label": "A"}):
        row = {"type": 1, "components": [child]}
        status, body = await raw(emulator, "POST", path, {"content": "x", "components": [row]})
        assert (status, body["code"]) == (400, 50035)
        [error] = body["errors"]["components"]["0"]["components"]["0"]["type"]["_errors"]
        assert error["code"] == "UNION_TYPE_CHOICES"
    assert emulator.channel_messages() == []


async def test_command_names_must_match_entirely(emulator: DiscordEmulator) -> None:
    path = f"/applications/{emulator.application_id}/commands"
    option = {"type": 3, "name": "opt\n", "description": "d"}
    command = {"name": "abc\n", "description": "d", "options": [option]}
    status, body = await raw(emulator, "POST", path, command)
    assert (status, body["code"]) == (400, 50035)
    errors = body["errors"]
    assert errors["name"]["_errors"][0]["code"] == "APPLICATION_COMMAND_INVALID_NAME"
    option_name = errors["options"]["0"]["name"]["_errors"][0]["code"]
    assert option_name == "APPLICATION_COMMAND_INVALID_NAME"
    assert emulator.registered_commands() == []


async def test_attachment_count_and_message_limit_are_validated(
    emulator: DiscordEmulator,
) -> None:
    path = f"/channels/{emulator.channel.id}/messages"
    attachments = [{"id": str(i), "filename": f"{i}.txt"} for i in range(11)]
    status, body = await raw(emulator, "POST", path, {"attachments": attachments})
    assert (status, body["code"]) == (400, 50035)
    code = body["errors"]["attachments"]["_errors"][0]["code"]
    assert code == "BASE_TYPE_MAX_LENGTH"
    status, body = await raw(emulator, "GET", f"{path}?limit=ten")
    assert (status, body["code"]) == (400, 50035)
    assert body["errors"]["limit"]["_errors"][0] == {
        "code": "NUMBER_TYPE_COERCE",
        "message": 'Value "ten" is not int.',
    }
    assert [r.error.status for r in emulator.errors] == [400, 400]
