"""Call logs as tables: carrier itemised bills (中国移动 / 联通 / 电信), call-centre CDRs,
hand-made sheets; csv / tsv / txt / xlsx / xls.

Written for a million rows: columns resolved once, per-value caches, rows taken in
batches and turned into calls column by column in C (see _rows), no per-row objects but
the Call itself.
"""
from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Sequence
from itertools import chain, islice, repeat
from operator import itemgetter
from datetime import date, datetime, time, timedelta
from pathlib import Path

from appealkit import numbers
from appealkit.errors import InputFileError
from appealkit.model import IN, OUT, UNKNOWN_DIRECTION, Call
from appealkit.readers._headers import is_call_header
from appealkit.readers._tables import RowSource, table_head
from appealkit.timeparse import parse_duration, parse_time

NAME = "通话记录表格"
KIND = "calls"
DESCRIPTION = "运营商通话详单、外呼系统话单、自制表格(csv / tsv / txt / xlsx / xls)"

FOOTERS = ("合计", "总计", "小计", "共计", "总数", "total", "summary", "备注:", "说明:", "注:")
_OUT_WORDS = {"主叫", "主叫呼出", "呼出", "去电", "拨出", "已拨", "已拨电话", "外呼", "outgoing", "out", "outbound",
              "mo", "o", "2", "呼出电话", "拨打"}
_IN_WORDS = {"被叫", "被叫呼入", "呼入", "来电", "已接来电", "已接", "incoming", "in", "inbound", "mt", "i", "1",
             "呼入电话", "接听"}
_MISSED_WORDS = {"未接", "未接来电", "missed", "3", "拒接", "已拒接", "rejected", "5", "拦截", "已拦截", "blocked", "6",
                 "语音信箱", "voicemail", "4", "呼入未接"}
_YES = {"接通", "已接通", "成功", "应答", "已应答", "answered", "answer", "success", "connected", "是", "yes", "y", "1",
        "true", "normal", "正常"}
_NO = {"未接通", "未接", "失败", "无人接听", "无应答", "忙", "用户忙", "拒接", "关机", "空号", "no answer", "noanswer",
       "busy", "failed", "fail", "否", "no", "n", "0", "false", "cancel", "cancelled", "未应答", "呼损"}
_PERIOD = re.compile(r"(\d{4})\s*[年\-/.]\s*(\d{1,2})(?:\s*[月\-/.]\s*(\d{1,2}))?")


def sniff(path: Path, head: bytes) -> bool:
    th = table_head(path, head)
    return th is not None and is_call_header(th.cols)


