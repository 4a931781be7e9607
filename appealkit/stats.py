"""The evidence statistics a reviewer looks at, computed once for every writer and `check`."""
from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import date, timedelta

from appealkit.model import IN, OUT, Call
from appealkit.relations import OWN_LINE, Relation

DAY_START_HOUR, DAY_END_HOUR = 8, 21
SHORT_SECONDS = 10


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: str
    verdict: str
    flag: bool = False  # looks like a harassment pattern


@dataclass
class DayStat:
    day: date
    outgoing: int = 0
    incoming: int = 0
    unknown: int = 0  # direction not stated by the source: kept and counted, never dropped
    answered: int = 0
    seconds: int = 0

    @property
    def total(self) -> int:
        return self.outgoing + self.incoming + self.unknown


@dataclass
class CounterpartStat:
    number: str
    relation: Relation
    outgoing: int = 0
    incoming: int = 0
    unknown: int = 0
    answered: int = 0
    seconds: int = 0
    first: object = None
    last: object = None

    @property
    def total(self) -> int:
        return self.outgoing + self.incoming + self.unknown


@dataclass
class Stats:
    window_days: int
    total: int = 0
    outgoing: int = 0
    incoming: int = 0
    answered: int = 0
    median_seconds: float = 0.0
    mean_seconds: float = 0.0
    short_answered_share: float = 0.0
    short_outgoing_share: float = 0.0
    counterparts: int = 0
    registered_call_share: float = 0.0
    registered_counterpart_share: float = 0.0
    repeat_share: float = 0.0
    two_way_share: float = 0.0
    once_outgoing_share: float = 0.0
    max_per_day: int = 0
    mean_per_day: float = 0.0
    night_calls: int = 0
    busiest_day: date | None = None
    largest_rise: tuple[date, int, int] | None = None
    days: list[DayStat] = field(default_factory=list)
    hours: list[int] = field(default_factory=lambda: [0] * 24)
    parties: list[CounterpartStat] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)

    @property
    def answered_rate(self) -> float:
        return self.answered / self.total if self.total else 0.0

    @property
    def flags(self) -> list[Figure]:
        return [f for f in self.figures if f.flag]

    def key_sentence(self) -> str:
        """One sentence for the appeal letter."""
        if not self.total:
            return f"近 {self.window_days} 天内未导入通话记录。"
        return (f"近 {self.window_days} 天共通话 {self.total} 次(呼出 {self.outgoing} 次、呼入 {self.incoming} 次),"
                f"接通率 {pct(self.answered_rate)},通话时长中位数 {self.median_seconds:.0f} 秒,"
                f"{pct(self.registered_counterpart_share)} 的通话对象为登记客户或合作方。")


def pct(x: float) -> str:
    return f"{x * 100:.0f}%"


def compute(calls: list[Call], relations: dict[str, Relation], first_day: date, window_days: int) -> Stats:
    s = Stats(window_days=window_days)
    days = {first_day + timedelta(days=i): DayStat(first_day + timedelta(days=i)) for i in range(window_days)}
    parties: dict[str, CounterpartStat] = {}
    answered_secs: list[int] = []
    short_out = 0
    for c in calls:
        s.total += 1
        day = days.get(c.start.date())
        if day is None:  # cannot happen for windowed calls; keep the figures honest anyway
            day = days.setdefault(c.start.date(), DayStat(c.start.date()))
        p = parties.get(c.other)
        if p is None:
            p = parties[c.other] = CounterpartStat(c.other, relations.get(c.other, Relation("未登记")), first=c.start)
        p.last = c.start
        if c.direction == OUT:
            s.outgoing += 1
            day.outgoing += 1
            p.outgoing += 1
            if c.duration < SHORT_SECONDS:
                short_out += 1
        elif c.direction == IN:
            s.incoming += 1
            day.incoming += 1
            p.incoming += 1
        else:
            day.unknown += 1
            p.unknown += 1
        if c.answered:
            s.answered += 1
            day.answered += 1
            p.answered += 1
            answered_secs.append(c.duration)
        day.seconds += c.duration
        p.seconds += c.duration
        s.hours[c.start.hour] += 1
        if not DAY_START_HOUR <= c.start.hour < DAY_END_HOUR:
            s.night_calls += 1
    s.days = sorted(days.values(), key=lambda d: d.day)
    s.parties = sorted(parties.values(), key=lambda p: (-p.total, p.number))
    _durations(s, answered_secs, short_out)
    _counterparts(s)
    _daily(s)
    s.figures = _figures(s)
    return s


def _durations(s: Stats, answered_secs: list[int], short_out: int) -> None:
    if answered_secs:
        s.median_seconds = float(statistics.median(answered_secs))
        s.mean_seconds = statistics.fmean(answered_secs)
        s.short_answered_share = sum(1 for d in answered_secs if d < SHORT_SECONDS) / len(answered_secs)
    s.short_outgoing_share = short_out / s.outgoing if s.outgoing else 0.0


