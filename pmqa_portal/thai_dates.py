"""Buddhist-era dates, Thai times and Thai fiscal years.

The fiscal year (ปีงบประมาณ) runs 1 October to 30 September and is named by the
Buddhist-era year in which it ends: 1 Oct 2564 belongs to ปีงบประมาณ 2565.
"""

import datetime

from django.utils import timezone
from django.utils.translation import get_language

BE_OFFSET = 543
FISCAL_YEAR_FIRST_MONTH = 10

THAI_MONTHS = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)  # fmt: skip
THAI_MONTHS_SHORT = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)  # fmt: skip
ENGLISH_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def be_year(ce_year: int) -> int:
    return ce_year + BE_OFFSET


def ce_year(be: int) -> int:
    return be - BE_OFFSET


def _is_english() -> bool:
    return (get_language() or "th").startswith("en")


def _as_local_date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


def thai_date(value) -> str:
    """31 สิงหาคม 2550 (English pages: 31 August B.E. 2550)."""
    if value in (None, ""):
        return ""
    day = _as_local_date(value)
    if _is_english():
        return f"{day.day} {ENGLISH_MONTHS[day.month - 1]} B.E. {be_year(day.year)}"
    return f"{day.day} {THAI_MONTHS[day.month - 1]} {be_year(day.year)}"


def thai_date_short(value) -> str:
    """31 ส.ค. 50 (English pages: 31 Aug 50)."""
    if value in (None, ""):
        return ""
    day = _as_local_date(value)
    two_digit_year = f"{be_year(day.year) % 100:02d}"
    if _is_english():
        return f"{day.day} {ENGLISH_MONTHS[day.month - 1][:3]} {two_digit_year}"
    return f"{day.day} {THAI_MONTHS_SHORT[day.month - 1]} {two_digit_year}"


def thai_time(value) -> str:
    """13.30 น. (English pages: 13.30)."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    text = f"{value.hour:02d}.{value.minute:02d}"
    return text if _is_english() else f"{text} น."


def fiscal_year(value) -> int:
    """The Buddhist-era fiscal year a date falls in."""
    day = _as_local_date(value)
    ce = day.year + 1 if day.month >= FISCAL_YEAR_FIRST_MONTH else day.year
    return be_year(ce)


def fiscal_year_bounds(be_fiscal_year: int) -> tuple[datetime.date, datetime.date]:
    """First and last day of a fiscal year: 2565 → (1 Oct 2021, 30 Sep 2022)."""
    ce = ce_year(be_fiscal_year)
    return datetime.date(ce - 1, FISCAL_YEAR_FIRST_MONTH, 1), datetime.date(ce, 9, 30)


def current_fiscal_year() -> int:
    return fiscal_year(timezone.localdate())