def _key(value: object) -> str:
    """A code cell as text: spreadsheets store the code 2 as 2.0."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip().lower() if value is not None else ""


def direction_of(value: object) -> tuple[str, bool | None, str]:
    """(direction, answered override, note) for a direction cell."""
    key = _key(value)
    if key in _OUT_WORDS:
        return OUT, None, ""
    if key in _IN_WORDS:
        return IN, None, ""
    if key in _MISSED_WORDS:
        return IN, False, ""
    if key == "7":
        return IN, True, "其他设备接听"
    if "呼出" in key or "主叫" in key:
        return OUT, None, ""
    if "呼入" in key or "被叫" in key or "来电" in key:
        return IN, (False if "未接" in key else None), ""
    return UNKNOWN_DIRECTION, None, f"未知类型 {value}"


def answered_of(value: object) -> bool | None:
    key = _key(value)
    if key in _YES:
        return True
    if key in _NO:
        return False
    if "未接" in key or "失败" in key or "未应答" in key:
        return False
    if "接通" in key or "成功" in key:
        return True
    return None


def _month_end(first: date) -> date:
    following = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return following - timedelta(days=1)


def period_end_from_titles(titles: list[str]) -> date | None:
    """The last day a bill covers, to give a year to times written without one."""
    ends = []
    for t in titles:
        for y, m, d in _PERIOD.findall(t):
            try:
                first = date(int(y), int(m), int(d or 1))  # a month 0 or 13 is no period
                ends.append(first if d else _month_end(first))
            except (ValueError, OverflowError):  # the year 0001 or 9999 (found by fuzzing)
                continue
    return max(ends) if ends else None


def parse(path: Path, ctx) -> Iterator[Call]:
    th = table_head(path, ctx.head)
    if th is None or not is_call_header(th.cols):
        return iter(())
    cols = th.cols
    own_default = ctx.own_named_in(*th.titles, ctx.rel)  # "手机号码:138…" in a title, or in the file's name
    if own_default is None and "own" not in cols and not ("caller" in cols and "callee" in cols):
        if len(ctx.own_numbers) == 1:
            own_default = ctx.own_numbers[0]
        else:
            own_default = ""
            ctx.warn("无法确定本机号码:文件名、标题和列中都没有申诉号码,案件有多个号码;请在文件名中注明号码,"
                     "如 详单_13800138000.csv")
    year_for = period_end_from_titles(th.titles) or ctx.year_for
    return chain.from_iterable(_rows(path, th, ctx, own_default or "", year_for))


STOP = object()  # a footer row: the table ends here


class _RowParser:
    """Turns one row into a Call, whatever the table's shape; None for a row to skip."""

    def __init__(self, th, ctx, own_default: str, year_for: date) -> None:
        cols = th.cols
        self.ti = cols.get("time", cols.get("date"))
        self.di = cols["date"] if "date" in cols and "time" in cols else None
        self.oi, self.ci, self.ei = cols.get("other"), cols.get("caller"), cols.get("callee")
        self.diri, self.duri, self.endi = cols.get("direction"), cols.get("duration"), cols.get("end")
        self.resi, self.owni, self.namei = cols.get("result"), cols.get("own"), cols.get("name")
        self.two_party = self.ci is not None and self.ei is not None and self.oi is None
        self.own_set = set(ctx.own_numbers)
        self.ctx, self.own_default, self.year_for = ctx, own_default, year_for
        self.dir_cache: dict[object, tuple[str, bool | None, str]] = {}
        self.dur_cache: dict[object, int] = {}

    @property
    def simple(self) -> bool:
        """The usual carrier bill: one number column, a direction and a duration column."""
        return (self.oi is not None and self.diri is not None and self.duri is not None and self.di is None
                and self.resi is None and self.owni is None and self.namei is None)

    def direction(self, value: object) -> tuple[str, bool | None, str]:
        d = self.dir_cache.get(value)
        if d is None:
            d = self.dir_cache[value] = direction_of(value)
        return d

    def duration(self, value: object) -> int:
        d = self.dur_cache.get(value)
        if d is None:
            d = parse_duration(_duration_cell(value))
            if len(self.dur_cache) < 50_000:
                self.dur_cache[value] = d
        return d

    def add_rows(self, lines: Sequence[int], rows: list[list], out: list[Call]) -> bool:
        """Append the calls of these rows; True when a footer ends the table."""
        for line, row in zip(lines, rows):
            call = self(row, line)
            if call is STOP:
                return True
            if call is not None:
                out.append(call)
        return False

    def add_bill_rows(self, lines: Sequence[int], rows: list[list], out: list[Call]) -> bool:
        """add_rows() for the usual carrier bill (see `simple`): looks values up in the caches
        first and asks the general parser only on a miss."""
        ti, oi, diri, duri = self.ti, self.oi, self.diri, self.duri
        dir_cache, dur_cache, num_cache = self.dir_cache, self.dur_cache, numbers._cache
        fromiso, rel, own, new, append = datetime.fromisoformat, self.ctx.rel, self.own_default, tuple.__new__, \
            out.append
        for line, row in zip(lines, rows):
            try:
                start = fromiso(row[ti])
                direction, answered, note = dir_cache[row[diri]]
                duration = dur_cache[row[duri]]
                raw = row[oi]
                other = num_cache[raw]
                if start.tzinfo is not None:
                    raise ValueError
            except (KeyError, ValueError, TypeError, IndexError):
                if self.add_rows((line,), (row,), out):
                    return True
                continue
            append(new(Call, (start, own, other, direction, duration > 0 if answered is None else answered,
                              duration, rel, line, "" if raw == other else raw, "", note, ())))
        return False

    def __call__(self, row: list, line: int):
        try:
            return self._parse(row, line)
        except (IndexError, ValueError, TypeError, OverflowError, AttributeError) as e:
            if _is_footer_or_blank(row):
                return STOP if _is_footer(row) else None
            if isinstance(e, IndexError):
                reason = "此行列数少于表头"
            else:
                reason = str(e) if isinstance(e, ValueError) else f"无法识别的单元格({type(e).__name__})"
            self.ctx.reject(line, reason)
        return None

    def _parse(self, row: list, line: int):
        raw_time = row[self.ti]
        if self.di is not None and not isinstance(raw_time, datetime):
            raw_time = _join_date_time(row[self.di], raw_time)
        start = parse_time(raw_time, self.year_for)
        if self.duri is not None:
            duration = self.duration(row[self.duri])
        elif self.endi is not None and row[self.endi] not in (None, ""):
            duration = max(0, int((parse_time(row[self.endi], self.year_for) - start).total_seconds()))
        else:
            duration = 0
        note, answered = "", None
        if self.two_party:
            caller, callee = numbers.normalize(row[self.ci]), numbers.normalize(row[self.ei])
            if caller in self.own_set:
                own, other, other_raw, direction = caller, callee, row[self.ei], OUT
            elif callee in self.own_set:
                own, other, other_raw, direction = callee, caller, row[self.ci], IN
            else:
                self.ctx.reject(line, f"主叫 {caller} 与被叫 {callee} 都不是申诉号码,无法判断方向")
                return None
            if self.diri is not None:
                answered = self.direction(row[self.diri])[1]
        else:
            other_raw = row[self.oi]
            other = numbers.normalize(other_raw)
            own_cell = row[self.owni] if self.owni is not None else None
            own = numbers.normalize(own_cell) if own_cell not in (None, "") else self.own_default
            if self.diri is not None:
                direction, answered, note = self.direction(row[self.diri])
            else:
                direction, note = UNKNOWN_DIRECTION, "未注明呼叫方向"
        if self.resi is not None:
            res = answered_of(row[self.resi])
            if res is not None:
                answered = res
        if answered is None:
            answered = duration > 0
        name = row[self.namei] if self.namei is not None else ""
        other_raw = other_raw if isinstance(other_raw, str) else numbers.normalize(other_raw)
        return Call(start, own, other, direction, answered, duration, self.ctx.rel, line,
                    "" if other_raw == other else other_raw, "" if name is None else str(name), note)


