"""The command line: each command parses options, calls one library function and prints."""

from __future__ import annotations

import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from newsgraph.contract import to_json
from newsgraph.errors import NewsgraphError
from newsgraph.lexicon.gazetteer import load_gazetteer
from newsgraph.models import Extraction, Skipped
from newsgraph.pipeline import Extractor
from newsgraph.render import summary
from newsgraph.settings import load_settings

app = typer.Typer(
    help="Sourced, time-aware knowledge graphs from news articles.", no_args_is_help=True
)
err = Console(stderr=True, soft_wrap=True)


class OutputFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    summary = "summary"


@app.callback()
def main() -> None:
    """newsgraph: entities, citations and dates (and, later, events) from news articles."""


@app.command()
def extract(
    files: Annotated[
        list[str], typer.Argument(help="Files, directories, .jsonl corpora; '-' for stdin.")
    ],
    output: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="json, jsonl or a readable summary.")
    ] = OutputFormat.json,
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for every document.")
    ] = None,
    outlet: Annotated[
        str | None, typer.Option(help="Publishing outlet for every document.")
    ] = None,
    model: Annotated[
        str | None, typer.Option(help="spaCy pipeline: installed package name or path.")
    ] = None,
    lexicon: Annotated[
        list[str] | None, typer.Option(help="Extra gazetteer YAML file or folder (repeatable).")
    ] = None,
    config: Annotated[Path | None, typer.Option(help="Settings TOML file.")] = None,
    max_bytes: Annotated[
        int | None, typer.Option(help="Refuse documents larger than this.")
    ] = None,
    encoding: Annotated[str | None, typer.Option(help="Text encoding of the input files.")] = None,
    batch_size: Annotated[int | None, typer.Option(help="Documents per spaCy batch.")] = None,
    no_text: Annotated[
        bool, typer.Option("--no-text", help="Leave the document text out of JSON.")
    ] = False,
) -> None:
    """Extract entities, citations and dates; print one JSON object per document."""
    try:
        settings = load_settings(config, model=model, lexicon_paths=lexicon, max_bytes=max_bytes,
                                 encoding=encoding, batch_size=batch_size)  # fmt: skip
        when = _parse_date(published)
        extractor = Extractor(settings)
        skipped = _print_results(extractor.extract_paths(files, published=when, outlet=outlet),
                                 output, include_text=not no_text)  # fmt: skip
    except NewsgraphError as e:
        err.print(f"[red]error:[/red] {e}", highlight=False)
        raise typer.Exit(2) from e
    if skipped:
        err.print(f"{len(skipped)} input(s) skipped", highlight=False)
        raise typer.Exit(1)


def _print_results(results: object, output: OutputFormat, *, include_text: bool) -> list[Skipped]:
    console = Console(soft_wrap=True)
    skipped: list[Skipped] = []
    for result in results:  # type: ignore[attr-defined]
        if isinstance(result, Skipped):
            err.print(f"skipped {result.source}: {result.reason} ({result.error})", highlight=False)
            skipped.append(result)
            continue
        assert isinstance(result, Extraction)
        if output == OutputFormat.summary:
            console.print(summary(result))
        else:
            indent = 2 if output == OutputFormat.json else None
            sys.stdout.write(to_json(result, indent=indent, include_text=include_text) + "\n")
            sys.stdout.flush()
    return skipped


@app.command("lexicon")
def lexicon_check(
    paths: Annotated[list[str], typer.Argument(help="Gazetteer YAML files or folders to check.")],
) -> None:
    """Check gazetteer files and show what they add to the shipped lexicon."""
    try:
        base = load_gazetteer()
        extended = load_gazetteer(tuple(paths))
    except NewsgraphError as e:
        err.print(f"[red]error:[/red] {e}", highlight=False)
        raise typer.Exit(2) from e
    added = len(extended.entries) - len(base.entries)
    replaced = sum(
        1 for k, v in extended.entries.items() if k in base.entries and base.entries[k] != v
    )
    typer.echo(f"ok: {len(extended.entries)} entries ({added} new, {replaced} replaced), "
               f"{len(extended.surfaces)} surface forms")  # fmt: skip


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as e:
        raise typer.BadParameter(f"--published {value!r}: use YYYY-MM-DD, e.g. 2019-05-03.") from e
