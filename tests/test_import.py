"""Windowing and cross-source merging, on the golden files and on hand-made records."""
from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

from appealkit.build import gather
from appealkit.calls import merge_duplicates
from appealkit.model import IN, OUT, Call
from appealkit.readers import call_table, read_file
from tests.conftest import GOLDEN


def call(t: str, source: str, duration: int = 60, other: str = "13912345678", direction: str = OUT) -> Call:
    return Call(datetime.fromisoformat(t), "13800138000", other, direction, True, duration, source, 1)


def test_records_from_two_files_within_90s_and_5s_are_one_call() -> None:
    merged = merge_duplicates([call("2026-11-20 08:01:02", "bill.csv", 154), call("2026-11-20 08:02:32", "phone.xml", 159)])
    assert len(merged) == 1
    assert merged[0].all_sources() == ("bill.csv", "phone.xml")


def test_records_of_one_file_are_never_merged() -> None:
    assert len(merge_duplicates([call("2026-11-20 08:01:02", "bill.csv"), call("2026-11-20 08:01:03", "bill.csv")])) == 2


def test_merge_limits_are_exact() -> None:
    assert len(merge_duplicates([call("2026-11-20 08:00:00", "a"), call("2026-11-20 08:01:31", "b")])) == 2  # 91 s
    assert len(merge_duplicates([call("2026-11-20 08:00:00", "a", 60), call("2026-11-20 08:00:10", "b", 66)])) == 2
    assert len(merge_duplicates([call("2026-11-20 08:00:00", "a", 60), call("2026-11-20 08:01:30", "b", 65)])) == 1


def test_direction_and_counterpart_must_agree() -> None:
    assert len(merge_duplicates([call("2026-11-20 08:00:00", "a"), call("2026-11-20 08:00:01", "b", direction=IN)])) == 2
    assert len(merge_duplicates([call("2026-11-20 08:00:00", "a"), call("2026-11-20 08:00:01", "b", other="137")])) == 2


def test_a_third_file_joins_but_one_file_never_counts_twice() -> None:
    merged = merge_duplicates([call("2026-11-20 08:00:00", "a"), call("2026-11-20 08:00:01", "b"),
                               call("2026-11-20 08:00:02", "c"), call("2026-11-20 08:00:03", "b")])
    assert sorted(len(m.all_sources()) for m in merged) == [1, 3]


def _case_with(tmp_path: Path, *files: str) -> Path:
    case = tmp_path / "case"
    case.mkdir()
    (case / "case.toml").write_text('company = "测试"\nnumbers = ["13800138000"]\nplatforms = ["360"]\n'
                                    'mark = "骚扰电话"\nappeal_date = 2026-12-04\n', "utf-8")
    for name in files:
        shutil.copy(GOLDEN / name, case / name)
    return case


def test_window_boundaries_and_merge_through_the_whole_import(tmp_path: Path) -> None:
    case = _case_with(tmp_path, "bill_utf8.csv", "calls-20261204.xml")
    g = gather(case, case / "out")
    starts = [c.start for c in g.evidence.calls]
    assert datetime(2026, 11, 4, 23, 59, 59) not in starts  # one second before the window
    assert datetime(2026, 11, 5, 0, 0, 1) in starts  # first second inside
    pair = [c for c in g.evidence.calls if c.start == datetime(2026, 11, 20, 8, 1, 2)]
    assert len(pair) == 1 and pair[0].all_sources() == ("bill_utf8.csv", "calls-20261204.xml")
    summary = {s.rel: s for s in g.callset.summaries}
    assert summary["bill_utf8.csv"].out_of_window == 1 and summary["bill_utf8.csv"].rejected == 1
    assert summary["calls-20261204.xml"].merged == 1
    # bill: 6 read, 1 before the window; phone: 6 read, 1 before, 1 merged into the bill's row
    assert len(g.evidence.calls) == 5 + 5 - 1
    assert any(s.line == 9 and s.path == "bill_utf8.csv" for s in g.evidence.skipped)


def test_bill_phone_backup_and_cdr_end_to_end(tmp_path: Path, run) -> None:
    case = _case_with(tmp_path, "bill_gbk.csv", "calls-20261204.xml", "cdr_cloud.csv")
    toml = (case / "case.toml").read_text("utf-8").replace('["13800138000"]', '["13800138000", "020-87654321"]')
    (case / "case.toml").write_text(toml, "utf-8")
    r = run("build", case)
    assert r.code == 3  # the bill's bad row and the CDR's foreign row are reported
    from openpyxl import load_workbook
    wb = load_workbook(next((case / "out").glob("*_通话时间线_*.xlsx")), read_only=True)
    rows = list(wb["通话时间线"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 5 + 5 - 1 + 2
    merged = [r for r in rows if "、" in (r[10] or "")]
    assert len(merged) == 1 and merged[0][0] == datetime(2026, 11, 20, 8, 1, 2)


def test_own_number_from_the_file_name_when_the_case_has_several(tmp_path: Path) -> None:
    case = _case_with(tmp_path)
    toml = (case / "case.toml").read_text("utf-8").replace('["13800138000"]', '["13800138000", "020-87654321"]')
    (case / "case.toml").write_text(toml, "utf-8")
    rows = "起始时间,通信方式,对方号码,通信时长\n2026-11-20 10:00:00,主叫,13912345678,1分5秒\n"
    (case / "座机详单_020-87654321.csv").write_text(rows, "utf-8")
    (case / "无号码详单.csv").write_text(rows.replace("10:00:00", "11:00:00"), "utf-8")
    g = gather(case, case / "out")
    own = {c.source: c.own for c in g.evidence.calls}
    assert own == {"座机详单_020-87654321.csv": "02087654321", "无号码详单.csv": ""}
    assert [w for w in g.evidence.warnings if "无号码详单.csv" in w and "无法确定本机号码" in w]
    assert not [w for w in g.evidence.warnings if "座机详单" in w]


def test_fast_path_keeps_only_plain_mobiles_as_written(tmp_path: Path) -> None:
    """The bill loop skips normalize() for 11 ASCII digits from 1; every other spelling still
    gets its canonical form (full-width digits pass str.isdigit(), so they must not slip by)."""
    rows = ["起始时间,通信方式,对方号码,通信时长"]
    rows += [f"2026-11-20 08:{m:02d}:00,主叫,13912345678,1分0秒" for m in range(3)]  # fills the caches
    rows += ["2026-11-20 09:00:00,主叫,１３９１２３４５６７８,5秒",
             "2026-11-20 09:01:00,主叫,139 1234 5678,5秒",
             "2026-11-20 09:02:00,被叫,+8613912345678,5秒",
             "2026-11-20 09:03:00,被叫,1391234567x,5秒",
             "2026-11-20 09:04:00,被叫,15000000000,5秒",
             "2026-11-20 09:05:00,被叫,139１２３４５６７８,5秒"]  # half typed in full width
    bill = tmp_path / "详单_13800138000.csv"
    bill.write_text("\n".join(rows) + "\n", encoding="utf-8")
    reader, calls, ctx = read_file(bill, ("13800138000",), date(2026, 12, 4))
    assert reader is call_table and not ctx.row_errors
    assert [(c.other, c.other_raw) for c in calls[3:]] == [
        ("13912345678", "１３９１２３４５６７８"), ("13912345678", "139 1234 5678"),
        ("13912345678", "+8613912345678"), ("1391234567", "1391234567x"), ("15000000000", ""),
        ("13912345678", "139１２３４５６７８")]
