"""Windowing and cross-source merging, on the golden files and on hand-made records."""
from __future__ import annotations

import csv
import io
import shutil
import zipfile
from datetime import date, datetime
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from appealkit.build import gather
from appealkit.calls import merge_duplicates
from appealkit.model import IN, OUT, Call
from appealkit.readers import call_table, read_file
from appealkit.readers._tables import start_lines
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


def _case_with(tmp_path: Path, *files: str | Path) -> Path:
    """A case holding these golden files (by name) or files made by the test (by path)."""
    case = tmp_path / "case"
    case.mkdir()
    (case / "case.toml").write_text('company = "测试"\nnumbers = ["13800138000"]\nplatforms = ["360"]\n'
                                    'mark = "骚扰电话"\nappeal_date = 2026-12-04\n', "utf-8")
    for file in files:
        source = file if isinstance(file, Path) else GOLDEN / file
        shutil.copy(source, case / source.name)
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
    """The column path keeps 11 ASCII digits from 1 as written, without normalize(); every other
    spelling still gets its canonical form (full-width digits pass str.isdigit(): they must not
    slip by)."""
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
    # a batch of mobiles only, one of them half in full width: still not kept as written
    bill.write_text("\n".join(rows[:4] + [rows[-1]]) + "\n", encoding="utf-8")
    _, calls, _ = read_file(bill, ("13800138000",), date(2026, 12, 4))
    assert [(c.other, c.other_raw) for c in calls] == [("13912345678", "")] * 3 + [
        ("13912345678", "139１２３４５６７８")]


def _bill_rows(n: int) -> list[str]:
    """A carrier bill of n calls in every shape the column path must hand to the row path."""
    odd = {7: "2026-11-20 09:00:00,广州,主叫,020-8765 4321,1分0秒,本地,0",  # landline
           8: "2026-11-20 09:00:01,广州,主叫,4008123123,00:02:34,本地,0",  # toll-free, clock form
           9: "2026-11-20 09:00:02,广州,被叫,１３９１２３４５６７８,5秒,本地,0",  # full width
           150: "2026-11-20 09:00:03,广州,未接,13912345678,0秒,本地,0",  # missed: answered = no
           151: "2026-11-20 09:00:04,广州,9,13912345678,5秒,本地,0",  # unknown code, kept and noted
           152: "2026-11-20T09:00:05+08:00,广州,主叫,13912345678,5秒,本地,0",  # with an offset
           153: "2026/11/20 9:01,广州,主叫,13912345678,5秒,本地,0",  # another time form
           154: "不是时间,广州,主叫,13912345678,5秒,本地,0",  # rejected, with its line
           155: "",  # blank line
           156: '2026-11-20 09:00:06,"广州\n天河",主叫,13912345678,5秒,本地,0',  # a cell over two lines
           300: "2026-11-20 09:00:07,广州,被叫,-1,5秒,本地,0"}  # hidden number
    rows = ["中国移动 客户通话详单", "起始时间,通信地点,通信方式,对方号码,通信时长,通信类型,费用"]
    for i in range(n):
        rows.append(odd.get(i, f"2026-11-2{i % 3} 1{i % 10}:{i % 60:02d}:{i % 59:02d},广州,{'主叫' if i % 2 else '被叫'},"
                               f"13{i % 10}{i:08d},{i % 7}分{i % 60}秒,本地,0"))
    return rows + ["合计,,,,,,0", "2026-11-21 10:00:00,广州,主叫,13912345678,5秒,本地,0"]  # nothing after 合计


