"""The seed and its repair (issue 2, part 2): content/article.md is exactly what
`mudu-tui repair` makes of the seed, and the repaired text reads as the author wrote it."""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from mudu_tui import cli
from mudu_tui.model.repair import RepairError, repair_text, simulate_misread

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_fc1c8b160e095227.txt"
SHARED_SEED = ROOT.parent / "shared" / "seeds" / SEED.name
ARTICLE = ROOT / "content" / "article.md"

# The five spans decoded one byte out of step: (seed line, repaired reading in context).
REPAIRED_SPANS = [
    (2, "據當地媒體報道"),
    (37, "更為當地人工智能產業發展"),
    (44, "拉動當地經濟"),
    (46, "與海口等地建立了數據標注基地"),
    (46, "帶動當地就業環境"),
]
# Characters the misread spans produced; none belongs to the article.
MOJIBAKE = set("孛襟厝斯ぶ悄墚亟诘鹊⒘藬鼐蜆")
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"


@pytest.fixture(scope="module")
def repaired() -> str:
    return repair_text(SEED.read_text("utf-8")).markdown


def _run(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "mudu_tui.cli", *args], cwd=ROOT, capture_output=True, timeout=60
    )


def test_repair_output_is_the_bundled_article_byte_for_byte() -> None:
    result = _run("repair", "seeds/000_fc1c8b160e095227.txt")
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout == ARTICLE.read_bytes()


def test_seed_is_the_shared_seed_byte_for_byte() -> None:
    if not SHARED_SEED.exists():
        pytest.skip(f"{SHARED_SEED} is not available here")
    assert SEED.read_bytes() == SHARED_SEED.read_bytes()


def _allowed(char: str) -> bool:
    code = ord(char)
    return (
        unicodedata.name(char, "").startswith("CJK UNIFIED IDEOGRAPH")
        or 0x3000 <= code <= 0x303F  # CJK punctuation: 、。「」《》
        or 0xFF00 <= code <= 0xFFEF  # full-width forms: ，：；？
        or char.isascii()
        and (char.isalnum() or char in "()。.+-*# \n")
        or char in "—“”"
    )


def test_no_gloss_and_no_mojibake_remains(repaired: str) -> None:
    strange = sorted({c for c in repaired if not _allowed(c)})
    assert not strange, f"characters outside the allowed set: {strange}"
    assert not re.search(rf"\([a-zü{_TONED}]+\)", repaired), "a pinyin gloss remains"
    assert not set(repaired) & MOJIBAKE
    assert "?" not in repaired  # every lost lead byte was explained
    # Latin letters only in the article's own words (AI, CEO, WAIC, "C位"), none left over
    # from a misread byte (the seed's spans end in stray "w", "a", "I").
    assert set(re.findall(r"[A-Za-z]+", repaired)) == {"AI", "CEO", "WAIC", "C"}


@pytest.mark.parametrize(("line", "reading"), REPAIRED_SPANS)
def test_each_repaired_span_reads_correctly(repaired: str, line: int, reading: str) -> None:
    assert reading in repaired
    # ...and the seed really was damaged there.
    assert reading not in SEED.read_text("utf-8").splitlines()[line - 1]


@pytest.mark.parametrize("kept", ["(資料圖)", "(合肥)", "(2018—2025年)", "(4.78萬家)", "(世界人工智能大會)"])
def test_real_parentheses_are_kept(repaired: str, kept: str) -> None:
    assert kept in repaired


def test_ascii_punctuation_in_chinese_prose_becomes_full_width(repaired: str) -> None:
    for paragraph in repaired.split("\n\n"):
        if re.search(r"[\u4e00-\u9fff]", paragraph):
            assert not re.search(r"[,:;?!]", paragraph), paragraph
    assert "爭做「模都」，中國城市有多拼？" in repaired
    assert "參考資料：" in repaired


def test_punctuation_rules_on_a_small_text() -> None:
    text = "產值約3,821億元,北京:深圳;廣州?杭州!好\nThe model, that is: fine\n"
    body = repair_text(text).markdown
    assert "3,821億元，北京：深圳；廣州？杭州！好" in body  # a comma between digits stays
    assert "The model, that is: fine" in body  # a Latin-only line is left alone


def test_glosses_are_removed_but_parentheses_are_not() -> None:
    body = repair_text("國家數(shù)據(jù)局在北京(合肥)發布了文件(2018—2025年)。\n").markdown
    assert "國家數據局在北京(合肥)發布了文件(2018—2025年)。" in body


