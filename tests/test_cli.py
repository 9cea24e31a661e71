"""The CLI through typer's runner: formats, options, skipped inputs and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from typer.testing import CliRunner

from newsgraph import json_schema
from newsgraph.cli import app

runner = CliRunner()
ARTICLE = "Talks Fail\n\nMoscow denied the claims (TASS, May 1). Lavrov spoke on April 30.\n"


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_extract_json(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", ARTICLE)
    result = runner.invoke(app, ["extract", str(path), "--published", "2019-05-03"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    jsonschema.validate(data, json_schema())
    assert data["document"]["published"] == {
        "date": "2019-05-03",
        "inferred": False,
        "basis": "--published option",
    }
    assert data["citations"][0]["outlet"] == "TASS"


def test_extract_jsonl_one_line_per_document(tmp_path: Path) -> None:
    a = write(tmp_path, "a.txt", ARTICLE)
    b = write(tmp_path, "b.txt", "Beijing objected on Monday.")
    result = runner.invoke(app, ["extract", "--format", "jsonl", "--outlet", "EDM", str(a), str(b)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2
    assert all(json.loads(line)["document"]["outlet"] == "EDM" for line in lines)


def test_summary_is_readable(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", ARTICLE)
    result = runner.invoke(app, ["extract", "-f", "summary", str(path)])
    assert result.exit_code == 0, result.output
    assert "Talks Fail" in result.stdout and "Russia" in result.stdout and "TASS" in result.stdout


def test_bad_inputs_are_skipped_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = write(tmp_path, "good.txt", ARTICLE)
    empty = write(tmp_path, "empty.txt", "")
    binary = write(tmp_path, "bin.txt", b"\x00\x01\x02\x03")
    latin = write(tmp_path, "latin.txt", "caf\u00e9".encode("latin-1"))
    result = runner.invoke(app, ["extract", "-f", "jsonl", str(empty), str(binary), str(latin),
                                 str(tmp_path / "missing.txt"), str(good)])  # fmt: skip
    assert result.exit_code == 1
    assert len(result.stdout.strip().splitlines()) == 1
    errors = result.stderr.strip().splitlines()
    assert len([e for e in errors if e.startswith("skipped")]) == 4
    for name, word in [("empty.txt", "empty"), ("bin.txt", "binary"), ("latin.txt", "utf-8"),
                       ("missing.txt", "no such file")]:  # fmt: skip
        line = next(e for e in errors if name in e)
        assert word in line


def test_oversized_file(tmp_path: Path) -> None:
    path = write(tmp_path, "big.txt", "word " * 100)
    result = runner.invoke(app, ["extract", "--max-bytes", "50", str(path)])
    assert result.exit_code == 1 and "over the 50-byte limit" in result.stderr


def test_bad_published_date(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", ARTICLE)
    result = runner.invoke(app, ["extract", "--published", "May 2019", str(path)])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


def test_unknown_model_is_explained(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", ARTICLE)
    result = runner.invoke(app, ["extract", "--model", "no_such_pipeline", str(path)])
    assert result.exit_code == 2 and "Cannot load the spaCy pipeline" in result.stderr


def test_lexicon_check(tmp_path: Path) -> None:
    path = write(
        tmp_path, "mine.yaml", "meta: {type: media}\nentries:\n  - name: Novaya Zaria Vestnik\n"
    )
    result = runner.invoke(app, ["lexicon", str(path)])
    assert result.exit_code == 0 and "1 new" in result.stdout
    bad = write(tmp_path, "bad.yaml", "entries: 3\n")
    result = runner.invoke(app, ["lexicon", str(bad)])
    assert result.exit_code == 2 and "entries" in result.stderr
