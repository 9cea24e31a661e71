"""The command line: each command parses options, calls one library function and prints.

Commands import what they use inside their own body: `newsgraph actor X` must not pay for
spaCy, the gazetteers or the export formats (tests/test_startup.py keeps it so).
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

from newsgraph.errors import NewsgraphError
from newsgraph.models import COUNTRY_BASIS, CountryBasis
from newsgraph.settings import Settings, load_settings

if TYPE_CHECKING:
    from rich.table import Table
    from sqlalchemy import Engine

    from newsgraph.models import Skipped

app = typer.Typer(
    help="Sourced, time-aware knowledge graphs from news articles.", no_args_is_help=True
)
err = Console(stderr=True, soft_wrap=True)
# Piped output is read by programs and people with wide windows: never cut it at 80 columns.
_PIPE_WIDTH = 10_000


def _out() -> Console:
    """A console for results on stdout: terminal width on a terminal, unbounded when piped."""
    return Console(soft_wrap=True, width=None if sys.stdout.isatty() else _PIPE_WIDTH)


InputsArgument = Annotated[
    list[str], typer.Argument(help="Files, directories, .jsonl corpora; '-' for stdin.")
]
PublishedOption = Annotated[
    str | None, typer.Option(help="Publication date (YYYY-MM-DD) for every document.")
]
OutletOption = Annotated[str | None, typer.Option(help="Publishing outlet for every document.")]
ModelOption = Annotated[
    str | None, typer.Option(help="spaCy pipeline: installed package name or path.")
]
LexiconOption = Annotated[
    list[str] | None,
    typer.Option(help="Extra lexicon file or folder, of any kind (repeatable; docs/lexicon.md)."),
]
ConfigOption = Annotated[Path | None, typer.Option(help="Settings TOML file.")]
MaxBytesOption = Annotated[int | None, typer.Option(help="Refuse documents larger than this.")]
EncodingOption = Annotated[str | None, typer.Option(help="Text encoding of the input files.")]
BatchSizeOption = Annotated[int | None, typer.Option(help="Documents per spaCy batch.")]
LanguageOption = Annotated[
    list[str] | None,
    typer.Option(
        "--language",
        help="Accept documents detected in this language (ISO 639-1, repeatable; default en).",
    ),
]


class OutputFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    summary = "summary"


@contextmanager
def _one_line_errors() -> Iterator[None]:
    """An error newsgraph explains (bad input, config, refused curation) becomes its one line
    on stderr and exit code 2, never a traceback."""
    try:
        yield
    except NewsgraphError as e:
        err.print(f"[red]error:[/red] {e}", highlight=False)
        raise typer.Exit(2) from e


@app.callback()
def main() -> None:
    """newsgraph: entities, citations and dates (and, later, events) from news articles."""


@app.command()
def extract(
    files: InputsArgument,
    output: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="json, jsonl or a readable summary.")
    ] = OutputFormat.json,
    published: PublishedOption = None,
    outlet: OutletOption = None,
    model: ModelOption = None,
    lexicon: LexiconOption = None,
    config: ConfigOption = None,
    max_bytes: MaxBytesOption = None,
    encoding: EncodingOption = None,
    batch_size: BatchSizeOption = None,
    language: LanguageOption = None,
    no_text: Annotated[
        bool, typer.Option("--no-text", help="Leave the document text out of JSON.")
    ] = False,
) -> None:
    """Extract entities, citations and dates; print one JSON object per document."""
    from newsgraph.pipeline import Extractor

    with _one_line_errors():
        settings = load_settings(
            config,
            model=model,
            lexicon_paths=lexicon,
            max_bytes=max_bytes,
            encoding=encoding,
            batch_size=batch_size,
            languages=language,
        )
        when = _parse_date(published)
        extractor = Extractor(settings)
        skipped = _print_results(
            extractor.extract_paths(files, published=when, outlet=outlet),
            output,
            include_text=not no_text,
        )
    if skipped:
        err.print(f"{len(skipped)} input(s) skipped", highlight=False)
        raise typer.Exit(1)


def _print_results(results: object, output: OutputFormat, *, include_text: bool) -> list[Skipped]:
    from newsgraph.contract import to_json
    from newsgraph.models import Extraction, Skipped
    from newsgraph.render import summary

    console = _out()
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
    paths: Annotated[list[str], typer.Argument(help="Lexicon YAML files or folders to check.")],
) -> None:
    """Check lexicon files of any kind and show what they add to the shipped gazetteers."""
    from newsgraph.lexicon.gazetteer import load_gazetteer

    with _one_line_errors():
        base = load_gazetteer()
        extended = load_gazetteer(tuple(paths))
    added = len(extended.entries) - len(base.entries)
    replaced = sum(
        1 for k, v in extended.entries.items() if k in base.entries and base.entries[k] != v
    )
    typer.echo(
        f"ok: {len(extended.entries)} entries ({added} new, {replaced} replaced), "
        f"{len(extended.surfaces)} surface forms"
    )


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as e:
        raise typer.BadParameter(f"--published {value!r}: use YYYY-MM-DD, e.g. 2019-05-03.") from e


DbOption = Annotated[
    str | None,
    typer.Option("--db", help="SQLite file (default newsgraph.db) or postgresql:// URL."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]
CsvOption = Annotated[bool, typer.Option("--csv", help="Print CSV.")]


@app.command("ingest")
def ingest_command(
    inputs: InputsArgument,
    db: DbOption = None,
    published: PublishedOption = None,
    outlet: OutletOption = None,
    model: ModelOption = None,
    lexicon: LexiconOption = None,
    config: ConfigOption = None,
    max_bytes: MaxBytesOption = None,
    encoding: EncodingOption = None,
    batch_size: BatchSizeOption = None,
    language: LanguageOption = None,
    workers: Annotated[int, typer.Option(help="Extraction processes on this machine.")] = 1,
    dask: Annotated[
        str | None, typer.Option(help="Dask scheduler address, e.g. tcp://host:8786.")
    ] = None,
) -> None:
    """Extract documents into the knowledge base: idempotent, resumable, one transaction each."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from newsgraph.ingest import count_inputs
    from newsgraph.kb import ingest
    from newsgraph.pipeline import shared_extractor
    from newsgraph.store.db import open_database

    with _one_line_errors():
        settings = load_settings(
            config,
            model=model,
            lexicon_paths=lexicon,
            max_bytes=max_bytes,
            encoding=encoding,
            batch_size=batch_size,
            languages=language,
        )
        engine = open_database(db)
        extractor = shared_extractor(settings)
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=err,
            transient=False,
        ) as progress:
            task = progress.add_task("ingesting", total=count_inputs(inputs))

            def advance(item: object, new: bool) -> None:
                progress.advance(task)

            summary = ingest(
                extractor,
                engine,
                inputs,
                published=_parse_date(published),
                outlet=outlet,
                on_result=advance,
                workers=workers,
                dask=dask,
            )
    for item in summary.skipped:
        err.print(f"skipped {item.source}: {item.reason} ({item.error})", highlight=False)
    typer.echo(
        f"{summary.added} new documents, {summary.already_known} already known, "
        f"{len(summary.skipped)} skipped, {summary.facts} facts written"
    )
    if summary.skipped:
        raise typer.Exit(1)


