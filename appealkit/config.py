"""case.toml: the one validated description of a case.

Rows of call logs are never validated with pydantic (too slow for a million rows); the
case is, and every error names its key in Chinese.
"""
from __future__ import annotations

import tomllib
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from appealkit import numbers
from appealkit.checksums import credit_code_problem
from appealkit.errors import CaseConfigError
from appealkit.profiles import resolve_platform

CASE_FILE = "case.toml"
APPEAL_TYPES = ("误标申诉", "常规复核", "风险隔离", "功能升级")
_APPEAL_TYPE_ALIASES = {"常规资质复核": "常规复核", "风险隔离维护": "风险隔离", "功能升级维护": "功能升级",
                        "误标": "误标申诉", "申诉": "误标申诉"}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Applicant(_Strict):
    name: str | None = None
    role: Literal["法定代表人", "经办人", "本人"] | None = None
    phone: str | None = None
    id_number: str | None = None


class RelationRule(_Strict):
    label: str = Field(min_length=1)
    prefix: str | None = None
    numbers: list[str] = []

    @field_validator("numbers")
    @classmethod
    def _canon(cls, v: list[str]) -> list[str]:
        return [numbers.normalize(n) for n in v]

    @field_validator("prefix")
    @classmethod
    def _canon_prefix(cls, v: str | None) -> str | None:
        return numbers.normalize(v) if v else v


class Relationships(_Strict):
    default: str | None = None
    rules: list[RelationRule] = []


class Campaign(_Strict):
    date: date
    name: str = "外呼活动"
    calls: int | None = None


class RoiInputs(_Strict):
    answer_rate_before: float | None = Field(default=None, ge=0, le=100)
    answer_rate_after: float | None = Field(default=None, ge=0, le=100)
    daily_outbound: float | None = Field(default=None, ge=0)
    conversion: float | None = Field(default=None, ge=0, le=100)
    order_value: float | None = Field(default=None, ge=0)


class CaseConfig(_Strict):
    company: str = Field(min_length=1)
    short_name: str | None = None
    credit_code: str | None = None
    numbers: list[str] = Field(min_length=1)
    platforms: list[str] = Field(min_length=1)
    mark: str = Field(min_length=1)
    appeal_type: str = "误标申诉"
    appeal_date: date = Field(default_factory=date.today)
    window_days: int = Field(default=30, ge=1, le=366)
    mask_numbers: bool = True
    applicant: Applicant = Applicant()
    license_expiry: date | None = None
    industry: str | None = None
    statement: str | None = None
    recycled_number: bool | None = None
    mark_since: date | None = None
    font: str | None = None
    timeline_pdf_rows: int = Field(default=3000, ge=0, le=1_000_000)
    relationships: Relationships = Relationships()
    campaigns: list[Campaign] = []
    roi: RoiInputs = RoiInputs()

    @field_validator("numbers", mode="before")
    @classmethod
    def _one_or_many(cls, v: object) -> object:
        return [v] if isinstance(v, str) else v

    @field_validator("platforms", mode="before")
    @classmethod
    def _platforms_list(cls, v: object) -> object:
        return [v] if isinstance(v, str) else v

    @field_validator("numbers")
    @classmethod
    def _valid_numbers(cls, v: list[str]) -> list[str]:
        canon = [numbers.validate_own(n) for n in v]
        return list(dict.fromkeys(canon))

    @field_validator("platforms")
    @classmethod
    def _known_platforms(cls, v: list[str]) -> list[str]:
        return list(dict.fromkeys(resolve_platform(p).id for p in v))

    @field_validator("credit_code")
    @classmethod
    def _credit_code(cls, v: str | None) -> str | None:
        if v:
            v = v.upper()
            problem = credit_code_problem(v)
            if problem:
                raise ValueError(problem)
        return v or None

    @field_validator("appeal_type")
    @classmethod
    def _appeal_type(cls, v: str) -> str:
        v = _APPEAL_TYPE_ALIASES.get(v, v)
        if v not in APPEAL_TYPES:
            raise ValueError(f"应为 {'、'.join(APPEAL_TYPES)} 之一,实际为 {v!r}")
        return v

    @field_validator("appeal_date", "license_expiry", "mark_since", mode="before")
    @classmethod
    def _date_only(cls, v: object) -> object:
        return v.date() if isinstance(v, datetime) else v

    @model_validator(mode="after")
    def _defaults(self) -> "CaseConfig":
        if not self.short_name:
            self.short_name = self.company
        return self

    # Derived facts, kept here so every writer agrees on them.
    @property
    def is_company(self) -> bool:
        return bool(self.credit_code)

    @property
    def window_start(self) -> datetime:
        first = self.appeal_date - timedelta(days=self.window_days - 1)
        return datetime(first.year, first.month, first.day)

    @property
    def window_end(self) -> datetime:
        """Exclusive: midnight after the appeal date, China time."""
        nxt = self.appeal_date + timedelta(days=1)
        return datetime(nxt.year, nxt.month, nxt.day)

    @property
    def date_tag(self) -> str:
        return self.appeal_date.strftime("%Y%m%d")


