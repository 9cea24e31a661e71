"""The committed build and training scripts stay runnable: each imports (so a helper that
moved in the package breaks here, not months later on a rebuild) and answers --help."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"


@pytest.mark.parametrize(
    "script", sorted(p.name for p in SCRIPTS.glob("*.py")), ids=lambda name: name
)
def test_script_imports_and_answers_help(script: str) -> None:
    if script.startswith("train_"):
        pytest.importorskip("sklearn", reason="training needs the [train] extra")
    run = subprocess.run([sys.executable, str(SCRIPTS / script), "--help"],
                         capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    assert "usage" in run.stdout.lower()
