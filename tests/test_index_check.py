"""The index and `mudu-tui check` (issue 2, parts 3 to 5): the bundled pack passes; every broken
pack fails with one `index.yaml:LINE:COL: message` per problem, exit 1, never a traceback."""

from __future__ import annotations

import codecs
import re
import subprocess
import sys
from pathlib import Path

import pytest

from mudu_tui.model.mentions import MentionFinder

ROOT = Path(__file__).resolve().parents[1]
PROBLEM = re.compile(r"^(?:.*/)?index\.yaml:(\d+):(\d+): (.+)$")


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """The 1-based line of the nth line containing ``needle``."""
    hits = [n for n, line in enumerate(text.splitlines(), start=1) if needle in line]
    assert len(hits) >= nth, f"{needle!r} not found {nth} times"
    return hits[nth - 1]


def problems_of(result) -> list[tuple[int, int, str]]:
    """(line, column, message) of every problem; fails unless every line has that form."""
    assert result.code == 1, result.out + result.err
    assert result.out == ""
    assert "Traceback" not in result.err
    lines = result.err.splitlines()
    count = len(lines) - 1
    assert lines[-1] == f"{count} problem{'s' if count != 1 else ''} found"
    parsed = []
    for line in lines[:-1]:
        m = PROBLEM.match(line)
        assert m, f"not of the form index.yaml:LINE:COL: message: {line!r}"
        parsed.append((int(m.group(1)), int(m.group(2)), m.group(3)))
    return parsed


def only_problem(result) -> tuple[int, int, str]:
    found = problems_of(result)
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------------------------------------
# The bundled pack


def test_check_bundled_pack_passes_with_summary_table(check, bundled_pack) -> None:
    result = check()  # no argument: the bundled pack
    assert result.code == 0, result.err
    assert result.err == ""
    lines = result.out.splitlines()
    assert lines[0].endswith("index.yaml: ok — 爭做「模都」，中國城市有多拼？")
    table = dict(re.fullmatch(r"\s+(\w+)\s+(\d+)", line).groups() for line in lines[1:])
    counts = bundled_pack.counts()
    assert {k: int(v) for k, v in table.items()} == counts
    for kind in ("regions", "companies", "organizations", "people", "policies", "products"):
        assert counts[kind] > 0, kind
    assert counts["mentions"] > 100 and counts["events"] >= 10 and counts["figures"] >= 10


def test_check_by_folder_or_index_file(check) -> None:
    assert check(ROOT / "content").code == 0
    assert check(ROOT / "content" / "index.yaml").code == 0


def test_mentions_locate_their_surface(bundled_pack) -> None:
    paragraphs = {p.id: p.text for p in bundled_pack.article.paragraphs}
    for m in bundled_pack.mentions:
        assert paragraphs[m.paragraph][m.start : m.end] == m.surface
        assert m.surface in bundled_pack.entities[m.entity].names
    for entity in bundled_pack.entities.values():
        assert bundled_pack.mentions_of(entity.id), f"{entity.id} is never mentioned"


def test_quotes_locate_in_the_article(bundled_pack) -> None:
    paragraphs = {p.id: p.text for p in bundled_pack.article.paragraphs}
    for kind, spans, items in (
        ("event", bundled_pack.event_spans, bundled_pack.events),
        ("figure", bundled_pack.figure_spans, bundled_pack.figures),
    ):
        assert set(spans) == set(items), kind
        for item_id, span in spans.items():
            assert paragraphs[span.paragraph][span.start : span.end] == items[item_id].quote
    for figure in bundled_pack.figures.values():
        assert figure.value_text in figure.quote


def test_check_runs_as_a_real_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mudu_tui.cli", "check"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "ok —" in result.stdout


# ---------------------------------------------------------------------------------------------
# Mentions: longest first, no overlaps, ASCII names whole


def test_mentions_never_overlap(bundled_pack) -> None:
    by_paragraph: dict[str, list[tuple[int, int]]] = {}
    for m in bundled_pack.mentions:
        by_paragraph.setdefault(m.paragraph, []).append((m.start, m.end))
    for spans in by_paragraph.values():
        spans.sort()
        for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
            assert end <= start


