"""Guideline v9 (§6.1): decide again the posts v6 left undecided, and write the decisions in.

    python scripts/gold_posts.py tasks --out DIR
        the phrases to decide, in three batch files: a title before a person's name whose
        body or state is named by a word that is no gold entity mention (a demonym, a place),
        a post in an apposition ("X, the mayor of London", "Daily Xtra's editorial director,
        X"), and "X of/from/at/with Y" with no title between (batch C). Found in the text of
        every split, never in newsgraph's output.
    python scripts/gold_posts.py record --first A_1.json... --second A_2.json...
            --adjudicated ADJ.json --unnamed UNNAMED.json
        compare two independent passes (agreement, kappa), take the adjudicator's decision on
        the disputes, and write every final decision to data/gold/adjudication/v9_posts.json
    python scripts/gold_posts.py apply
        write the recorded decisions into data/gold/annotations/ (then `gold.py compile`):
        a `leads` or `member_of` the phrase states is added (or relabelled), one it does not is
        removed; a phrase v6 decided keeps v6's decision

A pass is a JSON list of {"item", "decision": leads | member_of | none, "body_text",
"body_entity", "title_text", "note"}; ADJ.json maps a disputed item to {"decision",
"body_entity", "body_text", "reason"}; UNNAMED.json maps a body's words (no entity in the
article) to [agent, country].
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
sys.path.insert(0, str(ROOT / "src"))

from newsgraph.gold.compile import _substring_spans, _whole_word_spans  # noqa: E402

GOLD = ROOT / "data" / "gold"
RECORD = GOLD / "adjudication" / "v9_posts.json"
V6 = GOLD / "adjudication" / "v6_titles.json"
POSTS = ("leads", "member_of")
# the words of a title (a title of several words is matched word by word)
TITLES = frozenset(
    """president prime minister king queen sultan emir supreme leader chancellor premier
    governor mayor chairman chair chairperson chairwoman head chief executive ceo director
    director-general administrator secretary-general secretary general commander commandant
    speaker editor captain coach spokesperson spokesman spokeswoman deputy vice mp senator
    representative rep member correspondent reporter anchor producer professor researcher
    scientist agent officer soldier player ambassador judge attorney justice envoy official
    founder co-founder manager nominee candidate lawmaker congressman congresswoman
    legislator councillor councilor chairs heads presidents ministers""".split()  # noqa: SIM905
)
_SMALL = frozenset({"of", "the", "for", "and", "at", "'s", "’s", "-", "&"})
_WORD = re.compile(r"[\w'’.\-&]+|[^\w\s]")
_NAME = r"[A-Z][\w\-’'.&]*"
_AFTER = re.compile(
    r",\s+((?:the|a|an)\s+)?((?:[\w\-’'.]+\s+){0,5}?)([\w\-]+)\s+(of|for|at|to)\s+"
    r"((?:the\s+)?[A-Z][\w\-’'.]*(?:\s+(?:of|for|and|the|[A-Z][\w\-’'.]*))*)"
)
_BEFORE = re.compile(
    r"((?:[Tt]he\s+)?(?:[\w\-]+\s+){0,3}?[\w\-]+\s+(?:of|for|at)\s+(?:the\s+)?"
    rf"{_NAME}(?:\s+{_NAME})*|{_NAME}(?:\s+{_NAME})*['’]s\s+(?:[\w\-]+\s+){{0,3}}?[\w\-]+),\s+$"
)
_OF = re.compile(
    rf",?\s+(of|from|at|with)\s+((?:the\s+)?{_NAME}(?:\s+(?:of|for|and|the|de|on|{_NAME}))*)"
)


def _corpus() -> list[dict[str, Any]]:
    with (GOLD / "newsgraph-gold.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def _sentence_of(record: dict[str, Any], at: int) -> int | None:
    return next((i for i, (a, b) in enumerate(record["sentences"]) if a <= at < b), None)


def _title_before(record: dict[str, Any], start: int, at: int, mentions: list[list[int]]) -> int:
    """Where a title phrase before a name starts (or -1): title words and names right before
    it, at least one title word and one name that is no gold mention."""
    text = record["text"]
    words = [(m.group(), start + m.start()) for m in _WORD.finditer(text[start:at])]
    phrase: list[tuple[str, int]] = []
    while words and len(phrase) < 9:
        word, offset = words.pop()
        if not (word[0].isupper() or word.lower() in TITLES or word.lower() in _SMALL):
            break
        phrase.insert(0, (word, offset))
    while phrase and phrase[0][0].lower() in _SMALL:
        phrase.pop(0)
    titled = any(w.lower().strip(".") in TITLES for w, _ in phrase)
    loose = [
        (w, o)
        for w, o in phrase
        if w[0].isupper()
        and w.lower() not in TITLES
        and not any(a < o + len(w) and o < b for a, b in mentions)
    ]
    return phrase[0][1] if titled and loose else -1


def _phrases(record: dict[str, Any]) -> Iterator[tuple[str, int, int, str]]:
    """(batch, start, end, person) of each phrase of the article to decide."""
    text = record["text"]
    mentions = [m for e in record["entities"] for m in e["mentions"]]
    for entity in record["entities"]:
        if entity["type"] != "person":
            continue
        for a, b in entity["mentions"]:
            i = _sentence_of(record, a)
            if i is None:
                continue
            start, end = record["sentences"][i]
            if (at := _title_before(record, start, a, mentions)) >= 0:
                yield "title", at, b, entity["id"]
            after = _AFTER.match(text[b:end])
            if after and any(
                w.lower() in TITLES for w in [after.group(3), *after.group(2).split()]
            ):
                yield "title", a, b + after.end(), entity["id"]
            before = _BEFORE.search(text[start:a])
            if before and any(w.lower() in TITLES for w in re.findall(r"[\w\-]+", before.group(1))):
                yield "title", start + before.start(1), b, entity["id"]
            if of := _OF.match(text[b:end]):
                yield "of", a, b + of.end(), entity["id"]


def _item(record: dict[str, Any], start: int, end: int, person: str) -> dict[str, Any]:
    i = _sentence_of(record, start)
    assert i is not None
    a, b = record["sentences"][i]
    text = record["text"]
    entities = []
    for entity in record["entities"]:
        here = any(a <= x < b for x, _ in entity["mentions"])
        if here or entity["type"] in {"state", "organization", "armed_force", "media", "group"}:
            entities.append(
                f"{entity['id']} {entity['name']} ({entity['type']})"
                + (" [named in this sentence]" if here else "")
            )
    name = next(e["name"] for e in record["entities"] if e["id"] == person)
    return {
        "article": record["id"], "published": record["published"], "sentence_no": i,
        "sentence": text[a:b], "phrase": text[start:end], "person": f"{person} {name}",
        "entities": entities,
    }  # fmt: skip


def tasks(args: argparse.Namespace) -> int:
    titles: list[dict[str, Any]] = []
    ofs: dict[tuple[str, int, int], dict[str, Any]] = {}
    seen: set[tuple[str, int, str]] = set()
    for record in _corpus():
        for batch, start, end, person in _phrases(record):
            item = _item(record, start, end, person)
            if batch == "title":
                key = (record["id"], item["sentence_no"], item["phrase"])
                if key not in seen:
                    seen.add(key)
                    titles.append(item)
            else:  # the longest phrase of nested mentions ("Dr. X Smith", "Smith")
                key2 = (record["id"], item["sentence_no"], end)
                if key2 not in ofs or len(item["phrase"]) > len(ofs[key2]["phrase"]):
                    ofs[key2] = item
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for n, item in enumerate(titles):
        item["item"] = f"c{n + 1:03d}"
    for n, item in enumerate(ofs.values()):
        item["item"] = f"d{n + 1:03d}"
    half = (len(titles) + 1) // 2
    batches = {"A": titles[:half], "B": titles[half:], "C": list(ofs.values())}
    for name, items in batches.items():
        rows = [{"item": i["item"], **{k: v for k, v in i.items() if k != "item"}} for i in items]
        (out / f"batch_{name}.json").write_text(json.dumps(rows, indent=1, ensure_ascii=False))
    print({name: len(items) for name, items in batches.items()})
    return 0


def _kappa(pairs: list[tuple[str, str]]) -> tuple[float, float]:
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(first[k] * second[k] for k in ("leads", "member_of", "none")) / n / n
    return round(observed, 3), round((observed - expected) / (1 - expected), 3)


def _load(files: list[str]) -> dict[str, dict[str, Any]]:
    return {row["item"]: row for f in files for row in json.loads(Path(f).read_text())}


def record(args: argparse.Namespace) -> int:
    items = _load([str(p) for p in sorted(Path(args.batches).glob("batch_*.json"))])
    first, second = _load(args.first), _load(args.second)
    adjudicated = json.loads(Path(args.adjudicated).read_text())
    unnamed = json.loads(Path(args.unnamed).read_text())
    decisions = []
    for key in sorted(items):
        item, a, b = items[key], first[key], second[key]
        agreed = a["decision"] == b["decision"] and (
            a["decision"] == "none" or a["body_entity"] == b["body_entity"]
        )
        final = adjudicated.get(key) if not agreed else None
        decision = final["decision"] if final else a["decision"]
        body_entity = final["body_entity"] if final else a["body_entity"]
        body_text = (final or {}).get("body_text") or a["body_text"] or b["body_text"]
        if final and body_entity and not final.get("body_text"):
            body_text = next(x["body_text"] for x in (a, b) if x["body_entity"] == body_entity)
        row = {
            "item": key, "article": item["article"], "sentence": item["sentence_no"],
            "phrase": item["phrase"], "person": item["person"].split()[0],
            "annotator_1": a["decision"], "annotator_2": b["decision"], "final": decision,
            "body_entity": body_entity, "body_text": body_text,
            "title_text": a.get("title_text") or b.get("title_text"),
        }  # fmt: skip
        if decision != "none" and body_entity is None:
            row["body_agent"], row["body_country"] = unnamed[f"{item['article']}|{body_text}"]
        if final:
            row["adjudication"] = final["reason"]
        decisions.append(row)
    pairs = [(first[k]["decision"], second[k]["decision"]) for k in sorted(items)]
    observed, kappa = _kappa(pairs)
    data = json.loads(RECORD.read_text()) if RECORD.exists() else {}
    data.update(agreement={"items": len(pairs), "observed": observed, "kappa": kappa})
    data["decisions"] = decisions
    RECORD.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    print(data["agreement"], Counter(d["final"] for d in decisions))
    return 0


# --- writing the decisions into the annotation files, keeping each file's own layout -------

_DECODER = json.JSONDecoder()


def _skip_space(text: str, i: int) -> int:
    while text[i] in " \t\n\r":
        i += 1
    return i


def _alignment_list(text: str, sentence: int) -> tuple[int, int, list[tuple[int, int, Any]]]:
    """The sentence's alignment list in the file's text: where its items start and end."""
    at = re.compile(r'"sentences"\s*:\s*\[').search(text)
    assert at is not None
    found = re.compile(r'\{\s*"s"\s*:\s*' + str(sentence) + r"\s*,").search(text, at.end())
    assert found is not None
    opening = re.compile(r'"alignments"\s*:\s*\[').search(text, found.end())
    assert opening is not None
    i, items = opening.end(), []
    while True:
        i = _skip_space(text, i)
        if text[i] == "]":
            return opening.end(), i, items
        if text[i] == ",":
            i += 1
            continue
        value, end = _DECODER.raw_decode(text, i)
        items.append((i, end, value))
        i = end


def _edit(text: str, sentence: int, op: str, value: Any, relation: str = "") -> str:
    opening, closing, items = _alignment_list(text, sentence)
    if op == "add":
        new = json.dumps(value, ensure_ascii=False)
        if not items:
            return text[:opening] + new + text[closing:]
        start, end, _ = items[-1]
        indent = text[text.rfind("\n", 0, start) + 1 : start]
        return text[:end] + ",\n" + (indent if not indent.strip() else " ") + new + text[end:]
    k = next(k for k, (_, _, v) in enumerate(items) if v == value)
    start, end, old = items[k]
    if op == "relabel":
        slot = f'"relation": "{old["relation"]}"'
        return (
            text[:start]
            + text[start:end].replace(slot, f'"relation": "{relation}"', 1)
            + text[end:]
        )
    if len(items) == 1:
        return text[:opening] + text[closing:]
    if k < len(items) - 1:
        return text[:start] + text[items[k + 1][0] :]
    return text[: items[k - 1][1]] + text[end:]


def _occurrence(sentence: str, offset: int, form: str, at: int) -> int:
    spans = _whole_word_spans(sentence, form) or _substring_spans(sentence, form)
    return next((i + 1 for i, (a, _) in enumerate(spans) if offset + a >= at), 1)


def _side(
    record: dict[str, Any], decision: dict[str, Any], words: str, entity: Any
) -> dict[str, Any]:
    text = record["text"]
    start, end = record["sentences"][decision["sentence"]]
    at = text.find(decision["phrase"], start)
    found = text.find(words, at)
    side: dict[str, Any] = {"entity": entity, "text": words}
    if entity is None:
        side = {"entity": None, "agent": decision["body_agent"],
                "country": decision["body_country"], "text": words}  # fmt: skip
    if (n := _occurrence(text[start:end], start, words, found)) > 1:
        side["occurrence"] = n
    return side


def _new_alignment(record: dict[str, Any], decision: dict[str, Any]) -> dict[str, Any]:
    text = record["text"]
    start, end = record["sentences"][decision["sentence"]]
    at = text.find(decision["phrase"], start)
    person = next(e for e in record["entities"] if e["id"] == decision["person"])
    inside = [m for m in person["mentions"] if m[0] >= at and m[1] <= at + len(decision["phrase"])]
    a, b = max(inside, key=lambda m: m[1] - m[0])
    title = decision["title_text"]
    words = title if title and title in decision["phrase"] else decision["body_text"]
    alignment = {
        "subject": _side(record, decision, text[a:b], decision["person"]),
        "relation": decision["final"],
        "object": _side(record, decision, decision["body_text"], decision["body_entity"]),
        "text": words, "valid_from": None, "valid_until": None, "negated": False,
    }  # fmt: skip
    if (n := _occurrence(text[start:end], start, words, text.find(words, at))) > 1:
        alignment["occurrence"] = n
    return alignment


def _carried(alignment: dict[str, Any], decision: dict[str, Any]) -> bool:
    """Whether a gold alignment is the one the decided phrase states (person -> its body)."""
    subject, body = alignment["subject"], alignment["object"]
    if subject.get("entity") != decision["person"] or alignment["relation"] not in POSTS:
        return False
    words = body.get("text") or ""
    if decision["body_entity"]:
        return bool(body.get("entity") == decision["body_entity"])
    if decision["body_text"]:
        return bool(words) and (words in decision["body_text"] or decision["body_text"] in words)
    return (
        bool(words)
        and words in decision["phrase"]
        and (alignment.get("text") or "") in decision["phrase"]
    )


def _key(decision: dict[str, Any], alignment: dict[str, Any]) -> tuple[Any, ...]:
    body = alignment["object"].get("entity")
    return decision["article"], decision["sentence"], decision["person"], body


def apply(args: argparse.Namespace) -> int:
    corpus = {r["id"]: r for r in _corpus()}
    v6_kept = {
        (d["article"], d["sentence"], d["person"], d["body"])
        for d in json.loads(V6.read_text())["decisions"]
        if d["final"] in POSTS
    }
    changes: Counter[str] = Counter()
    for decision in json.loads(RECORD.read_text())["decisions"]:
        path = GOLD / "annotations" / (decision["article"].replace(":", "_") + ".json")
        text = path.read_text(encoding="utf-8")
        sentence = next(s for s in json.loads(text)["sentences"] if s["s"] == decision["sentence"])
        carried = [a for a in sentence.get("alignments", []) if _carried(a, decision)]
        # where v6 decided the phrase, its decision stands ("House Intelligence Committee
        # Representative X" is a member though the "incoming chair" before it is no post yet)
        kept = [a for a in carried if _key(decision, a) in v6_kept]
        if decision["final"] == "none":
            for alignment in (a for a in carried if a not in kept):
                text = _edit(text, decision["sentence"], "remove", alignment)
                changes["removed"] += 1
        elif carried and carried[0]["relation"] != decision["final"] and not kept:
            text = _edit(text, decision["sentence"], "relabel", carried[0], decision["final"])
            changes["relabelled"] += 1
        elif not carried:
            alignment = _new_alignment(corpus[decision["article"]], decision)
            text = _edit(text, decision["sentence"], "add", alignment)
            changes["added"] += 1
        json.loads(text)
        path.write_text(text, encoding="utf-8")
    print(dict(changes))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("tasks").add_argument("--out", required=True)
    r = sub.add_parser("record")
    r.add_argument("--batches", required=True)
    r.add_argument("--first", nargs="+", required=True)
    r.add_argument("--second", nargs="+", required=True)
    r.add_argument("--adjudicated", required=True)
    r.add_argument("--unnamed", required=True)
    sub.add_parser("apply")
    args = parser.parse_args()
    return {"tasks": tasks, "record": record, "apply": apply}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
