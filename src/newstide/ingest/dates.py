"""Publication dates from whatever the input gives, normalised to naive UTC datetimes."""

from __future__ import annotations

import calendar
import datetime as dt
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
        return _in_window(dt.datetime.fromtimestamp(calendar.timegm(value), dt.UTC).replace(tzinfo=None))
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


def iso(value: dt.datetime | None) -> str | None:
    """ISO 8601 in UTC with a ``Z``, as the export contract prints dates."""
    if value is None:
        return None
    return _to_utc_naive(value).replace(microsecond=0).isoformat() + "Z"
