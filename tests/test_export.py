"""`mudu-tui export`: each format on the bundled pack, the JSON Schema, variants, files and errors."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import jsonschema
import pytest

from mudu_tui import cli
from mudu_tui.export import CSV_COLUMNS, export_csv, export_json, export_markdown, load_schema
from mudu_tui.model.pack import Pack, load_pack


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(["export", *args])
    out, err = capsys.readouterr()
    return code, out, err


def validate(data: object) -> None:
    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(data)


# --- JSON ----------------------------------------------------------------------------------


def test_json_validates_against_the_shipped_schema(capsys: pytest.CaptureFixture[str], pack: Pack) -> None:
    code, out, err = run(capsys, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    validate(data)
    assert data["meta"]["variant"] == "original"
    assert data["meta"]["title"] == pack.index.title
    assert len(data["entities"]) == len(pack.entities)
    assert len(data["mentions"]) == len(pack.mentions)
    assert len(data["events"]) == len(pack.index.events)
    assert len(data["figures"]) == len(pack.index.figures)
    assert len(data["article"]["paragraphs"]) == len(pack.article.paragraphs)


@pytest.mark.parametrize("variant", ["simplified", "taiwan", "hongkong"])
def test_every_variant_validates(pack: Pack, variant: str) -> None:
    data = json.loads(export_json(pack, variant))  # type: ignore[arg-type]
    validate(data)
    assert data["meta"]["variant"] == variant


def test_json_offsets_and_references_hold(pack: Pack) -> None:
    data = json.loads(export_json(pack, "original"))
    ids = {e["id"] for e in data["entities"]}
    texts = {p["id"]: p["text"] for p in data["article"]["paragraphs"]}
    for m in data["mentions"]:
        assert m["entity"] in ids
        assert texts[m["paragraph"]][m["start"] : m["end"]] == m["surface"]
        assert m["surface"] in m["sentence"]
    for item in (*data["events"], *data["figures"]):
        span = item["span"]
        assert texts[span["paragraph"]][span["start"] : span["end"]] == item["quote"]
        assert set(item["involves"]) <= ids
    for e in data["entities"]:
        assert e["mention_count"] == len(pack.mentions_of(e["id"])) > 0
        assert all(r["target"] in ids for r in e["relations"])
    section_ids = {s["id"] for s in data["article"]["sections"]}
    assert all(p["section"] in section_ids for p in data["article"]["paragraphs"])


def test_json_keeps_original_offsets_in_a_variant(pack: Pack) -> None:
    original = json.loads(export_json(pack, "original"))
    simplified = json.loads(export_json(pack, "simplified"))
    strip = [{k: m[k] for k in ("entity", "paragraph", "start", "end")} for m in original["mentions"]]
    assert strip == [
        {k: m[k] for k in ("entity", "paragraph", "start", "end")} for m in simplified["mentions"]
    ]
    assert [e["span"] for e in original["events"]] == [e["span"] for e in simplified["events"]]
    schema = load_schema()
    assert "ORIGINAL" in schema["$defs"]["offset"]["description"]


# --- CSV -----------------------------------------------------------------------------------


def test_csv_has_one_row_per_mention(capsys: pytest.CaptureFixture[str], pack: Pack) -> None:
    code, out, err = run(capsys, "--format", "csv")
    assert code == 0, err
    reader = csv.DictReader(io.StringIO(out))
    assert tuple(reader.fieldnames or ()) == CSV_COLUMNS
    rows = list(reader)
    assert len(rows) == len(load_pack().mentions)
    first, m = rows[0], pack.mentions[0]
    entity = pack.entities[m.entity]
    assert first["entity_id"] == m.entity
    assert first["kind"] == entity.kind
    assert first["name"] == entity.name
    assert (first["paragraph"], int(first["start"]), int(first["end"])) == (m.paragraph, m.start, m.end)
    assert first["sentence"] == pack.article.sentence_at(m.paragraph, m.start, m.end)


# --- Markdown ------------------------------------------------------------------------------


def test_markdown_digest(capsys: pytest.CaptureFixture[str], pack: Pack) -> None:
    code, out, err = run(capsys, "--format", "markdown")
    assert code == 0, err
    assert out.startswith(f"# {pack.index.title}\n")
    for heading in (
        "## 城市 Cities",
        "## 企業 Companies",
        "## 人物 People",
        "## 時間線 Timeline",
        "## 數據 Figures",
    ):
        assert f"\n{heading}\n" in out
    iflytek = pack.entities["iflytek"]
    count = len(pack.mentions_of("iflytek"))
    assert f"- **{iflytek.name}** ({iflytek.en}): {iflytek.summary} — {count} mentions" in out
    timeline = out.split("## 時間線 Timeline")[1].split("\n## ")[0]
    dated = [line for line in timeline.splitlines() if line.startswith("- ")]
    assert len(dated) == len(pack.index.events)
    for line, event in zip(dated, pack.index.events, strict=True):
        assert line.startswith(f"- **{event.label}**")
        assert ("inferred" in line) == event.inferred
    assert "3821 億元" in out


def test_markdown_text_cannot_inject_structure(tmp_path: Path) -> None:
    (tmp_path / "index.yaml").write_text(
        "schema: 1\n"
        'title: "# 假標題 <b>x</b>"\n'
        "article: article.md\n"
        'source: "[來源](http://example.com)"\n'
        "language: zh-Hant\n"
        "regions:\n"
        "  - id: evil\n"
        '    name: "- 北京*"\n'
        '    en: "1. Evil_name"\n'
        "    kind: city\n"
        "    lat: 1\n"
        "    lon: 2\n"
        '    summary: "# 注入\\n\\n- 列表 [連結](http://x) <b>粗</b> **強** `碼`"\n',
        encoding="utf-8",
    )
    (tmp_path / "article.md").write_text("# 題\n\n他說 - 北京* 很好。\n", encoding="utf-8")
    out = export_markdown(load_pack(tmp_path), "original")
    lines = out.splitlines()
    assert [line for line in lines if line.startswith("#")] == [lines[0], "## 城市 Cities"]
    assert lines[0].startswith("# \\#")
    assert [line for line in lines if line.startswith("- ")] == [lines[-1]]
    assert lines[-1].startswith("- **\\- 北京\\*** (城市, 1\\. Evil\\_name): \\# 注入 - 列表 \\[連結\\]")
    assert "<b>" not in out and "](http" not in out.replace("\\](http", "")
    assert "\\*\\*強\\*\\*" in out and "\\`碼\\`" in out


# --- variants ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "csv", "markdown"])
def test_variant_simplified_converts_names(capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    code, out, err = run(capsys, "--format", fmt, "--variant", "simplified")
    assert code == 0, err
    assert "科大讯飞" in out
    assert "科大訊飛" not in out


def test_variant_simplified_in_json_names_and_sentences(pack: Pack) -> None:
    data = json.loads(export_json(pack, "simplified"))
    names = {e["id"]: e["name"] for e in data["entities"]}
    assert names["iflytek"] == "科大讯飞"
    assert "科大訊飛" not in {e["name"] for e in data["entities"]}
    assert data["meta"]["title"] == "争做「模都」，中国城市有多拼？"
    sentences = [m["sentence"] for m in data["mentions"] if m["entity"] == "iflytek"]
    assert sentences and all("訊" not in s for s in sentences)


def test_variant_uses_curated_forms_in_names_and_sentences(pack: Pack) -> None:
    form = pack.entities["iimedia"].forms["taiwan"]  # 艾媒諮詢, where OpenCC keeps 咨詢
    data = json.loads(export_json(pack, "taiwan"))
    assert next(e for e in data["entities"] if e["id"] == "iimedia")["name"] == form
    mention = next(m for m in data["mentions"] if m["entity"] == "iimedia")
    assert mention["surface"] == form
    assert form in mention["sentence"]
    rows = list(csv.DictReader(io.StringIO(export_csv(pack, "taiwan"))))
    assert next(r for r in rows if r["entity_id"] == "iimedia")["name"] == form


def test_variant_always_converts_from_the_original(pack: Pack) -> None:
    # Exporting another variant first must not change a later export (nothing converted twice).
    before = export_json(pack, "original")
    export_json(pack, "simplified")
    assert export_json(pack, "original") == before


# --- output file ---------------------------------------------------------------------------


def test_output_file_is_written_atomically(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old\n", encoding="utf-8")
    code, out, err = run(capsys, "--format", "csv", "-o", str(target))
    assert (code, out, err) == (0, "", "")
    assert target.read_text(encoding="utf-8").startswith(",".join(CSV_COLUMNS) + "\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_new_output_file_gets_ordinary_permissions(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    old = os.umask(0o022)
    try:
        code, _, err = run(capsys, "--format", "json", "-o", str(tmp_path / "out.json"))
    finally:
        os.umask(old)
    assert code == 0, err
    assert (tmp_path / "out.json").stat().st_mode & 0o777 == 0o644
    validate(json.loads((tmp_path / "out.json").read_text(encoding="utf-8")))


def test_failed_write_leaves_old_file_and_no_temp(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.md"
    target.write_text("old\n", encoding="utf-8")

    def fail(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    code, out, err = run(capsys, "--format", "markdown", "-o", str(target))
    assert code == 1
    assert err.count("\n") == 1 and "cannot write" in err and "No space left" in err
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]


def test_unwritable_folder_is_one_error_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "--format", "json", "-o", str(tmp_path / "missing" / "out.json"))
    assert code == 1
    assert out == "" and err.count("\n") == 1 and "cannot write" in err


# --- errors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, word",
    [
        (["--format", "xml"], "xml"),
        (["--format", "json", "--variant", "klingon"], "klingon"),
        ([], "--format"),
        (["--format", "json", "--bogus"], "--bogus"),
    ],
)
def test_bad_usage_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], args: list[str], word: str
) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.endswith("\n")
    assert err.startswith("mudu-tui export: error:") and word in err
    assert "Traceback" not in err


def test_unknown_pack_path_exits_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, str(tmp_path / "nope"), "--format", "json")
    assert code == 1
    assert out == ""
    assert "no such file or folder" in err


def test_invalid_pack_prints_every_problem(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "index.yaml").write_text("schema: 1\ntitle: t\narticle: article.md\n", encoding="utf-8")
    code, out, err = run(capsys, str(tmp_path), "--format", "csv")
    assert code == 1
    assert out == ""
    problems = err.strip().splitlines()
    # One pass: the index's missing keys and its missing article together.
    assert len(problems) == 3
    assert all(re.match(r"(?:.*/)?index\.yaml:\d+", p) for p in problems[:2])
    assert any("'source'" in p for p in problems) and any("'language'" in p for p in problems)
    assert problems[2] == f"{tmp_path / 'index.yaml'}:3:1: 'article' 'article.md': article not found"


# --- packaging -----------------------------------------------------------------------------


def test_schema_is_package_data() -> None:
    from importlib import resources

    assert resources.files("mudu_tui.schemas").joinpath("export.schema.json").is_file()
    assert load_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


# --- hostile text --------------------------------------------------------------------------


@pytest.fixture
def hostile_pack(tmp_path: Path) -> Path:
    (tmp_path / "index.yaml").write_text(
        "schema: 1\ntitle: 題\narticle: article.md\nsource: 源\nlanguage: zh-Hant\n"
        "regions:\n  - id: bj\n    name: 北京\n    en: Beijing\n    kind: city\n    lat: 1\n    lon: 2\n"
        '    summary: "首都\\e[2J"\n',
        encoding="utf-8",
    )
    (tmp_path / "article.md").write_text("# 題\n\n北京\x1b]0;x\x07很好\u202e反\x9b。\n", encoding="utf-8")
    return tmp_path


def test_json_escapes_what_a_terminal_would_act_on(hostile_pack: Path) -> None:
    out = export_json(load_pack(hostile_pack), "original")
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202e]", out)
    data = json.loads(out)
    validate(data)
    assert data["article"]["paragraphs"][0]["text"] == "北京\x1b]0;x\x07很好\u202e反\x9b。"  # lossless


def test_csv_and_markdown_are_exact_in_files_and_inert_on_a_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, hostile_pack: Path
) -> None:
    code, out, _ = run(capsys, str(hostile_pack), "--format", "csv")
    assert code == 0 and "\x1b]0;x\x07" in out  # a pipe gets the data as it is
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    for fmt in ("csv", "markdown"):
        code, out, _ = run(capsys, str(hostile_pack), "--format", fmt)
        assert code == 0
        assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202e]", out)
        assert "\\x1b" in out
