"""Script variants: OpenCC per variant, always from the stored original; curated names; offset
maps that keep highlights on the right characters when a conversion changes length."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from mudu_tui.model.pack import Pack, load_pack
from mudu_tui.model.reading import VariantText
from mudu_tui.model.script import (
    VARIANT_LABELS,
    VARIANTS,
    OffsetMap,
    align,
    convert,
    convert_with_names,
    fold_script,
    next_variant,
)

CONVERTED = [
    ("simplified", "數據裡的臺灣裏面", "数据里的台湾里面"),
    ("traditional", "數據裡的臺灣裏面", "數據裡的臺灣裏面"),
    ("taiwan", "數據裡的臺灣裏面", "數據裡的臺灣裡面"),
    ("hongkong", "數據裡的臺灣裏面", "數據裡的台灣裏面"),
    ("original", "數據裡的臺灣裏面", "數據裡的臺灣裏面"),
    # Mixed text: stray mainland forms in a Traditional text are fixed, correct ones kept.
    ("traditional", "挑戰背后，位于名單於", "挑戰背後，位於名單於"),
    ("taiwan", "字里行間", "字裡行間"),
    ("hongkong", "字里行間的平臺", "字裏行間的平台"),
]


@pytest.mark.parametrize(("variant", "text", "expected"), CONVERTED, ids=[c[0] for c in CONVERTED])
def test_convert_per_variant(variant: str, text: str, expected: str) -> None:
    assert convert(text, variant) == expected  # type: ignore[arg-type]


def test_round_trips_are_lossy_so_nothing_converts_back() -> None:
    """裡 and 裏 both become 里: the original can only come from the stored text."""
    assert convert("裡", "simplified") == convert("裏", "simplified") == "里"
    assert convert("里", "original") == "里"


def test_variant_cycle_and_labels() -> None:
    seen = ["original"]
    for _ in VARIANTS:
        seen.append(next_variant(seen[-1]))  # type: ignore[arg-type]
    assert seen == ["original", "simplified", "traditional", "taiwan", "hongkong", "original"]
    assert [VARIANT_LABELS[v] for v in VARIANTS] == ["原文", "简体", "繁體", "臺灣正體", "香港繁體"]


def test_article_paragraphs_convert_from_the_original(bundled_pack: Pack) -> None:
    text = VariantText(bundled_pack)
    curated = {m.paragraph for m in bundled_pack.mentions if bundled_pack.entities[m.entity].forms}
    # Show every variant first, in the `v` order, then come back to the original.
    for variant in (*VARIANTS, "original"):
        for index, p in enumerate(bundled_pack.article.paragraphs):
            shown, mapping = text.paragraph(variant, index)  # type: ignore[arg-type]
            if variant == "original":
                assert shown is p.text  # the stored text itself, never a conversion back
                assert mapping.is_identity
            elif p.id not in curated and not bundled_pack.index.script.spans(p.text, variant):  # type: ignore[arg-type]
                assert shown == convert(p.text, variant)  # type: ignore[arg-type]
    simplified = "".join(
        text.paragraph("simplified", i)[0] for i in range(len(bundled_pack.article.paragraphs))
    )
    assert "数据" in simplified and "數據" not in simplified


def test_names_and_summaries_convert(bundled_pack: Pack) -> None:
    text = VariantText(bundled_pack)
    iflytek = bundled_pack.entities["iflytek"]
    assert text.name(iflytek, "simplified") == "科大讯飞"
    assert text.name(iflytek, "original") == "科大訊飛"
    assert convert(iflytek.summary, "simplified").startswith("总部位于合肥")
    assert text.name(bundled_pack.entities["tencent"], "simplified") == "腾讯"


def test_curated_forms_win_over_opencc(bundled_pack: Pack) -> None:
    """阿里云 (as the article writes it) gives its own forms: 阿里雲 in Taiwan and Hong Kong."""
    text = VariantText(bundled_pack)
    cloud = bundled_pack.entities["alibaba_cloud"]
    for variant, form in (("simplified", "阿里云"), ("taiwan", "阿里雲"), ("hongkong", "阿里雲")):
        assert text.name(cloud, variant) == form  # type: ignore[arg-type]
        for m in bundled_pack.mentions_of("alibaba_cloud"):
            shown, mapping = text.paragraph(variant, bundled_pack.article.position(m.paragraph))  # type: ignore[arg-type]
            assert shown[mapping(m.start) : mapping(m.end)] == form


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_mention_stays_on_its_characters(bundled_pack: Pack, variant: str) -> None:
    text = VariantText(bundled_pack)
    for m in bundled_pack.mentions:
        entity = bundled_pack.entities[m.entity]
        shown, mapping = text.paragraph(variant, bundled_pack.article.position(m.paragraph))  # type: ignore[arg-type]
        expected = entity.forms.get(variant) or convert(m.surface, variant)  # type: ignore[arg-type]
        assert shown[mapping(m.start) : mapping(m.end)] == expected


# --- offset maps -------------------------------------------------------------------------------


def test_same_length_is_identity() -> None:
    mapping = align("數據中心", "数据中心")
    assert mapping.is_identity
    assert [mapping(i) for i in range(5)] == [0, 1, 2, 3, 4]
    assert OffsetMap()(7) == 7


def test_align_maps_offsets_around_a_length_change() -> None:
    original, converted = "ab甲cd乙ef", "ab丙丙丙cd乙ef"
    mapping = align(original, converted)
    assert not mapping.is_identity
    assert mapping(0) == 0 and mapping(2) == 2  # before the change
    assert mapping(3) == 5  # c moved right by two
    assert converted[mapping(3) : mapping(5)] == "cd"
    assert converted[mapping(5) : mapping(6)] == "乙"
    assert mapping(len(original)) == len(converted)


def test_convert_with_a_longer_curated_form() -> None:
    """A form longer than the name it replaces shifts every later span by the difference."""
    original = "其余三個平臺是百度、阿里云、騰訊。"
    cloud = original.index("阿里云")
    names = [(cloud, cloud + 3, "阿里巴巴云计算")]
    shown, mapping = convert_with_names(original, "simplified", names)
    assert shown == "其余三个平台是百度、阿里巴巴云计算、腾讯。"
    assert shown[mapping(cloud) : mapping(cloud + 3)] == "阿里巴巴云计算"
    baidu = original.index("百度")
    assert shown[mapping(baidu) : mapping(baidu + 2)] == "百度"
    tencent = original.index("騰訊")
    assert shown[mapping(tencent) : mapping(tencent + 2)] == "腾讯"
    assert mapping(len(original)) == len(shown)


def test_convert_with_a_shorter_curated_form() -> None:
    original = "甲公司有限公司與騰訊合作"
    names = [(0, 7, "甲司")]
    shown, mapping = convert_with_names(original, "simplified", names)
    assert shown == "甲司与腾讯合作"
    tencent = original.index("騰訊")
    assert shown[mapping(tencent) : mapping(tencent + 2)] == "腾讯"
    assert shown[mapping(0) : mapping(7)] == "甲司"


def test_original_without_names_is_untouched() -> None:
    text = "數據"
    shown, mapping = convert_with_names(text, "original", [])
    assert shown is text and mapping.is_identity


def test_length_changing_form_in_a_real_pack(make_pack: Callable[..., Path]) -> None:
    """The bundled pack with a curated Simplified form longer than the name: highlights of that
    entity and of the mention after it in the same paragraph stay on their characters."""
    folder = make_pack(
        lambda t: t.replace("      simplified: 阿里云\n", "      simplified: 阿里巴巴云计算\n")
    )
    pack = load_pack(folder)
    text = VariantText(pack)
    (cloud,) = pack.mentions_of("alibaba_cloud")
    index = pack.article.position(cloud.paragraph)
    shown, mapping = text.paragraph("simplified", index)
    assert not mapping.is_identity
    assert shown[mapping(cloud.start) : mapping(cloud.end)] == "阿里巴巴云计算"
    for m in pack.mentions:
        if m.paragraph == cloud.paragraph and m.entity != "alibaba_cloud":
            assert shown[mapping(m.start) : mapping(m.end)] == convert(m.surface, "simplified")
    tencent = [m for m in pack.mentions_of("tencent") if m.paragraph == cloud.paragraph]
    assert tencent and tencent[0].start > cloud.end  # the check above covered a later mention
    # Quotes (timeline) and find hits use the same map.
    assert text.find("simplified", "阿里巴巴云计算") == [(index, mapping(cloud.start), mapping(cloud.end))]


def test_a_curated_form_replaces_the_name_not_its_aliases(tmp_path: Path) -> None:
    """阿里巴巴 with a curated Simplified form: the name takes it, the alias 阿里 converts as text,
    in the reader's text and in the export alike."""
    from mudu_tui.export import export_csv
    from mudu_tui.model.pack import load_pack
    from mudu_tui.model.reading import VariantText

    (tmp_path / "index.yaml").write_text(
        "schema: 1\ntitle: 標題\narticle: article.md\nsource: s\nlanguage: zh-Hant\n"
        "companies:\n  - id: ali\n    name: 阿里巴巴\n    aliases: [阿里]\n    en: Alibaba\n"
        "    summary: 公司\n    region: hz\n    forms: {simplified: 阿里巴巴集团}\n"
        "regions:\n  - id: hz\n    name: 杭州\n    en: Hangzhou\n    kind: city\n    lat: 30.0\n"
        "    lon: 120.0\n    summary: 城市\n",
        "utf-8",
    )
    (tmp_path / "article.md").write_text("# 標題\n\n阿里巴巴在杭州，阿里也在杭州。\n", "utf-8")
    pack = load_pack(tmp_path)
    text, mapping = VariantText(pack).paragraph("simplified", 0)
    assert text == "阿里巴巴集团在杭州，阿里也在杭州。"
    alias = pack.mentions_of("ali")[1]
    assert text[mapping(alias.start) : mapping(alias.end)] == "阿里"
    csv_text = export_csv(pack, "simplified")
    assert "阿里巴巴集团在杭州，阿里也在杭州。" in csv_text


def test_folding_for_find_keeps_length_and_meets_both_scripts(bundled_pack: Pack) -> None:
    for p in bundled_pack.article.paragraphs:
        folded = fold_script(p.text)
        assert len(folded) == len(p.text)
        assert folded == fold_script(convert(p.text, "simplified"))
    assert fold_script("臺灣的幹部說乾燥") == fold_script("台湾的干部说干燥") == "台湾的干部说干燥"
    assert fold_script("WAIC") == "waic"
