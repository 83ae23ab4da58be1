"""Charts drawn on the server as inline SVG: no script, no CDN, so the page works offline and in any browser.

Every mark carries a ``<title>`` (the browser's tooltip: the month, group and
count) and the charts are followed by the same numbers as a table on the page,
so nothing is only visible as a shape. Sizes and colours: longarm/data/charts.toml.
"""

from __future__ import annotations

import functools
import tomllib
from datetime import date
from pathlib import Path
from typing import Any, Sequence

from markupsafe import Markup, escape

CHARTS_FILE = Path(__file__).resolve().parents[1] / "data" / "charts.toml"


@functools.lru_cache(maxsize=1)
def style() -> dict[str, Any]:
    return tomllib.loads(CHARTS_FILE.read_text(encoding="utf-8"))


def colours(groups: Sequence[str]) -> dict[str, str]:
    """A colour per group (the palette in order; the rest share 'other')."""
    s = style()
    pal = s["palette"]
    return {g: (pal[i % len(pal)] if i < s["max_groups"] else s["other_colour"]) for i, g in enumerate(groups)}


def _nice_max(n: float) -> float:
    """The axis top: 1, 2 or 5 times a power of ten at or above ``n``."""
    if n <= 0:
        return 1
    p = 1.0
    while p * 10 <= n:
        p *= 10
    for f in (1, 2, 5, 10):
        if f * p >= n:
            return f * p
    return 10 * p


def _fmt(v: float) -> str:
    if v >= 1_000_000:
        return f"{v / 1_000_000:g}M"
    if v >= 10_000:
        return f"{v / 1000:g}k"
    return f"{v:g}"


def legend(groups: Sequence[str], totals: dict[str, int] | None = None) -> Markup:
    """An HTML legend (wraps with the page; text stays selectable)."""
    col = colours(groups)
    items = [
        Markup('<li><span class="swatch" style="background:{}"></span>{}{}</li>').format(
            col[g], g.replace("_", " "), f" ({totals[g]})" if totals else ""
        )
        for g in groups
    ]
    return Markup('<ul class="legend">') + Markup("").join(items) + Markup("</ul>")


def stacked_months(
    months: Sequence[str], groups: Sequence[str], counts: dict[str, dict[str, int]], *, chart_id: str, title: str
) -> Markup:
    """Bars per month, stacked by group; a tick at each January so the yearly waves can be read."""
    cfg = style()["monthly"]
    w, h, ml, mb, mt = cfg["width"], cfg["height"], cfg["margin_left"], cfg["margin_bottom"], cfg["margin_top"]
    col = colours(groups)
    totals = [sum(counts.get(g, {}).get(m, 0) for g in groups) for m in months]
    top = _nice_max(max(totals, default=0))
    plot_w, plot_h = w - ml - 4, h - mb - mt
    bw = plot_w / max(1, len(months))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{escape(chart_id)}" class="chart" role="img" '
        f'viewBox="0 0 {w} {h}" width="{w}" height="{h}" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    for frac in (0, 0.5, 1):
        y = mt + plot_h * (1 - frac)
        parts.append(
            f'<line x1="{ml}" x2="{w - 4}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
            f'<text x="{ml - 4}" y="{y + 4:.1f}" text-anchor="end" font-size="11">{_fmt(top * frac)}</text>'
        )
    for i, m in enumerate(months):
        x = ml + i * bw
        y = mt + plot_h
        for g in groups:
            n = counts.get(g, {}).get(m, 0)
            if not n:
                continue
            bh = plot_h * n / top
            y -= bh
            parts.append(
                f'<rect class="bar" data-month="{m}" data-group="{escape(g)}" data-count="{n}" '
                f'x="{x + 0.5:.1f}" y="{y:.1f}" width="{max(1.0, bw - 1):.1f}" height="{bh:.1f}" '
                f'fill="{col[g]}"><title>{m} · {escape(g.replace("_", " "))}: {n}</title></rect>'
            )
        if m.endswith("-01") or i == 0:
            parts.append(
                f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{mt + plot_h}" y2="{mt + plot_h + 5}" stroke="#555"/>'
                f'<text x="{x + 2:.1f}" y="{h - 8}" font-size="11">{m[:4]}</text>'
            )
    parts.append(f'<line x1="{ml}" x2="{w - 4}" y1="{mt + plot_h}" y2="{mt + plot_h}" stroke="#555"/></svg>')
    return Markup("".join(parts))


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except (TypeError, ValueError):
        return None


