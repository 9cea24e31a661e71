"""Actor resolution on hand-made probe lists: a name alone, or in a sentence, to its country.

The lists in `benchmarks/data/actor_probes/` were written in stop 44 by helper sessions (AI)
from general knowledge, without sight of the gazetteers or the code: 365 people of every region
(heads of state and government, ministers, military and militant leaders, opposition and
subnational figures) and 400 organisations (ministries, agencies, armed forces and units,
parties, armed groups, companies, media, courts, legislatures, subnational governments, IGOs),
each `NAME|ISO3|KIND`, and 270 one-sentence stories `SENTENCE|NAME|ISO3` that do not name the
actor's country. An IGO counts as right when the product gives it no country and codes it IGO.

They are a development set: the gazetteers added in the same stop were written by other helper
sessions from the same general knowledge, so the lists favour actors well known enough for both
to name. Report them beside newsgraph-gold's entity country (`newsgraph evaluate`) and
`benchmarks/name_alone.py`, not instead of them.

    python benchmarks/actor_probes.py            # every list, by kind
    python benchmarks/actor_probes.py --errors   # and what each miss came out as
"""

from __future__ import annotations

import argparse
from collections import Counter
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsgraph.models import Entity

DATA = Path(__file__).resolve().parent / "data" / "actor_probes"
TEMPLATE = "{} said on Monday that talks would continue."
PUBLISHED = date(2021, 6, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--errors", action="store_true", help="print each miss")
    args = parser.parse_args()

    from newsgraph import Extractor

    extractor = Extractor()
    total_right = total = 0
    for path in sorted(DATA.glob("*.txt")):
        cases = _cases(path)
        right: Counter[str] = Counter()
        seen: Counter[str] = Counter()
        for text, name, country, kind in cases:
            found = extractor.extract_text(text, published=PUBLISHED)
            entity = _covering(found.entities, text.find(name), len(name))
            got = _country(entity, country)
            seen[kind] += 1
            right[kind] += got == country
            if got != country and args.errors:
                print(f"  {kind:12} {name} -> {got} (want {country})")
        n, k = sum(seen.values()), sum(right.values())
        total, total_right = total + n, total_right + k
        kinds = ", ".join(f"{kind} {right[kind]}/{seen[kind]}" for kind in sorted(seen))
        print(f"{path.name:36} {k:4}/{n:<4} {k / n:.3f}   {kinds}")
    print(f"{'all':36} {total_right:4}/{total:<4} {total_right / total:.3f}")


def _cases(path: Path) -> list[tuple[str, str, str, str]]:
    """(text, name, country, kind) of each line; sentence lists are of kind "sentence"."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("|")
        if path.stem.endswith("_sentences"):
            out.append((fields[0], fields[1], fields[2], "sentence"))
        else:
            out.append((TEMPLATE.format(fields[0]), fields[0], fields[1], fields[2]))
    return out


def _covering(entities: tuple[Entity, ...], start: int, size: int) -> Entity | None:
    """The first entity one of whose mentions overlaps the name."""
    end = start + size
    for entity in entities:
        if any(m.start < end and m.end > start for m in entity.mentions):
            return entity
    return None


def _country(entity: Entity | None, wanted: str) -> str | None:
    if entity is None:
        return None
    code = str({a.key: a.value for a in entity.attributes}.get("cameo") or "")
    if wanted == "IGO" and entity.country is None and code.startswith("IGO"):
        return "IGO"
    return entity.country


if __name__ == "__main__":
    main()
