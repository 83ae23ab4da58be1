"""Secrets stay secret: webhook URLs, tokens and passwords are never printed, logged or stored.

A Slack-style webhook URL (``https://hooks.slack.com/services/T…/B…/xyz``) is its
own credential: anyone holding it can post in the channel. So longarm treats any
notification URL like a password: ``redact_url`` keeps the scheme and host (enough
to say *where* a delivery went) and drops the path, query and user info;
``scrub`` removes known secrets from any text; ``SecretFilter`` does that to every
log record on the handlers the CLI installs (stderr and the log file), as a last
line of defence for messages written by code that did not redact.
"""

from __future__ import annotations

import logging
import threading
from typing import Iterable
from urllib.parse import quote, unquote, urlsplit

REDACTED = "(redacted)"
SET = "(set)"
_MIN_SECRET = 6  # shorter strings are not scrubbed from text (they would mangle ordinary words)

_lock = threading.Lock()
_registered: set[str] = set()


def redact_url(url: str | None) -> str | None:
    """``https://hooks.slack.com/services/T0/B0/abc?x=1`` -> ``https://hooks.slack.com/(redacted)``."""
    if url is None:
        return None
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return REDACTED
    if not parts.scheme or not host:
        return REDACTED
    shown_host = f"[{host}]" if ":" in host else host
    hidden = bool(parts.path.strip("/") or parts.query or parts.fragment or parts.username or parts.password)
    return f"{parts.scheme}://{shown_host}{port}/" + (REDACTED if hidden else "")


def _forms(secret: str) -> list[str]:
    """The secret and the parts of it that could appear on their own (a URL's path, its encoded forms)."""
    out = {secret, quote(secret, safe=""), unquote(secret)}
    try:
        parts = urlsplit(secret)
    except ValueError:
        parts = None
    if parts is not None and parts.scheme and parts.netloc:
        tail = parts.path + (f"?{parts.query}" if parts.query else "")
        out |= {tail, parts.path, unquote(parts.path)}
        if parts.password:
            out.add(parts.password)
        out |= {seg for seg in parts.path.split("/") if len(seg) >= 12}  # token-like path segments
    return sorted((f for f in out if len(f.strip("/")) >= _MIN_SECRET), key=len, reverse=True)


def register(*secrets: str | None) -> None:
    """Remember secrets (this process's webhook URL, tokens, passwords) so ``scrub`` and logs hide them."""
    with _lock:
        for s in secrets:
            if s and len(s) >= _MIN_SECRET:
                _registered.add(s)


def registered() -> list[str]:
    with _lock:
        return sorted(_registered)


def scrub(text: str, secrets: Iterable[str] | None = None) -> str:
    """``text`` with every form of every secret (default: the registered ones) replaced."""
    if not text:
        return text
    for secret in registered() if secrets is None else list(secrets):
        if not secret:
            continue
        for form in _forms(secret):
            if form in text:
                shown = redact_url(secret) if form == secret and "://" in secret else REDACTED
                text = text.replace(form, shown or REDACTED)
    return text


class SecretFilter(logging.Filter):
    """Rewrites a log record whose text holds a registered secret (never drops the record)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not _registered:
            return True
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: leave it to the handler
            return True
        clean = scrub(message)
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        if clean != message:
            record.msg, record.args = clean, ()
        return True


def install_on(handler: logging.Handler) -> None:
    if not any(isinstance(f, SecretFilter) for f in handler.filters):
        handler.addFilter(SecretFilter())
