"""A book: the bundled article 300 times over (about a million characters, 15,000 paragraphs,
44,000 mentions) with the bundled index, generated once for this module.

`check` accepts it with room for a book twice its size, and what a key costs follows the
screen, not the book: a toggle converts the paragraphs on screen, `G` lays out the last
screens, a selection and its mentions are drawn where they are looked at.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from conftest import CONTENT, CheckResult
from textual.pilot import Pilot
from tiny_pack import one_region_pack
from ui_helpers import SIZE, assert_at_true_end, main_screen, marks

from mudu_tui import app as app_module
from mudu_tui.app import MuduApp
from mudu_tui.model import limits
from mudu_tui.model.cache import load_pack_cached
from mudu_tui.model.mentions import Mention, MentionFinder, find_mentions
from mudu_tui.model.pack import Pack, load_pack
from mudu_tui.model.reading import VariantText
from mudu_tui.model.script import OffsetMap, Variant, convert
from mudu_tui.screens.main import MainScreen
from mudu_tui.widgets.article_view import ArticleView
from mudu_tui.widgets.details import KWIC_CONTEXT, Details
from mudu_tui.widgets.details import MENTIONS_PAGE as LISTED

COPIES = 300


def write_book(folder: Path, copies: int = COPIES) -> Path:
    """The bundled pack with its article ``copies`` times over (headings numbered, so the
    sections pane tells the copies apart)."""
    folder.mkdir(parents=True)
    (folder / "index.yaml").write_bytes((CONTENT / "index.yaml").read_bytes())
    title, body = (CONTENT / "article.md").read_text("utf-8").split("\n", 1)
    parts = [title]
    for n in range(copies):
        parts.append(re.sub(r"^(##+ .+)$", lambda m, n=n: f"{m.group(1)}（{n + 1}）", body, flags=re.M))
    (folder / "article.md").write_text("\n\n".join(part.strip("\n") for part in parts) + "\n", "utf-8")
    return folder


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The book's pack folder."""
    return write_book(tmp_path_factory.mktemp("book") / "book")


@pytest.fixture(scope="module")
def book_pack(book: Path) -> Pack:
    """The book, loaded once."""
    return load_pack(book)


@pytest.fixture
def converted(monkeypatch: pytest.MonkeyPatch) -> Iterator[set[tuple[Variant, int]]]:
    """Every (variant, paragraph) the reader asks for from now on, and no background warm-up
    (it converts a few hundred paragraphs ahead on purpose, once the keys pause)."""
    asked: set[tuple[Variant, int]] = set()
    paragraph = VariantText.paragraph

    def spy(self: VariantText, variant: Variant, index: int) -> tuple[str, OffsetMap]:
        asked.add((variant, index))
        return paragraph(self, variant, index)

    monkeypatch.setattr(VariantText, "paragraph", spy)
    monkeypatch.setattr(app_module, "WARM_UP_DELAY", 3600.0)
    yield asked


def _laid_out(view: ArticleView) -> list[int]:
    return [b for b in range(len(view.rows.blocks)) if view.rows.is_laid_out(b)]


def test_the_book_passes_check_with_room_for_twice_its_size(
    book: Path, book_pack: Pack, check: Callable[..., CheckResult]
) -> None:
    result = check(book)
    assert result.code == 0, result.err
    paragraphs = len(book_pack.article.paragraphs)
    assert re.search(rf"paragraphs +{paragraphs}\n", result.out)
    assert paragraphs >= 15_000 and len(book_pack.mentions) >= 40_000
    assert 2 * (book / "article.md").stat().st_size <= limits.MAX_ARTICLE_BYTES
    assert 2 * paragraphs <= limits.MAX_PARAGRAPHS
    assert 2 * len(book_pack.mentions) <= limits.MAX_MENTIONS


def test_the_books_mentions_are_the_scans_on_a_first_and_a_second_start(
    book: Path, book_pack: Pack, tmp_path: Path
) -> None:
    # The book is long enough for the names to be compiled into one pattern; the scan is the
    # reference, and a second start (the index from the cache) finds exactly the same.
    names = [(name, e.id) for e in book_pack.entities.values() for name in e.names]
    chars = sum(len(p.text) for p in book_pack.article.paragraphs)
    assert MentionFinder(names, chars=chars).compiled
    scanned = find_mentions(book_pack.article, MentionFinder(names))
    first = load_pack_cached(book, tmp_path / "cache")
    second = load_pack_cached(book, tmp_path / "cache")
    assert book_pack.mentions == first.mentions == second.mentions == scanned
    assert {type(m) for m in second.mentions} == {Mention}


