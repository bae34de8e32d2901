"""The text card `y` copies: names, summary, relations' names and its mentions' sentences.

The card goes to the clipboard as one OSC 52 escape sequence, so it is bounded: at most
``MAX_CARD_MENTIONS`` mentions, each sentence clipped to ``CONTEXT`` characters either side
of the mention, then "… N more". Building it is linear in what it shows (3,000 mentions in
one paragraph once made a 36 MB sequence).
"""

from __future__ import annotations

from collections.abc import Callable

from .model.reading import VariantText
from .model.safety import visible
from .model.script import Variant

#: Mentions the card lists; the rest are counted.
MAX_CARD_MENTIONS = 50
#: Characters of a mention's sentence kept either side of it.
CONTEXT = 60
#: The card as a whole, whatever the pack's summaries and notes hold.
MAX_CARD_CHARS = 32_000


def _clipped_sentence(text: VariantText, pid: str, start: int, end: int, c: Callable[[str], str]) -> str:
    """The sentence around a mention, at most ``CONTEXT`` characters either side, … where cut."""
    article = text.pack.article
    paragraph = article.paragraph(pid).text
    lo, hi, cut_before, cut_after = article.context_span(pid, start, end, CONTEXT)
    return ("…" if cut_before else "") + c(paragraph[lo:hi]) + ("…" if cut_after else "")


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
        for n, m in enumerate(mentions[:MAX_CARD_MENTIONS], start=1):
            lines.append(f"{n}. {_clipped_sentence(text, m.paragraph, m.start, m.end, c)}")
        if len(mentions) > MAX_CARD_MENTIONS:
            more = len(mentions) - MAX_CARD_MENTIONS
            lines.append(c(f"… 另有 {more} 處") + f" ({more} more)")
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
    card = "\n".join(lines) + "\n"
    return card if len(card) <= MAX_CARD_CHARS else card[: MAX_CARD_CHARS - 2] + "…\n"


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
