"""SearchIndex: every query form of the search issue, on the bundled index and on small made-up
indexes, with the stated rank order exact > prefix > initials > substring > summary > fuzzy."""

from __future__ import annotations

import pytest

from mudu_tui.model.index import Entity
from mudu_tui.model.pack import Pack
from mudu_tui.model.script import Variant
from mudu_tui.model.search import RANK_NAMES, SearchIndex, fold, reading


@pytest.fixture(scope="module")
def index(bundled_pack: Pack) -> SearchIndex:
    built = SearchIndex(bundled_pack.entities.values())
    built.build()
    return built


def entity(id: str, name: str, *, en: str = "-", summary: str = "無", pinyin: str | None = None) -> Entity:
    return Entity(id=id, kind="companies", name=name, aliases=(), en=en, summary=summary, pinyin=pinyin)


# (query, expected first entity, its rank name)
CASES = [
    # Chinese, either script
    ("合肥", "hefei", "exact"),
    ("騰訊", "tencent", "exact"),
    ("腾讯", "tencent", "exact"),  # Simplified query, Traditional name
    ("长鑫存储", "cxmt", "exact"),
    ("阿里", "alibaba", "exact"),  # an alias
    ("長鑫", "cxmt", "prefix"),
    ("讯飞", "iflytek", "substring"),
    ("訊飛", "iflytek", "substring"),
    # full pinyin, with or without spaces and tones
    ("hefei", "hefei", "exact"),
    ("he fei", "hefei", "exact"),
    ("héféi", "hefei", "exact"),
    ("Hé Féi", "hefei", "exact"),
    ("tengxun", "tencent", "exact"),
    ("hef", "hefei", "prefix"),
    ("changxin", "cxmt", "prefix"),
    # initials
    ("hf", "hefei", "initials"),
    ("kdxf", "iflytek", "initials"),
    ("tx", "tencent", "initials"),
    ("cxcc", "cxmt", "initials"),
    # English, any case
    ("Tencent", "tencent", "exact"),
    ("TENCENT", "tencent", "exact"),
    ("iflytek", "iflytek", "exact"),
    ("IFLYTEK", "iflytek", "exact"),
    ("iFlytek", "iflytek", "exact"),
    ("Hefei", "hefei", "exact"),
    ("memory", "cxmt", "prefix"),  # a whole word of the English name
    # words of the summary
    ("DRAM", "cxmt", "summary"),
    # fuzzy
    ("tencnt", "tencent", "fuzzy"),
]


@pytest.mark.parametrize(("query", "expected", "rank"), CASES, ids=[c[0] for c in CASES])
def test_first_result(index: SearchIndex, query: str, expected: str, rank: str) -> None:
    hits = index.search(query)
    assert hits, f"{query!r} found nothing"
    assert (hits[0].entity, hits[0].rank_name) == (expected, rank)


@pytest.mark.parametrize("query", ["qqqqzz", "", "   ", "ʼ"])
def test_no_match(index: SearchIndex, query: str) -> None:
    assert index.search(query) == []


def test_results_are_sorted_by_rank(index: SearchIndex) -> None:
    for query in ("he", "合肥", "shen", "ali", "聲谷", "xun"):
        ranks = [h.rank for h in index.search(query)]
        assert ranks == sorted(ranks), query


def test_rank_order_across_every_tier() -> None:
    """One query, one entity per tier, given in the reverse order: results come back by tier."""
    entities = [
        entity("exact", "甲", en="KDXF"),
        entity("prefix", "乙", en="KDXF Labs"),
        entity("initials", "科大訊飛", en="Voice"),  # pinyin ke da xun fei from pypinyin
        entity("substring", "丙", en="Big KDXFs"),  # a word's start, not a whole word
        entity("summary", "丁", en="Other", summary="與KDXF合作的公司"),
        entity("fuzzy", "戊", en="KaDeXaF"),
        entity("unrelated", "己", en="Nothing"),
    ]
    index = SearchIndex(list(reversed(entities)))
    index.build()
    hits = index.search("kdxf")
    assert [h.entity for h in hits] == [e.id for e in entities[:-1]]
    assert [h.rank_name for h in hits] == list(RANK_NAMES)
    assert [h.rank for h in hits] == sorted(h.rank for h in hits)


def test_english_matches_at_word_starts_only(index: SearchIndex) -> None:
    """`ai` is the word AI, not the letters inside Shanghai, Haikou or Baidu."""
    hits = index.search("AI")
    assert hits
    ids = [h.entity for h in hits]
    for inside in ("shanghai", "haikou", "baidu"):
        assert inside not in ids, inside
    import re

    assert re.search(r"(?<![a-z0-9])ai(?![a-z0-9])", index_en(index, hits[0].entity).lower())


