"""The drop folder: rebuild whenever files are added, changed or removed.

Native file events through watchfiles, or polling where they do not arrive (network
drives, some containers). A changed file is read only after its size and time have
stopped changing, so a half-copied file is never read. The output folder is ignored.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import watchfiles

from appealkit.build import BuildOptions, BuildReport, build_case, output_dir
from appealkit.discover import is_output_folder
from appealkit.errors import AppealError

logging.getLogger("watchfiles").setLevel(logging.ERROR)  # its English notices would interleave with ours

_TEMP_SUFFIXES = (".tmp", ".part", ".crdownload", ".download", ".swp")
MAX_SETTLE_SECONDS = 600


@dataclass
class WatchEvent:
    changes: list[str] = field(default_factory=list)
    report: BuildReport | None = None
    error: str = ""


def _filter(root: Path, out: Path) -> Callable[[watchfiles.Change, str], bool]:
    def keep(_change: watchfiles.Change, path: str) -> bool:
        p = Path(path)
        if p.is_relative_to(out) or any(part.startswith(".") for part in p.relative_to(root).parts):
            return False
        if p.name.startswith("~$") or p.name.lower().endswith(_TEMP_SUFFIXES):
            return False
        return not any(is_output_folder(parent) for parent in p.relative_to(root).parents if str(parent) != ".")
    return keep


def _snapshot(paths: set[Path]) -> dict[Path, tuple[int, int] | None]:
    state: dict[Path, tuple[int, int] | None] = {}
    for p in paths:
        try:
            st = p.stat()
            state[p] = (st.st_size, st.st_mtime_ns)
        except OSError:
            state[p] = None
    return state


def wait_until_stable(paths: set[Path], settle: float, stop_event=None) -> None:
    """Return once none of `paths` changed size or time for `settle` seconds."""
    deadline = time.monotonic() + MAX_SETTLE_SECONDS
    before = _snapshot(paths)
    while time.monotonic() < deadline:
        if stop_event is not None and stop_event.wait(settle):
            return
        if stop_event is None:
            time.sleep(settle)
        after = _snapshot(paths)
        if after == before:
            return
        before = after


def _describe(changes: set[tuple[watchfiles.Change, str]], root: Path) -> list[str]:
    words = {watchfiles.Change.added: "新增", watchfiles.Change.modified: "修改", watchfiles.Change.deleted: "删除"}
    return sorted(f"{words[c]} {Path(p).relative_to(root).as_posix()}" for c, p in changes)


def _rebuild(case_dir: Path, options: BuildOptions, changes: list[str]) -> WatchEvent:
    try:
        return WatchEvent(changes, build_case(case_dir, options))
    except AppealError as e:
        return WatchEvent(changes, error=str(e))


def watch_case(case_dir: Path, options: BuildOptions, on_build: Callable[[WatchEvent], None], *,
               settle: float = 2.0, force_polling: bool | None = None, stop_event=None) -> None:
    root = case_dir.resolve()
    out = output_dir(case_dir, options.out)
    options = BuildOptions(out=out, max_bytes=options.max_bytes, per_platform=options.per_platform,
                           progress=options.progress)
    on_build(_rebuild(case_dir, options, ["首次生成"]))
    built: dict[Path, tuple[int, int] | None] = {}  # what each changed path looked like when last built
    for changes in watchfiles.watch(root, watch_filter=_filter(root, out), stop_event=stop_event,
                                    force_polling=force_polling, poll_delay_ms=300, debounce=800,
                                    raise_interrupt=False):
        paths = {Path(p) for _c, p in changes}
        wait_until_stable(paths, settle, stop_event)
        if stop_event is not None and stop_event.is_set():
            return
        now = _snapshot(paths)
        if all(p in built and built[p] == state for p, state in now.items()):
            continue  # events that piled up while we waited for a copy to finish: already built
        built.update(now)
        on_build(_rebuild(case_dir, options, _describe(changes, root)))
