"""Chinese names in pinyin, the way English-language reports write them ("Wu Heping", "Baokang").

Why: a speaker or a target that no gazetteer lists is still a person or a body with a name;
analysts search and cite it in English, and the labelled corpus writes it in pinyin. pypinyin
reads the characters; a few surnames are read differently as names (曾 Zeng, 单 Shan), listed
in data/names.toml.
"""

from __future__ import annotations

from .names import _data as names_data  # data/names.toml, read once for both modules

__all__ = ["person_name", "place_name"]


def _syllables(han: str) -> list[str]:
    from pypinyin import lazy_pinyin  # imported on first use: its tables take a moment to load

    return [s for s in lazy_pinyin(han) if s.isalpha()]


def place_name(han: str) -> str:
    """A place in pinyin, one word: 保康 -> Baokang, 重庆 -> Chongqing."""
    return "".join(_syllables(han)).capitalize()


def person_name(han: str) -> str:
    """A Chinese personal name in pinyin, surname first: 吴和平 -> Wu Heping, 曾庆红 -> Zeng Qinghong."""
    readings = names_data().get("surname_readings", {})
    surname_len = 2 if han[:2] in readings else 1
    surname = readings.get(han[:surname_len]) or "".join(_syllables(han[:surname_len]))
    given = "".join(_syllables(han[surname_len:]))
    return " ".join(p.capitalize() for p in (surname, given) if p)