@app.command("remove")
def remove_command(
    document: Annotated[str, typer.Argument(help="Document id (doc_...).")], db: DbOption = None
) -> None:
    """Retract a document and every fact that rests only on it."""
    from newsgraph.store.writer import remove_document

    if not remove_document(_engine(db), document):
        err.print(f"no document {document} in the knowledge base", highlight=False)
        raise typer.Exit(1)
    typer.echo(f"removed {document}")


@app.command("merge")
def merge_command(
    source: Annotated[str, typer.Argument(help="Entity id to merge away.")],
    target: Annotated[str, typer.Argument(help="Entity id that absorbs it.")],
    db: DbOption = None,
    force: Annotated[
        bool, typer.Option(help="Merge different kinds of actor (a person into a state...).")
    ] = False,
) -> None:
    """Record that two entities are one actor; applies now and to every later ingest."""
    _curate(db, "merge", source, target, force=force)
    typer.echo(f"merged {source} into {target}")


@app.command("split")
def split_command(
    entity: Annotated[str, typer.Argument(help="Entity id whose mentions were wrongly joined.")],
    surface: Annotated[str, typer.Argument(help="Mention text that names a different actor.")],
    new_id: Annotated[
        str, typer.Argument(help="Id for the split-off entity, e.g. person:john-smith-jr.")
    ],
    db: DbOption = None,
) -> None:
    """Record that mentions with this text name another actor; applies now and on re-ingest."""
    _curate(db, "split", entity, new_id, surface=surface)
    typer.echo(f"split {surface!r} off {entity} as {new_id}")


