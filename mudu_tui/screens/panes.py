"""The side panes the main screen holds, made from the kinds registry's panes.

Only the first pane is built at start-up; the timeline and figures modules are imported when
their panes are first made (after the first frame), so start-up does not pay for them. The map
(a lazy pane) is made only when it is first shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from ..model.kinds import Pane
from ..model.reading import VariantText
from ..widgets.entity_list import EntityList
from ..widgets.lists import LinkedList

if TYPE_CHECKING:
    from ..widgets.map import MapPane

#: A side pane: a list that follows the selection, or the map (which follows it the same way).
SidePane: TypeAlias = "LinkedList | MapPane"


def make_pane(text: VariantText, pane: Pane) -> SidePane:
    """The widget for ``pane``, with the pane's id and the ``pane`` class."""
    widget: SidePane
    if pane.shows == "map":
        from ..widgets.map import MapPane

        widget = MapPane(text, id=pane.id)
    elif pane.shows == "events":
        from ..widgets.timeline import Timeline

        widget = Timeline(text, id=pane.id)
    elif pane.shows == "figures":
        from ..widgets.figures import FiguresPane

        widget = FiguresPane(text, id=pane.id)
    else:
        widget = EntityList(text, pane.kinds, id=pane.id)
    # Not mounted yet: its styles are worked out as it mounts, so none are worked out now.
    return widget.add_class("pane", update=False)
