"""Any article as a pack (issue 14): the tests' own Simplified pack, declared charts with
values in 亿 and 万亿, the wider kinds, `check` in one pass, schema versions, `i` and `--watch`."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from readme_tables import README, table_after

from mudu_tui.model.article import opening_name
from mudu_tui.model.charts import compatible, in_unit, parse_unit
from mudu_tui.model.errors import PackError
from mudu_tui.model.index import Figure
from mudu_tui.model.kinds import CHART_FIELDS, CHART_KINDS, NAMED_KINDS, SCHEMA
from mudu_tui.model.pack import load_pack
from mudu_tui.model.validate import validate_index
from mudu_tui.model.yamlload import load_yaml

ROOT = Path(__file__).resolve().parents[1]
BAY = Path(__file__).resolve().parent / "packs" / "bay"


@pytest.fixture
def bay(tmp_path: Path) -> Callable[..., Path]:
    """A copy of the bay pack with its index passed through ``edit``."""

    def make(edit: Callable[[str], str] | None = None) -> Path:
        folder = tmp_path / "bay"
        shutil.copytree(BAY, folder)
        if edit is not None:
            index = folder / "index.yaml"
            text = index.read_text("utf-8")
            changed = edit(text)
            assert changed != text, "the edit changed nothing"
            index.write_text(changed, "utf-8")
        return folder

    return make


def problems(folder: Path) -> list[str]:
    with pytest.raises(PackError) as caught:
        load_pack(folder)
    return [p.message for p in caught.value.problems]


# -- the bay pack ----------------------------------------------------------------------------


def test_the_simplified_pack_has_something_in_every_pane() -> None:
    pack = load_pack(BAY)
    assert pack.index.language == "zh-Hans"
    for kind in ("regions", "companies", "organizations", "people", "policies"):
        assert pack.index.of_kind(kind), kind
    assert pack.index.events and pack.index.figures
    kinds = {e.attrs["kind"] for e in pack.index.of_kind("regions")}
    assert {"sar", "area", "foreign", "county", "district"} <= kinds
    assert {e.attrs["kind"] for e in pack.index.of_kind("policies")} >= {"report", "bulletin"}
    # A person may belong to a region.
    assert ("affiliation", "guangzhou") in pack.entities["guo_ming"].relations
    for entity in pack.entities.values():
        assert pack.mentions_of(entity.id), entity.id


def test_sections_come_from_the_article_and_the_pack() -> None:
    pack = load_pack(BAY)
    sections = [(s.title, s.level) for s in pack.article.sections]
    assert sections[0] == ("开篇", 2)  # the pack names the opening
    assert ("县域的机会", 3) in sections  # a ### heading is a section, not paragraph text
    assert [p.kind for p in pack.article.paragraphs][-2:] == ["reference", "reference"]  # 参考资料


# -- units and charts ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "unit,scale,base",
    [
        ("億元", 1e8, "元"),
        ("万亿元", 1e12, "元"),
        ("萬億元", 1e12, "元"),
        ("萬家", 1e4, "家"),
        ("%", 1, "%"),
        ("％", 1, "%"),
        ("個", 1, "个"),
        ("年", 1, "年"),
        ("万亿港元", 1e12, "港元"),
    ],
)
def test_units_split_into_scale_and_base(unit: str, scale: float, base: str) -> None:
    assert parse_unit(unit) == (scale, base)


def test_values_compare_in_one_unit() -> None:
    three = Figure("a", "m", 3, "萬億元", "q")
    five_thousand = Figure("b", "m", 5000, "億元", "q")
    assert in_unit(three, "億元") == 30000
    assert in_unit(five_thousand, "億元") == 5000
    assert in_unit(five_thousand, "萬億元") == 0.5
    assert compatible("億元", "万亿元") and not compatible("億元", "家")
    assert not compatible("万亿元", "万亿港元")


def test_a_bar_chart_mixing_units_is_refused_with_its_line(bay) -> None:
    folder = bay(lambda t: t.replace("    disputed: true\n", "    chart: gdp\n    disputed: true\n", 1))
    found = problems(folder)
    why = "unit '万亿港元' does not compare with the chart's '亿元'"
    assert found == [f"{why} ('gdp' draws bars; use kind: list)"]


def test_a_figure_naming_an_undeclared_chart_gets_a_did_you_mean(bay) -> None:
    folder = bay(lambda t: t.replace("    chart: world\n", "    chart: wrold\n", 1))
    assert problems(folder) == ["'chart': unknown chart 'wrold'; did you mean 'world'?"]


def test_a_chart_of_kind_list_takes_any_units() -> None:
    pack = load_pack(BAY)
    units = {f.unit for f in pack.index.figures if f.chart == "world"}
    assert len({parse_unit(u).base for u in units}) > 1
    assert pack.index.charts["world"].kind == "list"


def test_the_bundled_charts_are_declared_in_its_pack(bundled_pack) -> None:
    charts = bundled_pack.index.charts
    assert set(charts) == {f.chart for f in bundled_pack.index.figures if f.chart}
    source = "\n".join(p.read_text("utf-8") for p in (ROOT / "mudu_tui").rglob("*.py"))
    for chart in charts.values():
        assert chart.title not in source, chart.title  # titles live in the pack, not the code


# -- check in one pass -----------------------------------------------------------------------


def test_schema_and_text_problems_come_out_of_one_run(bay, check) -> None:
    def edit(text: str) -> str:
        text = text.replace("    lat: 22.3193", "    lat: north", 1)  # schema
        text = text.replace("    name: 腾讯", "    name: 腾讯控股", 1)  # text: never in the article
        return text.replace("language: zh-Hans", "language: zh-XX", 1)

    folder = bay(edit)
    result = check(folder)
    assert result.code == 1
    lines = result.err.splitlines()
    assert lines[-1] == "3 problems found"
    index = folder / "index.yaml"
    text = index.read_text("utf-8")

    def at(needle: str) -> str:
        line = next(n for n, row in enumerate(text.splitlines(), 1) if needle in row)
        return f"{index}:{line}:"

    assert lines[0].startswith(at("language: zh-XX")) and "must be one of zh-Hant" in lines[0]
    assert lines[1].startswith(at("lat: north")) and lines[1].endswith("'lat' must be a number")
    assert lines[2].startswith(at("name: 腾讯控股"))
    assert lines[2].endswith("name '腾讯控股' never occurs in the article")


def test_problems_name_the_file_as_the_user_gave_it(bay, check, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = bay(lambda t: t.replace("    lat: 22.3193", "    lat: north", 1))
    monkeypatch.chdir(folder.parent)
    result = check("bay")
    assert result.err.splitlines()[0].startswith("bay/index.yaml:")


def test_messages_use_an_before_a_vowel(bay) -> None:
    folder = bay(lambda t: t.replace("    region: nanshan\n", "    region: gd_stats\n", 1))
    assert problems(folder) == ["'gd_stats' is an organization, not a region"]


def test_a_name_inside_a_longer_name_says_which(bay) -> None:
    folder = bay(lambda t: t.replace("    aliases: [大湾区]\n", "    aliases: [大湾区, 湾区]\n", 1))
    assert problems(folder) == ["alias '湾区' only occurs inside the longer name '粤港澳大湾区'"]


def test_a_title_other_than_the_articles_heading_is_pointed_out(bay, check) -> None:
    folder = bay(lambda t: t.replace("title: 湾区经济观察", "title: 湾区观察", 1))
    result = check(folder)
    assert result.code == 0
    warning = [line for line in result.out.splitlines() if line.startswith("warning:")]
    assert len(warning) == 1 and "title '湾区观察：大湾区如何追赶东京湾区' differs" in warning[0]
    assert re.search(r"index\.yaml:5:1: title", warning[0])


# -- compatibility ---------------------------------------------------------------------------


def test_a_schema_1_pack_opens_unchanged(make_pack) -> None:
    """The bundled pack as it was before charts and sections were declared."""

    def old(text: str) -> str:
        text = text.replace("schema: 2\n", "schema: 1\n", 1)
        return re.sub(r"\nsections:\n.*?\n\nregions:\n", "\nregions:\n", text, count=1, flags=re.S)

    pack = load_pack(make_pack(old))
    assert pack.index.schema == 1 and not pack.index.charts
    # Without a name from the pack, the opening is named by its first words.
    assert pack.article.sections[0].title == opening_name(pack.article.paragraphs[0].text) != "導語"
    assert {f.chart for f in pack.index.figures if f.chart}  # figures still group by chart key


def test_keys_of_a_newer_schema_need_it(bay) -> None:
    folder = bay(lambda t: t.replace("schema: 2", "schema: 1", 1))
    assert problems(folder) == [
        "'sections' needs schema: 2 (the pack says 1)",
        "'charts' needs schema: 2 (the pack says 1)",
    ]


def test_an_unknown_schema_is_refused(bay) -> None:
    assert problems(bay(lambda t: t.replace("schema: 2", "schema: 9", 1))) == [
        "schema 9 is not supported (this version reads 1, 2)"
    ]


# -- the README's required fields are what check enforces ----------------------------------


def _readme_required() -> list[tuple[str, str, bool]]:
    """(kind, key, required) for every key the README's pack-format tables list."""
    out = []
    for kind in NAMED_KINDS:
        out += [(kind, row[0], row[2] == "yes") for row in table_after("### Fields every named entity has")]
    for kind, keys, _type, required, *_ in table_after("### Kind-specific keys"):
        out += [(kind, key.strip().strip("`"), required == "yes") for key in keys.split(",")]
    for kind in ("events", "figures"):
        for row in table_after(f"### {kind}"):
            out.append((kind, row[0], row[2] == "yes"))
    return out


