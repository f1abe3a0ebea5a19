"""The bundled samples are what scripts/make_samples.py builds (kept in step)."""

import runpy
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_samples_match_their_generator(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "argv", ["make_samples.py", str(tmp_path)])
    runpy.run_path(str(ROOT / "scripts" / "make_samples.py"), run_name="__main__")
    bundled = sorted(p.relative_to(ROOT / "samples") for p in (ROOT / "samples").rglob("*") if p.is_file())
    built = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    assert bundled == built
    for rel in bundled:
        assert (ROOT / "samples" / rel).read_bytes() == (tmp_path / rel).read_bytes(), f"{rel} is stale: run scripts/make_samples.py"
