"""Pictures on the web page (a Datasette plugin beside plugin.py; the numbers come from longarm/trends.py).

* ``/-/longarm/trends``            statements per month by actor kind and by instrument; official figures per year
* ``/-/longarm/person/<name>``     a person targeted: aliases, a timeline of every statement about them,
                                   instruments, speakers, first and latest dates, figures stated
* ``/-/longarm/speaker/<name>``    a speaker: whom they targeted, when, with which instruments

Charts are inline SVG drawn on the server (longarm/web/svg_charts.py): no script, works offline.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, unquote

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import escape

from longarm import trends as T
from longarm.web import svg_charts as G


def database(datasette: Any) -> Any:
    name = (datasette.plugin_config("longarm") or {}).get("database")
    return datasette.get_database(name) if name else datasette.get_database()


def person_href(name: str) -> str:
    return "/-/longarm/person/" + quote(name, safe="")


def speaker_href(name: str) -> str:
    return "/-/longarm/speaker/" + quote(name, safe="")


def _not_found(what: str) -> Response:
    return Response.html(
        f"<!DOCTYPE html><title>Not found</title><p>{escape(what)}</p>"
        '<p><a href="/-/longarm/search">Search threats</a></p>',
        status=404,
    )


async def trends_page(datasette: Any, request: Any) -> Response:
    db = database(datasette)

    def read(conn: Any) -> dict[str, Any]:
        return {
            "kind": T.statements_per_month(conn, "speaker_kind"),
            "instrument": T.statements_per_month(conn, "instrument"),
            "figures": T.figure_series(conn),
            "rewards": T.rewards_on_offer(conn),
        }

    data = await db.execute_fn(read)
    charts = []
    for key, title in (
        ("kind", "Statements per month by actor kind"),
        ("instrument", "Statements per month by instrument"),
    ):
        s = data[key]
        charts.append(
            {
                "id": f"chart-{key}",
                "title": title,
                "series": s,
                "svg": G.stacked_months(s.months, s.groups, s.counts, chart_id=f"chart-{key}", title=title),
                "legend": G.legend(s.groups, {g: s.total(g) for g in s.groups}),
                "years": sorted({m[:4] for m in s.months}),
            }
        )
    figures = [
        {
            "series": f,
            "svg": G.year_bars(
                f.points,
                chart_id=f"figure-{f.key}",
                title=f.label,
                colour=G.style()["palette"][i % len(G.style()["palette"])],
            ),
        }
        for i, f in enumerate(data["figures"])
    ]
    context = {
        "charts": charts,
        "figures": figures,
        "rewards": data["rewards"],
        "reward_totals": T.reward_totals(data["rewards"]),
        "database": db.name,
    }
    html = await datasette.render_template("longarm_trends.html", context, request=request)
    return Response.html(html)


async def _profile_page(datasette: Any, request: Any, kind: str) -> Response:
    db = database(datasette)
    name = unquote(request.url_vars["name"]).strip()
    load = T.person_profile if kind == "person" else T.speaker_profile

    def read(conn: Any) -> tuple[Any, dict[int, list[dict[str, Any]]], list[dict[str, Any]]]:
        p = load(conn, name) if name else None
        if p is None:
            return None, {}, []
        rewards = [r for r in T.rewards_on_offer(conn) if r["person"] == p.name] if kind == "person" else []
        return p, T.figures_of(conn, [s["id"] for s in p.statements]), rewards

    profile, figures, rewards = await db.execute_fn(read)
    if profile is None:
        what = "person targeted" if kind == "person" else "speaker"
        return _not_found(f"No {what} called {name!r} in the gazetteer or in any current statement.")
    title = f"Statements {'about' if kind == 'person' else 'by'} {profile.name}"
    context = {
        "kind": kind,
        "p": profile,
        "figures": figures,
        "rewards": rewards,
        "database": db.name,
        "timeline": G.timeline(
            profile.statements, chart_id="timeline", title=title, colour_by="speaker" if kind == "person" else "label"
        ),
        "timeline_legend": G.legend(
            sorted(
                {
                    str(s.get("speaker" if kind == "person" else "label") or "")
                    for s in profile.statements
                    if s.get("date")
                }
            )
        ),
        "feed": (f"/-/longarm/feed/person/{quote(profile.name, safe='')}.atom" if kind == "person" else None),
        "search": "/-/longarm/search?" + ("target=" if kind == "person" else "speaker=") + quote(profile.name),
    }
    html = await datasette.render_template("longarm_profile.html", context, request=request)
    return Response.html(html)


async def person_page(datasette: Any, request: Any) -> Response:
    return await _profile_page(datasette, request, "person")


async def speaker_page(datasette: Any, request: Any) -> Response:
    return await _profile_page(datasette, request, "speaker")


@hookimpl
def register_routes(datasette: Any) -> list[tuple[str, Any]]:
    return [
        (r"^/-/longarm/trends$", trends_page),
        (r"^/-/longarm/person/(?P<name>[^/]+)$", person_page),
        (r"^/-/longarm/speaker/(?P<name>[^/]+)$", speaker_page),
    ]


@hookimpl
def prepare_jinja2_environment(env: Any, datasette: Any) -> None:
    """``person_href`` / ``speaker_href`` filters, so threat and search templates link to these pages."""
    env.filters["person_href"] = person_href
    env.filters["speaker_href"] = speaker_href
