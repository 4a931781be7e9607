"""The benchmark harness runs (figures are printed, never asserted: timing belongs to benchmarks/)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_quick_benchmark_prints_every_stage() -> None:
    r = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--json"],
                       capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert r.returncode == 0, r.stderr[-2000:]
    body = json.loads(r.stdout)
    stages = [row["stage"] for row in body["rows"]]
    assert any(s.startswith("导入") for s in stages) and any(s.startswith("工作簿") for s in stages)
    assert sum(s.startswith("PDF 时间线") for s in stages) == 3
    assert sum(s.startswith("端到端") for s in stages) == 2 and any(s.startswith("批量") for s in stages)
    for row in body["rows"]:
        assert row["appealkit"] and row["appealkit"] > 0, row
        if row["floor"] is not None:
            assert row["ratio"] == row["appealkit"] / row["floor"]
