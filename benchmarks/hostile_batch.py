"""A generated batch of hostile inputs, ingested as a user would: does every good input land,
is every bad one skipped with a reason, and what do time and memory do?

    python benchmarks/hostile_batch.py                          # 5,600 inputs, SQLite
    python benchmarks/hostile_batch.py --count 500 --db postgresql://app:app@127.0.0.1:54329/app

The inputs are drawn, with a fixed seed, from the kinds in `KINDS`: good articles as .txt, .md,
.html (with scripts and styles), UTF-8 and UTF-16 files with a byte-order mark, file names that
are not valid UTF-8, and JSONL lines (good ones, lone surrogates, NUL characters, 500,000-
character titles); and bad ones: empty and blank files, binary files, files over the size
limit, unknown extensions, symbolic links out of the folder and in a loop, non-English text,
deeply nested and malformed JSON lines, lines without text; and text built to be slow (50,000
straight quotes, unmatched parentheses, nested "said").

`newsgraph ingest` runs in a child process (the CLI, as a user runs it), so its peak RSS is its
own. The table lists each kind with what was expected and what happened; the script exits 1 when
a good input is missing, a bad one was stored, or a traceback was printed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ACTORS = ["Russia", "China", "Iran", "Venezuela", "Brazil", "Turkey", "Egypt", "Kenya", "Germany",
          "Japan", "Mexico", "Nigeria", "India", "Pakistan", "France", "Israel"]  # fmt: skip
VERBS = ["criticised", "accused", "met", "praised", "threatened", "sanctioned", "supported",
         "condemned", "called on", "signed an agreement with"]  # fmt: skip
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


@dataclass(frozen=True, slots=True)
class Input:
    kind: str
    name: str  # the file, or file:line for a JSONL line
    stored: bool  # expected to land in the knowledge base
    marker: str | None = None  # a word only this input's stored text contains


def article(rng: random.Random, marker: str) -> str:
    a, b = rng.sample(ACTORS, 2)
    title = f"{a} and {b}: talks {marker}"
    body = " ".join(
        f"{rng.choice(ACTORS)} {rng.choice(VERBS)} {rng.choice(ACTORS)} on {rng.choice(DAYS)}."
        for _ in range(rng.randint(2, 6))
    )
    lead = f"{a} {rng.choice(VERBS)} {b} on {rng.choice(DAYS)}, officials said."
    return f"{title}\n\n{lead} {body} Ref {marker}.\n"


def _write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


Writer = Callable[[Path, random.Random, str], list[Input]]


def _good_txt(folder: Path, rng: random.Random, m: str) -> list[Input]:
    _write(folder, f"{m}.txt", article(rng, m))
    return [Input("good .txt", f"{m}.txt", True, m)]


def _good_md(folder: Path, rng: random.Random, m: str) -> list[Input]:
    _write(folder, f"{m}.md", "# " + article(rng, m))
    return [Input("good .md", f"{m}.md", True, m)]


def _good_html(folder: Path, rng: random.Random, m: str) -> list[Input]:
    text = article(rng, m)
    html = ("<html><head><title>Talks</title><style>p{color:red}</style>"
            "<script>alert('x');document.cookie</script></head><body>"
            f"<p>{text}</p><script>fetch('//evil')</script></body></html>")  # fmt: skip
    _write(folder, f"{m}.html", html)
    return [Input("good .html with scripts", f"{m}.html", True, m)]


def _utf16(folder: Path, rng: random.Random, m: str) -> list[Input]:
    _write(folder, f"{m}.txt", ("\ufeff" + article(rng, m)).encode("utf-16-le"))
    return [Input("UTF-16 with BOM", f"{m}.txt", True, m)]


def _utf8_bom(folder: Path, rng: random.Random, m: str) -> list[Input]:
    _write(folder, f"{m}.txt", ("\ufeff" + article(rng, m)).encode("utf-8"))
    return [Input("UTF-8 with BOM", f"{m}.txt", True, m)]


def _bad_name(folder: Path, rng: random.Random, m: str) -> list[Input]:
    name = os.fsencode(str(folder)) + f"/{m}-\xff".encode("latin-1") + b".txt"
    with open(name, "wb") as handle:  # noqa: PTH123 - a bytes name: not valid UTF-8
        handle.write(article(rng, m).encode("utf-8"))
    return [Input("name not valid UTF-8", f"{m}-\\xff.txt", True, m)]


def _jsonl(folder: Path, rng: random.Random, m: str) -> list[Input]:
    lines = [
        (json.dumps({"id": f"{m}-a", "text": article(rng, m + "a")}), "good line", True, m + "a"),
        (json.dumps({"id": f"{m}-b", "text": "Lone \ud800 x " + article(rng, m + "b")}),
         "lone surrogate", True, m + "b"),
        (json.dumps({"id": f"{m}-c", "text": "Nul \u0000 x " + article(rng, m + "c")}),
         "NUL character", True, m + "c"),
        (json.dumps({"id": f"{m}-d", "title": "T" * 500_000, "text": article(rng, m + "d")}),
         "500,000-character title", True, m + "d"),
        ("[" * 100_000, "JSON nested 100,000 deep", False, None),
        ('{"id": "x", "text": "unterminated', "malformed JSON", False, None),
        ("42", "JSON line not an object", False, None),
        (json.dumps({"id": f"{m}-e", "body": "no text field"}), "line without text", False, None),
    ]  # fmt: skip
    _write(folder, f"{m}.jsonl", "\n".join(line for line, *_ in lines) + "\n")
    return [
        Input(f"JSONL: {kind}", f"{m}.jsonl:{n}", stored, marker)
        for n, (_, kind, stored, marker) in enumerate(lines, start=1)
    ]


def _empty(folder: Path, rng: random.Random, m: str) -> list[Input]:
    _write(folder, f"{m}.txt", "")
    _write(folder, f"{m}-blank.txt", " \n\t\n" * 50)
    return [Input("empty", f"{m}.txt", False), Input("blank", f"{m}-blank.txt", False)]


def _binary(folder: Path, rng: random.Random, m: str) -> list[Input]:
    _write(folder, f"{m}.txt", bytes(rng.randrange(256) for _ in range(4096)))
    return [Input("binary", f"{m}.txt", False)]


def _huge(folder: Path, rng: random.Random, m: str) -> list[Input]:
    _write(folder, f"{m}.txt", ("Russia met China on Monday. " * 80_000)[:2_100_000])
    return [Input("over the size limit", f"{m}.txt", False)]


def _unknown_extension(folder: Path, rng: random.Random, m: str) -> list[Input]:
    _write(folder, f"{m}.pdf", b"%PDF-1.4 " + article(rng, m).encode())
    return [Input("unknown extension", f"{m}.pdf", False)]


def _symlinks(folder: Path, rng: random.Random, m: str) -> list[Input]:
    (folder / f"{m}-passwd.txt").symlink_to("/etc/passwd")
    (folder / f"{m}-loop").symlink_to(folder, target_is_directory=True)
    return [Input("symlink out of the folder", f"{m}-passwd.txt", False)]


def _foreign(folder: Path, rng: random.Random, m: str) -> list[Input]:
    text = rng.choice([
        "El gobierno de Venezuela criticó a los Estados Unidos el lunes por las nuevas sanciones "
        "económicas, según fuentes oficiales en Caracas. ",
        "Правительство России в понедельник раскритиковало новые санкции Соединённых Штатов, "
        "сообщили официальные источники в Москве. ",
    ])  # fmt: skip
    _write(folder, f"{m}.txt", text * 6 + m)
    return [Input("not English", f"{m}.txt", False)]


SLOW_CHARS = 50_000  # the size of the texts built to be slow (the suite's test uses less)


def _slow(folder: Path, rng: random.Random, m: str) -> list[Input]:
    n = SLOW_CHARS
    body = rng.choice(['"' * n, "(" * n, "Russia said that " * (n // 17)])
    _write(folder, f"{m}.txt", f"Russia criticised China on Monday {m}. {body}\n")
    return [Input("built to be slow", f"{m}.txt", True, m)]


# kind writer, weight in the batch
KINDS: list[tuple[Writer, int]] = [
    (_good_txt, 30), (_good_md, 5), (_good_html, 8), (_utf16, 4), (_utf8_bom, 4),
    (_bad_name, 4), (_jsonl, 6), (_empty, 4), (_binary, 8), (_huge, 1), (_unknown_extension, 6),
    (_symlinks, 3), (_foreign, 6), (_slow, 1),
]  # fmt: skip


def generate(folder: Path, count: int, seed: int = 0) -> list[Input]:
    """At least `count` inputs in `folder`, drawn by weight with a fixed seed."""
    rng = random.Random(seed)
    writers = [w for w, _ in KINDS]
    weights = [n for _, n in KINDS]
    inputs: list[Input] = []
    n = 0
    # every kind at least once, then by weight
    order = list(writers)
    while len(inputs) < count:
        writer = order.pop(0) if order else rng.choices(writers, weights)[0]
        inputs.extend(writer(folder, rng, f"m{seed}x{n:05d}"))
        n += 1
    return inputs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=5_600)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--db", help="knowledge base URL (default: a new SQLite file)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="newsgraph-hostile-"))
    folder = work / "batch"
    folder.mkdir()
    inputs = generate(folder, args.count, args.seed)
    db = args.db or f"sqlite:///{work / 'kb.db'}"
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "newsgraph", "ingest", str(folder), "--db", db],
                          capture_output=True, text=True)  # fmt: skip
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    stored = _stored_texts(db)
    rows, failures = _compare(inputs, stored)
    print(f"{len(inputs):,} inputs ({args.seed=}), ingest exit status {done.returncode}, "
          f"{elapsed:.1f} s, peak RSS {peak:.0f} MB, {len(stored):,} documents stored")  # fmt: skip
    print(f"{'kind':34} {'inputs':>7} {'expected':>9} {'as expected':>12}")
    for kind, (total, expected, ok) in sorted(rows.items()):
        print(f"{kind:34} {total:>7} {expected:>9} {ok:>12}")
    traceback = "Traceback" in done.stderr or "Traceback" in done.stdout
    print(f"traceback printed: {traceback}; last line: {done.stdout.strip().splitlines()[-1:]}")
    for failure in failures[:20]:
        print("  NOT AS EXPECTED:", failure)
    return 1 if failures or traceback else 0


def _stored_texts(db: str) -> list[str]:
    from sqlalchemy import create_engine, select

    from newsgraph.store import schema as t

    engine = create_engine(db)
    with engine.connect() as connection:
        return list(connection.scalars(select(t.documents.c.text)))


def _compare(
    inputs: list[Input], stored: list[str]
) -> tuple[dict[str, tuple[int, str, int]], list[str]]:
    """Per kind: inputs, expectation, how many met it; and every input that did not."""
    text = "\n".join(stored)
    counts: Counter[str] = Counter()
    ok: Counter[str] = Counter()
    expected: dict[str, str] = {}
    failures = []
    for item in inputs:
        counts[item.kind] += 1
        expected[item.kind] = "stored" if item.stored else "skipped"
        landed = item.marker is not None and item.marker in text
        if landed == item.stored:
            ok[item.kind] += 1
        else:
            failures.append(f"{item.kind}: {item.name} expected {expected[item.kind]}")
    if "<script" in text or "alert(" in text:
        failures.append("a script of an HTML input was stored as text")
    if len(stored) != sum(1 for i in inputs if i.stored):
        failures.append(f"{len(stored)} documents stored, {sum(i.stored for i in inputs)} expected")
    return {k: (counts[k], expected[k], ok[k]) for k in counts}, failures


if __name__ == "__main__":
    sys.exit(main())