@pytest.mark.parametrize("slip", ["科大訊成為了", "背后", "技術的的開發", "憑借著憑借"])
def test_the_articles_own_slips_stay(repaired: str, slip: str) -> None:
    assert slip in repaired


def test_structure_is_marked_up(repaired: str) -> None:
    assert repaired.startswith("# 爭做「模都」，中國城市有多拼？\n\n8月11日上午")
    headings = re.findall(r"^## (.+)$", repaired, flags=re.M)
    assert headings == [
        "爭做「模都」，中國城市有多拼？",
        "成為「模都」的不同路徑",
        "挑戰與機遇并存",
        "參考資料：",
        "關鍵詞：",
    ]
    assert "\n\n*(資料圖)*\n\n" in repaired
    references = "- 城市進化論：“模都”之戰打響，又一個城市洗牌機會？\n- 城市進化論：風口競逐，誰能晉級AI之城"
    assert f"\n{references}\n" in repaired


_REPORT_LINE = re.compile(r"^line (\d+): (mojibake|errata): '(.+)' -> '(.+)'$")


def test_report_lists_the_five_misaligned_spans_with_byte_evidence() -> None:
    result = _run("repair", "--report", "seeds/000_fc1c8b160e095227.txt")
    assert result.returncode == 0, result.stderr.decode()
    lines = result.stdout.decode("utf-8").splitlines()
    spans = [(i, m) for i, line in enumerate(lines) if (m := _REPORT_LINE.match(line))]
    assert [int(m.group(1)) for _, m in spans] == [2, 37, 44, 46, 46]
    for (i, m), (_, reading) in zip(spans, REPAIRED_SPANS, strict=True):
        before, after = m.group(3), m.group(4)
        assert "?" in before  # the damaged span as it stands in the seed
        assert after in reading
        evidence = lines[i + 1]
        assert evidence.startswith("    ")
        assert re.search(r"\b[0-9a-f]{2} [0-9a-f]{2} [0-9a-f]{2}\b", evidence), evidence
    assert re.search(r"^\d+ repairs: .*1 errata.*4 mojibake", lines[-1])


def test_simulate_misread_reproduces_the_errata_span() -> None:
    seed_line = SEED.read_text("utf-8").splitlines()[45]
    observed = "與??诘鹊亟⒘藬?shù)"
    assert observed in seed_line
    assert simulate_misread("與海口等地建立了數", "shù") == observed
    # The model is not a rubber stamp: another reading does not reproduce the span.
    assert simulate_misread("與海口等地建立了樹", "shù") != observed
    assert simulate_misread("當地媒體", "") == "當?孛襟w"


def test_unexplainable_span_after_an_ascii_character_is_a_clean_error(tmp_path: Path, capsys) -> None:
    seed = tmp_path / "seed.txt"
    seed.write_text("這是第一行。\n模型A?shù)據很好。\n", "utf-8")
    with pytest.raises(RepairError, match="line 2"):
        repair_text(seed.read_text("utf-8"))
    assert cli.main(["repair", str(seed)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert re.fullmatch(r"\S*seed\.txt: cannot repair: line 2: .+\n", captured.err), captured.err


def test_unexplainable_span_from_the_real_command_has_no_traceback(tmp_path: Path) -> None:
    seed = tmp_path / "seed.txt"
    seed.write_text("模型A?shù)據\n表情😀?shù)據\n", "utf-8")
    result = _run("repair", str(seed))
    assert result.returncode == 1
    err = result.stderr.decode("utf-8")
    assert "cannot repair" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_span_after_a_character_without_gbk_bytes_is_a_clean_error() -> None:
    with pytest.raises(RepairError, match="no GBK bytes"):
        repair_text("表情😀?shù)據\n")


def test_repair_of_a_missing_or_non_utf8_seed(tmp_path: Path, capsys) -> None:
    assert cli.main(["repair", str(tmp_path / "nope.txt")]) == 1
    assert "not found" in capsys.readouterr().err
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("國家數據局迎來了一批來自安徽的重要訪客".encode("gbk"))
    assert cli.main(["repair", str(gbk)]) == 1
    assert "looks like GBK" in capsys.readouterr().err


def test_a_lost_byte_after_a_character_ending_in_an_ascii_byte_is_a_clean_error() -> None:
    """丂 is 81 40 in GBK: its last byte is '@', so no character starts with it (found by
    hypothesis: this once raised a TypeError)."""
    from mudu_tui.model.repair import RepairError, repair_text

    with pytest.raises(RepairError):
        repair_text("丂?shù)")
