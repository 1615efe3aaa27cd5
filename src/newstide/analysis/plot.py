"""A pair's timeline as a chart (PNG or SVG): tone over time above, volume below, turning points
marked. Drawn with matplotlib's object API on its Agg and SVG canvases, with its own fonts."""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from newstide.analysis.timeline import TurningPoint
from newstide.errors import AnalysisInputError

#: File suffixes `plot_timeline` writes.
PLOT_FORMATS = (".png", ".svg")

_UP, _DOWN, _LINE = "#1a7f37", "#cf222e", "#0969da"


def plot_timeline(
    frame: pd.DataFrame, points: Sequence[TurningPoint], path: str | os.PathLike[str]
) -> Path:
    """Draw a `timeline` frame and its turning points into a PNG or SVG file.

    Raises:
        AnalysisInputError: The file name does not end with ``.png`` or ``.svg``.
    """
    from matplotlib.dates import date2num
    from matplotlib.figure import Figure  # imported here: slow, and only plots need it

    target = Path(path)
    if target.suffix.lower() not in PLOT_FORMATS:
        raise AnalysisInputError(
            f"cannot draw a chart as {target.name}", "end the file name with .png or .svg"
        )
    a, b = frame.attrs["a"], frame.attrs["b"]
    figure = Figure(figsize=(10, 5.5), layout="constrained")
    tone_ax, volume_ax = figure.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [3, 1]})
    dates = frame["period"].dt.to_pydatetime() if len(frame) else []
    toned = frame[frame["tone"].notna()]
    tone_ax.axhline(0, color="#8c959f", linewidth=0.8)
    tone_ax.plot(
        list(toned["period"].dt.to_pydatetime()), toned["tone"], color=_LINE, linewidth=1.5
    )
    tone_ax.scatter(
        list(toned["period"].dt.to_pydatetime()),
        toned["tone"],
        s=[12 + 8 * math.sqrt(n) for n in toned["interactions"]],
        color=_LINE,
        zorder=3,
    )
    for point in points:
        colour = _UP if point.direction == "up" else _DOWN
        for ax in (tone_ax, volume_ax):
            ax.axvline(pd.Timestamp(point.date).to_pydatetime(), color=colour, linestyle="--")
    low, high = tone_ax.get_xlim()
    for point in points:
        when = pd.Timestamp(point.date).to_pydatetime()
        near_end = date2num(when) > low + 0.9 * (high - low)  # label on the left near the edge
        tone_ax.annotate(
            f"{'▲' if point.direction == 'up' else '▼'} {point.date:%Y-%m}",
            (when, 0.93),
            xycoords=("data", "axes fraction"),
            color=_UP if point.direction == "up" else _DOWN,
            fontsize=8,
            ha="right" if near_end else "left",
            xytext=(-3 if near_end else 3, 0),
            textcoords="offset points",
        )
    tone_ax.set_ylim(-1.05, 1.05)
    tone_ax.set_ylabel("tone (conflict − / cooperation +)")
    tone_ax.set_title(f"{a.name} – {b.name}, by {frame.attrs.get('by', 'month')}")
    tone_ax.grid(alpha=0.3)
    width = (
        20 if frame.attrs.get("by") == "month" else 60 if frame.attrs.get("by") == "quarter" else 5
    )
    volume_ax.bar(
        list(dates), frame["interactions"], width=width, color="#d0d7de", label="interactions"
    )
    volume_ax.bar(
        list(dates), frame["stories"], width=width * 0.5, color="#57606a", label="stories"
    )
    volume_ax.set_ylabel("count")
    volume_ax.legend(loc="upper left", fontsize=8, frameon=False)
    target.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(target, dpi=120, metadata={"Date": None} if target.suffix == ".svg" else None)
    return target
