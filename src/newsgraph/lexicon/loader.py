"""The one way lexicon files are found, read and checked, whatever they hold.

Every file declares what it is in `meta.kind`: `gazetteer`, `events`, `relations`, `titles`,
`actor_codes`, `transliterations`, `polarity` or `words` (a file without a kind is a
gazetteer, the original format).
The shipped files are package data under `newsgraph/lexicon/`; the user's come from
`--lexicon PATH` (a file or a folder of `*.yaml`/`*.yml`) and are read after them, so their
entries win (docs/lexicon.md). Each file is checked against its kind's schema
(`lexicon/schemas.py`); a bad one stops the run with one line naming the file and the place.

>>> [f.source for f in read_lexicon_files() if f.kind == "relations"]  # doctest: +SKIP
['newsgraph:relations.yaml']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsgraph.errors import LexiconError
from newsgraph.lexicon.schemas import KINDS, SCHEMAS

if TYPE_CHECKING:
    import jsonschema

SHIPPED = Path(__file__).resolve().parent
DEFAULT_KIND = "gazetteer"


@dataclass(frozen=True, slots=True)
class LexiconFile:
    """One checked lexicon file: where it came from, its kind and its content."""

    source: str  # "newsgraph:gazetteer/states.yaml" for shipped files, else the path
    kind: str
    data: dict[str, Any]
    user: bool


def shipped_files() -> list[Path]:
    """The package's lexicon files, in load order (by path below the lexicon folder)."""
    return sorted(SHIPPED.rglob("*.yaml"), key=lambda p: p.relative_to(SHIPPED).as_posix())


def user_files(paths: Iterable[str]) -> list[Path]:
    """The files `--lexicon` names, folders expanded, in the order given."""
    return list(_expand(paths))


def read_lexicon_files(extra_paths: Iterable[str] = ()) -> list[LexiconFile]:
    """Every shipped file, then the user's, each read and checked against its kind's schema."""
    found = [_read(path, f"newsgraph:{path.relative_to(SHIPPED).as_posix()}", user=False)
             for path in shipped_files()]  # fmt: skip
    found += [_read(path, str(path), user=True) for path in user_files(extra_paths)]
    return found


def _expand(paths: Iterable[str]) -> Iterator[Path]:
    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            yield from sorted(path.glob("*.yaml")) + sorted(path.glob("*.yml"))
        elif path.is_file():
            yield path
        else:
            raise LexiconError(f"Lexicon path {path} does not exist; give a YAML file or a folder.")


def _read(path: Path, source: str, *, user: bool) -> LexiconFile:
    import yaml  # only when building: a cached lexicon needs no parser

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise LexiconError(f"{source}: cannot read the lexicon file ({e}).") from e
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as e:
        problem = " ".join(str(e).split())
        raise LexiconError(f"{source} is not valid YAML: {problem}") from e
    if not isinstance(data, dict):
        raise LexiconError(
            f"{source}: a lexicon file is a mapping with 'meta: {{kind: ...}}' and its lists "
            "(see docs/lexicon.md)."
        )
    meta = data.get("meta") or {}
    kind = meta.get("kind", DEFAULT_KIND) if isinstance(meta, dict) else DEFAULT_KIND
    if kind not in KINDS:
        raise LexiconError(f"{source}: meta.kind {kind!r} is not one of {', '.join(KINDS)}.")
    check(data, kind, source)
    return LexiconFile(source, kind, data, user)


def check(data: dict[str, Any], kind: str, source: str) -> None:
    """Raise a one-line LexiconError naming `source` and the first problem the schema finds."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(SCHEMAS[kind])
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is None:
        return
    raise LexiconError(f"{source}: {_where(error.absolute_path)}{_problem(error)}")


def _where(path: Iterable[str | int]) -> str:
    """`entries[3].roles[0]`: entry numbers as a person counts them, from 1."""
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else f".{part}" if out else str(part)
    return f"{out}: " if out else ""


def _problem(error: jsonschema.ValidationError) -> str:
    field = next((str(p) for p in reversed(error.absolute_path) if isinstance(p, str)), "value")
    if error.validator == "enum":
        values: list[Any] = error.schema.get("enum", []) if isinstance(error.schema, dict) else []
        allowed = ", ".join(str(v) for v in values)
        return f"{field} must be one of {allowed}, not {error.instance!r}."
    if error.validator == "required":
        return f"{error.message} (see docs/lexicon.md)."
    if error.validator == "pattern" and field in ("target", "source"):
        return (
            f"bad {field} slot {error.instance!r}; use dobj, iobj, poss, compound, amod, none "
            "or prep:<word>."
        )
    if field == "agents":
        return f"{error.message}; an agent code is three capital letters with a list of nouns."
    return f"{error.message}."
