"""The entity index as data: entities, events and figures, and how a checked ``index.yaml``
becomes them. What may be in the file is in :mod:`.kinds`; checking it is :mod:`.validate`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from .fields import normalise_date
from .kinds import COMMON, NAMED_KINDS, RELATION_LABELS
from .script_overrides import ScriptRules


class Entity(NamedTuple):
    """A named entity of one kind, as the index gives it."""

    id: str
    kind: str
    name: str
    aliases: tuple[str, ...]
    en: str
    summary: str
    pinyin: str | None = None
    note: str | None = None
    forms: dict[str, str] = {}
    attrs: dict[str, Any] = {}
    relations: tuple[tuple[str, str], ...] = ()
    draft: bool = False  # drafted by `mudu-tui init`, not yet checked by its author

    @property
    def names(self) -> tuple[str, ...]:
        """The name and every alias."""
        return (self.name, *self.aliases)


class Event(NamedTuple):
    """A dated event of the timeline, resting on a quote from the article."""

    id: str
    date: str
    precision: str
    summary: str
    quote: str
    involves: tuple[str, ...]
    inferred: bool = False
    note: str | None = None
    en: str | None = None
    draft: bool = False

    @property
    def sort_key(self) -> str:
        """Dates sort as text once padded: 2023 < 2023-07 < 2023-08-11."""
        return self.date

    @property
    def label(self) -> str:
        """The date at the precision the article gives: 2020年, 2023年7月, 2017年11月17日."""
        return date_label(self.date)


def date_label(date: str) -> str:
    """``2017-11-17`` as 2017年11月17日, ``2023-07`` as 2023年7月, ``2020`` as 2020年."""
    parts = [int(p) for p in date.split("-")]
    text = f"{parts[0]}年"
    if len(parts) > 1:
        text += f"{parts[1]}月"
    if len(parts) > 2:
        text += f"{parts[2]}日"
    return text


class Figure(NamedTuple):
    """A number from the article: what it measures, its value and unit, and its quote."""

    id: str
    metric: str
    value: float
    unit: str
    quote: str
    year: int | None = None
    region: str | None = None
    chart: str | None = None
    label: str | None = None
    forecast: bool = False
    disputed: bool = False
    note: str | None = None
    en: str | None = None
    involves: tuple[str, ...] = ()
    draft: bool = False

    @property
    def value_text(self) -> str:
        """The value as the article writes it: 3821, 3.98, 4.78."""
        if isinstance(self.value, float) and self.value.is_integer() and abs(self.value) < 1e16:
            return str(int(self.value))
        return str(self.value)


class Chart(NamedTuple):
    """A chart the pack declares: its title, the unit its bars are measured in, its kind."""

    id: str
    title: str
    unit: str
    kind: str = "bars"


@dataclass
class Index:
    """A validated index: metadata, entities by id, events, figures and their charts."""

    title: str
    article: str
    source: str
    language: str
    note: str | None
    entities: dict[str, Entity]
    events: list[Event]
    figures: list[Figure]
    #: Phrase overrides and verbatim texts (the index's ``script`` block).
    script: ScriptRules = field(default_factory=ScriptRules)
    charts: dict[str, Chart] = field(default_factory=dict)
    opening: str | None = None
    """The name of the text before the first heading, when the pack gives one."""
    back_matter: dict[str, str] = field(default_factory=dict)
    """Headings the pack declares as back matter, with their kind (reference, keywords)."""
    schema: int = 1

    def of_kind(self, kind: str) -> list[Entity]:
        """The entities of one kind, in index order."""
        return [e for e in self.entities.values() if e.kind == kind]


#: Relation keys an entity holds as its own fields (``related`` is a list, kept apart).
_RELATION_KEYS = tuple(key for key in RELATION_LABELS if key != "related")


def build_index(data: dict[str, Any]) -> Index:
    """The Index of a loaded ``index.yaml`` that :func:`.validate.validate_index` has passed."""
    entities: dict[str, Entity] = {}
    for kind in NAMED_KINDS:
        for item in data.get(kind) or []:
            relations = [(k, item[k]) for k in _RELATION_KEYS if k in item]
            relations += [("related", r) for r in item.get("related", [])]
            attrs = {k: val for k, val in item.items() if k not in COMMON and k not in _RELATION_KEYS}
            if "date" in attrs:
                attrs["date"] = normalise_date(attrs["date"])
            entities[item["id"]] = Entity(
                id=item["id"],
                kind=kind,
                name=item["name"],
                aliases=tuple(item.get("aliases", [])),
                en=item["en"],
                summary=item["summary"],
                pinyin=item.get("pinyin"),
                note=item.get("note"),
                forms=dict(item.get("forms", {})),
                attrs=attrs,
                relations=tuple(relations),
                draft=bool(item.get("draft", False)),
            )
    events = [
        Event(
            id=e["id"],
            date=normalise_date(e["date"]),
            precision=e["precision"],
            summary=e["summary"],
            quote=e["quote"],
            involves=tuple(e["involves"]),
            inferred=bool(e.get("inferred", False)),
            note=e.get("note"),
            en=e.get("en"),
            draft=bool(e.get("draft", False)),
        )
        for e in data.get("events") or []
    ]
    events.sort(key=lambda e: e.sort_key)
    figures = [
        Figure(
            id=f["id"],
            metric=f["metric"],
            value=f["value"],
            unit=f["unit"],
            quote=f["quote"],
            year=f.get("year"),
            region=f.get("region"),
            chart=f.get("chart"),
            label=f.get("label"),
            forecast=bool(f.get("forecast", False)),
            disputed=bool(f.get("disputed", False)),
            note=f.get("note"),
            en=f.get("en"),
            involves=tuple(f.get("involves", [])),
            draft=bool(f.get("draft", False)),
        )
        for f in data.get("figures") or []
    ]
    sections = data.get("sections") or {}
    back_matter = {heading: "reference" for heading in _as_list(sections.get("references"))}
    back_matter |= {heading: "keywords" for heading in _as_list(sections.get("keywords"))}
    return Index(
        title=data["title"],
        article=data["article"],
        source=data["source"],
        language=data["language"],
        note=data.get("note"),
        entities=entities,
        events=events,
        figures=figures,
        script=ScriptRules.from_data(data.get("script")),
        charts={
            c["id"]: Chart(c["id"], c["title"], c["unit"], c.get("kind", "bars"))
            for c in data.get("charts") or []
        },
        opening=sections.get("opening"),
        back_matter=back_matter,
        schema=data.get("schema", 1),
    )


def _as_list(value: Any) -> list[str]:
    """A heading or a list of headings, as a list."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)
