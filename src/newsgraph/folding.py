"""Folding names for matching: "Guaidó", "GUAIDO" and "guaido" are one key."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Strip diacritics: "Guaidó" -> "Guaido" (case kept)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def search_key(text: str) -> str:
    """The key names are looked up by: no diacritics, case-folded, spaces collapsed.

    >>> search_key("  Juan  Guaidó ")
    'juan guaido'
    """
    return " ".join(fold(text).casefold().split())
