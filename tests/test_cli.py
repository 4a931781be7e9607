"""The command line as a user meets it: help, init, check, exit codes."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from appealkit.cli import cli


def test_every_command_has_chinese_help(run) -> None:
    for name, command in cli.commands.items():
        assert command.help and re.search(r"[\u4e00-\u9fff]", command.help), name
        for param in command.params:
            if getattr(param, "help", None) is not None:
                assert re.search(r"[\u4e00-\u9fff]", param.help), f"{name} {param.name}"
        r = run(name, "--help")
        assert r.code == 0 and "显示本帮助并退出" in r.out


def test_python_dash_m_works() -> None:
    r = subprocess.run([sys.executable, "-m", "appealkit", "--version"], capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.startswith("appealkit ")


def test_init_then_build_without_an_editor(tmp_path: Path, run) -> None:
    case = tmp_path / "新案件"
    r = run("init", case, "--company", "某某咨询工作室", "--number", "139 0013 9000", "--platform", "百度",
            "--mark", "广告推销", "--folders")
    assert r.code == 0 and "case.toml" in r.out
    assert (case / "营业执照").is_dir() and (case / "通话记录").is_dir()
    assert run("init", case).code == 2  # never overwrites silently
    r = run("build", case)
    assert r.code == 0, r.err
    assert list((case / "out").glob("某某咨询工作室_申诉证据包_*.pdf"))


def test_check_ready_and_not_ready(company_case: Path, run) -> None:
    r = run("check", company_case)
    assert r.code == 0, r.out
    assert "可以提交" in r.out
    (company_case / "证照" / "营业执照.png").unlink()
    r = run("check", company_case)
    assert r.code == 1 and "营业执照" in r.out and "✘" in r.out
    r = run("check", company_case, "--json")
    body = json.loads(r.out)
    assert body["ready"] is False and body["missing"] == ["营业执照"]


def test_build_exit_code_3_names_each_skipped_file(company_case: Path, run) -> None:
    (company_case / "坏文件.pdf").write_bytes(b"%PDF-1.7\n garbage")
    (company_case / "空.csv").write_bytes(b"")
    (company_case / "合同.docx").write_bytes(b"PK\x03\x04 not really")
    r = run("build", company_case)
    assert r.code == 3
    for name in ("坏文件.pdf", "空.csv", "合同.docx"):
        assert name in r.err
    assert "另存为 PDF" in r.err
    manifest = json.loads((company_case / "out" / "manifest.json").read_text("utf-8"))
    assert {s["path"] for s in manifest["skipped"]} >= {"坏文件.pdf", "空.csv", "合同.docx"}
    assert len([i for i in manifest["inputs"] if i.get("exhibit")]) == 5  # the good ones are all there


def test_build_json_for_scripts(company_case: Path, freelancer_case: Path, run, monkeypatch) -> None:
    monkeypatch.chdir(company_case.parent)
    r = run("build", company_case, freelancer_case, "--json")
    assert r.code == 1  # the freelancer sample lacks 号码证明: not ready
    lines = [json.loads(x) for x in r.out.strip().splitlines()]
    assert sorted(x["company"] for x in lines) == ["广州启明教育科技有限公司", "李安宁"]
    assert all(x["pages"] > 5 and x["calls"] > 50 for x in lines)


def test_out_inside_inputs_is_never_read(company_case: Path, run) -> None:
    assert run("build", company_case).code == 0
    shutil.copy(company_case / "out" / "manifest.json", company_case / "out" / "extra.json")
    r = run("build", company_case)
    assert r.code == 0 and "extra.json" not in r.err


def test_an_earlier_output_folder_inside_the_case_is_not_input(company_case: Path, run) -> None:
    assert run("build", company_case, "--out", company_case / "给客户的版本").code == 0
    r = run("build", company_case)
    assert r.code == 0, r.err
    assert "已忽略 给客户的版本/" in r.err
    manifest = json.loads((company_case / "out" / "manifest.json").read_text("utf-8"))
    assert not any(i["path"].startswith("给客户的版本/") for i in manifest["inputs"])
