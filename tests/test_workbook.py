"""The workbook never turns input text into formulas or links, and splits past Excel's limit."""
from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from openpyxl import load_workbook

from appealkit.config import parse_case
from appealkit.evidence import Evidence
from appealkit.model import OUT, Call
from appealkit.relations import Relation
from appealkit.stats import compute
from appealkit.writers import workbook

CASE = parse_case('company = "=cmd|\' /C calc\'!A0"\nnumbers = ["13800138000"]\nplatforms = ["360"]\n'
                  'mark = "骚扰电话"\nappeal_date = 2026-12-04\n')
HOSTILE = ["=HYPERLINK(\"http://evil\",\"点我\")", "@SUM(A1)", "+1+1", "-2+3", "\t=1+1", "\r=1", "=1+1",
           "bad\x00\x07\x1bchars"]


def _evidence(calls: list[Call], names: dict[str, str]) -> Evidence:
    relations = {c.other: Relation("客户-项目沟通", names.get(c.other, ""), "通讯录.csv") for c in calls}
    stats = compute(calls, relations, CASE.window_start.date(), CASE.window_days)
    return Evidence(CASE, calls, relations, stats)


def test_hostile_text_is_written_as_text(tmp_path: Path) -> None:
    calls = [Call(datetime(2026, 11, 20, 9, i), "13800138000", f"1391234567{i}", OUT, True, 30, "a.csv", i + 1,
                  name=text, note=text) for i, text in enumerate(HOSTILE)]
    calls.append(Call(datetime(2026, 11, 21, 9, 0), "13800138000", "=2+2", OUT, True, 30, "=evil.csv", 9))
    names = {c.other: c.name for c in calls}
    path = tmp_path / "w.xlsx"
    workbook.write_workbook(_evidence(calls, names), path)
    wb = load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                assert cell.hyperlink is None
    ws = wb["通话时间线"]
    names_written = [ws.cell(row=r, column=6).value for r in range(2, len(HOSTILE) + 2)]
    assert names_written[0] == HOSTILE[0] and names_written[1] == "@SUM(A1)"
    assert "bad" in names_written[-1] and "\x00" not in names_written[-1]
    assert wb["说明"]["B1"].value.startswith("=cmd") and wb["说明"]["B1"].data_type == "s"


def test_numbers_are_text_cells_and_long_timelines_continue_on_a_second_sheet(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(workbook, "EXCEL_MAX_ROWS", 11)
    start = datetime(2026, 11, 20, 9)
    calls = [Call(start + timedelta(minutes=i), "13800138000", "13912345678", OUT, True, 30, "a.csv", i + 1)
             for i in range(25)]
    path = tmp_path / "w.xlsx"
    workbook.write_workbook(_evidence(calls, {}), path)
    wb = load_workbook(path)
    assert wb.sheetnames[:3] == ["通话时间线", "通话时间线(2)", "通话时间线(3)"]
    counts = [wb[n].max_row - 1 for n in wb.sheetnames[:3]]
    assert counts == [10, 10, 5]
    assert wb["通话时间线(2)"]["A2"].value == start + timedelta(minutes=10)
    assert wb["通话时间线"]["B2"].data_type == "s" and wb["通话时间线"]["E2"].value == "139****5678"


def test_unmasked_when_the_case_says_so(tmp_path: Path) -> None:
    case = CASE.model_copy(update={"mask_numbers": False})
    calls = [Call(datetime(2026, 11, 20, 9), "13800138000", "13912345678", OUT, True, 30, "a.csv", 1)]
    ev = _evidence(calls, {})
    ev = Evidence(case, ev.calls, ev.relations, ev.stats)
    path = tmp_path / "w.xlsx"
    workbook.write_workbook(ev, path)
    assert load_workbook(path)["通话时间线"]["E2"].value == "13912345678"


def test_calls_of_unknown_direction_count_in_every_total(tmp_path: Path) -> None:
    from appealkit.model import IN, UNKNOWN_DIRECTION
    day = datetime(2026, 11, 20, 9)
    calls = [Call(day, "13800138000", "13912345678", d, True, 30, "a.csv", i + 1)
             for i, d in enumerate((OUT, IN, UNKNOWN_DIRECTION))]
    ev = _evidence(calls, {})
    assert ev.stats.total == 3
    assert sum(d.total for d in ev.stats.days) == 3 and sum(p.total for p in ev.stats.parties) == 3
    path = tmp_path / "w.xlsx"
    workbook.write_workbook(ev, path)
    daily = {r[0].date(): r for r in load_workbook(path)["每日统计"].iter_rows(min_row=2, values_only=True)}
    assert daily[day.date()][3] == 3