def index_en(index: SearchIndex, entity_id: str) -> str:
    return next(k.entity.en for k in index._keys if k.entity.id == entity_id)


def test_summary_words_match_at_word_starts() -> None:
    entities = [entity("a", "甲", summary="Works with LLM vendors"), entity("b", "乙", summary="TheLLMs")]
    index = SearchIndex(entities)
    index.build()
    assert [h.entity for h in index.search("llm")] == ["a"]


def test_whole_english_word_before_partial_pinyin() -> None:
    """A pinyin syllable that starts a longer name (艾 of 艾媒咨詢) ranks below the whole word."""
    entities = [entity("aimei", "艾媒咨詢", en="iiMedia"), entity("lab", "實驗室", en="Shanghai AI Lab")]
    index = SearchIndex(entities)
    index.build()
    assert [h.entity for h in index.search("ai")][:2] == ["lab", "aimei"]


def test_text_hits_give_context_in_the_shown_variant(bundled_pack: Pack) -> None:
    from mudu_tui.model.reading import VariantText
    from mudu_tui.model.search import text_hits

    text = VariantText(bundled_pack)
    hits, total = text_hits(text, "simplified", "合肥", limit=3)
    assert total >= len(hits) == 3
    for hit in hits:
        shown, _ = text.paragraph("simplified", hit.paragraph)
        assert shown[hit.start : hit.end] == "合肥"
        assert hit.context[hit.span[0] : hit.span[1]] == "合肥"
    assert [h.number for h in hits] == [0, 1, 2]
    assert text_hits(text, "original", "  ") == ([], 0)


def test_shorter_name_wins_within_a_tier(index: SearchIndex) -> None:
    ids = [h.entity for h in index.search("深圳")]
    assert ids[:2] == ["shenzhen", "shenzhen_international"]  # exact, then prefix


def test_polyphones_keep_every_reading() -> None:
    """Pinyin comes from the Simplified form and keeps both readings of 长 (chang, zhang);
    重慶 reads chongqing (pypinyin's phrase dictionary), not zhongqing."""
    index = SearchIndex([entity("cx", "長鑫存儲"), entity("cq", "重慶"), entity("yy", "語音")])
    index.build()
    assert [(h.entity, h.rank_name) for h in index.search("changxin")] == [("cx", "prefix")]
    assert [(h.entity, h.rank_name) for h in index.search("zhangxin")] == [("cx", "prefix")]
    assert [(h.entity, h.rank_name) for h in index.search("cxcc")] == [("cx", "initials")]
    assert [(h.entity, h.rank_name) for h in index.search("chongqing")] == [("cq", "exact")]
    assert [(h.entity, h.rank_name) for h in index.search("cq")] == [("cq", "initials")]
    # Initials keep y and w (pypinyin's strict initials would drop them).
    assert [(h.entity, h.rank_name) for h in index.search("yy")] == [("yy", "initials")]


def test_bundled_polyphone_changxin(index: SearchIndex) -> None:
    for query in ("changxin", "chang xin cun chu", "cháng xīn", "cxcc", "長鑫存儲"):
        assert index.search(query)[0].entity == "cxmt", query


def test_bundled_readings_that_override_pypinyin_carry_their_tones(bundled_pack: Pack) -> None:
    """Where the index settles a reading (長鑫 is cháng, not zhǎng), the details pane shows
    the index's: it must be as tone-marked as pypinyin's would have been."""
    tone_marks = set("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ")
    overriding = [
        e
        for e in bundled_pack.entities.values()
        if e.pinyin and fold(e.pinyin) != fold(reading(e.forms.get("simplified") or e.name))
    ]
    assert {e.id for e in overriding} >= {"cxmt", "qihoo360"}
    for e in overriding:
        assert all(tone_marks & set(syllable) for syllable in e.pinyin.split()), (e.id, e.pinyin)


def test_index_pinyin_is_honoured() -> None:
    """A `pinyin` given in the index wins over pypinyin's reading."""
    index = SearchIndex([entity("odd", "行", pinyin="hang")])
    index.build()
    assert [h.entity for h in index.search("hang")] == ["odd"]
    assert index.search("xing") == []


def test_a_partly_built_index_finds_what_is_built(bundled_pack: Pack) -> None:
    """Built a chunk at a time (in the background), the index finds the entities built so
    far and nothing else, ranked as an index of only those would."""
    entities = list(bundled_pack.entities.values())
    index = SearchIndex(entities, chunk=16)
    assert (index.built, index.complete) == (0, False)
    assert index.search("合肥") == []
    index.build(20)  # whole chunks: two
    part = index.built
    assert part == 32 < len(entities)
    alone = SearchIndex(entities[:part])
    alone.build()
    for query in ("h", "he", "合肥", "腾讯", "iflytek", "kdxf", "tencnet"):
        assert index.search(query) == alone.search(query), query
    assert index.build() and index.complete and index.built == len(entities)


