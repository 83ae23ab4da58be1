"""benchmarks/real_corpus.py: the real-text corpus of bench_analyze (addresses, page parser, mixing)."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FILES = REPO / "tests" / "files"
SHARED_REAL = REPO.parent / "shared" / "corpus" / "real"


def _module():
    spec = importlib.util.spec_from_file_location("bench_real_corpus", REPO / "benchmarks" / "real_corpus.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up while the class is built
    spec.loader.exec_module(mod)
    return mod


rc = _module()

PROVENANCE = """# Provenance
| file | bytes | repository | path in repository | commit | original address | captured / notes |
|---|---|---|---|---|---|---|
| hk_gov_press/P2023070300811.htm | 1 | o/r | p | c | https://www.info.gov.hk/gia/general/202307/03/P2023070300811.htm | committed |
| hk_gov_press/P2023070300795.htm | 1 | o/r | p | c | (URL not recorded in repo; article id P2023070300795) | x |
| hk_gov_press/headers.txt | 1 | o/r | p | c | see URL line in each block | x |
"""


@pytest.fixture()
def real_dir(tmp_path: Path) -> Path:
    """A corpus folder shaped like ../shared/corpus/real, built from the repo's own fixture pages."""
    root = tmp_path / "real"
    (root / "hk_gov_press").mkdir(parents=True)
    for name in ("P2023070300811.htm", "P2023070300795.htm"):
        shutil.copy(FILES / "hk_gov_press" / name, root / "hk_gov_press" / name)
    (root / "hk_gov_press" / "headers.txt").write_text("HTTP/1.1 200 OK\nDate: x\n", encoding="utf-8")
    (root / "PROVENANCE.md").write_text(PROVENANCE, encoding="utf-8")
    return root


def test_addresses_from_provenance_and_pages_toml(real_dir: Path, tmp_path: Path) -> None:
    urls = rc.page_addresses(real_dir, tmp_path / "absent.toml")
    assert urls == {
        "hk_gov_press/P2023070300811.htm": "https://www.info.gov.hk/gia/general/202307/03/P2023070300811.htm"
    }
    toml = tmp_path / "pages.toml"
    toml.write_text(
        '[[article]]\nfile = "hk_gov_press/P2023070300811.htm"\nurl = "https://www.info.gov.hk/x.htm"\n',
        encoding="utf-8",
    )
    assert rc.page_addresses(real_dir, toml)["hk_gov_press/P2023070300811.htm"] == "https://www.info.gov.hk/x.htm"


def test_pages_through_the_page_parser(real_dir: Path, tmp_path: Path) -> None:
    from longarm.spiders.extraction import extract_document
    from longarm.spiders.registry import get_registry

    corpus = rc.load_pages(real_dir, tmp_path / "absent.toml")
    assert [d.origin for d in corpus.docs] == [
        "page:hk_gov_press/P2023070300795.htm",
        "page:hk_gov_press/P2023070300811.htm",
    ]
    assert corpus.skipped == [("hk_gov_press/headers.txt", "not a saved page")]
    src = get_registry()["hk_gov_press"]
    url = "https://www.info.gov.hk/gia/general/202307/03/P2023070300811.htm"
    want = extract_document(
        (real_dir / "hk_gov_press" / "P2023070300811.htm").read_bytes(), url, src, lang_hint=src.match_article(url).lang
    )
    page = corpus.docs[1]
    assert (page.text, page.lang) == (want["text"], want["lang"])
    assert page.publisher == {"name": src.name, "kind": src.kind}
    # no recorded address: the folder's host (from its other files) chooses the source
    assert corpus.docs[0].publisher == page.publisher and corpus.docs[0].text.strip()


def test_statements_mixed_in(real_dir: Path, tmp_path: Path) -> None:
    stm = tmp_path / "statements.jsonl"
    stm.write_text(
        "".join(f'{{"id": "s{i}", "lang": "en", "text": "Statement {i}."}}\n' for i in range(5)), encoding="utf-8"
    )
    corpus = rc.load_real_corpus(real_dir, stm, tmp_path / "absent.toml")
    origins = [d.origin for d in corpus.docs]
    assert len(corpus.pages) == 2 and len(corpus.statements) == 5
    assert origins[0].startswith("page:") and origins[1] == "statements:s0"  # mixed, not appended
    assert sorted(origins) == sorted(set(origins))


def test_absent_corpus_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no real-page corpus at"):
        rc.load_real_corpus(tmp_path / "nowhere")


@pytest.mark.slow  # a pass over the whole real corpus
@pytest.mark.skipif(not SHARED_REAL.is_dir(), reason="../shared/corpus/real absent")
def test_shared_corpus_gives_most_pages() -> None:
    corpus = rc.load_pages(SHARED_REAL)
    assert len(corpus.pages) >= 80
    assert all(d.text.strip() and d.lang in ("en", "zh-Hant", "zh-Hans") for d in corpus.pages)
    assert any(what.endswith("_response_headers.txt") for what, _ in corpus.skipped)
