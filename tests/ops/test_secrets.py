"""Secrets stay secret: plant tokens in the webhook URL, the webhook token and the SMTP password, run nightly on
the demo replay delivering to loopback servers (once fine, once failing), then grep everything the runs left
behind (stdout, stderr, the log, the database bytes, the archive, the digests, `config --show`, every page of
the web page) for them. Also: the files longarm creates are private."""

from __future__ import annotations

import asyncio
import gzip
import json
import logging
import sqlite3
import stat
from pathlib import Path

import pytest

from longarm.commands.demo import demo_today
from longarm.redact import SecretFilter, redact_url, register, scrub
from tests.conftest import run_cli
from tests.ops.servers import SMTPServer, WebhookServer

URL_TOKEN = "Zq8PLANTEDurlTOKENx7Kw2"
BEARER = "Bq3PLANTEDbearerTOKENr5"
PASSWORD = "Pw9PLANTEDsmtpPASSWORDk1"
PATH = f"/services/T0LONGARM/B0LONGARM/{URL_TOKEN}"
NEEDLES = [URL_TOKEN, BEARER, PASSWORD, "T0LONGARM/B0LONGARM"]


def _leaks(data: bytes) -> list[str]:
    return [n for n in NEEDLES if n.encode() in data]


def _all_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    if path.name.endswith(".gz"):
        try:
            data += gzip.decompress(data)
        except (OSError, EOFError):
            pass
    return data


# The tests reading `runs` are marked slow: end-to-end, three `longarm nightly` runs in subprocesses.
@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict:
    from longarm.demo_archive import build_demo_archive

    tmp = tmp_path_factory.mktemp("secrets")
    warc = build_demo_archive(tmp / "src")
    smtp, hook, broken = SMTPServer(password=PASSWORD), WebhookServer(), WebhookServer(status=404)
    env = {
        "LONGARM_SMTP_HOST": "127.0.0.1",
        "LONGARM_SMTP_PORT": str(smtp.port),
        "LONGARM_SMTP_FROM": "longarm@example.org",
        "LONGARM_SMTP_TO": "analyst@example.org",
        "LONGARM_SMTP_STARTTLS": "false",
        "LONGARM_SMTP_USER": "longarm",
        "LONGARM_SMTP_PASSWORD": PASSWORD,
        "LONGARM_WEBHOOK_TOKEN": BEARER,
    }
    data = tmp / "data"
    args = [
        "nightly",
        "-v",
        "--replay",
        str(warc),
        "--today",
        str(demo_today()),
        "--db",
        str(data / "l.db"),
        "--archive",
        str(data / "archive"),
        "--digest-dir",
        str(data / "digests"),
        "--log-file",
        str(data / "log" / "nightly.log"),
    ]
    out = {"tmp": tmp, "data": data}
    try:
        out["ok"] = run_cli(*args, env={**env, "LONGARM_WEBHOOK_URL": f"http://127.0.0.1:{hook.port}{PATH}"}, cwd=tmp)
        out["failed"] = run_cli(
            *args, env={**env, "LONGARM_WEBHOOK_URL": f"http://127.0.0.1:{broken.port}{PATH}"}, cwd=tmp
        )
        out["unreachable"] = run_cli(
            *args, env={**env, "LONGARM_WEBHOOK_URL": f"http://127.0.0.1:9{PATH}", "LONGARM_SMTP_PORT": "9"}, cwd=tmp
        )
        conf = tmp / "longarm.toml"
        conf.write_text(f'[digest.webhook]\nurl = "https://hooks.example.org{PATH}"\n')
        conf.chmod(0o644)
        out["show"] = run_cli("config", "--show", "--config", str(conf), env=env, cwd=tmp)
        out["show_json"] = run_cli("config", "--show", "--json", "--config", str(conf), env=env, cwd=tmp)
        out["check"] = run_cli("config", "--check", str(conf), env=env, cwd=tmp)
        bad = tmp / "bad.toml"
        bad.write_text(f'[digest.webhook]\nurl = "hxxps://hooks.example.org{PATH}"\n')
        out["check_bad"] = run_cli("config", "--check", str(bad), env=env, cwd=tmp)
    finally:
        smtp.stop()
        hook.stop()
        broken.stop()
    out["hook"], out["broken"], out["smtp"] = hook, broken, smtp
    return out


@pytest.mark.slow
def test_the_secrets_were_used(runs: dict) -> None:
    assert runs["ok"].returncode in (0, 3), runs["ok"].stderr[-2000:]
    assert runs["hook"].received and runs["hook"].received[0]["path"] == PATH
    assert runs["hook"].received[0]["headers"]["Authorization"] == f"Bearer {BEARER}"
    assert runs["smtp"].auth and runs["smtp"].auth[0][2] == PASSWORD
    assert runs["broken"].received, "the failing webhook was called"
    assert runs["failed"].returncode == 5 and "webhook: FAILED" in runs["failed"].stderr
    assert runs["unreachable"].returncode == 5


