"""The source script decides; the pack says what dictionaries cannot know.

Model tests of the bundled article in every variant (no stray mainland form in a Traditional
variant, 着 where a mainland editor writes it), the pack's overrides and verbatim texts and
their check, and Pilot tests of a Simplified-source pack of our own (tests/packs/simplified).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import CheckResult
from textual.widgets import Static
from ui_helpers import SIZE, article_text, main_screen, probe

from mudu_tui.app import MuduApp, create_app
from mudu_tui.export import export_data
from mudu_tui.model.pack import Pack, load_pack
from mudu_tui.model.reading import VariantText
from mudu_tui.model.script import VARIANTS, convert, toggle_target
from mudu_tui.widgets.key_bar import KeyBar

SIMPLIFIED_PACK = Path(__file__).parent / "packs" / "simplified"

#: Mainland forms the bundled article slips into (issue #12's list), by what they become.
STRAY = ("并存", "背后", "之后", "實施后", "莫過于", "位于", "在于", "致力于", "其余", "示范區",
         "涌現", "字里行間", "云計算", "憑借", "4天后", "構筑")  # fmt: skip
TRADITIONAL_VARIANTS = ("traditional", "taiwan", "hongkong")


def _article(pack: Pack, variant: str) -> str:
    """The exported article in ``variant``: title, section headings and paragraphs."""
    article = export_data(pack, variant)["article"]  # type: ignore[arg-type]
    parts = [article["title"], *(s["title"] for s in article["sections"])]
    return "\n".join([*parts, *(p["text"] for p in article["paragraphs"])])


@pytest.mark.parametrize("variant", TRADITIONAL_VARIANTS)
def test_no_stray_mainland_form_in_a_traditional_variant(bundled_pack: Pack, variant: str) -> None:
    original = _article(bundled_pack, "original")
    shown = _article(bundled_pack, variant)
    assert all(form in original for form in STRAY)  # the article really has them
    assert [form for form in STRAY if form in shown] == []
    # Correct Traditional is left alone: no round trip through Simplified.
    for kept in ("數據", "為", "發展", "實驗室"):
        assert original.count(kept) == shown.count(kept) or variant == "hongkong", kept
    assert "4天後" in shown and "憑藉" in shown


def test_hong_kong_forms_in_hong_kong(bundled_pack: Pack) -> None:
    shown = _article(bundled_pack, "hongkong")
    for form in ("平台", "説", "户", "羣"):
        assert form in shown, form
    assert "劉慶峰" in shown  # a name keeps its own 峰 (a curated form)
    assert "平臺" in _article(bundled_pack, "taiwan")


def test_simplified_writes_zhe_where_a_mainland_editor_would(bundled_pack: Pack) -> None:
    shown = _article(bundled_pack, "simplified")
    assert "随着" in shown and "凭借着" in shown
    assert "随著" not in shown and "借著" not in shown
    assert "显著" in shown  # 著 that is not the aspect marker stays


def test_the_notes_list_of_mainland_forms_is_right(bundled_pack: Pack) -> None:
    """Each listed form is one a Traditional dictionary (OpenCC's) would write otherwise, or one
    the pack overrides; every mainland form the Taiwan conversion fixes is listed; the list
    itself reads the same in every variant."""
    (listed,) = bundled_pack.index.script.verbatim
    forms = [f for f in re.split(r"[、（）]", listed) if f and f != "于"]
    overrides = bundled_pack.index.script.overrides["traditional"]
    for form in forms:
        dictionary = convert(convert(form, "simplified"), "traditional")
        assert dictionary != form or any(o in form for o in overrides), form
    assert convert(convert("托舉", "simplified"), "traditional") == "托舉"  # correct: not listed
    assert "托舉" not in forms
    # Every change the Taiwan conversion makes to the article is a listed form, save OpenCC's
    # own preference of 佈 in 宣布 and 布局 (Taiwan's dictionary writes 布 too).
    original = _article(bundled_pack, "original")
    shown = _article(bundled_pack, "taiwan")
    assert len(original) == len(shown)
    pairs = enumerate(zip(original, shown, strict=True))
    changed = {original[max(i - 1, 0) : i + 2] for i, (a, b) in pairs if a != b}
    unlisted = {c for c in changed if not any(c[1] in f for f in forms) and "布" not in c}
    assert unlisted == set()
    text = VariantText(bundled_pack)
    for variant in VARIANTS:
        assert listed in text.prose(bundled_pack.index.note or "", variant)  # type: ignore[arg-type]


def test_summaries_use_the_curated_forms(bundled_pack: Pack) -> None:
    text = VariantText(bundled_pack)
    summary = bundled_pack.entities["open_platforms"].summary
    assert "阿里云" in summary
    assert "阿里雲" in text.prose(summary, "taiwan")
    assert "阿里云" not in text.prose(summary, "taiwan")
    data = export_data(bundled_pack, "taiwan")
    platforms = next(e for e in data["entities"] if e["id"] == "open_platforms")
    assert "阿里雲" in platforms["summary"]


# --- check ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "hint"),
    [("zh-hant", "did you mean 'zh-Hant'?"), ("zh-Hans-CN", "did you mean 'zh-Hans'?"), ("en", "zh-Hant")],
)
def test_check_refuses_an_unknown_language(
    make_pack: Callable[..., Path], check: Callable[..., CheckResult], language: str, hint: str
) -> None:
    folder = make_pack(lambda t: t.replace("language: zh-Hant", f"language: {language}"))
    result = check(folder)
    assert result.code == 1
    (line,) = result.problems
    assert line.split(": ", 1)[0].endswith("index.yaml:5:1") and "'language' must be one of" in line
    assert hint in line


@pytest.mark.parametrize("language", ["zh-TW", "zh-HK", "zh-CN", "zh-Hans"])
def test_check_accepts_the_region_codes(
    make_pack: Callable[..., Path], check: Callable[..., CheckResult], language: str
) -> None:
    assert check(make_pack(lambda t: t.replace("language: zh-Hant", f"language: {language}"))).code == 0


def test_check_validates_overrides_and_verbatim(
    make_pack: Callable[..., Path], check: Callable[..., CheckResult]
) -> None:
    def edit(t: str) -> str:
        t = t.replace("      隨著: 随着\n", "      隨著: 随着\n      隨便: 随便\n      隨著產業: 随著产业\n")
        return t.replace("  verbatim:\n", "  verbatim:\n    - 不在文中的話\n")

    result = check(make_pack(edit))
    assert result.code == 1
    messages = sorted(line.split(": ", 1)[1] for line in result.problems)
    assert messages == [
        "override '隨著產業' → '随著产业' undoes '隨著' → '随着'",
        "override phrase '隨便' occurs nowhere in the pack",
        "verbatim text '不在文中的話' occurs nowhere in the pack",
    ]


@pytest.mark.parametrize(
    ("block", "message"),
    [
        ("script:\n  overrides:\n    original: {a: b}\n", "'overrides' names 'original'"),
        ("script:\n  verbatim: 文字\n", "'verbatim' must be a list"),
        ("script:\n  replace: {}\n", "unknown key 'replace'"),
    ],
)
def test_check_refuses_a_malformed_script_block(
    make_pack: Callable[..., Path], check: Callable[..., CheckResult], block: str, message: str
) -> None:
    folder = make_pack(lambda t: re.sub(r"script:\n(  .*\n|\n)*", block + "\n", t, count=1))
    result = check(folder)
    assert result.code == 1 and any(message in line for line in result.problems), result.problems


# --- a Simplified-source pack ----------------------------------------------------------------


def test_simplified_pack_converts_to_traditional() -> None:
    pack = load_pack(SIMPLIFIED_PACK)
    text = VariantText(pack)
    assert text.source == "simplified" and toggle_target(text.source) == "traditional"
    original = _article(pack, "original")
    assert "重庆" in original
    paragraphs = [p.text for p in pack.article.paragraphs]
    text_of = VariantText(pack).paragraph
    # Clean Simplified text is left alone by the Simplified variant.
    assert [text_of("simplified", i)[0] for i in range(len(paragraphs))] == paragraphs
    traditional = _article(pack, "traditional")
    assert "重慶" in traditional and "之後" in traditional and "重庆" not in traditional
    assert "工廠裏" in traditional and "工廠裡" in _article(pack, "taiwan")
    assert "整車" in _article(pack, "taiwan")  # the pack's own override
    note = pack.entities["chengdu"].note or ""
    assert "「后来者」" in text.prose(note, "traditional")  # verbatim in every variant


async def test_t_shows_traditional_for_a_simplified_pack() -> None:
    app = create_app(SIMPLIFIED_PACK)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "重庆" in article_text(app)
        await pilot.press("t")
        await pilot.pause()
        assert app.variant == "traditional"
        shown = article_text(app)
        assert "重慶" in shown and "重庆" not in shown
        assert "[繁體]" in str(main_screen(app).query_one("#title-bar", Static).content)
        await pilot.press("t")
        await pilot.pause()
        assert app.variant == "original"
        assert "重庆" in article_text(app)


async def test_v_labels_every_variant_for_a_simplified_pack() -> None:
    app = create_app(SIMPLIFIED_PACK)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        seen = []
        for _ in VARIANTS:
            seen.append((str(main_screen(app).query_one("#title-bar", Static).content), article_text(app)))
            await pilot.press("v")
            await pilot.pause()
        labels = ["[原文]", "[简体]", "[繁體]", "[臺灣正體]", "[香港繁體]"]
        for (title, _), label in zip(seen, labels, strict=True):
            assert label in title
        texts = [t for _, t in seen]
        assert "重庆" in texts[0] and "重庆" in texts[1]
        assert all("重慶" in t and "重庆" not in t for t in texts[2:])  # each Traditional label is true
        assert "工廠裡" in texts[3] and "工廠裏" in texts[4]


def _t_key(app: MuduApp) -> tuple[str, str]:
    shown, _ = main_screen(app).query_one(KeyBar).keys()
    key = next(k for k in shown if k.key == "t")
    return key.description, key.tooltip


@pytest.mark.parametrize(
    ("pack", "said", "unsaid"),
    [
        (None, "Traditional 繁體, as published) and 简体 Simplified", "Simplified 简体, as published"),
        (SIMPLIFIED_PACK, "Simplified 简体, as published) and 繁體 Traditional", "Traditional 繁體, as"),
    ],
    ids=["traditional-source", "simplified-source"],
)
async def test_key_bar_and_help_say_what_t_does_for_the_pack(
    pack: Path | None, said: str, unsaid: str
) -> None:
    from mudu_tui.screens.help import HelpScreen

    app = create_app(pack)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        description, tooltip = _t_key(app)
        assert description == "简/繁"
        assert said in tooltip and unsaid not in tooltip
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        help_text = "".join(str(app.screen.query_one("#help-text", Static).content).split())
        assert "".join(said.split()) in help_text
        assert "".join(unsaid.split()) not in help_text
        assert "".join("原文 → 简体 → 繁體 → 臺灣正體 → 香港繁體".split()) in help_text


def test_no_dictionary_loads_before_the_first_frame() -> None:
    """OpenCC's dictionaries load after the first frame (or on the first switch), never before."""
    code = (
        "import asyncio, sys\n"
        "from mudu_tui.app import MuduApp, create_app\n"
        "seen = []\n"
        "class Probe(MuduApp):\n"
        "    def _after_first_frame(self):\n"
        "        names = ('opencc', 'mudu_tui.model.opencc')\n"
        "        seen.append(sorted(m for m in sys.modules if m.startswith(names)))\n"
        "        super()._after_first_frame()\n"
        "async def main():\n"
        "    app = create_app(None)\n"
        "    app.__class__ = Probe\n"
        "    async with app.run_test(size=(120, 40)) as pilot:\n"
        "        await pilot.pause(0.2)\n"
        "asyncio.run(main())\n"
        "print(seen)\n"
    )
    assert probe(code) == "[[]]"