def test_column_path_gives_the_records_of_the_row_path(tmp_path: Path, monkeypatch) -> None:
    bill = tmp_path / "详单_13800138000.csv"
    bill.write_text("\n".join(_bill_rows(400)) + "\n", encoding="gb18030")
    args = (bill, ("13800138000",), date(2026, 12, 4))
    _, by_columns, ctx_columns = read_file(*args)
    monkeypatch.setattr(call_table._Columns, "calls", lambda self, lines, rows: None)
    _, by_rows, ctx_rows = read_file(*args)
    assert by_columns == by_rows and len(by_columns) == 398  # 400 rows, one rejected, one blank
    assert [(s.line, s.reason) for s in ctx_columns.row_errors] == [(s.line, s.reason) for s in ctx_rows.row_errors]
    assert [s.line for s in ctx_columns.row_errors] == [157]  # title, header, then row 154 on line 157
    after_two_line_cell = [c for c in by_columns if c.start == datetime(2026, 11, 20, 9, 0, 7)]
    assert after_two_line_cell[0].line == 2 + 300 + 2  # lines before the data, then one more for the cell
    by_start = {c.start: c for c in by_columns}
    assert by_start[datetime(2026, 11, 20, 9, 0)].other == "02087654321"
    assert by_start[datetime(2026, 11, 20, 9, 0, 1)].duration == 154
    assert by_start[datetime(2026, 11, 20, 9, 0, 3)].answered is False
    assert by_start[datetime(2026, 11, 20, 9, 0, 4)].note == "未知类型 9"
    assert datetime(2026, 11, 20, 9, 0, 5) in by_start  # +08:00 is China time already
    assert datetime(2026, 11, 21, 10, 0) not in by_start


def test_rows_before_a_decoding_error_mid_batch_are_kept(tmp_path: Path) -> None:
    bill = tmp_path / "详单_13800138000.csv"
    rows = [r for n, r in enumerate(_bill_rows(6000)) if n < 2 or 2 + 200 <= n < 2 + 6000]  # no odd rows
    assert len(rows) == 2 + 5800  # 45 batches of 128 and 40 rows: the damage falls inside a batch,
    # and past the 256 KB the encoding is judged on
    bill.write_bytes("\n".join(rows).encode("gb18030") + b"\n2026-11-20 09:00:00,\xff\xff\xff,x\n")
    case = _case_with(tmp_path, bill)
    g = gather(case, case / "out")
    summary = g.callset.summaries[0]
    # The text layer decodes 8 KB at a time, so the rows of the block holding the damage are
    # lost with it; everything before is kept, including a batch cut short (not a multiple of 128).
    assert 5800 - 100 < summary.read < 5800 and summary.read % 128
    assert f"第 {summary.read + 3} 行附近" in summary.failed


@given(st.lists(st.lists(st.text(alphabet="ab,\"\r\n 中", max_size=6), min_size=1, max_size=4), max_size=30),
       st.sampled_from(["\r\n", "\n"]))
@settings(max_examples=200, deadline=None)
def test_start_lines_are_where_csv_starts_each_row(rows: list[list[str]], terminator: str) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=terminator).writerows(rows)
    reader = csv.reader(io.StringIO(buffer.getvalue(), newline=""))
    expected, read = [], []
    while True:
        before = reader.line_num
        row = next(reader, None)
        if row is None:
            break
        expected.append(before + 1)
        read.append(row)
    assert list(start_lines(0, read)) == expected


def test_rows_before_damage_in_an_xlsx_are_kept(tmp_path: Path) -> None:
    from openpyxl import Workbook
    good = tmp_path / "good.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["起始时间", "通信方式", "对方号码", "通信时长"])
    for i in range(3000):
        ws.append([f"2026-11-20 08:{i % 60:02d}:{i % 59:02d}", "主叫", f"139{i:08d}", "1分0秒"])
    wb.save(good)
    broken = tmp_path / "详单_13800138000.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(broken, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) * 2 // 3]  # the sheet stops mid-element
            dst.writestr(item, data)
    case = _case_with(tmp_path, broken)
    summary = gather(case, case / "out").callset.summaries[0]
    assert summary.failed and 1000 < summary.read < 3000  # what came before the damage is kept


@given(st.from_regex(r"[0-9]{1,4}[年\-/.][0-9]{1,2}(?:[月\-/.][0-9]{1,2})?", fullmatch=True))
def test_bill_period_in_a_title_never_raises(title: str) -> None:
    end = call_table.period_end_from_titles([f"查询周期:{title}"])
    assert end is None or isinstance(end, date)


def test_bill_period_edges() -> None:
    ends = call_table.period_end_from_titles
    assert ends(["查询周期:2026年2月"]) == date(2026, 2, 28)
    assert ends(["2026-11-05至2026-12-04"]) == date(2026, 12, 4)
    assert ends(["0001年0月"]) is None and ends(["9999年12月"]) is None  # found by fuzzing: OverflowError
