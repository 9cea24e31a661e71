"""Guideline v8 (§7.3): decide again the date of every gold event told without a time.

    python scripts/gold_dates.py tasks --out DIR [--queues 4]
        one task file per queue: each article's numbered sentences and its events, those with
        a time of their own (`date_text`) shown with their date, the others to decide
    python scripts/gold_dates.py adjudicate FIRST.jsonl... --second SECOND.jsonl...
        compare two independent passes of decisions, write both and the final decision per
        event to data/gold/adjudication/v8_episode_dates.json (a disagreement is adjudicated
        to null, as §7.3 says for doubt) and the final dates into data/gold/annotations/

A decision is one JSON line: {"article": ID, "event": "e7", "date": "2019-01-02" | null,
"from": sentence number of the date's words | null, "reason": short code}. Neither pass sees
the dates the first annotation gave these events, nor newsgraph's output.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "data" / "gold"
RECORD = GOLD / "adjudication" / "v8_episode_dates.json"


def _corpus() -> list[dict[str, Any]]:
    with (GOLD / "newsgraph-gold.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def _to_decide(event: dict[str, Any]) -> bool:
    return not event.get("date_text")


def _article_task(record: dict[str, Any]) -> str:
    text = record["text"]
    lines = [f"=== {record['id']} | published {record['published']} | {record['title']}"]
    lines += [f"[{i}] {text[a:b]}" for i, (a, b) in enumerate(record["sentences"])]
    lines.append("EVENTS")
    for event in record["events"]:
        head = (f"{event['id']} [s{event['sentence']}] \"{event['trigger']['text']}\" "
                f"{event['type']} {event['modality']}")  # fmt: skip
        if _to_decide(event):
            lines.append(f"{head} -> DECIDE")
        else:
            lines.append(f'{head} : own time "{event["date_text"]["text"]}" = {event["date"]}')
    return "\n".join(lines) + "\n"


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
    final: dict[tuple[str, str], str | None] = {}
    rows = []
    for key in wanted:
        a, b = first[key].get("date"), second[key].get("date")
        final[key] = a if a == b else None
        rows.append({"article": key[0], "event": key[1], "first": a, "second": b,
                     "final": final[key]})  # fmt: skip
    agree = sum(r["first"] == r["second"] for r in rows)
    dated = sum(r["final"] is not None for r in rows)
    summary = {"events": len(rows), "agreement": round(agree / len(rows), 4),
               "dated_final": dated}  # fmt: skip
    RECORD.write_text(json.dumps({"summary": summary, "decisions": rows}, indent=1) + "\n",
                      encoding="utf-8")  # fmt: skip
    changed = _write_annotations(final)
    print(json.dumps({**summary, "changed": changed}), file=sys.stderr)
    return 0


def _write_annotations(final: dict[tuple[str, str], str | None]) -> int:
    changed = 0
    for file in sorted((GOLD / "annotations").glob("*.json")):
        annotation = json.loads(file.read_text(encoding="utf-8"))
        touched = False
        for event_id, item in _annotation_events(annotation):
            key = (annotation["id"], event_id)
            if key in final and item.get("date") != final[key]:
                item["date"] = final[key]
                touched = True
                changed += 1
        if touched:
            file.write_text(json.dumps(annotation, ensure_ascii=False, indent=1) + "\n",
                            encoding="utf-8")  # fmt: skip
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
    a = sub.add_parser("adjudicate")
    a.add_argument("first", nargs="+")
    a.add_argument("--second", nargs="+", required=True)
    a.set_defaults(run=adjudicate)
    args = parser.parse_args()
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