CHUNK = 4096  # calls handed over at once: a generator switch per call would cost
SMALL = 128  # rows the column path takes at once: few enough to stay in the CPU cache


def _rows(path: Path, th, ctx, own_default: str, year_for: date) -> Iterator[list[Call]]:
    """One generator for the whole table (each generator layer costs per row at a million rows).

    Rows come SMALL at a time. The common carrier bill goes through _Columns, which does
    in C what a loop would do per row; a batch it cannot take (a value not met before,
    another time format, a footer) goes row by row through _RowParser.add_bill_rows().
    """
    parser = _RowParser(th, ctx, own_default, year_for)
    src = RowSource(path, th)
    out: list[Call] = []
    try:
        with src:
            batches = src.batches(SMALL)
            if not parser.simple:
                for lines, rows in batches:
                    if parser.add_rows(lines, rows, out):
                        break
                    if len(out) >= CHUNK:
                        yield out
                        out = []
                yield out
                return
            columns = _Columns(parser, ctx.rel, own_default)
            for lines, rows in batches:
                calls = columns.calls(lines, rows)
                if calls is None:
                    stopped = parser.add_bill_rows(lines, rows, out)
                    columns.learn()
                    if stopped:
                        break
                else:
                    out += calls
                if len(out) >= CHUNK:
                    yield out
                    out = []
            yield out
    except InputFileError:  # a damaged xlsx
        yield out  # the rows read before the damage still count
        raise
    except (UnicodeDecodeError, csv.Error) as e:
        error = src.translate(e)
        yield out
        raise error from e


