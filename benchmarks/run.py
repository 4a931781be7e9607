"""appealkit benchmarks: every stage beside its floor, measured in the same run.

    python benchmarks/run.py            # full size (about 15-25 minutes on 2 cores)
    python benchmarks/run.py --quick    # 10x smaller, under a minute
    python benchmarks/run.py --json     # the same table as JSON

Each figure is the median of several runs; each run is a fresh subprocess so that its
peak memory (ru_maxrss) is its own. Inputs are generated with a fixed seed into a
temporary folder; nothing large is committed.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import data  # noqa: E402  (benchmarks/data.py)


# ---------------------------------------------------------------- one measurement, in a child
def _child(stage: str, workdir: Path, size: int) -> dict:
    t = time.perf_counter()
    extra = globals()[f"stage_{stage}"](workdir, size)
    seconds = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "peak_mb": peak, **(extra or {})}


def stage_import_floor(workdir: Path, size: int) -> dict:
    import csv
    from datetime import datetime
    t = time.perf_counter()
    with open(workdir / "bill.csv", encoding="gbk", newline="") as f:
        rows = csv.reader(f)
        for _ in range(3):
            next(rows)
        for row in rows:
            try:
                datetime.fromisoformat(row[0])
            except ValueError:
                pass
    return {"seconds_override": time.perf_counter() - t}


def stage_import(workdir: Path, size: int) -> dict:
    from appealkit.calls import import_calls
    from appealkit.config import parse_case
    from appealkit.discover import Source
    from appealkit.readers import call_table
    case = parse_case(data.CASE_TOML.format(pdf_rows=3000))
    path = workdir / "bill.csv"
    t = time.perf_counter()  # after the imports: the floor pays for none either
    with path.open("rb") as f:
        head = f.read(8192)
    result = import_calls([Source(path, "bill.csv", call_table, head)], case)
    return {"seconds_override": time.perf_counter() - t, "rows": len(result.calls)}


def _evidence(size: int):
    from appealkit.config import parse_case
    from appealkit.evidence import Evidence
    from appealkit.model import IN, OUT, Call
    from appealkit.relations import Relation
    from appealkit.stats import compute
    case = parse_case(data.CASE_TOML.format(pdf_rows=1_000_000))
    calls = [Call(t, data.OWN, other, OUT if out else IN, secs > 0, secs, "详单.csv", i)
             for i, (t, other, out, secs) in enumerate(data.calls(size))]
    relations = {c.other: Relation("客户-项目沟通", "", "客户名单.xlsx") for c in calls}
    stats = compute(calls, relations, case.window_start.date(), case.window_days)
    return Evidence(case, calls, relations, stats)


def stage_workbook(workdir: Path, size: int) -> dict:
    from appealkit.writers.workbook import write_workbook
    ev = _evidence(size)
    t = time.perf_counter()
    write_workbook(ev, workdir / "ours.xlsx")
    return {"seconds_override": time.perf_counter() - t}


def stage_workbook_floor(workdir: Path, size: int) -> dict:
    from openpyxl import Workbook
    from appealkit.present import yes_no
    from appealkit.timeparse import format_duration
    ev = _evidence(size)
    rows = [(c.start, c.own, c.direction, yes_no(c.answered), ev.number(c.other), "", "客户-项目沟通", "客户名单.xlsx",
             c.duration, format_duration(c.duration), c.source, "") for c in ev.calls]
    t = time.perf_counter()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("通话时间线")
    for row in rows:
        ws.append(row)
    wb.save(workdir / "floor.xlsx")
    return {"seconds_override": time.perf_counter() - t}


def _timeline_parts(size: int):
    from collections import Counter
    from appealkit.writers.pdf.draw import Pen
    from appealkit.writers.pdf.fonts import choose_font
    from appealkit.writers.pdf.timeline import TimelineDrawer, paginate
    ev = _evidence(size)
    pen = Pen(choose_font().name)
    drawer = TimelineDrawer(pen, ev.number, ev.relation, False, Counter(c.start.date() for c in ev.calls))
    return ev, pen, drawer, paginate(ev.calls)


def stage_pdf(workdir: Path, size: int) -> dict:
    from reportlab.pdfgen.canvas import Canvas
    ev, pen, drawer, pages = _timeline_parts(size)
    t = time.perf_counter()
    c = Canvas(str(workdir / "ours.pdf"), invariant=1)
    for k, lines in enumerate(pages):
        drawer.draw_page(c, lines, k == 0)
        c.showPage()
    c.save()
    return {"seconds_override": time.perf_counter() - t, "pages": len(pages)}


def stage_pdf_floor(workdir: Path, size: int) -> dict:
    """A bare canvas loop drawing the same strings at the same places, nothing else."""
    from reportlab.pdfgen.canvas import Canvas
    from appealkit.writers.pdf.timeline import ROW_H
    ev, pen, drawer, pages = _timeline_parts(size)
    strings = []
    for lines in pages:
        page = []
        for line in lines:
            if line[0] == "call":
                page.append([pen.fit(t, w, 8.5) for t, (_n, w) in zip(drawer._cells(line[1]), drawer.cols)])
            else:
                page.append([f"{line[1]:%Y年%m月%d日}"])
        strings.append(page)
    xs = []
    x = 48
    for _n, w in drawer.cols:
        xs.append(x + 2)
        x += w
    t = time.perf_counter()
    c = Canvas(str(workdir / "floor.pdf"), invariant=1)
    for page in strings:
        c.setFont(pen.font, 8.5)
        y = 760.0
        for cells in page:
            for cx, text in zip(xs, cells):
                c.drawString(cx, y, text)
            y -= ROW_H
        c.showPage()
    c.save()
    return {"seconds_override": time.perf_counter() - t}


def _run_child(stage: str, workdir: Path, size: int) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", stage, "--dir", str(workdir), "--size", str(size)],
                         capture_output=True, text=True, check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if "seconds_override" in result:
        result["seconds"] = result.pop("seconds_override")
    return result


def _median_pair(stage: str, floor: str | None, workdir: Path, size: int, repeats: int) -> tuple[dict, dict | None]:
    ours, base = [], []
    for _ in range(repeats):  # interleaved, so both see the same machine weather
        ours.append(_run_child(stage, workdir, size))
        if floor:
            base.append(_run_child(floor, workdir, size))
    pick = lambda runs: {**runs[0], "seconds": statistics.median(r["seconds"] for r in runs),  # noqa: E731
                         "peak_mb": max(r["peak_mb"] for r in runs)}
    return pick(ours), (pick(base) if base else None)


# ---------------------------------------------------------------- end to end and batch
def _build(args: list[str]) -> tuple[float, float, int]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "appealkit", "build", *args, "-q"], capture_output=True, text=True)
    seconds = time.perf_counter() - t
    if r.returncode not in (0, 3):
        raise RuntimeError(r.stderr)
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    return seconds, peak, r.returncode


def end_to_end(workdir: Path, calls: int, shots: int, pdfs: int) -> list[dict]:
    case = data.big_case(workdir / "e2e", calls, shots, pdfs)
    rows = []
    for label, extra in (("端到端 build", []), ("端到端 build --max-size 10MB", ["--max-size", "10MB"])):
        out = workdir / ("e2e-out" + str(len(rows)))
        seconds, peak, _code = _build([str(case), "--out", str(out), *extra])
        bundle = next(out.glob("*.pdf")).stat().st_size
        rows.append({"stage": label, "appealkit": seconds, "floor": None, "ratio": None, "target": None,
                     "peak_mb": peak, "note": f"{calls:,}×3 来源通话, {shots} 截图, {pdfs} 个 PDF; 证据包 {bundle / 1e6:.1f} MB"})
    return rows


def batch(workdir: Path, cases: int) -> dict:
    parent = workdir / "batch"
    for i in range(cases):
        shutil.copytree(HERE.parent / "samples" / "company", parent / f"client{i}", ignore=shutil.ignore_patterns("out"))
    times = {}
    for jobs in (1, 2):
        for i in range(cases):
            shutil.rmtree(parent / f"client{i}" / "out", ignore_errors=True)
        times[jobs], _peak, _code = _build([str(parent), "--all", "--jobs", str(jobs)])
    return {"stage": f"批量 {cases} 个案件 --jobs 2 对 --jobs 1", "appealkit": times[2], "floor": times[1],
            "ratio": times[2] / times[1], "target": 1.0, "peak_mb": None, "note": "floor = --jobs 1"}


# ---------------------------------------------------------------- the table
def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="10x smaller inputs (20x for the workbook), about a minute")
    ap.add_argument("--json", action="store_true", help="print the table as JSON")
    ap.add_argument("--repeats", type=int, default=0, help="runs per figure (default 3, quick 1)")
    ap.add_argument("--only", default="", help="comma-separated: import,workbook,pdf,e2e,batch")
    ap.add_argument("--child")
    ap.add_argument("--dir")
    ap.add_argument("--size", type=int)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(_child(args.child, Path(args.dir), args.size)))
        return
    scale = 10 if args.quick else 1
    repeats = args.repeats or (1 if args.quick else 3)
    only = set(filter(None, args.only.split(","))) or {"import", "workbook", "pdf", "e2e", "batch"}
    rows: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="appealkit-bench-") as tmp:
        work = Path(tmp)
        if "import" in only:
            n = 1_000_000 // scale
            data.carrier_csv(work / "bill.csv", n)
            ours, floor = _median_pair("import", "import_floor", work, n, repeats)
            rows.append(_row(f"导入 {n:,} 行 GBK 详单", ours, floor, 2.0, "floor = csv + fromisoformat"))
        if "workbook" in only:
            n = 1_000_000 // (scale * 2 if args.quick else 1)  # openpyxl alone needs ~13 s per 100k rows
            ours, floor = _median_pair("workbook", "workbook_floor", work, n, repeats)
            rows.append(_row(f"工作簿 {n:,} 次通话", ours, floor, 1.3, "floor = openpyxl write_only 循环"))
        if "pdf" in only:
            for n in (5_000 // scale, 10_000 // scale, 20_000 // scale):
                ours, floor = _median_pair("pdf", "pdf_floor", work, n, repeats)
                rows.append(_row(f"PDF 时间线 {n:,} 行", ours, floor, 1.5 if n == 20_000 // scale else None,
                                 f"{ours.get('pages', 0)} 页; floor = reportlab canvas 循环"))
        if "e2e" in only:
            rows += end_to_end(work, 300_000 // scale, 100 // scale, 10 // (scale if scale == 1 else 5))
        if "batch" in only:
            try:
                rows.append(batch(work, 8 if not args.quick else 3))
            except RuntimeError as e:
                rows.append({"stage": "批量", "appealkit": None, "floor": None, "ratio": None, "target": None,
                             "peak_mb": None, "note": f"failed: {e}"[:200]})
    meta = {"machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
            "date": time.strftime("%Y-%m-%d"), "quick": args.quick, "repeats": repeats}
    if args.json:
        print(json.dumps({"meta": meta, "rows": rows}, ensure_ascii=False, indent=1))
    else:
        _print_table(rows, meta)


def _row(stage: str, ours: dict, floor: dict | None, target: float | None, note: str) -> dict:
    ratio = ours["seconds"] / floor["seconds"] if floor else None
    return {"stage": stage, "appealkit": ours["seconds"], "floor": floor["seconds"] if floor else None,
            "ratio": ratio, "target": target, "peak_mb": ours["peak_mb"], "note": note}


def _print_table(rows: list[dict], meta: dict) -> None:
    f = lambda v, fmt: "" if v is None else format(v, fmt)  # noqa: E731
    print(f"# {meta['machine']}; {meta['date']}; median of {meta['repeats']}" + ("; --quick" if meta["quick"] else ""))
    print("| stage | appealkit s | floor s | ratio | target | peak MB | note |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for r in rows:
        ok = "" if r["target"] is None or r["ratio"] is None else (" ✔" if r["ratio"] <= r["target"] else " ✘")
        print(f"| {r['stage']} | {f(r['appealkit'], '.2f')} | {f(r['floor'], '.2f')} | {f(r['ratio'], '.2f')}{ok} "
              f"| {f(r['target'], '.1f')} | {f(r['peak_mb'], '.0f')} | {r['note']} |")


if __name__ == "__main__":
    main()
