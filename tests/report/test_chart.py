"""The timeline picture: a PNG sized for the landscape page, legible in grey."""

from __future__ import annotations

import datetime as dt

from chrono.report.style import withheld_accounts
import struct

import matplotlib.pyplot as plt
import pytest

from chrono.model import Child, Chronology
from chrono.report.chart import DPI, build_figure, marker_for, write_chart

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE
    return struct.unpack(">II", data[16:24])


def _markers_drawn(fig) -> int:
    lanes = fig.axes[-1]
    return sum(len(line.get_xdata()) for line in lanes.get_lines() if line.get_marker() not in (None, "None", ""))


def test_chart_is_a_png_sized_for_the_landscape_page(tmp_path, case):
    path = tmp_path / "timeline.png"
    write_chart(case, path)
    width, height = _png_size(path.read_bytes())
    # ~150 dpi, about 26 cm wide: fits the 26.7 cm text width of the appendix
    assert 1400 <= width <= 1700
    assert width / DPI * 2.54 <= 26.7
    assert height < width


def test_each_kind_of_event_has_its_own_shape():
    shapes = {marker_for(["ae_attendance"])[1], marker_for(["missed_appointment"])[1],
              marker_for(["no_access"])[1], marker_for(["domestic_abuse"])[1],
              marker_for(["core_group", "meeting"])[1], marker_for(["home_visit"])[1]}
    assert marker_for(["ae_attendance"])[1] == "^"
    assert marker_for(["missed_appointment"])[1] == marker_for(["no_access"])[1] == "X"
    assert marker_for(["domestic_abuse"])[1] == marker_for(["police_incident"])[1] == "D"
    assert marker_for(["core_group"])[1] == "s"
    assert marker_for([])[1] == "o"
    assert len(shapes) == 5


def test_lanes_flags_marking_and_dates(case):
    fig = build_figure(case)
    try:
        flags_axis, lanes_axis = fig.axes
        assert [t.get_text() for t in lanes_axis.get_yticklabels()] == sorted(
            {a for e in case.events if e.date >= case.period_from for a in e.agencies})
        assert len(flags_axis.get_yticks()) == len(case.flags)
        assert all(p.get_hatch() for p in flags_axis.patches)  # flagged windows hatched, not colour alone
        texts = " ".join(t.get_text() for t in fig.texts)
        assert "OFFICIAL-SENSITIVE" in texts
        fig.canvas.draw()
        labels = [t.get_text() for t in lanes_axis.get_xticklabels() if t.get_text()]
        assert labels and all(dt.datetime.strptime(label, "%d/%m/%Y") for label in labels)
        in_period = [e for e in case.events if e.date >= case.period_from]
        assert _markers_drawn(fig) == sum(len(e.agencies) for e in in_period)
    finally:
        plt.close(fig)


def test_parents_chart_leaves_out_withheld_entries(case):
    fig = build_figure(case, parents_copy=True)
    try:
        hidden = {eid for eid, items in withheld_accounts(case.events).items() if items[0].whole_event}
        assert hidden > {e.id for e in case.events if e.confidential}  # and the partner's probation records
        shown = [e for e in case.events if e.date >= case.period_from and e.id not in hidden]
        assert _markers_drawn(fig) == sum(len(e.agencies) for e in shown)
        assert "PARENTS' COPY" in " ".join(t.get_text() for t in fig.texts)
        flag_labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
        assert not any("household" in label.lower() for label in flag_labels)
    finally:
        plt.close(fig)


@pytest.mark.parametrize("events", [0, 1])
def test_empty_or_single_entry_case_still_draws(tmp_path, case, events):
    chron = Chronology(Child("Test CHILD"), None, None, [], case.events[3:3 + events], [])
    path = tmp_path / "timeline.png"
    write_chart(chron, path)
    assert path.read_bytes()[:8] == PNG_SIGNATURE


def test_a_local_authority_can_give_its_own_kinds_of_marker_in_chrono_toml(tmp_path):
    from chrono.config import load_config

    user = tmp_path / "chrono.toml"
    user.write_text('[[wording.chart.markers]]\nlabel = "Housing visit"\nshape = "P"\nconcepts = ["housing"]\n')
    cfg = load_config(user)
    assert marker_for(["housing_visit"], cfg) == ("Housing visit", "P")
    assert marker_for(["housing_visit"]) == ("Other event", "o")  # the shipped kinds know no housing