class _Columns:
    """Calls for a batch of bill rows, built column by column with map() and zip().

    Taken when every row is ordinary: an ISO time without offset, a direction code without
    answered/unknown notes, a duration and a counterpart already met. Anything else
    returns None and the batch goes row by row.
    """

    def __init__(self, parser: "_RowParser", rel: str, own: str) -> None:
        self.parser, self.rel, self.own = parser, rel, own
        self.time, self.direction = itemgetter(parser.ti), itemgetter(parser.diri)
        self.dur, self.other = itemgetter(parser.duri), itemgetter(parser.oi)
        self.plain_dir: dict[object, str] = {}
        self.learn()

    def learn(self) -> None:
        """Take up the direction codes the row parser has met since."""
        self.plain_dir = {k: d for k, (d, answered, note) in self.parser.dir_cache.items()
                          if answered is None and not note}

    def calls(self, lines: Sequence[int], rows: list[list]) -> list[Call] | None:
        for attempt in (1, 2):
            try:
                return self._calls(lines, rows)
            except KeyError:  # a value not met before: meet the batch's new values, then once more
                if attempt == 2 or not self._meet(rows):
                    return None
            except (ValueError, TypeError, IndexError):
                return None
        return None

    def _meet(self, rows: list[list]) -> bool:
        """Parse the durations, direction codes and numbers of these rows not seen before;
        False if one cannot be read (the row parser will report it with its line)."""
        parser = self.parser
        try:
            for value in set(map(self.dur, rows)) - parser.dur_cache.keys():
                parser.duration(value)
            for value in set(map(self.direction, rows)) - parser.dir_cache.keys():
                parser.direction(value)
            raws = list(map(self.other, rows))
            if not _plain_mobiles(raws):
                for value in set(raws) - numbers._cache.keys():
                    numbers.normalize(value)
        except (ValueError, TypeError, IndexError):
            return False
        self.learn()
        return True

    def _calls(self, lines: Sequence[int], rows: list[list]) -> list[Call]:
        n = len(rows)
        starts = list(map(datetime.fromisoformat, map(self.time, rows)))
        if min(starts).tzinfo is not None:  # all with an offset; a mix raises TypeError
            raise ValueError
        directions = list(map(self.plain_dir.__getitem__, map(self.direction, rows)))
        durations = list(map(self.parser.dur_cache.__getitem__, map(self.dur, rows)))
        raws = list(map(self.other, rows))
        if _plain_mobiles(raws):  # canonical already: spare a lookup, at random, in a dict of
            others, shown = raws, repeat("")  # every counterpart (0.3 s per million rows)
        else:
            others = list(map(numbers._cache.__getitem__, raws))
            shown = [raw if raw != other else "" for raw, other in zip(raws, others)]
        return list(map(tuple.__new__, repeat(Call, n), zip(
            starts, repeat(self.own), others, directions, map(bool, durations), durations, repeat(self.rel),
            lines, shown, repeat(""), repeat(""), repeat(()))))


def _plain_mobiles(cells: list) -> bool:
    """Are all these cells 11 ASCII digits from 1, which numbers.normalize() returns unchanged?
    Checked on their concatenation: str.isdigit() looks each character up in the Unicode
    tables, bytes.isdigit() does not. A cell that is not text raises TypeError."""
    joined = "".join(cells)
    n = len(cells)
    return (len(joined) == 11 * n and min(map(len, cells)) == 11 and joined.isascii()
            and joined.encode().isdigit() and joined[::11] == "1" * n)


def _is_footer(row: list) -> bool:
    first = next((c for c in row if c not in (None, "")), "")
    return isinstance(first, str) and first.strip().lower().startswith(FOOTERS)


def _is_footer_or_blank(row: list) -> bool:
    return not any(c not in (None, "") for c in row) or _is_footer(row)


def _duration_cell(value: object) -> object:
    """xlsx stores 00:02:34 as a time of day or a fraction of a day."""
    if isinstance(value, time):
        return value.hour * 3600 + value.minute * 60 + value.second
    if isinstance(value, timedelta):
        return int(value.total_seconds())
    if isinstance(value, datetime):  # a time typed into Excel becomes 1899-12-30 hh:mm:ss
        return value.hour * 3600 + value.minute * 60 + value.second
    return value


def _join_date_time(day: object, clock: object) -> object:
    if isinstance(day, datetime):
        day = day.date()
    if isinstance(clock, time):
        clock = clock.strftime("%H:%M:%S")
    if isinstance(day, date):
        day = day.isoformat()
    text = str(clock).strip()
    if any(sep in text for sep in ("-", "/", "年")):
        return clock  # the time column already holds a full date
    return f"{day} {text}"
