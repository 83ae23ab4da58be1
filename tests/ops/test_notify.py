"""Digest delivery by email (a local SMTP server) and webhook (a local HTTP server), loopback only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from longarm import digest as dg
from longarm.config import load_config
from longarm.db import connect
from longarm.notify import deliver, post_webhook, send_email
from tests.ops.seed import seed
from tests.ops.servers import SMTPServer, WebhookServer
from tests.ops.test_digest import _items


@pytest.fixture()
def digest(tmp_path: Path) -> dict:
    db = tmp_path / "l.db"
    seed(db, _items())
    return dg.build_digest(connect(db), since=None, until="2030-01-01T00:00:00Z", run_id=1)


def _cfg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, **env: str):
    for k in list(__import__("os").environ):
        if k.startswith("LONGARM_"):
            monkeypatch.delenv(k)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    p = tmp_path / "longarm.toml"
    p.write_text(text)
    return load_config(p)


def test_email_and_webhook_delivery(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, digest: dict) -> None:
    smtp, hook = SMTPServer(password="s3cret"), WebhookServer()
    try:
        cfg = _cfg(
            tmp_path,
            monkeypatch,
            f"""
[digest.email]
smtp_host = "127.0.0.1"
smtp_port = {smtp.port}
from = "longarm@example.org"
to = ["analyst@example.org", "desk@example.org"]
starttls = false
user = "longarm"
[digest.webhook]
url = "{hook.url}"
""",
            LONGARM_SMTP_PASSWORD="s3cret",
            LONGARM_WEBHOOK_TOKEN="tok",
        )
        results = deliver(cfg, digest)
        assert [(r.channel, r.ok) for r in results] == [("email", True), ("webhook", True)], results
        assert smtp.auth == [["", "longarm", "s3cret"]]
        m = smtp.messages[0]
        assert m["to"] == ["analyst@example.org", "desk@example.org"]
        msg = m["message"]
        assert msg["Subject"].startswith("[longarm] longarm digest 2030-01-01 (run 1): 2 threat(s), 1 action(s)")
        assert "Ted Hui Chi-fung" in msg.get_body(("plain",)).get_content()
        assert "<blockquote" in msg.get_body(("html",)).get_content()
        assert [p.get_filename() for p in msg.iter_attachments()] == ["digest.json"]
        h = hook.received[0]
        assert h["headers"]["Authorization"] == "Bearer tok"
        payload = json.loads(h["body"])
        assert payload["kind"] == "longarm.digest" and payload["counts"]["items"] == 3 and "markdown" in payload
    finally:
        smtp.stop()
        hook.stop()


def test_failures_are_reported_not_raised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, digest: dict) -> None:
    hook = WebhookServer(status=500)
    smtp = SMTPServer(password="right")
    try:
        cfg = _cfg(
            tmp_path,
            monkeypatch,
            f"""
[digest.email]
smtp_host = "127.0.0.1"
smtp_port = {smtp.port}
from = "longarm@example.org"
to = "analyst@example.org"
starttls = false
user = "longarm"
[digest.webhook]
url = "{hook.url}"
""",
            LONGARM_SMTP_PASSWORD="wrong",
        )
        r = send_email(cfg.email, "s", "text")
        assert not r.ok and "127.0.0.1" in r.detail
        r = post_webhook(cfg.webhook, {"a": 1})
        assert not r.ok and "HTTP 500" in r.detail
        closed = type(cfg.webhook)(url="http://127.0.0.1:9/hook", timeout=2)
        assert not post_webhook(closed, {}).ok
    finally:
        hook.stop()
        smtp.stop()
