"""Readiness, the maintenance calendar and ROI."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import icalendar
import vobject

from appealkit.config import load_case
from appealkit.maintenance import calendar_ics


def _edit(case: Path, old: str, new: str) -> None:
    toml = case / "case.toml"
    toml.write_text(toml.read_text("utf-8").replace(old, new), "utf-8")


def test_expired_licence_makes_the_case_not_ready(company_case: Path, run) -> None:
    _edit(company_case, "license_expiry = 2036-05-31", "license_expiry = 2026-11-30")
    r = run("check", company_case)
    assert r.code == 1 and "已于 2026-11-30 过期" in r.out
    _edit(company_case, "license_expiry = 2026-11-30", "license_expiry = 2026-12-20")
    r = run("check", company_case)
    assert r.code == 0 and "30 天内" in r.out


def test_licence_expiry_from_the_file_name(company_case: Path, run) -> None:
    _edit(company_case, "license_expiry = 2036-05-31\n", "")
    (company_case / "证照" / "营业执照.png").rename(company_case / "证照" / "营业执照_有效期20260101.png")
    r = run("check", company_case)
    assert r.code == 1 and "2026-01-01 过期" in r.out


def test_wrong_credit_code_and_id_number_are_reported(company_case: Path, run) -> None:
    _edit(company_case, 'phone = "13800138000"', 'phone = "13800138000"\nid_number = "440524188001010015"')
    r = run("check", company_case)
    assert r.code == 1 and "身份证号校验位错误" in r.out
    _edit(company_case, "91440101MA5CXXXX3H", "91440101MA5CXXXX3Q")
    r = run("check", company_case)
    assert r.code == 2 and "credit_code" in r.err and "校验位错误" in r.err


def test_json_matches_the_table(company_case: Path, run) -> None:
    (company_case / "证照" / "号码使用证明-20261128.pdf").unlink()
    table = run("check", company_case).out
    body = json.loads(run("check", company_case, "--json").out)
    assert body["missing"] == ["号码证明"] and body["ready"] is False
    for item in body["items"]:
        line = next(ln for ln in table.splitlines() if f" {item['name']}" in ln and ("必需" in ln or "建议" in ln))
        assert ("✔" in line) == item["found"]
    assert "7" in body["estimate_now"] and body["estimate_complete"] == "约 3 天"


def test_harassment_flags_are_warnings(minimal_case: Path, run) -> None:
    lines = ["起始时间,通信方式,对方号码,通信时长"]
    for i in range(60):  # sixty 3-second calls to sixty different numbers in one evening
        lines.append(f"2026-12-01 20:{i:02d}:00,主叫,139{i:08d},3秒")
    (minimal_case / "详单.csv").write_text("\n".join(lines) + "\n", "utf-8")
    r = run("check", minimal_case)
    assert "近30天有 100% 的呼出通话不足10秒,易被判定为骚扰" in r.out
    assert "广撒网" in r.out


def test_calendar_parses_back_with_the_expected_events(company_case: Path, run) -> None:
    r = run("calendar", company_case)
    assert r.code == 0
    ics = next((company_case / "out").glob("*_维护日历_20261204.ics"))
    cal = vobject.readOne(ics.read_text("utf-8"))  # a second, independent parser
    events = sorted((e.dtstart.value, e.summary.value) for e in cal.vevent_list)
    again = icalendar.Calendar.from_ical(ics.read_bytes())
    assert len(again.walk("VEVENT")) == len(events) and len(again.walk("VALARM")) == len(events)
    days = [d for d, _ in events]
    assert days == [date(2026, 12, 17), date(2027, 1, 1), date(2027, 4, 1), date(2027, 7, 1), date(2027, 10, 1),
                    date(2036, 5, 1), date(2036, 5, 24)]
    assert "报备外呼高峰" in events[0][1] and "季度自查" in events[1][1] and "30 天后到期" in events[5][1]
    for line in ics.read_bytes().split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # folding never splits a character
    assert calendar_ics(load_case(company_case)).encode() == ics.read_bytes()  # deterministic


def test_roi_from_case_keys_and_flags(company_case: Path, run) -> None:
    r = run("roi", company_case)
    assert r.code == 0 and "每日 1,296.00 元" in r.out and "62%" in r.out
    r = run("roi", "--before", "30%", "--after", "0.5", "--daily-calls", "100", "--conversion", "4%",
            "--order-value", "500")
    assert "每日 400.00 元" in r.out
    r = run("roi", "--before", "30%")
    assert r.code == 2 and "--after" in r.err