def test_the_readme_lists_every_key_check_knows() -> None:
    listed = {(kind, key) for kind, key, _ in _readme_required()}
    known = {(kind, key) for kind, spec in SCHEMA.items() for key in spec}
    assert listed == known


@pytest.mark.parametrize("kind,key,required", _readme_required(), ids=lambda x: str(x))
def test_check_asks_for_exactly_the_keys_the_readme_marks_required(
    bundled_pack, kind: str, key: str, required: bool
) -> None:
    index = ROOT / "content" / "index.yaml"
    doc = load_yaml(index.read_text("utf-8"), index)
    entries = doc.data[kind]
    entry = next((e for e in entries if key in e), None)
    if entry is None:
        assert not required, f"no {kind} entry has the required key {key!r}"
        return
    del entry[key]
    _, found = validate_index(doc, index)
    missing = [p.message for p in found if p.message.endswith(f"missing the required key {key!r}")]
    assert bool(missing) == required, (kind, key, [p.message for p in found])


def test_the_readme_charts_table_is_the_chart_schema() -> None:
    rows = table_after("### charts")
    assert [row[0] for row in rows] == list(CHART_FIELDS)
    assert {row[0] for row in rows if row[2] == "yes"} == {k for k, f in CHART_FIELDS.items() if f.required}
    assert all(f"`{kind}`" in README for kind in CHART_KINDS)
