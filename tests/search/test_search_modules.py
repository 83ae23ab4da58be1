"""db/search.py split by concept (issue 12): the index fold is unchanged, the old names still import,
and the search modules import one way."""

from __future__ import annotations

import ast
import hashlib
import json
from pathlib import Path

import pytest

from longarm.db import highlight, index, query, search_text
from longarm.db import search as S
from longarm.nlp import normalize

ROOT = Path(__file__).resolve().parents[2]

# Every public name of db/search.py before the split (1,412 lines, commit 496cbc0).
OLD_PUBLIC_NAMES = (
    "NORMALISER_VERSION",
    "TOKENIZE",
    "DATA_DIR",
    "SYNONYMS_FILE",
    "MAX_QUERY_CHARS",
    "MAX_TERMS",
    "THREAT_COLUMNS",
    "THREAT_WEIGHTS",
    "DOCUMENT_COLUMNS",
    "DOCUMENT_WEIGHTS",
    "QueryError",
    "HAN_RUN",
    "IS_HAN",
    "LATIN_WORD",
    "normaliser_id",
    "fold",
    "to_simplified",
    "index_text",
    "stem",
    "Alternative",
    "Term",
    "Query",
    "load_synonyms",
    "parse_query",
    "match_spans",
    "mark",
    "window",
    "snippet",
    "threat_facets",
    "document_facets",
    "index_status",
    "rebuild_index",
    "index_new",
    "index_threats",
    "index_documents",
    "ensure_index",
    "RANK_WINDOW",
    "check_date",
    "Filters",
    "Results",
    "search_threats",
    "search_documents",
    "newest_threats",
    "window_of",
    "snippet_fit",
)


def _fold_table_as_before_the_split() -> dict[int, str]:
    """The search fold exactly as db/search.py built it before it used longarm.nlp.normalize (its own file reader)."""
    import opencc

    d = Path(opencc.__file__).resolve().parent / "dictionary"
    mapping: dict[str, str] = {}
    for name in ("HKVariantsRev.txt", "TWVariantsRev.txt", "TSCharacters.txt"):
        for line in (d / name).read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 2 and parts[0] and parts[1]:
                k, v = parts[0], parts[1].split(" ")[0]
                if len(k) == 1 and len(v) == 1 and k != v:
                    mapping.setdefault(k, v)
    table: dict[int, str] = {}
    for k, v in mapping.items():
        seen = {k}
        while v in mapping and v not in seen:
            seen.add(v)
            v = mapping[v]
        if v != k:
            table[ord(k)] = v
    for cp in range(0xFF01, 0xFF5F):
        table[cp] = chr(cp - 0xFEE0)
    table[0x3000] = " "
    return table


def _sample() -> str:
    """Every CJK ideograph of the BMP (basic, extension A, compatibility), part of extension B,
    full-width forms, CJK punctuation and Latin-1 text."""
    ranges = [
        (0x3000, 0x303F),
        (0x3400, 0x4DBF),
        (0x4E00, 0x9FFF),
        (0xF900, 0xFAFF),
        (0xFF00, 0xFFEF),
        (0x20000, 0x20FFF),
        (0x20, 0x7E),
        (0xA0, 0xFF),
    ]
    return "".join(chr(c) for a, b in ranges for c in range(a, b + 1))


def test_index_fold_is_the_one_from_before_the_split() -> None:
    reference = _fold_table_as_before_the_split()
    text = _sample() + "警方懸紅通緝羅冠聰 Nathan Law ＩＮＴＥＲＰＯＬ 綫上 裏面 衞生"
    assert S.fold(text) == text.translate(reference)
    assert len(S.fold(text)) == len(text)
    assert normalize.script_fold_table() == reference
    # the index records this id: an unchanged id means an index built before the split stays valid
    h = hashlib.sha256(json.dumps(sorted(reference.items())).encode()).hexdigest()[:12]
    assert S.normaliser_id() == f"{S.NORMALISER_VERSION}-{h}"


@pytest.mark.parametrize("name", OLD_PUBLIC_NAMES)
def test_old_names_still_come_from_db_search(name: str) -> None:
    assert hasattr(S, name)
    assert name in S.__all__


def test_reexports_are_the_same_objects() -> None:
    assert S.parse_query is query.parse_query and S.QueryError is query.QueryError
    assert S.match_spans is highlight.match_spans and S.snippet_fit is highlight.snippet_fit
    assert S.rebuild_index is index.rebuild_index and S.index_new is index.index_new
    assert S.fold is search_text.fold and S.to_simplified is normalize.to_simplified


def _db_imports(module: str) -> set[str]:
    tree = ast.parse((ROOT / "db" / f"{module}.py").read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("longarm.db."):
            out.add(node.module.removeprefix("longarm.db."))
    return out


def test_search_modules_import_one_way() -> None:
    """text <- query <- highlight; text <- index; search on top (store only for utcnow)."""
    assert _db_imports("search_text") == set()
    assert _db_imports("query") == {"search_text"}
    assert _db_imports("highlight") == {"query", "search_text"}
    assert _db_imports("index") <= {"search_text", "store"}
    assert _db_imports("search") == {"search_text", "query", "highlight", "index"}
