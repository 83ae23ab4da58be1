"""Publication dates in the forms our sources print them, with the source's timezone.

htmldate misses Chinese forms (2022年1月13日) and picks copyright years, so the
common forms are parsed here: ISO-like, Chinese, English month names, the
info.gov.hk trailer ("Ends/Thursday, January 9, 2020 / Issued at HKT 16:31")
and dates in URLs.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        1,
    )
}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9

_TIME = r"(?:\s*(?:HKT|北京时间|北京時間|香港時間|香港时间)?\s*(?P<h>[01]?\d|2[0-3])\s*[:：時时]\s*(?P<mi>[0-5]\d)(?:\s*[:：分]\s*(?P<s>[0-5]\d))?)?"
_PATTERNS = [
    # 2020-07-01 10:30:00, 2020/07/01, 2020.07.01
    re.compile(
        r"(?P<y>(?:19|20)\d{2})[-/.](?P<m>0?[1-9]|1[0-2])[-/.](?P<d>0?[1-9]|[12]\d|3[01])(?!\d)(?:[T\s]+" + _TIME[3:]
    ),
    # 2022年1月13日 (with optional weekday and time)
    re.compile(
        r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>0?[1-9]|1[0-2])\s*月\s*(?P<d>0?[1-9]|[12]\d|3[01])\s*日"
        r"(?:\s*[（(]?星期.[）)]?)?" + _TIME
    ),
    # Thursday, January 9, 2020 [Issued at HKT 16:31]; Jul 04, 2023 12:30 AM (Global Times)
    re.compile(
        r"(?P<mon>[A-Z][a-z]{2,8})\.?\s+(?P<d>[0-3]?\d),\s*(?P<y>(?:19|20)\d{2})"
        r"(?:\s*(?:Issued at)?\s*(?:HKT)?\s*(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?:\s*(?P<ampm>[AaPp]\.?[Mm]\.?))?)?"
    ),
    # 09:05, July 04, 2023 (en.people.cn)
    re.compile(
        r"(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?,?\s+(?P<mon>[A-Z][a-z]{2,8})\.?\s+"
        r"(?P<d>[0-3]?\d),\s*(?P<y>(?:19|20)\d{2})"
    ),
    # CGTN: 19:49, 21-Jan-2019
    re.compile(
        r"(?:(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d),?\s*)?(?P<d>[0-3]?\d)-(?P<mon>[A-Z][a-z]{2,8})-(?P<y>(?:19|20)\d{2})"
    ),
    # 9 January 2020 [16:31]
    re.compile(
        r"(?P<d>[0-3]?\d)\s+(?P<mon>[A-Z][a-z]{2,8})\.?\s+(?P<y>(?:19|20)\d{2})"
        r"(?:,?\s*(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d))?"
    ),
]
_COPYRIGHT = re.compile(r"©|copyright|版权|版權|all rights reserved", re.I)
_URL_PATTERNS = [
    re.compile(r"/t(?P<y>20\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)_"),  # gov.cn t20240424_
    re.compile(r"/(?P<y>20\d{2})-(?P<m>[01]\d)/(?P<d>[0-3]\d)/"),  # xinhuanet /2019-12/10/
    re.compile(r"/n\d/(?P<y>20\d{2})/(?P<m>[01]\d)(?P<d>[0-3]\d)/"),  # people /n1/2024/0424/
    re.compile(r"/(?P<y>20\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)/[0-9a-f]{32}/"),  # news.cn /20240424/hash/
    re.compile(r"/(?P<y>20\d{2})(?P<m>[01]\d)/(?P<d>[0-3]\d)/"),  # info.gov.hk /202307/03/
    re.compile(r"/(?P<y>20\d{2})-(?P<m>[01]\d)-(?P<d>[0-3]\d)/"),  # cgtn /2024-04-24/
    re.compile(r"/(?P<y>20\d{2})/(?P<m>[01]\d)(?P<d>[0-3]\d)/"),  # takungpao /2023/0703/
    re.compile(r"/(?P<y>20\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)/"),  # news.gov.hk .../20230703/
]

# any year 1900-2099, month and day, optionally separated by - / _ (url_date(anywhere=True))
_URL_DATE_ANYWHERE = re.compile(r"(20\d{2}|19\d{2})[-/_]?(0[1-9]|1[0-2])[-/_]?(0[1-9]|[12]\d|3[01])(?!\d)")


def _number(gd: dict[str, str | None], name: str) -> int:
    """Group ``name`` as an integer; a group the pattern lacks or that did not match is a ValueError."""
    value = gd.get(name)
    if value is None:
        raise ValueError(f"no {name} in the date")
    return int(value)


def _build(gd: dict[str, str | None], tz: ZoneInfo) -> datetime | None:
    try:
        month = _number(gd, "m") if gd.get("m") else MONTHS.get((gd.get("mon") or "").lower().rstrip("."))
        if not month:
            return None
        d = date(_number(gd, "y"), month, _number(gd, "d"))
        hour = _number(gd, "h") if gd.get("h") else 0
        ampm = (gd.get("ampm") or "").lower()[:1]
        if ampm == "p" and hour < 12:
            hour += 12
        elif ampm == "a" and hour == 12:
            hour = 0
        t = time(hour, _number(gd, "mi"), int(gd.get("s") or 0)) if gd.get("h") and gd.get("mi") else time(0, 0)
    except (TypeError, ValueError, KeyError):
        return None
    if not (1990 <= d.year <= 2100):
        return None
    return datetime.combine(d, t, tzinfo=tz)


def find_dates(text: str, tz: ZoneInfo) -> list[tuple[int, datetime]]:
    """Every date found in ``text`` with its position, skipping copyright lines."""
    out: list[tuple[int, datetime]] = []
    for pat in _PATTERNS:
        for m in pat.finditer(text):
            line_start = text.rfind("\n", 0, m.start()) + 1
            line_end = text.find("\n", m.end())
            line = text[line_start : line_end if line_end != -1 else len(text)]
            if _COPYRIGHT.search(line):
                continue
            dt = _build(m.groupdict(), tz)
            if dt:
                out.append((m.start(), dt))
    out.sort(key=lambda x: x[0])
    return out


def parse_date(text: str | None, tz: ZoneInfo | str = "Asia/Hong_Kong") -> datetime | None:
    """The first date in ``text`` (a date element's text, a meta value), timezone-aware."""
    if not text:
        return None
    tz = ZoneInfo(tz) if isinstance(tz, str) else tz
    iso = text.strip()
    try:
        dt = datetime.fromisoformat(iso.replace("Z", "+00:00"))
        return dt if dt.tzinfo else dt.replace(tzinfo=tz)
    except ValueError:
        pass
    found = find_dates(text, tz)
    return found[0][1] if found else None


def url_date(url: str, tz: ZoneInfo | str = "Asia/Hong_Kong", *, anywhere: bool = False) -> datetime | None:
    """The date in ``url`` (midnight in ``tz``), or None.

    By default only the URL schemes of our sources count (t20240424_, /2019-12/10/,
    /202307/03/, ...): trusted enough to be evidence of a page's publication date.
    ``anywhere=True`` also takes the first date-like run anywhere in the URL
    (2018/07/30, 2020_10_29, c_date=20180730): the spider's guess whether a
    discovered link lies in the crawl's date range, where a wrong guess costs a
    fetch, not a wrong date.
    """
    tz = ZoneInfo(tz) if isinstance(tz, str) else tz
    for pat in _URL_PATTERNS:
        m = pat.search(url)
        if m:
            dt = _build(m.groupdict(), tz)
            if dt:
                return dt
    if anywhere:
        m = _URL_DATE_ANYWHERE.search(url)
        if m:
            try:
                return datetime.combine(date(int(m.group(1)), int(m.group(2)), int(m.group(3))), time(0, 0), tzinfo=tz)
            except ValueError:
                return None
    return None


def isoformat(dt: datetime | None) -> str | None:
    return dt.isoformat() if dt else None


# ---------------------------------------------------------------------------- a page's publication date

# <meta> names that carry the publication (not modification) date, lower-cased.
META_DATE_NAMES = (
    "article:published_time",
    "og:published_time",
    "og:release_date",
    "pubdate",
    "publishdate",
    "publish_date",
    "publish-date",
    "publishtime",
    "publish_time",
    "firstpublishedtime",
    "datepublished",
    "dc.date.issued",
    "dc.date",
    "dcterms.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "created",
    "date",
)
_ENDS = re.compile(
    r"Ends\s*/\s*(?:[A-Z][a-z]+day,?\s*)?(?P<mon>[A-Z][a-z]{2,8})\.?\s+(?P<d>[0-3]?\d),\s*(?P<y>(?:19|20)\d{2})"
    r"(?:\s*Issued at\s*(?:HKT)?\s*(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d))?"
)
# 完 / 二〇二〇年… trailers of Chinese GIA releases: "完\n2020年1月9日（星期四）\n香港時間15時00分發出"
_ZH_ENDS = re.compile(
    r"完\s*(?P<y>(?:19|20)\d{2})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日\s*[（(]?星期.[）)]?\s*"
    r"(?:香港時間\s*(?P<h>\d{1,2})時(?P<mi>\d{2})分)?"
)


def _apply_regex(text: str, regex: str | None, tz: ZoneInfo) -> datetime | None:
    if regex:
        m = re.search(regex, text)
        if not m:
            return None
        gd = {k: v for k, v in m.groupdict().items()}
        if "mon" in gd or "m" in gd:
            return _build(gd, tz)
        return parse_date(m.group(0), tz)
    return parse_date(text, tz)


def find_published(
    doc: Any,
    url: str,
    tz: ZoneInfo,
    *,
    selectors: str | None = None,
    date_regex: str | None = None,
    title: str | None = None,
    body_text: str = "",
) -> datetime | None:
    """The publication date of a parsed page, in the source's timezone.

    Evidence, most trusted first: the source's date selectors; publication-date
    <meta> tags; the GIA "Ends/<date> Issued at HKT <time>" trailer; the first date
    printed just after the headline (where every one of our sources prints it, and
    where the original date of an MFA statement stands, above any "updated" note);
    the date in the URL; htmldate as a last resort (copyright-year guesses refused).
    A date from the page's header must agree with the URL's date when there is one:
    otherwise it is a date the article talks about, and the URL wins.
    """
    from longarm.spiders.extraction.main_text import css, element_text, norm_ws

    u_date = url_date(url, tz)
    if selectors:
        for el in css(doc, selectors):
            inner = el.xpath(".//time[@datetime]")  # <div class=date><time datetime=...>: the attribute has the time
            raw = (
                el.get("content")
                or el.get("datetime")
                or (inner[0].get("datetime") if inner else None)
                or norm_ws(el.text_content())
            )
            dt = _apply_regex(raw, date_regex, tz)
            if dt:
                return _refine_with_url(dt, u_date)
    for el in doc.iter("meta"):
        name = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        if name in META_DATE_NAMES:
            dt = parse_date(el.get("content"), tz)
            if dt:
                return dt.astimezone(tz) if dt.tzinfo else dt
    for el in doc.iter("time"):
        dt = parse_date(el.get("datetime") or el.text_content(), tz)
        if dt:
            return dt.astimezone(tz)
    page = element_text(doc.body) if doc.body is not None else ""
    for pat in (_ENDS, _ZH_ENDS):
        m = pat.search(page) or pat.search(body_text)
        if m:
            dt = _build(m.groupdict(), tz)
            if dt:
                return dt
    start = 0
    if title:
        pos = page.find(norm_ws(title)[:40])
        start = pos + len(norm_ws(title)[:40]) if pos >= 0 else 0
    header = page[start : start + 400]
    found = find_dates(header, tz)
    if found:
        return _refine_with_url(found[0][1], u_date)
    found = find_dates(title or "", tz)  # "Regular Press Conference on June 29, 2020" (MFA English)
    if found:
        return _refine_with_url(found[0][1], u_date)
    if u_date:
        return u_date
    return _htmldate(doc, url, tz)


def _refine_with_url(dt: datetime, u_date: datetime | None) -> datetime:
    if u_date is None or dt.date() == u_date.date():
        return dt
    # off by one day is a late-night UTC/Beijing artefact or a print-date vs web-date difference: keep the page's
    if abs((dt.date() - u_date.date()).days) <= 1:
        return dt
    return u_date


def _htmldate(doc: Any, url: str, tz: ZoneInfo) -> datetime | None:
    try:
        from htmldate import find_date

        found = find_date(doc, extensive_search=False, original_date=True, url=url)
    except Exception:  # htmldate is a guess; a failure is "no date"
        return None
    if not found:
        return None
    try:
        d = date.fromisoformat(found)
    except ValueError:
        return None
    if d.month == 1 and d.day == 1:  # htmldate's answer to a bare copyright year
        return None
    return datetime.combine(d, time(0, 0), tzinfo=tz)