@app.command("correct")
def correct_command(
    entity: Annotated[str, typer.Argument(help="Entity id, e.g. person:tima-kurdi.")],
    country: Annotated[
        str | None, typer.Option(help="ISO 3166 alpha-3 code of the actor's country.")
    ] = None,
    sector: Annotated[
        str | None, typer.Option(help="CAMEO agent type: GOV, MIL, REB, OPP, CVL, BUS, ...")
    ] = None,
    note: Annotated[str | None, typer.Option(help="Why (kept with the correction).")] = None,
    db: DbOption = None,
) -> None:
    """Correct an actor's country or sector; applies now and on every re-ingest."""
    from newsgraph.store.corrections import record_correction

    with _one_line_errors():
        record_correction(_engine(db), entity, country=country, sector=sector, note=note)
    said = ", ".join(f"{k} {v.upper()}" for k, v in (("country", country), ("sector", sector)) if v)
    typer.echo(f"corrected {entity}: {said}")


@app.command("actor-info")
def actor_info_command(
    name: Annotated[str, typer.Argument(help="A name, alias or entity id.")],
    on: Annotated[
        str | None, typer.Option(help="Date (YYYY-MM-DD) for posts held and the code then.")
    ] = None,
    db: Annotated[
        str | None,
        typer.Option(help="Also show this knowledge base's entities of that name (URL or path)."),
    ] = None,
    config: ConfigOption = None,
    as_json: JsonOption = False,
) -> None:
    """What newsgraph knows of an actor and from where: gazetteer, actor knowledge base
    (sources, licences, posts on a date), and a knowledge base's stored entities."""
    from newsgraph.actor_info import actor_info

    day = _parse_date(on)
    found = actor_info(
        name, on=day.isoformat() if day else None, settings=load_settings(config),
        engine=_engine(db) if db else None,
    )  # fmt: skip
    if as_json:
        typer.echo(json.dumps(found, ensure_ascii=False, indent=2, default=str))
        return
    _print_actor_info(found)


def _print_actor_info(found: dict[str, Any]) -> None:
    console = _out()
    if not (found["gazetteer"] or found["actor_kb"] or found["knowledge_base"]):
        console.print(f"nothing known of {found['name']!r}", highlight=False)
        return
    used = {"gazetteer": "the gazetteer", "actor_kb": "the actor knowledge base"}
    console.print(
        f"[bold]{found['name']}[/bold]"
        + (f" on {found['on']}" if found["on"] else "")
        + (f": the pipeline uses {used[found['used']]}" if found["used"] else ""),
        highlight=False,
    )
    gazetteer = [
        {**e, "roles": [r["title"] for r in e["roles"]], "source": "hand-written"}
        for e in found["gazetteer"]
    ]
    if gazetteer:
        console.print(_table(gazetteer, ["id", "name", "type", "country", "named_by", "roles",
                                         "source"], title="gazetteer"))  # fmt: skip
    records = [
        {
            **r,
            "held": (r["held_on_date"] or {}).get("title"),
            "sources": [f"{s['dataset']} #{s['record']} ({s['licence']})" for s in r["sources"]],
        }
        for r in found["actor_kb"]
    ]
    if records:
        console.print(_table(records, ["id", "name", "type", "country", "sectors", "named_by",
                                       "held", "cameo_on_date", "sources"],
                             title="actor knowledge base"))  # fmt: skip
    if found["knowledge_base"]:
        console.print(_table(found["knowledge_base"], ["id", "name", "type", "country",
                                                       "country_basis", "cameo", "documents",
                                                       "correction"],
                             title="knowledge base"))  # fmt: skip


