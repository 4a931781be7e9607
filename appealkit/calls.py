"""Import every call log of a case: read, window, merge duplicates across sources.

Readers stream; only calls inside the window are kept, so memory follows what the
output needs, not the size of the inputs.
"""
from __future__ import annotations

import gc
from collections import deque
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import islice
from operator import itemgetter

from appealkit.config import CaseConfig
from appealkit.discover import Source
from appealkit.errors import InputFileError
from appealkit.model import Call, Skipped
from appealkit.readers import ReadContext

MERGE_SECONDS = 90
MERGE_DURATION_SLACK = 5
PROGRESS_EVERY = 50_000


@dataclass
class SourceSummary:
    rel: str
    reader: str
    read: int = 0
    in_window: int = 0
    out_of_window: int = 0
    rejected: int = 0
    merged: int = 0
    failed: str = ""


@dataclass
class CallSet:
    calls: list[Call] = field(default_factory=list)
    summaries: list[SourceSummary] = field(default_factory=list)
    row_errors: list[Skipped] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


Progress = Callable[[str, int], None]


@contextmanager
def no_cyclic_gc():
    """Keeping a million Call objects makes CPython's cyclic collector rescan them again
    and again (more than doubling import time); they form no cycles, so pause it.

    Afterwards freeze what is tracked (gc.freeze moves lists, it walks nothing): otherwise
    the first collection after re-enabling walks every record once more (0.15 s per
    million) and each full collection of the build after it again. release_frozen() gives
    them back to the collector when the build is done.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def release_frozen() -> None:
    """Return what import_calls() froze to the collector (watch and batch workers build again
    in the same process)."""
    gc.unfreeze()


def import_calls(sources: Iterable[Source], case: CaseConfig, progress: Progress | None = None) -> CallSet:
    with no_cyclic_gc():
        return _import_calls(sources, case, progress)


def _import_calls(sources: Iterable[Source], case: CaseConfig, progress: Progress | None) -> CallSet:
    result = CallSet()
    kept: list[Call] = []
    for source in sources:
        summary, ctx = _read_one(source, case, kept, progress)
        result.summaries.append(summary)
        result.row_errors.extend(ctx.row_errors)
        result.warnings.extend(f"{source.rel}: {w}" for w in ctx.warnings)
        if summary.failed:
            result.skipped.append(Skipped(source.rel, summary.failed, _hint(summary)))
    merged = merge_duplicates(kept, single_source=sum(1 for s in result.summaries if s.in_window) <= 1)
    if len(merged) < len(kept):
        by_rel = {s.rel: s for s in result.summaries}
        for call in merged:
            for extra in call.sources[1:]:
                by_rel[extra].merged += 1
    result.calls = merged
    return result


def _hint(summary: SourceSummary) -> str:
    if summary.read:
        return f"已读取损坏处之前的 {summary.read} 条记录"
    return ""


def _read_one(source: Source, case: CaseConfig, kept: list[Call], progress: Progress | None):
    summary = SourceSummary(source.rel, source.reader.NAME)
    ctx = ReadContext(source.rel, tuple(case.numbers), case.appeal_date, head=source.head)
    start, end = case.window_start, case.window_end
    read = 0
    batch: list[Call] = []
    try:
        calls = source.reader.parse(source.path, ctx)
        while True:
            batch = []
            batch.extend(islice(calls, PROGRESS_EVERY))  # extend keeps what was read if the file breaks mid-batch
            if not batch:
                break
            read += _keep(batch, start, end, kept, summary)
            if progress is not None:
                progress(source.rel, read)
    except InputFileError as e:
        read += _keep(batch, start, end, kept, summary)
        summary.failed = e.message + (f"({e.hint})" if e.hint else "")
        ctx.warnings.clear()  # advice about a file that could not be read is noise
    summary.read = read
    summary.out_of_window = read - summary.in_window
    summary.rejected = ctx.rows_rejected
    return summary, ctx


def _keep(batch: list[Call], start: datetime, end: datetime, kept: list[Call], summary: SourceSummary) -> int:
    """Keep a batch's calls inside the window; return how many were read."""
    if batch and start <= min(map(_start, batch)) and max(map(_start, batch)) < end:
        inside = batch  # the usual case, checked in C: the whole batch lies inside the window
    else:
        inside = [c for c in batch if start <= c.start < end]
    kept += inside
    summary.in_window += len(inside)
    read = len(batch)
    batch.clear()
    return read


_start = itemgetter(0)  # Call.start; itemgetter is the fast path for tuples


def merge_duplicates(calls: list[Call], single_source: bool | None = None) -> list[Call]:
    """One row per real call, in time order: the same call seen in two files becomes one.

    Two records from different files with the same own number, counterpart and
    direction, starting at most 90 s apart with durations at most 5 s apart, are one
    call. Records of one file are never merged with each other. One sweep in time order
    with the last 90 s of kept calls per (own, other, direction): linear, not a pair sort.
    """
    calls.sort(key=_start)  # stable: ties keep file order, so the output is deterministic
    if single_source if single_source is not None else _one_source(calls):
        return calls
    window = timedelta(seconds=MERGE_SECONDS)
    recent: dict[tuple, deque[int]] = {}  # positions in `out` of the last 90 s of kept calls
    out: list[Call] = []
    for n, call in enumerate(calls):
        key = call[1:4]  # (own, other, direction)
        bucket = recent.get(key)
        if bucket is None:
            bucket = recent[key] = deque()
        else:
            oldest = call.start - window
            while bucket and out[bucket[0]].start < oldest:
                bucket.popleft()
            i = _match(bucket, out, call)
            if i is not None:
                out[i] = _absorb(out[i], call)
                continue
        bucket.append(len(out))
        out.append(call)
        if n % 200_000 == 199_999:  # keep memory to what the last 90 s need
            oldest = call.start - window
            recent = {k: b for k, b in recent.items() if b and out[b[-1]].start >= oldest}
    return out


def _one_source(calls: list[Call]) -> bool:
    first = calls[0].source if calls else None
    return all(c.source == first for c in calls)


def _match(bucket: deque, out: list[Call], call: Call) -> int | None:
    for i in reversed(bucket):
        kept = out[i]
        if call.source not in kept.all_sources() and abs(call.duration - kept.duration) <= MERGE_DURATION_SLACK:
            return i
    return None


def _absorb(target: Call, call: Call) -> Call:
    return target._replace(sources=target.all_sources() + (call.source,),
                           answered=target.answered or call.answered,
                           name=target.name or call.name)


def window_label(start: datetime, end: datetime) -> str:
    last = end - timedelta(days=1)
    return f"{start:%Y-%m-%d} 至 {last:%Y-%m-%d}"
