"""Guideline v8 (§7.3): decide again the date of every gold event told without a time.

    python scripts/gold_dates.py tasks --out DIR [--queues 4]
        one task file per queue: each article's numbered sentences and its events, those with
        a time of their own (`date_text`) shown with their date, the others to decide
    python scripts/gold_dates.py disputes FIRST.jsonl... --second SECOND.jsonl... --out FILE
        the task file of the events the two passes decided differently, every other event
        shown with its settled date
    python scripts/gold_dates.py adjudicate FIRST.jsonl... --second SECOND.jsonl...
            [--third ADJUDICATOR.jsonl...]
        compare two independent passes of decisions, write both (and the adjudicator's, on
        the disputes) and the final decision per event to
        data/gold/adjudication/v8_episode_dates.json, and the final dates into
        data/gold/annotations/ (a dispute without an adjudicator's decision is null, as
        §7.3 says for doubt)

A decision is one JSON line: {"article": ID, "event": "e7", "date": "2019-01-02" | null,
"from": sentence number of the date's words | null, "reason": short code}. Neither pass sees
the dates the first annotation gave these events, nor newsgraph's output.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "data" / "gold"
RECORD = GOLD / "adjudication" / "v8_episode_dates.json"
# an event's `date` key and its value (null or a string); `date_text` and alignments'
# `valid_from` are other keys
_ISO = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_DATE_SLOT = re.compile(r'"date"\s*:\s*(null|"[^"]*")')


def _corpus() -> list[dict[str, Any]]:
    with (GOLD / "newsgraph-gold.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def _to_decide(event: dict[str, Any]) -> bool:
    return not event.get("date_text")


def _article_task(record: dict[str, Any], settled: dict[str, str | None] | None = None) -> str:
    """An article's numbered sentences and events: those with a time of their own shown with
    their date; of the others, those `settled` (the two passes agreed) with the decision and
    the rest to decide (all of them when nothing is settled)."""
    text = record["text"]
    lines = [f"=== {record['id']} | published {record['published']} | {record['title']}"]
    lines += [f"[{i}] {text[a:b]}" for i, (a, b) in enumerate(record["sentences"])]
    lines.append("EVENTS")
    for event in record["events"]:
        head = (f"{event['id']} [s{event['sentence']}] \"{event['trigger']['text']}\" "
                f"{event['type']} {event['modality']}")  # fmt: skip
        if not _to_decide(event):
            lines.append(f'{head} : own time "{event["date_text"]["text"]}" = {event["date"]}')
        elif settled is not None and event["id"] in settled:
            lines.append(f"{head} : decided = {settled[event['id']]}")
        else:
            lines.append(f"{head} -> DECIDE")
    return "\n".join(lines) + "\n"


def disputes(args: argparse.Namespace) -> int:
    """The task file of the events the two passes decided differently."""
    first, second = _decisions(args.first), _decisions(args.second)
    body = []
    count = 0
    for record in _corpus():
        keys = [(record["id"], e["id"]) for e in record["events"] if _to_decide(e)]
        disputed = {k[1] for k in keys if k in first and k in second
                    and _valid(first[k].get("date")) != _valid(second[k].get("date"))}  # fmt: skip
        if disputed:
            settled = {k[1]: _valid(first[k].get("date")) for k in keys if k[1] not in disputed}
            body.append(_article_task(record, settled))
            count += len(disputed)
    Path(args.out).write_text("\n".join(body), encoding="utf-8")
    print(f"{len(body)} articles, {count} disputed events", file=sys.stderr)
    return 0


def _queues(records: list[dict[str, Any]], count: int) -> list[list[dict[str, Any]]]:
    """Articles shared out so that each queue has about as much to read and decide."""
    queues: list[list[dict[str, Any]]] = [[] for _ in range(count)]
    load = [0] * count

    def weight(record: dict[str, Any]) -> int:
        return len(record["sentences"]) + 3 * sum(map(_to_decide, record["events"]))

    for record in sorted(records, key=weight, reverse=True):
        k = load.index(min(load))
        queues[k].append(record)
        load[k] += weight(record)
    return [sorted(q, key=lambda r: r["id"]) for q in queues]


def tasks(args: argparse.Namespace) -> int:
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    records = [r for r in _corpus() if any(map(_to_decide, r["events"]))]
    for k, queue in enumerate(_queues(records, args.queues)):
        body = "\n".join(_article_task(r) for r in queue)
        (out / f"queue{k}.txt").write_text(body, encoding="utf-8")
        decide = sum(_to_decide(e) for r in queue for e in r["events"])
        print(f"queue{k}: {len(queue)} articles, {decide} events to decide", file=sys.stderr)
    return 0


def _decisions(files: list[str]) -> dict[tuple[str, str], dict[str, Any]]:
    found = {}
    for name in files:
        for line in Path(name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                found[(item["article"], item["event"])] = item
    return found


def _valid(value: Any) -> str | None:
    """A decision's date if it is one the gold takes (YYYY, YYYY-MM, YYYY-MM-DD), else null."""
    if isinstance(value, str) and _ISO.fullmatch(value):
        return value
    if value is not None:
        print(f"not a date, taken as null: {value!r}", file=sys.stderr)
    return None


