"""longarm's configuration: one TOML file (``longarm.toml``), environment variables over it.

Resolution order for every value: command-line option (where one exists) >
environment variable > ``longarm.toml`` > built-in default. The file is found at
``--config PATH``, else ``$LONGARM_CONFIG``, else ``./longarm.toml`` when present;
without one the defaults apply. Relative paths in the file are relative to the
file's folder (so a cron job's working directory does not matter).

``longarm.toml.example`` documents every key; ``longarm config --check`` reports
mistakes by name and ``longarm config --show`` prints the effective values.
Secrets (the SMTP password, a webhook token) are read from the environment only.
"""

from __future__ import annotations

import difflib
import logging
import math
import os
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from longarm.core.errors import UsageError
from longarm.redact import redact_url
from longarm.redact import register as register_secrets

logger = logging.getLogger(__name__)

DEFAULT_FILE = "longarm.toml"
DIGEST_FORMATS = ("md", "html", "json")
_EMAIL_RE = re.compile(r"^[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]+$")


class ConfigError(UsageError):
    """The configuration is invalid (exit 2); the message names every bad key."""


@dataclass(frozen=True)
class Problem:
    level: str  # "error" | "warning"
    where: str  # "longarm.toml: [politeness] download_delay" or "$LONGARM_DB"
    message: str

    def __str__(self) -> str:
        return f"{self.level}: {self.where}: {self.message}"


# -- the schema: section -> key -> (kind, default, env var) ------------------------------------
# kinds: str, path, float, int, bool, strlist, email, emaillist, url, sources, formats
@dataclass(frozen=True)
class Key:
    kind: str
    default: Any = None
    env: str | None = None
    minimum: float | None = None
    maximum: float | None = None


