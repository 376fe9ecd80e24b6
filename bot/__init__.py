"""briefbot: news briefings from parsed articles, for Discord and the command line."""

__version__ = "0.1.0"
