"""The timeline picture: one lane per agency, a marker per event, flagged
windows shaded, so a core group sees at a glance who saw what, and when.

Readable when printed in black and white: the kind of event is told by the
marker's shape and a flagged window by its hatching, never by colour alone.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from chrono.model import Chronology  # noqa: E402
from chrono.report.style import (  # noqa: E402
    DEFAULT_MARKING,
    PARENTS_COPY,
    agency_colours,
    build_view,
    rule_short_name,
    chronology_agencies,
    format_day,
    period_of,
    save_atomically,
    wording,
)

DPI = 150
#: Fits the 26.7 cm text width of the landscape appendix.
WIDTH_IN = 10.4

HATCHES = ("//", "\\\\", "xx", "..", "++", "--")
MAX_FLAGS = 12


def chart_markers(cfg=None) -> tuple[list[tuple[str, str, tuple[str, ...]]], tuple[str, str]]:
    """(label, marker shape, concept words) per kind of event, first match wins, and the
    shape of every other event: ``[chart]`` of ``wording.toml``."""
    chart = wording(cfg).get("chart", {})
    kinds = [(str(k["label"]), str(k["shape"]), tuple(k.get("concepts", ()))) for k in chart.get("markers", [])]
    other = chart.get("other", {})
    return kinds, (str(other.get("label", "Other event")), str(other.get("shape", "o")))


def marker_for(categories: list[str], cfg=None, markers=None) -> tuple[str, str]:
    """The legend label and marker shape for an event's categories (``markers``: what
    :func:`chart_markers` gave, when the caller asks for many events)."""
    kinds, other = markers or chart_markers(cfg)
    for category in categories:
        name = category.lower()
        for label, marker, words in kinds:
            if any(name == w or (len(w) > 2 and w in name) for w in words):
                return label, marker
    return other


def _darker(hex_colour: str, factor: float = 0.55) -> str:
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (0, 2, 4))
    return "#{:02x}{:02x}{:02x}".format(*(int(c * factor) for c in (r, g, b)))


def build_figure(chron: Chronology, since: dt.date | None = None, until: dt.date | None = None,
                 parents_copy: bool = False, marking: str = DEFAULT_MARKING, cfg=None) -> Figure:
    """The timeline as a matplotlib figure (not yet saved).

    Top to bottom: title and marking; a strip with one hatched bar per flagged
    window (ticks at its evidence); one lane per agency; the date axis; the key.
    """
    view = build_view(chron, since, until, parents_copy, cfg=cfg)
    start, end = period_of(chron, since, until)
    events = [e for e in view.events
              if (start is None or e.date >= start) and (end is None or e.date <= end)]
    lanes = sorted({a for e in events for a in view.agencies(e)}) or ["(no entries)"]
    colours = agency_colours(chronology_agencies(chron))
    if start is None or end is None:
        start = end = dt.date.today()
    period = (start, end)
    if start == end:
        start, end = start - dt.timedelta(days=15), end + dt.timedelta(days=15)
    pad = dt.timedelta(days=max(2, (end - start).days // 60))
    xlim = (start - pad, end + pad)
    flags = sorted((f for f in view.flags if f.end >= xlim[0] and f.start <= xlim[1]),
                   key=lambda f: (f.start, f.rule))
    drawn_flags = flags[:MAX_FLAGS]

    # layout in inches, converted to figure fractions
    top, title_h, gap = 0.12, 0.3, 0.12
    flag_h = 0.2 * len(drawn_flags)
    lane_h = 0.34 * len(lanes) + 0.2
    axis_h, key_h, foot_h = 0.38, 0.62, 0.28
    height = top + title_h + (flag_h + gap if drawn_flags else 0) + lane_h + axis_h + key_h + foot_h
    # room on the left for the longest lane or flag label (about 0.055 in a character)
    labels = [len(a) for a in lanes] + [len(rule_short_name(f.rule, cfg)) + 9 for f in drawn_flags]
    left, right = min(3.2, max(1.95, 0.055 * max(labels, default=0) + 0.2)), 0.25
    fig = plt.figure(figsize=(WIDTH_IN, height), dpi=DPI)

    def box(y_top: float, h: float) -> tuple[float, float, float, float]:
        return (left / WIDTH_IN, 1 - (y_top + h) / height, 1 - (left + right) / WIDTH_IN, h / height)

    y = top + title_h
    if drawn_flags:
        fax = fig.add_axes(box(y, flag_h))
        events_by_id = {e.id: e for e in view.events}
        for row, flag in enumerate(drawn_flags):
            hatch = HATCHES[row % len(HATCHES)]
            width = max((flag.end - flag.start).days, 1)
            fax.barh(row, width, left=flag.start, height=0.7, color="#e6e6e6", edgecolor="#333333",
                     hatch=hatch, lw=0.6)
            days = [events_by_id[i].date for i in flag.events if i in events_by_id]
            fax.plot(days, [row] * len(days), marker="|", ms=7, mew=1.4, color="black", ls="none")
        fax.set_ylim(len(drawn_flags) - 0.5, -0.5)
        fax.set_yticks(range(len(drawn_flags)),
                       [f"{rule_short_name(f.rule, cfg)} ({f.severity})" for f in drawn_flags], fontsize=6.5)
        fax.set_xlim(*xlim)
        fax.xaxis.set_visible(False)
        for side in ("top", "right", "bottom"):
            fax.spines[side].set_visible(False)
        y += flag_h + gap

    ax = fig.add_axes(box(y, lane_h))
    ax.set_xlim(*xlim)
    ax.set_ylim(len(lanes) - 0.4, -0.6)
    ax.set_yticks(range(len(lanes)), lanes, fontsize=8)
    for index in range(len(lanes)):
        if index % 2 == 0:
            ax.axhspan(index - 0.5, index + 0.5, color="#f2f2f2", zorder=0, lw=0)

    markers = chart_markers(cfg)
    used_markers: dict[str, str] = {}
    points: dict[tuple[str, bool, int], list[dt.date]] = {}
    imprecise = several = False
    for event in events:
        label, marker = marker_for(event.categories, markers=markers)
        used_markers.setdefault(label, marker)
        rows = [lanes.index(a) for a in view.agencies(event) if a in lanes]
        if len(rows) > 1:
            several = True
            ax.plot([event.date, event.date], [min(rows), max(rows)], color="#333333", lw=0.6,
                    ls=":", zorder=2)
        hollow = event.precision != "day" or event.approximate
        imprecise |= hollow
        for row in rows:
            points.setdefault((marker, hollow, row), []).append(event.date)
    for (marker, hollow, row), days in points.items():  # one artist per kind of marker and lane
        tint = colours.get(lanes[row], "DDDDDD")
        ax.plot(days, [row] * len(days), marker=marker, ms=7 if marker != "X" else 8,
                markerfacecolor="white" if hollow else f"#{tint}",
                markeredgecolor=_darker(tint, 0.35), markeredgewidth=1.1, ls="none", zorder=3)

    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=4, maxticks=12))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d/%m/%Y"))
    ax.tick_params(axis="x", labelsize=7)
    ax.grid(axis="x", color="#cccccc", lw=0.5, zorder=0)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if drawn_flags:
        fax.xaxis.set_major_locator(ax.xaxis.get_major_locator())
        fax.grid(axis="x", color="#cccccc", lw=0.5, zorder=0)

    order = [label for label, _, _ in markers[0]] + [markers[1][0]]
    handles = [Line2D([], [], marker=used_markers[label], ls="none", color="black",
                      markerfacecolor="#bbbbbb", label=label) for label in order if label in used_markers]
    if imprecise:
        handles.append(Line2D([], [], marker="o", ls="none", color="black", markerfacecolor="white",
                              label="Hollow: approximate, or month/year only"))
    if several:
        handles.append(Line2D([], [], color="#333333", ls=":", lw=0.8, label="One event, several agencies"))
    if drawn_flags:
        handles.append(Patch(facecolor="#e6e6e6", edgecolor="#333333", hatch="//",
                             label="Flagged window (| = evidence)"))
    fig.legend(handles=handles, loc="upper left", ncol=4, fontsize=7, frameon=False,
               bbox_to_anchor=(left / WIDTH_IN, 1 - (y + lane_h + axis_h) / height))

    title = "Timeline of entries by agency"
    if chron.child.name:
        title += f": {chron.child.name}"
    title += f", {format_day(period[0])} to {format_day(period[1])}"
    fig.text(0.01, 1 - (top + title_h / 2) / height, title, fontsize=9, weight="bold", va="center")
    mark = marking + (f"  {PARENTS_COPY}" if parents_copy else "")
    fig.text(0.99, 1 - (top + title_h / 2) / height, mark, fontsize=8, weight="bold", ha="right",
             va="center")
    notes = []
    outside = len(view.events) - len(events) + view.before + view.after
    if outside:
        notes.append(f"{outside} entr{'y' if outside == 1 else 'ies'} outside the period not shown")
    if parents_copy and view.withheld:
        notes.append(f"{view.withheld} entr{'y' if view.withheld == 1 else 'ies'} left out of this copy")
    if len(flags) > len(drawn_flags):
        notes.append(f"{len(flags) - len(drawn_flags)} more flagged windows not drawn")
    footer = marking + ("; " + "; ".join(notes) if notes else "")
    fig.text(0.01, 0.08 / height, footer, fontsize=6.5, va="bottom")
    return fig


def render_chart(chron: Chronology, since: dt.date | None = None, until: dt.date | None = None,
                 parents_copy: bool = False, marking: str = DEFAULT_MARKING, cfg=None) -> bytes:
    """The timeline as PNG bytes (for embedding without a file)."""
    fig = build_figure(chron, since, until, parents_copy, marking, cfg)
    buffer = io.BytesIO()
    try:
        fig.savefig(buffer, format="png", dpi=DPI)
    finally:
        plt.close(fig)
    return buffer.getvalue()


def write_chart(chron: Chronology, path: Path, since: dt.date | None = None,
                until: dt.date | None = None, parents_copy: bool = False,
                marking: str = DEFAULT_MARKING, cfg=None) -> None:
    """Write the timeline PNG (~150 dpi, sized for the landscape appendix)."""
    data = render_chart(chron, since, until, parents_copy, marking, cfg)
    save_atomically(Path(path), lambda target: Path(target).write_bytes(data))
