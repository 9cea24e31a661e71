"""Where the learned parts' weights are: one home for the `event_model` setting's meaning.

"builtin" names the weights trained on newsgraph-gold that ship as package data, "rules" no
weights at all (the rule coder's output as it is), and any other value a folder written by
the training scripts, which may hold only some of the parts (a folder without a part's file
leaves that part off).
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import TypeVar

Part = TypeVar("Part")

BUILTIN = "builtin"
RULES = "rules"


def builtin_folder() -> Path:
    """The package's own weights folder."""
    return Path(str(resources.files("newsgraph.learn").joinpath("weights")))


def weights_file(setting: str, name: str) -> Path | None:
    """The file `name` of the weights an `event_model` setting names, or None (the setting is
    "rules", or the folder holds no such file)."""
    if setting == RULES:
        return None
    path = (builtin_folder() if setting == BUILTIN else Path(setting)) / name
    return path if path.exists() else None


def load_part(setting: str, name: str, load: Callable[[Path], Part]) -> Part | None:
    """A learned part from its weights file `name` as the setting names it, or None."""
    path = weights_file(setting, name)
    return load(path) if path is not None else None
