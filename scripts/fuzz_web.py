#!/usr/bin/env python3
"""Fuzz every route of a running `longarm serve` with malformed parameters; report 500s, missing security
headers, and pages showing any of the given paths.

Usage: longarm serve --db COPY/longarm.db --archive COPY/archive --port 18431 [--allow-sql] &
       python scripts/fuzz_web.py 18431 COPY/longarm.db /path/that/must/not/show ...
Prints the count of each status, then one line per problem (none: all good). Loopback only.
"""

import http.client
import itertools
import sqlite3
import sys
from urllib.parse import quote

PORT = int(sys.argv[1])
DB = sys.argv[2]
SECRET_PATHS = sys.argv[3:]
NEED = ["content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy"]
conn = sqlite3.connect(DB)
tables = [r[0] for r in conn.execute("select name from sqlite_master where type='table'")]
views = [r[0] for r in conn.execute("select name from sqlite_master where type='view'")]
cols = {t: [r[1] for r in conn.execute(f"pragma table_info([{t}])")] for t in tables + views}
tid = conn.execute("select min(id) from threats").fetchone()[0]
sid = conn.execute("select min(id) from snapshots").fetchone()[0]
BAD = [
    "-1",
    "0",
    "99999999999999999999",
    "9223372036854775808",
    "1e5",
    "abc",
    "%00",
    "%ff",
    "%E2%80%AE",
    "1.5",
    "%EF%BC%91%EF%BC%92",
    "0x10",
    "%20",
    "",
    "..%2F..%2Fetc%2Fpasswd",
    "1%0d%0aX:1",
    "A" * 5000,
    "%F0%9F%92%A9",
    "0000",
    "-0",
    "9" * 400,
    "'",
    "%22%3E%3Cscript%3E",
    "[]",
    "{}",
    "null",
    "NaN",
    "inf",
    "2024-13-45",
    "99999-01-01",
]
DATES = [
    "0000",
    "9999-99-99",
    "2024-02-30",
    "-1",
    "99999999999999999999",
    "abc",
    "2024-1-1",
    "1e9",
    "%00",
    "0001-01-01",
    "10000-01-01",
    "2024-02-29T25:00",
    "",
]
paths = [
    "/",
    "/.json",
    "/.jsono",
    "/favicon.ico",
    "/-/static/app.css",
    "/-/static/../../etc/passwd",
    "/-/static/%2e%2e/%2e%2e/etc/passwd",
    "/-/static/nope.css",
    "/-/metadata",
    "/-/metadata.json",
    "/-/versions",
    "/-/versions.json",
    "/-/plugins",
    "/-/plugins.json",
    "/-/settings",
    "/-/settings.json",
    "/-/config.json",
    "/-/config",
    "/-/threads",
    "/-/threads.json",
    "/-/databases",
    "/-/databases.json",
    "/-/databases/",
    "/-/DATABASES.json",
    "/-/databases.json/",
    "/-/databases.json?x=1",
    "//-/databases.json",
    "/-/./databases.json",
    "/-/databases%2ejson",
    "/-/actor",
    "/-/actor.json",
    "/-/auth-token",
    "/-/logout",
    "/-/permissions",
    "/-/messages",
    "/-/allow-debug",
    "/-/patterns",
    "/longarm.db",
    "/longarm",
    "/longarm.json",
    "/longarm.csv",
    "/longarm.xyz",
    "/_memory",
    "/_memory.json",
    "/:memory:",
    "/_internal",
    "/_internal.json",
    "/nope",
    "/nope.json",
    "/nope/nope",
    "/longarm/nope",
    "/longarm/nope.json",
    "/longarm/threats/nope/nope",
    "/-/longarm",
    "/-/longarm/",
    "/-/longarm/search",
    "/-/longarm/nope",
    "/-/longarm/threat/",
    "/-/longarm/snapshot/",
]
for t in tables + views:
    paths += [
        f"/longarm/{quote(t)}",
        f"/longarm/{quote(t)}.json",
        f"/longarm/{quote(t)}.csv",
        f"/longarm/{quote(t)}.json?_shape=objects",
        f"/longarm/{quote(t)}.json?_shape=array&_nl=on",
        f"/longarm/{quote(t)}.csv?_stream=on",
        f"/longarm/{quote(t)}.json?_labels=on",
        f"/longarm/{quote(t)}/1",
        f"/longarm/{quote(t)}/1.json",
    ]
    for b in BAD:
        paths += [f"/longarm/{quote(t)}/{b}", f"/longarm/{quote(t)}/{b}.json"]
    for p, b in itertools.product(
        [
            "_size",
            "_next",
            "_sort",
            "_sort_desc",
            "_facet",
            "_facet_array",
            "_facet_date",
            "_search",
            "_col",
            "_nocol",
            "_shape",
            "_timelimit",
            "_ttl",
            "_facet_size",
            "_where",
            "_through",
            "_json",
            "_labels",
            "_trace",
            "_hash",
            "_nofacet",
            "_nocount",
            "_fts_table",
            "_fts_pk",
            "_searchmode",
            "_sort_by_desc",
        ],
        BAD[:20],
    ):
        paths.append(f"/longarm/{quote(t)}.json?{p}={b}")
        if p in ("_size", "_next", "_sort", "_facet", "_search", "_where", "_through"):
            paths.append(f"/longarm/{quote(t)}?{p}={b}")
    for c in cols[t]:
        for op in ["exact", "gt", "lt", "in", "arraycontains", "date", "isnull", "notblank", "glob", "like", "not"]:
            for b in ("99999999999999999999", "abc", "[", "0000", "%00", "1e999"):
                paths.append(f"/longarm/{quote(t)}.json?{quote(c)}__{op}={b}")
        paths.append(f"/longarm/{quote(t)}.json?_sort={quote(c)}&_next=99999999999999999999")
        paths.append(f"/longarm/{quote(t)}.json?_sort={quote(c)}&_next=abc,%ff")
        paths.append(f"/longarm/{quote(t)}.json?_facet={quote(c)}&_facet_date={quote(c)}&_facet_array={quote(c)}")
