"""A content hash that sees through spacing, case, quote and punctuation differences."""

from __future__ import annotations

import hashlib
import unicodedata


def normalise_for_hash(text: str) -> str:
    """NFKC, case-folded, every punctuation mark or symbol a space, whitespace collapsed."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    spaced = "".join(" " if unicodedata.category(char)[0] in "PSZC" else char for char in folded)
    return " ".join(spaced.split())


def content_hash(text: str) -> str:
    """Hex sha256 of the normalised body: the same article pasted twice hashes the same."""
    return hashlib.sha256(normalise_for_hash(text).encode("utf-8")).hexdigest()