def test_longer_name_wins_over_the_shorter_inside_it(bundled_pack) -> None:
    lab = bundled_pack.mentions_of("shanghai_ai_lab")
    assert lab, "上海人工智能實驗室 is mentioned"
    shanghai = {(m.paragraph, m.start) for m in bundled_pack.mentions_of("shanghai")}
    for m in lab:
        assert m.surface == "上海人工智能實驗室"
        assert (m.paragraph, m.start) not in shanghai
    # Every 上海 outside a longer name is counted, and none inside one.
    longer = [e.name for e in bundled_pack.entities.values() if "上海" in e.name and e.name != "上海"]
    expected = 0
    for p in bundled_pack.article.paragraphs:
        text = p.text
        for name in longer:
            text = text.replace(name, "#" * len(name))
        expected += text.count("上海")
    assert expected > 0
    assert len(bundled_pack.mentions_of("shanghai")) == expected


def test_alibaba_full_name_alias_and_cloud(bundled_pack) -> None:
    surfaces = [m.surface for m in bundled_pack.mentions_of("alibaba")]
    assert "阿里巴巴" in surfaces and "阿里" in surfaces
    cloud = bundled_pack.mentions_of("alibaba_cloud")
    assert [m.surface for m in cloud] == ["阿里云"]
    assert not any(
        m.paragraph == cloud[0].paragraph and m.start == cloud[0].start
        for m in bundled_pack.mentions_of("alibaba")
    )


def test_mention_finder_is_leftmost_longest() -> None:
    finder = MentionFinder(
        [("阿里", "alibaba"), ("阿里巴巴", "alibaba"), ("阿里云", "cloud"), ("上海", "sh")]
    )
    found = finder.find("阿里巴巴與阿里云和阿里，上海")
    assert found == [
        (0, 4, "阿里巴巴", "alibaba"),
        (5, 8, "阿里云", "cloud"),
        (9, 11, "阿里", "alibaba"),
        (12, 14, "上海", "sh"),
    ]


def test_ascii_names_do_not_match_inside_numbers_or_words() -> None:
    finder = MentionFinder([("360", "qihoo"), ("AI", "ai")])
    text = "13600元、360、3601、A360、百度、360。AI與WAIC和AIs"
    found = [(start, surface) for start, _, surface, _ in finder.find(text)]
    assert found == [
        (text.index("、360、") + 1, "360"),
        (text.index("、360。") + 1, "360"),
        (text.index("AI與"), "AI"),
    ]


def test_qihoo_360_mentions_are_whole_numbers(bundled_pack) -> None:
    paragraphs = {p.id: p.text for p in bundled_pack.article.paragraphs}
    mentions = bundled_pack.mentions_of("qihoo360")
    assert len(mentions) == 2
    for m in mentions:
        text = paragraphs[m.paragraph]
        assert not text[m.start - 1].isdigit() and not text[m.end].isdigit()


# ---------------------------------------------------------------------------------------------
# Broken packs: each exits 1 with index.yaml:LINE:COL: message


def test_unknown_key_with_suggestion(make_pack, check) -> None:
    folder = make_pack(lambda t: t.replace("    lat: 31.8206", "    latt: 31.8206", 1))
    text = (folder / "index.yaml").read_text()
    found = problems_of(check(folder))
    assert (
        line_of(text, "latt:"),
        5,
        "unknown key 'latt' in regions[2] (hefei); did you mean 'lat'?",
    ) in found
    assert (line_of(text, "id: hefei"), 5, "regions[2] (hefei) is missing the required key 'lat'") in found


def test_unknown_top_level_key(make_pack, check) -> None:
    folder = make_pack(lambda t: t.replace("language: zh-Hant", "langauge: zh-Hant"))
    found = problems_of(check(folder))
    assert (5, 1, "unknown key 'langauge' in the index; did you mean 'language'?") in found


def test_missing_field(make_pack, check) -> None:
    folder = make_pack(lambda t: t.replace("    en: Hefei\n", "", 1))
    text = (folder / "index.yaml").read_text()
    assert only_problem(check(folder)) == (
        line_of(text, "id: hefei"),
        5,
        "regions[2] (hefei) is missing the required key 'en'",
    )


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("    lat: 31.8206", "    lat: north", "'lat' must be a number"),
        ("    aliases: [安徽省]", "    aliases: 安徽省", "'aliases' must be a list of non-empty strings"),
        ("    kind: city\n    parent: anhui", "    kind: town\n    parent: anhui", "'kind' must be one of"),
        ("schema: 2", "schema: two", "'schema' must be a whole number"),
        ("    name: 合肥", "    name: 12", "'name' must be a non-empty string"),
    ],
)
def test_wrong_type(make_pack, check, old: str, new: str, message: str) -> None:
    folder = make_pack(lambda t: t.replace(old, new, 1))
    text = (folder / "index.yaml").read_text()
    line, column, got = only_problem(check(folder))
    assert line == line_of(text, new.split("\n")[0])
    assert got.startswith(message), got