def test_span_marks_the_matched_characters(index: SearchIndex) -> None:
    hit = index.search("讯飞")[0]
    assert hit.text[hit.span[0] : hit.span[1]] == "訊飛"
    hit = index.search("Hefei")[0]
    assert hit.span == (0, len(hit.text))


def test_fold() -> None:
    assert fold("Hé Féi") == "hefei"
    assert fold("騰訊") == "腾讯"
    assert fold("lǜ") == "lv"  # a tone-marked ü is v too, as pypinyin writes it
    assert fold("lü") == "lv"


def test_tone_marked_u_umlaut_finds_the_name() -> None:
    index = SearchIndex([entity("lv", "綠色"), entity("nv", "女子")])
    index.build()
    for query, expected in (("lǜsè", "lv"), ("lüse", "lv"), ("lvse", "lv"), ("nǚzǐ", "nv")):
        assert [h.entity for h in index.search(query)][:1] == [expected], query


@pytest.mark.parametrize(
    ("query", "expected"),
    [("tencnet", "tencent"), ("iflytec", "iflytek"), ("hefeu", "hefei"), ("shanghia", "shanghai")],
)
def test_one_typo_still_finds_the_entity(query: str, expected: str) -> None:
    from mudu_tui.model.pack import load_pack

    pack = load_pack()
    index = SearchIndex(pack.entities.values())
    index.build()
    hits = index.search(query)
    assert hits and hits[0].entity == expected and hits[0].rank_name == "fuzzy"


def test_two_typos_find_nothing_far_away() -> None:
    index = SearchIndex([entity("cx", "長鑫存儲"), entity("cq", "重慶")])
    index.build()
    assert [h.entity for h in index.search("changxin")] == ["cx"]
    assert index.search("qqqqzz") == []


def test_weights_order_hits_within_a_tier() -> None:
    """`sh`: 上海 (11 mentions) before 山西 (1), both prefixes of their pinyin."""
    from mudu_tui.model.pack import load_pack

    pack = load_pack()
    weights = {e: len(pack.mentions_of(e)) for e in pack.entities}
    weighted = SearchIndex(pack.entities.values(), weights)
    weighted.build()
    ids = [h.entity for h in weighted.search("sh")]
    assert ids.index("shanghai") < ids.index("shanxi")
    assert [h.rank for h in weighted.search("sh")] == sorted(h.rank for h in weighted.search("sh"))


@pytest.mark.parametrize("variant", ["original", "simplified"])
def test_text_hits_list_the_first_and_count_them_all(bundled_pack: Pack, variant: Variant) -> None:
    """The first hits in reading order, as find gives them, and every one counted."""
    from mudu_tui.model.reading import VariantText
    from mudu_tui.model.search import text_hits

    text = VariantText(bundled_pack)
    for query in ("的", "合肥", "数据", "AI", "。", "qqqq"):
        every = text.find(variant, query)
        for limit in (1, 5, 50):
            assert text.find_first(variant, query, limit) == (every[:limit], len(every))
        hits, total = text_hits(text, variant, query, limit=5)
        assert total == len(every)
        assert [(h.paragraph, h.start, h.end) for h in hits] == every[:5]


def test_a_background_builder_waits_while_the_user_types_and_never_holds_up_the_ui(
    bundled_pack: Pack,
) -> None:
    """The worker's builder waits between entities while ``busy`` says the user is typing;
    a build from the UI thread (which cannot wait) makes it go on, and both finish."""
    import threading

    asked: list[bool] = []

    def busy() -> bool:
        asked.append(True)
        return len(asked) <= 3

    index = SearchIndex(bundled_pack.entities.values(), chunk=16)
    assert index.build(busy=busy) and len(asked) > 3

    typing = SearchIndex(bundled_pack.entities.values(), chunk=16)
    worker = threading.Thread(target=typing.build, kwargs={"busy": lambda: True}, daemon=True)
    worker.start()
    # The UI thread's build: the worker, told the user is always typing, stops waiting.
    ui = threading.Thread(target=typing.build, daemon=True)
    ui.start()
    for thread in (ui, worker):
        thread.join(timeout=60)  # (a guard against a hang, not a measurement)
    assert not ui.is_alive() and not worker.is_alive() and typing.complete
    assert [h.entity for h in typing.search("hefei")][:1] == ["hefei"]
