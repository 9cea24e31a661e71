"""Guidelines v10-v16: decide again a CAMEO code the corpus had been split on, one round per
question: the agent code of unnamed sides (§4.1) or the sector of entities (§1).

Rounds:
    suspects    (v10) every unnamed target of a legal act: an arrest, detention, charge,
                prosecution, trial, conviction or sentence
    protesters  (v11) every unnamed side named as protesters, demonstrators, rioters, marchers
                or critics, and every unnamed source of a PROTEST event
    platforms   (v12) the sector of every entity named as one of a fixed list of online
                platforms and services (Twitter, YouTube, Telegram, Zoom...)
    parties     (v13) the sector of every party, party branch and campaign organisation (an
                entity named "... Party" or "... campaign", or any organisation annotated PTY
                or OPP)
    politicians (v14) the sector of every person annotated PTY, OPP or ELI (candidates, party
                leaders and officials, former officials)
    platform-types (v15) the entity type of the platforms of v12 (organization or media...)
    perpetrators (v16) the agent of every unnamed side named as the doer of violence or a
                crime (attackers, gunmen, shooters, bombers, kidnappers, suspects...)

    python scripts/gold_agents.py tasks ROUND --out DIR
        one task file: each article that has such a side, its lede and the numbered sentences
        around each item (up to eight before, two after), and the items to decide (the
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

A decision is one JSON line: {"item": ID, "agent": CODE, "reason": short text} ("agent" holds
the sector, or the type, in an entity round). A dispute
without an adjudicator's decision keeps the first annotation's code.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsgraph.gold.agreement import cohen_kappa  # noqa: E402
from newsgraph.gold.compile import ontology  # noqa: E402
from newsgraph.gold.corpus import load_gold  # noqa: E402

GOLD = ROOT / "data" / "gold"
LEGAL_MODES = {("COERCE", "arrest"), ("ACCUSE", "investigate"), ("SANCTION", "convict"),
               ("THREATEN", "arrest")}  # fmt: skip
LEGAL_TYPES = {"COERCE", "ACCUSE", "SANCTION", "THREATEN"}
PROTESTERS = re.compile(
    r"\b(protest\w*|demonstrat\w*|riot\w*|critic\w*|marchers?|counter-protest\w*)\b",
    re.IGNORECASE,
)
# the doers of violence named only as such
PERPETRATORS = re.compile(
    r"\b(attackers?|gunm[ae]n|shooters?|assailants?|perpetrators?|killers?|bombers?|hijackers?|"
    r"kidnappers?|abductors?|murderers?|terrorists?|suspects?|offenders?|culprits?)\b",
    re.IGNORECASE,
)
# online platforms and services (the companies that run them), by name
PLATFORMS = re.compile(
    r"Twitter|Facebook|YouTube|Instagram|TikTok|WhatsApp|Reddit|Telegram|Snapchat|LinkedIn|"
    r"Weibo|Sina Weibo|WeChat|Zoom|Google|Wikipedia|Wikimedia( Foundation)?|GitHub|Twitch|"
    r"Discord|Parler|Gab|Spotify|Netflix|Skype|VKontakte|VK|Tumblr|Pinterest|Periscope|"
    r"Facebook Live|Instagram Live|YouTube Live|Google Meet|Microsoft Teams|Signal"
)
NOTHING = re.compile(r"(?!)")  # a round that selects by annotated sector alone
# parties, party branches and campaign organisations, by name
PARTIES = re.compile(r".*\b([Pp]art(y|ies)|[Cc]ampaign)\b.*")
LEGAL_WORDS = re.compile(
    r"arrest|detain|detention|charg|convict|sentenc|jail|prison|prosecut|indict|custody|"
    r"trial|tried|guilty|extradit|fine[ds]?\b|apprehend|caught|booked|held",
    re.IGNORECASE,
)
# the labels a decision may take: the gold's own (src/newsgraph/gold/ontology.json)
ENTITY_TYPES = frozenset(ontology()["entity_types"])
CODES = frozenset(ontology()["agents"])
# the sentences shown: the lede, and a window before (and just after) each side's sentence
LEDE, WINDOW = 4, 8


def _corpus() -> list[dict[str, Any]]:
    return load_gold(GOLD)


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


def _perpetrator(event: dict[str, Any], role: str, side: dict[str, Any]) -> bool:
    """(Sides the suspects and protesters rounds decided are left to them.)"""
    earlier = _suspect(event, role, side) or _protester(event, role, side)
    return bool(PERPETRATORS.search(side["text"])) and not earlier


Select = Callable[[dict[str, Any], str, dict[str, Any]], bool]


@dataclass(frozen=True)
class Item:
    """One code to decide: where the annotator reads about it, how the task names it, and the
    value it replaces."""

    id: str
    sentences: tuple[int, ...]
    line: str
    before: str | None


@dataclass(frozen=True)
class Round:
    """A guideline version's question: the unnamed sides whose `agent` it decides, or the
    entities whose `sector` it decides."""

    version: str
    sides: Select | None = None
    entities: re.Pattern[str] | None = None
    # entities annotated with one of these sectors are decided too: people only when `people`,
    # else all but people
    sectors: frozenset[str] = frozenset()
    people: bool = False
    # an entity round that decides another field than the sector, and its labels
    field: str = "sector"
    labels: frozenset[str] = CODES

    @property
    def key(self) -> str:
        return "agent" if self.sides is not None else self.field


ROUNDS: dict[str, Round] = {
    "suspects": Round("v10", sides=_suspect),
    "protesters": Round("v11", sides=_protester),
    "platforms": Round("v12", entities=PLATFORMS),
    "parties": Round("v13", entities=PARTIES, sectors=frozenset({"PTY", "OPP"})),
    "politicians": Round(
        "v14", entities=NOTHING, sectors=frozenset({"PTY", "OPP", "ELI"}), people=True
    ),
    "platform-types": Round("v15", entities=PLATFORMS, field="type", labels=ENTITY_TYPES),
    "perpetrators": Round("v16", sides=_perpetrator),
}


def _record_file(round_name: str) -> Path:
    return GOLD / "adjudication" / f"{ROUNDS[round_name].version}_{round_name}.json"


def _items(record: dict[str, Any], round_name: str) -> Iterator[Item]:
    """The codes a round decides in one article, in the compiled gold's order."""
    rule = ROUNDS[round_name]
    if rule.sides is not None:
        yield from _side_items(record, rule.sides)
    if rule.entities is not None:
        yield from _entity_items(record, rule)