def test_kind_suggestion(make_pack, check) -> None:
    folder = make_pack(
        lambda t: t.replace("    kind: city\n    parent: anhui", "    kind: cty\n    parent: anhui")
    )
    assert only_problem(check(folder))[2].endswith("; did you mean 'city'?")


def test_duplicate_id_names_both_lines(make_pack, check) -> None:
    def duplicate_hefei(text: str) -> str:
        start = text.index("  - id: hefei\n")
        end = text.index("  - id: beijing\n")
        return text[:end] + text[start:end] + text[end:]

    folder = make_pack(duplicate_hefei)
    text = (folder / "index.yaml").read_text()
    first, second = line_of(text, "id: hefei"), line_of(text, "id: hefei", 2)
    line, column, message = only_problem(check(folder))
    assert (line, column) == (second, 5)
    assert message == f"duplicate id 'hefei' (first at line {first})"


def test_unknown_relation_suggests_the_nearest_id(make_pack, check) -> None:
    folder = make_pack(lambda t: t.replace("    region: hefei", "    region: hefie", 1))
    text = (folder / "index.yaml").read_text()
    assert only_problem(check(folder)) == (
        line_of(text, "region: hefie"),
        5,
        "unknown region 'hefie'; did you mean 'hefei'?",
    )


def test_relation_to_the_wrong_kind(make_pack, check) -> None:
    folder = make_pack(lambda t: t.replace("    region: hefei", "    region: baidu", 1))
    assert only_problem(check(folder))[2] == "'baidu' is a company, not a region"


def test_relation_to_itself(make_pack, check) -> None:
    folder = make_pack(lambda t: t.replace("    region: hefei", "    region: iflytek", 1))
    assert only_problem(check(folder))[2] == "'region' refers to the entry itself"


def test_relation_to_one_of_several_kinds(make_pack, check) -> None:
    folder = make_pack(lambda t: t.replace("    affiliation: ", "    affiliation: nowhere_", 1))
    message = only_problem(check(folder))[2]
    assert message.startswith("unknown organization, company or region 'nowhere_"), message


def test_unknown_id_in_a_list_points_at_the_item(make_pack, check) -> None:
    old = "    involves: [nda, anhui_data_bureau, zhu_cheng, anhui]"
    new = "    involves: [nda, anhui_data_bureau, zhu_chen, anhui]"
    folder = make_pack(lambda t: t.replace(old, new))
    text = (folder / "index.yaml").read_text()
    assert only_problem(check(folder)) == (
        line_of(text, new),
        new.index("zhu_chen") + 1,
        "unknown entity 'zhu_chen'; did you mean 'zhu_cheng'?",
    )


def test_alias_that_never_occurs(make_pack, check) -> None:
    folder = make_pack(lambda t: t.replace("    name: 合肥\n", "    name: 合肥\n    aliases: [合肥市]\n", 1))
    text = (folder / "index.yaml").read_text()
    line, _, message = only_problem(check(folder))
    assert line == line_of(text, "aliases: [合肥市]")
    assert message == "alias '合肥市' never occurs in the article"


def test_alias_only_inside_a_longer_name(make_pack, check) -> None:
    folder = make_pack(
        lambda t: t.replace("    name: 合肥\n", "    name: 合肥\n    aliases: [數據交易所]\n", 1)
    )
    text = (folder / "index.yaml").read_text()
    line, _, message = only_problem(check(folder))
    assert line == line_of(text, "aliases: [數據交易所]")
    assert message == "alias '數據交易所' only occurs inside the longer name '上海數據交易所'"


def test_name_given_to_two_entities(make_pack, check) -> None:
    folder = make_pack(lambda t: t.replace("    name: 合肥\n", "    name: 合肥\n    aliases: [北京]\n", 1))
    messages = [m for _, _, m in problems_of(check(folder))]
    assert any("'北京'" in m and "already a name of" in m for m in messages), messages


def test_quote_not_in_the_article(make_pack, check) -> None:
    old = "    quote: 出臺在2017年12月29日"
    folder = make_pack(lambda t: t.replace(old, "    quote: 出臺在2017年12月30日"))
    text = (folder / "index.yaml").read_text()
    assert only_problem(check(folder)) == (
        line_of(text, "quote: 出臺在2017年12月30日"),
        5,
        "quote '出臺在2017年12月30日' is not in the article",
    )


