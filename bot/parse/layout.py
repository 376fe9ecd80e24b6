"""Where an article's dateline prefix sits ("ERBIL, Kurdistan Region –"), for the extractors."""

from __future__ import annotations

import re

DATELINE = re.compile(r"^[A-Z][A-Z.]{2,}(?:[ ,][^\n]{0,60}?)?\s[-–—]+\s", re.MULTILINE)


def dateline_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of paragraph-opening datelines."""
    return [match.span() for match in DATELINE.finditer(text)]
