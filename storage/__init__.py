"""The embedded SQLite store: schema, migrations and every query. Nothing else touches SQL."""
