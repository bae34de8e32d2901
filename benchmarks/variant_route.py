"""How to make a Traditional article's regional variants: the measurement behind the route.

For a pack's article (default: the bundled one) and each Traditional variant, three routes:
``mixed`` applies s2t/s2tw/s2hk to the original as mixed text (the route mudu-tui takes),
``round-trip`` goes through Simplified first (t2s, then s2x), ``variants`` applies only the
regional-variant configs (t2tw, t2hk). For each: characters changed, the mainland forms the
pack's note lists that are left, and where round-trip and mixed disagree.

    python benchmarks/variant_route.py [PACK]
"""

from __future__ import annotations

import re
import sys
from difflib import SequenceMatcher
from pathlib import Path

from mudu_tui.model.opencc_adapter import DataOpenCC
from mudu_tui.model.pack import load_pack

ROUTES = {
    "traditional": ("s2t", None),
    "taiwan": ("s2tw", "t2tw"),
    "hongkong": ("s2hk", "t2hk"),
}


def _changes(before: str, after: str) -> list[str]:
    out = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if tag != "equal":
            out.append(f"{before[max(0, i1 - 1) : i2 + 1]}→{after[max(0, j1 - 1) : j2 + 1]}")
    return out


def main(argv: list[str]) -> int:
    pack = load_pack(Path(argv[0]) if argv else None)
    text = "\n".join([pack.article.title, *(s.title for s in pack.article.sections)])
    text += "\n" + "\n".join(p.text for p in pack.article.paragraphs)
    listed = [f for v in pack.index.script.verbatim for f in re.split(r"[、（）]", v) if f and f != "于"]
    t2s = DataOpenCC("t2s").convert(text)
    for variant, (config, regional) in ROUTES.items():
        routes = {"mixed": DataOpenCC(config).convert(text), "round-trip": DataOpenCC(config).convert(t2s)}
        if regional:
            routes["variants"] = DataOpenCC(regional).convert(text)
        print(f"== {variant}")
        for name, shown in routes.items():
            left = [f for f in listed if f in shown]
            changed = sum(a != b for a, b in zip(text, shown, strict=False))
            print(f"  {name:<10} {changed:3} changed; {len(left)}/{len(listed)} listed forms left {left}")
        differs = " ".join(_changes(routes["mixed"], routes["round-trip"]))
        print("  round-trip differs from mixed at:", differs)
    # What a round trip loses: correct Traditional whose Simplified form is ambiguous.
    for correct in ("名單於", "4天後", "乾隆"):
        trip = DataOpenCC("s2tw").convert(DataOpenCC("t2s").convert(correct))
        print(f"  {correct}: mixed {DataOpenCC('s2tw').convert(correct)}, round-trip {trip}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