SCHEMA: dict[str, dict[str, Key]] = {
    "": {
        "db": Key("path", "longarm.db", "LONGARM_DB"),
        "archive": Key("path", "archive", "LONGARM_ARCHIVE"),
        "contact": Key("str", None, "LONGARM_CONTACT"),
        "sources": Key("sources", None, "LONGARM_SOURCES"),
        "log_file": Key("path", None, "LONGARM_LOG_FILE"),
    },
    "politeness": {
        "download_delay": Key("float", 1.0, "LONGARM_DOWNLOAD_DELAY", 0, None),
        "randomize_delay": Key("bool", True, None),
        "concurrency_per_domain": Key("int", 2, "LONGARM_CONCURRENCY_PER_DOMAIN", 1, None),
        "autothrottle": Key("bool", True, "LONGARM_AUTOTHROTTLE"),
        "autothrottle_start_delay": Key("float", 2.0, None, 0, None),
        "autothrottle_max_delay": Key("float", 60.0, None, 0, None),
        "autothrottle_target_concurrency": Key("float", 1.0, None, 0.1, None),
        "download_timeout": Key("float", 60.0, "LONGARM_DOWNLOAD_TIMEOUT", 1, None),
        "retry_times": Key("int", 3, None, 0, 20),
        "retry_backoff": Key("float", 5.0, None, 0, 300),
    },
    "digest": {
        "dir": Key("path", "digests", "LONGARM_DIGEST_DIR"),
        "formats": Key("formats", list(DIGEST_FORMATS), None),
    },
    "digest.email": {
        "smtp_host": Key("str", None, "LONGARM_SMTP_HOST"),
        "smtp_port": Key("int", None, "LONGARM_SMTP_PORT", 1, 65535),
        "from": Key("email", None, "LONGARM_SMTP_FROM"),
        "to": Key("emaillist", None, "LONGARM_SMTP_TO"),
        "starttls": Key("bool", True, "LONGARM_SMTP_STARTTLS"),
        "ssl": Key("bool", False, "LONGARM_SMTP_SSL"),
        "user": Key("str", None, "LONGARM_SMTP_USER"),
        "subject_prefix": Key("str", "[longarm]", None),
        "timeout": Key("float", 30.0, None, 1, None),
    },
    "digest.webhook": {
        "url": Key("url", None, "LONGARM_WEBHOOK_URL"),
        "timeout": Key("float", 30.0, None, 1, None),
    },
    # Re-checks of archived articles (docs/rechecks.md): days after first capture.
    "recheck": {
        "enabled": Key("bool", True, "LONGARM_RECHECK"),
        "days": Key("days", [1, 7, 30, 90, 365], None),
        "without_detections": Key("bool", False, None),
        "without_detections_days": Key("days", [30, 365], None),
        # at most this many articles re-checked in one night (the oldest due first; 0: no cap), so the
        # backlog of a store that turns re-checks on is spread over nights instead of one long run
        "max_per_night": Key("int", 0, None, 0, None),
    },
}
# Environment-only secrets (never read from the file).
SECRET_ENV = {"smtp_password": "LONGARM_SMTP_PASSWORD", "webhook_token": "LONGARM_WEBHOOK_TOKEN"}
# Keys people will try to put in the file: the message says where they go instead.
_FORBIDDEN = {
    ("digest.email", "password"): "the SMTP password is read from $LONGARM_SMTP_PASSWORD only, never from the file",
    (
        "digest.email",
        "smtp_password",
    ): "the SMTP password is read from $LONGARM_SMTP_PASSWORD only, never from the file",
    ("digest.webhook", "token"): "the webhook token is read from $LONGARM_WEBHOOK_TOKEN only, never from the file",
}
# Politeness key -> Scrapy setting.
SCRAPY_SETTINGS = {
    "download_delay": "DOWNLOAD_DELAY",
    "randomize_delay": "DOWNLOAD_DELAY_JITTER",  # true -> +-50% (Scrapy's default jitter), false -> 0
    "concurrency_per_domain": "CONCURRENT_REQUESTS_PER_DOMAIN",
    "autothrottle": "AUTOTHROTTLE_ENABLED",
    "autothrottle_start_delay": "AUTOTHROTTLE_START_DELAY",
    "autothrottle_max_delay": "AUTOTHROTTLE_MAX_DELAY",
    "autothrottle_target_concurrency": "AUTOTHROTTLE_TARGET_CONCURRENCY",
    "download_timeout": "DOWNLOAD_TIMEOUT",
    "retry_times": "RETRY_TIMES",
    "retry_backoff": "LONGARM_BACKOFF_BASE",  # longarm.middlewares.backoff: seconds before the 1st retry, doubling
}


@dataclass(frozen=True)
class EmailConfig:
    smtp_host: str
    smtp_port: int
    sender: str
    to: tuple[str, ...]
    starttls: bool = True
    ssl: bool = False
    user: str | None = None
    password: str | None = None
    subject_prefix: str = "[longarm]"
    timeout: float = 30.0


@dataclass(frozen=True)
class WebhookConfig:
    url: str
    token: str | None = None
    timeout: float = 30.0


@dataclass(frozen=True)
class Politeness:
    download_delay: float = 1.0
    randomize_delay: bool = True
    concurrency_per_domain: int = 2
    autothrottle: bool = True
    autothrottle_start_delay: float = 2.0
    autothrottle_max_delay: float = 60.0
    autothrottle_target_concurrency: float = 1.0
    download_timeout: float = 60.0
    retry_times: int = 3
    retry_backoff: float = 5.0


@dataclass(frozen=True)
class RecheckConfig:
    """When stored articles are fetched again (longarm/rechecks.py): days after first capture."""

    enabled: bool = True
    days: tuple[int, ...] = (1, 7, 30, 90, 365)
    without_detections: bool = False
    without_detections_days: tuple[int, ...] = (30, 365)
    max_per_night: int = 0  # 0: no cap