@pytest.mark.slow
def test_no_secret_in_any_output(runs: dict) -> None:
    for name in ("ok", "failed", "unreachable", "show", "show_json", "check", "check_bad"):
        r = runs[name]
        for stream in (r.stdout, r.stderr):
            assert not _leaks(stream.encode()), (name, _leaks(stream.encode()), stream[-1500:])
    assert "webhook: ok: POSTed" in runs["ok"].stdout and "http://127.0.0.1:" in runs["ok"].stdout
    assert "(redacted)" in runs["failed"].stderr
    assert 'url = "https://hooks.example.org/(redacted)"' in runs["show"].stdout
    assert json.loads(runs["show_json"].stdout)["digest"]["webhook"]["token"] == "(set)"
    assert "readable by others" in runs["check"].stdout  # the file holding the URL is 644
    assert runs["check_bad"].returncode == 2 and "not an http" in runs["check_bad"].stdout


@pytest.mark.slow
def test_no_secret_in_any_file_left_behind(runs: dict) -> None:
    files = [p for p in runs["data"].rglob("*") if p.is_file()]
    names = {p.name for p in files}
    assert "l.db" in names and "nightly.log" in names and any(n.endswith(".warc.gz") for n in names)
    assert any(n.endswith(".json") for n in names) and any(n.endswith(".html") for n in names)
    for p in files:
        assert not _leaks(_all_bytes(p)), (p, _leaks(_all_bytes(p)))
    log = (runs["data"] / "log" / "nightly.log").read_text()
    assert "digest webhook:" in log and "(redacted)" in log  # the failure is logged, without the secret
    c = sqlite3.connect(runs["data"] / "l.db")
    delivered = [json.loads(r[0]) for r in c.execute("SELECT delivered FROM digests ORDER BY id")]
    c.close()
    assert any(d["channel"] == "webhook" and not d["ok"] for ds in delivered for d in ds)


@pytest.mark.slow
def test_no_secret_on_the_web_page(runs: dict) -> None:
    from longarm.web import make_datasette

    db = runs["data"] / "l.db"
    ds = make_datasette(db, runs["data"] / "archive")
    c = sqlite3.connect(db)
    tables = [r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%'")]
    c.close()
    assert "digests" in tables

    async def fetch() -> list[tuple[str, int, bytes]]:
        out = []
        for path in ["/", "/l", "/-/metadata.json", "/l/digests", "/l/digests.json?_shape=array"] + [
            f"/l/{t}.json?_size=max" for t in tables
        ]:
            r = await ds.client.get(path)
            out.append((path, r.status_code, r.content))
        return out

    pages = asyncio.run(fetch())
    digests = next(p for p in pages if p[0] == "/l/digests.json?_shape=array")
    assert digests[1] == 200 and b"webhook" in digests[2]
    for path, status, body in pages:
        assert not _leaks(body), (path, _leaks(body))


@pytest.mark.slow
def test_files_are_private(runs: dict) -> None:
    data = runs["data"]
    assert stat.S_IMODE((data / "log" / "nightly.log").stat().st_mode) == 0o600
    checked = 0
    for p in [data, *data.rglob("*")]:
        mode = stat.S_IMODE(p.stat().st_mode)
        assert mode & 0o007 == 0, f"{p} is {mode:o}: readable by others"
        assert mode & 0o020 == 0, f"{p} is {mode:o}: writable by the group"
        checked += 1
    assert checked > 10


def test_a_stale_public_log_is_made_private(tmp_path: Path) -> None:
    from longarm.commands.nightly import setup_log_file

    log = tmp_path / "old.log"
    log.write_text("earlier\n")
    log.chmod(0o644)
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        setup_log_file(log)
    finally:
        for h in root.handlers[:]:
            if h not in before:
                root.removeHandler(h)
                h.close()
    assert stat.S_IMODE(log.stat().st_mode) == 0o600


def test_redaction_helpers() -> None:
    url = f"https://hooks.slack.com{PATH}?x=1"
    assert redact_url(url) == "https://hooks.slack.com/(redacted)"
    assert redact_url("https://hooks.example.org") == "https://hooks.example.org/"
    assert redact_url(f"https://user:{PASSWORD}@h.example:8443/") == "https://h.example:8443/(redacted)"
    assert redact_url("not a url") == "(redacted)"
    text = f"POST {url} failed; path {PATH}; quoted {PATH.replace('/', '%2F')}"
    clean = scrub(text, [url])
    assert not _leaks(clean.encode()) and "hooks.slack.com" in clean
    register(url)
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "could not POST to %s", (url,), None)
    SecretFilter().filter(record)
    assert not _leaks(record.getMessage().encode())
    assert "hooks.slack.com" in record.getMessage()
