"""`appealkit build` on the bundled samples, read back with openpyxl and pypdf."""
from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from appealkit.writers.workbook import TIMELINE_HEADER
from tests.conftest import sha, tree_state


@pytest.fixture
def built(company_case: Path, run):
    before = tree_state(company_case)
    r = run("build", company_case)
    assert r.code == 0, r.err
    return company_case, company_case / "out", before, r


def test_outputs_are_named_by_the_contract(built) -> None:
    case, out, _before, r = built
    names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert names == [
        "manifest.json",
        "启明教育_申诉证据包_20261204.pdf",
        "启明教育_通话时间线_20261204.xlsx",
        "归档/启明教育_号码证明_20261128.pdf",
        "归档/启明教育_客户评价截图_20261204.png",
        "归档/启明教育_服务合同_20261015.pdf",
        "归档/启明教育_法人身份证_20261204.png",
        "归档/启明教育_营业执照_20261204.png",
    ]
    assert "证据包" in r.out and "启明教育_申诉证据包_20261204.pdf" in r.out


def test_inputs_are_unchanged(built) -> None:
    case, _out, before, _r = built
    after = {k: v for k, v in tree_state(case).items() if not k.startswith("out/")}
    assert after == before


def test_workbook_contents(built) -> None:
    _case, out, _b, _r = built
    wb = load_workbook(out / "启明教育_通话时间线_20261204.xlsx")
    assert wb.sheetnames == ["通话时间线", "联系人关系", "每日统计", "说明"]
    ws = wb["通话时间线"]
    header = [c.value for c in ws[1]]
    assert tuple(header) == TIMELINE_HEADER
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    times = [r[0] for r in rows]
    assert all(isinstance(t, datetime) for t in times) and times == sorted(times)
    assert all(datetime(2026, 11, 5) <= t < datetime(2026, 12, 5) for t in times)
    assert {r[2] for r in rows} <= {"呼出", "呼入", "未知"} and {r[3] for r in rows} <= {"是", "否"}
    own = {r[1] for r in rows}
    assert own == {"13800138000", "020-87654321"}  # numbers under appeal are never masked
    assert all(re.fullmatch(r"\d{3,4}\*{4}\d{4}", r[4]) for r in rows)  # third parties are
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == f"A1:L{len(rows) + 1}"
    assert ws["A2"].number_format.startswith("yyyy-mm-dd")
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows in ("1:1", "$1:$1")
    for r in rows:
        assert isinstance(r[8], int) and r[9].endswith("秒")
        assert isinstance(r[4], str) and isinstance(r[1], str)
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert len(rows) == sum(s["in_window"] - s["merged"] for s in manifest["import"])


def test_contact_sheet_aggregates_match_a_hand_count(built) -> None:
    _case, out, _b, _r = built
    wb = load_workbook(out / "启明教育_通话时间线_20261204.xlsx", read_only=True)
    timeline = list(wb["通话时间线"].iter_rows(min_row=2, values_only=True))
    parties = {r[0]: r for r in wb["联系人关系"].iter_rows(min_row=2, values_only=True)}
    for number, row in list(parties.items())[:10]:
        mine = [t for t in timeline if t[4] == number]
        assert row[4] == sum(1 for t in mine if t[2] == "呼出")
        assert row[5] == sum(1 for t in mine if t[2] == "呼入")
        assert row[6] == sum(1 for t in mine if t[3] == "是")
        assert row[7] == sum(t[8] for t in mine)
    labels = {r[2] for r in parties.values()}
    assert {"客户-课程安排", "合作方-教研合作", "客户-合同联系人"} <= labels or "客户-合同联系人" in labels


def test_daily_sheet_has_a_native_chart(built) -> None:
    _case, out, _b, _r = built
    wb = load_workbook(out / "启明教育_通话时间线_20261204.xlsx")
    ws = wb["每日统计"]
    assert ws.max_row == 31
    assert len(ws._charts) == 1


def test_bundle_structure(built) -> None:
    _case, out, _b, _r = built
    pdf = PdfReader(out / "启明教育_申诉证据包_20261204.pdf")
    n = len(pdf.pages)
    texts = [p.extract_text() for p in pdf.pages]
    for i, t in enumerate(texts, start=1):
        assert f"第 {i} 页 / 共 {n} 页" in t
    assert "号码误标申诉材料" in texts[0] and "广州启明教育科技有限公司" in texts[0] and f"共 {n} 页" in texts[0]
    assert any("申诉函" in t for t in texts)
    full = "\n".join(texts)
    assert "020-87654321" in full and "13800138000" in full
    assert not re.search(r"(?<!\d)13[0-9]{9}(?!\d)", full.replace("13800138000", "").replace("13912345678", "")), \
        "a third party's full mobile number leaked into our own pages"
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    exhibits = [i for i in manifest["inputs"] if i.get("exhibit")]
    assert len(exhibits) == 5
    # outline: one entry per exhibit, pointing at the page whose label names it
    outline = pdf.outline
    exhibit_items = next(item for item in outline if isinstance(item, list))
    assert len(exhibit_items) == 5
    for item in exhibit_items:
        page = pdf.get_destination_page_number(item)
        label = item.title.split("(第")[0]
        assert re.match(r"附件\d+ ", label)
        assert label.split(" ")[0] in texts[page]
        assert f"第 {page + 1} 页" in item.title