def timeline(statements: Sequence[dict[str, Any]], *, chart_id: str, title: str, colour_by: str = "label") -> Markup:
    """One dot per dated statement on a time axis, each a link to its threat page."""
    cfg = style()["timeline"]
    w, h, r = cfg["width"], cfg["height"], cfg["dot_radius"]
    dated = [(d, s) for s in statements if (d := _day(s.get("date") or ""))]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{escape(chart_id)}" class="chart timeline" role="img" '
        f'viewBox="0 0 {w} {h}" width="{w}" height="{h}" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    axis_y = h - 22
    parts.append(f'<line x1="10" x2="{w - 10}" y1="{axis_y}" y2="{axis_y}" stroke="#555"/>')
    if dated:
        first = date(min(d for d, _ in dated).year, 1, 1)
        last = date(max(d for d, _ in dated).year + 1, 1, 1)
        span = (last - first).days or 1
        groups = sorted({str(s.get(colour_by) or "") for _, s in dated})
        col = colours(groups)

        def xpos(d: date) -> float:
            return 10 + (w - 20) * (d - first).days / span

        for year in range(first.year, last.year + 1):
            x = xpos(date(year, 1, 1))
            parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{axis_y}" y2="{axis_y + 5}" stroke="#555"/>')
            if year < last.year:  # the label sits in the middle of its year
                mid = xpos(date(year, 7, 1))
                parts.append(f'<text x="{mid:.1f}" y="{h - 6}" text-anchor="middle" font-size="11">{year}</text>')
        stack: dict[int, int] = {}
        for d, s in sorted(dated, key=lambda ds: ds[0]):
            x = xpos(d)
            slot = int(x // (2 * r))
            level = stack.get(slot, 0)
            stack[slot] = level + 1
            y = axis_y - r - 2 - level * (2 * r + 1)
            tip = f"{d.isoformat()} · {s.get('speaker') or 'unattributed'}: {(s.get('quote') or '')[:80]}"
            parts.append(
                f'<a href="/-/longarm/threat/{int(s["id"])}"><circle class="dot" data-id="{int(s["id"])}" '
                f'cx="{x:.1f}" cy="{max(r, y):.1f}" r="{r}" fill="{col[str(s.get(colour_by) or "")]}" '
                f'fill-opacity="0.85"><title>{escape(tip)}</title></circle></a>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))


def year_bars(points: dict[str, dict[str, Any]], *, chart_id: str, title: str, colour: str = "#4e79a7") -> Markup:
    """One bar per year with the figure written above it (every year from the first to the last)."""
    cfg = style()["figures"]
    w, h, ml, mb = cfg["width"], cfg["height"], cfg["margin_left"], cfg["margin_bottom"]
    years = [str(y) for y in range(int(min(points)), int(max(points)) + 1)] if points else []
    top = _nice_max(max((p["value"] for p in points.values()), default=0))
    plot_w, plot_h, mt = w - ml - 4, h - mb - 16, 16
    bw = plot_w / max(1, len(years))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{escape(chart_id)}" class="chart figures" role="img" '
        f'viewBox="0 0 {w} {h}" width="{w}" height="{h}" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    for frac in (0, 1):
        y = mt + plot_h * (1 - frac)
        parts.append(
            f'<line x1="{ml}" x2="{w - 4}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
            f'<text x="{ml - 4}" y="{y + 4:.1f}" text-anchor="end" font-size="11">{_fmt(top * frac)}</text>'
        )
    for i, year in enumerate(years):
        x = ml + i * bw
        p = points.get(year)
        if p:
            bh = plot_h * p["value"] / top
            parts.append(
                f'<rect class="bar" data-year="{year}" data-value="{p["value"]:g}" x="{x + 2:.1f}" '
                f'y="{mt + plot_h - bh:.1f}" width="{max(1.0, bw - 4):.1f}" height="{bh:.1f}" fill="{colour}">'
                f"<title>{year}: {p['value']:,.0f} ({p['n']} figure(s) stated)</title></rect>"
                f'<text x="{x + bw / 2:.1f}" y="{mt + plot_h - bh - 3:.1f}" text-anchor="middle" '
                f'font-size="11">{_fmt(p["value"])}</text>'
            )
        parts.append(f'<text x="{x + bw / 2:.1f}" y="{h - 6}" text-anchor="middle" font-size="11">{year}</text>')
    parts.append(f'<line x1="{ml}" x2="{w - 4}" y1="{mt + plot_h}" y2="{mt + plot_h}" stroke="#555"/></svg>')
    return Markup("".join(parts))
