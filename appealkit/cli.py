"""Command-line wiring only: options → one call into the core → exit code.

Every error is caught here and nowhere else: a Chinese message and the documented
exit code, or the traceback with -v.
"""
from __future__ import annotations

import json
import sys
import traceback
from pathlib import Path

import click

from appealkit import __version__
from appealkit.batch import batch_exit_code, build_many, default_jobs, find_cases, write_batch_summary
from appealkit.build import BuildOptions, build_case, gather, output_dir
from appealkit.console import ProgressPrinter, print_batch, print_build, print_check, print_inputs, print_watch
from appealkit.errors import AppealError, ExitCode, UsageError
from appealkit.init_case import DROP_IN, init_case
from appealkit.outputs import parse_size

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
_state = {"verbose": False}


class _Chinese:
    """Help in Chinese like the rest of the interface: headings and the help option."""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = "显示本帮助并退出。"
        return option

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix="用法:")

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [r for p in self.get_params(ctx) if (r := p.get_help_record(ctx)) is not None]
        if rows:
            with formatter.section("选项"):
                formatter.write_dl(rows)
        if isinstance(self, click.Group):
            self.format_commands(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, cmd.get_short_help_str(formatter.width - 20)) for name in self.list_commands(ctx)
                if (cmd := self.get_command(ctx, name)) is not None and not cmd.hidden]
        if rows:
            with formatter.section("命令"):
                formatter.write_dl(rows)


class ZhCommand(_Chinese, click.Command):
    pass


class ZhGroup(_Chinese, click.Group):
    command_class = ZhCommand


@click.group(cls=ZhGroup, context_settings=CONTEXT)
@click.option("-v", "--verbose", is_flag=True, help="出错时显示完整的调用栈(报告问题时附上)。")
@click.version_option(__version__, "-V", "--version", message="appealkit %(version)s", help="显示版本并退出。")
def cli(verbose: bool) -> None:
    """appealkit:把案件文件夹整理成号码误标申诉证据包。

    \b
    常用流程:
      appealkit init 案件文件夹      生成 case.toml 模板
      appealkit check 案件文件夹     自查材料是否齐全
      appealkit build 案件文件夹     生成证据包(PDF、时间线工作簿、归档副本、清单)
    """
    _state["verbose"] = verbose


@cli.command("init", context_settings=CONTEXT)
@click.argument("case_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--company", default="", help="企业名称(或个人姓名)。")
@click.option("--number", "numbers", multiple=True, help="被标记的号码,可重复。")
@click.option("--platform", "platforms", multiple=True, help="被标记的平台,可重复,如 360、腾讯手机管家。")
@click.option("--mark", default="", help="错误的标记,如 骚扰电话。")
@click.option("--folders", is_flag=True, help="同时创建按材料类型命名的子文件夹,方便拖放分类。")
@click.option("--force", is_flag=True, help="覆盖已有的 case.toml。")
def init_cmd(case_dir: Path, company: str, numbers: tuple[str, ...], platforms: tuple[str, ...], mark: str,
             folders: bool, force: bool) -> int:
    """在 CASE_DIR 生成带中文说明的 case.toml。"""
    path = init_case(case_dir, company=company, numbers=numbers, platforms=platforms, mark=mark,
                     folders=folders, force=force)
    click.echo(f"已生成 {path},请打开填写。")
    click.echo(DROP_IN.format(dir=case_dir))
    return ExitCode.OK


@cli.command("build", context_settings=CONTEXT)
@click.argument("case_dirs", nargs=-1, required=True, type=click.Path(file_okay=False, path_type=Path))
@click.option("-o", "--out", type=click.Path(file_okay=False, path_type=Path),
              help="输出文件夹(默认为 案件文件夹/out);多个案件时为上级输出文件夹,每个案件一个子文件夹。")
