"""Screens reach the app through the typed ReaderApp protocol, never through a bare App."""

from __future__ import annotations

import pytest
from textual.app import App

from mudu_tui.app import MuduApp
from mudu_tui.screens.host import ReaderApp, reader_app


def test_the_reader_app_is_what_the_screens_need(app: MuduApp) -> None:
    assert isinstance(app, ReaderApp)
    assert reader_app(app) is app


def test_another_app_is_refused() -> None:
    with pytest.raises(TypeError, match="is not the reader's app"):
        reader_app(App())
