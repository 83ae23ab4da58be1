"""Deliver a digest: email through the configured SMTP server, or a JSON POST to a webhook.

Both are optional (``[digest.email]``, ``[digest.webhook]`` in longarm.toml). A
failed delivery is reported and logged, never raised: the digest files are
already written, and the nightly exit code says delivery failed (5).
"""

from __future__ import annotations

import json
import logging
import smtplib
import ssl
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any

from longarm import __version__
from longarm.redact import redact_url, scrub

logger = logging.getLogger(__name__)


@dataclass
class Delivery:
    channel: str  # "email" | "webhook"
    ok: bool
    detail: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def build_email(cfg: Any, subject: str, text: str, html_body: str | None, json_body: str | None) -> EmailMessage:
    msg = EmailMessage()
    msg["Subject"] = f"{cfg.subject_prefix} {subject}".strip()
    msg["From"] = cfg.sender
    msg["To"] = ", ".join(cfg.to)
    msg["Date"] = formatdate(localtime=False, usegmt=True)
    msg["Message-ID"] = make_msgid(domain=cfg.sender.rsplit("@", 1)[-1])
    msg["X-Mailer"] = f"longarm/{__version__}"
    msg.set_content(text, subtype="plain", charset="utf-8")
    if html_body:
        msg.add_alternative(html_body, subtype="html", charset="utf-8")
    if json_body:
        msg.add_attachment(json_body.encode("utf-8"), maintype="application", subtype="json", filename="digest.json")
    return msg


def send_email(
    cfg: Any, subject: str, text: str, html_body: str | None = None, json_body: str | None = None
) -> Delivery:
    """Send the digest by SMTP (STARTTLS or implicit TLS as configured; login when a user is set)."""
    where = f"{cfg.smtp_host}:{cfg.smtp_port}"
    try:
        msg = build_email(cfg, subject, text, html_body, json_body)
        context = ssl.create_default_context()
        if cfg.ssl:
            client: smtplib.SMTP = smtplib.SMTP_SSL(cfg.smtp_host, cfg.smtp_port, timeout=cfg.timeout, context=context)
        else:
            client = smtplib.SMTP(cfg.smtp_host, cfg.smtp_port, timeout=cfg.timeout)
        with client:
            client.ehlo()
            if cfg.starttls and not cfg.ssl:
                client.starttls(context=context)
                client.ehlo()
            if cfg.user:
                if not cfg.password:
                    raise smtplib.SMTPException("[digest.email] user is set but $LONGARM_SMTP_PASSWORD is not")
                client.login(cfg.user, cfg.password)
            refused = client.send_message(msg)
        if refused:
            detail = f"sent via {where}, but refused for: {', '.join(refused)}"
            logger.warning("digest email: %s", detail)
            return Delivery("email", False, detail)
        return Delivery("email", True, f"sent to {', '.join(cfg.to)} via {where}")
    except (OSError, smtplib.SMTPException, ssl.SSLError) as exc:
        detail = f"could not send via {where}: {scrub(str(exc), [cfg.password] if cfg.password else [])}"
        logger.error("digest email: %s", detail)
        return Delivery("email", False, detail)


def post_webhook(cfg: Any, payload: dict[str, Any]) -> Delivery:
    """POST the digest as JSON; any 2xx answer is success.

    The URL is a secret (Slack-style webhooks carry their credential in the path): every message
    names only its scheme and host.
    """
    data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    headers = {"Content-Type": "application/json; charset=utf-8", "User-Agent": f"longarm/{__version__}"}
    if cfg.token:
        headers["Authorization"] = f"Bearer {cfg.token}"
    where = redact_url(cfg.url)
    secrets = [s for s in (cfg.url, cfg.token) if s]
    try:
        req = urllib.request.Request(cfg.url, data=data, headers=headers, method="POST")
        with urllib.request.urlopen(req, timeout=cfg.timeout) as resp:
            status = resp.status
            resp.read(1024)
    except urllib.error.HTTPError as exc:
        detail = f"{where} answered HTTP {exc.code} {scrub(str(exc.reason), secrets)}"
        logger.error("digest webhook: %s", detail)
        return Delivery("webhook", False, detail)
    except (OSError, ValueError) as exc:
        detail = f"could not POST to {where}: {scrub(str(exc), secrets)}"
        logger.error("digest webhook: %s", detail)
        return Delivery("webhook", False, detail)
    if not 200 <= status < 300:
        return Delivery("webhook", False, f"{where} answered HTTP {status}")
    return Delivery("webhook", True, f"POSTed {len(data)} bytes to {where} (HTTP {status})")


def deliver(cfg: Any, digest: dict[str, Any]) -> list[Delivery]:
    """Send the digest through every configured channel (none configured: nothing to do)."""
    from longarm import digest as dg

    out: list[Delivery] = []
    if cfg.email is not None:
        out.append(
            send_email(cfg.email, dg.subject(digest), dg.to_markdown(digest), dg.to_html(digest), dg.to_json(digest))
        )
    if cfg.webhook is not None:
        out.append(
            post_webhook(cfg.webhook, {**digest, "subject": dg.subject(digest), "markdown": dg.to_markdown(digest)})
        )
    return out
