"""Chinese numerals (issue 14, item 3): numbers read as quantities, and a figure's value checked
against its quote as a number, so 七成 can state 70 % and a year no longer states 1."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mudu_tui.model.numerals import NumeralError, numbers_in, parse_chinese, states_value, unit_scale


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("七", 7),
        ("十二", 12),
        ("二十", 20),
        ("兩千", 2000),
        ("两千", 2000),
        ("一百零五", 105),
        ("一千零五", 1005),
        ("一萬零五百", 10500),
        ("三萬億", 3 * 10**12),
        ("三万亿", 3 * 10**12),
        ("一億五", 150_000_000),
        ("兩萬五", 25_000),
        ("三百五", 350),
        ("十五", 15),
        ("二〇二三", 2023),
        ("一百二十三萬四千五百六十七", 1_234_567),
    ],
)
def test_parse_chinese(text: str, value: int) -> None:
    assert parse_chinese(text) == value


@pytest.mark.parametrize("text", ["七八", "三四", "萬", "億元", ""])
def test_runs_that_are_not_one_number(text: str) -> None:
    with pytest.raises(NumeralError):
        parse_chinese(text)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("上海約在3821億元左右", [("3821億", Decimal("382100000000"))]),
        ("達到1.2萬家", [("1.2萬", Decimal(12000))]),
        ("規模達三萬億元", [("三萬億", Decimal(3 * 10**12))]),
        ("增長七成", [("七成", Decimal("0.7"))]),
        ("百分之三十的企業", [("百分之三十", Decimal("0.3"))]),
        ("佔３０％", [("３０％", Decimal("0.3"))]),
        ("達到5,000億元，2010年", [("5,000億", Decimal(5 * 10**11)), ("2010", Decimal(2010))]),
        ("3，300家", [("3", Decimal(3)), ("300", Decimal(300))]),  # a full-width comma is a break
        ("僅七八月份就有", []),  # 七八 is "seven or eight"
        ("科大訊成為了", []),  # 成為 is "become"
    ],
)
def test_numbers_in(text: str, found: list[tuple[str, Decimal]]) -> None:
    assert [(n.text, n.value) for n in numbers_in(text)] == found
    for n in numbers_in(text):
        assert text[n.start : n.end] == n.text


@pytest.mark.parametrize(
    ("unit", "scale"),
    [("億元", Decimal(10**8)), ("萬億元", Decimal(10**12)), ("萬家", Decimal(10**4)), ("家", 1),
     ("%", Decimal("0.01")), ("成", Decimal("0.1")), ("百分點", 1), ("個百分點", 1)],
)  # fmt: skip
def test_unit_scale(unit: str, scale: Decimal) -> None:
    assert unit_scale(unit) == scale


@pytest.mark.parametrize(
    ("quote", "value", "unit", "stated"),
    [
        ("市場份額達七成", 70, "%", True),
        ("市場份額達七成", 7, "成", True),
        ("市場份額達七成", 7, "%", False),
        ("規模將達三萬億元", 3, "萬億元", True),
        ("規模將達三萬億元", 30000, "億元", True),
        ("規模將達三萬億元", 3, "億元", False),
        ("企業數量達1.2萬家", 1.2, "萬家", True),
        ("企業數量達1.2萬家", 12000, "家", True),
        ("企業數量達1.2萬家", 1.2, "家", False),
        ("員工兩千人", 2000, "人", True),
        ("員工兩千人", 2, "千人", True),
        ("3.98萬家", 3.980, "萬家", True),
        # Digits inside an unrelated year no longer state a value.
        ("2010年以來增長迅速", 1, "家", False),
        ("2010年以來增長迅速", 20, "家", False),
        ("2010年以來有1家", 1, "家", True),
    ],
)
def test_states_value(quote: str, value: float, unit: str, stated: bool) -> None:
    assert states_value(quote, value, unit) is stated


def test_agrees_with_cn2an_on_numbers_it_writes() -> None:
    """cn2an (installed with the authoring extra) writes numerals; this parser must read them."""
    cn2an = pytest.importorskip("cn2an")

    @given(st.integers(min_value=0, max_value=10**16 - 1))
    def reads(n: int) -> None:
        written = cn2an.an2cn(n, "low")
        if len(written) == 2 and all(ch not in "十百千万亿" for ch in written):
            return  # never produced for a whole number, but 七八 would be an estimate
        assert parse_chinese(written) == n, written

    reads()


def test_check_reads_a_value_written_in_chinese(make_pack, check) -> None:
    folder = make_pack(
        lambda t: t.replace("quote: 上海約在3821億元左右", "quote: 上海約在三千八百二十一億元左右"),
        article=lambda a: a.replace("上海約在3821億元左右", "上海約在三千八百二十一億元左右"),
    )
    result = check(folder)
    assert result.code == 0, result.err


QUOTE_2016 = "    quote: 北京、深圳、上海人工智能相關企業數量分別為3.98萬家、3.61萬家、2.65萬家\n    chart"


def test_check_refuses_a_value_only_inside_a_year(make_pack, check) -> None:
    # The old substring check took "1" from "2016"; the quote states no 1 家.
    folder = make_pack(
        lambda t: t.replace(
            "    value: 3.98\n    unit: 萬家\n",
            "    value: 1\n    unit: 家\n",
        ).replace(QUOTE_2016, QUOTE_2016.replace("quote: ", "quote: 2016年，"), 1)
    )
    result = check(folder)
    assert result.code == 1
    assert "quote does not state the value 1 家 (it reads: 2016、3.98萬、3.61萬、2.65萬)" in result.err
