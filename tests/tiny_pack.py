"""A one-region pack written for a test: the smallest pack `check` accepts around one name."""

from __future__ import annotations

import json
from pathlib import Path


def one_region_pack(
    folder: Path, name: str, article: str, *, summary: str = "一個地方", en: str = "R"
) -> Path:
    """Write a pack to ``folder`` whose article is the paragraph ``article`` and whose one
    region (id ``r``) is called ``name``; return the folder."""
    folder.mkdir()
    (folder / "index.yaml").write_text(
        "schema: 1\ntitle: 題\narticle: article.md\nsource: 源\nlanguage: zh-Hant\n"
        f"regions:\n  - id: r\n    name: {json.dumps(name, ensure_ascii=False)}\n    en: {en}\n"
        f"    kind: city\n    lat: 1\n    lon: 2\n    summary: {json.dumps(summary, ensure_ascii=False)}\n",
        encoding="utf-8",
    )
    (folder / "article.md").write_text(f"# 題\n\n{article}\n", encoding="utf-8")
    return folder