def _side_items(record: dict[str, Any], select: Select) -> Iterator[Item]:
    for event in record["events"]:
        for role in ("source", "target"):
            for k, side in enumerate(event[role]):
                if side.get("entity") is not None or not side.get("text"):
                    continue
                if select(event, role, side):
                    act = f'act "{event["trigger"]["text"]}" {event["type"]}/{event["mode"]}'
                    line = f'[s{event["sentence"]}] {act} -> {role} "{side["text"]}"'
                    item = f"{record['id']}#{event['id']}#{role[0]}{k}"
                    yield Item(item, (event["sentence"],), line, side.get("agent"))


def _entity_items(record: dict[str, Any], rule: Round) -> Iterator[Item]:
    assert rule.entities is not None
    for entity in record["entities"]:
        kind = (entity["type"] == "person") == rule.people
        annotated = kind and entity.get("sector") in rule.sectors
        if rule.entities.fullmatch(entity["name"]) or annotated:
            spans = [m[0] for m in entity["mentions"]]
            sentences = tuple(sorted({_sentence_at(record, at) for at in spans}))
            words = sorted({record["text"][a:b] for a, b in entity["mentions"]})
            shown = "" if rule.field == "type" else f" ({entity['type']})"  # not what is decided
            line = f'entity "{entity["name"]}"{shown}, named as {words}'
            line += f" in sentences {list(sentences)}"
            yield Item(f"{record['id']}#{entity['id']}", sentences, line, entity.get(rule.key))


def _sentence_at(record: dict[str, Any], at: int) -> int:
    return next(i for i, (a, b) in enumerate(record["sentences"]) if a <= at < b)


def _article_task(record: dict[str, Any], round_name: str) -> str:
    items = list(_items(record, round_name))
    text = record["text"]
    lines = [f"=== {record['id']} | published {record['published']} | {record['title']}"]
    near = {i for item in items for s in item.sentences for i in range(s - WINDOW, s + 3)}
    shown = [i for i in range(len(record["sentences"])) if i < LEDE or i in near]
    for i in shown:
        if i > 0 and i - 1 not in shown:
            lines.append("[...]")
        a, b = record["sentences"][i]
        lines.append(f"[{i}] {text[a:b]}")
    lines.append("TO DECIDE")
    lines += [f"{item.id} {item.line}" for item in items]
    return "\n".join(lines) + "\n"


