"""Phone numbers: one canonical form for matching, a display form, and masking.

Canonical forms (digits only, no country code for China):
  mobile     13800138000
  landline   02087654321   (area code with its 0, then 7-8 digits)
  toll-free  4001234567 / 8001234567
  service    95588, 10086, 12345 (3-6 digit short numbers)
  foreign    +14155550100
Hidden or withheld numbers canonicalise to "" and are shown as 隐藏号码.
"""
from __future__ import annotations

import re

HIDDEN = ""
_STRIP = re.compile(r"[\s\-().\u00a0\u3000\u2010-\u2015·/]")
_MOBILE = re.compile(r"1[3-9]\d{9}")
_LANDLINE = re.compile(r"0[1-9]\d{8,10}")
_TOLL_FREE = re.compile(r"[48]00\d{7}")
_SHORT = re.compile(r"\d{3,6}")
_LOCAL = re.compile(r"[2-8]\d{6,7}")
# IP-dialling prefixes carriers put before a mobile number in old bills.
_IP_PREFIX = re.compile(r"(?:17951|17911|12593|10193|17909)(1[3-9]\d{9})")
_HIDDEN_WORDS = {"-1", "-2", "-3", "-4", "unknown", "private", "anonymous", "未知", "未知号码",
                 "隐藏号码", "私人号码", "withheld", "restricted", "null", "none"}
_THREE_DIGIT_AREAS = ("010", "020", "021", "022", "023", "024", "025", "027", "028", "029")

# A number as people write it inside running text (bill titles, contracts, appointment sheets).
_IN_TEXT = re.compile(r"(?<!\d)(?:\+?86[\s-]?)?(1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}|0\d{2,3}[\s-]?\d{3,4}[\s-]?\d{4}"
                      r"|[48]00[\s-]?\d{3}[\s-]?\d{4})(?!\d)")

_cache: dict[str, str] = {}
_CACHE_LIMIT = 200_000


def normalize(raw: object) -> str:
    """Canonical form of a number as written anywhere; "" for a hidden number.

    Never raises: anything that is not recognisably Chinese is kept as its digits so that
    two spellings of the same odd number still match.
    """
    text = raw if isinstance(raw, str) else _text_of(raw)
    hit = _cache.get(text)
    if hit is not None:
        return hit
    result = _normalize(text)
    if len(_cache) >= _CACHE_LIMIT:  # bounded: a million distinct numbers must not pile up
        _cache.clear()
    _cache[text] = result
    return result


def _text_of(raw: object) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))  # spreadsheets store numbers as floats
    return str(raw)


def _normalize(text: str) -> str:
    if text.strip().lower() in _HIDDEN_WORDS:
        return HIDDEN
    s = _STRIP.sub("", text.strip())
    if not s:
        return HIDDEN
    s = s.replace("＋", "+").translate(_FULLWIDTH_DIGITS)
    if s.startswith("+86"):
        return _national(s[3:])
    if s.startswith("0086"):
        return _national(s[4:])
    if s.startswith("86") and len(s) == 13 and _MOBILE.fullmatch(s[2:]):
        return s[2:]
    if s.startswith("+") or (s.startswith("00") and len(s) > 6):
        digits = re.sub(r"\D", "", s)
        return "+" + digits.lstrip("0") if digits else HIDDEN
    m = _IP_PREFIX.fullmatch(s)
    if m:
        return m.group(1)
    if s.isdigit():
        return s
    digits = re.sub(r"\D", "", s)
    return digits if digits else s.lower()


_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def _national(rest: str) -> str:
    rest = re.sub(r"\D", "", rest)
    if _MOBILE.fullmatch(rest) or _TOLL_FREE.fullmatch(rest) or rest.startswith("0"):
        return rest
    return "0" + rest if rest else HIDDEN


def numbers_in_text(text: str) -> list[str]:
    """Canonical numbers found in free text, in order of first appearance."""
    return [n for n in dict.fromkeys(normalize(m) for m in _IN_TEXT.findall(text)) if n]


def kind(canon: str) -> str:
    """mobile, landline, toll_free, service, local, foreign, hidden or other."""
    if not canon:
        return "hidden"
    if canon.startswith("+"):
        return "foreign"
    if _MOBILE.fullmatch(canon):
        return "mobile"
    if _TOLL_FREE.fullmatch(canon):
        return "toll_free"
    if _LANDLINE.fullmatch(canon):
        return "landline"
    if _SHORT.fullmatch(canon) and canon[0] in "19":
        return "service"
    if _LOCAL.fullmatch(canon):
        return "local"
    return "other"


def area_code_length(canon: str) -> int:
    return 3 if canon[:3] in _THREE_DIGIT_AREAS or canon.startswith("02") else 4


def display(canon: str) -> str:
    """Human form: landlines get their area-code dash, toll-free numbers 400-xxx-xxxx."""
    k = kind(canon)
    if k == "hidden":
        return "隐藏号码"
    if k == "landline":
        n = area_code_length(canon)
        return f"{canon[:n]}-{canon[n:]}"
    if k == "toll_free":
        return f"{canon[:3]}-{canon[3:6]}-{canon[6:]}"
    return canon


def mask(canon: str) -> str:
    """Mask a third party's number: 138****5678, 020****4321.

    Service and toll-free numbers belong to businesses, not people, and stay readable.
    """
    k = kind(canon)
    if k in ("hidden", "service", "toll_free"):
        return display(canon)
    if k == "mobile":
        return f"{canon[:3]}****{canon[-4:]}"
    if k == "landline":
        return f"{canon[:area_code_length(canon)]}****{canon[-4:]}"
    if k == "local":
        return f"****{canon[-4:]}"
    if len(canon) > 7:
        return f"{canon[:3]}****{canon[-4:]}"
    return "*" * len(canon)


def validate_own(raw: str) -> str:
    """Canonical form of a number under appeal; ValueError (Chinese) when it cannot be one."""
    canon = normalize(raw)
    k = kind(canon)
    if k in ("mobile", "landline", "toll_free") or (k == "service" and len(canon) >= 5):
        return canon
    if k == "local":
        raise ValueError(f"号码 {raw!r} 缺少区号:固定电话请写成 区号-号码,例如 020-87654321")
    if k == "hidden":
        raise ValueError(f"号码 {raw!r} 为空或不是号码")
    if canon.isdigit() and canon.startswith("1"):
        raise ValueError(f"号码 {raw!r} 不是有效的手机号:手机号应为 1 开头的 11 位数字")
    raise ValueError(f"号码 {raw!r} 无效:应为手机号、带区号的固定电话、400/800 号码或 95xxx 等服务号码")
