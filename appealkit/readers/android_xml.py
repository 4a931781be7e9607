"""Android "SMS Backup & Restore" call backups: calls-*.xml, streamed.

The XML is untrusted: defusedxml with DTDs forbidden, so billion-laughs and external
entities are refused before any expansion, and elements are cleared as they are read.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from xml.etree.ElementTree import ParseError

from appealkit import numbers
from appealkit.errors import InputFileError
from appealkit.model import IN, OUT, UNKNOWN_DIRECTION, Call
from appealkit.timeparse import from_epoch

NAME = "安卓通话备份 XML"
KIND = "calls"
DESCRIPTION = "安卓 SMS Backup & Restore 导出的 calls-*.xml"

# type codes: 1 incoming, 2 outgoing, 3 missed, 4 voicemail, 5 rejected, 6 blocked,
# 7 answered elsewhere. Handset makers add others (100, 101 ...): kept, flagged.
TYPES: dict[str, tuple[str, bool | None, str]] = {
    "1": (IN, None, ""), "2": (OUT, None, ""), "3": (IN, False, "未接"), "4": (IN, False, "语音信箱"),
    "5": (IN, False, "拒接"), "6": (IN, False, "拦截"), "7": (IN, True, "其他设备接听"),
}


def sniff(path: Path, head: bytes) -> bool:
    text = head[:2048].lstrip(b"\xef\xbb\xbf \r\n\t")
    if not text.startswith(b"<"):
        return False
    return b"<calls" in head[:4096] or b"<call " in head[:8192]


def phone_owner(path: Path, ctx) -> str:
    """A phone backup does not say whose phone it is: the file name, or the case's only mobile."""
    named = ctx.own_named_in(ctx.rel)
    if named:
        return named
    mobiles = [n for n in ctx.own_numbers if numbers.kind(n) == "mobile"]
    if len(mobiles) == 1:
        return mobiles[0]
    ctx.warn("手机备份中没有本机号码,案件有多个手机号;本机号码一栏留空。可在文件名中写上号码,如 calls-13800138000.xml")
    return ""


def type_of(code: str) -> tuple[str, bool | None, str]:
    return TYPES.get(code.strip(), (UNKNOWN_DIRECTION, None, f"未知类型 {code}"))


def parse(path: Path, ctx) -> Iterator[Call]:
    own = phone_owner(path, ctx)
    n = 0
    try:
        for _event, elem in iterparse(str(path), events=("end",), forbid_dtd=True):
            if elem.tag != "call":
                continue
            n += 1
            call = _call(elem.attrib, n, own, ctx)
            elem.clear()
            if call is not None:
                yield call
    except DefusedXmlException as e:
        raise InputFileError("XML 含有 DTD 或实体定义,出于安全原因拒绝读取",
                             "请从手机重新导出;正常的通话备份不含 DTD") from e
    except ParseError as e:
        line = getattr(e, "position", (None,))[0]
        raise InputFileError(f"XML 格式错误(第 {line} 行):文件可能不完整",
                             "已读取损坏处之前的通话;请重新导出备份") from e
    except (LookupError, UnicodeError, ValueError) as e:  # e.g. an encoding= that does not exist
        raise InputFileError(f"XML 无法解码:{type(e).__name__}", "请从手机重新导出备份") from e


def _call(a: dict, n: int, own: str, ctx) -> Call | None:
    try:
        ms = int(a.get("date", ""))
        duration = int(a.get("duration", "0") or 0)
        if duration < 0:
            raise ValueError("时长为负数")
        start = from_epoch(ms / 1000)
    except (ValueError, OverflowError) as e:
        ctx.reject(None, f"第 {n} 条通话的时间或时长无法识别({e})")
        return None
    direction, answered, note = type_of(a.get("type", ""))
    if answered is None:
        answered = duration > 0
    raw = a.get("number", "")
    name = a.get("contact_name", "")
    if name == "(Unknown)":
        name = ""
    return Call(start, own, numbers.normalize(raw), direction, answered, duration, ctx.rel, n, raw, name, note)