def test_figure_quote_without_its_number(make_pack, check) -> None:
    folder = make_pack(lambda t: t.replace("    quote: 上海約在3821億元左右", "    quote: 上海約在"))
    text = (folder / "index.yaml").read_text()
    assert only_problem(check(folder)) == (
        line_of(text, "quote: 上海約在"),
        5,
        "quote does not state the value 3821 億元 (it reads: no number)",
    )


def test_figure_value_is_matched_as_written(make_pack, check) -> None:
    # 3.98 萬家 written as 3.980 is still 3.98; written as 39.8 it is not in the quote.
    assert check(make_pack(lambda t: t.replace("value: 3.98", "value: 3.980"), name="a")).code == 0
    bad = make_pack(lambda t: t.replace("value: 3.98", "value: 39.8"), name="b")
    assert only_problem(check(bad))[2] == (
        "quote does not state the value 39.8 萬家 (it reads: 3.98萬、3.61萬、2.65萬)"
    )


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ('date: "2023-13-01"', "'date' is not a valid date (month must be in 1..12)"),
        ("date: 2023-02-30", "'date' is not a valid date (day is out of range for month)"),
        ('date: "yesterday"', "'date' must be a date: YYYY, YYYY-MM or YYYY-MM-DD"),
        ('date: "2023/08/11"', "'date' must be a date: YYYY, YYYY-MM or YYYY-MM-DD"),
    ],
)
def test_bad_date(make_pack, check, new: str, message: str) -> None:
    folder = make_pack(lambda t: t.replace('date: "2023-08-11"', new, 1))
    text = (folder / "index.yaml").read_text()
    assert only_problem(check(folder)) == (line_of(text, new), 5, message)


def test_unquoted_valid_date_is_accepted(make_pack, check) -> None:
    assert check(make_pack(lambda t: t.replace('date: "2023-08-11"', "date: 2023-08-11", 1))).code == 0


def test_precision_mismatch(make_pack, check) -> None:
    def edit(text: str) -> str:
        start = text.index("  - id: ev_anhui_visits_nda")
        return text[:start] + text[start:].replace("    precision: day", "    precision: month", 1)

    folder = make_pack(edit)
    text = (folder / "index.yaml").read_text()
    assert only_problem(check(folder)) == (
        line_of(text, "precision: month"),
        5,
        "precision 'month' does not agree with the date '2023-08-11'",
    )


def test_inferred_without_note(make_pack, check) -> None:
    def edit(text: str) -> str:
        start = text.index("  - id: ev_li_jinbin_2020")
        return text[:start] + text[start:].replace(
            "    precision: year\n", "    precision: year\n    inferred: true\n", 1
        )

    folder = make_pack(edit)
    text = (folder / "index.yaml").read_text()
    assert only_problem(check(folder)) == (
        line_of(text, "id: ev_li_jinbin_2020"),
        5,
        "an inferred date needs a 'note' saying how it was worked out",
    )


def test_many_problems_are_all_reported(make_pack, check) -> None:
    def edit(text: str) -> str:
        text = text.replace("    region: hefei", "    region: hefie", 1)
        text = text.replace("    lat: 31.8206", "    lat: north", 1)
        return text.replace("    quote: 上海約在3821億元左右", "    quote: 上海約在")

    messages = {message for _, _, message in problems_of(check(make_pack(edit)))}
    assert {"unknown region 'hefie'; did you mean 'hefei'?", "'lat' must be a number"} <= messages


def test_article_outside_the_pack_is_refused(make_pack, check) -> None:
    folder = make_pack(lambda t: t.replace("article: article.md", "article: ../../etc/passwd"))
    assert only_problem(check(folder)) == (3, 1, "'article' must name a file inside the pack folder")


def test_article_missing(make_pack, check) -> None:
    folder = make_pack(lambda t: t.replace("article: article.md", "article: nope.md"))
    result = check(folder)
    assert result.code == 1
    # The index's `article` key is what to fix: the problem points there.
    assert only_problem(result) == (3, 1, "'article' 'nope.md': article not found")


# ---------------------------------------------------------------------------------------------
# Paths, empty files and encodings


def test_missing_path(tmp_path: Path, check) -> None:
    result = check(tmp_path / "no-such-pack")
    assert result.code == 1
    assert result.err.splitlines() == [
        f"{tmp_path / 'no-such-pack'}: no such file or folder",
        "1 problem found",
    ]


