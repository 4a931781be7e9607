"""Contact books kept as spreadsheets: 号码, 姓名, 关系, 事由 (or English names)."""
from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from appealkit import numbers
from appealkit.model import Contact
from appealkit.readers._headers import is_contact_header
from appealkit.readers._tables import RowSource, table_head

NAME = "通讯录表格"
KIND = "contacts"
DESCRIPTION = "客户名单 / 通讯录表格(号码、姓名、关系、事由)"


def sniff(path: Path, head: bytes) -> bool:
    th = table_head(path, head)
    return th is not None and is_contact_header(th.cols)


def _cell(row: list, index: int | None) -> str:
    if index is None or index >= len(row) or row[index] is None:
        return ""
    value = row[index]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def parse(path: Path, ctx) -> Iterator[Contact]:
    th = table_head(path, ctx.head)
    if th is None:
        return
    cols = th.cols
    src = RowSource(path, th)
    try:
        with src:
            for row in src:
                raw = _cell(row, cols.get("other"))
                if not raw:
                    continue
                number = numbers.normalize(raw)
                if not number:
                    ctx.reject(src.current_line, f"号码无法识别:{raw!r}")
                    continue
                yield Contact(number, _cell(row, cols.get("name")), _cell(row, cols.get("relation")),
                              _cell(row, cols.get("purpose")), ctx.rel)
    except (UnicodeDecodeError, csv.Error) as e:
        raise src.translate(e) from e