@asynccontextmanager
async def reading(pack: Pack, *keys: str) -> AsyncIterator[tuple[MainScreen, ArticleView, Pilot[None]]]:
    """The reader on ``pack`` after its first screen and ``keys``."""
    app = MuduApp(pack)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        screen = main_screen(app)
        yield screen, screen.query_one(ArticleView), pilot


async def test_a_toggle_converts_only_the_paragraphs_on_screen(
    book_pack: Pack, converted: set[tuple[Variant, int]]
) -> None:
    async with reading(book_pack, "t") as (_, view, _):
        shown = sorted(index for variant, index in converted if variant == "simplified")
        # A 40-row screen holds a dozen paragraphs at most; the book has 15,000.
        assert shown and len(shown) <= SIZE[1] and shown[-1] < SIZE[1]
        top = view.top_paragraph()
        text, _ = view.text.paragraph("simplified", top)
        assert text == convert(book_pack.article.paragraphs[top].text, "simplified")
        assert len(_laid_out(view)) <= SIZE[1]


async def test_the_end_of_the_book_lays_out_only_its_last_screens(
    book_pack: Pack, converted: set[tuple[Variant, int]]
) -> None:
    async with reading(book_pack, "0", "G") as (_, view, _):
        assert_at_true_end(view)
        height = view.scrollable_content_region.height
        laid_out = _laid_out(view)
        blocks = len(view.rows.blocks)
        # The first screen and the last ones: nothing in between.
        assert len(laid_out) <= 2 * height and all(b < height or b > blocks - height for b in laid_out)
        assert max(index for _, index in converted) == len(book_pack.article.paragraphs) - 1
        assert len(converted) <= 2 * height
        # The section at the top is the one the top row's paragraph is in (found by bisection).
        rows = (view.rows[y] for y in range(int(view.scroll_y), len(view.rows)))
        row = next(row for row in rows if row.paragraph >= 0)
        section = book_pack.article.paragraphs[row.paragraph].section
        expected = [s.id for s in book_pack.article.sections].index(section)
        assert view.section_at_top() == expected >= len(book_pack.article.sections) - 5


async def test_a_mention_at_the_end_of_the_book_is_marked_where_it_is_drawn(
    book_pack: Pack, converted: set[tuple[Variant, int]]
) -> None:
    async with reading(book_pack) as (screen, view, pilot):
        screen.select("hefei")
        await pilot.press("0", "N")  # before the first: round to the last mention, at the end
        await pilot.pause()
        mentions = book_pack.mentions_of("hefei")
        assert screen.selection.current == len(mentions) - 1
        assert "".join(m.text for m in marks(view, "article--current", on_screen=True)) == "合肥"
        assert view.scroll_y > view.max_scroll_y - SIZE[1]  # the last mention is in the last screens
        # Only the paragraphs drawn, and those the details pane quotes a mention from.
        assert len(converted) <= LISTED + 2 * SIZE[1] < len(mentions)


async def test_mentions_in_a_paragraph_without_full_stops_are_listed_in_bounded_context(
    tmp_path: Path,
) -> None:
    # The longest paragraph allowed, one name 2,500 times and no sentence mark: each line of
    # the details pane is the mention and at most KWIC_CONTEXT characters either side.
    flood = "合肥甲乙" * (limits.MAX_PARAGRAPH_CHARS // 4)
    async with reading(load_pack(one_region_pack(tmp_path / "p", "合肥", flood))) as (screen, _, _):
        screen.select("r")
        details = screen.query_one(Details)
        # (typeset for the pane's width: wrapped with newlines)
        prompts = [details.get_option(f"mention:{n}").prompt for n in (0, 40, LISTED - 1)]
        lines = [str(prompt).replace("\n", "") for prompt in prompts]
        # number, space, the mention and its context, an ellipsis where each side is cut
        assert all(len(line) <= 4 + 2 + 2 * KWIC_CONTEXT + 2 for line in lines)
        assert lines[1].split(" ", 1)[1].startswith("…") and lines[1].endswith("…")
