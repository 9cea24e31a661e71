"""Loading documents: formats, header metadata, and clear errors for bad input."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from newsgraph import Document, Settings, Skipped, load_documents
from newsgraph.ingest.header import read_header

ARTICLE = "A Title Here\n\nPublication: Eurasia Daily Monitor Volume: 16 Issue: 64\n\nBy Jane Roe\n\nRussia said on May 1 that talks failed.\n"


def load(*paths: str | Path, **kwargs: object) -> list[Document | Skipped]:
    return list(load_documents(paths, **kwargs))  # type: ignore[arg-type]


def test_text_file_with_header(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    (doc,) = load(path)
    assert isinstance(doc, Document)
    assert (doc.title, doc.outlet, doc.volume, doc.issue, doc.author) == (
        "A Title Here",
        "Eurasia Daily Monitor",
        "16",
        "64",
        "Jane Roe",
    )
    assert doc.id.startswith("doc_") and len(doc.header_spans) == 2
    assert doc.in_header(ARTICLE.index("Publication"), ARTICLE.index("Publication") + 5)


def test_same_text_same_id(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE.replace("\n", "\r\n"), encoding="utf-8")
    first, second = load(tmp_path)
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.id == second.id


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Publication: Eurasia Daily Monitor Volume: 16 Issue: 64",
            ("Eurasia Daily Monitor", "16", "64"),
        ),
        ("Source: Reuters | Date: 2020-01-02", ("Reuters", None, None)),
        ("Vol. 3 No. 7", (None, None, None)),
    ],
)
def test_header_lines(line: str, expected: tuple[str | None, ...]) -> None:
    header = read_header(f"Title\n\n{line}\n\nBody text here.")
    assert (header.outlet, header.volume, header.issue) == expected


def test_header_credit_and_date() -> None:
    header = read_header("Title\n(Source: Caracas Chronicles)\nDate: May 3, 2019\n\nBody.")
    assert header.credit == "Caracas Chronicles" and header.date_text == "May 3, 2019"


def test_header_date_becomes_publication_date(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Title\n\nDate: May 3, 2019\n\nBody text.", encoding="utf-8")
    (doc,) = load(path)
    assert isinstance(doc, Document)
    assert doc.published.date == "2019-05-03" and not doc.published.inferred


def test_html_main_text_and_metadata_without_scripts(tmp_path: Path) -> None:
    html = (
        "<html><head><title>Talks fail - The Daily</title><meta name='author' content='Jane Roe'>"
        "<meta property='article:published_time' content='2020-03-04'>"
        "<meta property='og:site_name' content='The Daily'></head><body>"
        "<script>alert('x')</script><article><h1>Talks fail</h1>"
        "<p>Russia said on Monday that it would send troops to the region after the talks.</p>"
        "<img src=x onerror=alert(1)><p>Venezuela and the United States disagreed about the plan, "
        "officials told reporters in Caracas.</p></article></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    (doc,) = load(path)
    assert isinstance(doc, Document)
    assert doc.title == "Talks fail" and doc.author == "Jane Roe" and doc.outlet == "The Daily"
    assert doc.published.date == "2020-03-04" and not doc.published.inferred
    assert "Russia said" in doc.text
    assert "alert" not in doc.text and "<" not in doc.text


def test_jsonl_records_and_bad_lines(tmp_path: Path) -> None:
    good = {
        "id": "x1",
        "title": "T",
        "outlet": "Wikinews",
        "date": "2019-01-04",
        "url": "http://x",
        "text": "Russia spoke.",
    }
    path = tmp_path / "c.jsonl"
    path.write_text(
        json.dumps(good) + "\n\nnot json\n" + json.dumps({"id": "x2"}) + "\n", encoding="utf-8"
    )
    results = load(path)
    assert [type(r).__name__ for r in results] == ["Document", "Skipped", "Skipped"]
    doc, bad, no_text = results
    assert isinstance(doc, Document) and doc.external_id == "x1" and doc.outlet == "Wikinews"
    assert doc.published.date == "2019-01-04" and doc.url == "http://x"
    assert (
        isinstance(bad, Skipped)
        and bad.source.endswith(":3")
        and bad.error == "MalformedRecordError"
    )
    assert isinstance(no_text, Skipped) and "text" in no_text.reason


def test_stdin() -> None:
    (doc,) = load("-", stdin=io.BytesIO(b"Moscow denied it on April 30."))
    assert isinstance(doc, Document) and doc.source == "stdin"


def test_overrides(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    (doc,) = load(path, published=date(2019, 5, 3), outlet="EDM")
    assert isinstance(doc, Document)
    assert doc.published.date == "2019-05-03" and doc.outlet == "EDM"


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (b"", "EmptyDocumentError"),
        (b"   \n\n\t ", "EmptyDocumentError"),
        (b"\x00\x01\x02binary", "BinaryDocumentError"),
        (bytes(range(1, 9)) * 10, "BinaryDocumentError"),
        ("caf\u00e9".encode("latin-1"), "EncodingError"),
        (b"x" * 200, "DocumentTooLargeError"),
    ],
)
def test_bad_files_are_skipped_with_a_reason(tmp_path: Path, content: bytes, error: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    (result,) = load(path, settings=Settings(max_bytes=100))
    assert isinstance(result, Skipped) and result.error == error
    assert result.source == str(path) and result.reason


def test_missing_file_then_good_file(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Russia spoke.", encoding="utf-8")
    missing, doc = load(tmp_path / "nope.txt", good)
    assert isinstance(missing, Skipped) and missing.error == "MissingFileError"
    assert isinstance(doc, Document)


def test_other_encoding_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Caf\u00e9 in Bogot\u00e1.".encode("latin-1"))
    (doc,) = load(path, settings=Settings(encoding="latin-1"))
    assert isinstance(doc, Document) and doc.text == "Caf\u00e9 in Bogot\u00e1."