@click.option("--all", "all_children", is_flag=True, help="把参数当作上级文件夹,构建其中每个含 case.toml 的子文件夹。")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), help="同时构建的案件数(默认为 CPU 核数)。")
@click.option("--max-size", "max_size", help="证据包大小上限,如 10MB;超出时压缩图片(不删页)。")
@click.option("--per-platform", is_flag=True, help="为每个平台各生成一份证据包(各自的申诉函和背书文字)。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出结果(每个案件一行),供脚本使用。")
@click.option("-q", "--quiet", is_flag=True, help="只输出错误。")
def build_cmd(case_dirs: tuple[Path, ...], out: Path | None, all_children: bool, jobs: int | None,
              max_size: str | None, per_platform: bool, as_json: bool, quiet: bool) -> int:
    """生成证据包:PDF 证据包、通话时间线工作簿、归档副本和 manifest.json。

    \b
    退出码:0 成功;2 命令或 case.toml 有误;3 已生成但有文件被跳过;4 无法写入输出;
    批量时另有 1 有案件材料不全、6 有案件构建失败。
    """
    limit = parse_size(max_size)
    if len(case_dirs) == 1 and not all_children:
        progress = ProgressPrinter(quiet or as_json)
        report = build_case(case_dirs[0], BuildOptions(out=out, max_bytes=limit, per_platform=per_platform,
                                                       progress=progress))
        progress.done()
        if as_json:
            click.echo(json.dumps(report.to_dict(), ensure_ascii=False))
        else:
            print_build(report, quiet)
        return report.exit_code
    return _batch(list(case_dirs), out, all_children, jobs, limit, per_platform, as_json, quiet)


def _batch(paths: list[Path], out: Path | None, all_children: bool, jobs: int | None, limit: int | None,
           per_platform: bool, as_json: bool, quiet: bool) -> int:
    cases, notes = find_cases(paths, all_children)
    for note in notes:
        click.echo(f"提示:{note}", err=True)
    jobs = jobs or default_jobs()
    if not quiet and not as_json:
        click.echo(f"批量构建 {len(cases)} 个案件,同时 {min(jobs, len(cases))} 个……", err=True)

    def done(outcome) -> None:
        if as_json:
            body = outcome.report or {"case": str(outcome.case_dir), "exit_code": outcome.exit_code,
                                      "error": outcome.error}
            click.echo(json.dumps(body, ensure_ascii=False))
        elif not quiet:
            click.echo(f"  {'✔' if outcome.ok else '✘'} {outcome.case_dir.name}" + ("" if outcome.ok else f":{outcome.error}"),
                       err=True)

    outcomes = build_many(cases, out, jobs, limit, per_platform, on_done=done)
    summary, rows = write_batch_summary(outcomes, out, paths, all_children)
    if not as_json:
        print_batch(rows, summary, quiet)
    code = batch_exit_code(outcomes)
    bad = [o.case_dir.name for o in outcomes if not o.ok or not o.ready or o.exit_code]
    if code and not as_json:
        click.echo(f"未完全成功的案件:{'、'.join(bad)}", err=True)
    return code


@cli.command("check", context_settings=CONTEXT)
@click.argument("case_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出,供脚本使用。")
def check_cmd(case_dir: Path, as_json: bool) -> int:
    """自查材料:列出已具备和缺少的材料、有效期与校验问题、预计处理时间。

    \b
    退出码:0 可以提交;1 缺少必需材料或有错误;2 命令或 case.toml 有误。
    """
    g = gather(case_dir, output_dir(case_dir, None))
    r = g.readiness
    if as_json:
        body = {"case": str(case_dir), "company": g.case.company, **r.to_dict(),
                "skipped": [s.describe() for s in g.evidence.skipped]}
        click.echo(json.dumps(body, ensure_ascii=False))
    else:
        print_inputs(g)
        print_check(r, g.case.company)
        for s in g.evidence.skipped:
            click.echo(f"  无法使用:{s.describe()}")
    return ExitCode.OK if r.ready else ExitCode.NOT_READY


