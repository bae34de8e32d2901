"""Remembered state: reopen where the reader left off; --fresh; corrupt or unwritable files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from ui_helpers import main_screen, probe, toasts

from mudu_tui import app as app_module
from mudu_tui.app import create_app
from mudu_tui.model.kinds import PANES
from mudu_tui.state import ReadingState, StateStore
from mudu_tui.widgets.article_view import ArticleView
from mudu_tui.widgets.details import Details
from mudu_tui.widgets.pane_tabs import PaneTabs

ROOT = Path(__file__).resolve().parents[1]


async def test_select_toggle_quit_reopen(tmp_path: Path) -> None:
    store = StateStore(tmp_path)
    app = create_app(state=store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "enter", "t")
        await pilot.pause()
        selected = app.screen.selection.item  # type: ignore[attr-defined]
        assert selected is not None
        await pilot.press("q")
    saved = json.loads((tmp_path / "state.json").read_text("utf-8"))
    (entry,) = saved.values()
    assert entry["variant"] == "simplified" and entry["selected"] == selected

    again = create_app(state=StateStore(tmp_path))
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert again.variant == "simplified"
        assert again.screen.selection.item == selected  # type: ignore[attr-defined]
        assert again.screen.query_one("#details").counter().startswith("1/")  # type: ignore[attr-defined]


async def test_fresh_starts_with_defaults_and_writes_nothing(tmp_path: Path) -> None:
    StateStore(tmp_path).save(
        StateStore.key(Path("content").resolve(), "x"), ReadingState(variant="simplified")
    )
    before = (tmp_path / "state.json").read_text("utf-8")
    app = create_app(state=None)  # what --fresh passes
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t")
        await pilot.press("q")
    assert app.variant == "simplified"  # toggled in this run only
    assert (tmp_path / "state.json").read_text("utf-8") == before
    fresh = create_app(state=None)
    assert fresh.variant == "original"


async def test_corrupt_state_starts_fresh_with_one_notification(tmp_path: Path) -> None:
    (tmp_path / "state.json").write_text("{not json", "utf-8")
    app = create_app(state=StateStore(tmp_path))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        assert app.variant == "original"
        assert len([m for m in toasts(app) if "starting fresh" in m]) == 1
        await pilot.press("2", "enter")
        await pilot.pause()
    # The next save replaced the corrupt file with a good one.
    assert json.loads((tmp_path / "state.json").read_text("utf-8"))


async def test_unwritable_state_never_stops_the_app(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", "utf-8")
    app = create_app(state=StateStore(blocker / "sub"))  # a folder under a file: cannot exist
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "enter", "t")
        await pilot.pause()
        assert app.screen.query_one(ArticleView).rows
        assert app.is_running


def test_store_ignores_bad_entries(tmp_path: Path) -> None:
    (tmp_path / "state.json").write_text(
        json.dumps({"k": {"variant": "klingon", "selected": 3, "top_paragraph": -4}}), "utf-8"
    )
    state = StateStore(tmp_path).load("k")
    assert state == ReadingState()


async def test_reopens_at_the_same_paragraph_and_mention(tmp_path: Path) -> None:
    app = create_app(state=StateStore(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "enter", "n")
        await pilot.pause()
        article = app.screen.query_one(ArticleView)
        article.scroll_to_paragraph(30)
        await pilot.pause()
        top = article.top_paragraph()
        counter = app.screen.query_one("#details").counter()  # type: ignore[attr-defined]
        assert top == 30 and counter.startswith("2/")
        await pilot.press("q")
    again = create_app(state=StateStore(tmp_path))
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert again.screen.query_one(ArticleView).top_paragraph() == top
        assert again.screen.query_one("#details").counter() == counter  # type: ignore[attr-defined]
        await pilot.press("q")
    saved = json.loads((tmp_path / "state.json").read_text("utf-8"))
    (entry,) = saved.values()
    assert entry["top_paragraph"] == top  # quitting at once keeps the place


def _store_with(tmp_path: Path, **fields: object) -> StateStore:
    key = StateStore.key(ROOT / "content", create_app().pack.digest)
    (tmp_path / "state.json").write_text(json.dumps({key: fields}), "utf-8")
    return StateStore(tmp_path)


@pytest.mark.parametrize(
    "fields",
    [
        {"focused": "a b!"},  # not a selector: crashed every start (issue 13)
        {"focused": "keys"},  # exists, but cannot take the focus
        {"focused": "nonexistent"},
        {"selected": "no-such-entity", "mention": 3},
        {"selected": "hefei", "mention": 10**9},
        {"top_paragraph": 10**9},
    ],
    ids=["bad-selector", "unfocusable", "missing-pane", "missing-item", "mention-past-end", "past-end"],
)
async def test_state_that_does_not_fit_the_pack_is_dropped(tmp_path: Path, fields: dict) -> None:
    app = create_app(state=_store_with(tmp_path, **fields))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert app.is_running
        assert app.screen.focused is not None and app.screen.focused.id == "article"
        await pilot.press("2", "enter")  # the reader still works
        await pilot.pause()
        assert app.screen.selection.item  # type: ignore[attr-defined]


async def test_valid_focus_is_restored(tmp_path: Path) -> None:
    app = create_app(state=_store_with(tmp_path, focused="details", selected="hefei", mention=1))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert app.screen.focused is not None and app.screen.focused.id == "details"
        assert app.screen.selection.current == 1  # type: ignore[attr-defined]


async def test_a_focused_pane_beside_the_selections_own_is_shown_and_focused(tmp_path: Path) -> None:
    # 合肥 is listed with the regions; the reader had left the keyboard in the companies pane.
    app = create_app(state=_store_with(tmp_path, focused="companies", selected="hefei"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        screen = main_screen(app)
        assert screen.focused is not None and screen.focused.id == "companies"
        assert screen.query_one(PaneTabs).active == "companies"
        assert [w.id for w in screen.query(".pane.-shown")] == ["companies"]
        assert screen.selection.item == "hefei"


async def test_a_restored_start_makes_one_pane_and_saves_nothing_before_the_first_frame(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved: list[ReadingState] = []
    monkeypatch.setattr(StateStore, "save", lambda self, key, state: saved.append(state) or True)
    fields = {"variant": "simplified", "selected": "hefei", "focused": "details", "top_paragraph": 12}
    app = create_app(state=_store_with(tmp_path, **fields))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main_screen(app)
        # Before any pause: the first frame, restored, with the selection's pane alone made.
        assert [w.id for w in screen.query(".pane")] == ["regions"]
        assert screen.selection.item == "hefei" and app.variant == "simplified"
        assert screen.query_one(ArticleView).top_paragraph() == 12
        await pilot.pause()
        await pilot.pause()
        assert len(screen.query(".pane")) == len([p for p in PANES if not p.lazy])
        assert saved == []  # what was restored is what the file holds
        monkeypatch.setattr(app_module, "SAVE_DELAY", 0.05)
        monkeypatch.setattr(app_module, "TYPING", 0.0)
        await pilot.press("escape")  # the reader's own change is saved, once keys pause
        await pilot.pause(0.5)
        assert saved and saved[-1].selected is None


async def test_a_burst_of_keys_is_saved_once_after_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved: list[ReadingState] = []
    monkeypatch.setattr(StateStore, "save", lambda self, key, state: saved.append(state) or True)
    monkeypatch.setattr(app_module, "SAVE_DELAY", 60.0)  # the keys never pause long enough here
    app = create_app(state=StateStore(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "enter", "n", "n", "t", "t", "t")
        await pilot.pause()
        assert saved == []  # nothing written in the keys' own frames
    # The app ending writes what is pending, once.
    assert len(saved) == 1
    assert saved[0].selected is not None and saved[0].mention == 2 and saved[0].variant == "simplified"


async def test_an_unwritable_state_file_warns_once_the_save_is_tried(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", "utf-8")
    app = create_app(state=StateStore(blocker / "sub"))
    monkeypatch.setattr(app_module, "SAVE_DELAY", 0.05)
    monkeypatch.setattr(app_module, "TYPING", 0.0)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("2", "enter")
        await pilot.pause(0.5)
        assert len([m for m in toasts(app) if "cannot save reading state" in m]) == 1


async def test_a_restored_selection_shows_its_reading_once_the_warm_up_loads_pinyin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "WARM_UP_DELAY", 0.01)
    app = create_app(state=_store_with(tmp_path, selected="hefei", focused="details"))
    async with app.run_test(size=(120, 40)) as pilot:
        details = main_screen(app).query_one(Details)
        assert "合肥" in str(details.get_option("head").prompt)
        await pilot.pause(0.05)  # the warm-up starts
        await app.workers.wait_for_complete()
        await pilot.pause()
        head = str(main_screen(app).query_one(Details).get_option("head").prompt)
        assert "合肥" in head and "hé féi" in head


def test_a_restored_selection_loads_no_pinyin_before_the_first_frame(tmp_path: Path) -> None:
    """pypinyin (about 0.1 s) loads after the first frame even when details open on an entity."""
    _store_with(tmp_path, selected="hefei", focused="details")
    code = (
        "import asyncio, sys\n"
        "from pathlib import Path\n"
        "from mudu_tui.app import MuduApp, create_app\n"
        "from mudu_tui.state import StateStore\n"
        "seen = []\n"
        "class Probe(MuduApp):\n"
        "    def _after_first_frame(self):\n"
        "        seen.append((self.screen.selection.item, 'pypinyin' in sys.modules))\n"
        "        super()._after_first_frame()\n"
        "async def main():\n"
        f"    app = create_app(None, state=StateStore(Path({str(tmp_path)!r})))\n"
        "    app.__class__ = Probe\n"
        "    async with app.run_test(size=(120, 40)) as pilot:\n"
        "        await pilot.pause(0.2)\n"
        "asyncio.run(main())\n"
        "print(seen)\n"
    )
    assert probe(code) == "[('hefei', False)]"


@pytest.mark.parametrize("kind", ["fifo", "deep", "huge", "folder"])
def test_a_hostile_state_file_means_a_fresh_start(tmp_path: Path, kind: str) -> None:
    from mudu_tui.state import MAX_STATE_BYTES

    path = tmp_path / "state.json"
    if kind == "fifo":
        os.mkfifo(path)  # a plain open() would wait here for a writer forever
    elif kind == "deep":
        path.write_text("[" * 100_000 + "]" * 100_000, "utf-8")
    elif kind == "huge":
        path.write_text(json.dumps({"k": {"variant": "simplified"}, "pad": " " * MAX_STATE_BYTES}), "utf-8")
    else:
        path.mkdir()
    store = StateStore(tmp_path)
    assert store.load("k") == ReadingState()
    assert store.warning and "starting fresh" in store.warning


def test_only_the_most_recent_packs_are_remembered(tmp_path: Path) -> None:
    from mudu_tui.state import KEEP_PACKS

    store = StateStore(tmp_path)
    for n in range(KEEP_PACKS + 5):
        store.save(f"pack{n}", ReadingState(top_paragraph=n))
    store.save("pack0", ReadingState(top_paragraph=7))  # saved again: now the newest
    saved = json.loads((tmp_path / "state.json").read_text("utf-8"))
    assert len(saved) == KEEP_PACKS
    assert "pack0" in saved and "pack1" not in saved and f"pack{KEEP_PACKS + 4}" in saved


def test_a_selection_before_the_warm_up_shows_at_once_and_its_reading_follows() -> None:
    """Selected before pypinyin is loaded, an entity's details come without waiting for the
    import, which runs in the background; the reading appears when it is done."""
    code = (
        "import asyncio, sys\n"
        "from mudu_tui.app import create_app\n"
        "from mudu_tui.widgets.details import Details\n"
        "seen = []\n"
        "async def main():\n"
        "    app = create_app(None, state=None)\n"
        "    async with app.run_test(size=(120, 40)) as pilot:\n"
        "        head = lambda: str(app.screen.query_one(Details).get_option('head').prompt)\n"
        "        app.screen.select('hefei')\n"
        "        seen.append(('合肥' in head(), 'hé féi' in head()))\n"
        "        await app.workers.wait_for_complete()\n"
        "        await pilot.pause()\n"
        "        seen.append(('合肥' in head(), 'hé féi' in head()))\n"
        "asyncio.run(main())\n"
        "print(seen)\n"
    )
    assert probe(code) == "[(True, False), (True, True)]"
