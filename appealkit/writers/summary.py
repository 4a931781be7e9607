"""The batch summary workbook: one row per client, written atomically."""
from __future__ import annotations

import os
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from appealkit.writers.workbook import clean_text


def write_summary(path: Path, header: tuple[str, ...], rows: list[tuple]) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "批量汇总"
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([clean_text(v) if isinstance(v, str) else v for v in row])
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # a client name starting with "=" stays text
    for col, width in zip("ABCDEFG", (28, 16, 12, 24, 14, 50, 60)):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:G{len(rows) + 1}"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    wb.save(tmp)
    os.replace(tmp, path)
