"""A draft index for an article: what the finders found, joined into entries that pass
`mudu-tui check` as written, every one marked ``draft: true``.

Names are taken from the article as published, so every name is found again by the reader.
A name that the reader would never find on its own (it only stands inside a longer name) is
dropped, as is an entry left with no name; references to a dropped entry go with it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..model.article import Article
from ..model.mentions import Mention, MentionFinder, find_mentions
from ..model.script import convert
from . import gazetteer
from .dates import dates_in, last_year_in
from .entities import Found, find_bodies, find_listed_companies, find_people, find_regions
from .figures import amounts_in
from .text import Text, detect_script, read_texts

_KINDS = ("regions", "companies", "organizations", "people")
_DRAFT_ORDER = ("regions", "organizations", "companies", "people")
_ID_CHARS = re.compile(r"[^a-z0-9]+")
_CLAUSE = re.compile(r"[^，、：；「」『』（）()]+")
_LEADING_VERBS = re.compile(
    r"(?:分別為|分别为|達到|达到|約在|约在|超過|超过|達|达|為|为|約|约|在|是|有|近|逾|超)+$"
)


@dataclass
class _Entry:
    """An entity being drafted: its kind, names as written, and what the finders said."""

    kind: str
    key: str
    surfaces: list[str] = field(default_factory=list)
    founds: list[Found] = field(default_factory=list)
    id: str = ""

    def add(self, found: Found) -> None:
        self.founds.append(found)
        if found.surface not in self.surfaces:
            self.surfaces.append(found.surface)


class Drafter:
    """Builds the draft index of one article; :meth:`index` returns it as plain data."""

    def __init__(self, article: Article, markdown: str, source: str) -> None:
        self.article = article
        self.source = source
        self.language = detect_script(markdown)
        self.texts = read_texts(article)
        self._ids: set[str] = set()
        self.entries: list[_Entry] = []
        self.mentions: list[Mention] = []
        self._by_paragraph: dict[str, list[Mention]] = {}
        self._kept: set[str] = set()  # ids of the entries drafted so far

    # -- wording in the article's own script --------------------------------------------------

    def _say(self, traditional: str) -> str:
        """An editor's line (written in Traditional here) in the article's script."""
        return traditional if self.language == "zh-Hant" else convert(traditional, "simplified")

    # -- ids ----------------------------------------------------------------------------------

    def _new_id(self, hint: str, prefix: str = "") -> str:
        from pypinyin import lazy_pinyin

        words = lazy_pinyin(convert(hint, "simplified"), errors=lambda chars: chars)
        base = _ID_CHARS.sub("", "".join(words).lower())[:32] or "item"
        base = prefix + base
        candidate, n = base, 2
        while candidate in self._ids:
            candidate, n = f"{base}-{n}", n + 1
        self._ids.add(candidate)
        return candidate

    @staticmethod
    def _english(name: str, person: bool = False) -> str:
        """A romanisation for the ``en`` field until the author writes the English name."""
        from pypinyin import lazy_pinyin

        words = [w for w in lazy_pinyin(convert(name, "simplified"), errors=lambda chars: chars) if w.strip()]
        if person and len(words) > 1:
            return f"{words[0].title()} {''.join(words[1:]).title()}"
        text = "".join(words)
        return text[:1].upper() + text[1:]

    @classmethod
    def _region_english(cls, division: gazetteer.Division) -> str:
        """Hefei for 合肥市, Linping District for 临平区: a plain romanisation (陕西 comes out Shanxi)."""
        if division.short:
            return cls._english(division.short)
        for ending, english in (("区", " District"), ("县", " County"), ("市", "")):
            if division.name.endswith(ending) and len(division.name) > 2:
                return cls._english(division.name[: -len(ending)]) + english
        return cls._english(division.name)

    # -- entities -----------------------------------------------------------------------------

    def _collect(self) -> None:
        by_key: dict[str, _Entry] = {}
        claimed: dict[str, str] = {}  # Simplified surface -> entry key
        regions = find_regions(self.texts)
        mentioned = {d.code for f in regions for d in f.facts["options"] if d.name == f.key}
        for f in regions:
            options = f.facts["options"]
            # An ambiguous name means the division whose province or city is also named.
            division = next((d for d in options if d.parent_code in mentioned), options[0])
            key = f"region:{division.code}"
            self._add(by_key, claimed, key, f, {"division": division})
        for finder in (find_bodies, find_listed_companies, find_people):
            for f in finder(self.texts):
                self._add(by_key, claimed, f"{f.kind}:{f.key}", f, dict(f.facts))
        self.entries = list(by_key.values())

    @staticmethod
    def _add(
        by_key: dict[str, _Entry], claimed: dict[str, str], key: str, f: Found, facts: dict[str, Any]
    ) -> None:
        owner = claimed.setdefault(f.key, key)
        if owner != key:
            return  # a name already taken by an earlier finder (北京 is a region, not a company)
        entry = by_key.setdefault(key, _Entry(f.kind, key))
        entry.add(f._replace(facts=facts))

    def _settle_names(self) -> None:
        """Keep the names the reader finds on its own; drop entries left with none."""
        for _ in range(3):
            finder = MentionFinder((s, e.key) for e in self.entries for s in e.surfaces)
            self.mentions = find_mentions(self.article, finder)
            self._by_paragraph = _by_paragraph(self.mentions)
            found = Counter((m.entity, m.surface) for m in self.mentions)
            changed = False
            for e in self.entries:
                kept = [s for s in e.surfaces if found[(e.key, s)]]
                kept.sort(key=lambda s: -found[(e.key, s)])  # the commonest spelling is the name
                changed = changed or kept != e.surfaces
                e.surfaces = kept
            self.entries = [e for e in self.entries if e.surfaces]
            if not changed:
                return

    def _sentence_of(self, mention: Mention) -> str:
        return self.article.sentence_at(mention.paragraph, mention.start, mention.end)

    # -- the index ----------------------------------------------------------------------------

    def index(self) -> dict[str, Any]:
        """The draft index as plain data, ready for YAML."""
        self._collect()
        self._settle_names()
        first: dict[str, Mention] = {}
        for m in self.mentions:
            first.setdefault(m.entity, m)
        for e in self.entries:
            hint = e.surfaces[0]
            if e.kind == "regions":
                hint = e.founds[0].facts["division"].short or e.founds[0].facts["division"].name
            e.id = self._new_id(hint)
        by_key = {e.key: e for e in self.entries}
        out: dict[str, list[dict[str, Any]]] = {kind: [] for kind in _KINDS}
        # What an entry refers to is drafted before it: companies need regions, people need
        # organizations or companies; an entry that cannot be completed is left out.
        self._kept = set()
        for e in sorted(self.entries, key=lambda e: _DRAFT_ORDER.index(e.kind)):
            item = self._entity(e, by_key, first[e.key])
            if item is not None:
                out[e.kind].append(item)
                self._kept.add(e.id)
        for item in out["regions"]:
            if item.get("parent") not in self._kept:
                item.pop("parent", None)
        kept = self._kept
        self.mentions = [m for m in self.mentions if by_key[m.entity].id in kept]
        self._by_paragraph = _by_paragraph(self.mentions)
        return {
            "schema": 1,
            "title": self.article.title,
            "article": "article.md",
            "source": self.source,
            "language": self.language,
            "note": self._say(
                "草稿：由 mudu-tui init 自動起草，每個條目都標為 draft，"
                "請對照原文核對、補寫英文名與摘要後刪去 draft。"
            ),
            **out,
            "events": self._events(by_key, kept),
            "figures": self._figures(by_key, kept),
        }

    def _near(
        self, m: Mention, kind: str, by_key: dict[str, _Entry], before_only: bool = False
    ) -> str | None:
        """The id of the entity of ``kind`` mentioned nearest before ``m`` in its sentence,
        else in its paragraph, else (unless ``before_only``) just after it."""
        lo, hi = self.article.sentence_span(m.paragraph, m.start, m.end)
        same = [
            x for x in self._by_paragraph.get(m.paragraph, [])
            if by_key[x.entity].kind == kind and by_key[x.entity].id in self._kept
        ]  # fmt: skip
        for pool in (
            [x for x in same if lo <= x.start and x.end <= m.start],
            [x for x in same if x.end <= m.start],
            [] if before_only else [x for x in same if m.end <= x.start and x.end <= hi],
        ):
            if pool:
                return by_key[max(pool, key=lambda x: x.start).entity].id
        return None

    def _entity(self, e: _Entry, by_key: dict[str, _Entry], m: Mention) -> dict[str, Any] | None:
        item: dict[str, Any] = {"id": e.id, "name": e.surfaces[0]}
        if len(e.surfaces) > 1:
            item["aliases"] = e.surfaces[1:]
        item["en"] = self._english(e.surfaces[0], person=e.kind == "people")
        if e.kind == "regions":
            item["en"] = self._region_english(e.founds[0].facts["division"])
        facts = e.founds[0].facts
        notes: list[str] = []
        if e.kind == "regions":
            division: gazetteer.Division = facts["division"]
            item["kind"] = division.kind
            parent = by_key.get(f"region:{division.parent_code}")
            if parent is not None:
                item["parent"] = parent.id
            where = gazetteer.coordinates(division)
            if where is None:
                return None
            item["lat"], item["lon"] = where[0], where[1]
            if where[2] is not division:
                notes.append(f"地名庫無此地座標，暫用{convert(where[2].name, 'hongkong')}的座標。")
        elif e.kind == "companies":
            region = self._near(m, "regions", by_key)
            if region is None:
                region = self._commonest_region(by_key)
            if region is None:
                return None  # a company needs a home region, and the article names none
            item["region"] = region
            notes.append("所在地按文中最近提及的地區推定。")
        elif e.kind == "organizations":
            item["kind"] = facts.get("org_kind", "research")
            # A name that begins with a drafted region's name is at home there: 上海人工智能實驗室.
            homes = [
                (len(surface), r.id) for r in self.entries if r.kind == "regions" and r.id in self._kept
                for surface in r.surfaces if e.surfaces[0].startswith(surface)
            ]  # fmt: skip
            if homes:
                item["region"] = max(homes)[1]
        else:
            affiliation = self._near(m, "organizations", by_key, before_only=True) or self._near(
                m, "companies", by_key, before_only=True
            )
            if affiliation is None:
                return None  # a person needs an affiliation the article names
            item["role"] = facts.get("role") or self._say("（文中未說明）")
            item["affiliation"] = affiliation
            notes.append("所屬按同段之前最近提及的機構推定。")
        item["summary"] = self._sentence_of(m)
        if notes:
            item["note"] = self._say("".join(notes))
        item["draft"] = True
        return item

    def _commonest_region(self, by_key: dict[str, _Entry]) -> str | None:
        counts = Counter(
            m.entity for m in self.mentions
            if by_key[m.entity].kind == "regions" and by_key[m.entity].id in self._kept
        )  # fmt: skip
        return by_key[counts.most_common(1)[0][0]].id if counts else None

    def _involved(self, pid: str, lo: int, hi: int, by_key: dict[str, _Entry], kept: set[str]) -> list[str]:
        ids: list[str] = []
        for m in self._by_paragraph.get(pid, []):
            if lo <= m.start and m.end <= hi:
                eid = by_key[m.entity].id
                if eid in kept and eid not in ids:
                    ids.append(eid)
        return ids

    def _sentences(self) -> list[tuple[Text, int, int]]:
        return [(t, lo, hi) for t in self.texts for lo, hi in self.article.sentence_spans(t.paragraph.id)]

    def _events(self, by_key: dict[str, _Entry], kept: set[str]) -> list[dict[str, Any]]:
        events: list[dict[str, Any]] = []
        rank = {"day": 0, "month": 1, "year": 2}
        sentences = self._sentences()
        years = [last_year_in(t.original[lo:hi]) for t, lo, hi in sentences]
        for n, (t, lo, hi) in enumerate(sentences):
            sentence = t.original[lo:hi]
            # A date with no year takes the nearest year written before it, else after it.
            before = next((y for y in reversed(years[:n]) if y), None)
            after = next((y for y in years[n:] if y), None)
            dates = dates_in(sentence, before or after)
            if not dates:
                continue
            d = min(dates, key=lambda d: rank[d.precision])
            item: dict[str, Any] = {
                "id": self._new_id(d.date.replace("-", ""), prefix="ev"),
                "date": d.date,
                "precision": d.precision,
            }
            if d.inferred_from is not None:
                item["inferred"] = True
                where = "上" if before else "下"
                item["note"] = self._say(f"文中未給年份，按{where}文最近的{d.inferred_from}年推定。")
            clause = self._clause_at(sentence, d.start)
            item["summary"] = clause
            item["quote"] = sentence
            item["involves"] = self._involved(t.paragraph.id, lo, hi, by_key, kept)
            item["draft"] = True
            events.append(item)
        return events

    @staticmethod
    def _clause_at(sentence: str, at: int) -> str:
        for m in _CLAUSE.finditer(sentence):
            if m.start() <= at < m.end() and m.group().strip():
                return m.group().strip()
        return sentence

    def _figures(self, by_key: dict[str, _Entry], kept: set[str]) -> list[dict[str, Any]]:
        figures: list[dict[str, Any]] = []
        for t, lo, hi in self._sentences():
            sentence = t.original[lo:hi]
            for a in amounts_in(sentence):
                item: dict[str, Any] = {
                    "id": self._new_id(str(len(figures) + 1), prefix="fig"),
                    "metric": self._metric(sentence, a.start),
                    "value": a.value,
                    "unit": a.unit,
                }
                years = [d for d in dates_in(sentence[: a.start], None) if d.precision == "year"]
                if years:
                    item["year"] = int(years[-1].date)
                regions = [
                    m for m in self._by_paragraph.get(t.paragraph.id, [])
                    if lo <= m.start and m.end <= lo + a.start
                    and by_key[m.entity].kind == "regions" and by_key[m.entity].id in kept
                ]  # fmt: skip
                if regions:
                    item["region"] = by_key[regions[-1].entity].id
                item["quote"] = sentence
                item["draft"] = True
                figures.append(item)
        return figures

    @staticmethod
    def _metric(sentence: str, at: int) -> str:
        """What a number measures, as near as the text says: the words before it in its
        clause, without the verb that leads to it (分別為, 達到, 約在)."""
        clauses = [c for c in _CLAUSE.findall(sentence[:at]) if c.strip()]
        while clauses:
            words = _LEADING_VERBS.sub("", clauses[-1].strip())
            if len(words) >= 2:
                return words[-24:]
            clauses.pop()
        return sentence[:at].strip() or sentence


def _by_paragraph(mentions: list[Mention]) -> dict[str, list[Mention]]:
    found: dict[str, list[Mention]] = {}
    for m in mentions:
        found.setdefault(m.paragraph, []).append(m)
    return found
