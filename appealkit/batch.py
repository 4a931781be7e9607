"""Many clients at once: each case built in its own process, isolated from the others."""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from appealkit.build import BuildOptions, build_case
from appealkit.config import CASE_FILE
from appealkit.errors import AppealError, ExitCode, UsageError
from appealkit.outputs import safe_name
from appealkit.writers.pdf.fonts import choose_font

BATCH_FAILED = 6  # exit code: at least one case of a batch could not be built


@dataclass
class CaseOutcome:
    case_dir: Path
    ok: bool
    report: dict = field(default_factory=dict)  # BuildReport.to_dict() when built
    error: str = ""
    exit_code: int = 0

    @property
    def ready(self) -> bool:
        return self.ok and bool((self.report.get("readiness") or {}).get("ready"))


def find_cases(paths: list[Path], all_children: bool) -> tuple[list[Path], list[str]]:
    """The case folders named, or with --all the children of each folder that have case.toml."""
    if not all_children:
        return paths, []
    cases, notes = [], []
    for parent in paths:
        if not parent.is_dir():
            raise UsageError(f"文件夹不存在:{parent}")
        for child in sorted(p for p in parent.iterdir() if p.is_dir() and not p.name.startswith(".")):
            if (child / CASE_FILE).is_file():
                cases.append(child)
            elif child.name != "out":
                notes.append(f"{child} 中没有 {CASE_FILE},已跳过(用 appealkit init 创建)")
    if not cases:
        raise UsageError(f"{'、'.join(map(str, paths))} 下没有任何含 {CASE_FILE} 的案件文件夹")
    return cases, notes


def case_out(case_dir: Path, out_parent: Path | None) -> Path | None:
    return out_parent / safe_name(case_dir.resolve().name) if out_parent is not None else None


def _build_one(case_dir: Path, out: Path | None, max_bytes: int | None, per_platform: bool) -> CaseOutcome:
    try:
        report = build_case(case_dir, BuildOptions(out=out, max_bytes=max_bytes, per_platform=per_platform))
    except AppealError as e:
        return CaseOutcome(case_dir, False, error=str(e), exit_code=int(e.exit_code))
    except Exception as e:  # one client's bug must not stop the others; it is reported with its type
        return CaseOutcome(case_dir, False, error=f"内部错误 {type(e).__name__}: {e}", exit_code=ExitCode.INTERNAL)
    return CaseOutcome(case_dir, True, report.to_dict(), exit_code=int(report.exit_code))


def build_many(cases: list[Path], out_parent: Path | None, jobs: int, max_bytes: int | None = None,
               per_platform: bool = False, on_done=None) -> list[CaseOutcome]:
    """Build every case, `jobs` at a time; results in the order the cases were given."""
    jobs = max(1, min(jobs, len(cases)))
    results: dict[Path, CaseOutcome] = {}
    if jobs == 1:
        for case in cases:
            results[case] = _build_one(case, case_out(case, out_parent), max_bytes, per_platform)
            if on_done:
                on_done(results[case])
    else:
        choose_font()  # parse the CJK font once here; forked workers inherit it instead of each parsing ~17 MB
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = {pool.submit(_build_one, c, case_out(c, out_parent), max_bytes, per_platform): c for c in cases}
            for future in as_completed(futures):
                case = futures[future]
                try:
                    results[case] = future.result()
                except BrokenProcessPool as e:  # a worker died (e.g. out of memory)
                    results[case] = CaseOutcome(case, False, error=f"构建进程意外退出:{e}", exit_code=ExitCode.INTERNAL)
                if on_done:
                    on_done(results[case])
    return [results[c] for c in cases]


def batch_exit_code(outcomes: list[CaseOutcome]) -> int:
    if any(not o.ok for o in outcomes):
        return BATCH_FAILED
    if any(o.exit_code == ExitCode.SKIPPED for o in outcomes):
        return ExitCode.SKIPPED
    if any(not o.ready for o in outcomes):
        return ExitCode.NOT_READY
    return ExitCode.OK


def default_jobs() -> int:
    return max(1, (os.cpu_count() or 1))


def summary_rows(outcomes: list[CaseOutcome]) -> list[tuple]:
    rows = []
    for o in outcomes:
        r = o.report
        if not o.ok:
            rows.append((o.case_dir.name, "失败", None, "", None, "", o.error))
            continue
        readiness = r.get("readiness") or {}
        status = "就绪" if readiness.get("ready") else "材料不全"
        if r.get("skipped"):
            status += f",跳过 {len(r['skipped'])} 项"
        notes = ";".join(f"{s['path']}: {s['reason']}" for s in r.get("skipped", [])[:5])
        rows.append((r.get("company") or o.case_dir.name, status, r.get("calls"), "、".join(readiness.get("missing", [])),
                     round(r.get("bundle_size", 0) / 1e6, 2), r.get("out", ""), notes))
    return rows


SUMMARY_HEADER = ("客户", "状态", "窗口内通话", "缺少材料", "证据包大小(MB)", "输出位置", "说明")


def summary_name(today: date | None = None) -> str:
    return f"批量汇总_{(today or date.today()):%Y%m%d}.xlsx"


def write_batch_summary(outcomes: list[CaseOutcome], out: Path | None, paths: list[Path],
                        all_children: bool) -> tuple[Path, list[tuple]]:
    """The summary workbook goes to OUT, else the parent folder given with --all, else here."""
    from appealkit.writers.summary import write_summary

    folder = out or (paths[0] if all_children and len(paths) == 1 else Path.cwd())
    rows = summary_rows(outcomes)
    target = folder / summary_name()
    write_summary(target, SUMMARY_HEADER, rows)
    return target, rows