def test_index_links_point_at_the_pages_they_name(built) -> None:
    _case, out, _b, _r = built
    pdf = PdfReader(out / "启明教育_申诉证据包_20261204.pdf")
    index_page = pdf.pages[1]
    links = [a.get_object() for a in index_page.get("/Annots", [])]
    assert len(links) >= 10
    text = index_page.extract_text()
    targets = []
    for link in links:
        dest = link["/Dest"]
        targets.append(pdf.get_page_number(dest[0].get_object()) if hasattr(dest[0], "get_object") else dest[0])
    named = [int(m) - 1 for m in re.findall(r"第 (\d+)(?:-\d+)? 页(?! /)", text)]
    assert targets == named


def test_exhibit_stamps_and_endorsement(built) -> None:
    _case, out, _b, _r = built
    pdf = PdfReader(out / "启明教育_申诉证据包_20261204.pdf")
    texts = [p.extract_text() for p in pdf.pages]
    stamped = [t for t in texts if re.search(r"启明教育-附件\d+-\d+", t)]
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert len(stamped) == sum(1 for _ in stamped) and len(stamped) >= 5
    licence = next(t for t in texts if "附件" in t and "营业执照" in t and "启明教育-附件" in t)
    assert "仅供360手机卫士、腾讯手机管家、百度号码申诉使用,他用无效" in licence
    assert manifest["bundle"]["pages"] == len(pdf.pages)


def test_manifest_hashes_match_the_files(built) -> None:
    case, out, _b, _r = built
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    for o in manifest["outputs"]:
        assert sha(out / o["path"]) == o["sha256"]
        assert (out / o["path"]).stat().st_size == o["size"]
    for i in manifest["inputs"]:
        assert sha(case / i["path"]) == i["sha256"]
    assert manifest["skipped"] == []


def test_rebuild_is_byte_identical(built, run) -> None:
    case, out, _b, _r = built
    first = {p.name: sha(p) for p in out.rglob("*") if p.is_file()}
    r = run("build", case)
    assert r.code == 0
    second = {p.name: sha(p) for p in out.rglob("*") if p.is_file()}
    assert first == second
    assert not list(out.glob(".appealkit-staging-*"))


def test_freelancer_sample(freelancer_case: Path, run) -> None:
    r = run("build", freelancer_case)
    assert r.code == 0, r.err
    out = freelancer_case / "out"
    assert (out / "李安宁_申诉证据包_20261204.pdf").is_file()
    names = sorted(p.name for p in (out / "归档").iterdir())
    assert "李安宁_保密协议_20260901.pdf" in names and "李安宁_资格证书_20250618.jpg" in names
    assert "李安宁_预约记录_20261204.xlsx" in names
    wb = load_workbook(out / "李安宁_通话时间线_20261204.xlsx", read_only=True)
    rows = list(wb["通话时间线"].iter_rows(min_row=2, values_only=True))
    labels = {r[6] for r in rows}
    assert "客户-预约客户" in labels and "来访者-咨询预约" in labels
    unknown = [r for r in rows if r[2] == "未知"]
    assert unknown and unknown[0][11] == "未知类型 101"


def test_contract_only_counterpart_and_unregistered_ones(built) -> None:
    _case, out, _b, _r = built
    wb = load_workbook(out / "启明教育_通话时间线_20261204.xlsx", read_only=True)
    parties = {r[0]: r for r in wb["联系人关系"].iter_rows(min_row=2, values_only=True)}
    contract = parties["139****5678"]  # only in the contract's text: 乙方联系电话 139 1234 5678
    assert contract[2] == "客户-合同联系人" and contract[3] == "合同/培训服务合同-20261015.pdf"
    unregistered = [r for r in parties.values() if r[2] == "未登记"]
    assert unregistered and all(not r[3] for r in unregistered)
    booked = [r for r in parties.values() if r[2] == "客户-课程安排"]
    assert booked and all(r[3] == "通讯录/客户名单.xlsx" and r[1] for r in booked)
