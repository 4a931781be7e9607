"""The core API: from a case folder to a finished evidence package.

`build_case` is what `appealkit build` calls; scripts can call it too. It never writes
inside the inputs, writes every output through a staging folder, and reports each
skipped input with its reason instead of stopping.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from appealkit import classify
from appealkit.calls import CallSet, import_calls, release_frozen, window_label
from appealkit.check import Readiness, check_case
from appealkit.config import CaseConfig, load_case
from appealkit.discover import Inventory, discover
from appealkit.errors import ExitCode, InputFileError, UsageError
from appealkit.evidence import Evidence
from appealkit.model import Contact, Skipped
from appealkit.outputs import MANIFEST, Staging, safe_name
from appealkit.doctext import document_text
from appealkit.profiles import platforms
from appealkit.readers import ReadContext
from appealkit.relations import Directory, annotate, contacts_from_document
from appealkit.stats import compute
from appealkit.writers.archive import write_archive
from appealkit.writers.manifest import output_entry, sha256_of, source_entry, write_manifest
from appealkit.writers.pdf.bundle import BundleOptions, write_bundle
from appealkit.writers.workbook import write_workbook

Progress = Callable[[str, int], None]


@dataclass
class BuildOptions:
    out: Path | None = None
    max_bytes: int | None = None
    per_platform: bool = False
    progress: Progress | None = None


@dataclass
class BuildReport:
    case_dir: Path
    out_dir: Path
    company: str = ""
    outputs: list[dict] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    calls: int = 0
    pages: int = 0
    bundle_size: int = 0
    readiness: Readiness | None = None
    sources: list[dict] = field(default_factory=list)

    @property
    def exit_code(self) -> ExitCode:
        return ExitCode.SKIPPED if self.skipped else ExitCode.OK

    def to_dict(self) -> dict:
        return {"case": str(self.case_dir), "company": self.company, "out": str(self.out_dir),
                "exit_code": int(self.exit_code), "calls": self.calls, "pages": self.pages,
                "bundle_size": self.bundle_size, "outputs": [o["path"] for o in self.outputs],
                "sources": self.sources,
                "skipped": [asdict(s) for s in self.skipped], "warnings": self.warnings,
                "readiness": self.readiness.to_dict() if self.readiness else None}


def output_dir(case_dir: Path, out: Path | None) -> Path:
    out = (out or case_dir / "out").resolve()
    case = case_dir.resolve()
    if out == case or case.is_relative_to(out):
        raise UsageError(f"输出文件夹 {out} 不能是案件文件夹本身或其上级", "请用 --out 指定案件文件夹内的 out 或其他位置")
    return out


@dataclass
class Gathered:
    """What a case folder holds, read and analysed, before anything is written."""

    case: CaseConfig
    inventory: Inventory
    callset: CallSet
    evidence: Evidence
    readiness: Readiness


def gather(case_dir: Path, out: Path, progress: Progress | None = None) -> Gathered:
    case = load_case(case_dir)
    inv = discover(case_dir, out, case.appeal_date)
    callset = import_calls(inv.call_logs, case, progress)
    skipped = list(inv.skipped) + callset.skipped + callset.row_errors
    books = _contacts(inv, case, skipped)
    from_docs = [c for doc in inv.documents for c in contacts_from_document(doc, document_text)]
    relations = annotate(callset.calls, Directory(case, books, from_docs))
    stats = compute(callset.calls, relations, case.window_start.date(), case.window_days)
    seen = {c.own for c in callset.calls}
    readiness = check_case(case, inv.documents, [s.rel for s in inv.call_logs], len(callset.calls), seen, stats)
    ev = Evidence(case, callset.calls, relations, stats, callset.summaries, list(inv.documents), skipped,
                  inv.notes + list(callset.warnings), readiness.items, inv.seal)
    return Gathered(case, inv, callset, ev, readiness)


def _contacts(inv: Inventory, case: CaseConfig, skipped: list[Skipped]) -> list[Contact]:
    found: list[Contact] = []
    for source in inv.contact_books:
        ctx = ReadContext(source.rel, tuple(case.numbers), case.appeal_date, head=source.head)
        try:
            found += list(source.reader.parse(source.path, ctx))
        except InputFileError as e:
            skipped.append(Skipped(source.rel, e.message, e.hint))
        skipped += ctx.row_errors
    return found


def build_case(case_dir: Path, options: BuildOptions | None = None) -> BuildReport:
    options = options or BuildOptions()
    out = output_dir(case_dir, options.out)
    try:
        g = gather(case_dir, out, options.progress)
        case, ev = g.case, g.evidence
        report = BuildReport(case_dir, out, case.company, calls=len(ev.calls), readiness=g.readiness,
                             warnings=list(ev.warnings), sources=[asdict(s) for s in g.callset.summaries])
        staging = Staging(out)
        try:
            _write_all(g, staging, options, report)
            staging.commit()
        except BaseException:
            staging.abort()
            raise
        return report
    finally:
        release_frozen()


def _write_all(g: Gathered, staging: Staging, options: BuildOptions, report: BuildReport) -> None:
    case, ev = g.case, g.evidence
    short, tag = case.short_name, case.date_tag
    progress = options.progress

    workbook_rel = safe_name(f"{short}_通话时间线_{tag}.xlsx")
    staged = staging.path(workbook_rel)
    write_workbook(ev, staged, progress)
    report.outputs.append(output_entry(workbook_rel, staged, "通话时间线",
                                      [{"path": s.rel} for s in g.inventory.call_logs]))
    if progress:
        progress("workbook-done", len(ev.calls))

    for pids, name in _bundles(case, options):
        rel = safe_name(name)
        staged = staging.path(rel)
        limit = options.max_bytes or _profile_limit(pids, options)
        result = write_bundle(ev, staged, BundleOptions(pids, limit), progress)
        ev.skipped += [s for s in result.skipped if s not in ev.skipped]
        report.pages = report.pages or result.pages
        report.bundle_size = report.bundle_size or result.size
        report.warnings += [w for w in result.warnings if w not in report.warnings]
        report.outputs.append(output_entry(rel, staged, "申诉证据包",
                                          [{"path": d.rel} for d in ev.documents]))
    if progress:
        progress("bundle-done", report.pages)

    for doc, rel in write_archive(ev.documents, short, staging):
        report.outputs.append(output_entry(rel, staging.dir / rel, "归档副本", [{"path": doc.rel}],
                                          doc.doc_type, doc.doc_date.isoformat()))
    report.skipped = ev.skipped
    body = _manifest_body(g, report)
    write_manifest(staging.path(MANIFEST), body)


def _bundles(case: CaseConfig, options: BuildOptions) -> list[tuple[list[str], str]]:
    if not options.per_platform:
        return [(case.platforms, f"{case.short_name}_申诉证据包_{case.date_tag}.pdf")]
    return [([pid], f"{case.short_name}_申诉证据包_{platforms()[pid].name}_{case.date_tag}.pdf")
            for pid in case.platforms]


def _profile_limit(pids: list[str], options: BuildOptions) -> int | None:
    if not options.per_platform:
        return None
    limits = [platforms()[p].upload_limit_mb for p in pids if platforms()[p].upload_limit_mb]
    return int(min(limits) * 1_000_000) if limits else None


def _manifest_body(g: Gathered, report: BuildReport) -> dict:
    case, inv = g.case, g.inventory
    inputs = []
    for s in inv.call_logs:
        inputs.append({**source_entry(s.rel, s.path), "role": "通话记录", "reader": s.reader.NAME})
    for s in inv.contact_books:
        inputs.append({**source_entry(s.rel, s.path), "role": "通讯录", "reader": s.reader.NAME})
    for d in g.evidence.documents:
        inputs.append({**source_entry(d.rel, d.path), "role": "证明材料", "doc_type": d.doc_type,
                       "exhibit": d.exhibit_no, "archive": d.archive_name})
    if inv.seal is not None:
        inputs.append({**source_entry(inv.seal_rel, inv.seal), "role": classify.SEAL})
    return {
        "case": {"company": case.company, "short_name": case.short_name, "numbers": case.numbers,
                 "platforms": [platforms()[p].name for p in case.platforms], "mark": case.mark,
                 "appeal_type": case.appeal_type, "appeal_date": case.appeal_date.isoformat(),
                 "window": window_label(case.window_start, case.window_end),
                 "mask_numbers": case.mask_numbers},
        "outputs": sorted(report.outputs, key=lambda o: o["path"]),
        "inputs": sorted(inputs, key=lambda i: i["path"]),
        "skipped": [asdict(s) for s in report.skipped],
        "import": [asdict(s) for s in g.callset.summaries],
        "statistics": [asdict(f) for f in g.evidence.stats.figures],
        "readiness": g.readiness.to_dict(),
        "bundle": {"pages": report.pages, "size": report.bundle_size},
    }


__all__ = ["BuildOptions", "BuildReport", "build_case", "gather", "output_dir", "sha256_of"]
