"""`longarm config --check [FILE]` / `longarm config --show`: validate and print the configuration."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from longarm.core.errors import UsageError


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "config",
        parents=[common],
        help="check or show the configuration (longarm.toml + environment)",
        description="--check [FILE] validates a configuration file and the LONGARM_* environment: unknown keys "
        "(with did-you-mean), wrong types, unknown source ids, bad email addresses, impolite "
        "settings (warnings). Exit 2 when there are errors. --show prints the effective configuration "
        "and where each value comes from. See longarm.toml.example for every key.",
    )
    g = p.add_mutually_exclusive_group()
    g.add_argument(
        "--check",
        nargs="?",
        const=True,
        default=None,
        metavar="FILE",
        help="validate FILE (default: --config, $LONGARM_CONFIG or ./longarm.toml)",
    )
    g.add_argument("--show", action="store_true", help="print the effective configuration (default action)")
    p.add_argument("--json", action="store_true", help="with --show: print JSON")
    p.set_defaults(func=run)


def _toml_value(v: Any) -> str:
    if v is None:
        return '""  # unset'
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, list):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    return json.dumps(str(v), ensure_ascii=False)


def show(cfg: Any) -> str:
    from longarm.config import SCHEMA

    d = cfg.as_dict()
    out = [f"# effective longarm configuration; file: {cfg.path or '(none: defaults and environment)'}"]

    def line(key: str, value: Any, origin_key: str) -> None:
        origin = cfg.origins.get(origin_key, "")
        note = {"file": "longarm.toml", "default": "default"}.get(origin, origin)
        if value is None:
            what = "every source in the registry" if key == "sources" else "unset"
            out.append(f"# {key} = ({what})")
            return
        out.append(f"{key} = {_toml_value(value)}" + (f"  # {note}" if note else ""))

    for key in SCHEMA[""]:
        line(key, d[key], key)
    out += ["", "[politeness]"]
    for key in SCHEMA["politeness"]:
        line(key, d["politeness"][key], f"politeness.{key}")
    out += ["", "[digest]"]
    line("dir", d["digest"]["dir"], "digest.dir")
    line("formats", d["digest"]["formats"], "digest.formats")
    out += ["", "[digest.email]"]
    if "email" in d["digest"]:
        e = d["digest"]["email"]
        for key in SCHEMA["digest.email"]:
            line(key, e[key], f"digest.email.{key}")
        out.append(f"# password: {'set' if cfg.email.password else 'not set'} ($LONGARM_SMTP_PASSWORD)")
    else:
        out.append("# not configured: no email")
    out += ["", "[digest.webhook]"]
    if "webhook" in d["digest"]:
        line("url", d["digest"]["webhook"]["url"], "digest.webhook.url")
        line("timeout", d["digest"]["webhook"]["timeout"], "digest.webhook.timeout")
        out.append(f"# token: {'set' if cfg.webhook.token else 'not set'} ($LONGARM_WEBHOOK_TOKEN)")
    else:
        out.append("# not configured: no webhook")
    return "\n".join(out) + "\n"


def run(args: argparse.Namespace) -> int:
    from longarm.config import check_config, find_config_file, load_config

    if args.check is not None:
        target = args.check if isinstance(args.check, str) else None
        path = find_config_file(target or getattr(args, "config", None))
        if path is None:
            raise UsageError(
                "no configuration file to check: none given, $LONGARM_CONFIG unset and no ./longarm.toml "
                "(copy longarm.toml.example to start one)"
            )
        problems = check_config(path)
        errors = [p for p in problems if p.level == "error"]
        for p in problems:
            print(str(p))
        if errors:
            print(f"{path}: {len(errors)} error(s), {len(problems) - len(errors)} warning(s)", file=sys.stderr)
            return 2
        print(f"{path}: OK" + (f" ({len(problems)} warning(s))" if problems else ""))
        return 0
    cfg = load_config(getattr(args, "config", None))
    if args.json:
        print(json.dumps({**cfg.as_dict(), "origins": cfg.origins}, indent=1, ensure_ascii=False))
    else:
        sys.stdout.write(show(cfg))
    return 0