def _annotation_events(annotation: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(compiled event id, the annotation's event) in the compiler's order."""
    n = 0
    for entry in annotation["sentences"]:
        for item in entry.get("events", []):
            n += 1
            yield f"e{n}", item


def adjudicate(args: argparse.Namespace) -> int:
    first, second = _decisions(args.first), _decisions(args.second)
    records = _corpus()
    wanted = [(r["id"], e["id"]) for r in records for e in r["events"] if _to_decide(e)]
    missing = [key for key in wanted if key not in first or key not in second]
    if missing:
        print(f"{len(missing)} events lack a decision, e.g. {missing[:5]}", file=sys.stderr)
        return 1
    third = _decisions(args.third or [])
    final: dict[tuple[str, str], str | None] = {}
    rows = []
    for key in wanted:
        a, b = _valid(first[key].get("date")), _valid(second[key].get("date"))
        row = {"article": key[0], "event": key[1], "first": a, "second": b,
               "reasons": [first[key].get("reason"), second[key].get("reason")]}  # fmt: skip
        if a != b and key in third:
            row["adjudicator"] = _valid(third[key].get("date"))
            row["reasons"].append(third[key].get("reason"))
        final[key] = a if a == b else row.get("adjudicator")
        rows.append({**row, "final": final[key]})
    agree = sum(r["first"] == r["second"] for r in rows)
    dated = sum(r["final"] is not None for r in rows)
    summary = {"events": len(rows), "agreement": round(agree / len(rows), 4),
               "kappa_dated_or_not": round(_kappa(rows), 3), "disputes": len(rows) - agree,
               "dated_first": sum(r["first"] is not None for r in rows),
               "dated_second": sum(r["second"] is not None for r in rows),
               "dated_final": dated}  # fmt: skip
    RECORD.write_text(json.dumps({"summary": summary, "decisions": rows}, indent=1) + "\n",
                      encoding="utf-8")  # fmt: skip
    changed = _write_annotations(final)
    print(json.dumps({**summary, "changed": changed}), file=sys.stderr)
    return 0


def _kappa(rows: list[dict[str, Any]]) -> float:
    """Cohen's kappa of the two passes on whether an event is dated at all."""
    n = len(rows)
    a = sum(r["first"] is not None for r in rows) / n
    b = sum(r["second"] is not None for r in rows) / n
    observed = sum((r["first"] is None) == (r["second"] is None) for r in rows) / n
    expected = a * b + (1 - a) * (1 - b)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def _write_annotations(final: dict[tuple[str, str], str | None]) -> int:
    """Write the final dates into the annotation files, editing only each event's `date`
    value in place (the files are hand-formatted: re-dumping them would rewrite every line)."""
    changed = 0
    for file in sorted((GOLD / "annotations").glob("*.json")):
        text = file.read_text(encoding="utf-8")
        annotation = json.loads(text)
        edits = []
        slots = list(_DATE_SLOT.finditer(text))  # one per event, in the compiler's order
        events = list(_annotation_events(annotation))
        if len(slots) != len(events):
            raise SystemExit(f"{file.name}: {len(events)} events but {len(slots)} date keys")
        for slot, (event_id, item) in zip(slots, events, strict=True):
            key = (annotation["id"], event_id)
            if key in final and item.get("date") != final[key]:
                edits.append((slot.start(1), slot.end(1), json.dumps(final[key])))
        for start, end, value in reversed(edits):
            text = text[:start] + value + text[end:]
        if edits:
            file.write_text(text, encoding="utf-8")
            changed += len(edits)
    return changed


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    t = sub.add_parser("tasks")
    t.add_argument("--out", required=True)
    t.add_argument("--queues", type=int, default=4)
    t.set_defaults(run=tasks)
    d = sub.add_parser("disputes")
    d.add_argument("first", nargs="+")
    d.add_argument("--second", nargs="+", required=True)
    d.add_argument("--out", required=True)
    d.set_defaults(run=disputes)
    a = sub.add_parser("adjudicate")
    a.add_argument("first", nargs="+")
    a.add_argument("--second", nargs="+", required=True)
    a.add_argument("--third", nargs="*", help="an adjudicator's decisions on the disputes")
    a.set_defaults(run=adjudicate)
    args = parser.parse_args()
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
