"""Golden records per input format: each sample file's parsed records equal the JSON beside it.

Set APPEALKIT_REGEN_GOLDEN=1 to rewrite the expected JSON after an intended change, and
review the diff before committing it.
"""
from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path

import pytest

from appealkit.readers import REGISTRY, read_file
from tests.conftest import APPEAL, GOLDEN, OWN

EXPECTED = GOLDEN / "expected"
INPUTS = sorted(p for p in GOLDEN.iterdir() if p.is_file())
REGEN = os.environ.get("APPEALKIT_REGEN_GOLDEN") == "1"


def records_of(path: Path) -> dict:
    reader, records, ctx = read_file(path, OWN, APPEAL)
    out = []
    for r in records:
        d = r._asdict() if hasattr(r, "_asdict") else asdict(r)
        d.pop("source", None)
        d.pop("basis", None)
        if "start" in d:
            d["start"] = d["start"].isoformat()
            d.pop("sources", None)
        out.append(d)
    return {"reader": reader.NAME if reader else None, "records": out,
            "row_errors": [f"{e.line}: {e.reason}" for e in ctx.row_errors], "warnings": ctx.warnings}


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_golden_records(path: Path) -> None:
    got = records_of(path)
    expected_path = EXPECTED / (path.name + ".json")
    if REGEN:
        EXPECTED.mkdir(exist_ok=True)
        expected_path.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", "utf-8")
    expected = json.loads(expected_path.read_text("utf-8"))
    assert got == expected


BILL_VARIANTS = ["bill_utf8.csv", "bill_utf8_bom.csv", "bill_gbk.csv", "bill_gb18030_semicolon.csv",
                 "bill_utf16.txt"]


def test_same_bill_in_every_encoding_and_delimiter_gives_identical_records() -> None:
    results = [records_of(GOLDEN / name) for name in BILL_VARIANTS]
    for r in results[1:]:
        assert r == results[0]
    starts = [rec["start"] for rec in results[0]["records"]]
    assert "2026-11-04T23:59:59" in starts and "2026-11-05T00:00:01" in starts
    assert results[0]["row_errors"] == ["9: 时间无法识别:'不是时间'(应为如 2026-11-04 08:01:02)"]


def test_every_registered_reader_has_a_golden_sample() -> None:
    covered = {records_of(p)["reader"] for p in INPUTS}
    assert {r.NAME for r in REGISTRY} <= covered
