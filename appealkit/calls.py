"""Import every call log of a case: read, window, merge duplicates across sources.

Readers stream; only calls inside the window are kept, so memory follows what the
output needs, not the size of the inputs.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

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


def import_calls(sources: Iterable[Source], case: CaseConfig, progress: Progress | None = None) -> CallSet:
    result = CallSet()
    kept: list[Call] = []
    for source in sources:
        summary, ctx = _read_one(source, case, kept, progress)
        result.summaries.append(summary)
        result.row_errors.extend(ctx.row_errors)
        result.warnings.extend(f"{source.rel}: {w}" for w in ctx.warnings)
        if summary.failed:
            result.skipped.append(Skipped(source.rel, summary.failed, _hint(summary)))
    merged = merge_duplicates(kept)
    by_rel = {s.rel: s for s in result.summaries}
    for call in merged:
        for extra in call.sources[1:]:
            by_rel[extra].merged += 1
    merged.sort(key=_time_order)
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
    append = kept.append
    try:
        for n, call in enumerate(source.reader.parse(source.path, ctx), start=1):
            if start <= call.start < end:
                append(call)
                summary.in_window += 1
            else:
                summary.out_of_window += 1
            if progress is not None and n % PROGRESS_EVERY == 0:
                progress(source.rel, n)
        summary.read = summary.in_window + summary.out_of_window
    except InputFileError as e:
        summary.read = summary.in_window + summary.out_of_window
        summary.failed = e.message + (f"({e.hint})" if e.hint else "")
    summary.rejected = ctx.rows_rejected
    return summary, ctx


def _time_order(call: Call) -> tuple:
    return (call.start, call.own, call.other, call.direction)


def _pair_order(call: Call) -> tuple:
    return (call.own, call.other, call.direction, call.start)


def merge_duplicates(calls: list[Call]) -> list[Call]:
    """One row per real call: the same call seen in two files becomes one, with both sources.

    Two records from different files with the same own number, counterpart and
    direction, starting at most 90 s apart with durations at most 5 s apart, are one
    call. Records of one file are never merged with each other.
    """
    calls.sort(key=_pair_order)
    out: list[Call] = []
    group_key = None
    group: list[Call] = []  # kept calls of the current (own, other, direction), recent first
    for call in calls:
        key = (call.own, call.other, call.direction)
        if key != group_key:
            group_key, group = key, []
        target = _match(group, call)
        if target is None:
            out.append(call)
            group.append(call)
        else:
            target.sources = target.all_sources() + (call.source,)
            if target.answered is False and call.answered:
                target.answered = True
            if not target.name and call.name:
                target.name = call.name
    return out


def _match(group: list[Call], call: Call) -> Call | None:
    for kept in reversed(group):
        gap = (call.start - kept.start).total_seconds()
        if gap > MERGE_SECONDS:
            break
        if call.source not in kept.all_sources() and abs(call.duration - kept.duration) <= MERGE_DURATION_SLACK:
            return kept
    return None


def window_label(start: datetime, end: datetime) -> str:
    last = end - timedelta(days=1)
    return f"{start:%Y-%m-%d} 至 {last:%Y-%m-%d}"
