"""The `longarm` command: a thin layer over the library.

Every subcommand lives in its own module under ``longarm/commands/`` and is
found automatically: a module defines ``register(subparsers, common)`` which
adds its parser and sets ``func``. Exit codes: 0 success, 1 runtime failure,
2 bad usage or bad input (docs/guide.md, "Exit codes").
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import pkgutil
import sys
from typing import Sequence

from longarm import __version__
from longarm.core.errors import UsageError
from longarm.redact import install_on as install_secret_filter
from longarm.redact import scrub

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2
PRIVATE_UMASK = 0o027  # no write for the group, nothing for others (docs/operations.md, "Secrets and file permissions")


def common_parser() -> argparse.ArgumentParser:
    """Options every subcommand accepts (--db, --archive, --verbose)."""
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--db", default=None, help="SQLite database (default: $LONGARM_DB, longarm.toml, or ./longarm.db)")
    p.add_argument(
        "--archive", default=None, help="WARC archive folder (default: $LONGARM_ARCHIVE, longarm.toml, or ./archive)"
    )
    p.add_argument(
        "--config", default=None, help="configuration file (default: $LONGARM_CONFIG, else ./longarm.toml when present)"
    )
    p.add_argument("-v", "--verbose", action="count", default=0, help="more log output (-vv for debug)")
    return p


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="longarm",
        description="Monitor PRC and Hong Kong 'long-arm' policing threats: crawl, archive, extract, search, cite.",
    )
    parser.add_argument("--version", action="version", version=f"longarm {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    common = common_parser()
    import longarm.commands as pkg

    for mod in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda m: m.name):
        if mod.name.startswith("_"):
            continue
        module = importlib.import_module(f"longarm.commands.{mod.name}")
        if hasattr(module, "register"):
            module.register(sub, common)
    return parser


def _setup_logging(verbosity: int) -> None:
    level = logging.WARNING - 10 * min(verbosity, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    logging.getLogger().setLevel(level)
    for handler in logging.getLogger().handlers:
        # Libraries (Scrapy) set their own loggers to DEBUG; the handler keeps stderr at the chosen level.
        handler.setLevel(level)
        install_secret_filter(handler)  # no webhook URL, token or password in any log line
    if verbosity == 0:
        # trafilatura warns "discarding data" for every page without an article (a "page not found" page a
        # re-check meets, a gallery): longarm logs what that means for the page itself; -v shows it again
        logging.getLogger("trafilatura").setLevel(logging.ERROR)


def private_umask() -> None:
    """Files longarm creates are readable by the owner's group at most, never by others (the store, WARCs,
    digests, lock files; the log file is owner-only). A stricter umask of the user's is kept."""
    current = os.umask(0o077)
    os.umask(current | PRIVATE_UMASK)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    private_umask()
    _setup_logging(getattr(args, "verbose", 0))
    try:
        rc = args.func(args)
    except UsageError as exc:
        print(f"longarm {args.command}: {scrub(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except FileNotFoundError as exc:  # a missing database or input file is bad input, not a failure
        print(f"longarm {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:  # runtime failure: say what, not a traceback (use -vv for one)
        if getattr(args, "verbose", 0) >= 2:
            raise
        print(f"longarm {args.command}: error: {scrub(str(exc))}", file=sys.stderr)
        return EXIT_FAILURE
    return int(rc or 0)


if __name__ == "__main__":
    sys.exit(main())
