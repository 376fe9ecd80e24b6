"""The parse pipeline: spaCy doc -> actors, dates, events, quotes and summary."""