def _curate(db: str | None, action: str, source: str, target: str, **options: object) -> None:
    from newsgraph.store.curation import record_decision

    with _one_line_errors():
        record_decision(_engine(db), action, source, target, **options)  # type: ignore[arg-type]


@app.command("evaluate")
def evaluate_command(
    gold: Annotated[
        Path,
        typer.Argument(
            help="Gold corpus: a folder (data/gold) or its JSONL; or PETRARCH2's validation "
            "XML (PETR2_GSR_validation.xml) or PLOVER's gold records (.json)."
        ),
    ],
    split: Annotated[
        str | None, typer.Option(help="train, dev or test (default: the whole corpus).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    errors: Annotated[
        bool, typer.Option("--errors", help="List every error (not allowed on the test split).")
    ] = False,
    predictions: Annotated[
        Path | None,
        typer.Option(help="Score this JSONL of contract objects instead of running newsgraph."),
    ] = None,
    model: ModelOption = None,
    lexicon: LexiconOption = None,
    config: ConfigOption = None,
) -> None:
    """Score newsgraph (or another extractor's JSON output) against an annotated gold corpus."""
    from newsgraph.gold.report import render_report
    from newsgraph.gold.runner import evaluate_extractor, evaluate_file
    from newsgraph.pipeline import Extractor

    if errors and split == "test":
        err.print(
            "error: --errors is for train and dev; test errors must not steer development",
            highlight=False,
        )
        raise typer.Exit(2)
    if gold.suffix.lower() in {".xml", ".json"}:
        _evaluate_shared(gold, load_settings(config, model=model, lexicon_paths=lexicon), as_json)
        return
    with _one_line_errors():
        if predictions is not None:
            report = evaluate_file(gold, predictions, split=split, keep_errors=errors)
        else:
            settings = load_settings(config, model=model, lexicon_paths=lexicon)
            extractor = Extractor(settings)
            report = evaluate_extractor(gold, extractor, split=split, keep_errors=errors)
    if as_json:
        typer.echo(json.dumps(report.as_dict(), indent=2))
    else:
        _out().print(render_report(report, title=f"{gold} ({split or 'all splits'})"))
    if errors:
        for item in report.errors:
            typer.echo(json.dumps(item, ensure_ascii=False))


def _evaluate_shared(path: Path, settings: Settings, as_json: bool) -> None:
    """PETRARCH2's validation sentences (.xml) or PLOVER's gold records (.json), scored on
    the product's own coded events (newsgraph.evaluation)."""
    from newsgraph.evaluation import evaluate_petrarch, evaluate_plover
    from newsgraph.pipeline import Extractor

    extractor = Extractor(settings)
    with _one_line_errors():
        if path.suffix.lower() == ".xml":
            p = evaluate_petrarch(path, extractor)
            rows = {"sentences": len(p.sentences), "precision": p.precision,
                    "recall": p.recall, "f1": p.f1, "tp": p.true_positives,
                    "predicted": p.predicted, "gold": p.gold}  # fmt: skip
            title = "PETRARCH2 validation: (source, target, CAMEO root) triples"
        else:
            v = evaluate_plover(path, extractor)
            rows = {"records": len(v.results), "type_accuracy": v.type_accuracy,
                    "gold_type_among_any": v.any_accuracy, "coverage": v.coverage,
                    "source_country_if_typed": v.source_accuracy,
                    "target_country_if_typed": v.target_accuracy}  # fmt: skip
            title = "PLOVER gold records: type of the top event, sides' countries"
    if as_json:
        typer.echo(json.dumps(rows, indent=2))
        return
    shown: list[dict[str, object]] = [
        {"score": k, "value": f"{v:.3f}" if isinstance(v, float) else v} for k, v in rows.items()
    ]
    _out().print(_table(shown, ["score", "value"], title=title))


@app.command("check")
def check_command(db: DbOption = None) -> None:
    """Report every reference to an entity the knowledge base does not hold (exit 1 if any)."""
    from newsgraph.store.curation import dangling_references

    dangling = dangling_references(_engine(db))
    for item in dangling[:200]:
        typer.echo(f"{item.column}\trow {item.row}\tnames missing entity {item.entity_id}")
    if dangling:
        err.print(f"{len(dangling)} dangling reference(s)", highlight=False)
        raise typer.Exit(1)
    typer.echo("ok: every entity reference resolves")


@app.command("events")
def events_command(
    db: DbOption = None,
    actor: Annotated[str | None, typer.Option(help="Source actor (name or id).")] = None,
    target: Annotated[str | None, typer.Option(help="Target actor (name or id).")] = None,
    type: Annotated[str | None, typer.Option(help="PLOVER type, e.g. ASSAULT.")] = None,
    since: Annotated[str | None, typer.Option(help="From this date.")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date.")] = None,
    country: Annotated[str | None, typer.Option(help="An actor's ISO alpha-3 country.")] = None,
    modality: Annotated[str | None, typer.Option(help="asserted, reported, alleged, ...")] = None,
    document: Annotated[str | None, typer.Option(help="Document id.")] = None,
    agent: Annotated[
        str | None, typer.Option(help="Either side's CAMEO agent type: REB, MIL, CVL, ...")
    ] = None,
    min_confidence: Annotated[
        float | None,
        typer.Option(help="Hide events below this confidence (default: what the model doubts)."),
    ] = None,
    show_all: Annotated[bool, typer.Option("--all", help="Show doubted events too.")] = False,
    limit: int = 200,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Events matching the filters, with evidence. Events the coder itself doubts are hidden
    unless --all (the count hidden is reported on stderr)."""
    from newsgraph.store import queries

    engine = _engine(db)
    floor = _event_floor(show_all, min_confidence)
    rows = queries.events(
        engine,
        actor=queries.entity_id(engine, actor),
        target=queries.entity_id(engine, target),
        type=type.upper() if type else None,
        since=since,
        until=until,
        country=country,
        modality=modality,
        document=document,
        agent=agent.upper() if agent else None,
        min_confidence=floor or None,
        limit=limit,
    )
    _print_rows(
        rows,
        [
            "date",
            "type",
            "source",
            "target",
            "trigger",
            "modality",
            "confidence",
            "reports",
            "evidence",
        ],
        as_json,
        as_csv,
    )


@app.command("actors")
def actors_command(
    search: Annotated[str, typer.Argument()] = "",
    db: DbOption = None,
    type: Annotated[str | None, typer.Option()] = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Search actors by name."""
    from newsgraph.store import queries

    rows = queries.actors(_engine(db), search, type=type)
    _print_rows(rows, ["id", "name", "type", "country", "mentions", "documents"], as_json, as_csv)


def _event_floor(show_all: bool, min_confidence: float | None = None) -> float:
    """The confidence under which events are hidden (said on stderr): none with --all, else
    the one asked for, else what the shipped event model doubts."""
    from newsgraph.learn.defaults import default_event_confidence

    floor = 0.0 if show_all else min_confidence or default_event_confidence()
    if floor:
        err.print(f"events with confidence below {floor:.2f} hidden (--all shows them)")
    return floor


@app.command("actor")
def actor_command(
    name: Annotated[str, typer.Argument(help="Name or id.")],
    db: DbOption = None,
    show_all: Annotated[bool, typer.Option("--all", help="Show doubted events too.")] = False,
    as_json: JsonOption = False,
) -> None:
    """An actor's dossier: roles, alignments, events, quotes, co-occurring actors, sources.
    Events the coder itself doubts are hidden unless --all (said on stderr)."""
    from newsgraph.store import queries

    found = queries.dossier(_engine(db), name, min_confidence=_event_floor(show_all) or None)
    if found is None:
        err.print(f"no actor matches {name!r}", highlight=False)
        raise typer.Exit(1)
    if as_json:
        typer.echo(json.dumps(found, ensure_ascii=False, indent=2, default=str))
        return
    entity = found["entity"]
    console = _out()
    basis = (entity.get("attributes") or {}).get(COUNTRY_BASIS)
    country = (entity["country"] or "-") + (f", {_BASIS[basis]}" if basis in _BASIS else "")
    console.print(
        f"[bold]{entity['name']}[/bold] ({entity['type']}, {country}) "
        f"{entity['id']} — in {found['documents']} documents",
        highlight=False,
    )
    sections = [
        ("roles", ["title", "qualifier", "organization", "valid_from", "valid_until", "evidence"]),
        ("alignments", ["subject", "relation", "object", "valid_from", "valid_until", "evidence"]),
        ("events_as_source", ["date", "type", "target", "modality", "evidence"]),
        ("events_as_target", ["date", "type", "source", "modality", "evidence"]),
        ("quotes", ["date", "stance", "kind", "text"]),
        ("co_occurring", ["name", "documents"]),
        ("sources_cited", ["outlet", "citations"]),
    ]
    for key, columns in sections:
        if found[key]:
            console.print(_table(found[key], columns, title=key.replace("_", " ")))


# where an entity's country came from, when not from the text, the gazetteer or the actor KB
_BASIS = {
    CountryBasis.DOCUMENT: "inferred from the documents",
    CountryBasis.CONTEXT: "inferred from the countries named around it",
    CountryBasis.KIN: "inferred from people of the same surname in the documents",
    CountryBasis.ANALYST: "set by an analyst",
}


@app.command("quotes")
def quotes_command(
    db: DbOption = None,
    speaker: Annotated[str | None, typer.Option()] = None,
    stance: Annotated[str | None, typer.Option()] = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Quotes and claims with speaker and stance."""
    from newsgraph.store import queries

    engine = _engine(db)
    rows = queries.quotes(engine, speaker=queries.entity_id(engine, speaker), stance=stance)
    _print_rows(rows, ["date", "speaker", "stance", "kind", "text"], as_json, as_csv)


@app.command("alignments")
def alignments_command(
    db: DbOption = None,
    as_of: Annotated[str | None, typer.Option("--as-of")] = None,
    stated_by: Annotated[str | None, typer.Option("--stated-by")] = None,
    relation: Annotated[str | None, typer.Option()] = None,
    limit: Annotated[
        int, typer.Option(min=1, help="Rows to show at most: the most recently written.")
    ] = 1000,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Alignments in force on a date (supports, recognizes, opposes, leads, ...): begun by then
    (the stated start, else the first report of it: `since_basis` says which), not ended.
    Listed by relation and subject; past `--limit`, the most recently written are shown."""
    from newsgraph.store import queries

    rows = queries.alignments(
        _engine(db), as_of=as_of, stated_by=stated_by, relation=relation, limit=limit
    )
    if len(rows) == limit:  # there may be more: say which ones these are
        err.print(f"the {limit:,} most recently written alignments shown (--limit shows more)")
    _print_rows(
        rows,
        ["subject", "relation", "object", "since", "since_basis", "valid_until", "evidence"],
        as_json,
        as_csv,
    )


@app.command("timeline")
def timeline_command(
    db: DbOption = None,
    actor: Annotated[str | None, typer.Option()] = None,
    type: Annotated[str | None, typer.Option()] = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Dated events in order, one row per real event."""
    from newsgraph.store import queries

    engine = _engine(db)
    rows = queries.timeline(
        engine, actor=queries.entity_id(engine, actor), type=type.upper() if type else None
    )
    _print_rows(rows, ["date", "type", "source", "target", "reports", "evidence"], as_json, as_csv)


@app.command("search")
def search_command(
    query: Annotated[str, typer.Argument()],
    db: DbOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Full-text search over the documents."""
    from newsgraph.store import queries

    rows = queries.search(_engine(db), query)
    _print_rows(rows, ["id", "published", "title", "snippet"], as_json, as_csv)


def _engine(db: str | None) -> Engine:
    from newsgraph.store.db import open_database

    with _one_line_errors():
        return open_database(db)


def _cell(value: object) -> str:
    if isinstance(value, dict) and "text" in value:
        return str(value["text"])
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def _table(rows: list[dict[str, object]], columns: list[str], *, title: str | None = None) -> Table:
    from rich.table import Table

    table = Table(title=title)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row.get(c)) for c in columns))
    return table


def _print_rows(
    rows: list[dict[str, object]], columns: list[str], as_json: bool, as_csv: bool
) -> None:
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
    elif as_csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row.get(c)) for c in columns])
    else:
        _out().print(_table(rows, columns))


