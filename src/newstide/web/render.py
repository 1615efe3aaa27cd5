"""What the page templates draw, computed in Python: the timeline chart's geometry, an article's
text cut into highlighted segments, and tone labels. Templates only place and escape it."""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

import pandas as pd

from newstide.analysis.timeline import TurningPoint


def tone_class(tone: float | None) -> str:
    """A CSS class for a tone, in five steps from conflictual to cooperative."""
    if tone is None or (isinstance(tone, float) and math.isnan(tone)):
        return "tone-none"
    if tone >= 0.5:
        return "tone-pos2"
    if tone >= 0.15:
        return "tone-pos1"
    if tone > -0.15:
        return "tone-neu"
    if tone > -0.5:
        return "tone-neg1"
    return "tone-neg2"


def tone_text(tone: float | None) -> str:
    """A tone as ``+0.62`` / ``−0.41`` (a real minus sign), or an en dash when unknown."""
    if tone is None or (isinstance(tone, float) and math.isnan(tone)):
        return "–"
    return f"{tone:+.2f}".replace("-", "−")


def path_segment(value: object) -> str:
    """A value quoted for use as one path segment of a URL."""
    return quote(str(value), safe="")


def safe_url(url: str | None) -> str | None:
    """The URL if it is plain http(s), else None: other schemes (``javascript:``) never link."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def iso_date(value: Any) -> str:
    """A date or timestamp as ``YYYY-MM-DD`` (empty when unknown)."""
    if value is None or value is pd.NaT:
        return ""
    try:
        if isinstance(value, float) and math.isnan(value):
            return ""
        return str(value.date().isoformat()) if hasattr(value, "date") else str(value)[:10]
    except (ValueError, AttributeError):
        return ""


# --- the timeline chart -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ChartPoint:
    x: float
    y: float
    r: float
    bar_y: float
    label: str
    tone: str
    css: str
    interactions: int
    stories: int


@dataclass(frozen=True, slots=True)
class ChartMark:
    x: float
    direction: str
    label: str
    why: str
    index: int


@dataclass(frozen=True, slots=True)
class ChartTick:
    x: float
    label: str


@dataclass(frozen=True, slots=True)
class Chart:
    """Coordinates of a timeline chart in a ``width`` × ``height`` SVG viewBox."""

    width: int
    height: int
    left: int
    right: int
    top: int
    tone_bottom: int
    bar_top: int
    bar_bottom: int
    points: tuple[ChartPoint, ...]
    line: str
    marks: tuple[ChartMark, ...]
    ticks: tuple[ChartTick, ...]
    bar_width: float

    def y(self, tone: float) -> float:
        """The y of a tone value on the tone axis."""
        return self.top + (1 - tone) / 2 * (self.tone_bottom - self.top)


def timeline_chart(
    frame: pd.DataFrame, points: Sequence[TurningPoint], width: int = 900, height: int = 300
) -> Chart | None:
    """The chart of a timeline frame with its turning points, or None when it has no periods."""
    if frame.empty:
        return None
    left, right, top, tone_bottom, bar_top, bar_bottom = 44, width - 16, 16, 200, 216, 276
    periods = [p.to_pydatetime() for p in frame["period"]]
    start = min([*periods, *(dt.datetime.combine(p.date, dt.time()) for p in points)])
    end = max(periods)
    step = {"week": 7, "month": 31, "quarter": 92}.get(frame.attrs.get("by", "month"), 31)
    start -= dt.timedelta(days=step / 2)
    end += dt.timedelta(days=step / 2)
    span = max((end - start).total_seconds(), 1.0)

    def x_of(when: dt.datetime) -> float:
        return round(left + (when - start).total_seconds() / span * (right - left), 1)

    def y_of(tone: float) -> float:
        return round(top + (1 - tone) / 2 * (tone_bottom - top), 1)

    most = max(int(frame["interactions"].max()), 1)
    bar_width = max(2.0, min(24.0, (right - left) / max(span / 86400 / step, 1) * 0.7))
    chart_points = []
    for row in frame.to_dict("records"):
        tone = row["tone"]
        known = not (tone is None or math.isnan(tone))
        when = row["period"].to_pydatetime()
        chart_points.append(
            ChartPoint(
                x=x_of(when),
                y=y_of(tone) if known else y_of(0.0),
                r=round(3 + 3 * math.sqrt(row["interactions"] / most), 1),
                bar_y=round(bar_bottom - row["interactions"] / most * (bar_bottom - bar_top), 1),
                label=when.date().isoformat(),
                tone=tone_text(tone if known else None),
                css=tone_class(tone if known else None),
                interactions=int(row["interactions"]),
                stories=int(row["stories"]),
            )
        )
    line = " ".join(f"{p.x},{p.y}" for p in chart_points if p.css != "tone-none")
    marks = tuple(
        ChartMark(
            x=x_of(dt.datetime.combine(p.date, dt.time())),
            direction=p.direction,
            label=p.date.isoformat()[:7],
            why=p.why,
            index=i,
        )
        for i, p in enumerate(points)
    )
    ticks = []
    for year in range(start.year, end.year + 2):
        when = dt.datetime(year, 1, 1)
        if start <= when <= end:
            ticks.append(ChartTick(x_of(when), str(year)))
    if len(ticks) < 2:  # a short span: label quarters instead
        ticks = []
        for year in range(start.year, end.year + 1):
            for month in (1, 4, 7, 10):
                when = dt.datetime(year, month, 1)
                if start <= when <= end:
                    ticks.append(ChartTick(x_of(when), f"{year}-{month:02d}"))
    return Chart(
        width, height, left, right, top, tone_bottom, bar_top, bar_bottom,
        tuple(chart_points), line, marks, tuple(ticks), round(bar_width, 1),
    )  # fmt: skip


# --- an article's text, highlighted -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of article text with one set of highlights."""

    text: str
    kind: str | None = None
    entity_id: str | None = None
    name: str | None = None
    evidence: bool = False
    focus: bool = False
    anchor: int | None = None