for b in BAD:
    paths += [
        f"/-/longarm/threat/{b}",
        f"/-/longarm/threat/{b}.json",
        f"/-/longarm/threat/{b}.md",
        f"/-/longarm/threat/{b}.csl.json",
        f"/-/longarm/threat/{b}/verify",
        f"/-/longarm/snapshot/{b}",
        f"/-/longarm/snapshot/{b}/raw",
        f"/-/longarm/search?q=bounty&page={b}",
        f"/-/longarm/search?q={b}",
        f"/-/longarm/search?q=x&year={b}",
        f"/-/longarm/search?q=x&label={b}",
        f"/-/longarm/search?q=x&lang={b}",
        f"/-/longarm/search?q=x&source={b}",
        f"/-/longarm/search?q=x&documents={b}",
        f"/-/longarm/threat/{tid}?q={b}",
        f"/longarm.json?sql=select+:p&p={b}",
        f"/longarm?sql=select+{b}",
    ]
for d in DATES:
    for k in ("since", "until"):
        paths += [
            f"/-/longarm/search?q=bounty&{k}={d}",
            f"/-/longarm/search?{k}={d}",
            f"/-/longarm/search?q=bounty&documents=1&{k}={d}",
        ]
paths += [
    f"/-/longarm/threat/{tid}",
    f"/-/longarm/threat/{tid}.json",
    f"/-/longarm/threat/{tid}/verify",
    f"/-/longarm/snapshot/{sid}",
    f"/-/longarm/snapshot/{sid}/raw",
    "/-/longarm/search?q=" + quote('"unterminated'),
    "/-/longarm/search?q=" + quote("a OR OR NOT ("),
    "/-/longarm/search?q=" + quote("*"),
    "/-/longarm/search?q=" + quote("NEAR(a b, -1)"),
    "/-/longarm/search?q=" + "x" * 20000,
    "/-/longarm/search?q=" + quote("^"),
    "/-/longarm/search?q=" + quote("列"),
    "/-/longarm/search?q=bounty&q=x&page=2&page=x",
]
for t in ("threats", "documents", "aliases"):
    for v in ("%5B%5B1%5D%5D", "%5B1,%7B%7D%5D", "%5B", "%5B99999999999999999999%5D", "%7B%7D"):
        paths.append(f"/longarm/{t}.json?id__in={v}")
    paths += [
        f"/longarm/{t}.json?%00=1",
        f"/longarm/{t}.json?a%00b__exact=1",
        f"/longarm/{t}.json?_through=%7B%22table%22:1%7D",
        f"/longarm/{t}.json?_through=%7B%22table%22:%22documents%22,%22column%22:%22id%22,%22value%22:%5B%5D%7D",
        f"/longarm/{t}.json?_through=%7B%22table%22:%22nope%22,%22column%22:%22id%22,%22value%22:1%7D",
        f"/longarm/{t}/1,2,3",
        f"/longarm/{t}/1,2.json",
        f"/longarm/{t}/%00",
        f"/longarm/{t}.json?_col=%00",
        f"/longarm/{t}.json?_sort=nope",
        f"/longarm/{t}.json?_sort=id&_sort_desc=id",
        f"/longarm/{t}.json?_size=max&_nocount=1",
        f"/longarm/{t}.json?_facet=nope",
        f"/longarm/{t}.json?_search=%22&_searchmode=raw",
        f"/longarm/{t}.json?_next=%5B",
    ]
