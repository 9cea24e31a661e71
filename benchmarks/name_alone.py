"""Actor resolution from the name alone: each gold actor's name (people, organisations, groups
with a country in newsgraph-gold) is extracted on its own, as "NAME spoke on Monday.", dated
as its article, and the country the product gives it is compared with the gold's. This
measures what the gazetteer and the actor knowledge base know, without the article's context.

    python benchmarks/name_alone.py               # dev split
    python benchmarks/name_alone.py --split train
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from newsgraph.models import Entity

GOLD = Path(__file__).resolve().parents[1] / "data" / "gold" / "newsgraph-gold.jsonl"
KINDS = ("person", "organization", "group", "armed_force", "media")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="dev", choices=("train", "dev", "test"))
    args = parser.parse_args()

    from newsgraph import Extractor

    extractor = Extractor()
    tally: Counter[str] = Counter()
    by_kind: Counter[tuple[str, bool]] = Counter()
    with GOLD.open(encoding="utf-8") as f:
        for line in f:
            article = json.loads(line)
            if article["split"] != args.split:
                continue
            published = date.fromisoformat(article["published"][:10])
            for entity in article["entities"]:
                if entity["type"] not in KINDS or not entity.get("country"):
                    continue
                text = f"{entity['name']} spoke on Monday."
                found = extractor.extract_text(text, published=published)
                country = _found_country(found.entities, len(entity["name"]))
                ok = country == entity["country"]
                tally["right" if ok else ("none" if country is None else "wrong")] += 1
                by_kind[(entity["type"], ok)] += 1
    total = sum(tally.values())
    print(f"{args.split}: {total} gold actors with a country, each name extracted alone")
    print(f"  country right {tally['right'] / total:.3f} ({tally['right']}), "
          f"no country {tally['none']}, another country {tally['wrong']}")  # fmt: skip
    for kind in KINDS:
        n = by_kind[(kind, True)] + by_kind[(kind, False)]
        if n:
            print(f"  {kind}: {by_kind[(kind, True)] / n:.3f} of {n}")


def _found_country(entities: Sequence[Entity], end: int) -> str | None:
    """The country of the entity found in the name's span, as the gold harness reads it."""
    from newsgraph.gold.harness import _country_of

    for entity in entities:
        if any(m.start < end and m.end > 0 for m in entity.mentions):
            attributes = {a.key: a.value for a in entity.attributes}
            return _country_of({"country": entity.country, "attributes": attributes})
    return None


if __name__ == "__main__":
    main()
