"""The timeline workbook: 通话时间线, 联系人关系, 每日统计 (with a chart), 说明.

Written with openpyxl's write-only mode so memory does not grow with rows. No text
from an input file can become a formula or a link: such cells are forced to text.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.writer.excel import ExcelWriter

from appealkit.calls import window_label
from appealkit.evidence import Evidence
from appealkit.present import yes_no
from appealkit.timeparse import format_duration
from appealkit.writers.deterministic_zip import FixedTimeZipFile

EXCEL_MAX_ROWS = 1_048_576
TIMELINE = "通话时间线"
TIMELINE_HEADER = ("时间", "本机号码", "方向", "接通", "对方号码", "联系人", "关系", "依据", "时长(秒)", "时长", "来源", "备注")
TIMELINE_WIDTHS = (20, 15, 6, 6, 16, 14, 18, 24, 9, 11, 36, 14)
PARTIES_HEADER = ("对方号码", "联系人", "关系", "依据", "呼出", "呼入", "接通", "总时长(秒)", "总时长", "首次通话", "最近通话")
DAILY_HEADER = ("日期", "呼出", "呼入", "合计", "接通", "总分钟")
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="305496")


def clean_text(text: str) -> str:
    """Without the control characters Excel rejects (openpyxl would raise on them)."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


class TextCells:
    """Text from input files, made safe for a cell: never a formula, no illegal characters."""

    def __init__(self, ws) -> None:
        self.ws = ws
        self._cache: dict[str, object] = {}

    def __call__(self, text: str) -> object:
        hit = self._cache.get(text)
        if hit is not None:
            return hit
        clean = clean_text(text)
        if clean.startswith("="):
            cell = WriteOnlyCell(self.ws, clean)
            cell.data_type = "s"  # openpyxl would write it as a formula otherwise
            value: object = cell
        else:
            value = clean
        if len(self._cache) < 200_000 and isinstance(value, str):
            self._cache[text] = value
        return value


def write_workbook(ev: Evidence, path: Path, progress=None) -> None:
    wb = Workbook(write_only=True)
    _timeline(wb, ev, progress)
    _parties(wb, ev)
    _daily(wb, ev)
    _notes(wb, ev)
    fixed = datetime(ev.case.appeal_date.year, ev.case.appeal_date.month, ev.case.appeal_date.day)
    wb.properties.creator = "appealkit"
    wb.properties.title = f"{ev.case.company} 通话时间线"
    wb.properties.created = wb.properties.modified = fixed
    with FixedTimeZipFile(path, "w", compression=8, allowZip64=True,
                          date_time=(fixed.year, fixed.month, fixed.day, 0, 0, 0)) as archive:
        ExcelWriter(wb, archive).save()


def _header(ws, names: tuple[str, ...]) -> list:
    cells = []
    for name in names:
        c = WriteOnlyCell(ws, name)
        c.font, c.fill = _HEADER_FONT, _HEADER_FILL
        c.alignment = Alignment(horizontal="center")
        cells.append(c)
    return cells


def _sheet(wb, title: str, header: tuple[str, ...], widths: tuple[int, ...]):
    ws = wb.create_sheet(title)
    for i, w in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + i)].width = w
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.append(_header(ws, header))
    return ws


def _finish(ws, header: tuple[str, ...], rows: int) -> None:
    last_col = chr(ord("A") + len(header) - 1)
    ws.auto_filter.ref = f"A1:{last_col}{rows + 1}"


def _timeline(wb, ev: Evidence, progress) -> None:
    per_sheet = EXCEL_MAX_ROWS - 1
    sheet_no, rows = 1, 0
    ws = _sheet(wb, TIMELINE, TIMELINE_HEADER, TIMELINE_WIDTHS)
    text = TextCells(ws)
    number, relation = ev.number, ev.relations
    durations: dict[int, str] = {}
    sources: dict[tuple, object] = {}
    append = ws.append
    for i, c in enumerate(ev.calls, start=1):
        if rows == per_sheet:
            _finish(ws, TIMELINE_HEADER, rows)
            sheet_no += 1
            ws = _sheet(wb, f"{TIMELINE}({sheet_no})", TIMELINE_HEADER, TIMELINE_WIDTHS)
            text, append, rows = TextCells(ws), ws.append, 0
        rel = relation.get(c.other)
        dur = durations.get(c.duration)
        if dur is None:
            dur = durations[c.duration] = format_duration(c.duration)
        key = c.sources or c.source
        src = sources.get(key)
        if src is None:
            src = sources[key] = text("、".join(c.all_sources()))
        append((c.start, number(c.own) if c.own else "", c.direction, yes_no(c.answered),
                text(number(c.other)), text(rel.name if rel and rel.name else c.name),
                text(rel.label) if rel else "未登记", text(rel.basis) if rel else "",
                c.duration, dur, src, text(c.note) if c.note else ""))
        rows += 1
        if progress is not None and i % 100_000 == 0:
            progress("workbook", i)
    _finish(ws, TIMELINE_HEADER, rows)


