"""Call logs as tables: carrier itemised bills (中国移动 / 联通 / 电信), call-centre CDRs,
hand-made sheets; csv / tsv / txt / xlsx / xls.

The hot loop is written for a million rows: columns resolved once, per-value caches
for directions, no per-row objects but the Call itself.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path

from appealkit import numbers
from appealkit.model import IN, OUT, UNKNOWN_DIRECTION, Call
from appealkit.readers._headers import is_call_header
from appealkit.readers._tables import rows_after_header, table_head
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
_PHONE_IN_TEXT = re.compile(r"(?<!\d)(?:\+?86[\s-]?)?(1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}|0\d{2,3}-?\d{7,8})(?!\d)")
_PERIOD = re.compile(r"(\d{4})\s*[年\-/.]\s*(\d{1,2})(?:\s*[月\-/.]\s*(\d{1,2}))?")


def sniff(path: Path, head: bytes) -> bool:
    th = table_head(path, head)
    return th is not None and is_call_header(th.cols)


def direction_of(value: object) -> tuple[str, bool | None, str]:
    """(direction, answered override, note) for a direction cell."""
    key = str(value).strip().lower() if value is not None else ""
    if isinstance(value, float) and value.is_integer():
        key = str(int(value))
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
    key = str(value).strip().lower() if value is not None else ""
    if isinstance(value, float) and value.is_integer():
        key = str(int(value))
    if key in _YES:
        return True
    if key in _NO:
        return False
    if "未接" in key or "失败" in key or "未应答" in key:
        return False
    if "接通" in key or "成功" in key:
        return True
    return None


def own_from_titles(titles: list[str], own_numbers: tuple[str, ...]) -> str | None:
    """A bill's title line names the number it is for ("手机号码:138...")."""
    found = [numbers.normalize(m) for t in titles for m in _PHONE_IN_TEXT.findall(t)]
    mine = [n for n in found if n in own_numbers]
    if mine:
        return mine[0]
    return None


def period_end_from_titles(titles: list[str]) -> date | None:
    """The last day a bill covers, to give a year to times written without one."""
    ends = []
    for t in titles:
        for y, m, d in _PERIOD.findall(t):
            try:
                if d:
                    ends.append(date(int(y), int(m), int(d)))
                else:
                    nxt = date(int(y) + (int(m) == 12), int(m) % 12 + 1, 1)
                    ends.append(nxt - timedelta(days=1))
            except ValueError:
                continue
    return max(ends) if ends else None


def parse(path: Path, ctx) -> Iterator[Call]:
    th = table_head(path, ctx.head)
    if th is None or not is_call_header(th.cols):
        return
    cols = th.cols
    own_default = own_from_titles(th.titles, ctx.own_numbers)
    if own_default is None and "own" not in cols and not ("caller" in cols and "callee" in cols):
        if len(ctx.own_numbers) == 1:
            own_default = ctx.own_numbers[0]
        else:
            own_default = ""
            ctx.warn("无法确定本机号码:文件标题和列中都没有申诉号码,案件有多个号码;请在文件名或标题行注明号码")
    year_for = period_end_from_titles(th.titles) or ctx.year_for
    yield from _rows(path, th, ctx, own_default or "", year_for)


def _rows(path: Path, th, ctx, own_default: str, year_for: date) -> Iterator[Call]:
    cols = th.cols
    ti = cols.get("time", cols.get("date"))
    di = cols["date"] if "date" in cols and "time" in cols else None
    oi, ci, ei = cols.get("other"), cols.get("caller"), cols.get("callee")
    diri, duri, endi = cols.get("direction"), cols.get("duration"), cols.get("end")
    resi, owni, namei = cols.get("result"), cols.get("own"), cols.get("name")
    two_party = ci is not None and ei is not None and oi is None
    own_set = set(ctx.own_numbers)
    dir_cache: dict[object, tuple[str, bool | None, str]] = {}
    normalize = numbers.normalize
    rel = ctx.rel
    for line, row in rows_after_header(path, th):
        if not row:
            continue
        first = row[0]
        if isinstance(first, str) and first[:1] in _FOOTER_STARTS and first.strip().lower().startswith(FOOTERS):
            break
        try:
            raw_time = row[ti]
            if di is not None and not isinstance(raw_time, datetime):
                raw_time = _join_date_time(row[di], raw_time)
            start = parse_time(raw_time, year_for)
            if duri is not None:
                duration = parse_duration(_duration_cell(row[duri]))
            elif endi is not None and row[endi] not in (None, ""):
                duration = max(0, int((parse_time(row[endi], year_for) - start).total_seconds()))
            else:
                duration = 0
            note = ""
            answered = None
            if two_party:
                caller, callee = normalize(row[ci]), normalize(row[ei])
                if caller in own_set:
                    own, other, other_raw, direction = caller, callee, row[ei], OUT
                elif callee in own_set:
                    own, other, other_raw, direction = callee, caller, row[ci], IN
                else:
                    ctx.reject(line, f"主叫 {caller} 与被叫 {callee} 都不是申诉号码,无法判断方向")
                    continue
                if diri is not None:
                    answered = dir_cache.get(row[diri]) or dir_cache.setdefault(row[diri], direction_of(row[diri]))
                    answered = answered[1]
            else:
                other_raw = row[oi]
                other = normalize(other_raw)
                own = normalize(row[owni]) if owni is not None and row[owni] not in (None, "") else own_default
                if diri is not None:
                    key = row[diri]
                    d = dir_cache.get(key)
                    if d is None:
                        d = dir_cache[key] = direction_of(key)
                    direction, answered, note = d
                else:
                    direction, note = UNKNOWN_DIRECTION, "未注明呼叫方向"
            if resi is not None:
                res = answered_of(row[resi])
                if res is not None:
                    answered = res
            if answered is None:
                answered = duration > 0
            name = row[namei] if namei is not None else ""
        except IndexError:
            if not any(c not in (None, "") for c in row):
                continue  # a blank row padded short
            ctx.reject(line, "此行列数少于表头")
            continue
        except (ValueError, TypeError, OverflowError) as e:
            if not any(c not in (None, "") for c in row):
                continue
            ctx.reject(line, str(e))
            continue
        yield Call(start, own, other, direction, answered, duration, rel, line,
                   other_raw if isinstance(other_raw, str) else numbers.normalize(other_raw),
                   "" if name is None else str(name), note)


_FOOTER_STARTS = set("合总小共注备说tTsS")


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
