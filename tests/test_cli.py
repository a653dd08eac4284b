"""The command line as a user meets it: answers, and one-line errors on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.conftest import PLANS

from mandates.cli import main


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def test_lineage_of_a_gia_lai_task(runner: CliRunner, graph_file: Path) -> None:
    result = runner.invoke(
        main, ["lineage", "Cụm Thông tin cơ sở cửa khẩu Quốc tế Lệ Thanh", "--graph", str(graph_file)]
    )
    assert result.exit_code == 0, result.output
    first_chain = result.output.split("chain 2:")[0]
    assert first_chain.index("99-CTr/TU") < first_chain.index("42-NQ/TW")
    assert "“" in first_chain  # each hop quotes its sentence


def test_lineage_of_a_dak_nong_task_reaches_the_2012_plenum(runner: CliRunner, graph_file: Path) -> None:
    result = runner.invoke(main, ["lineage", "trùng tu, tôn tạo các công trình ghi công liệt sĩ",
                                  "--graph", str(graph_file), "--format", "json"])  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    chains = data["matches"][0]["chains"]
    labels = [[hop["target_label"] for hop in chain] for chain in chains]
    assert any("Kết luận 92-KL/TW" in c and "khóa XI" in c[-1] for c in labels), labels


@pytest.mark.parametrize("spelling", ["99-CTR/TU", "99-ctr/tu", "99- CTr/TU"])
def test_lineage_of_a_document_in_any_spelling(runner: CliRunner, graph_file: Path, spelling: str) -> None:
    result = runner.invoke(main, ["lineage", spelling, "--graph", str(graph_file)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("● Chương trình 99-CTr/TU")
    assert "42-NQ/TW" in result.output


def test_lineage_no_match_suggests(runner: CliRunner, graph_file: Path) -> None:
    result = runner.invoke(main, ["lineage", "99-CTr/TX", "--graph", str(graph_file)])
    assert result.exit_code == 1
    assert "did you mean" in result.output and "99-CTr/TU" in result.output
    assert "Traceback" not in result.output


BAD_INPUTS = [
    # (file name, content, words the one-line error must hold)
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"   \n\n  ", "empty"),
    ("binary.txt", bytes(range(256)) * 8, "binary"),
    ("latin1.txt", "Kế hoạch số 1/KH-UBND".encode("cp1258", errors="replace") + b"\xff\xfe\xfa" * 10, "UTF-8"),
    ("english.txt", b"This is a plan about nothing in particular.\n" * 20, "not Vietnamese"),
    ("recipe.txt", "Cách nấu phở bò: đun nước dùng với xương, thêm hành, gừng và quế cho thơm.\n".encode() * 5,
     "not a plan"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "content", "words"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_is_one_line_error_and_no_output(
    runner: CliRunner, tmp_path: Path, name: str, content: bytes, words: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    out = tmp_path / "out.ttl"
    result = runner.invoke(main, ["ingest", str(path), "-o", str(out)])
    assert result.exit_code != 0
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert len(lines) == 1, result.output
    assert name in lines[0] and words in lines[0]
    assert "Traceback" not in result.output
    assert not out.exists()


def test_batch_reports_bad_files_and_ingests_good_ones(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    out = tmp_path / "out.ttl"
    result = runner.invoke(main, ["ingest", str(PLANS[0]), str(bad), "-o", str(out)])
    assert result.exit_code == 1
    assert "empty.txt: the file is empty" in result.output
    assert out.exists() and PLANS[0].name in out.read_text(encoding="utf-8")


# Two sections "1." under the same part: the graph would give one IRI two headings.
DUPLICATE_NUMBERS = """KẾ HOẠCH
Thực hiện Nghị quyết số 42-NQ/TW ngày 24/11/2023 của Ban Chấp hành Trung ương

I. NHIỆM VỤ, GIẢI PHÁP

1. Về việc làm

a) Sở Nội vụ chủ trì, phối hợp các sở, ngành tổ chức tư vấn việc làm.

1. Về giảm nghèo

a) Sở Nông nghiệp và Môi trường chủ trì thực hiện giảm nghèo bền vững.
"""


def test_a_plan_that_breaks_the_shapes_is_left_out_and_the_rest_is_built(
    runner: CliRunner, tmp_path: Path
) -> None:
    odd = tmp_path / "odd.txt"
    odd.write_text(DUPLICATE_NUMBERS, encoding="utf-8")
    out = tmp_path / "out.ttl"
    result = runner.invoke(main, ["ingest", str(PLANS[0]), str(odd), "-o", str(out)])
    assert result.exit_code == 1
    errors = [ln for ln in result.output.splitlines() if ln.startswith("error:")]
    assert len(errors) == 1 and "odd.txt: left out" in errors[0] and "SHACL" in errors[0], result.output
    assert "Traceback" not in result.output
    written = out.read_text(encoding="utf-8")
    assert PLANS[0].name in written and "odd.txt" not in written


def test_failed_build_keeps_the_previous_graph(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "graph.ttl"
    out.write_text("previous graph", encoding="utf-8")
    empty_dir = tmp_path / "nothing"
    empty_dir.mkdir()
    result = runner.invoke(main, ["build", "--data", str(empty_dir), "-o", str(out)])
    assert result.exit_code != 0
    assert out.read_text(encoding="utf-8") == "previous graph"


def test_huge_file_is_refused_quickly(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:  # a sparse 100 MB file: nothing is read before the size check
        fh.truncate(100 * 1024 * 1024)
    out = tmp_path / "out.ttl"
    result = runner.invoke(main, ["ingest", str(path), "-o", str(out)])
    assert result.exit_code != 0
    assert "huge.txt" in result.output and "too large" in result.output
    assert not out.exists()
