"""Hostile and broken inputs: nothing crashes, nothing is lost, nothing escapes (issue 8).

The whole corpus goes into one case beside the good sample files; the real CLI builds it
in a subprocess under a time limit and an address-space limit.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from pathvalidate import validate_filename

from appealkit import build as build_module
from appealkit.build import build_case
from appealkit.errors import InputFileError
from appealkit.readers import REGISTRY, read_file
from tests.conftest import APPEAL, GOLDEN, OWN, SAMPLES, sha, tree_state
from tests.hostile import make_hostile_case

TIME_LIMIT = 240
MEMORY_LIMIT_KB = 3_000_000


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    case = root / "case"
    shutil.copytree(SAMPLES / "company", case, ignore=shutil.ignore_patterns("out"))
    expect = make_hostile_case(case, GOLDEN, root / "outside.txt")
    before = tree_state(case)
    cmd = f"ulimit -v {MEMORY_LIMIT_KB}; exec {sys.executable} -m appealkit build '{case}'"
    r = subprocess.run(["bash", "-c", cmd], capture_output=True, text=True, timeout=TIME_LIMIT)
    manifest = json.loads((case / "out" / "manifest.json").read_text("utf-8"))
    return case, expect, before, r, manifest


def test_the_run_finishes_with_exit_3_and_no_traceback(hostile_build) -> None:
    _case, _expect, _before, r, _m = hostile_build
    assert r.returncode == 3, r.stderr[-3000:]
    assert "Traceback" not in r.stderr and "Warning" not in r.stderr


def test_every_bad_file_is_reported_by_name_with_a_chinese_reason(hostile_build) -> None:
    _case, expect, _before, r, manifest = hostile_build
    reasons = {s["path"]: s["reason"] for s in manifest["skipped"] if s["line"] is None}
    for rel, words in expect.items():
        assert rel in reasons, f"{rel} was not reported"
        assert words in reasons[rel], (rel, reasons[rel])
        assert any("\u4e00" <= ch <= "\u9fff" for ch in reasons[rel])
        assert rel in r.stderr


def test_every_good_file_is_still_in_the_package(hostile_build) -> None:
    _case, _expect, _before, _r, manifest = hostile_build
    exhibits = {i["path"] for i in manifest["inputs"] if i.get("exhibit")}
    for good in ("证照/营业执照.png", "证照/法人身份证.png", "证照/号码使用证明-20261128.pdf",
                 "合同/培训服务合同-20261015.pdf", "截图/客户评价截图.png", "图片/坏EXIF截图.jpg",
                 "错扩展名/营业执照.csv", *(f"图片/方向{v}截图.jpg" for v in range(1, 9))):
        assert good in exhibits, good
    sources = {i["path"] for i in manifest["inputs"] if i["role"] == "通话记录"}
    assert {"通话记录/中国移动通话详单_202611-202612.csv", "手机备份/calls-20261204.xml",
            "错扩展名/详单.pdf"} <= sources
    assert "通讯录/十万号码.vcf" in {i["path"] for i in manifest["inputs"]}


def test_no_input_changed(hostile_build) -> None:
    case, _expect, before, _r, _m = hostile_build
    after = {k: v for k, v in tree_state(case).items() if not k.startswith("out/")}
    assert after == before


def test_outputs_stay_inside_and_have_portable_names(hostile_build) -> None:
    case, _expect, _before, _r, manifest = hostile_build
    out = (case / "out").resolve()
    files = [p for p in out.rglob("*") if p.is_file()]
    assert {p.relative_to(out).as_posix() for p in files} == {o["path"] for o in manifest["outputs"]} | {"manifest.json"}
    for p in files:
        assert p.resolve().is_relative_to(out)
        for part in p.relative_to(out).parts:
            validate_filename(part, platform="universal")
            assert len(part.encode()) <= 255 and "\u202e" not in part
    outside_hash = sha(case.parent / "outside.txt")
    assert outside_hash not in {i["sha256"] for i in manifest["inputs"]}


def test_no_workbook_cell_is_a_formula_or_link(hostile_build) -> None:
    case, _expect, _before, _r, _m = hostile_build
    wb = load_workbook(next((case / "out").glob("*_通话时间线_*.xlsx")))
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f" and cell.hyperlink is None, (ws.title, cell.coordinate)


def test_company_name_with_reserved_characters(minimal_case: Path, run) -> None:
    toml = minimal_case / "case.toml"
    toml.write_text(toml.read_text("utf-8").replace('short_name = "测试科技"\n', "")
                    .replace("测试科技有限公司", "测试/科技:有限*公司<北京>"), "utf-8")
    shutil.copy(SAMPLES / "company" / "证照" / "营业执照.png", minimal_case / "营业执照.png")
    assert run("build", minimal_case).code == 0
    out = (minimal_case / "out").resolve()
    for p in out.rglob("*"):
        assert p.resolve().is_relative_to(out)
        validate_filename(p.name, platform="universal")
    assert list(out.glob("测试_科技_有限_公司_北京__申诉证据包_20261204.pdf"))


@pytest.mark.parametrize("writer", ["write_workbook", "write_bundle", "write_archive", "write_manifest"])
def test_an_interrupted_build_leaves_the_previous_package_intact(company_case: Path, monkeypatch, writer) -> None:
    build_case(company_case)
    out = company_case / "out"
    before = {p.relative_to(out).as_posix(): sha(p) for p in out.rglob("*") if p.is_file()}
    real = getattr(build_module, writer)

    def half_then_fail(*args, **kwargs):
        target = next((a for a in args if isinstance(a, Path)), None)
        if target is not None:
            target.write_bytes(b"half-written")
        else:
            real(*args, **kwargs)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(build_module, writer, half_then_fail)
    (company_case / "截图" / "新截图.png").write_bytes((SAMPLES / "company" / "截图" / "客户评价截图.png").read_bytes())
    with pytest.raises(OSError):
        build_case(company_case)
    after = {p.relative_to(out).as_posix(): sha(p) for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert not [p for p in out.iterdir() if p.name.startswith(".appealkit-staging")]


def test_symlinked_folder_is_not_followed(company_case: Path, tmp_path: Path, run) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(SAMPLES / "company" / "证照" / "营业执照.png", elsewhere / "营业执照.png")
    os.symlink(elsewhere, company_case / "链接目录")
    r = run("build", company_case)
    assert r.code == 3 and "链接目录" in r.err and "符号链接" in r.err


# ---------------------------------------------------------------- property-based, per reader
_EXT = {"安卓通话备份 XML": ".xml", "安卓通话数据库": ".db", "iOS 通话记录": ".storedata", "vCard 通讯录": ".vcf",
        "通话记录表格": ".csv", "通讯录表格": ".csv"}
_SEEDS = {".xml": GOLDEN / "calls-20261204.xml", ".vcf": GOLDEN / "contacts.vcf", ".csv": GOLDEN / "bill_utf8.csv",
          ".db": GOLDEN / "calllog.db", ".storedata": GOLDEN / "CallHistory.storedata"}


def _read_any(tmp: Path, name: str, data: bytes) -> None:
    path = tmp / name
    path.write_bytes(data)
    try:
        read_file(path, OWN, APPEAL)
    except InputFileError:
        pass  # our own, reported error: allowed


@pytest.mark.parametrize("ext", sorted(set(_EXT.values())))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000))
def test_arbitrary_bytes_give_only_our_errors(tmp_path: Path, ext: str, data: bytes) -> None:
    _read_any(tmp_path, "x" + ext, data)


@pytest.mark.parametrize("ext", sorted(set(_EXT.values())))
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cuts=st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), max_size=8),
       truncate=st.integers(0, 10_000))
def test_mutated_real_files_give_only_our_errors(tmp_path: Path, ext: str, cuts, truncate: int) -> None:
    data = bytearray(_SEEDS[ext].read_bytes())
    for pos, value in cuts:
        if data:
            data[pos % len(data)] = value
    _read_any(tmp_path, "x" + ext, bytes(data[: max(1, truncate % (len(data) + 1))]))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(st.one_of(st.text(max_size=25), st.integers(), st.sampled_from(
    ["2026-11-20 10:00:00", "11-20 10:00", "主叫", "被叫", "2分3秒", "00:01:02", "+86 139 1234 5678", "合计", "=1+1"])),
    max_size=7), max_size=20))
def test_near_valid_bill_rows_give_only_our_errors(tmp_path: Path, rows) -> None:
    import csv
    import io
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["起始时间", "通信方式", "对方号码", "通信时长"])
    for row in rows:
        w.writerow(row)
    _read_any(tmp_path, "bill.csv", buf.getvalue().encode("utf-8"))


def test_every_reader_is_covered_by_the_properties() -> None:
    assert {r.NAME for r in REGISTRY} == set(_EXT)
