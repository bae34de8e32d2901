"""What the screens and the command palette need from the app, as a typed Protocol.

Screens reach the app through :func:`reader_app` rather than importing ``app.py`` (which
imports them): the app satisfies the protocol (``MuduApp.as_reader`` lets mypy check that),
and the screens stay one layer below it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from textual.app import App

from ..model.reading import VariantText
from ..model.script import Variant
from ..state import ReadingState

if TYPE_CHECKING:
    from ..model.search import SearchIndex


@runtime_checkable
class ReaderApp(Protocol):
    """The reader's application as the screens see it."""

    @property
    def variant(self) -> Variant:
        """The script variant on screen."""
        ...

    @property
    def text(self) -> VariantText:
        """The pack's text in every variant."""
        ...

    def remember(self, state: ReadingState) -> None:
        """Save where the reader is."""
        ...

    def search_index(self) -> SearchIndex:
        """The entity search index, as far as it is built."""
        ...

    def build_search_index(self) -> None:
        """Build the rest of the search index in the background."""
        ...


def reader_app(app: App[Any]) -> ReaderApp:
    """``app`` as the reader's application (a TypeError if it is some other app)."""
    if not isinstance(app, ReaderApp):
        raise TypeError(f"{type(app).__name__} is not the reader's app")
    return app
