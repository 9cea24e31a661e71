"""A compiled, cached form of what is slow to build from source files (the lexicon, the place
index, the gazetteer's tokenised surfaces), so a process loads it in a fraction of the time.

Each entry is a pickle named after what it holds and a digest of its key: the paths, sizes and
modification times of its source files plus the versions it depends on. A changed source file
is a new key, so the entry is rebuilt on first use. The folder is `NEWSGRAPH_CACHE_DIR`, else
`$XDG_CACHE_HOME/newsgraph`, else `~/.cache/newsgraph`. A folder that cannot be written only
costs the rebuild; two processes building at once each write a temporary file and rename it
into place, so a reader never sees half a file.

>>> cached("squares", key_of(["a.yaml"], "1"), lambda: [i * i for i in range(3)])  # doctest: +SKIP
[0, 1, 4]
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
PACKAGE_VERSION = "0.1.0"  # newsgraph.__version__; read here without importing the package


def cache_dir() -> Path:
    """Where compiled forms are kept."""
    override = os.environ.get("NEWSGRAPH_CACHE_DIR")
    if override:
        return Path(override).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "newsgraph"


def key_of(paths: Iterable[Path | str], *versions: str) -> str:
    """A digest of the files' paths, sizes and modification times and the given versions."""
    digest = hashlib.sha256()
    for part in (PACKAGE_VERSION, sys.version, *versions):
        digest.update(part.encode() + b"\0")
    for path in paths:
        try:
            stat = Path(path).stat()
        except OSError:
            digest.update(f"{path}:missing\0".encode())
            continue
        digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()[:20]


def cached(name: str, key: str, build: Callable[[], T]) -> T:
    """The value cached under `name` and `key`, or `build()`'s, stored for the next process."""
    path = cache_dir() / f"{name}-{key}.pickle"
    try:
        with path.open("rb") as f:
            value: T = pickle.load(f)
    except FileNotFoundError:
        pass
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        pass  # unreadable or from an incompatible version: rebuilt below
    else:
        return value
    value = build()
    _store(path, value)
    return value


def _store(path: Path, value: object) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp")
    except OSError:
        return  # an unwritable cache only costs the rebuild next time
    try:
        with os.fdopen(fd, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        Path(temporary).replace(path)  # atomic: readers see the old file or the new
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        return
    _forget_older(path)


def _forget_older(path: Path) -> None:
    """Remove this name's entries for other keys: their sources have changed."""
    name = path.name.rsplit("-", 1)[0]
    for other in path.parent.glob(f"{name}-*.pickle"):
        if other != path and other.name.rsplit("-", 1)[0] == name:
            other.unlink(missing_ok=True)
