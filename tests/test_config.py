"""A broken case.toml: one Chinese line naming the key, exit 2, no traceback."""
from __future__ import annotations

from pathlib import Path

import pytest



@pytest.mark.parametrize("change,key,words", [
    (lambda t: t.replace('company = "测试科技有限公司"\n', ""), "company", "缺少必填项"),
    (lambda t: t + "compnay = \"x\"\n", "compnay", "未知的键"),
    (lambda t: t.replace('"138-0013-8000"', '"138-0013-800"'), "numbers", "不是有效的手机号"),
    (lambda t: t.replace('"020-87654321"', '"87654321"'), "numbers", "缺少区号"),
    (lambda t: t.replace("91350100M000100Y43", "91350100M000100Y44"), "credit_code", "校验位错误"),
    (lambda t: t.replace("2026-12-04", "2026-13-04"), "", "格式错误"),
    (lambda t: t.replace("appeal_date = 2026-12-04", 'appeal_date = "下周一"'), "appeal_date", "应为日期"),
    (lambda t: t.replace('["360", "腾讯"]', '["360", "微博"]'), "platforms", "未知平台"),
    (lambda t: t + "window_days = 0\n", "window_days", "不小于 1"),
    (lambda t: t + "[applicant]\nrole = \"老板\"\n", "applicant.role", "应为"),
])
def test_broken_case_toml(minimal_case: Path, run, change, key, words) -> None:
    toml = minimal_case / "case.toml"
    toml.write_text(change(toml.read_text("utf-8")), "utf-8")
    r = run("build", minimal_case)
    assert r.code == 2
    assert "Traceback" not in r.err and r.out == ""
    lines = r.err.strip().splitlines()
    assert len(lines) == 1, r.err
    assert words in lines[0] and (f"`{key}`" in lines[0] if key else True)
    assert not (minimal_case / "out").exists()


def test_verbose_shows_the_traceback(minimal_case: Path, run) -> None:
    (minimal_case / "case.toml").write_text("company = ", "utf-8")
    r = run("-v", "build", minimal_case)
    assert r.code == 2 and "Traceback" in r.err


def test_missing_case_toml_explains_init(tmp_path: Path, run) -> None:
    r = run("build", tmp_path)
    assert r.code == 2 and "appealkit init" in r.err


def test_platform_aliases_and_number_forms_are_normalised(minimal_case: Path) -> None:
    from appealkit.config import load_case
    case = load_case(minimal_case)
    assert case.platforms == ["360", "tencent"]
    assert case.numbers == ["13800138000", "02087654321"]
    assert case.window_start.isoformat() == "2026-11-05T00:00:00" and case.window_end.isoformat() == "2026-12-05T00:00:00"