@dataclass(frozen=True)
class Config:
    """The effective configuration. ``origins`` says where each value came from."""

    path: Path | None
    db: Path
    archive: Path
    contact: str | None
    sources: list[str] | None  # enabled source ids; None = every source in the registry
    log_file: Path | None
    politeness: Politeness
    digest_dir: Path
    digest_formats: tuple[str, ...]
    email: EmailConfig | None
    webhook: WebhookConfig | None
    origins: dict[str, str] = field(default_factory=dict)
    warnings: tuple[Problem, ...] = ()
    recheck: RecheckConfig = field(default_factory=RecheckConfig)

    def scrapy_overrides(self, *, replay: bool = False) -> dict[str, Any]:
        """Scrapy settings for the politeness values set in the file or environment.

        Only values set explicitly are returned (defaults live in ``longarm/settings.py``),
        and none in a replay crawl, which talks to no server and must not be slowed down.
        """
        if replay:
            return {}
        out: dict[str, Any] = {}
        for key, setting in SCRAPY_SETTINGS.items():
            if self.origins.get(f"politeness.{key}", "default") != "default":
                value = getattr(self.politeness, key)
                if setting == "DOWNLOAD_DELAY_JITTER":
                    value = 0.5 if value else 0.0
                out[setting] = value
        return out

    def enabled_sources(self) -> list[str] | None:
        return list(self.sources) if self.sources is not None else None

    def as_dict(self, *, show_secrets: bool = False) -> dict[str, Any]:
        def secret(v: str | None) -> str | None:
            return v if (show_secrets or v is None) else "(set)"

        d: dict[str, Any] = {
            "config_file": str(self.path) if self.path else None,
            "db": str(self.db),
            "archive": str(self.archive),
            "contact": self.contact,
            "sources": self.sources,
            "log_file": str(self.log_file) if self.log_file else None,
            "politeness": {k: getattr(self.politeness, k) for k in SCHEMA["politeness"]},
            "digest": {"dir": str(self.digest_dir), "formats": list(self.digest_formats)},
            "recheck": {
                "enabled": self.recheck.enabled,
                "days": list(self.recheck.days),
                "without_detections": self.recheck.without_detections,
                "without_detections_days": list(self.recheck.without_detections_days),
                "max_per_night": self.recheck.max_per_night,
            },
        }
        if self.email:
            e = self.email
            d["digest"]["email"] = {
                "smtp_host": e.smtp_host,
                "smtp_port": e.smtp_port,
                "from": e.sender,
                "to": list(e.to),
                "starttls": e.starttls,
                "ssl": e.ssl,
                "user": e.user,
                "password": secret(e.password),
                "subject_prefix": e.subject_prefix,
                "timeout": e.timeout,
            }
        if self.webhook:
            # the webhook URL is itself a credential (anyone holding a Slack-style URL can post): host only
            url = self.webhook.url if show_secrets else redact_url(self.webhook.url)
            d["digest"]["webhook"] = {"url": url, "token": secret(self.webhook.token), "timeout": self.webhook.timeout}
        return d


# -- resolving the file ------------------------------------------------------------------------
def find_config_file(path: str | Path | None = None) -> Path | None:
    """The configuration file to read: ``path``, else $LONGARM_CONFIG, else ./longarm.toml if present."""
    if path:
        return Path(path)
    env = os.environ.get("LONGARM_CONFIG")
    if env:
        return Path(env)
    p = Path(DEFAULT_FILE)
    return p if p.is_file() else None


def _did_you_mean(word: str, choices: list[str]) -> str:
    m = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean {m[0]!r}?)" if m else ""


def _type_name(v: Any) -> str:
    return {bool: "boolean", int: "integer", float: "number", str: "string", list: "list", dict: "table"}.get(
        type(v), type(v).__name__
    )


_KIND_WORDS = {
    "str": "a string",
    "path": "a path (string)",
    "float": "a number",
    "int": "an integer",
    "bool": "true or false",
    "sources": "a list of source ids",
    "formats": 'a list of "md", "html", "json"',
    "email": "an email address (string)",
    "emaillist": "an email address or a list of them",
    "url": "an http(s) URL (string)",
    "days": "a list of whole numbers of days (0 or more)",
}


def _known_sources() -> list[str] | None:
    try:
        from longarm.spiders.registry import get_registry

        return list(get_registry())
    except Exception:  # the registry is broken: `longarm sources` reports that; do not fail here
        return None


