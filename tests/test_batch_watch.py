"""Support staff's batches and the freelancer's drop folder."""
from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader

from appealkit.build import BuildOptions
from appealkit.watch import watch_case
from tests.conftest import SAMPLES


def _clients(parent: Path) -> None:
    for name in ("甲客户", "乙客户"):
        shutil.copytree(SAMPLES / "company", parent / name, ignore=shutil.ignore_patterns("out"))
    broken = parent / "丙客户"
    shutil.copytree(SAMPLES / "freelancer", broken, ignore=shutil.ignore_patterns("out"))
    (broken / "case.toml").write_text('company = "丙"\nnumbers = ["123"]\nplatforms = ["360"]\nmark = "x"\n', "utf-8")
    (parent / "不是案件").mkdir()


def test_batch_builds_the_good_cases_and_names_the_broken_one(tmp_path: Path, run) -> None:
    parent = tmp_path / "clients"
    _clients(parent)
    r = run("build", parent, "--all", "--jobs", "2")
    assert r.code == 6
    assert "丙客户" in r.err and "numbers" in r.err and "不是案件" in r.err
    for name in ("甲客户", "乙客户"):
        assert list((parent / name / "out").glob("*_申诉证据包_*.pdf"))
    summary = next(parent.glob("批量汇总_*.xlsx"))
    rows = list(load_workbook(summary)["批量汇总"].iter_rows(values_only=True))
    assert rows[0][:3] == ("客户", "状态", "窗口内通话")
    by_status = {row[1] for row in rows[1:]}
    assert "失败" in by_status and "就绪" in by_status
    failed = next(row for row in rows[1:] if row[1] == "失败")
    assert failed[0] == "丙客户" and "号码" in failed[6]
    assert sum(1 for row in rows[1:] if row[2]) == 2


def test_batch_with_a_parent_output_folder(tmp_path: Path, run) -> None:
    parent = tmp_path / "clients"
    _clients(parent)
    shutil.rmtree(parent / "丙客户")
    out = tmp_path / "交付"
    r = run("build", parent / "甲客户", parent / "乙客户", "--out", out, "--jobs", "1")
    assert r.code == 0, r.err
    assert list((out / "甲客户").glob("*.pdf")) and list((out / "乙客户").glob("*.pdf"))
    assert list(out.glob("批量汇总_*.xlsx"))


def _pdf_text(out: Path) -> str:
    bundle = next(out.glob("*_申诉证据包_*.pdf"))
    return "".join(p.extract_text() for p in PdfReader(bundle).pages)


def test_watch_rebuilds_when_files_arrive_and_reads_slow_copies_once_complete(company_case: Path) -> None:
    events = []
    stop = threading.Event()
    options = BuildOptions()
    thread = threading.Thread(target=watch_case, args=(company_case, options, events.append),
                              kwargs={"settle": 1.0, "force_polling": True, "stop_event": stop}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 60
        while not events and time.monotonic() < deadline:
            time.sleep(0.2)
        assert events and events[0].report is not None
        first_pages = events[0].report.pages
        # a licence copied slowly, in pieces, with pauses shorter than the settle time
        payload = (SAMPLES / "company" / "证照" / "法人身份证.png").read_bytes()
        target = company_case / "证照" / "手持身份证.png"
        with target.open("wb") as f:
            for k in range(4):
                f.write(payload[k * len(payload) // 4:(k + 1) * len(payload) // 4])
                f.flush()
                time.sleep(0.4)
        deadline = time.monotonic() + 60
        while len(events) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(2.5)  # no further rebuild should follow for one completed copy
    finally:
        stop.set()
        thread.join(timeout=30)
    assert len(events) == 2, [e.changes for e in events]
    second = events[1]
    assert any("手持身份证.png" in c for c in second.changes)
    assert second.report is not None and not second.report.skipped, second.report.skipped
    assert second.report.pages == first_pages + 1
    assert "手持身份证" in _pdf_text(company_case / "out")
    assert not any("out/" in c for e in events for c in e.changes)
