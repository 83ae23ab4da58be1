"""docs/cli.md is generated from the CLI's own --help: it must say what the code accepts."""

from __future__ import annotations

import argparse
import importlib.util
import sys

from tests.conftest import REPO

SCRIPT = REPO / "scripts" / "gen_cli_docs.py"


def _generator():
    spec = importlib.util.spec_from_file_location("gen_cli_docs", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("gen_cli_docs", module)
    spec.loader.exec_module(module)
    return module


def test_cli_reference_is_up_to_date() -> None:
    gen = _generator()
    expected = gen.render()
    current = gen.DOC.read_text(encoding="utf-8") if gen.DOC.exists() else ""
    assert current == expected, "docs/cli.md is stale: run `make docs` (scripts/gen_cli_docs.py) and commit it"


def test_cli_reference_lists_every_command_and_option() -> None:
    from longarm.cli import build_parser

    text = _generator().render()
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    for name, p in sub.choices.items():
        assert f"## longarm {name}\n" in text, name
        for action in p._actions:
            if action.help == argparse.SUPPRESS:  # hidden on purpose (e.g. nightly --today)
                continue
            for opt in action.option_strings:
                assert opt in text, (name, opt)


def test_check_mode_reports_a_stale_page(tmp_path, monkeypatch, capsys) -> None:
    gen = _generator()
    stale = tmp_path / "cli.md"
    stale.write_text("old\n", encoding="utf-8")
    monkeypatch.setattr(gen, "DOC", stale)
    monkeypatch.setattr(gen, "REPO", tmp_path)
    assert gen.main(["--check"]) == 1
    assert "run `make docs`" in capsys.readouterr().err
    assert gen.main([]) == 0
    assert gen.main(["--check"]) == 0
