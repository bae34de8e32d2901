"""The one registry of kinds: every fact about a kind of thing the index holds, in one place.

A kind's list key in ``index.yaml``, its labels in both scripts, its mention colour and the
article's component class, the pane that lists it and the keys its entries may have. The
checker (schema), the panes and their bindings, the details pane, search, export and help all
read from here; tests hold ``mudu.tcss`` and the README's tables to it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, NamedTuple

from .fields import (
    MAX_FIGURE,
    PRECISIONS,
    Field,
    boolean,
    date,
    forms,
    listing,
    mapping,
    name,
    name_list,
    number_within,
    one_of,
    text,
    text_list,
    text_or_list,
    whole,
    year,
)
from .script_overrides import check_block, check_language


class Kind(NamedTuple):
    """One kind of thing in the index: ``regions``, ``companies``, …, ``events``, ``figures``."""

    key: str
    """The list key in ``index.yaml``; also ``Entity.kind``."""
    chinese: str
    """Plural label in Traditional Chinese (pane names, headings): 城市."""
    simplified: str
    """The same label in Simplified Chinese (a test holds it to OpenCC's conversion)."""
    english: str
    """Plural label in English: Cities."""
    singular: str
    """One of them in English, lower case, for the checker's messages: region."""
    singular_chinese: str
    """One of them in Chinese, for the details pane: 地區."""
    pane: str
    """Id of the pane that lists them."""
    fields: Mapping[str, Field]
    """The keys an entry of this kind may have beyond :data:`COMMON` (all of them when not named)."""
    named: bool = True
    """Named entities (with ``name``, ``aliases``, mentions found in the text) or not."""
    colour: str = ""
    """The colour of its mentions in the article (``mudu.tcss`` gives the component this colour)."""
    subkinds: Mapping[str, str] = {}
    """The values its ``kind`` key may take, with their Chinese names."""

    @property
    def component(self) -> str:
        """The article's component class that colours its mentions: ``article--regions``."""
        return f"article--{self.key}"

    @property
    def singular_label(self) -> str:
        """Chinese and English singular together, as the details pane shows it: 地區 Region."""
        return f"{self.singular_chinese} {self.singular.capitalize()}"

    def label_of(self, subkind: object) -> str:
        """The Chinese label of one entry: its subkind's (區, 特別行政區) where it has one,
        else the kind's singular (企業)."""
        if isinstance(subkind, str) and subkind in self.subkinds:
            return self.subkinds[subkind]
        return self.singular_chinese


#: Relation keys an entity may carry, with the Chinese labels the details pane shows.
RELATION_LABELS: dict[str, str] = {
    "parent": "上級",
    "region": "所在地",
    "affiliation": "所屬",
    "issuer": "發布者",
    "maker": "出品",
    "related": "相關",
}

_NAMED_KEYS = ("regions", "companies", "organizations", "people", "policies", "products")

#: The keys every named entity has (README: "Fields every named entity has").
COMMON: dict[str, Field] = {
    "id": Field(text, True),
    "name": Field(name, True),
    "aliases": Field(name_list),
    "en": Field(text, True),
    "pinyin": Field(text),
    "summary": Field(text, True),
    "note": Field(text),
    "forms": Field(forms),
    "related": Field(text_list, refers=(*_NAMED_KEYS, "events", "figures"), many=True),
    "draft": Field(boolean),
}

_REGION_KINDS = {
    "country": "國家",
    "province": "省",
    "sar": "特別行政區",
    "city": "城市",
    "district": "區",
    "county": "縣",
    "area": "區域",  # economic zones and city clusters: 粵港澳大灣區, 長三角
    "foreign": "外國地區",  # a place abroad below country level: 東京灣區, 加州
}
_ORGANIZATION_KINDS = {
    "government": "政府機構",
    "lab": "實驗室",
    "exchange": "交易所",
    "standards": "標準組織",
    "consultancy": "諮詢機構",
    "media": "媒體",
    "conference": "會議",
    "research": "研究機構",
    "industry-base": "產業基地",
}
_POLICY_KINDS = {
    "law": "法律",
    "regulation": "規章",
    "plan": "規劃",
    "programme": "計劃",
    "agreement": "協議",
    "report": "報告",  # a government work report
    "bulletin": "公報",  # a statistics bulletin
}

#: Who can stand behind something (a person's affiliation, a policy's issuer, a product's
#: maker, an organization's parent): one rule for every such reference. A government is an
#: organization, and a region acts through its government, so regions count as well.
ACTORS = ("organizations", "companies", "regions")

_KINDS: tuple[Kind, ...] = (
    Kind(
        "regions",
        "城市",
        "城市",
        "Cities",
        "region",
        "地區",
        pane="regions",
        colour="#5fafff",
        subkinds=_REGION_KINDS,
        fields={
            "kind": Field(one_of(tuple(_REGION_KINDS)), True),
            "parent": Field(text, refers=("regions",)),
            "lat": Field(number_within(-90, 90), True),
            "lon": Field(number_within(-180, 180), True),
        },
    ),
    Kind(
        "companies",
        "企業",
        "企业",
        "Companies",
        "company",
        "企業",
        pane="companies",
        colour="#ffaf5f",
        fields={
            "region": Field(text, True, refers=("regions",)),
            "parent": Field(text, refers=("companies",)),
        },
    ),
    Kind(
        "organizations",
        "機構",
        "机构",
        "Organizations",
        "organization",
        "機構",
        pane="organizations",
        colour="#87d787",
        subkinds=_ORGANIZATION_KINDS,
        fields={
            "kind": Field(one_of(tuple(_ORGANIZATION_KINDS)), True),
            "region": Field(text, refers=("regions",)),
            "parent": Field(text, refers=ACTORS),
        },
    ),
    Kind(
        "people",
        "人物",
        "人物",
        "People",
        "person",
        "人物",
        pane="people",
        colour="#ff87d7",
        fields={
            "role": Field(text, True),
            "affiliation": Field(text, True, refers=ACTORS),
            "region": Field(text, refers=("regions",)),
        },
    ),
    Kind(
        "policies",
        "政策",
        "政策",
        "Policies",
        "policy",
        "政策",
        pane="policies",
        colour="#d7d75f",
        subkinds=_POLICY_KINDS,
        fields={
            "kind": Field(one_of(tuple(_POLICY_KINDS)), True),
            "issuer": Field(text, refers=ACTORS),
            "date": Field(date),
        },
    ),
    Kind(
        "products",
        "產品",
        "产品",
        "Products",
        "product",
        "產品",
        pane="policies",  # few enough to share the policies pane
        colour="#af87ff",
        fields={
            "maker": Field(text, True, refers=ACTORS),
            "date": Field(date),
        },
    ),
    Kind(
        "events",
        "事件",
        "事件",
        "Events",
        "event",
        "事件",
        pane="timeline",
        named=False,
        fields={
            "id": Field(text, True),
            "date": Field(date, True),
            "precision": Field(one_of(PRECISIONS), True),
            "inferred": Field(boolean),
            "note": Field(text),
            "summary": Field(text, True),
            "en": Field(text),
            "quote": Field(text, True),
            "involves": Field(text_list, True, refers=_NAMED_KEYS, many=True),
            "draft": Field(boolean),
        },
    ),
    Kind(
        "figures",
        "數據",
        "数据",
        "Figures",
        "figure",
        "數據",
        pane="figures",
        named=False,
        fields={
            "id": Field(text, True),
            "metric": Field(text, True),
            "en": Field(text),
            "value": Field(number_within(-MAX_FIGURE, MAX_FIGURE), True),
            "unit": Field(text, True),
            "year": Field(year),
            "region": Field(text, refers=("regions",)),
            "quote": Field(text, True),
            "chart": Field(text),
            "label": Field(text),
            "forecast": Field(boolean),
            "disputed": Field(boolean),
            "note": Field(text),
            "involves": Field(text_list, refers=_NAMED_KEYS, many=True),
            "draft": Field(boolean),
        },
    ),
)

#: Every kind by its list key, in index (and pane) order.
KINDS: dict[str, Kind] = {kind.key: kind for kind in _KINDS}

#: The named kinds (entities with names found in the text), in pane order.
NAMED_KINDS: dict[str, Kind] = {key: kind for key, kind in KINDS.items() if kind.named}

#: Every key an entry of each kind may have: the checker's schema.
SCHEMA: dict[str, dict[str, Field]] = {
    key: {**COMMON, **kind.fields} if kind.named else dict(kind.fields) for key, kind in KINDS.items()
}

#: The pack format's version: packs say which they are written to (``schema:``).
SCHEMA_VERSION = 2
#: Every version still read; a pack keeps opening unchanged when the format grows.
SCHEMA_VERSIONS = (1, 2)
#: Top-level keys added after version 1, with the version that brought them.
SINCE: dict[str, int] = {"charts": 2, "sections": 2}

#: The names of the scripts an article may be published in (``language:``), for `i`.
LANGUAGE_NAMES: dict[str, str] = {
    "zh-Hant": "繁體中文",
    "zh-TW": "繁體中文（臺灣）",
    "zh-HK": "繁體中文（香港）",
    "zh-Hans": "简体中文",
    "zh-CN": "简体中文（中国大陆）",
}

#: Chart kinds: bars compare places or things, a series follows one thing over time (bars in
#: year order), a list shows numbers that do not compare (no bars, so any units).
CHART_KINDS: dict[str, str] = {"bars": "對比", "series": "時間序列", "list": "列表"}

#: The keys of one entry of ``charts:``.
CHART_FIELDS: dict[str, Field] = {
    "id": Field(text, True),
    "title": Field(text, True),
    "unit": Field(text, True),
    "kind": Field(one_of(tuple(CHART_KINDS))),
}

#: The keys of ``sections:``: the opening's name and the back matter's headings.
SECTION_FIELDS: dict[str, Field] = {
    "opening": Field(text),
    "references": Field(text_or_list),
    "keywords": Field(text_or_list),
}

#: The index's top-level keys.
TOP_LEVEL: dict[str, Field] = {
    "schema": Field(whole, True),
    "title": Field(text, True),
    "article": Field(text, True),
    "source": Field(text, True),
    "language": Field(check_language, True),
    "note": Field(text),
    "script": Field(check_block),
    "sections": Field(mapping),
    "charts": Field(listing),
    **{key: Field(listing) for key in KINDS},
}


class Pane(NamedTuple):
    """A pane of the reader's side column: what it lists and the key that shows it."""

    id: str
    key: str
    chinese: str
    english: str
    tooltip: str
    shows: Literal["entities", "events", "figures", "map"] = "entities"
    #: Made the first time it is shown rather than after the first frame (the map's code and
    #: outlines are not worth loading for a reader who never opens it).
    lazy: bool = False

    @property
    def kinds(self) -> tuple[str, ...]:
        """The kinds it lists, in registry order (the map lists none: it draws the regions)."""
        return tuple(key for key, kind in KINDS.items() if kind.pane == self.id)


#: The side panes in the order of their number keys (1 is the sections pane, 0 the article).
PANES: tuple[Pane, ...] = (
    Pane("regions", "2", "城市", "Cities", "城市 Cities, provinces, districts, SARs and other regions"),
    Pane("companies", "3", "企業", "Companies", "企業 Companies"),
    Pane(
        "organizations",
        "4",
        "機構",
        "Organizations",
        "機構 Government bodies, labs, exchanges, standards groups, media",
    ),
    Pane("people", "5", "人物", "People", "人物 People"),
    Pane("policies", "6", "政策", "Policies", "政策 Laws, plans, programmes, and products"),
    Pane(
        "timeline",
        "7",
        "時間線",
        "Timeline",
        "時間線 Dated events; （推定） marks a date the article gives only in part",
        shows="events",
    ),
    Pane(
        "figures",
        "8",
        "數據",
        "Figures",
        "數據 The article's numbers as bar charts; ⚠ marks numbers it gets wrong",
        shows="figures",
    ),
    Pane(
        "map",
        "9",
        "地圖",
        "Map",
        "地圖 Map: every place on an outline of China; arrows move, +/- zoom",
        shows="map",
        lazy=True,
    ),
)

#: Panes by id.
PANES_BY_ID: dict[str, Pane] = {pane.id: pane for pane in PANES}


def pane_of(kind: str) -> str:
    """The id of the pane that lists entries of ``kind``."""
    return KINDS[kind].pane
