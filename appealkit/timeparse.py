"""Durations and call times in every form carriers, phones and call centres write them.

All times are returned as naive datetimes in China time (UTC+8). Parsers raise
ValueError with a Chinese reason; callers attach the file and line.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

CHINA = timezone(timedelta(hours=8))
APPLE_EPOCH_OFFSET = 978_307_200  # seconds from 1970-01-01 to 2001-01-01 UTC
_EPOCH = datetime(1970, 1, 1)
_EXCEL_EPOCH = datetime(1899, 12, 30)

_DUR_CN = re.compile(
    r"(?:(\d+)\s*(?:小时|时|h))?\s*(?:(\d+)\s*(?:分钟|分|m|min))?\s*(?:(\d+)\s*(?:秒钟|秒|s|sec))?",
    re.IGNORECASE,
)
_DUR_CLOCK = re.compile(r"(?:(\d+):)?(\d{1,2}):(\d{1,2})")
_dur_cache: dict[str, int] = {}


def parse_duration(value: object) -> int:
    """Seconds from 05秒, 2分34秒, 1分钟48秒, 1小时2分3秒, 00:02:34, 2:34 or plain seconds."""
    if isinstance(value, bool):
        raise ValueError(f"时长无法识别:{value!r}")
    if isinstance(value, int):
        if value < 0:
            raise ValueError(f"时长为负数:{value}")
        return value
    if isinstance(value, float):
        if value != value or value < 0 or value > 1e9:
            raise ValueError(f"时长无法识别:{value!r}")
        return int(round(value))
    text = "" if value is None else str(value)
    hit = _dur_cache.get(text)
    if hit is not None:
        return hit
    seconds = _parse_duration_text(text)
    if len(_dur_cache) < 100_000:
        _dur_cache[text] = seconds
    return seconds


def _parse_duration_text(text: str) -> int:
    s = text.strip().replace(" ", "")
    if not s:
        raise ValueError("时长为空")
    if s.isdigit():
        return int(s)
    try:
        f = float(s)
    except ValueError:
        pass
    else:
        if f != f or f < 0 or f > 1e9:
            raise ValueError(f"时长无法识别:{text!r}")
        return int(round(f))
    m = _DUR_CLOCK.fullmatch(s)
    if m:
        h, mi, se = (int(g) if g else 0 for g in m.groups())
        if mi >= 60 and h or se >= 60:
            raise ValueError(f"时长无法识别:{text!r}")
        return h * 3600 + mi * 60 + se
    m = _DUR_CN.fullmatch(s)
    if m and any(m.groups()):
        h, mi, se = (int(g) if g else 0 for g in m.groups())
        return h * 3600 + mi * 60 + se
    raise ValueError(f"时长无法识别:{text!r}(应为如 2分34秒、00:02:34 或秒数)")


def format_duration(seconds: int) -> str:
    """m分s秒 (with 小时 when needed): the form reviewers read in Chinese bills."""
    h, rest = divmod(int(seconds), 3600)
    m, s = divmod(rest, 60)
    if h:
        return f"{h}小时{m}分{s}秒"
    if m:
        return f"{m}分{s}秒"
    return f"{s}秒"


_CN_DATE = re.compile(
    r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日?\s*(\d{1,2})[:：时](\d{1,2})(?:[:：分](\d{1,2})秒?)?"
)
_GENERIC = re.compile(
    r"(?:(\d{4})[-/.])?(\d{1,2})[-/.](\d{1,2})(?:[T\s]+(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?(?:\.\d+)?)?"
)
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})")


def from_epoch(seconds: float) -> datetime:
    """A Unix time as naive China time, to the whole second (bills show no fractions)."""
    return _EPOCH + timedelta(seconds=int(seconds // 1) + 8 * 3600)


def from_apple_epoch(seconds: float) -> datetime:
    return from_epoch(seconds + APPLE_EPOCH_OFFSET)


def from_excel_serial(serial: float) -> datetime:
    return _EXCEL_EPOCH + timedelta(days=serial)


def parse_time(value: object, year_for: date | None = None) -> datetime:
    """A call's start time in China time.

    `year_for` is the last day a call can fall on (the appeal date or the bill's period
    end); times written without a year get the latest year that does not pass it.
    """
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            return value.astimezone(CHINA).replace(tzinfo=None)
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _from_number(float(value))
    text = "" if value is None else str(value).strip()
    if not text:
        raise ValueError("时间为空")
    try:
        # Fast path: the ISO form every modern export uses.
        dt = datetime.fromisoformat(text)
    except ValueError:
        return _parse_time_slow(text, year_for)
    if dt.tzinfo is not None:
        return dt.astimezone(CHINA).replace(tzinfo=None)
    return dt


def _from_number(f: float) -> datetime:
    if f != f:
        raise ValueError("时间无法识别:NaN")
    if 1e12 <= f < 1e14:  # epoch milliseconds
        return from_epoch(f / 1000)
    if 1e9 <= f < 1e10:  # epoch seconds
        return from_epoch(f)
    if 20000 < f < 80000:  # an Excel date serial that lost its format
        return from_excel_serial(f)
    raise ValueError(f"时间无法识别:{f!r}(不是有效的时间戳)")


def _parse_time_slow(text: str, year_for: date | None) -> datetime:
    s = text.replace("\u3000", " ").strip()
    if s.isdigit():
        if len(s) == 14:
            return _build(*_COMPACT.fullmatch(s).groups(), year_for=year_for, text=text)
        return _from_number(float(s))
    m = _CN_DATE.fullmatch(s) or _GENERIC.fullmatch(s)
    if not m:
        raise ValueError(f"时间无法识别:{text!r}(应为如 2026-11-04 08:01:02)")
    return _build(*m.groups(), year_for=year_for, text=text)


def _build(year, month, day, hour=None, minute=None, second=None, *, year_for, text) -> datetime:
    try:
        mo, d = int(month), int(day)
        hh, mi, ss = int(hour or 0), int(minute or 0), int(second or 0)
        if year:
            return datetime(int(year), mo, d, hh, mi, ss)
        return _infer_year(mo, d, hh, mi, ss, year_for, text)
    except ValueError as e:
        if "时间" in str(e):
            raise
        raise ValueError(f"时间无法识别:{text!r}(日期或时刻超出范围)") from None


def _infer_year(mo, d, hh, mi, ss, year_for: date | None, text: str) -> datetime:
    if year_for is None:
        raise ValueError(f"时间 {text!r} 没有年份,且无法从账单周期推断")
    dt = datetime(year_for.year, mo, d, hh, mi, ss)
    if dt.date() > year_for:
        dt = datetime(year_for.year - 1, mo, d, hh, mi, ss)
    return dt
