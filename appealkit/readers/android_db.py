"""The Android phone's own call log database (calllog.db, table `calls`)."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from appealkit import numbers
from appealkit.model import Call
from appealkit.readers._sqlite import MAGIC, open_readonly, tables
from appealkit.readers.android_xml import phone_owner, type_of
from appealkit.timeparse import from_epoch

NAME = "安卓通话数据库"
KIND = "calls"
DESCRIPTION = "安卓手机的 calllog.db(SQLite,calls 表)"


def sniff(path: Path, head: bytes) -> bool:
    return head.startswith(MAGIC) and "calls" in tables(path)


def parse(path: Path, ctx) -> Iterator[Call]:
    own = phone_owner(path, ctx)
    with open_readonly(path) as con:
        cols = {r[1] for r in con.execute("pragma table_info(calls)")}
        name_col = "name" if "name" in cols else "''"
        query = f"select rowid, number, date, duration, type, {name_col} from calls order by rowid"
        for rowid, raw, ms, duration, ctype, name in con.execute(query):
            try:
                start = from_epoch(int(ms) / 1000)
                duration = int(duration or 0)
            except (TypeError, ValueError, OverflowError):
                ctx.reject(rowid, f"第 {rowid} 条记录的时间或时长无法识别")
                continue
            direction, answered, note = type_of(str(ctype))
            if answered is None:
                answered = duration > 0
            raw = "" if raw is None else str(raw)
            yield Call(start, own, numbers.normalize(raw), direction, answered, duration, ctx.rel, rowid,
                       raw, name or "", note)