def _coerce(kind: str, value: Any, from_env: bool) -> Any:
    """Convert a TOML or environment value to ``kind``; raises ValueError with a reason."""
    if from_env:
        s = str(value).strip()
        if kind in ("float",):
            return float(s)
        if kind == "int":
            return int(s)
        if kind == "bool":
            if s.lower() in ("1", "true", "yes", "on"):
                return True
            if s.lower() in ("0", "false", "no", "off", ""):
                return False
            raise ValueError(f"{s!r} is not a boolean (use true/false)")
        if kind in ("sources", "emaillist", "formats"):
            return [x for x in re.split(r"[,\s]+", s) if x]
        if kind == "days":
            return [int(x) for x in re.split(r"[,\s]+", s) if x]
        return s
    if kind == "float":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError
        return float(value)
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError
        return value
    if kind == "bool":
        if not isinstance(value, bool):
            raise TypeError
        return value
    if kind == "days":
        if not isinstance(value, list) or not all(isinstance(x, int) and not isinstance(x, bool) for x in value):
            raise TypeError
        return value
    if kind in ("sources", "formats"):
        if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
            raise TypeError
        return value
    if kind == "emaillist":
        if isinstance(value, str):
            return [value]
        if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
            raise TypeError
        return value
    if not isinstance(value, str):
        raise TypeError
    return value


def _check_value(kind: str, spec: Key, value: Any, where: str, problems: list[Problem]) -> bool:
    """Range and format checks after coercion; appends problems; False on an error."""
    ok = True
    if kind == "float" and not math.isfinite(value):
        # TOML and float() accept nan and inf; Scrapy would wait forever or compare nothing
        problems.append(
            Problem(
                "error",
                where,
                f"{value} is not a finite number: give a number"
                + (f" from {spec.minimum:g}" if spec.minimum is not None else "")
                + (f" to {spec.maximum:g}" if spec.maximum is not None else ""),
            )
        )
        return False
    if kind in ("float", "int"):
        if spec.minimum is not None and value < spec.minimum:
            problems.append(Problem("error", where, f"{value} is below the minimum {spec.minimum:g}"))
            ok = False
        if spec.maximum is not None and value > spec.maximum:
            problems.append(Problem("error", where, f"{value} is above the maximum {spec.maximum:g}"))
            ok = False
    elif kind == "email":
        if not _EMAIL_RE.match(value):
            problems.append(Problem("error", where, f"{value!r} is not an email address"))
            ok = False
    elif kind == "emaillist":
        for v in value:
            if not _EMAIL_RE.match(v):
                problems.append(Problem("error", where, f"{v!r} is not an email address"))
                ok = False
        if not value:
            problems.append(Problem("error", where, "no address given"))
            ok = False
    elif kind == "url":
        if not re.match(r"^https?://[^\s/]+", value):
            # not echoed: a mistyped webhook URL is still a secret
            problems.append(
                Problem(
                    "error",
                    where,
                    f"{redact_url(value)!r} is not an http:// or https:// URL (value not shown: it may hold a secret)",
                )
            )
            ok = False
    elif kind == "formats":
        bad = [v for v in value if v not in DIGEST_FORMATS]
        if bad:
            problems.append(
                Problem(
                    "error",
                    where,
                    f"unknown format(s) {', '.join(map(repr, bad))}; choose from {', '.join(DIGEST_FORMATS)}",
                )
            )
            ok = False
    elif kind == "sources":
        known = _known_sources()
        if known is not None:
            for v in value:
                if v not in known:
                    problems.append(
                        Problem(
                            "error", where, f"unknown source id {v!r}{_did_you_mean(v, known)}; see `longarm sources`"
                        )
                    )
                    ok = False
        if not value:
            problems.append(Problem("warning", where, "an empty list enables no source: nightly will crawl nothing"))
    elif kind == "days":
        bad_days = [d for d in value if d < 0]
        if bad_days:
            problems.append(
                Problem("error", where, f"negative day(s) {bad_days}: give days after first capture, 0 or more")
            )
            ok = False
    elif kind == "str" and not value.strip():
        problems.append(Problem("warning", where, "is empty"))
    return ok


