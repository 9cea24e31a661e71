"""The one lexicon loader: every kind found by `meta.kind`, checked against its schema,
extended with --lexicon, and cached in compiled form that is rebuilt when a file changes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph import LexiconError
from newsgraph.cli import app
from newsgraph.lexicon.cache import cached
from newsgraph.lexicon.compiled import load_lexicon
from newsgraph.lexicon.loader import read_lexicon_files, shipped_files
from newsgraph.lexicon.schemas import KINDS

runner = CliRunner()
SHIELDED = "Russia has shielded Venezuela from sanctions, diplomats said on Monday.\n"

# kind -> (a user file of that kind, how to see it in the loaded lexicon)
USER_FILES = {
    "gazetteer": ("meta: {kind: gazetteer, type: person}\nentries:\n  - name: Ivan Petrenkov\n",
                  lambda lx: "person:ivan-petrenkov" in lx.gazetteer.entries),
    "events": ("meta: {kind: events}\nagents:\n  CRM: [colectivo]\n",
               lambda lx: lx.events.agents.get("colectivo") == "CRM"),
    "relations": ("meta: {kind: relations}\nverbs:\n  - {lemma: shield, relation: supports}\n",
                  lambda lx: "shield" in lx.relations.verbs),
    "titles": ("meta: {kind: titles}\noffices: [grand vizier]\n",
               lambda lx: "grand vizier" in lx.titles.offices),
    "transliterations": ("meta: {kind: transliterations}\ncanonical:\n  vladimir: [wladimir]\n",
                         lambda lx: lx.given_names.get("wladimir") == "vladimir"),
    "polarity": ("meta: {kind: polarity}\nwords: {blorfish: -0.9}\ndismissive: [canard]\n",
                 lambda lx: lx.events.polarity.words.get("blorfish") == -0.9
                 and "canard" in lx.events.polarity.dismissive),
    "words": ("meta: {kind: words}\nlists:\n  ordinary_words: [nigeria]\n",
              lambda lx: "nigeria" in lx.words["ordinary_words"]),
    "actor_codes": ("meta: {kind: actor_codes}\nkinds:\n  central bank: GOV\ntitles:\n  grand vizier: GOV\n",
                    lambda lx: lx.actor_codes.kinds.get("central bank") == "GOV"
                    and ("grand vizier", "GOV") in lx.actor_codes.titles),
}  # fmt: skip


def test_every_shipped_file_declares_a_known_kind() -> None:
    kinds = {f.kind for f in read_lexicon_files()}
    assert kinds == set(KINDS)
    assert all(f.source.startswith("newsgraph:") for f in read_lexicon_files())
    assert len(read_lexicon_files()) == len(shipped_files())


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_loads_through_the_one_loader(tmp_path: Path, kind: str) -> None:
    content, present = USER_FILES[kind]
    path = tmp_path / f"{kind}.yaml"
    path.write_text(content, encoding="utf-8")
    user = [f for f in read_lexicon_files((str(tmp_path),)) if f.user]
    assert [(f.kind, f.source) for f in user] == [(kind, str(path))]
    assert present(load_lexicon((str(path),)))
    assert not present(load_lexicon())


def test_a_user_relations_file_changes_relation_extraction(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(SHIELDED, encoding="utf-8")
    mine = tmp_path / "mine.yaml"
    mine.write_text(USER_FILES["relations"][0], encoding="utf-8")

    def relations(*extra: str) -> list[tuple[str, str, str]]:
        result = runner.invoke(app, ["extract", str(article), "--published", "2019-05-03", *extra])
        assert result.exit_code == 0, result.output
        found = json.loads(result.stdout)["relations"]
        return [(r["subject"], r["relation"], r["object"]) for r in found]

    assert relations() == []
    assert relations("--lexicon", str(mine)) == [("state:RUS", "supports", "state:VEN")]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (
            "meta: {kind: relations}\nverbs:\n  - {lemma: shield}\n",
            "verbs[1]: 'relation' is a required",
        ),
        (
            "meta: {kind: events}\nverbs:\n  - {lemma: x, event: FOO}\n",
            "verbs[1].event: event must be one of",
        ),
        (
            "meta: {kind: titles}\noffices: president\n",
            "offices: 'president' is not of type 'array'",
        ),
        ("meta: {kind: lexicon}\n", "meta.kind 'lexicon' is not one of gazetteer"),
        (
            "meta: {kind: polarity}\nwords: {awful: -4}\n",
            "words.awful: -4 is less than the minimum",
        ),
        ("meta: {kind: words}\nlists: {x: [a]}\nwords: [b]\n", "Additional properties"),
        ("- just\n- a list\n", "a lexicon file is a mapping"),
    ],
)
def test_an_invalid_file_is_one_line_naming_it(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError, match=r"bad\.yaml") as caught:
        load_lexicon((str(path),))
    assert problem in str(caught.value)
    article = tmp_path / "a.txt"
    article.write_text(SHIELDED, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(article), "--lexicon", str(path)])
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"error: {path}") and problem in line


def test_a_changed_file_is_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(USER_FILES["titles"][0], encoding="utf-8")
    assert "grand vizier" in load_lexicon((str(path),)).titles.offices
    path.write_text("meta: {kind: titles}\noffices: [high commissioner]\n", encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    offices = load_lexicon((str(path),)).titles.offices
    assert "high commissioner" in offices and "grand vizier" not in offices


def test_the_cache_is_written_atomically_and_reused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    calls = []

    def build() -> list[int]:
        calls.append(1)
        return [1, 2]

    assert cached("thing", "k1", build) == cached("thing", "k1", build) == [1, 2]
    assert len(calls) == 1
    assert [p.name for p in (tmp_path / "cache").iterdir()] == ["thing-k1.pickle"]
    (tmp_path / "cache" / "thing-k1.pickle").write_bytes(b"half a fi")  # torn or foreign
    assert cached("thing", "k1", build) == [1, 2]
    assert cached("thing", "k2", build) == [1, 2]  # a new key replaces the old entry
    assert [p.name for p in (tmp_path / "cache").iterdir()] == ["thing-k2.pickle"]


def test_an_unwritable_cache_only_costs_the_rebuild(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("NEWSGRAPH_CACHE_DIR", str(blocker / "cache"))
    assert cached("thing", "k1", lambda: 42) == 42


def test_gazetteer_records_pickle_by_their_fields() -> None:
    import pickle

    from newsgraph.lexicon.gazetteer import Entry, Surface
    from newsgraph.models import EntityType, Role

    role = Role(title="President", country="RUS", start="2012-05-07")
    entry = Entry(id="person:x", name="X", type=EntityType.PERSON, roles=(role,),
                  ambiguous=frozenset({"Y"}))  # fmt: skip
    for record in (role, entry, Surface("person:x", "name", False)):
        assert pickle.loads(pickle.dumps(record)) == record
