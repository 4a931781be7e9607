"""Durations, times and numbers: examples from real bills, and properties with hypothesis."""
from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from appealkit import numbers
from appealkit.checksums import credit_code_problem, id_number_problem
from appealkit.timeparse import format_duration, parse_duration, parse_time


@pytest.mark.parametrize("text,seconds", [
    ("05秒", 5), ("2分34秒", 154), ("1分钟48秒", 108), ("1小时2分3秒", 3723), ("00:02:34", 154), ("2:34", 154),
    ("154", 154), (154, 154), (12.0, 12), ("3分", 180), ("1小时", 3600), (" 45 秒 ", 45), ("0", 0),
])
def test_duration_forms(text, seconds) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("bad", ["", "abc", "-5", "1:99:00", None, True, float("nan")])
def test_duration_rejects_with_chinese_reason(bad) -> None:
    with pytest.raises(ValueError, match="时长"):
        parse_duration(bad)


@given(st.integers(min_value=0, max_value=10 * 24 * 3600))
def test_duration_round_trip(seconds: int) -> None:
    assert parse_duration(format_duration(seconds)) == seconds


@given(st.text(max_size=30))
def test_duration_never_raises_anything_but_value_error(text: str) -> None:
    try:
        assert parse_duration(text) >= 0
    except ValueError:
        pass


@pytest.mark.parametrize("text,expected", [
    ("2026-11-04 08:01:02", datetime(2026, 11, 4, 8, 1, 2)),
    ("2026/11/04 8:01", datetime(2026, 11, 4, 8, 1)),
    ("2026年11月4日 08:01:02", datetime(2026, 11, 4, 8, 1, 2)),
    ("11-04 08:01:02", datetime(2026, 11, 4, 8, 1, 2)),
    ("20261104080102", datetime(2026, 11, 4, 8, 1, 2)),
    ("1793750462000", datetime(2026, 11, 4, 8, 1, 2)),  # epoch ms, shown in China time
    (1793750462, datetime(2026, 11, 4, 8, 1, 2)),
    ("2026-11-04T00:01:02Z", datetime(2026, 11, 4, 8, 1, 2)),
])
def test_time_forms(text, expected) -> None:
    assert parse_time(text, date(2026, 12, 4)) == expected


def test_time_without_year_takes_the_latest_year_not_after_the_period() -> None:
    assert parse_time("12-30 10:00:00", date(2027, 1, 5)) == datetime(2026, 12, 30, 10)
    assert parse_time("01-02 10:00:00", date(2027, 1, 5)) == datetime(2027, 1, 2, 10)


def test_time_without_year_and_without_period_is_an_error() -> None:
    with pytest.raises(ValueError, match="没有年份"):
        parse_time("11-04 08:01:02", None)


@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31)))
def test_iso_and_chinese_forms_round_trip(dt: datetime) -> None:
    dt = dt.replace(microsecond=0)
    assert parse_time(dt.strftime("%Y-%m-%d %H:%M:%S")) == dt
    assert parse_time(f"{dt.year}年{dt.month}月{dt.day}日 {dt:%H:%M:%S}") == dt
    assert parse_time(dt.strftime("%Y/%m/%d %H:%M:%S")) == dt


@given(st.datetimes(min_value=datetime(2001, 9, 10), max_value=datetime(2285, 1, 1)))
def test_epoch_milliseconds_round_trip(dt: datetime) -> None:
    dt = dt.replace(microsecond=0)
    ms = int((dt - timedelta(hours=8) - datetime(1970, 1, 1)).total_seconds()) * 1000
    assert parse_time(ms) == dt


@given(st.one_of(st.text(max_size=40), st.integers(), st.floats(allow_nan=True)))
@settings(max_examples=300)
def test_time_never_raises_anything_but_value_error(value) -> None:
    try:
        parse_time(value, date(2026, 12, 4))
    except ValueError:
        pass


@pytest.mark.parametrize("raw", ["+86 138 0013 8000", "138-0013-8000", "008613800138000", "13800138000",
                                 "8613800138000", "(138) 0013 8000", "１３８００１３８０００", "1795113800138000"])
def test_mobile_spellings_share_one_canonical_form(raw: str) -> None:
    assert numbers.normalize(raw) == "13800138000"


