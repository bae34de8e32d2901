"""The kinds registry is the one source: the stylesheet, the README and the schema agree with it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from readme_tables import table_after

from mudu_tui.model.kinds import COMMON, KINDS, NAMED_KINDS, PANES, PANES_BY_ID, RELATION_LABELS, SCHEMA
from mudu_tui.model.script import convert

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
TCSS = (ROOT / "mudu_tui" / "mudu.tcss").read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", KINDS.values(), ids=list(KINDS))
def test_simplified_label_is_the_conversion_of_the_traditional(kind) -> None:
    assert kind.simplified == convert(kind.chinese, "simplified")


@pytest.mark.parametrize("kind", NAMED_KINDS.values(), ids=list(NAMED_KINDS))
def test_stylesheet_colours_each_kind_as_the_registry_says(kind) -> None:
    rule = re.search(rf"ArticleView > \.{kind.component} \{{ color: (#[0-9a-f]{{6}}); \}}", TCSS)
    assert rule is not None, f"mudu.tcss has no colour for {kind.component}"
    assert rule.group(1) == kind.colour


def test_readme_common_fields_are_the_registry_common_fields() -> None:
    rows = table_after("### Fields every named entity has")
    assert [row[0] for row in rows] == list(COMMON)
    required = {row[0] for row in rows if row[2] == "yes"}
    assert required == {key for key, spec in COMMON.items() if spec.required}


def test_readme_kind_specific_keys_are_the_registry_fields() -> None:
    rows = table_after("### Kind-specific keys")
    documented: dict[str, set[str]] = {}
    for kind, key, *_rest in rows:
        for name in key.split(","):
            documented.setdefault(kind, set()).add(name.strip().strip("`"))
    assert documented == {key: set(kind.fields) for key, kind in NAMED_KINDS.items()}
    for kind in NAMED_KINDS.values():
        for subkind in kind.subkinds:
            assert f"`{subkind}`" in README, subkind


@pytest.mark.parametrize("heading,kind", [("### events", "events"), ("### figures", "figures")])
def test_readme_event_and_figure_keys_are_the_registry_fields(heading: str, kind: str) -> None:
    rows = table_after(heading)
    assert [row[0] for row in rows] == list(KINDS[kind].fields)


def test_every_kind_has_a_pane_and_every_pane_lists_a_kind() -> None:
    for kind in KINDS.values():
        assert kind.pane in PANES_BY_ID, kind.key
    for pane in PANES:
        assert pane.kinds or pane.shows == "map", pane.id  # the map draws the regions
    assert [pane.key for pane in PANES] == [str(n) for n in range(2, 2 + len(PANES))]


def test_every_relation_an_entity_can_hold_has_a_label() -> None:
    for key, spec in SCHEMA.items():
        for name, field in spec.items():
            assert set(field.refers) <= set(KINDS), (key, name)
            if KINDS[key].named and field.refers:
                assert name in RELATION_LABELS, (key, name)


def test_export_schema_names_the_registry_kinds() -> None:
    from mudu_tui.export import load_schema

    assert load_schema()["$defs"]["entity"]["properties"]["kind"]["enum"] == list(NAMED_KINDS)
