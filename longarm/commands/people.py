"""`longarm people`: targets not in the gazetteer yet, and adding one in one command."""

from __future__ import annotations

import argparse
import json
from typing import Any

from longarm.core.errors import UsageError
from longarm.paths import db_path


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "people",
        parents=[common],
        help="targets not in the gazetteer; add one",
        description="`longarm people unlisted` lists the targets the store's statements name that no gazetteer "
        "entry knows (the extractor keeps them as the text writes them). `longarm people add` adds "
        "one to nlp/data/people.toml with its aliases in both Chinese scripts; run `longarm extract` "
        'afterwards to re-run the stored documents. Example: longarm people add "Wei Dapeng" '
        '--alias 韦大鹏 --role "Laibin PSB notice, 2023"',
    )
    psub = p.add_subparsers(dest="people_command", metavar="{unlisted,add}")
    un = psub.add_parser("unlisted", parents=[common], help="targets in the store that no gazetteer entry knows")
    un.add_argument("--limit", type=int, default=50, help="at most this many names (default 50)")
    un.add_argument("--json", action="store_true", help="JSON output")
    add = psub.add_parser("add", parents=[common], help="add a person to the targets gazetteer")
    add.add_argument("name", help="canonical English name (Hong Kong style for HK people: 'Cheng Man-kit')")
    add.add_argument(
        "--alias",
        action="append",
        default=[],
        help="another form of the name (repeatable); Chinese forms get both scripts",
    )
    add.add_argument(
        "--kind", default="wanted_person", help="wanted_person (default), listed_person, fugitive or organisation"
    )
    add.add_argument("--role", default="", help="why they are targeted, which notice named them")
    add.add_argument("--note", default="", help="where the facts come from")
    add.add_argument("--file", help="people.toml to append to (default: the package's nlp/data/people.toml)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.people_command == "add":
        from longarm.nlp.gazetteer import add_person

        try:
            entry = add_person(args.name, args.alias, kind=args.kind, role=args.role, note=args.note, path=args.file)
        except ValueError as exc:
            raise UsageError(f"people add {args.name!r}: {exc}") from exc
        print(f"added {entry['name']} ({entry['kind']}) with aliases: {', '.join(entry['aliases'])}")
        print("run `longarm extract` to re-run the stored documents with it")
        return 0
    if args.people_command == "unlisted":
        from longarm.people import unlisted_in_store

        if args.limit < 1 or args.limit > 100_000:
            raise UsageError(f"--limit {args.limit}: use a number from 1 to 100000")
        path = db_path(args)
        if not path.is_file():
            raise UsageError(f"{path}: no such database (run `longarm demo` or `longarm crawl` first, or give --db)")
        rows = unlisted_in_store(path, args.limit)
        if args.json:
            print(json.dumps(rows, ensure_ascii=False, indent=1))
            return 0
        if not rows:
            print("every target in the store is in the gazetteer")
            return 0
        for r in rows:
            forms = ", ".join(f for f in r["forms"] if f != r["name"])
            print(
                f"{r['name']}{f' ({forms})' if forms else ''}\t{r['statements']} statement(s)\t{r['first'] or '?'} .. {r['latest'] or '?'}\t"
                f"e.g. longarm cite {r['example_threat_id']}"
            )
        print('\nadd one with: longarm people add "ENGLISH NAME" --alias FORM-AS-WRITTEN')
        return 0
    raise UsageError("use `longarm people unlisted` or `longarm people add NAME --alias ...`")
