"""Admin operations: one home for what the admin cogs and the CLI do to the store and the
schedules. Each module returns plain data for the renderers."""
