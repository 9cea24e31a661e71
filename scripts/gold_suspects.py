"""Guideline v10 (§4.1): decide again the agent of every unnamed side a legal act is done to.

    python scripts/gold_suspects.py tasks --out DIR
        one task file: each article that has such a side, its lede and the numbered sentences
        around each side (up to eight before, two after), and the
        sides to decide (the event's trigger, type and mode, the side's words). Found from the
        gold's own types, modes and trigger words in every split, never from newsgraph's
        output; the old agent codes are not shown.
    python scripts/gold_suspects.py record --first A.jsonl --second B.jsonl
            [--adjudicated C.jsonl]
        compare two independent passes (agreement, Cohen's kappa over the codes), take the
        adjudicator's decision on the disputes, and write every decision to
        data/gold/adjudication/v10_suspects.json
    python scripts/gold_suspects.py apply
        write the recorded codes into data/gold/annotations/ (then `gold.py compile`), editing
        only each side's `agent` value in place

A decision is one JSON line: {"item": ID, "agent": CODE, "reason": short text}. A dispute
without an adjudicator's decision keeps the first annotation's code.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "data" / "gold"
RECORD = GOLD / "adjudication" / "v10_suspects.json"
# the legal acts of §2.1 by PLOVER type and mode, and, where the mode was left out, by the
# trigger's words (arrests, detentions, charges, prosecutions, trials, convictions, sentences)
LEGAL_MODES = {("COERCE", "arrest"), ("ACCUSE", "investigate"), ("SANCTION", "convict"),
               ("THREATEN", "arrest")}  # fmt: skip
LEGAL_TYPES = {"COERCE", "ACCUSE", "SANCTION", "THREATEN"}
LEGAL_WORDS = re.compile(
    r"arrest|detain|detention|charg|convict|sentenc|jail|prison|prosecut|indict|custody|"
    r"trial|tried|guilty|extradit|fine[ds]?\b|apprehend|caught|booked|held",
    re.IGNORECASE,
)
CODES = frozenset(
    """GOV MIL COP LEG JUD SPY OPP PTY REB SEP CRM CVL BUS MED EDU NGO IGO LAB REL HLH REF
    ELI""".split()  # noqa: SIM905
)
# the sentences shown: the lede, and a window before (and just after) each side's sentence
LEDE, WINDOW = 4, 8
_AGENT_KEY = re.compile(r'"agent"\s*:\s*(null|"[^"]*")')


def _corpus() -> list[dict[str, Any]]:
    with (GOLD / "newsgraph-gold.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def _legal(event: dict[str, Any]) -> bool:
    if (event["type"], event["mode"]) in LEGAL_MODES:
        return True
    return event["type"] in LEGAL_TYPES and bool(LEGAL_WORDS.search(event["trigger"]["text"]))


def _items(record: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any], int]]:
    """(item id, event, index in its target list) of each unnamed target of a legal act."""
    for event in record["events"]:
        if not _legal(event):
            continue
        for k, side in enumerate(event["target"]):
            if side.get("entity") is None and side.get("text"):
                yield f"{record['id']}#{event['id']}#t{k}", event, k


def _article_task(record: dict[str, Any]) -> str:
    text = record["text"]
    lines = [f"=== {record['id']} | published {record['published']} | {record['title']}"]
    near = {
        i for _, e, _ in _items(record) for i in range(e["sentence"] - WINDOW, e["sentence"] + 3)
    }
    shown = [i for i in range(len(record["sentences"])) if i < LEDE or i in near]
    for i in shown:
        if i > 0 and i - 1 not in shown:
            lines.append("[...]")
        a, b = record["sentences"][i]
        lines.append(f"[{i}] {text[a:b]}")
    lines.append("SIDES TO DECIDE")
    for item, event, k in _items(record):
        trigger = event["trigger"]["text"]
        lines.append(f'{item} [s{event["sentence"]}] act "{trigger}" {event["type"]}'
                     f'/{event["mode"]} -> target "{event["target"][k]["text"]}"')  # fmt: skip
    return "\n".join(lines) + "\n"


def tasks(args: argparse.Namespace) -> int:
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    records = [r for r in _corpus() if any(True for _ in _items(r))]
    (out / "suspects.txt").write_text("\n".join(map(_article_task, records)), encoding="utf-8")
    count = Counter(r["split"] for r in records for _ in _items(r))
    print(f"{len(records)} articles, sides by split: {dict(count)}", file=sys.stderr)
    return 0


def _decisions(name: str | None) -> dict[str, dict[str, Any]]:
    if not name:
        return {}
    found = {}
    for line in Path(name).read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            if item["agent"] not in CODES:
                raise SystemExit(f"{item['item']}: not a CAMEO agent code: {item['agent']!r}")
            found[item["item"]] = item
    return found


def _kappa(pairs: list[tuple[str, str]]) -> float:
    """Cohen's kappa of two passes over the codes."""
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(first[c] * second[c] for c in first) / (n * n)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def record(args: argparse.Namespace) -> int:
    first, second = _decisions(args.first), _decisions(args.second)
    third = _decisions(args.adjudicated)
    old = {item: event["target"][k].get("agent") for r in _corpus()
           for item, event, k in _items(r)}  # fmt: skip
    missing = [i for i in old if i not in first or i not in second]
    if missing:
        print(f"{len(missing)} sides lack a decision, e.g. {missing[:5]}", file=sys.stderr)
        return 1
    rows = []
    for item, before in old.items():
        a, b = first[item]["agent"], second[item]["agent"]
        row = {"item": item, "before": before, "first": a, "second": b,
               "reasons": [first[item].get("reason"), second[item].get("reason")]}  # fmt: skip
        if a != b and item in third:
            row["adjudicator"] = third[item]["agent"]
            row["reasons"].append(third[item].get("reason"))
        row["final"] = a if a == b else row.get("adjudicator", before)
        rows.append(row)
    pairs = [(r["first"], r["second"]) for r in rows]
    summary = {"sides": len(rows), "agreement": round(sum(a == b for a, b in pairs) / len(rows), 4),
               "kappa": round(_kappa(pairs), 3), "disputes": sum(a != b for a, b in pairs),
               "changed": sum(r["final"] != r["before"] for r in rows)}  # fmt: skip
    RECORD.write_text(json.dumps({"summary": summary, "decisions": rows}, indent=1) + "\n",
                      encoding="utf-8")  # fmt: skip
    print(json.dumps(summary), file=sys.stderr)
    return 0


