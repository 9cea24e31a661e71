"""Guidelines v10 and v11 (§4.1): decide again the agent code of unnamed sides, one round per
question the corpus had been split on.

Rounds:
    suspects    (v10) every unnamed target of a legal act: an arrest, detention, charge,
                prosecution, trial, conviction or sentence
    protesters  (v11) every unnamed side named as protesters, demonstrators, rioters, marchers
                or critics, and every unnamed source of a PROTEST event

    python scripts/gold_agents.py tasks ROUND --out DIR
        one task file: each article that has such a side, its lede and the numbered sentences
        around each side (up to eight before, two after), and the sides to decide (the
        event's trigger, type and mode, the side's role and words). Found from the gold's own
        types, modes, trigger and side words in every split, never from newsgraph's output;
        the old agent codes are not shown.
    python scripts/gold_agents.py record ROUND --first A.jsonl --second B.jsonl
            [--adjudicated C.jsonl]
        compare two independent passes (agreement, Cohen's kappa over the codes), take the
        adjudicator's decision on the disputes, and write every decision to
        data/gold/adjudication/<version>_<ROUND>.json
    python scripts/gold_agents.py apply ROUND
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
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "data" / "gold"
LEGAL_MODES = {("COERCE", "arrest"), ("ACCUSE", "investigate"), ("SANCTION", "convict"),
               ("THREATEN", "arrest")}  # fmt: skip
LEGAL_TYPES = {"COERCE", "ACCUSE", "SANCTION", "THREATEN"}
PROTESTERS = re.compile(
    r"\b(protest\w*|demonstrat\w*|riot\w*|critic\w*|marchers?|counter-protest\w*)\b",
    re.IGNORECASE,
)
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


def _suspect(event: dict[str, Any], role: str, side: dict[str, Any]) -> bool:
    return role == "target" and _legal(event)


def _protester(event: dict[str, Any], role: str, side: dict[str, Any]) -> bool:
    return bool(PROTESTERS.search(side["text"])) or (
        event["type"] == "PROTEST" and role == "source"
    )


Select = Callable[[dict[str, Any], str, dict[str, Any]], bool]
# round -> (guideline version, which unnamed sides it decides)
ROUNDS: dict[str, tuple[str, Select]] = {
    "suspects": ("v10", _suspect),
    "protesters": ("v11", _protester),
}


def _record_file(round_name: str) -> Path:
    return GOLD / "adjudication" / f"{ROUNDS[round_name][0]}_{round_name}.json"


def _items(
    record: dict[str, Any], round_name: str
) -> Iterator[tuple[str, dict[str, Any], str, int]]:
    """(item id, event, role, index in that role's list) of each unnamed side to decide."""
    select = ROUNDS[round_name][1]
    for event in record["events"]:
        for role in ("source", "target"):
            for k, side in enumerate(event[role]):
                if side.get("entity") is None and side.get("text") and select(event, role, side):
                    yield f"{record['id']}#{event['id']}#{role[0]}{k}", event, role, k


def _article_task(record: dict[str, Any], round_name: str) -> str:
    items = list(_items(record, round_name))
    text = record["text"]
    lines = [f"=== {record['id']} | published {record['published']} | {record['title']}"]
    near = {i for _, e, _, _ in items for i in range(e["sentence"] - WINDOW, e["sentence"] + 3)}
    shown = [i for i in range(len(record["sentences"])) if i < LEDE or i in near]
    for i in shown:
        if i > 0 and i - 1 not in shown:
            lines.append("[...]")
        a, b = record["sentences"][i]
        lines.append(f"[{i}] {text[a:b]}")
    lines.append("SIDES TO DECIDE")
    for item, event, role, k in items:
        trigger = event["trigger"]["text"]
        lines.append(f'{item} [s{event["sentence"]}] act "{trigger}" {event["type"]}'
                     f'/{event["mode"]} -> {role} "{event[role][k]["text"]}"')  # fmt: skip
    return "\n".join(lines) + "\n"


def tasks(args: argparse.Namespace) -> int:
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    records = [r for r in _corpus() if any(True for _ in _items(r, args.round))]
    body = "\n".join(_article_task(r, args.round) for r in records)
    (out / f"{args.round}.txt").write_text(body, encoding="utf-8")
    count = Counter(r["split"] for r in records for _ in _items(r, args.round))
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
    if _record_file(args.round).exists():  # its "before" codes would be read from the new gold
        raise SystemExit(f"{_record_file(args.round).name} exists: this round was recorded")
    first, second = _decisions(args.first), _decisions(args.second)
    third = _decisions(args.adjudicated)
    old = {item: event[role][k].get("agent") for r in _corpus()
           for item, event, role, k in _items(r, args.round)}  # fmt: skip
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
    body = json.dumps({"summary": summary, "decisions": rows}, indent=1) + "\n"
    _record_file(args.round).write_text(body, encoding="utf-8")
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
    recorded = json.loads(_record_file(args.round).read_text("utf-8"))
    final = {r["item"]: r["final"] for r in recorded["decisions"]}
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
            role = {"s": "source", "t": "target"}[side[0]]
            slot = where[(*events[event_id], role, int(side[1:]), "agent")]
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
    for command in (t, r, a):
        command.add_argument("round", choices=sorted(ROUNDS))
    args = parser.parse_args()
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
