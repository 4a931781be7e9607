"""What kind of proof a file is, and its date, from its name and folder (pure functions)."""
from __future__ import annotations

import re
from datetime import date

SEAL = "公章"
OTHER = "其他材料"
# Order matters: the first type whose keyword appears wins ("保密协议" before "协议").
DOC_TYPES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (SEAL, ("公章", "印章", "seal", "stamp")),
    ("手持身份证", ("手持", "handheld", "holding")),
    ("法人身份证", ("身份证", "居民身份", "idcard", "id_card", "id-card", "identity")),
    ("营业执照", ("营业执照", "执照", "license", "licence")),
    ("号码证明", ("号码证明", "号码使用证明", "使用证明", "入网", "实名", "缴费", "运营商证明", "number_proof")),
    ("保密协议", ("保密", "nda", "confidential")),
    ("服务合同", ("合同", "协议", "contract", "agreement")),
    ("预约记录", ("预约", "appointment", "booking")),
    ("资格证书", ("资格证", "证书", "执业", "资质", "certificate", "qualification")),
    ("客户评价截图", ("评价", "好评", "review", "反馈", "截图", "screenshot")),
    (OTHER, ("其他", "其它", "other")),
)
DOC_TYPE_NAMES = tuple(t for t, _ in DOC_TYPES if t != SEAL)
CALL_LOG_FOLDERS = ("通话记录", "详单", "话单", "calls", "calllog", "call_log")
CONTACT_FOLDERS = ("通讯录", "联系人", "contacts")
IDENTITY_TYPES = ("法人身份证", "手持身份证", "营业执照")
# Types whose numbers make the counterpart a registered customer (issue: relationships).
CONTRACT_TYPES = {"服务合同": "客户-合同联系人", "保密协议": "客户-合同联系人", "预约记录": "客户-预约客户"}

_DATE_IN_NAME = re.compile(r"(?<!\d)(20\d{2})[-_.年]?(0[1-9]|1[0-2])[-_.月]?(0[1-9]|[12]\d|3[01])(?!\d)")


def doc_type_of(rel_parts: tuple[str, ...]) -> str | None:
    """The proof type named by the file name, else by the nearest folder; None if none."""
    for part in reversed(rel_parts):
        lowered = part.lower()
        for doc_type, words in DOC_TYPES:
            if any(w in lowered for w in words):
                return doc_type
    return None


def in_folder(rel_parts: tuple[str, ...], names: tuple[str, ...]) -> bool:
    return any(any(n in p.lower() for n in names) for p in rel_parts[:-1])


def date_in_name(name: str) -> date | None:
    for y, m, d in _DATE_IN_NAME.findall(name):
        try:
            return date(int(y), int(m), int(d))
        except ValueError:
            continue
    return None
