from __future__ import annotations

import hashlib
import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from appealkit.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLDEN = Path(__file__).resolve().parent / "data" / "golden"
OWN = ("13800138000", "02087654321")
APPEAL = date(2026, 12, 4)

MINIMAL_CASE = """company = "测试科技有限公司"
short_name = "测试科技"
credit_code = "91350100M000100Y43"
numbers = ["138-0013-8000", "020-87654321"]
platforms = ["360", "腾讯"]
mark = "骚扰电话"
appeal_date = 2026-12-04
"""


class Result:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err


@pytest.fixture
def run(capsys):
    """Run the real CLI entry point in-process; return exit code and output."""

    def _run(*args: str) -> Result:
        capsys.readouterr()
        try:
            main([str(a) for a in args])
            code = 0
        except SystemExit as e:
            code = int(e.code or 0)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return _run


@pytest.fixture
def company_case(tmp_path: Path) -> Path:
    dst = tmp_path / "company"
    shutil.copytree(SAMPLES / "company", dst, ignore=shutil.ignore_patterns("out"))
    return dst


@pytest.fixture
def freelancer_case(tmp_path: Path) -> Path:
    dst = tmp_path / "freelancer"
    shutil.copytree(SAMPLES / "freelancer", dst, ignore=shutil.ignore_patterns("out"))
    return dst


@pytest.fixture
def minimal_case(tmp_path: Path) -> Path:
    case = tmp_path / "case"
    case.mkdir()
    (case / "case.toml").write_text(MINIMAL_CASE, "utf-8")
    return case


def tree_state(root: Path) -> dict[str, tuple[str, int]]:
    """sha256 and mtime of every file under root (not following links)."""
    state = {}
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            p = Path(dirpath) / name
            if p.is_symlink():
                continue
            state[p.relative_to(root).as_posix()] = (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
    return state


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
