"""A pack: a folder with ``index.yaml`` and its article, loaded, validated and cross-linked."""

from __future__ import annotations

import hashlib
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from .article import Article, parse_article
from .collection_hold import collection_held
from .errors import PackError, Problem
from .index import Entity, Event, Figure, Index
from .kinds import KINDS, NAMED_KINDS
from .limits import MAX_MENTIONS, MAX_PARAGRAPH_CHARS, MAX_PARAGRAPHS, REASON
from .located import Located
from .mentions import Mention, MentionFinder, find_mentions
from .numerals import read_numbers, states_value
from .script_overrides import index_prose, occurrence_problems
from .textfile import MAX_ARTICLE_BYTES, MAX_INDEX_BYTES, read_text
from .validate import validate_index

INDEX_NAME = "index.yaml"


class Span(NamedTuple):
    """Where a quote stands: a paragraph and the characters ``start``..``end``."""

    paragraph: str
    start: int
    end: int


class _Links(NamedTuple):
    """The links of an index by item id."""

    direct: dict[str, set[str]]
    """Relations both ways, plus events and figures and what they involve."""
    below: dict[str, set[str]]
    """The events and figures linked to what points at an entity."""
    referrers: dict[str, list[tuple[str, str]]]
    """The entities whose relations point at an entity, in index order, with their labels."""


