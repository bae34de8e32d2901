"""Generate the large benchmark pack: the bundled article repeated, with generated entities.

By default the size the pack limits were first measured at (``mudu_tui/model/limits.py``):
the bundled article 12× over with 600 generated companies, an index of about 115 KB, under
the index limit of 128 KB of the time (8 MB since issue #18).

Every copy of the article is followed by a paragraph that names fifty generated companies, so
each generated entity has real mentions. Nothing here is committed: the pack is written to a
folder given on the command line (``benchmarks/large-pack/`` by default, git-ignored).
"""

from __future__ import annotations

import argparse
import itertools
import re
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
_POOL = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水火土天地玄黃宇宙洪荒日月盈昃宿列張"


def generated_names(count: int) -> list[str]:
    """``count`` distinct three-character names ending in 科技 (e.g. 甲乙丙科技)."""
    combos = itertools.product(_POOL, repeat=3)
    return ["".join(c) + "科技" for c in itertools.islice(combos, count)]


#: The default size: the largest the index limit of 128 KB allowed.
COPIES = 12
ENTITIES = 50 * COPIES


def make_large_pack(out: Path, copies: int = COPIES, entities: int = ENTITIES) -> Path:
    """Write the large pack to ``out`` and return its folder."""
    source = ROOT / "content"
    index = yaml.safe_load((source / "index.yaml").read_text("utf-8"))
    article = (source / "article.md").read_text("utf-8")
    title, body = article.split("\n", 1)
    names = generated_names(entities)
    per_copy = -(-entities // copies)
    parts = [title, ""]
    for n in range(copies):
        # Headings stay distinct so the sections pane lists every copy.
        copy = re.sub(r"^## (.+)$", lambda m, n=n: f"## {m.group(1)}（{n + 1}）", body, flags=re.M)
        parts.append(copy.strip("\n"))
        chunk = names[n * per_copy : (n + 1) * per_copy]
        if chunk:
            parts.append("本段另有：" + "、".join(chunk) + "。")
    out.mkdir(parents=True, exist_ok=True)
    (out / "article.md").write_text("\n\n".join(parts) + "\n", "utf-8")
    index["companies"] = list(index["companies"]) + [
        {
            "id": f"gen{n:05d}",
            "name": name,
            "en": f"Generated Tech {n}",
            "summary": f"基準測試用的虛構企業第{n}號。",
            "region": "hefei",
        }
        for n, name in enumerate(names)
    ]
    (out / "index.yaml").write_text(yaml.safe_dump(index, allow_unicode=True, sort_keys=False), "utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", nargs="?", type=Path, default=ROOT / "benchmarks" / "large-pack")
    parser.add_argument("--copies", type=int, default=COPIES)
    parser.add_argument("--entities", type=int, default=ENTITIES)
    args = parser.parse_args()
    if args.out.exists():
        shutil.rmtree(args.out)
    print(make_large_pack(args.out, args.copies, args.entities))


if __name__ == "__main__":
    main()
