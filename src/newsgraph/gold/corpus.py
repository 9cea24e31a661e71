"""Load newsgraph-gold (or any corpus in its format) and its fixed splits.

>>> articles = load_gold("data/gold", split="dev")        # doctest: +SKIP
>>> articles[0]["events"][0]["type"]                       # doctest: +SKIP
'CONSULT'
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

from newsgraph.errors import ConfigError

CORPUS_FILE = "newsgraph-gold.jsonl"
SPLITS = ("train", "dev", "test")


def split_of(article_id: str) -> str:
    """The fixed split of an article: 70/15/15 by a hash of its id, so adding articles never
    moves one that is already placed."""
    bucket = int(hashlib.sha256(article_id.encode("utf-8")).hexdigest()[:8], 16) % 100
    return "train" if bucket < 70 else "dev" if bucket < 85 else "test"


@cache
def gold_schema() -> dict[str, Any]:
    """The JSON Schema of a gold record."""
    text = resources.files("newsgraph.gold").joinpath("gold.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def corpus_path(path: str | Path) -> Path:
    """The corpus file: `path` itself, or the corpus file inside a folder."""
    path = Path(path)
    return path / CORPUS_FILE if path.is_dir() else path


def load_gold(
    path: str | Path, *, split: str | None = None, validate: bool = False
) -> list[dict[str, Any]]:
    """Gold records from a corpus file or folder, optionally one split only."""
    if split is not None and split not in SPLITS:
        raise ConfigError(f"unknown split {split!r}: use one of {', '.join(SPLITS)}")
    file = corpus_path(path)
    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise ConfigError(f"cannot read the gold corpus {file}: {e.strerror}") from e
    records = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            raise ConfigError(f"{file}:{number}: not JSON ({e.msg})") from e
        if validate:
            problems = sorted(
                jsonschema.Draft202012Validator(gold_schema()).iter_errors(record), key=str
            )
            if problems:
                raise ConfigError(f"{file}:{number}: {problems[0].message}")
        if split is None or record.get("split") == split:
            records.append(record)
    return records
