"""The public API is what __all__ says, no more and no less."""

import inspect

import newsgraph


def test_all_is_complete_and_importable() -> None:
    # submodules appear on the package once imported anywhere; they are not the API
    public = {
        name
        for name in dir(newsgraph)
        if not name.startswith("_") and not inspect.ismodule(getattr(newsgraph, name))
    }
    assert public | {"__version__"} == set(newsgraph.__all__)
    for name in newsgraph.__all__:
        assert getattr(newsgraph, name) is not None