def tasks(args: argparse.Namespace) -> int:
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    records = [r for r in _corpus() if any(True for _ in _items(r, args.round))]
    body = "\n".join(_article_task(r, args.round) for r in records)
    (out / f"{args.round}.txt").write_text(body, encoding="utf-8")
    count = Counter(r["split"] for r in records for _ in _items(r, args.round))
    print(f"{len(records)} articles, items by split: {dict(count)}", file=sys.stderr)
    return 0


def _decisions(name: str | None, labels: frozenset[str]) -> dict[str, dict[str, Any]]:
    if not name:
        return {}
    found = {}
    for line in Path(name).read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            if item["agent"] not in labels:
                raise SystemExit(f"{item['item']}: not a label of this round: {item['agent']!r}")
            found[item["item"]] = item
    return found


def record(args: argparse.Namespace) -> int:
    if _record_file(args.round).exists():  # its "before" codes would be read from the new gold
        raise SystemExit(f"{_record_file(args.round).name} exists: this round was recorded")
    labels = ROUNDS[args.round].labels
    first, second = _decisions(args.first, labels), _decisions(args.second, labels)
    third = _decisions(args.adjudicated, labels)
    old = {item.id: item.before for r in _corpus() for item in _items(r, args.round)}
    missing = [i for i in old if i not in first or i not in second]
    if missing:
        print(f"{len(missing)} items lack a decision, e.g. {missing[:5]}", file=sys.stderr)
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
    agreement = round(sum(a == b for a, b in pairs) / len(rows), 4)
    summary = {"field": ROUNDS[args.round].key, "items": len(rows), "agreement": agreement,
               "kappa": round(cohen_kappa(pairs), 3), "disputes": sum(a != b for a, b in pairs),
               "changed": sum(r["final"] != r["before"] for r in rows)}  # fmt: skip
    body = json.dumps({"summary": summary, "decisions": rows}, indent=1) + "\n"
    _record_file(args.round).write_text(body, encoding="utf-8")
    print(json.dumps(summary), file=sys.stderr)
    return 0


def _key_paths(node: Any, key: str, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """The path of every `key` in the file, in the order the keys stand in it."""
    if isinstance(node, dict):
        for name, value in node.items():
            if name == key:
                yield (*path, name)
            yield from _key_paths(value, key, (*path, name))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _key_paths(value, key, (*path, i))


def _object_path(annotation: dict[str, Any], item: str) -> tuple[Any, ...]:
    """Where an item's object stands in the annotation file: an entity ("...#E4"), or a side
    of the compiled event id ("...#e7#t0": the compiler numbers events in file order)."""
    parts = item.split("#")
    if len(parts) == 2:
        return ("entities", parts[1])
    events = [("sentences", i, "events", j) for i, entry in enumerate(annotation["sentences"])
              for j, _ in enumerate(entry.get("events", []))]  # fmt: skip
    event = events[int(parts[1][1:]) - 1]
    return (*event, {"s": "source", "t": "target"}[parts[2][0]], int(parts[2][1:]))


def apply(args: argparse.Namespace) -> int:
    key = ROUNDS[args.round].key
    recorded = json.loads(_record_file(args.round).read_text("utf-8"))
    by_article: dict[str, dict[str, str]] = {}
    for row in recorded["decisions"]:
        by_article.setdefault(row["item"].split("#")[0], {})[row["item"]] = row["final"]
    slot_pattern = re.compile(rf'"{key}"\s*:\s*(null|"[^"]*")')
    changed = 0
    for article, decided in by_article.items():
        file = GOLD / "annotations" / f"{article.replace(':', '_')}.json"
        text = file.read_text(encoding="utf-8")
        annotation = json.loads(text)
        slots = list(slot_pattern.finditer(text))
        paths = list(_key_paths(annotation, key))
        if len(slots) != len(paths):
            raise SystemExit(f"{file.name}: {len(paths)} {key} keys parsed, {len(slots)} found")
        where = dict(zip(paths, slots, strict=True))
        edits = []
        for item, code in decided.items():
            slot = where[(*_object_path(annotation, item), key)]
            if json.loads(slot.group(1)) != code:
                edits.append((slot.start(1), slot.end(1), json.dumps(code)))
        for start, end, value in sorted(edits, reverse=True):
            text = text[:start] + value + text[end:]
        if edits:
            file.write_text(text, encoding="utf-8")
            changed += len(edits)
    print(f"{changed} codes changed", file=sys.stderr)
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
