"""What the default views hide: the confidence below which the shipped event model doubts an
event. Read from a tiny file beside the weights, so reading commands load no model."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources


@cache
def default_event_confidence() -> float:
    """The shipped threshold (0.0, showing everything, when no trained model ships)."""
    path = resources.files("newsgraph.learn").joinpath("weights").joinpath("defaults.json")
    try:
        return float(json.loads(path.read_text("utf-8"))["event_threshold"])
    except (OSError, ValueError, KeyError, TypeError):
        return 0.0
