"""Local bodies named by place (厦门市公安局, 湖南省双峰县公安局, 广东省纪委监委) as English names.

Why: city and county bureaus issue most of the mainland's wanted and "persuade to return"
notices, and no gazetteer can list them all. The extractor matches them as a generic speaker
("Local public security bureau"); this module names the one the text names
("Shuangfeng County Public Security Bureau"), so an analyst can tell Xiamen's notices from
Chongqing's. The bodies, level words and provinces are data (data/local_bodies.toml).
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from typing import Any

from .lexicon import DATA_DIR
from .romanize import place_name

__all__ = ["LocalBody", "english_city_names", "find_local_bodies", "generic_speakers", "refine_speaker"]

#: words before a body that are not a place (the central level, "this city", "each county")
_NOT_PLACES = frozenset(
    {
        "中央",
        "国家",
        "最高",
        "全国",
        "各级",
        "地方",
        "当地",
        "基层",
        "两地",
        "该",
        "本",
        "各",
        "全",
        "省",
        "市",
        "县",
        "区",
        "其",
        "与",
        "和",
        "及",
        "由",
        "据",
        "经",
        "向",
        "是",
        "在",
        "对",
    }
)
_HAN = r"[\u4e00-\u9fff]"


@dataclass(frozen=True)
class LocalBody:
    """A local body the text names: where (offsets into the normalised text), its English name."""

    start: int
    end: int
    name: str
    kind: str
    generic: str | None
    central: str | None


@functools.lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    with open(DATA_DIR / "local_bodies.toml", "rb") as fh:
        return tomllib.load(fh)


@functools.lru_cache(maxsize=1)
def _suffixes() -> re.Pattern[str]:
    suffixes = sorted((b["suffix"] for b in _data()["body"]), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, suffixes)))


_RUN = re.compile(f"{_HAN}{{1,10}}$")


def english_city_names() -> frozenset[str]:
    """The mainland cities of local_bodies.toml in pinyin, lower case ("xiamen", "guangzhou")."""
    d = _data()
    return frozenset(place_name(c).lower() for c in (*d["municipalities"], *d.get("cities", [])))


def generic_speakers() -> frozenset[str]:
    """The gazetteer's generic local speakers, which a named local body refines."""
    return frozenset(_data().get("generic_speakers", []))


def _english(place: str, level: str | None, body: dict[str, Any], is_province: bool) -> str:
    if is_province and body.get("province_english"):
        return f"{place_name(place)} {body['province_english']}"
    if place in _data().get("municipalities", []):
        is_province, level = False, "市"  # 上海警方: Shanghai Public Security Bureau, not "Provincial"
    level_word = "Provincial" if is_province else _data()["levels"].get(level or "", "")
    return " ".join(w for w in (place_name(place), level_word, body["english"]) if w)


def _place(run: str) -> tuple[str, str | None, bool] | None:
    """(place, level word, is a province) from the characters before a body, read from the right:
    湖北保康县 -> (保康, 县, False); 广东省 -> (广东, 省, True); 上海市 -> (上海, 市, False)."""
    d = _data()
    level = next((lv for lv in sorted(d["levels"], key=len, reverse=True) if run.endswith(lv)), None)
    rest = run[: len(run) - len(level)] if level else run
    provinces = sorted(d["provinces"], key=len, reverse=True)
    prov = next((p for p in provinces if rest.endswith(p)), None)
    if prov is not None and level in (None, "省", "自治区"):
        return prov, level, True  # 广东省纪委监委, 甘肃公安厅
    if level is None:
        city = next((c for c in (*d["municipalities"], *d.get("cities", [])) if rest.endswith(c)), None)
        if city is not None:
            return city, "市", False  # 广州公安局, 重庆公安: a city named without 市
    if level is None or level in ("省", "自治区"):
        return None  # 据悉公安局, 承担省追逃办: no place before the body
    if level == "区" and rest.endswith("特"):
        return None  # 特区政府: the special administrative region's government, no district
    # an outer province or region before a county or city (湖南省双峰县, 广西来宾市) is dropped
    for p in provinces:
        k = rest.rfind(p)
        if k != -1 and k + len(p) < len(rest):
            rest = rest[k + len(p) :].lstrip("省")
            break
    while len(rest) > 2 and rest[0] in _NOT_PLACES:
        rest = rest[1:]
    place = rest[-2:] if len(rest) > 2 else rest
    if not place or place in _NOT_PLACES or place[0] in _NOT_PLACES:
        return None
    return place, level, False


_LATIN_LOWER = re.compile("[a-z]")


@functools.lru_cache(maxsize=1)
def _provinces_named() -> re.Pattern[str]:
    """A province named as such (广东省, 浙江省, 广西壮族自治区 as 广西): its name and 省 or 自治区."""
    names = sorted((p for p in _data()["provinces"] if p not in _data()["municipalities"]), key=len, reverse=True)
    return re.compile("(" + "|".join(map(re.escape, names)) + ")(?:省|壮族自治区|回族自治区|维吾尔自治区|自治区)")


@functools.lru_cache(maxsize=1)
def _place_opening() -> re.Pattern[str]:
    """A province, optionally with 省 and a city after it (福建, 福建省, 浙江温州, 福建省厦门市)."""
    d = _data()
    provinces = "|".join(map(re.escape, sorted(d["provinces"], key=len, reverse=True)))
    cities = "|".join(map(re.escape, sorted(d["cities"], key=len, reverse=True)))
    return re.compile(f"(?:{provinces})(?:省|壮族自治区|回族自治区|维吾尔自治区|自治区)?(?:(?:{cities})市?)?")


