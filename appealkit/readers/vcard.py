"""vCard (.vcf) contact exports from phones: FN, TEL, ORG, CATEGORIES, NOTE."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import vobject

from appealkit import numbers
from appealkit.errors import InputFileError
from appealkit.model import Contact
from appealkit.readers._text import detect_encoding

NAME = "vCard 通讯录"
KIND = "contacts"
DESCRIPTION = "手机导出的 vCard 通讯录(.vcf)"
MAX_BYTES = 50_000_000


def sniff(path: Path, head: bytes) -> bool:
    text = head[:4096].lstrip(b"\xef\xbb\xbf \r\n\t").upper()
    if text.startswith(b"\xff\xfe") or text.startswith(b"\xfe\xff"):
        text = head.decode("utf-16", "ignore").upper().lstrip("\ufeff \r\n").encode()
    return text.startswith(b"BEGIN:VCARD")


def _value(card, name: str) -> str:
    item = getattr(card, name, None)
    if item is None:
        return ""
    value = item.value
    if isinstance(value, (list, tuple)):
        return "、".join(str(v) for v in value if v)
    if hasattr(value, "family"):  # vobject's Name
        return f"{value.family}{value.given}".strip()
    return str(value).strip()


def parse(path: Path, ctx) -> Iterator[Contact]:
    if path.stat().st_size > MAX_BYTES:
        raise InputFileError("vCard 文件超过 50 MB,不像通讯录导出", "请只导出需要的联系人")
    raw = path.read_bytes()
    text = raw.decode(detect_encoding(path, raw[:262144]), errors="replace")
    n = 0  # cards read so far, for the message if the next one is broken
    try:
        for card in vobject.readComponents(text, ignoreUnreadable=True):
            n += 1
            yield from _contacts(card, n, ctx)
    except InputFileError:
        raise
    except Exception as e:  # vobject raises ParseError and plain errors on odd input
        raise InputFileError(f"vCard 格式错误(第 {n + 1} 张名片附近):{type(e).__name__}",
                             "请从手机重新导出通讯录") from e


def _contacts(card, n: int, ctx) -> Iterator[Contact]:
    if card.name.upper() != "VCARD":
        return
    name = _value(card, "fn") or _value(card, "n")
    org = _value(card, "org")
    relation = _value(card, "categories")
    purpose = _value(card, "note")
    if org and not purpose:
        purpose = org
    tels = card.contents.get("tel", [])
    if not tels:
        return
    for tel in tels:
        number = numbers.normalize(str(tel.value))
        if number:
            yield Contact(number, name, relation, purpose, ctx.rel)
        else:
            ctx.reject(None, f"第 {n} 张名片的号码无法识别:{str(tel.value)[:40]!r}")