def _check_private(path: Path, problems: list[Problem]) -> None:
    """A file holding a webhook URL (a credential) should be readable by its owner only."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return
    if mode & 0o077:
        problems.append(
            Problem(
                "warning",
                f"{path}: [digest.webhook] url",
                f"the webhook URL is a secret but the file is readable by others (mode "
                f"{mode & 0o777:o}): `chmod 600 {path}`, or set $LONGARM_WEBHOOK_URL instead",
            )
        )


def _where(file_label: str, section: str, key: str) -> str:
    return f"{file_label}: " + (f"[{section}] {key}" if section else key)


def _flatten(data: dict[str, Any], file_label: str, problems: list[Problem]) -> dict[tuple[str, str], Any]:
    """TOML tables -> {(section, key): value}, reporting unknown sections and keys."""
    out: dict[tuple[str, str], Any] = {}
    sections = [s for s in SCHEMA if s]

    def walk(table: dict[str, Any], section: str) -> None:
        known_keys = list(SCHEMA.get(section, {}))
        prefix = section + "." if section else ""
        child_sections = [s[len(prefix) :] for s in sections if s.startswith(prefix) and "." not in s[len(prefix) :]]
        for key, value in table.items():
            full = f"{section}.{key}" if section else key
            if isinstance(value, dict) and full in SCHEMA:
                walk(value, full)
                continue
            if key in SCHEMA.get(section, {}):
                out[(section, key)] = value
                continue
            if full in SCHEMA:  # a section's name given a plain value: a wrong type, not an unknown key
                problems.append(
                    Problem(
                        "error",
                        _where(file_label, section, key),
                        f"should be a table (a [{full}] section with its keys), not {_type_name(value)} {value!r}",
                    )
                )
                continue
            if (section, key) in _FORBIDDEN:
                problems.append(Problem("error", _where(file_label, section, key), _FORBIDDEN[(section, key)]))
                continue
            hint = _did_you_mean(key, known_keys + child_sections)
            if not hint:
                # a key placed in the wrong section?
                for s, keys in SCHEMA.items():
                    if key in keys and s != section:
                        hint = f" (it belongs in {'[' + s + ']' if s else 'the top level, before any [section]'})"
                        break
            if isinstance(value, dict):
                problems.append(Problem("error", f"{file_label}: [{full}]", "unknown section" + hint))
            else:
                problems.append(Problem("error", _where(file_label, section, key), "unknown key" + hint))

    walk(data, "")
    return out


def _collect(
    path: Path | None, env: dict[str, str]
) -> tuple[dict[tuple[str, str], Any], dict[str, str], list[Problem]]:
    """Every value (typed) with its origin ('default' | 'file' | '$VAR'), and the problems found."""
    problems: list[Problem] = []
    values: dict[tuple[str, str], Any] = {}
    origins: dict[str, str] = {}
    file_values: dict[tuple[str, str], Any] = {}
    file_label = str(path) if path else ""
    if path is not None:
        if not path.is_file():
            problems.append(Problem("error", str(path), "configuration file not found"))
        else:
            try:
                data = tomllib.loads(path.read_text(encoding="utf-8"))
            except tomllib.TOMLDecodeError as exc:
                problems.append(Problem("error", str(path), f"not valid TOML: {exc}"))
                data = {}
            except (OSError, UnicodeDecodeError) as exc:
                problems.append(Problem("error", str(path), f"cannot read: {exc}"))
                data = {}
            file_values = _flatten(data, file_label, problems)
            if file_values.get(("digest.webhook", "url")):
                _check_private(path, problems)
    base = path.resolve().parent if path is not None else None
    for section, keys in SCHEMA.items():
        for key, spec in keys.items():
            name = f"{section}.{key}" if section else key
            value, origin = spec.default, "default"
            if (section, key) in file_values:
                where = _where(file_label, section, key)
                raw = file_values[(section, key)]
                try:
                    v = _coerce(spec.kind, raw, from_env=False)
                except (TypeError, ValueError):
                    problems.append(
                        Problem("error", where, f"should be {_KIND_WORDS[spec.kind]}, not {_type_name(raw)} {raw!r}")
                    )
                else:
                    if _check_value(spec.kind, spec, v, where, problems):
                        if spec.kind == "path" and base is not None and not Path(v).expanduser().is_absolute():
                            v = str(base / Path(v).expanduser())
                        value, origin = v, "file"
            if spec.env and env.get(spec.env, "") != "":
                where = f"${spec.env}"
                try:
                    v = _coerce(spec.kind, env[spec.env], from_env=True)
                except ValueError as exc:
                    problems.append(Problem("error", where, f"should be {_KIND_WORDS[spec.kind]}: {exc}"))
                else:
                    if _check_value(spec.kind, spec, v, where, problems):
                        value, origin = v, where
            values[(section, key)] = value
            origins[name] = origin
    # Cross-field checks.
    conc = values[("politeness", "concurrency_per_domain")]
    if isinstance(conc, int) and conc > 2:
        problems.append(
            Problem(
                "warning",
                _origin_where(origins, "politeness.concurrency_per_domain", file_label),
                f"{conc} requests at a time per site is more than the 1-2 a polite research "
                f"crawler uses; government sites may block us",
            )
        )
    delay = values[("politeness", "download_delay")]
    if isinstance(delay, float) and delay < 0.5 and origins["politeness.download_delay"] != "default":
        problems.append(
            Problem(
                "warning",
                _origin_where(origins, "politeness.download_delay", file_label),
                f"a delay of {delay:g}s between requests to a site is impolite; 1s or more is advised",
            )
        )
    email_set = [k for k in SCHEMA["digest.email"] if origins[f"digest.email.{k}"] != "default"]
    if email_set and not (
        values[("digest.email", "smtp_host")] and values[("digest.email", "to")] and values[("digest.email", "from")]
    ):
        missing = [k for k in ("smtp_host", "from", "to") if not values[("digest.email", k)]]
        problems.append(
            Problem(
                "error",
                f"{file_label or 'configuration'}: [digest.email]",
                f"incomplete: {', '.join(missing)} missing (email delivery needs smtp_host, from, to)",
            )
        )
    if (
        values[("digest.email", "ssl")]
        and values[("digest.email", "starttls")]
        and origins["digest.email.starttls"] != "default"
    ):
        problems.append(
            Problem(
                "error",
                f"{file_label or 'configuration'}: [digest.email]",
                "ssl and starttls are exclusive: ssl = true for port 465, starttls for 587",
            )
        )
    credentials = values[("digest.email", "user")] or env.get(SECRET_ENV["smtp_password"])
    if (
        credentials
        and values[("digest.email", "smtp_host")]
        and not (values[("digest.email", "ssl")] or values[("digest.email", "starttls")])
    ):
        problems.append(
            Problem(
                "warning",
                f"{file_label or 'configuration'}: [digest.email]",
                "SMTP credentials without TLS: the login and password would cross the network "
                "in clear; set starttls = true (port 587) or ssl = true (port 465)",
            )
        )
    if values[("digest.email", "user")] and not env.get(SECRET_ENV["smtp_password"]):
        problems.append(
            Problem(
                "warning",
                f"{file_label or 'configuration'}: [digest.email] user",
                f"set but ${SECRET_ENV['smtp_password']} is not: login will fail",
            )
        )
    if not values[("", "contact")]:
        problems.append(
            Problem(
                "warning",
                _origin_where(origins, "contact", file_label),
                "no contact set: live crawls announce 'contact: unset' in the User-Agent; "
                "site operators should be able to reach you",
            )
        )
    return values, origins, problems


def _origin_where(origins: dict[str, str], name: str, file_label: str) -> str:
    o = origins.get(name, "default")
    if o.startswith("$"):
        return o
    section, _, key = name.rpartition(".")
    return _where(file_label or "configuration", section, key)


def check_config(path: str | Path | None = None, env: dict[str, str] | None = None) -> list[Problem]:
    """Every problem of a configuration (file + environment), errors and warnings; never raises."""
    env = dict(os.environ if env is None else env)
    file = find_config_file(path) if path is None else Path(path)
    _, _, problems = _collect(file, env)
    return problems


def _build(path: Path | None, env: dict[str, str]) -> Config:
    values, origins, problems = _collect(path, env)
    errors = [p for p in problems if p.level == "error"]
    if errors:
        raise ConfigError(
            "invalid configuration:\n  "
            + "\n  ".join(str(p) for p in errors)
            + "\n(run `longarm config --check` for details)"
        )
    v: Callable[[str, str], Any] = lambda s, k: values[(s, k)]  # noqa: E731
    pol = Politeness(**{k: values[("politeness", k)] for k in SCHEMA["politeness"]})
    email = None
    if v("digest.email", "smtp_host") and v("digest.email", "to") and v("digest.email", "from"):
        ssl = bool(v("digest.email", "ssl"))
        starttls = bool(v("digest.email", "starttls")) and not ssl
        port = v("digest.email", "smtp_port") or (465 if ssl else 587 if starttls else 25)
        email = EmailConfig(
            smtp_host=v("digest.email", "smtp_host"),
            smtp_port=int(port),
            sender=v("digest.email", "from"),
            to=tuple(v("digest.email", "to")),
            starttls=starttls,
            ssl=ssl,
            user=v("digest.email", "user"),
            password=env.get(SECRET_ENV["smtp_password"]) or None,
            subject_prefix=v("digest.email", "subject_prefix") or "",
            timeout=v("digest.email", "timeout"),
        )
    register_secrets(
        env.get(SECRET_ENV["smtp_password"]), env.get(SECRET_ENV["webhook_token"]), v("digest.webhook", "url")
    )
    webhook = None
    if v("digest.webhook", "url"):
        webhook = WebhookConfig(
            url=v("digest.webhook", "url"),
            token=env.get(SECRET_ENV["webhook_token"]) or None,
            timeout=v("digest.webhook", "timeout"),
        )
    opt_path = lambda x: Path(x) if x else None  # noqa: E731
    return Config(
        path=path,
        db=Path(v("", "db")),
        archive=Path(v("", "archive")),
        contact=v("", "contact") or None,
        sources=list(v("", "sources")) if v("", "sources") is not None else None,
        log_file=opt_path(v("", "log_file")),
        politeness=pol,
        digest_dir=Path(v("digest", "dir")),
        digest_formats=tuple(dict.fromkeys(v("digest", "formats"))),
        email=email,
        webhook=webhook,
        origins=origins,
        warnings=tuple(p for p in problems if p.level == "warning"),
        recheck=RecheckConfig(
            enabled=bool(v("recheck", "enabled")),
            days=tuple(sorted(set(v("recheck", "days")))),
            without_detections=bool(v("recheck", "without_detections")),
            without_detections_days=tuple(sorted(set(v("recheck", "without_detections_days")))),
            max_per_night=int(v("recheck", "max_per_night")),
        ),
    )


@lru_cache(maxsize=16)
def _load_cached(path: str | None, mtime: float | None, env_items: tuple[tuple[str, str], ...]) -> Config:
    cfg = _build(Path(path) if path else None, dict(env_items))
    for w in cfg.warnings:
        if "no contact set" in w.message:
            continue  # only relevant to live crawls; `longarm config --check` shows it
        logger.warning("config: %s: %s", w.where, w.message)
    return cfg


def load_config(path: str | Path | None = None) -> Config:
    """The effective configuration (file + environment + defaults).

    ``path`` None: $LONGARM_CONFIG, else ./longarm.toml if present, else defaults only.
    Raises ``ConfigError`` (a UsageError: exit 2) naming every invalid key.
    """
    file = find_config_file(path)
    if file is not None and not file.is_file():
        raise ConfigError(
            f"configuration file {file} not found"
            + (" (from $LONGARM_CONFIG)" if path is None and os.environ.get("LONGARM_CONFIG") else "")
        )
    mtime = file.stat().st_mtime if file is not None else None
    env_items = tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith("LONGARM_")))
    return _load_cached(str(file) if file else None, mtime, env_items)
