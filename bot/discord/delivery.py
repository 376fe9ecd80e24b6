"""Posting into Discord channels (digests, feed notices): in order, within limits, pinging
nobody; a channel gone or closed to the bot is a DeliveryError."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import discord

from bot.answers import Briefing
from bot.digests import DeliveryError
from bot.errors import BadQuery
from bot.render import embeds, feed_embeds
from bot.render.paging import NO_MENTIONS, messages
from storage.feed_queries import Feed
from storage.subscription_queries import Subscription

GONE = "the channel no longer exists."


@contextmanager
def posting() -> Iterator[None]:
    """Discord's refusals of a post as the DeliveryError that marks its channel failing."""
    try:
        yield
    except discord.Forbidden:
        raise DeliveryError(
            "briefbot may not post there (it needs Send Messages and Embed Links)."
        ) from None
    except discord.NotFound:
        raise DeliveryError(GONE) from None


async def post_digest(client: discord.Client, subscription: Subscription, answer: Briefing) -> None:
    """Every page of the digest, as few messages as Discord's limits allow, oldest first."""
    channel = await messageable(client, subscription.channel_id)
    with posting():
        for bundle in messages(embeds.briefing(answer)):
            await channel.send(embeds=bundle, allowed_mentions=NO_MENTIONS)


async def post_feed_disabled(client: discord.Client, feed: Feed, reason: str) -> None:
    """Tell the admins, in the channel where the feed was added, that it was disabled."""
    if feed.channel_id is None:
        return
    channel = await messageable(client, feed.channel_id)
    with posting():
        await channel.send(embeds=feed_embeds.disabled(feed, reason), allowed_mentions=NO_MENTIONS)


async def messageable(client: discord.Client, channel_id: int) -> discord.abc.Messageable:
    channel = client.get_channel(channel_id)
    if channel is None:
        try:
            channel = await client.fetch_channel(channel_id)
        except discord.NotFound:
            raise DeliveryError(GONE) from None
        except discord.Forbidden:
            raise DeliveryError("briefbot can no longer see the channel.") from None
    if not isinstance(channel, discord.abc.Messageable):
        raise DeliveryError("that channel cannot hold messages.")
    return channel


def alert_role(channel: discord.TextChannel, role: discord.Role | None) -> bool:
    """Whether alerts in `channel` can ping `role` (none to ping: yes); refuse @everyone."""
    if role is None:
        return True
    if role.is_default():
        raise BadQuery("Alerts never ping everyone: pick another role, or none.")
    return role.mentionable or channel.permissions_for(channel.guild.me).mention_everyone


def check_can_post(channel: discord.TextChannel) -> None:
    """Refuse a channel where briefbot could not post a digest or an alert."""
    permissions = channel.permissions_for(channel.guild.me)
    if not (permissions.send_messages and permissions.embed_links):
        raise BadQuery(
            f"briefbot cannot post in {channel.mention}: give it Send Messages and "
            "Embed Links there first."
        )
