"""What a person sees on the terminal: progress on stderr, summaries in Chinese."""
from __future__ import annotations

import sys
import time

import click

from appealkit.build import BuildReport
from appealkit.check import Readiness

_STAGES = {"workbook": "写入工作簿", "bundle-size": "证据包超出大小,压缩图片后重试", "workbook-done": "工作簿完成",
           "bundle-done": "证据包完成"}


class ProgressPrinter:
    """A live line on a terminal; a line every few seconds otherwise; nothing with --quiet."""

    def __init__(self, quiet: bool = False) -> None:
        self.quiet = quiet
        self.tty = sys.stderr.isatty()
        self._last = 0.0

    def __call__(self, stage: str, n: int) -> None:
        if self.quiet:
            return
        label = _STAGES.get(stage)
        if label is None:
            text = f"导入 {stage}:已读取 {n:,} 条"
        elif stage == "bundle-size":
            text = f"{label}(当前 {n / 1e6:.1f} MB)"
        else:
            text = f"{label}:{n:,}"
        now = time.monotonic()
        if self.tty:
            click.echo(f"\r\033[K{text}", err=True, nl=False)
            if stage.endswith("-done"):
                click.echo("", err=True)
        elif now - self._last > 2 or stage.endswith("-done"):
            click.echo(text, err=True)
            self._last = now

    def done(self) -> None:
        if self.tty and not self.quiet:
            click.echo("\r\033[K", err=True, nl=False)


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e5 else f"{n / 1e3:.0f} KB"


def print_build(report: BuildReport, quiet: bool) -> None:
    if not quiet:
        click.echo(f"【{report.company}】证据包已生成于 {report.out_dir}")
        for o in report.outputs:
            if o["kind"] == "申诉证据包":
                click.echo(f"  证据包:{o['path']}({report.pages} 页,{_size(o['size'])})")
            elif o["kind"] == "通话时间线":
                click.echo(f"  时间线工作簿:{o['path']}(窗口内 {report.calls} 次通话)")
        for src in report.sources:
            click.echo(f"  导入 {src['rel']}:读取 {src['read']} 条,窗口内 {src['in_window']},窗口外 {src['out_of_window']},"
                       f"合并重复 {src['merged']},无法识别 {src['rejected']} 行")
        archived = sum(1 for o in report.outputs if o["kind"] == "归档副本")
        click.echo(f"  归档副本:{archived} 份(归档/);清单:manifest.json(含全部文件的 SHA-256)")
        if report.readiness is not None:
            r = report.readiness
            click.echo("  材料自查:" + ("齐全" if r.ready else f"缺少 {'、'.join(r.missing) or '(见下方错误)'}")
                       + f";预计处理时间 {r.estimate_now}")
    for w in report.warnings:
        click.echo(f"警告:{w}", err=True)
    if report.skipped:
        click.echo(f"跳过 {len(report.skipped)} 项(未纳入证据包,详见证据包末页与 manifest.json):", err=True)
        for s in report.skipped[:50]:
            click.echo(f"  - {s.describe()}", err=True)
        if len(report.skipped) > 50:
            click.echo(f"  … 另有 {len(report.skipped) - 50} 项", err=True)


def print_inputs(g) -> None:
    """What appealkit recognised in the folder, so a user sees at once what it made of each file."""
    inv = g.inventory
    click.echo("识别到的文件:")
    for s in g.callset.summaries:
        click.echo(f"  通话记录  {s.rel}({s.reader},窗口内 {s.in_window} 条)")
    for s in inv.contact_books:
        click.echo(f"  通讯录    {s.rel}({s.reader.NAME})")
    for d in inv.documents:
        click.echo(f"  {d.doc_type:<8}{d.rel}")
    if inv.seal is not None:
        click.echo(f"  公章      {inv.seal_rel}")


def print_check(r: Readiness, company: str) -> None:
    click.echo(f"【{company}】材料自查")
    width = max((len(i.name) for i in r.items), default=4) + 2
    for i in r.items:
        status = "✔ 已具备" if i.found else ("✘ 缺少" if i.required else "○ 建议补充")
        kind = "必需" if i.required else "建议"
        click.echo(f"  {status:<6} {i.name:<{width}}({kind}) {i.detail}")
    for p in r.problems:
        click.echo(f"  {p.level}:{p.message}")
    click.echo(f"预计处理时间:{r.estimate_now};材料齐全时:{r.estimate_complete}")
    click.echo("结论:" + ("可以提交" if r.ready else "尚不能提交,请先补齐上面标 ✘ 的材料或改正错误"))


def print_batch(rows: list[tuple], summary_path, quiet: bool) -> None:
    if quiet:
        return
    click.echo("客户 | 状态 | 窗口内通话 | 缺少材料 | 证据包 | 输出位置")
    for name, status, calls, missing, size, out, _notes in rows:
        click.echo(f"{name} | {status} | {'' if calls is None else calls} | {missing or '-'} | "
                   f"{'' if size is None else f'{size} MB'} | {out}")
    click.echo(f"汇总表:{summary_path}")


def print_watch(event) -> None:
    stamp = time.strftime("%H:%M:%S")
    what = ";".join(event.changes[:3]) + (f" 等 {len(event.changes)} 项" if len(event.changes) > 3 else "")
    if event.error:
        click.echo(f"[{stamp}] {what} → 未能生成:{event.error}")
        return
    r = event.report
    missing = "、".join(r.readiness.missing) if r.readiness and r.readiness.missing else "无"
    bundle = next((o["path"] for o in r.outputs if o["kind"] == "申诉证据包"), "")
    skipped = f",跳过 {len(r.skipped)} 项" if r.skipped else ""
    click.echo(f"[{stamp}] {what} → 已重建 {r.pages} 页{skipped};仍缺:{missing};{r.out_dir / bundle}")