@dataclass
class Pack:
    """A loaded pack: the index, the article, and every mention and quote located."""

    folder: Path
    index: Index
    article: Article
    mentions: list[Mention]
    event_spans: dict[str, Span]
    figure_spans: dict[str, Span]
    digest: str
    warnings: list[Problem] = field(default_factory=list)
    """What ``check`` points out without refusing the pack (a title the article words otherwise)."""
    _by_entity: dict[str, list[Mention]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        by_entity: dict[str, list[Mention]] = defaultdict(list)
        for m in self.mentions:
            by_entity[m.entity].append(m)
        self._by_entity = dict(by_entity)

    @property
    def entities(self) -> dict[str, Entity]:
        """Every named entity by id."""
        return self.index.entities

    @cached_property
    def events(self) -> dict[str, Event]:
        """Every event by id, in date order."""
        return {e.id: e for e in self.index.events}

    @cached_property
    def figures(self) -> dict[str, Figure]:
        """Every figure by id."""
        return {f.id: f for f in self.index.figures}

    def is_draft(self, item_id: str) -> bool:
        """Whether an entity, event or figure is still a draft of `mudu-tui init`."""
        item = self.entities.get(item_id) or self.events.get(item_id) or self.figures.get(item_id)
        return bool(item is not None and item.draft)

    def mentions_of(self, entity_id: str) -> list[Mention]:
        """The mentions of one entity in reading order."""
        return self._by_entity.get(entity_id, [])

    def mentions_in(self, index: int) -> list[Mention]:
        """The mentions in paragraph ``index`` (0-based). Mentions are in reading order, so two
        bisections find them: drawing a page of a book needs no pass over all its mentions."""
        position = self.article.position

        def where(m: Mention) -> int:
            return position(m.paragraph)

        lo = bisect_left(self.mentions, index, key=where)
        return self.mentions[lo : bisect_right(self.mentions, index, lo=lo, key=where)]

    @cached_property
    def _paragraph_entities(self) -> dict[str, set[str]]:
        found: dict[str, set[str]] = defaultdict(set)
        for m in self.mentions:
            found[m.paragraph].add(m.entity)
        return dict(found)

    @cached_property
    def _links(self) -> _Links:
        """Every link of the index, worked out once in one pass (a selection asks for one
        item's; with 50,000 entities, working them out per selection took 50 ms)."""
        links: dict[str, set[str]] = defaultdict(set)
        referrers: dict[str, dict[str, str]] = defaultdict(dict)  # target: {id: label}
        for e in self.index.entities.values():
            label = KINDS[e.kind].label_of(e.attrs.get("kind"))
            for _, target in e.relations:
                links[e.id].add(target)
                links[target].add(e.id)
                referrers[target][e.id] = label
        for ev in self.index.events:
            for target in ev.involves:
                links[ev.id].add(target)
                links[target].add(ev.id)
        for fig in self.index.figures:
            for target in (*fig.involves, *([fig.region] if fig.region else [])):
                links[fig.id].add(target)
                links[target].add(fig.id)
        # What an entity's children (whatever points at it) link to beyond entities: their
        # events and figures.
        entities = self.index.entities
        below: dict[str, set[str]] = defaultdict(set)
        for target, children in referrers.items():
            for child in children:
                below[target].update(x for x in links.get(child, ()) if x not in entities)
        listed = {target: [(label, c) for c, label in by_id.items()] for target, by_id in referrers.items()}
        return _Links(dict(links), dict(below), listed)

    def related(self, item_id: str) -> set[str]:
        """What is linked to ``item_id``: relations, events, figures and, for an entity, the
        events and figures of what belongs to it (合肥 → 科大訊飛 → its events). Only downward:
        杭州's parent 中國 is related, but not everything else in China."""
        links = self._links
        result = links.direct.get(item_id, set()) | links.below.get(item_id, set())
        result.discard(item_id)
        return result

    def referrers(self, item_id: str) -> list[tuple[str, str]]:
        """The entities whose relations point at ``item_id`` (its companies, people,
        districts) in index order, each with its label (企業, 區) before its id."""
        return self._links.referrers.get(item_id, [])

    def prepare(self) -> None:
        """Work out now what the first selection would otherwise wait for (the links)."""
        self._links  # noqa: B018  (a cached property: reading it builds it)

    def cooccurring(self, entity_id: str) -> set[str]:
        """Entities mentioned in a paragraph that also mentions ``entity_id``."""
        result: set[str] = set()
        for m in self.mentions_of(entity_id):
            result |= self._paragraph_entities.get(m.paragraph, set())
        result.discard(entity_id)
        return result

    def counts(self) -> dict[str, int]:
        """How many of each thing the pack holds (for `check`'s summary)."""
        out = {kind: len(self.index.of_kind(kind)) for kind in NAMED_KINDS}
        out["mentions"] = len(self.mentions)
        out["events"] = len(self.index.events)
        out["figures"] = len(self.index.figures)
        out["paragraphs"] = len(self.article.paragraphs)
        return out


def bundled_pack_path() -> Path:
    """The pack shipped with mudu-tui (inside the wheel, or ``content/`` in a checkout)."""
    package = Path(__file__).resolve().parents[1]
    packaged = package / "content"  # where the wheel puts it
    return packaged if packaged.is_dir() else package.parent / "content"


def resolve_pack_path(path: Path | None) -> tuple[Path, Path]:
    """The pack folder and its index file, from a folder, an index file, or None (bundled)."""
    if path is None:
        path = bundled_pack_path()
    if path.is_dir():
        index = path / INDEX_NAME
        if not index.exists():
            raise PackError([Problem(path, f"no {INDEX_NAME} in this folder")])
        return path, index
    if not path.exists():
        raise PackError([Problem(path, "no such file or folder")])
    return path.parent, path


def _locate(article: Article, quote: str) -> Span | None:
    for p in article.paragraphs:
        at = p.text.find(quote)
        if at >= 0:
            return Span(p.id, at, at + len(quote))
    return None


def _check_text(
    doc: Located, index: Index, article: Article, source: Path
) -> tuple[list[Mention], dict[str, Span], dict[str, Span], list[Problem]]:
    problems: list[Problem] = []

    def problem(path: tuple[str | int, ...], message: str) -> None:
        where = doc.where(path)
        problems.append(Problem(source, message, *(where or (None, None))))

    owner: dict[str, str] = {}
    positions: dict[str, tuple[str, int]] = {}
    kinds_index = {kind: 0 for kind in NAMED_KINDS}
    for entity in index.entities.values():
        i = kinds_index[entity.kind]
        kinds_index[entity.kind] += 1
        positions[entity.id] = (entity.kind, i)
        for j, surface in enumerate(entity.names):
            path = (entity.kind, i, "name") if j == 0 else (entity.kind, i, "aliases", j - 1)
            if surface in owner and owner[surface] != entity.id:
                problem(path, f"{surface!r} is already a name of {owner[surface]!r}")
            owner.setdefault(surface, entity.id)

    full_text = "\n".join([p.text for p in article.paragraphs])
    finder = MentionFinder(owner.items(), chars=len(full_text))
    mentions = find_mentions(article, finder)
    seen = {m.surface for m in mentions}
    for entity in index.entities.values():
        kind, i = positions[entity.id]
        for j, surface in enumerate(entity.names):
            if surface in seen or owner.get(surface) != entity.id:
                continue
            path = (kind, i, "name") if j == 0 else (kind, i, "aliases", j - 1)
            what = "name" if j == 0 else "alias"
            if surface in full_text:
                longer = next(
                    (m.surface for m in mentions if surface in m.surface and m.surface != surface), None
                )
                inside = f"the longer name {longer!r}" if longer else "longer names"
                problem(path, f"{what} {surface!r} only occurs inside {inside}")
            else:
                problem(path, f"{what} {surface!r} never occurs in the article")

    occurrence_problems(index.script, [full_text, *index_prose(index)], problem)

    all_spans: dict[str, dict[str, Span]] = {}
    for kind, items in (("events", index.events), ("figures", index.figures)):
        # Events are kept in date order; problems point at their place in the file.
        # (The file may hold anything where an entry failed its schema: only mappings count.)
        entries = doc.data.get(kind)
        listed = enumerate(entries) if isinstance(entries, list) else iter(())
        order = {
            item["id"]: n for n, item in listed if isinstance(item, dict) and isinstance(item.get("id"), str)
        }
        spans = all_spans.setdefault(kind, {})
        for item in items:
            n = order.get(item.id, 0)
            span = _locate(article, item.quote)
            if span is None:
                problem((kind, n, "quote"), f"quote {item.quote!r} is not in the article")
                continue
            spans[item.id] = span
            if isinstance(item, Figure) and not states_value(item.quote, item.value, item.unit):
                found = "、".join(read_numbers(item.quote)) or "no number"
                problem(
                    (kind, n, "quote"),
                    f"quote does not state the value {item.value_text} {item.unit} (it reads: {found})",
                )
    return mentions, all_spans["events"], all_spans["figures"], problems


def _at_article_key(problem: Problem, index_path: Path, where: tuple[int | None, int | None]) -> Problem:
    """``problem`` (an article that is not there) as one at the index's ``article`` key: the
    name there is what to fix."""
    return Problem(index_path, f"'article' {problem.path.name!r}: {problem.message}", *where)


def _check_shape(article: Article, path: Path) -> None:
    """Refuse an article whose shape, not only its size, is beyond what the reader handles."""
    problems = []
    if len(article.paragraphs) > MAX_PARAGRAPHS:
        message = f"the article has {len(article.paragraphs):,} paragraphs; the limit is {MAX_PARAGRAPHS:,}"
        problems.append(Problem(path, f"{message}: {REASON}"))
    # Lengths first, then the paragraph: a book has tens of thousands.
    lengths = [len(p.text) for p in article.paragraphs]
    longest = article.paragraphs[lengths.index(max(lengths))]
    if len(longest.text) > MAX_PARAGRAPH_CHARS:
        message = (
            f"paragraph {longest.id} has {len(longest.text):,} characters; "
            f"the limit is {MAX_PARAGRAPH_CHARS:,} per paragraph"
        )
        problems.append(Problem(path, f"{message}: {REASON}"))
    if problems:
        raise PackError(problems)


def load_pack(path: Path | None = None, *, strict: bool = False) -> Pack:
    """Load and fully validate a pack; PackError with every problem found otherwise.

    Schema and text problems come out of one pass: the article's checks run on the entries
    that passed the schema, so an author sees everything at once. ``strict`` also refuses
    entries still marked as drafts."""
    folder, index_path = resolve_pack_path(path)
    return parse_pack(folder, index_path, strict=strict)[0]


def parse_pack(folder: Path, index_path: Path, *, strict: bool = False) -> tuple[Pack, str, Located]:
    """Read, parse and validate a pack: the pack, its index's text and the parsed index."""
    text = read_text(index_path, limit=MAX_INDEX_BYTES, what="index", why=REASON)
    from .yamlload import load_yaml  # PyYAML only when a pack is parsed, not read from cache

    with collection_held():
        doc = load_yaml(text, index_path)
        return build_pack(folder, index_path, text, doc, strict=strict), text, doc


def build_pack(folder: Path, index_path: Path, text: str, doc: Located, *, strict: bool = False) -> Pack:
    """Validate an index already parsed from ``text`` (``index_path``'s content) with its
    article, and build the pack; PackError with every problem found otherwise (``strict``:
    drafts too)."""
    with collection_held():
        return _build_pack(folder, index_path, text, doc, strict=strict)


def _build_pack(folder: Path, index_path: Path, text: str, doc: Located, *, strict: bool) -> Pack:
    index, problems = validate_index(doc, index_path, strict=strict)
    if index is None:
        raise PackError(problems)
    if not index.article:  # no article to check the text against
        raise PackError(problems)
    where = doc.where(("article",)) or (None, None)
    try:
        article_path = (folder / index.article).resolve()
        inside = folder.resolve() in article_path.parents
    except (OSError, ValueError, RuntimeError):  # a NUL in the name, a symlink loop
        raise PackError(
            [*problems, Problem(index_path, f"'article' {index.article!r} is not a valid file name", *where)]
        ) from None
    if not inside:
        outside = Problem(index_path, "'article' must name a file inside the pack folder", *where)
        raise PackError([*problems, outside])
    try:
        markdown = read_text(folder / index.article, limit=MAX_ARTICLE_BYTES, what="article", why=REASON)
    except PackError as exc:
        # A missing article is the index's to fix: the problem points at its `article` key.
        missing = not (folder / index.article).exists()
        found = [_at_article_key(p, index_path, where) if missing else p for p in exc.problems]
        raise PackError([*problems, *found]) from None
    article = parse_article(markdown, opening=index.opening, back_matter=index.back_matter)
    if not article.paragraphs:
        raise PackError([*problems, Problem(folder / index.article, "the article has no paragraphs")])
    try:
        _check_shape(article, folder / index.article)
    except PackError as exc:
        raise PackError([*problems, *exc.problems]) from None
    mentions, event_spans, figure_spans, text_problems = _check_text(doc, index, article, index_path)
    problems += text_problems
    if not problems and len(mentions) > MAX_MENTIONS:
        message = f"the names occur {len(mentions):,} times; the limit is {MAX_MENTIONS:,} mentions: {REASON}"
        problems.append(Problem(index_path, message))
    if problems:
        raise PackError(sorted(problems, key=lambda p: (str(p.path), p.line or 0, p.column or 0)))
    warnings = []
    if article.title and index.title != article.title:
        title_at = doc.where(("title",)) or (None, None)
        message = f"title {index.title!r} differs from the article's heading {article.title!r}"
        warnings.append(Problem(index_path, message, *title_at))
    digest = hashlib.sha256(text.encode() + b"\0" + markdown.encode()).hexdigest()[:16]
    return Pack(folder, index, article, mentions, event_spans, figure_spans, digest, warnings)