def _counterparts(s: Stats) -> None:
    others = [p for p in s.parties if p.relation.label != OWN_LINE]
    s.counterparts = len(others)
    if not others:
        return
    registered = [p for p in others if p.relation.registered]
    s.registered_counterpart_share = len(registered) / len(others)
    calls_total = sum(p.total for p in others)
    s.registered_call_share = sum(p.total for p in registered) / calls_total if calls_total else 0.0
    s.repeat_share = sum(1 for p in others if p.total > 1) / len(others)
    s.two_way_share = sum(1 for p in others if p.outgoing and p.incoming) / len(others)
    called = [p for p in others if p.outgoing]
    s.once_outgoing_share = sum(1 for p in called if p.total == 1) / len(called) if called else 0.0


def _daily(s: Stats) -> None:
    totals = [d.total for d in s.days]
    if not totals:
        return
    s.max_per_day = max(totals)
    s.mean_per_day = sum(totals) / len(totals)
    busiest = max(s.days, key=lambda d: (d.total, -d.day.toordinal()))
    s.busiest_day = busiest.day if busiest.total else None
    best = None
    for prev, cur in zip(s.days, s.days[1:]):
        rise = cur.total - prev.total
        if rise > 0 and (best is None or rise > best[2] - best[1]):
            best = (cur.day, prev.total, cur.total)
    s.largest_rise = best


def _figures(s: Stats) -> list[Figure]:
    n = s.window_days
    out_enough = s.outgoing >= 20
    figs = [
        Figure("total", "通话总数", f"{s.total} 次", f"近 {n} 天共 {s.total} 次通话,日均 {s.mean_per_day:.1f} 次"),
        Figure("direction", "呼出 / 呼入", f"{s.outgoing} / {s.incoming}",
               f"呼入占 {pct(s.incoming / s.total) if s.total else '0%'},说明对方也主动联系本号码"),
        Figure("answered", "接通率", pct(s.answered_rate), f"{pct(s.answered_rate)} 的通话被接通",
               flag=out_enough and s.answered_rate < 0.3),
        Figure("duration", "通话时长(中位数 / 平均)", f"{s.median_seconds:.0f} 秒 / {s.mean_seconds:.0f} 秒",
               f"接通通话的时长中位数为 {s.median_seconds:.0f} 秒,属于正常业务沟通" if s.median_seconds >= 30
               else f"接通通话的时长中位数仅 {s.median_seconds:.0f} 秒"),
        Figure("short", "不足10秒的呼出", pct(s.short_outgoing_share),
               f"近{n}天有 {pct(s.short_outgoing_share)} 的呼出通话不足10秒"
               + (",易被判定为骚扰" if s.short_outgoing_share > 0.3 else ",比例正常"),
               flag=out_enough and s.short_outgoing_share > 0.3),
        Figure("counterparts", "通话对象数", f"{s.counterparts} 个",
               f"{s.counterparts} 个不同号码,{pct(s.repeat_share)} 联系过不止一次"),
        Figure("registered", "登记客户占比(对象 / 通话)",
               f"{pct(s.registered_counterpart_share)} / {pct(s.registered_call_share)}",
               f"{pct(s.registered_counterpart_share)} 的通话对象为登记客户",
               flag=s.counterparts >= 5 and s.registered_counterpart_share < 0.5),
        Figure("two_way", "双向联系的对象", pct(s.two_way_share),
               f"{pct(s.two_way_share)} 的通话对象与本号码有来有往"),
        Figure("once", "仅呼叫一次的号码", pct(s.once_outgoing_share),
               f"呼出对象中 {pct(s.once_outgoing_share)} 只被呼叫过一次"
               + (",呈广撒网特征,易被判定为推销" if s.once_outgoing_share > 0.7 else ""),
               flag=out_enough and s.once_outgoing_share > 0.7),
        Figure("per_day", "每日通话(最多 / 平均)", f"{s.max_per_day} / {s.mean_per_day:.1f}",
               f"最忙的一天是 {s.busiest_day:%m月%d日},共 {s.max_per_day} 次" if s.busiest_day else "无通话"),
        Figure("night", "08:00-21:00 以外的通话", f"{s.night_calls} 次",
               "没有夜间或清晨通话" if not s.night_calls else
               f"有 {s.night_calls} 次通话在 08:00-21:00 以外",
               flag=s.total >= 20 and s.night_calls / s.total > 0.05),
    ]
    if s.largest_rise:
        day, before, after = s.largest_rise
        jump = (after - before) / before if before else 1.0
        spike = after >= 20 and jump >= 0.3 and after > 2 * max(s.mean_per_day, 1)
        figs.append(Figure("rise", "最大单日增幅", f"{before} → {after}",
                           f"{day:%m月%d日} 比前一日多 {after - before} 次" + (",呈突增特征" if spike else ""),
                           flag=spike))
    return figs
