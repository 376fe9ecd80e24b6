"""Feeds: RSS, Atom and RDF polled politely; each new item's page ingested once."""
