"""The article model: title, sections, paragraphs with stable ids, kinds, sentences."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mudu_tui.model.article import (
    Article,
    Paragraph,
    Section,
    back_matter_kind,
    opening_name,
    parse_article,
)

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def article():
    # The bundled pack names its opening (sections: opening: 導語).
    return parse_article((ROOT / "content" / "article.md").read_text("utf-8"), opening="導語")


def test_title(article) -> None:
    assert article.title == "爭做「模都」，中國城市有多拼？"


def test_sections(article) -> None:
    assert [(s.id, s.title) for s in article.sections] == [
        ("s0", "導語"),
        ("s1", "爭做「模都」，中國城市有多拼？"),
        ("s2", "成為「模都」的不同路徑"),
        ("s3", "挑戰與機遇并存"),
        ("s4", "參考資料："),
        # The seed's keywords line is empty: the heading stands, with no paragraphs.
        ("s5", "關鍵詞："),
    ]
    with_text = [s.id for s in article.sections if s.paragraphs]
    assert with_text == ["s0", "s1", "s2", "s3", "s4"]
    assert article.sections[5].paragraphs == []


def test_paragraph_ids_are_p1_to_pn_in_document_order(article) -> None:
    ids = [p.id for p in article.paragraphs]
    assert ids == [f"p{n}" for n in range(1, len(ids) + 1)]
    # Every paragraph is in exactly one section, in order, and points back at it.
    in_sections = [pid for s in article.sections for pid in s.paragraphs]
    assert in_sections == ids
    for section in article.sections:
        for pid in section.paragraphs:
            assert article.paragraph(pid).section == section.id
    assert [article.position(pid) for pid in ids] == list(range(len(ids)))


def test_paragraph_ids_are_stable(article) -> None:
    # Headings take no id: these anchors are what saved state and exports refer to.
    assert article.paragraph("p1").text.startswith("8月11日上午")
    assert article.paragraph("p2").text.startswith("據當地媒體報道")
    assert article.paragraph("p4").text.startswith("而在4天后")
    assert article.paragraph("p6").text.startswith("打開政府門戶網站")
    assert article.sections[1].paragraphs[0] == "p6"
    assert len(article.paragraphs) == 51
    again = parse_article((ROOT / "content" / "article.md").read_text("utf-8"))
    assert [(p.id, p.text) for p in again.paragraphs] == [(p.id, p.text) for p in article.paragraphs]


def test_paragraph_kinds(article) -> None:
    photos = [p for p in article.paragraphs if p.kind == "photo"]
    assert [(p.id, p.text, p.section) for p in photos] == [("p3", "(資料圖)", "s0")]
    references = [p.text for p in article.paragraphs if p.kind == "reference"]
    assert references == [
        "城市進化論：“模都”之戰打響，又一個城市洗牌機會？",
        "城市進化論：風口競逐，誰能晉級AI之城",
    ]
    texts = [p for p in article.paragraphs if p.kind == "text"]
    assert len(texts) == len(article.paragraphs) - 3
    # No Markdown marker leaks into the text.
    assert not any(re.match(r"[#*-] ", p.text) or p.text.startswith("*") for p in article.paragraphs)


def test_sentence_at(article) -> None:
    pid = next(p.id for p in article.paragraphs if "其余三個平臺" in p.text)
    text = article.paragraph(pid).text
    at = text.index("騰訊")
    assert article.sentence_at(pid, at, at + 2) == (
        "其余三個平臺是百度、阿里云、騰訊，分別承擔建設自動駕駛、城市大腦、醫療影像平臺的功能。"
    )
    at = text.index("科大訊飛")
    first = article.sentence_at(pid, at, at + 4)
    assert first.startswith("而在一個多月前的2017年11月17日") and first.endswith("的功能。")
    assert "其余" not in first
    # A one-sentence paragraph is its own sentence.
    p2 = article.paragraph("p2").text
    assert article.sentence_at("p2", 0, 2) == p2


def test_parse_small_article() -> None:
    md = (
        "\ufeff# 標題\r\n\r\n開頭第一行\r\n第二行。\r\n\r\n*(資料圖)*\r\n\r\n"
        "## 第一節\n\nHello\nworld。\n\n## 參考資料：\n\n- 甲：一\n- 乙：二\n\n## 關鍵詞：\n\n模都\n"
    )
    article = parse_article(md.lstrip("\ufeff"))
    assert article.title == "標題"
    assert [(s.id, s.title, s.paragraphs) for s in article.sections] == [
        ("s0", "開頭第一行第二行", ["p1", "p2"]),  # an unnamed opening: its first words
        ("s1", "第一節", ["p3"]),
        ("s2", "參考資料：", ["p4", "p5"]),
        ("s3", "關鍵詞：", ["p6"]),
    ]
    assert [(p.text, p.kind) for p in article.paragraphs] == [
        ("開頭第一行第二行。", "text"),  # Chinese lines join without a space
        ("(資料圖)", "photo"),
        ("Hello world。", "text"),  # Latin lines join with one
        ("甲：一", "reference"),
        ("乙：二", "reference"),
        ("模都", "keywords"),
    ]


def test_article_without_an_opening_starts_at_s1() -> None:
    article = parse_article("# T\n\n## A\n\n甲。\n\n## B\n\n乙。\n")
    assert [s.id for s in article.sections] == ["s1", "s2"]
    assert [p.id for p in article.paragraphs] == ["p1", "p2"]


def test_an_unnamed_opening_is_named_by_its_first_clause() -> None:
    assert opening_name("今年夏天，很多城市都在做同一件事。") == "今年夏天"
    assert opening_name("一二三四五六七八九十。") == "一二三四五六七八…"
    article = parse_article("# T\n\n大湾区的故事，从这里开始。\n\n## A\n\n甲。\n")
    assert article.sections[0].title == "大湾区的故事"


def test_deeper_headings_are_sections_not_paragraph_text() -> None:
    article = parse_article("# T\n\n## 一\n\n甲。\n\n### 一之一\n\n乙。\n\n#### 更深\n\n丙。\n")
    assert [(s.title, s.level, s.paragraphs) for s in article.sections] == [
        ("一", 2, ["p1"]),
        ("一之一", 3, ["p2"]),
        ("更深", 4, ["p3"]),
    ]
    assert all(not p.text.startswith("#") for p in article.paragraphs)


@pytest.mark.parametrize(
    "heading,kind",
    [("参考资料", "reference"), ("參考文獻", "reference"), ("关键词：", "keywords"), ("延伸閱讀", "text")],
)
def test_back_matter_is_recognised_in_both_scripts(heading: str, kind: str) -> None:
    article = parse_article(f"# T\n\n甲。\n\n## {heading}\n\n乙\n")
    assert article.paragraphs[-1].kind == kind


def test_back_matter_the_pack_declares() -> None:
    md = "# T\n\n甲。\n\n## 延伸閱讀\n\n乙\n\n## 標籤\n\n丙\n"
    article = parse_article(md, back_matter={"延伸閱讀": "reference", "標籤": "keywords"})
    assert [p.kind for p in article.paragraphs] == ["text", "reference", "keywords"]


def _joined(lines: list[str]) -> str:
    text = ""
    for line in (line.strip() for line in lines):
        text += " " if text and line and (text[-1].isascii() or line[0].isascii()) else ""
        text += line
    return text


def parse_block_by_block(markdown: str, back_matter: dict[str, str]) -> Article:
    """The pack Markdown read one block at a time, each looked at in full: what parse_article,
    which adds runs of one-line paragraphs at once, must give."""
    title, sections, paragraphs, kind = "", [Section("s0", "")], [], "text"
    for block in re.split(r"\n\s*\n", markdown.replace("\r\n", "\n").strip("\n")):
        block = block.strip()
        heading = re.match(r"^(#{2,6})\s+(.*)$", block, re.S)
        if block.startswith("# ") and not title:
            title = block[2:].strip()
        elif heading:
            name = _joined(heading.group(2).split("\n"))
            sections.append(Section(f"s{len(sections)}", name, level=len(heading.group(1))))
            kind = back_matter_kind(name, back_matter)
        elif block:
            lines = block.split("\n")
            listed = block.startswith("- ")
            for item in [x[2:].strip() for x in lines if x.startswith("- ")] if listed else [_joined(lines)]:
                photo = re.match(r"^\*(\(.*\))\*$", item)
                paragraph = Paragraph(
                    f"p{len(paragraphs) + 1}",
                    sections[-1].id,
                    *((photo.group(1), "photo") if photo else (item, kind)),
                )
                paragraphs.append(paragraph)
                sections[-1].paragraphs.append(paragraph.id)
    if not sections[0].paragraphs:
        sections.pop(0)
    else:
        sections[0].title = opening_name(paragraphs[0].text)
    return Article(title or (sections[0].title if sections else ""), sections, paragraphs)


#: Blocks of every kind the format has, and near misses (``#x``, ``-x``, ``*x``).
block_st = st.one_of(
    st.sampled_from(["# 標題", "## 一", "### 參考資料", "#### 關鍵詞", "## 標籤", "#x", "-x", "*x"]),
    st.sampled_from(["- 甲\n- 乙", "- 丙", "甲\n乙", "a\nb", " 丁 ", "*(圖)*", "*(圖)*\n戊", "- 己\n庚"]),
    st.text("甲乙a1 ", min_size=1, max_size=6),
)


@settings(max_examples=300)
@given(st.lists(block_st, max_size=12), st.sampled_from(["\n\n", "\r\n\r\n", "\n \n", "\n\n\n"]))
def test_runs_of_paragraphs_parse_as_block_by_block(blocks: list[str], gap: str) -> None:
    markdown = gap.join(blocks)
    declared = {"標籤": "keywords"}
    got, want = parse_article(markdown, back_matter=declared), parse_block_by_block(markdown, declared)
    assert got.title == want.title and got.paragraphs == want.paragraphs
    assert [(s.id, s.title, s.level, s.paragraphs) for s in got.sections] == [
        (s.id, s.title, s.level, s.paragraphs) for s in want.sections
    ]
    assert [got.position(p.id) for p in got.paragraphs] == got.positions([p.id for p in got.paragraphs])