def test_folder_without_index(tmp_path: Path, check) -> None:
    result = check(tmp_path)
    assert result.code == 1
    assert result.err.splitlines()[0] == f"{tmp_path}: no index.yaml in this folder"


@pytest.mark.parametrize("content", [b"", b"\n\n   \n", codecs.BOM_UTF8])
def test_empty_file(make_pack, check, content: bytes) -> None:
    folder = make_pack(index_bytes=content)
    result = check(folder)
    assert result.code == 1
    assert result.err.splitlines() == [f"{folder / 'index.yaml'}: the file is empty", "1 problem found"]


def test_comments_only(make_pack, check) -> None:
    folder = make_pack(index_bytes=b"# nothing here\n")
    result = check(folder)
    assert result.err.splitlines()[0] == f"{folder / 'index.yaml'}: expected exactly one YAML document"


def test_yaml_syntax_error_has_a_position(make_pack, check) -> None:
    folder = make_pack(lambda t: t.replace("    name: 合肥", "    name: [合肥", 1))
    line, _, message = problems_of(check(folder))[0]
    assert message.startswith("YAML syntax: ")
    assert line >= line_of((folder / "index.yaml").read_text(), "name: [合肥")


@pytest.mark.parametrize(
    ("codec", "name"),
    [
        ("gbk", "GBK"),
        ("big5", "Big5"),
        ("utf-16", "UTF-16"),
        ("utf-16-le", "UTF-16"),
        ("utf-16-be", "UTF-16"),
    ],
)
def test_index_in_another_encoding_names_it(make_pack, check, codec: str, name: str) -> None:
    text = (ROOT / "content" / "index.yaml").read_text("utf-8")
    line, column, message = only_problem(check(make_pack(index_bytes=text.encode(codec, "replace"))))
    assert message.startswith("index is not UTF-8")
    assert f"it looks like {name}; convert it with `iconv -f {name} -t UTF-8`" in message


def test_ascii_index_in_utf16_is_named(make_pack, check) -> None:
    # UTF-16 of ASCII text is valid UTF-8 full of NULs.
    result = check(make_pack(index_bytes="schema: 1\ntitle: x\n".encode("utf-16-le")))
    assert "it looks like UTF-16" in only_problem(result)[2]


@pytest.mark.parametrize(("codec", "name"), [("gbk", "GBK"), ("big5", "Big5"), ("utf-16", "UTF-16")])
def test_article_in_another_encoding_names_it(make_pack, check, codec: str, name: str) -> None:
    folder = make_pack()
    md = folder / "article.md"
    md.write_bytes(md.read_text("utf-8").encode(codec, "replace"))
    result = check(folder)
    assert result.code == 1
    first = result.err.splitlines()[0]
    assert re.match(r".*/article\.md:\d+:\d+: article is not UTF-8 ", first), first
    assert f"it looks like {name}" in first


def test_utf8_with_bom_is_accepted(make_pack, check) -> None:
    folder = make_pack(index_bytes=codecs.BOM_UTF8 + (ROOT / "content" / "index.yaml").read_bytes())
    md = folder / "article.md"
    md.write_bytes(codecs.BOM_UTF8 + md.read_bytes())
    result = check(folder)
    assert result.code == 0, result.err


def test_model_imports_no_textual() -> None:
    code = (
        "import importlib, pkgutil, sys\n"
        "import mudu_tui.model as m\n"
        "names = [i.name for i in pkgutil.iter_modules(m.__path__, 'mudu_tui.model.')]\n"
        "assert len(names) >= 8, names\n"
        "for name in names:\n"
        "    importlib.import_module(name)\n"
        "import mudu_tui.model.pack as p\n"
        "p.load_pack()\n"
        "bad = sorted(k for k in sys.modules if k == 'textual' or k.startswith('textual.'))\n"
        "assert not bad, bad\n"
        "print(len(names))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) >= 8


def test_related_goes_down_to_what_belongs_to_an_entity_not_up() -> None:
    """合肥 reaches 科大訊飛's events; 杭州 reaches its parent 中國 but not China's figures."""
    from mudu_tui.model.pack import load_pack

    pack = load_pack()
    hefei = pack.related("hefei")
    assert {"iflytek", "cxmt", "anhui"} <= hefei
    assert "ev_spark2_launch" in hefei  # iflytek's event, one step down
    hangzhou = pack.related("hangzhou")
    assert "china" in hangzhou and "alibaba" in hangzhou
    china_only = {f.id for f in pack.index.figures if f.region == "china"}
    assert china_only and not (china_only & hangzhou)
