"""The public API is what __all__ says, no more and no less."""

import newsgraph


def test_all_is_complete_and_importable() -> None:
    public = {name for name in dir(newsgraph) if not name.startswith("_")} - {
        "annotate", "cli", "contract", "errors", "ingest", "lexicon", "models", "pipeline",
        "render", "resolve", "settings", "schema", "evaluation", "store", "export",
    }  # fmt: skip
    assert public | {"__version__"} == set(newsgraph.__all__)
    for name in newsgraph.__all__:
        assert getattr(newsgraph, name) is not None
