"""The text card `y` copies: names, summary, relations' names and every mention's sentence."""

from __future__ import annotations

from .model.reading import VariantText
from .model.safety import visible
from .model.script import Variant


def entity_card(text: VariantText, item: str, variant: Variant) -> str:
    """A plain-text card for an entity, event or figure, in ``variant``."""
    pack = text.pack

    def c(s: str) -> str:
        return visible(text.prose(s, variant))

    lines: list[str] = []
    if item in pack.entities:
        e = pack.entities[item]
        simplified = text.name(e, "simplified")
        lines.append(f"{visible(text.name(e, variant))} · {visible(e.en)}")
        from .model.search import entity_reading

        # The same tone-marked reading the details pane shows (hé féi, not he fei).
        lines.append(f"简 {visible(simplified)} · {visible(entity_reading(e))}")
        if e.aliases:
            lines.append(c("別名：") + "、".join(c(a) for a in e.aliases))
        lines.append(c(e.summary))
        if e.note:
            lines.append(c("注：") + c(e.note))
        mentions = pack.mentions_of(item)
        lines.append("")
        lines.append(c(f"提及 {len(mentions)} 次：") + f" ({len(mentions)} mentions)")
        for n, m in enumerate(mentions, start=1):
            lines.append(f"{n}. {c(pack.article.sentence_at(m.paragraph, m.start, m.end))}")
    elif item in pack.events:
        ev = pack.events[item]
        lines.append(c(f"{ev.label}{'（推定）' if ev.inferred else ''} {ev.summary}"))
        lines.append(c(f"「{ev.quote}」"))
        if ev.note:
            lines.append(c("注：") + c(ev.note))
    else:
        fig = pack.figures[item]
        lines.append(c(f"{fig.metric}：{fig.value_text}{fig.unit}"))
        lines.append(c(f"「{fig.quote}」"))
        if fig.note:
            lines.append(c("注：") + c(fig.note))
    lines.append("")
    lines.append(c(f"—— {pack.index.title}"))
    return "\n".join(lines) + "\n"


def sentence_citation(text: VariantText, variant: Variant, paragraph: int, start: int, end: int) -> str:
    """The sentence of paragraph ``paragraph`` (index) around ``start``..``end`` (offsets in
    ``variant``'s text), quoted, with the paragraph's id and the pack's source to cite it by."""
    from .model.article import sentence_bounds

    pack = text.pack
    shown, _ = text.paragraph(variant, paragraph)
    lo, hi = sentence_bounds(shown, start, end)
    pid = pack.article.paragraphs[paragraph].id
    source = visible(text.prose(pack.index.source, variant))
    return f"「{visible(shown[lo:hi])}」\n—— {source}，段 {pid}\n"
