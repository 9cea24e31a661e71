"""Universities and colleges (Hipo/university-domains-list, MIT)."""

from __future__ import annotations

import json
from collections.abc import Iterator

from actorkb.common import MIT, Record, Snapshot, slug, source_of, with_ascii

UNIVERSITIES = "university-domains-list/world_universities_and_domains.json"


def universities(snap: Snapshot) -> Iterator[Record]:
    """Universities and colleges (EDU), one record per name and country."""
    import pycountry

    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries} | {"XK": "XKX"}
    seen: set[str] = set()
    for item in json.loads(snap.read("world_universities_and_domains.json")):
        name = " ".join(str(item.get("name") or "").split())
        country = alpha3.get(str(item.get("alpha_two_code") or "").upper())
        if len(name.split()) < 2 or country is None:
            continue  # a one-word name ("Harvard") is too often something else
        ident = f"{slug(name)}-{country.lower()}"
        if ident in seen:
            continue  # the same name and country listed twice (spelling or punctuation apart)
        seen.add(ident)
        # "University College London, University of London": news names the college alone
        head = name.split(",")[0].strip()
        names = {name, head} if head != name and len(head.split()) >= 2 else {name}
        yield Record(id=f"kb:university:{ident}", type="organization", name=name,
                     country=country, aliases=with_ascii(names), sectors={"EDU"},
                     sources=[source_of(UNIVERSITIES, name, snap.commit, MIT)])  # fmt: skip
