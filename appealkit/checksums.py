"""Check characters of Chinese identity numbers (pure functions, no I/O)."""
from __future__ import annotations

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def id_check_char(first17: str) -> str:
    """GB 11643-1999 (ISO 7064 MOD 11-2) check character for 17 digits."""
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS))
    return _ID_CHECK[total % 11]


def id_number_problem(value: str) -> str | None:
    """None when a 18-character 身份证号 is well formed, else the reason in Chinese."""
    v = value.strip().upper()
    if len(v) != 18 or not v[:17].isdigit() or not (v[17].isdigit() or v[17] == "X"):
        return "身份证号应为 18 位:17 位数字加 1 位数字或 X"
    expected = id_check_char(v[:17])
    if v[17] != expected:
        return f"身份证号校验位错误:最后一位应为 {expected},实际为 {v[17]}"
    return None


def credit_check_char(first17: str) -> str:
    """GB 32100-2015 check character for the first 17 characters of a credit code."""
    total = sum(CREDIT_ALPHABET.index(c) * w for c, w in zip(first17, _CREDIT_WEIGHTS))
    return CREDIT_ALPHABET[(31 - total % 31) % 31]


def credit_code_problem(value: str) -> str | None:
    """None when a 统一社会信用代码 is well formed, else the reason in Chinese."""
    v = value.strip().upper()
    if len(v) != 18:
        return f"统一社会信用代码应为 18 位,实际为 {len(v)} 位"
    bad = [c for c in v if c not in CREDIT_ALPHABET]
    if bad:
        return f"统一社会信用代码含有不允许的字符 {bad[0]!r}(不使用 I、O、Z、S、V)"
    expected = credit_check_char(v[:17])
    if v[17] != expected:
        return f"统一社会信用代码校验位错误:最后一位应为 {expected},实际为 {v[17]}"
    return None