@cli.command("watch", context_settings=CONTEXT)
@click.argument("case_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("-o", "--out", type=click.Path(file_okay=False, path_type=Path), help="输出文件夹(默认为 案件文件夹/out)。")
@click.option("--max-size", "max_size", help="证据包大小上限,如 10MB。")
@click.option("--settle", type=click.FloatRange(0.2, 60), default=2.0, show_default=True,
              help="文件停止变化多少秒后才读取(防止读到复制了一半的文件)。")
@click.option("--poll", is_flag=True, help="用轮询代替系统文件事件(网络盘、部分容器中需要)。")
def watch_cmd(case_dir: Path, out: Path | None, max_size: str | None, settle: float, poll: bool) -> int:
    """监视案件文件夹:放入、修改或删除文件后自动重新生成证据包。按 Ctrl-C 停止。"""
    from appealkit.config import CASE_FILE
    from appealkit.watch import watch_case
    if not (case_dir / CASE_FILE).is_file():
        raise UsageError(f"{case_dir} 中没有 {CASE_FILE}", f"先运行 appealkit init {case_dir} 生成模板")
    click.echo(f"正在监视 {case_dir}(Ctrl-C 停止)……", err=True)
    watch_case(case_dir, BuildOptions(out=out, max_bytes=parse_size(max_size)), print_watch, settle=settle,
               force_polling=poll or None)
    click.echo("已停止监视。", err=True)
    return ExitCode.OK


@cli.command("calendar", context_settings=CONTEXT)
@click.argument("case_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("-o", "--out", type=click.Path(dir_okay=False, path_type=Path),
              help="日历文件路径(默认为 案件文件夹/out/{简称}_维护日历_{日期}.ics)。")
def calendar_cmd(case_dir: Path, out: Path | None) -> int:
    """生成维护日历(.ics):每季度首月 1 日资质自查、营业执照到期提醒、外呼高峰报备提醒。"""
    from appealkit.maintenance import write_calendar
    target, reminders = write_calendar(case_dir, out)
    for r in reminders:
        click.echo(f"  {r.day:%Y-%m-%d}  {r.summary}")
    click.echo(f"已写入 {target},可导入手机或电脑日历。")
    return ExitCode.OK


@cli.command("roi", context_settings=CONTEXT)
@click.argument("case_dir", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--before", help="维护前接通率,如 35% 或 0.35。")
@click.option("--after", help="维护后接通率,如 62%。")
@click.option("--daily-calls", help="每日外呼次数。")
@click.option("--conversion", help="接通后的成交转化率,如 5%。")
@click.option("--order-value", help="客单价(元)。")
def roi_cmd(case_dir: Path | None, before, after, daily_calls, conversion, order_value) -> int:
    """计算号码维护的收益:(接通率提升) × 每日外呼 × 转化率 × 客单价。参数可写在 case.toml 的 [roi] 中。"""
    from appealkit.maintenance import roi_from
    roi = roi_from(case_dir, before=before, after=after, daily=daily_calls, conversion=conversion, order=order_value)
    click.echo(roi.explain())
    return ExitCode.OK


def main(argv: list[str] | None = None) -> None:
    try:
        rv = cli.main(args=argv, prog_name="appealkit", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("已中止。", err=True)
        sys.exit(130)
    except click.ClickException as e:
        e.show()
        sys.exit(ExitCode.USAGE)
    except AppealError as e:
        if _state["verbose"]:
            traceback.print_exc()
        click.echo(f"错误:{e}", err=True)
        sys.exit(e.exit_code)
    except KeyboardInterrupt:
        click.echo("\n已中止,输出文件夹保持原样。", err=True)
        sys.exit(130)
    except Exception as e:  # the one place that catches everything
        if _state["verbose"]:
            traceback.print_exc()
        click.echo(f"内部错误:{type(e).__name__}: {e}。请加 -v 重新运行并把输出报告给开发者。", err=True)
        sys.exit(ExitCode.INTERNAL)
    sys.exit(int(rv or 0))


if __name__ == "__main__":
    main()
