"""Batch workers start once and keep the batch's configuration for every case they merge."""

from __future__ import annotations

import datetime as dt

from chrono import batch, pipeline
from chrono.config import load_config
from chrono.pipeline import CaseOptions
from tests.builders import entry, write_docx


def _case(folder, n: int):
    folder.mkdir(parents=True)
    day = dt.date(2024, 3, 4) + dt.timedelta(days=n)
    write_docx(folder / "HV chronology.docx", [entry(day.strftime("%d/%m/%Y"), f"Home visit {n}, child seen", "HV")],
               agency="Health Visiting")


def test_a_worker_uses_the_configuration_it_was_started_with_for_every_case(tmp_path, monkeypatch):
    cfg = load_config()
    given = []

    def fake_merge_case(inputs, outdir, cfg=None, options=None):
        given.append(cfg)
        raise RuntimeError("stop here")

    monkeypatch.setattr(pipeline, "merge_case", fake_merge_case)
    monkeypatch.setattr(batch, "_WORKER_CFG", None)
    batch._worker_init(None, cfg)
    for n in range(2):
        summary = batch.merge_one(f"case{n}", str(tmp_path), str(tmp_path / f"out{n}"), None, CaseOptions())
        assert summary.status == "crashed"
    assert given == [cfg, cfg] and given[0] is given[1] is cfg  # one object: its compiled caches hold


def test_two_workers_from_the_fork_server_merge_every_case(tmp_path):
    root = tmp_path / "caseload"
    for n in range(3):
        _case(root / f"child-{n}", n)
    result = batch.run_batch(root, tmp_path / "out", options=CaseOptions(formats=("json",)), workers=2)
    assert sorted(c.case for c in result.cases) == ["child-0", "child-1", "child-2"]
    assert all(c.status != "crashed" for c in result.cases), [c.error for c in result.cases]
    assert all((tmp_path / "out" / f"child-{n}" / "chronology.json").exists() for n in range(3))