def _agent_paths(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """The path of every "agent" key, in the order the keys stand in the file."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "agent":
                yield (*path, key)
            yield from _agent_paths(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _agent_paths(value, (*path, i))


def _event_paths(annotation: dict[str, Any]) -> dict[str, tuple[Any, ...]]:
    """Compiled event id (e1, e2, ... in the compiler's order) -> the event's path."""
    found, n = {}, 0
    for i, entry in enumerate(annotation["sentences"]):
        for j, _ in enumerate(entry.get("events", [])):
            n += 1
            found[f"e{n}"] = ("sentences", i, "events", j)
    return found


def apply(args: argparse.Namespace) -> int:
    final = {r["item"]: r["final"] for r in json.loads(RECORD.read_text("utf-8"))["decisions"]}
    by_article: dict[str, dict[str, str]] = {}
    for item, code in final.items():
        by_article.setdefault(item.split("#")[0], {})[item] = code
    changed = 0
    for article, decided in by_article.items():
        file = GOLD / "annotations" / f"{article.replace(':', '_')}.json"
        text = file.read_text(encoding="utf-8")
        annotation = json.loads(text)
        slots = list(_AGENT_KEY.finditer(text))
        paths = list(_agent_paths(annotation))
        if len(slots) != len(paths):
            raise SystemExit(f"{file.name}: {len(paths)} agent keys parsed, {len(slots)} found")
        where = dict(zip(paths, slots, strict=True))
        events = _event_paths(annotation)
        edits = []
        for item, code in decided.items():
            _, event_id, side = item.split("#")
            slot = where[(*events[event_id], "target", int(side[1:]), "agent")]
            if json.loads(slot.group(1)) != code:
                edits.append((slot.start(1), slot.end(1), json.dumps(code)))
        for start, end, value in sorted(edits, reverse=True):
            text = text[:start] + value + text[end:]
        if edits:
            file.write_text(text, encoding="utf-8")
            changed += len(edits)
    print(f"{changed} agent codes changed", file=sys.stderr)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    t = sub.add_parser("tasks")
    t.add_argument("--out", required=True)
    t.set_defaults(run=tasks)
    r = sub.add_parser("record")
    r.add_argument("--first", required=True)
    r.add_argument("--second", required=True)
    r.add_argument("--adjudicated")
    r.set_defaults(run=record)
    a = sub.add_parser("apply")
    a.set_defaults(run=apply)
    args = parser.parse_args()
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
