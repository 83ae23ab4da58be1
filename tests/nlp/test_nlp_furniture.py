"""nlp/furniture.py: what of a stored page is furniture (never a statement), and what stays prose."""

from __future__ import annotations

import pytest

from longarm.nlp.furniture import is_furniture


@pytest.mark.parametrize(
    "line",
    [
        "date 2024-01-02 #Police #Bounty #Activists #Abroad",
        "https://news.example.org/2024/01/02/police-bounty.html",
        "12345-678-fugitives-caught-in-the-spring-campaign&goto=newpost).",
        '<div id="x1"><span id="x2"></span></div>',
        "www.example.org",
    ],
)
def test_furniture(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "Police placed bounties on five activists abroad.",
        # a caption or a sentence that carries a link is still prose
        'Five activists wanted by police, from left, <a href="https://example.org/a-b-c-d-e">Zhen Daming</a> and others',
        "The list on the commission's website (www.example.gov.cn) gives each fugitive's photo and passport number.",
        "公安机关发布悬赏通告，详见 https://example.gov.cn/notice.html",
        "the well-to-do-and-so-on activists were named by the police",
        "#1 on the list is Zhen Daming",
    ],
)
def test_prose(line: str) -> None:
    assert not is_furniture(line)
