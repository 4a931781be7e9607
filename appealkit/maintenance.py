"""Staying ready: the maintenance calendar and the return on maintenance (seed practice)."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from datetime import date, datetime, timedelta, timezone

import icalendar

from appealkit.config import CaseConfig
from appealkit.errors import UsageError

QUARTER_FIRST_MONTHS = (1, 4, 7, 10)


@dataclass(frozen=True)
class Reminder:
    day: date
    summary: str
    description: str


def reminders(case: CaseConfig) -> list[Reminder]:
    """Quarterly qualification checks for the next year, licence expiry, campaign reports."""
    out: list[Reminder] = []
    day = case.appeal_date
    checks = []
    year, month = day.year, day.month
    while len(checks) < 4:
        month += 1
        if month > 12:
            year, month = year + 1, 1
        if month in QUARTER_FIRST_MONTHS:
            checks.append(date(year, month, 1))
    for d in checks:
        out.append(Reminder(d, f"号码资质季度自查({case.short_name})",
                            "检查营业执照、号码证明是否在有效期内;运行 appealkit check 自查材料;"
                            "查看各平台标记情况,标记率应低于 10%。"))
    if case.license_expiry:
        for days in (30, 7):
            d = case.license_expiry - timedelta(days=days)
            if d >= day:
                out.append(Reminder(d, f"营业执照 {days} 天后到期({case.short_name})",
                                    f"营业执照有效期至 {case.license_expiry:%Y-%m-%d};请及时换领,并向各平台更新资质。"))
    for c in case.campaigns:
        d = c.date - timedelta(days=3)
        calls = f",预计 {c.calls} 次外呼" if c.calls else ""
        out.append(Reminder(d, f"报备外呼高峰:{c.name}({case.short_name})",
                            f"{c.date:%Y-%m-%d} 有计划外呼高峰{calls};请提前 3 天向平台报备,避免被误标。"))
    return sorted(out, key=lambda r: (r.day, r.summary))


def calendar_ics(case: CaseConfig) -> str:
    """An iCalendar file that common calendar apps import; deterministic for the same case.

    icalendar does the escaping and folds lines at 75 octets without splitting a character.
    """
    cal = icalendar.Calendar()
    cal.add("prodid", "-//appealkit//号码申诉维护日历//ZH")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{case.short_name} 号码维护日历")
    stamp = datetime(case.appeal_date.year, case.appeal_date.month, case.appeal_date.day, tzinfo=timezone.utc)
    for r in reminders(case):
        ev = icalendar.Event()
        uid = hashlib.sha256(f"{case.company}|{r.day}|{r.summary}".encode()).hexdigest()[:24]
        ev.add("uid", f"{uid}@appealkit")
        ev.add("dtstamp", stamp)
        ev.add("dtstart", r.day)
        ev.add("dtend", r.day + timedelta(days=1))
        ev.add("summary", r.summary)
        ev.add("description", r.description)
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", r.summary)
        alarm.add("trigger", timedelta(hours=-15))  # 09:00 the day before
        ev.add_component(alarm)
        cal.add_component(ev)
    return cal.to_ical().decode("utf-8")


@dataclass(frozen=True)
class Roi:
    before: float
    after: float
    daily_outbound: float
    conversion: float
    order_value: float

    @property
    def daily(self) -> float:
        return (self.after - self.before) * self.daily_outbound * self.conversion * self.order_value

    def explain(self) -> str:
        return (f"维护收益 = (维护后接通率 {self.after:.0%} − 维护前接通率 {self.before:.0%}) × 每日外呼 "
                f"{self.daily_outbound:g} 次 × 转化率 {self.conversion:.1%} × 客单价 {self.order_value:g} 元\n"
                f"        = {self.after - self.before:.2%} × {self.daily_outbound:g} × {self.conversion:.1%} × "
                f"{self.order_value:g} = 每日 {self.daily:,.2f} 元;每月(30 天)约 {self.daily * 30:,.0f} 元,"
                f"每年约 {self.daily * 365:,.0f} 元")


def rate(text: str | float, name: str) -> float:
    """0.35, 35% or 35 → 0.35."""
    try:
        if isinstance(text, str):
            t = text.strip()
            value = float(t.rstrip("%")) / 100 if t.endswith("%") else float(t)
        else:
            value = float(text)
    except ValueError:
        raise UsageError(f"{name} 无法识别:{text!r}", "应写成如 0.35 或 35%") from None
    if value > 1:
        value /= 100
    if not 0 <= value <= 1:
        raise UsageError(f"{name} 应在 0 到 100% 之间,实际为 {text!r}")
    return value


def positive(text: str | float, name: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise UsageError(f"{name} 应为数字,实际为 {text!r}") from None
    if value < 0:
        raise UsageError(f"{name} 不能为负数")
    return value


def write_calendar(case_dir: Path, out: Path | None = None) -> tuple[Path, list[Reminder]]:
    from appealkit.build import output_dir
    from appealkit.config import load_case
    from appealkit.outputs import safe_name, write_text_atomic

    case = load_case(case_dir)
    target = out or output_dir(case_dir, None) / safe_name(f"{case.short_name}_维护日历_{case.date_tag}.ics")
    write_text_atomic(target, calendar_ics(case))
    return target, reminders(case)


_ROI_FIELDS = (("before", "answer_rate_before", "--before(维护前接通率)", rate),
               ("after", "answer_rate_after", "--after(维护后接通率)", rate),
               ("daily", "daily_outbound", "--daily-calls(每日外呼)", positive),
               ("conversion", "conversion", "--conversion(转化率)", rate),
               ("order", "order_value", "--order-value(客单价)", positive))


def roi_from(case_dir: Path | None, **flags: str | None) -> Roi:
    """Flags first, then the case's [roi] table; every missing input is named at once."""
    from appealkit.config import load_case

    inputs = load_case(case_dir).roi if case_dir else None
    values, missing = {}, []
    for flag, key, label, convert in _ROI_FIELDS:
        value = flags.get(flag)
        if value is None and inputs is not None:
            value = getattr(inputs, key)
        if value is None:
            missing.append(label)
        else:
            values[flag] = convert(value, label.split("(")[1].rstrip(")"))
    if missing:
        raise UsageError(f"缺少:{'、'.join(missing)}", "用参数给出,或写在 case.toml 的 [roi] 中")
    return Roi(values["before"], values["after"], values["daily"], values["conversion"], values["order"])
