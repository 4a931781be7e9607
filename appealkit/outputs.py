"""Where output goes: safe names, a staging folder, and an all-or-nothing commit.

Every file of a build is written into a hidden staging folder inside the output folder
and moved into place only when all of them are complete, so an interrupted build
never leaves a half-written file under a final name, and the previous package stays
as it was until the new one is whole.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import unicodedata
from pathlib import Path

from pathvalidate import sanitize_filename, validate_filename

from appealkit.errors import OutputError, UsageError

MAX_NAME_BYTES = 255
STAGING_PREFIX = ".appealkit-staging-"
MANIFEST = "manifest.json"
_BIDI_AND_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\u00ad]")
_EXT = re.compile(r"^\.[A-Za-z0-9]{1,8}$")


def safe_name(name: str, fallback: str = "未命名") -> str:
    """A file name valid on Windows, macOS, Linux and cloud drives, at most 255 bytes.

    The extension is kept when the name must be shortened; path separators, `..`,
    reserved names (CON, NUL ...), control and bidi-override characters cannot survive.
    """
    name = unicodedata.normalize("NFC", name)
    name = _BIDI_AND_INVISIBLE.sub("", name)
    name = "".join(ch if unicodedata.category(ch)[0] != "C" else "_" for ch in name)
    name = name.replace("/", "_").replace("\\", "_")
    base, dot, tail = name.rpartition(".")  # not splitext: it calls ".pdf" and "..pdf" stems
    stem, ext = (base, "." + tail) if dot and _EXT.match("." + tail) else (name, "")
    ext = ext.lower()
    stem = sanitize_filename(stem, platform="universal", replacement_text="_").strip(" .")
    stem = stem.replace("..", "_") or fallback
    budget = MAX_NAME_BYTES - len(ext.encode())
    while len(stem.encode()) > budget:
        stem = stem[:-1]
    stem = stem.rstrip(" .") or fallback
    result = sanitize_filename(stem + ext, platform="universal", replacement_text="_")
    validate_filename(result, platform="universal")
    return result


class Staging:
    """A staging folder inside `out`; `commit()` moves everything into place."""

    def __init__(self, out: Path) -> None:
        self.out = out
        try:
            out.mkdir(parents=True, exist_ok=True)
            for old in out.glob(STAGING_PREFIX + "*"):
                shutil.rmtree(old, ignore_errors=True)  # left by an interrupted build
            self.dir = out / f"{STAGING_PREFIX}{os.getpid()}"
            self.dir.mkdir()
        except OSError as e:
            raise OutputError(f"无法创建输出文件夹 {out}:{e.strerror or e}", "请检查磁盘空间和写入权限") from e
        self.files: list[str] = []

    def path(self, rel: str) -> Path:
        """Staging path of an output file named `rel` (posix, relative to `out`)."""
        target = (self.dir / rel).resolve()
        if not target.is_relative_to(self.dir.resolve()):
            raise OutputError(f"输出文件名 {rel!r} 越出了输出文件夹")
        target.parent.mkdir(parents=True, exist_ok=True)
        self.files.append(rel)
        return target

    def commit(self) -> None:
        previous = _previous_outputs(self.out)
        try:
            for rel in self.files:
                final = self.out / rel
                final.parent.mkdir(parents=True, exist_ok=True)
                os.replace(self.dir / rel, final)
            for rel in previous - set(self.files):
                stale = (self.out / rel).resolve()
                if stale.is_relative_to(self.out.resolve()) and stale.is_file():
                    stale.unlink()  # only files an earlier build listed as its own
        except OSError as e:
            raise OutputError(f"无法写入输出文件夹 {self.out}:{e.strerror or e}", "请检查磁盘空间和写入权限") from e
        finally:
            self.abort()

    def abort(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


def _previous_outputs(out: Path) -> set[str]:
    try:
        data = json.loads((out / MANIFEST).read_text("utf-8"))
        return {o["path"] for o in data.get("outputs", []) if isinstance(o.get("path"), str)} | {MANIFEST}
    except (OSError, ValueError, AttributeError, TypeError):
        return set()


def unique(name: str, taken: set[str]) -> str:
    """`name`, or `name_2`, `name_3` ... when a file system that ignores case has it already."""
    stem, ext = os.path.splitext(name)
    candidate, n = name, 1
    while candidate.casefold() in taken:
        n += 1
        suffix = f"_{n}"
        base = stem
        while len((base + suffix + ext).encode()) > MAX_NAME_BYTES:
            base = base[:-1]
        candidate = f"{base}{suffix}{ext}"
    taken.add(candidate.casefold())
    return candidate


def write_text_atomic(path: Path, text: str) -> None:
    """A single file written beside its final name, then renamed over it."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(text, "utf-8", newline="")  # keep CRLF where a format requires it
        os.replace(tmp, path)
    except OSError as e:
        raise OutputError(f"无法写入 {path}:{e.strerror or e}", "请检查磁盘空间和写入权限") from e


def parse_size(text: str | None) -> int | None:
    """Bytes from 10MB, 500KB, 2.5M …; decimal units, as upload portals state their limits."""
    if not text:
        return None
    t = text.strip().upper().replace(" ", "")
    units = {"KB": 1_000, "K": 1_000, "MB": 1_000_000, "M": 1_000_000, "GB": 1_000_000_000, "G": 1_000_000_000,
             "B": 1}
    for unit, factor in units.items():
        if t.endswith(unit):
            try:
                value = float(t[: -len(unit)])
            except ValueError:
                break
            if value <= 0:
                break
            return int(value * factor)
    raise UsageError(f"--max-size 无法识别:{text!r}", "应写成如 10MB、500KB")
