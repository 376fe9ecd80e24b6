"""The Discord edge: client, cog base, replies, pages, permissions, command sync, delivery."""
