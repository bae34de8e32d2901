"""The `y` copy card (issue 13): bounded in mentions and size, whatever the pack holds."""

from __future__ import annotations

from pathlib import Path

import pytest
from tiny_pack import one_region_pack

from mudu_tui.card import CONTEXT, MAX_CARD_CHARS, MAX_CARD_MENTIONS, entity_card
from mudu_tui.model.limits import MAX_MENTIONS, MAX_PARAGRAPH_CHARS
from mudu_tui.model.pack import load_pack
from mudu_tui.model.reading import VariantText


# 3,000 made a 36 MB clipboard sequence once; the pack limits allow as many mentions in one
# paragraph as it has characters (a one-character name), up to MAX_MENTIONS.
@pytest.mark.parametrize("count", [3_000, min(MAX_MENTIONS, MAX_PARAGRAPH_CHARS)])
def test_many_mentions_in_one_paragraph_make_a_bounded_card(tmp_path: Path, count: int) -> None:
    pack = load_pack(one_region_pack(tmp_path / "p", "合", "合" * count))
    assert len(pack.mentions_of("r")) == count
    card = entity_card(VariantText(pack), "r", "original")
    listed = [line for line in card.splitlines() if line[:1].isdigit()]
    assert len(listed) == MAX_CARD_MENTIONS
    assert all(len(line) <= 2 * CONTEXT + 10 for line in listed)
    assert f"({count - MAX_CARD_MENTIONS} more)" in card
    assert len(card) <= MAX_CARD_CHARS


def test_short_sentences_are_whole_and_long_ones_cut_with_an_ellipsis(tmp_path: Path) -> None:
    long_before = "甲" * (CONTEXT + 20)
    pack = load_pack(one_region_pack(tmp_path / "p", "合", f"合在這裡。{long_before}合{'乙' * 5}。"))
    card = entity_card(VariantText(pack), "r", "original")
    assert "1. 合在這裡。\n" in card
    assert f"2. …{'甲' * CONTEXT}合{'乙' * 5}。\n" in card


def test_a_huge_summary_is_cut(tmp_path: Path) -> None:
    pack = load_pack(one_region_pack(tmp_path / "p", "合", "合。", summary="長" * (MAX_CARD_CHARS + 1_000)))
    card = entity_card(VariantText(pack), "r", "original")
    assert len(card) <= MAX_CARD_CHARS and card.endswith("…\n")