_MESSAGES = {
    "missing": "缺少必填项",
    "extra_forbidden": "未知的键(可能拼写错误;可用的键见 appealkit init 生成的 case.toml)",
    "string_type": "应为文本(用英文引号括起)",
    "list_type": '应为列表,例如 ["…", "…"]',
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "date_type": "应为日期,例如 2026-12-04",
    "date_parsing": "应为日期,例如 2026-12-04",
    "date_from_datetime_parsing": "应为日期,例如 2026-12-04",
    "date_from_datetime_inexact": "应为日期,不带时刻",
    "model_type": "应为一个表([…] 段)",
    "dict_type": "应为一个表([…] 段)",
    "literal_error": "取值不在允许范围内",
}


def _describe(err: dict) -> str:
    key = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in err["loc"]).replace(".[", "[")
    etype = err["type"]
    if etype == "value_error":
        reason = str(err.get("ctx", {}).get("error", err["msg"]))
    elif etype == "too_short":
        reason = "至少需要填写一项" if err.get("ctx", {}).get("min_length", 1) <= 1 or "list" in err["msg"] else "不能为空"
        if isinstance(err.get("input"), str):
            reason = "不能为空"
    elif etype in ("greater_than_equal", "less_than_equal"):
        bound = err["ctx"].get("ge", err["ctx"].get("le"))
        reason = f"应{'不小于' if etype == 'greater_than_equal' else '不大于'} {bound}"
    elif etype == "literal_error":
        reason = f"应为 {str(err['ctx'].get('expected', '')).replace(' or ', ', ')} 之一"
    else:
        reason = _MESSAGES.get(etype, err["msg"])
    return f"`{key}`: {reason}"


def parse_case(text: str, source: str = CASE_FILE) -> CaseConfig:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise CaseConfigError(f"{source} 格式错误:{e}", "请检查引号、等号和方括号是否成对") from e
    try:
        return CaseConfig(**data)
    except ValidationError as e:
        lines = [_describe(err) for err in e.errors()]
        raise CaseConfigError(f"{source} 有误:" + ";".join(lines)) from e


def load_case(case_dir: Path) -> CaseConfig:
    path = case_dir / CASE_FILE
    if not case_dir.is_dir():
        raise CaseConfigError(f"案件文件夹不存在:{case_dir}")
    if not path.is_file():
        raise CaseConfigError(
            f"{case_dir} 中没有 {CASE_FILE}",
            f"先运行 appealkit init {case_dir} 生成模板,填写企业名称、号码、平台和标记后再运行",
        )
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise CaseConfigError(f"{path} 不是 UTF-8 编码", "请用记事本或 VS Code 另存为 UTF-8") from e
    return parse_case(text, str(path))