def _parties(wb, ev: Evidence) -> None:
    ws = _sheet(wb, "联系人关系", PARTIES_HEADER, (16, 14, 18, 24, 7, 7, 7, 11, 12, 20, 20))
    text = TextCells(ws)
    for p in ev.stats.parties:
        r = p.relation
        ws.append((text(ev.number(p.number)), text(r.name), text(r.label), text(r.basis), p.outgoing, p.incoming,
                   p.answered, p.seconds, format_duration(p.seconds), p.first, p.last))
    _finish(ws, PARTIES_HEADER, len(ev.stats.parties))


def _daily(wb, ev: Evidence) -> None:
    ws = _sheet(wb, "每日统计", DAILY_HEADER, (12, 8, 8, 8, 8, 10))
    for d in ev.stats.days:
        date_cell = WriteOnlyCell(ws, d.day)
        date_cell.number_format = "yyyy-mm-dd"
        ws.append((date_cell, d.outgoing, d.incoming, d.total, d.answered, round(d.seconds / 60, 1)))
    n = len(ev.stats.days)
    chart = BarChart()
    chart.type = "col"
    chart.grouping = "stacked"
    chart.overlap = 100
    chart.title = "每日通话量"
    chart.y_axis.title = "次数"
    chart.x_axis.title = "日期"
    chart.height, chart.width = 9, 22
    data = Reference(ws, min_col=2, max_col=3, min_row=1, max_row=n + 1)
    cats = Reference(ws, min_col=1, min_row=2, max_row=n + 1)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(cats)
    ws.add_chart(chart, "H2")
    _finish(ws, DAILY_HEADER, n)


def _notes(wb, ev: Evidence) -> None:
    ws = wb.create_sheet("说明")
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 90
    text = TextCells(ws)
    case = ev.case
    rows: list[tuple] = [
        ("企业名称", text(case.company)),
        ("统一社会信用代码", case.credit_code or "(未填写)"),
        ("申诉号码", "、".join(ev.number(n) for n in case.numbers)),
        ("错误标记", text(case.mark)),
        ("申诉日期", case.appeal_date.isoformat()),
        ("统计窗口", f"{window_label(case.window_start, case.window_end)}(共 {case.window_days} 天,北京时间)"),
        ("号码脱敏", "已对第三方号码脱敏(如 138****5678)" if case.mask_numbers else "未脱敏"),
        ("", ""),
        ("读取的通话记录", ""),
    ]
    for s in ev.sources:
        rows.append((text(s.rel), f"{s.reader}:读取 {s.read} 条,窗口内 {s.in_window} 条,窗口外 {s.out_of_window} 条,"
                                  f"合并重复 {s.merged} 条,无法识别 {s.rejected} 行" + (f";{s.failed}" if s.failed else "")))
    rows += [("", ""), ("统计指标", "")]
    for f in ev.stats.figures:
        rows.append((f.label, f"{f.value} —— {f.verdict}" + ("(注意:易被判定为骚扰特征)" if f.flag else "")))
    rows += [("", ""), ("如何阅读", "")]
    for line in _HOW_TO_READ:
        rows.append(("", line))
    for row in rows:
        ws.append(row)


_HOW_TO_READ = (
    "「通话时间线」列出窗口内每一次通话,按时间排序;「来源」注明来自哪个文件,同一通话出现在多个文件时合并为一行并列出全部来源。",
    "「关系」来自通讯录、合同/预约记录中的号码或 case.toml 中的规则;「依据」注明出处;无出处的号码标为「未登记」。",
    "「联系人关系」按通话对象汇总;「每日统计」给出每日通话量及图表。",
    "第三方号码按个人信息保护惯例脱敏显示;申诉号码完整显示。",
)