@dataclass(frozen=True, slots=True)
class Span:
    """A highlight to lay over the text: a mention (``kind`` set) or an evidence sentence."""

    start: int
    end: int
    kind: str | None = None
    entity_id: str | None = None
    name: str | None = None


def segments(
    text: str,
    mentions: Iterable[Span],
    evidence: Iterable[Span],
    sentence_starts: Sequence[tuple[int, int]] = (),
    focus: Span | None = None,
) -> list[Segment]:
    """Cut ``text`` where highlights begin and end.

    Overlapping mentions are resolved by keeping the earlier (then longer) one; evidence spans
    may overlap mentions and each other. ``sentence_starts`` are ``(index, start)`` pairs that
    become anchors (``#s3``).
    """
    n = len(text)
    kept: list[Span] = []
    for span in sorted(mentions, key=lambda s: (s.start, -(s.end - s.start))):
        start, end = max(0, span.start), min(n, span.end)
        if start >= end or (kept and start < kept[-1].end):
            continue
        kept.append(Span(start, end, span.kind, span.entity_id, span.name))
    marks = [Span(max(0, e.start), min(n, e.end)) for e in evidence if e.start < e.end]
    anchors = {start: index for index, start in sentence_starts if 0 <= start < n}
    cuts = {0, n, *anchors}
    for span in (*kept, *marks):
        cuts.update((span.start, span.end))
    if focus is not None:
        cuts.update((max(0, focus.start), min(n, focus.end)))
    bounds = sorted(c for c in cuts if 0 <= c <= n)
    out: list[Segment] = []
    at = 0
    for begin, finish in itertools.pairwise(bounds):
        while at < len(kept) and kept[at].end <= begin:
            at += 1
        mention = kept[at] if at < len(kept) and kept[at].start <= begin else None
        out.append(
            Segment(
                text=text[begin:finish],
                kind=mention.kind if mention else None,
                entity_id=mention.entity_id if mention else None,
                name=mention.name if mention else None,
                evidence=any(m.start <= begin and finish <= m.end for m in marks),
                focus=focus is not None and focus.start <= begin and finish <= focus.end,
                anchor=anchors.get(begin),
            )
        )
    return out
