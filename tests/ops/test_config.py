"""longarm.toml: loading, environment overrides, validation by name, `longarm config --check/--show`."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from longarm.config import ConfigError, check_config, load_config
from tests.conftest import REPO, call_cli, run_cli


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for k in list(os.environ):
        if k.startswith("LONGARM_"):
            monkeypatch.delenv(k)


def test_defaults_without_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    cfg = load_config()
    assert cfg.path is None and cfg.db == Path("longarm.db") and cfg.archive == Path("archive")
    assert cfg.sources is None and cfg.email is None and cfg.webhook is None
    assert cfg.scrapy_overrides() == {}  # defaults stay in longarm/settings.py


def test_file_then_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = tmp_path / "conf" / "longarm.toml"
    p.parent.mkdir()
    p.write_text(
        'db = "data/l.db"\narchive = "/srv/warc"\ncontact = "me@example.org"\n'
        'sources = ["hk_gov_press", "xinhua"]\n[politeness]\ndownload_delay = 3\nconcurrency_per_domain = 1\n'
        'autothrottle = false\n[digest]\ndir = "dg"\n[digest.webhook]\nurl = "http://127.0.0.1:1/x"\n'
    )
    cfg = load_config(p)
    assert cfg.db == p.parent / "data" / "l.db"  # relative to the file's folder
    assert cfg.archive == Path("/srv/warc") and cfg.contact == "me@example.org"
    assert cfg.sources == ["hk_gov_press", "xinhua"] and cfg.digest_dir == p.parent / "dg"
    assert cfg.scrapy_overrides() == {
        "DOWNLOAD_DELAY": 3.0,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
        "AUTOTHROTTLE_ENABLED": False,
    }
    assert cfg.scrapy_overrides(replay=True) == {}
    monkeypatch.setenv("LONGARM_DB", "/tmp/env.db")
    monkeypatch.setenv("LONGARM_DIGEST_DIR", "/tmp/dg")
    monkeypatch.setenv("LONGARM_SOURCES", "mfa, tao")
    monkeypatch.setenv("LONGARM_DOWNLOAD_DELAY", "2.5")
    cfg = load_config(p)
    assert cfg.db == Path("/tmp/env.db") and cfg.digest_dir == Path("/tmp/dg") and cfg.sources == ["mfa", "tao"]
    assert cfg.politeness.download_delay == 2.5 and cfg.origins["db"] == "$LONGARM_DB"
    monkeypatch.setenv("LONGARM_CONFIG", str(p))
    assert load_config().path == p


def test_mistakes_are_named(tmp_path: Path) -> None:
    p = tmp_path / "longarm.toml"
    p.write_text(
        'contcat = "me@x.org"\nsources = ["hk_gov_press", "xinhau"]\n[politeness]\ndownload_delay = "1"\n'
        'concurrency_per_domain = 4\n[digest.email]\nsmtp_host = "localhost"\nfrom = "nobody"\n'
        'to = ["a@example.org"]\npassword = "x"\n[digest.webhok]\nurl = "x"\n'
    )
    problems = [str(x) for x in check_config(p)]
    text = "\n".join(problems)
    assert "contcat: unknown key (did you mean 'contact'?)" in text
    assert "unknown source id 'xinhau' (did you mean 'xinhua'?)" in text
    assert "[politeness] download_delay: should be a number, not string '1'" in text
    assert "warning" in text and "concurrency_per_domain: 4 requests" in text
    assert "'nobody' is not an email address" in text
    assert "[digest.email] password: the SMTP password is read from $LONGARM_SMTP_PASSWORD" in text
    assert "[digest.webhok]: unknown section (did you mean 'webhook'?)" in text
    with pytest.raises(ConfigError) as ei:
        load_config(p)
    assert "contcat" in str(ei.value)
    with pytest.raises(ConfigError):
        load_config(tmp_path / "nope.toml")


def test_cli_check_show_and_example(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[politeness]\nconcurency_per_domain = 1\n")
    res = call_cli("config", "--check", str(bad))
    assert res.returncode == 2 and "did you mean 'concurrency_per_domain'" in res.stdout
    res = call_cli("config", "--check", str(REPO / "longarm.toml.example"))
    assert res.returncode == 0, res.stdout + res.stderr
    shutil.copy(REPO / "longarm.toml.example", tmp_path / "longarm.toml")
    res = call_cli("config", "--show", cwd=tmp_path, env={"LONGARM_ARCHIVE": "/data/warc"})
    assert res.returncode == 0, res.stderr
    assert 'archive = "/data/warc"  # $LONGARM_ARCHIVE' in res.stdout
    res = run_cli("crawl", "--config", str(bad), "--db", str(tmp_path / "x.db"))
    assert res.returncode == 2 and "concurency_per_domain" in res.stderr


def test_example_documents_only_real_keys(tmp_path: Path) -> None:
    """Uncomment every `# key = value` / `# [section]` line of the example: it must still validate."""
    import re

    lines = []
    for line in (REPO / "longarm.toml.example").read_text().splitlines():
        m = re.match(r"^# ((\[[\w.]+\])|(\w+ = .*))$", line)
        lines.append(m.group(1) if m else line)
    p = tmp_path / "full.toml"
    p.write_text("\n".join(lines).replace("starttls = true", "starttls = false", 1))
    errors = [str(x) for x in check_config(p) if x.level == "error"]
    assert errors == []
    cfg = load_config(p)
    assert cfg.email is not None and cfg.email.ssl is False and cfg.webhook is not None
    assert cfg.sources and cfg.log_file == tmp_path / "logs" / "longarm.log"


@pytest.mark.parametrize(
    "line,words",
    [
        ("download_delay = nan", "download_delay: nan is not a finite number"),
        ("download_timeout = inf", "download_timeout: inf is not a finite number"),
        ("download_timeout = -inf", "download_timeout: -inf is not a finite number"),
        ("retry_backoff = nan", "retry_backoff: nan is not a finite number: give a number from 0 to 300"),
        ("download_delay = -1", "download_delay: -1.0 is below the minimum 0"),
        ("autothrottle_max_delay = -5.5", "autothrottle_max_delay: -5.5 is below the minimum 0"),
    ],
)
def test_durations_must_be_finite_and_not_negative(tmp_path: Path, line: str, words: str) -> None:
    p = tmp_path / "longarm.toml"
    p.write_text(f'contact = "me@example.org"\n[politeness]\n{line}\n')
    errors = [str(x) for x in check_config(p) if x.level == "error"]
    assert len(errors) == 1 and words in errors[0], errors
    with pytest.raises(ConfigError):
        load_config(p)  # never handed to Scrapy


@pytest.mark.parametrize("value", ["nan", "inf", "-1"])
def test_durations_from_the_environment_too(tmp_path: Path, value: str) -> None:
    errors = [
        str(x)
        for x in check_config(tmp_path / "none.toml", env={"LONGARM_DOWNLOAD_TIMEOUT": value})
        if "$LONGARM_DOWNLOAD_TIMEOUT" in str(x)
    ]
    assert errors and errors[0].startswith("error:")


@pytest.mark.parametrize(
    "text,where,words",
    [
        ("politeness = 5\n", "politeness", "should be a table (a [politeness] section with its keys), not integer 5"),
        ('digest = "weekly"\n', "digest", "should be a table (a [digest] section with its keys), not string 'weekly'"),
        ("[digest]\nemail = true\n", "[digest] email", "should be a table (a [digest.email] section"),
    ],
)
def test_a_section_given_a_value_is_a_wrong_type_not_an_unknown_key(
    tmp_path: Path, text: str, where: str, words: str
) -> None:
    p = tmp_path / "longarm.toml"
    p.write_text('contact = "me@example.org"\n' + text)
    problems = [str(x) for x in check_config(p)]
    assert any(f"{where}: {words}" in x for x in problems), problems
    assert not any("unknown key" in x for x in problems)


def _email(tmp_path: Path, extra: str) -> Path:
    p = tmp_path / "longarm.toml"
    p.write_text(
        'contact = "me@example.org"\n[digest.email]\nsmtp_host = "mail.example.org"\n'
        'from = "longarm@example.org"\nto = ["a@example.org"]\nuser = "longarm"\n' + extra
    )
    return p


def test_smtp_credentials_without_tls_are_warned_about(tmp_path: Path) -> None:
    env = {"LONGARM_SMTP_PASSWORD": "s3cret-planted"}
    plain = [str(x) for x in check_config(_email(tmp_path, "starttls = false\n"), env=env)]
    assert any(x.startswith("warning:") and "SMTP credentials without TLS" in x for x in plain), plain
    assert not any("s3cret-planted" in x for x in plain)
    for tls in ("starttls = true\n", "starttls = false\nssl = true\n", ""):
        problems = [str(x) for x in check_config(_email(tmp_path, tls), env=env)]
        assert not any("without TLS" in x for x in problems), (tls, problems)
    res = call_cli("config", "--check", str(_email(tmp_path, "starttls = false\n")), env=env)
    assert res.returncode == 0 and "SMTP credentials without TLS" in res.stdout + res.stderr
    assert "s3cret-planted" not in res.stdout + res.stderr
