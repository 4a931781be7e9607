"""Coverage-guided fuzzing of the readers with atheris.

    pip install atheris
    python fuzz/fuzz_readers.py table -max_total_time=600 fuzz/corpus/table
    python fuzz/fuzz_readers.py xml   -max_total_time=600 fuzz/corpus/xml

Any exception other than appealkit's own InputFileError is a finding: libFuzzer stops and
writes the input as crash-*. Seeds come from tests/data/golden.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["appealkit"]):
    from appealkit.errors import InputFileError
    from appealkit.readers import read_file

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"table": (".csv", ["bill_utf8.csv", "bill_gbk.csv", "bill_utf16.txt", "cdr_cloud.csv", "客户名单.csv"]),
           "xml": (".xml", ["calls-20261204.xml"]),
           "vcard": (".vcf", ["contacts.vcf"])}
WORK = Path(tempfile.mkdtemp(prefix="appealkit-fuzz-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None))


def make_target(suffix: str):
    path = WORK / ("input" + suffix)

    def one_input(data: bytes) -> None:
        path.write_bytes(data)
        try:
            read_file(path, ("13800138000", "02087654321"), date(2026, 12, 4))
        except InputFileError:
            pass
    return one_input


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:
        sys.exit(f"usage: {sys.argv[0]} {{{'|'.join(TARGETS)}}} [libFuzzer options] [corpus dir]")
    name = sys.argv.pop(1)
    suffix, seeds = TARGETS[name]
    corpus = next((Path(a) for a in sys.argv[1:] if not a.startswith("-")), None)
    if corpus is not None:
        corpus.mkdir(parents=True, exist_ok=True)
        for seed in seeds:
            shutil.copy(ROOT / "tests" / "data" / "golden" / seed, corpus / seed)
    atheris.Setup(sys.argv, make_target(suffix))
    atheris.Fuzz()


if __name__ == "__main__":
    main()