@pytest.mark.parametrize("raw,canon,display", [
    ("020-87654321", "02087654321", "020-87654321"), ("(0755)12345678", "075512345678", "0755-12345678"),
    ("+86 20 8765 4321", "02087654321", "020-87654321"), ("400-123-4567", "4001234567", "400-123-4567"),
    ("95588", "95588", "95588"), ("10086", "10086", "10086"), ("-1", "", "隐藏号码"),
])
def test_landlines_service_and_hidden(raw, canon, display) -> None:
    assert numbers.normalize(raw) == canon
    assert numbers.display(canon) == display


def test_masking_conventions() -> None:
    assert numbers.mask("13812345678") == "138****5678"
    assert numbers.mask("02087654321") == "020****4321"
    assert numbers.mask("075512345678") == "0755****5678"
    assert numbers.mask("95588") == "95588"  # a bank, not a person


@given(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True))
def test_mobile_properties(mobile: str) -> None:
    spaced = f"+86 {mobile[:3]} {mobile[3:7]} {mobile[7:]}"
    assert numbers.normalize(spaced) == mobile
    assert numbers.normalize(numbers.display(mobile)) == mobile
    masked = numbers.mask(mobile)
    assert masked[:3] == mobile[:3] and masked[-4:] == mobile[-4:] and "****" in masked
    assert numbers.validate_own(mobile) == mobile


@given(st.from_regex(r"1[0-9]{10}", fullmatch=True))
def test_eleven_ascii_digits_from_1_are_already_canonical(text: str) -> None:
    # the call-table fast path keeps such a cell as it is without asking normalize()
    assert numbers.normalize(text) == text


@given(st.text(max_size=40))
def test_normalize_never_raises(text: str) -> None:
    assert isinstance(numbers.normalize(text), str)


@pytest.mark.parametrize("bad,reason", [("123", "不是有效的手机号"), ("2345", "无效"), ("1380013800", "手机号"), ("87654321", "区号"), ("", "为空")])
def test_own_number_rejections_say_why(bad, reason) -> None:
    with pytest.raises(ValueError, match=reason):
        numbers.validate_own(bad)


def test_checksum_vectors() -> None:
    assert id_number_problem("11010519491231002X") is None
    assert id_number_problem("440524188001010014") is None
    assert "校验位" in id_number_problem("440524188001010015")
    assert credit_code_problem("91350100M000100Y43") is None
    assert "应为 3" in credit_code_problem("91350100M000100Y44")
    assert "不允许的字符" in credit_code_problem("91350100M000100I43")


@given(st.text(max_size=300), st.sampled_from([".pdf", ".jpg", ".xlsx", ""]))
@settings(max_examples=300)
def test_safe_name_is_always_portable_and_keeps_the_extension(stem: str, ext: str) -> None:
    from pathvalidate import validate_filename

    from appealkit.outputs import safe_name
    name = safe_name(stem + ext)
    validate_filename(name, platform="universal")
    assert len(name.encode()) <= 255 and "/" not in name and "\\\\" not in name and name not in (".", "..")
    assert not any(ch in name for ch in "\u202e\u202d\u200f\x00")
    if ext:
        assert name.endswith(ext)


@pytest.mark.parametrize("text,expected", [("10MB", 10_000_000), ("500kb", 500_000), ("2.5M", 2_500_000),
                                           ("1 GB", 1_000_000_000), ("800B", 800)])
def test_size_limits(text, expected) -> None:
    from appealkit.outputs import parse_size
    assert parse_size(text) == expected


@pytest.mark.parametrize("bad", ["5x", "MB", "-1MB", "0MB"])
def test_bad_size_limits_are_usage_errors(bad) -> None:
    from appealkit.errors import UsageError
    from appealkit.outputs import parse_size
    with pytest.raises(UsageError):
        parse_size(bad)


def test_numbers_in_running_text() -> None:
    text = "乙方联系电话:139 1234 5678;座机 020-8765 4321;客服 400-123-4567;手机号码:13800138000;深圳 0755-12345678;订单 20261104123456"
    assert numbers.numbers_in_text(text) == ["13912345678", "02087654321", "4001234567", "13800138000", "075512345678"]
