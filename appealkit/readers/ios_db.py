"""iOS CallHistory.storedata (SQLite, table ZCALLRECORD; Apple epoch)."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from appealkit import numbers
from appealkit.readers.android_xml import phone_owner
from appealkit.model import IN, OUT, Call
from appealkit.readers._sqlite import MAGIC, open_readonly, tables
from appealkit.timeparse import from_apple_epoch

NAME = "iOS 通话记录"
KIND = "calls"
DESCRIPTION = "iPhone 备份中的 CallHistory.storedata(ZCALLRECORD 表)"
_CALL_TYPES = {1: "", 8: "FaceTime 视频", 16: "FaceTime 音频", 0: "第三方应用"}


def sniff(path: Path, head: bytes) -> bool:
    return head.startswith(MAGIC) and "ZCALLRECORD" in tables(path)


def _address(value: object) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return "" if value is None else str(value)


def parse(path: Path, ctx) -> Iterator[Call]:
    own = phone_owner(path, ctx)
    with open_readonly(path) as con:
        cols = {r[1] for r in con.execute("pragma table_info(ZCALLRECORD)")}
        calltype = "ZCALLTYPE" if "ZCALLTYPE" in cols else "1"
        query = ("select Z_PK, ZDATE, ZDURATION, ZADDRESS, ZORIGINATED, ZANSWERED, "
                 f"{calltype} from ZCALLRECORD order by Z_PK")
        for pk, zdate, zdur, addr, originated, answered, ctype in con.execute(query):
            try:
                start = from_apple_epoch(float(zdate))
                duration = int(round(float(zdur or 0)))
            except (TypeError, ValueError, OverflowError):
                ctx.reject(pk, f"第 {pk} 条记录的时间或时长无法识别")
                continue
            raw = _address(addr)
            note = _CALL_TYPES.get(ctype, f"未知类型 {ctype}") if ctype != 1 else ""
            direction = OUT if originated == 1 else IN
            yield Call(start, own, numbers.normalize(raw), direction, bool(answered) or duration > 0, duration,
                       ctx.rel, pk, raw, "", note)