def place_opening_end(norm: str, at: int) -> int | None:
    """Where a place name that opens ``norm`` at ``at`` ends (福建厦门市公安局: after 福建), or None.

    Why: a report names a local body after its province (福建厦门市公安局发布悬赏通告, 浙江温州公安机关
    决定…); the body after the place still opens the sentence as its subject."""
    m = _place_opening().match(norm, at)
    return m.end() if m else None


def _province_before(norm: str, at: int) -> tuple[str, str | None, bool] | None:
    """The province last named as a province before ``at`` (the 省 of a bare 省纪委), or None
    when the text names none or names two different ones (then 省 cannot be told)."""
    found = [m.group(1) for m in _provinces_named().finditer(norm, 0, at)]
    if not found or len(set(found)) > 1:
        return None
    return found[-1], "省", True


def find_local_bodies(norm: str, start: int = 0, end: int | None = None) -> list[LocalBody]:
    """Every local body named in ``norm[start:end]`` (normalised, i.e. simplified, text)."""
    bodies = {b["suffix"]: b for b in _data()["body"]}
    out = []
    for m in _suffixes().finditer(norm, start, len(norm) if end is None else end):
        run = _RUN.search(norm, max(0, m.start() - 10), m.start())
        parsed = _place(run.group()) if run else None
        lead = len(run.group()) if run else 0  # the place's characters before the body's words
        if parsed is None and run and run.group().endswith("省"):
            # 省追逃办, 省纪委: the province's body, the province the text named before (a report
            # names 广东省纪委监委 once, then writes 省纪委监委、省追逃办)
            parsed, lead = _province_before(norm, m.start() - 1), 1
        if parsed is None:
            continue
        place, level, is_province = parsed
        body = bodies[m.group()]
        if body.get("city_only") and place not in (*_data()["municipalities"], *_data().get("cities", [])):
            continue  # 多地公安, 各地公安: no city
        out.append(
            LocalBody(
                m.start() - lead,
                m.end(),
                _english(place, level, body, is_province),
                body["kind"],
                body.get("generic"),
                body.get("central"),
            )
        )
    if _LATIN_LOWER.search(norm, start, start + 2000):  # a-z in the first 2,000 characters
        out += _english_bodies(norm, start, len(norm) if end is None else end)
        out.sort(key=lambda b: b.start)
    return out


@functools.lru_cache(maxsize=1)
def _english_police() -> re.Pattern[str]:
    """'Guangzhou police', 'the Chongqing Municipal Public Security Bureau', 'police in Chongqing'
    (over the normalised, lower-case text; the city one of local_bodies.toml's lists)."""
    d = _data()
    places = (*d["municipalities"], *d.get("cities", []))
    cities = sorted({place_name(c).lower() for c in places}, key=len, reverse=True)
    city = "(" + "|".join(map(re.escape, cities)) + ")"
    words = "(?:" + "|".join(map(re.escape, sorted(d["english_police"], key=len, reverse=True))) + ")"
    return re.compile(rf"\b{city}(?:'s)?\s+{words}\b|\b{words}\s+in\s+{city}\b")


def _english_bodies(norm: str, start: int, end: int) -> list[LocalBody]:
    out: list[LocalBody] = []
    # every match holds one of the police words verbatim (the pattern is case-sensitive): most pages
    # hold none, and these substring tests cost far less than the pattern's scan of the page
    seg = norm[start:end]
    if not any(w in seg for w in _data()["english_police"]):
        return out
    for m in _english_police().finditer(norm, start, end):
        city = m.group(1) or m.group(2)
        out.append(
            LocalBody(
                m.start(),
                m.end(),
                f"{city.capitalize()} Public Security Bureau",
                "prc_government",
                "Local public security bureau",
                "Ministry of Public Security",
            )
        )
    return out


def refine_speaker(
    bodies: list[LocalBody], start: int, end: int, speaker: str | None, named_specifically: bool = True
) -> LocalBody | None:
    """The local body that stands behind ``speaker`` for the sentence at ``start:end``, or None;
    ``bodies`` are the document's local bodies (``find_local_bodies`` over the whole document, once).

    A generic local speaker ("Local public security bureau") is the body of its type named in
    the sentence, else the latest named before it (a report names the bureau once and goes on
    with 警方 / 该局); one named only later stays generic (多地发布通告: several places). A central body (the CCDI, the MPS) gives way to
    a local body of its type named in the sentence itself when the sentence does not name the
    central one (广东省纪委监委 ... is Guangdong's commission, not the CCDI); and so does a central
    body the document names only by a generic word (公安机关, 纪检监察机关) when a local body of its
    type is named in or before the sentence (``named_specifically`` False)."""
    if speaker is None:
        return None
    if speaker in generic_speakers():
        found = [b for b in bodies if b.generic == speaker]
        inside = [b for b in found if start <= b.start < end]
        before = [b for b in found if b.start < start]
        return inside[0] if inside else before[-1] if before else None
    found = [b for b in bodies if b.central == speaker]
    inside = [b for b in found if start <= b.start < end]
    if inside:
        return inside[0]
    before = [b for b in found if b.start < start]
    return before[-1] if before and not named_specifically else None
