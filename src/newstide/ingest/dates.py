"""Publication dates from whatever the input gives, normalised to naive UTC datetimes."""

from __future__ import annotations

import calendar
import datetime as dt
import re
import time

from dateutil import parser as dateutil_parser

# Dates outside this window are parse accidents (a year of 0003 or 9999), not news.
_EARLIEST = dt.datetime(1900, 1, 1)
_LATEST = dt.datetime(2200, 1, 1)


def _to_utc_naive(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value


def _in_window(value: dt.datetime) -> dt.datetime | None:
    return value if _EARLIEST <= value < _LATEST else None


def parse_date(value: object) -> dt.datetime | None:
    """Parse a date given as ISO or RFC 822 text, a Unix timestamp, a struct_time or a datetime.

    Returns:
        A naive datetime in UTC, or None when the value is missing or not a plausible date.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return _in_window(_to_utc_naive(value))
    if isinstance(value, dt.date):
        return _in_window(dt.datetime(value.year, value.month, value.day))
    if isinstance(value, time.struct_time):
        return _in_window(
            dt.datetime.fromtimestamp(calendar.timegm(value), dt.UTC).replace(tzinfo=None)
        )
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return _in_window(dt.datetime.fromtimestamp(float(value), dt.UTC).replace(tzinfo=None))
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, str):
        text = value.strip()
        try:
            return _in_window(_to_utc_naive(dt.datetime.fromisoformat(text.replace("Z", "+00:00"))))
        except ValueError:
            pass
        try:
            return _in_window(_to_utc_naive(dateutil_parser.parse(text)))
        except (ValueError, OverflowError, dateutil_parser.ParserError):
            return None
    return None


_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("januari", "january", "jan"), ("februari", "february", "feb", "pebruari"),
            ("maret", "march", "mar"), ("april", "apr"), ("mei", "may"), ("juni", "june", "jun"),
            ("juli", "july", "jul"), ("agustus", "august", "aug", "agu", "ags"),
            ("september", "sep", "sept"), ("oktober", "october", "oct", "okt"),
            ("november", "nov", "nop"), ("desember", "december", "dec", "des"),
        ],
        start=1,
    )
    for name in names
}  # fmt: skip
# Indonesian time zones, and the common English ones; a date line without a zone is taken as UTC.
_ZONES = {"wib": 7, "wita": 8, "wit": 9, "utc": 0, "gmt": 0, "et": -5, "est": -5, "edt": -4,
          "pt": -8, "pst": -8, "pdt": -7, "sgt": 8, "myt": 8}  # fmt: skip
_WEEKDAY = (
    r"(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)\.?,?\s+"
)
_MONTH = r"(?P<month>[a-z]{3,9})\.?"
_TIME = (
    r"(?:\s*(?:[,|\-–]|pukul)?\s*(?P<hour>\d{1,2})[:.](?P<minute>\d{2})\s*"
    r"(?P<ampm>a\.?m\.?|p\.?m\.?)?\s*(?P<zone>[a-z]{2,4})?)?"
)
_DATELINE_RES = [
    re.compile(rf"^(?:{_WEEKDAY})?(?P<day>\d{{1,2}})\s+{_MONTH}\s+(?P<year>\d{{4}}){_TIME}$", re.I),
    re.compile(
        rf"^(?:{_WEEKDAY})?{_MONTH}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}}){_TIME}$", re.I
    ),
]


def parse_dateline(line: str) -> dt.datetime | None:
    """A publication date printed on its own line, in Indonesian or English.

    ``Senin, 16 November 2020 16:00 WIB``, ``16 Nov 2020``, ``December 1, 2022, 5:30 a.m. UTC``.

    Returns:
        A naive UTC datetime, or None when the line is not (only) a date.
    """
    text = " ".join(line.split()).strip()
    if len(text) > 60:
        return None
    for pattern in _DATELINE_RES:
        match = pattern.match(text)
        if not match:
            continue
        month = _MONTHS.get(match.group("month").lower())
        if month is None:
            return None
        hour = int(match.group("hour") or 0)
        ampm = (match.group("ampm") or "").lower().replace(".", "")
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        zone = (match.group("zone") or "utc").lower()
        if zone not in _ZONES:
            return None
        try:
            local = dt.datetime(
                int(match.group("year")), month, int(match.group("day")), hour,
                int(match.group("minute") or 0),
            )  # fmt: skip
        except ValueError:
            return None
        return _in_window(local - dt.timedelta(hours=_ZONES[zone]))
    return None


def iso(value: dt.datetime | None) -> str | None:
    """ISO 8601 in UTC with a ``Z``, as the export contract prints dates."""
    if value is None:
        return None
    return _to_utc_naive(value).replace(microsecond=0).isoformat() + "Z"