METHODS = ["POST", "PUT", "DELETE", "OPTIONS", "HEAD"]
stat = {}
problems = []
reqs = [("GET", p) for p in dict.fromkeys(paths)]
reqs += [
    (m, p)
    for m in METHODS
    for p in [
        "/",
        "/longarm",
        "/longarm.json",
        "/longarm/threats",
        "/longarm/threats/1",
        "/-/longarm/search?q=x",
        f"/-/longarm/threat/{tid}",
        f"/-/longarm/snapshot/{sid}/raw",
        "/-/auth-token",
        "/-/messages",
        "/-/permissions",
        "/-/allow-debug",
        "/-/logout",
        "/longarm/threats/-/insert",
        "/longarm/-/create",
        "/nope",
    ]
]
for method, path in reqs:
    c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    try:
        c.request(
            method,
            path,
            body=b"a=%00&sql=select+1" if method in ("POST", "PUT") else None,
            headers={"Host": f"127.0.0.1:{PORT}", "Content-Type": "application/x-www-form-urlencoded"},
        )
        r = c.getresponse()
        body = r.read()
    except Exception as e:
        problems.append(f"EXC {path[:120]} {e!r}")
        continue
    stat[r.status] = stat.get(r.status, 0) + 1
    h = {k.lower(): v for k, v in r.getheaders()}
    miss = [k for k in NEED if k not in h]
    if method == "HEAD":
        body = b""
    if r.status >= 500:
        problems.append(f"{r.status} {method} {path[:150]} :: {body[:200]!r}")
    if miss:
        problems.append(f"HEADERS {r.status} {path[:150]} missing {miss}")
    for sp in SECRET_PATHS:
        if sp.encode() in body or any(sp in v for v in h.values()):
            problems.append(f"PATH {r.status} {path[:150]} shows {sp}")
    if r.status == 400 and method != "HEAD" and len(body.strip()) < 5:
        problems.append(f"EMPTY400 {path[:150]}")
print(len(reqs), "requests; statuses:", dict(sorted(stat.items())))
for p in problems:
    print(p)
