"""What dictionaries cannot know, the pack says: phrase overrides per variant, verbatim text.

An index may carry a ``script`` block::

    script:
      overrides:              # per variant: phrase as the original writes it → how to show it
        simplified: {隨著: 随着}
        traditional: {4天后: 4天後}
      verbatim:               # text that never converts (a note quoting a form must stay true)
        - 「咨詢」為簡體寫法

Both apply wherever the pack's text is shown: the article, titles, summaries and notes. The
schema check here is about shape; ``occurrence_problems`` checks them against the text (each
phrase occurs; no override undoes another), once the article is loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, NamedTuple, cast

from .script import LANGUAGES, VARIANTS, Variant

#: The variants an override may name (the original is never converted).
OVERRIDE_VARIANTS: tuple[Variant, ...] = tuple(v for v in VARIANTS if v != "original")


def check_language(value: Any) -> str | None:
    """The schema check of ``language``: one of the scripts the reader knows."""
    if isinstance(value, str) and value in LANGUAGES:
        return None
    hint = ""
    if isinstance(value, str):
        # zh-hant, zh_TW, zh-Hant-TW: say which spelling was meant.
        folded = value.replace("_", "-").lower()
        near = [code for code in LANGUAGES if folded == code.lower() or folded.startswith(code.lower() + "-")]
        hint = f"; did you mean {near[0]!r}?" if near else ""
    return f"must be one of {', '.join(LANGUAGES)} (the script the article is published in){hint}"


def check_block(value: Any) -> str | None:
    """The schema check of the ``script`` block's shape."""
    if not isinstance(value, dict):
        return "must be a mapping with 'overrides' and/or 'verbatim'"
    unknown = [k for k in value if k not in ("overrides", "verbatim")]
    if unknown:
        return f"has an unknown key {unknown[0]!r}; it may hold 'overrides' and 'verbatim'"
    overrides = value.get("overrides", {})
    if not isinstance(overrides, dict):
        return "'overrides' must map variants to {phrase: replacement}"
    for variant, table in overrides.items():
        if variant not in OVERRIDE_VARIANTS:
            return f"'overrides' names {variant!r}; variants are {', '.join(OVERRIDE_VARIANTS)}"
        if not isinstance(table, dict) or not all(
            isinstance(k, str) and k and isinstance(v, str) and v for k, v in table.items()
        ):
            return f"'overrides' of {variant!r} must map phrases to non-empty replacements"
    verbatim = value.get("verbatim", [])
    if not isinstance(verbatim, list) or not all(isinstance(v, str) and v for v in verbatim):
        return "'verbatim' must be a list of non-empty strings"
    return None


class ScriptRules(NamedTuple):
    """A pack's phrase overrides (per variant) and verbatim texts, as validated."""

    overrides: dict[str, dict[str, str]] = {}
    verbatim: tuple[str, ...] = ()

    @classmethod
    def from_data(cls, value: Any) -> ScriptRules:
        """The rules of a ``script`` block that passed ``check_block`` (or None)."""
        if not value:
            return cls()
        overrides = {v: dict(t) for v, t in (value.get("overrides") or {}).items()}
        return cls(overrides, tuple(value.get("verbatim") or ()))

    def spans(self, text: str, variant: Variant) -> list[tuple[int, int, str]]:
        """(start, end, shown) for each verbatim text and override in ``text``, sorted and not
        overlapping. Verbatim text wins over an override; a longer phrase over a shorter."""
        if variant == "original":
            return []
        table = self.overrides.get(variant, {})
        by_length = sorted(table.items(), key=lambda pair: -len(pair[0]))
        return place([(p, p) for p in self.verbatim] + by_length, text)


def place(pairs: Iterable[tuple[str, str]], text: str) -> list[tuple[int, int, str]]:
    """(start, end, shown) for every occurrence in ``text`` of each (phrase, shown) pair, in the
    order given, that overlaps no occurrence placed before it; sorted by start."""
    taken: list[tuple[int, int, str]] = []
    for phrase, shown in pairs:
        at = text.find(phrase)
        while at >= 0:
            end = at + len(phrase)
            if not any(s < end and at < e for s, e, _ in taken):
                taken.append((at, end, shown))
            at = text.find(phrase, at + 1)
    return sorted(taken)


def merge_spans(
    fixed: list[tuple[int, int, str]], names: Iterable[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """``fixed`` spans plus those of ``names`` that overlap none of them, sorted."""
    if not fixed:
        return sorted(names)
    kept = [n for n in names if not any(s < n[1] and n[0] < e for s, e, _ in fixed)]
    return sorted([*fixed, *kept])


def occurrence_problems(
    rules: ScriptRules, texts: list[str], problem: Callable[[tuple[str | int, ...], str], None]
) -> None:
    """Report each override phrase and verbatim text that occurs in none of ``texts`` (the
    article and the index's prose), and each override another undoes."""
    joined = "\n".join(texts)
    for i, phrase in enumerate(rules.verbatim):
        if phrase not in joined:
            problem(("script", "verbatim", i), f"verbatim text {phrase!r} occurs nowhere in the pack")
    for variant, table in rules.overrides.items():
        # An override to the phrase itself is allowed: it keeps the phrase as written in one
        # variant, where verbatim would keep it in all.
        for phrase, shown in table.items():
            where = ("script", "overrides", variant, phrase)
            if phrase not in joined:
                problem(where, f"override phrase {phrase!r} occurs nowhere in the pack")
            for other, other_shown in table.items():
                # Inside a longer phrase the shorter override never applies: the longer one
                # must carry the same fix, or it undoes it.
                if other != phrase and phrase in other and shown not in other_shown:
                    problem(
                        ("script", "overrides", variant, other),
                        f"override {other!r} → {other_shown!r} undoes {phrase!r} → {shown!r}",
                    )


def index_prose(index: Any) -> list[str]:
    """Every piece of prose the index shows: title, note, summaries, notes, labels."""
    texts: list[str] = [index.title, index.note or ""]
    for e in index.entities.values():
        texts += [e.summary, e.note or ""]
    for ev in index.events:
        texts += [ev.summary, ev.note or ""]
    for fig in index.figures:
        texts += [fig.metric, fig.note or "", fig.label or ""]
    return cast(list[str], [t for t in texts if t])