@app.command("serve")
def serve_command(
    db: DbOption = None,
    host: Annotated[
        str, typer.Option(help="Address to bind; the default is reachable from this machine only.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    allow_host: Annotated[
        list[str] | None,
        typer.Option(help="Extra Host header to answer (a name this server is reached by)."),
    ] = None,
) -> None:
    """Browse the knowledge base: reader, dossiers, events, network, timeline, map; JSON API
    under /api (OpenAPI at /api/openapi.json)."""
    from newsgraph.store.db import DEFAULT_DATABASE, open_database

    target = db or DEFAULT_DATABASE
    if "://" not in target and not Path(target).exists():
        err.print(
            f"[red]error:[/red] no knowledge base at {target}: run `newsgraph ingest FILE...` "
            "first, or name one with --db.",
            highlight=False,
        )
        raise typer.Exit(2)
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(
            f"warning: serving on {host}: anyone who can reach it can read the knowledge base."
        )
    # Imported here: the web stack (FastAPI, uvicorn, Jinja2) adds ~0.4 s to every other command.
    import uvicorn

    from newsgraph.web import create_app
    from newsgraph.web.app import POOL_SIZE, POOL_TIMEOUT_SECONDS

    with _one_line_errors():
        engine = open_database(db, pool_size=POOL_SIZE, pool_timeout=POOL_TIMEOUT_SECONDS)
    hosts = [host, "localhost", "127.0.0.1", "[::1]", *(allow_host or [])]
    if host in ("0.0.0.0", "::"):
        hosts.append("*")  # bound everywhere on purpose: the operator chose to answer any name
    app_ = create_app(engine, allowed_hosts=hosts)
    typer.echo(f"newsgraph on http://{host}:{port}/  (Ctrl+C stops)")
    uvicorn.run(app_, host=host, port=port, log_level="warning")


@app.command("export")
def export_command(
    destination: Annotated[Path, typer.Argument(help="File or folder to write.")],
    output: Annotated[
        str,
        typer.Option(
            "--format", "-f", help="jsonl, csv, gexf, graphml, neo4j, plover, cameo, stix."
        ),
    ] = "jsonl",
    db: DbOption = None,
) -> None:
    """Export the knowledge base: Gephi, Neo4j, threat-intel platforms, R/pandas, GDELT users."""
    from newsgraph.export import export

    with _one_line_errors():
        written = export(_engine(db), output, destination)
    for path in written:
        typer.echo(str(path))
