"""The responsibility questions answered from the built graph, as a user asks them."""

from __future__ import annotations

import json
from pathlib import Path

import icalendar
import pytest
from click.testing import CliRunner

from mandates.cli import main


@pytest.fixture(scope="module")
def run(graph_file: Path):
    runner = CliRunner()

    def invoke(*args: str) -> str:
        result = runner.invoke(main, [*args, "--graph", str(graph_file)])
        assert result.exit_code == 0, result.output
        return result.output

    return invoke


def test_who_leads_in_gia_lai(run) -> None:
    rows = json.loads(run("who", "Sở Y tế", "--jurisdiction", "Gia Lai", "--format", "json"))
    leads = [r for r in rows if r["role"] == "lead"]
    assert leads and all(r["agency"] == "Sở Y tế tỉnh Gia Lai" for r in rows)
    assert any("Ngành Y tế và cấp ủy" in r["text"] for r in leads)


@pytest.mark.parametrize("spelling", ["so y te", "SỞ Y TẾ", "ngành Y tế"])
def test_who_accepts_any_spelling(run, spelling: str) -> None:
    assert "Sở Y tế tỉnh Gia Lai" in run("who", spelling, "-j", "gia lai")


def test_who_suggests_on_no_match(graph_file: Path) -> None:
    result = CliRunner().invoke(main, ["who", "Sở Y tê Gia", "--graph", str(graph_file)])
    assert result.exit_code == 1
    assert "did you mean" in result.output


def test_inferred_assignments_say_how(run) -> None:
    rows = json.loads(run("who", "Sở Lao động - Thương binh và Xã hội", "-j", "An Giang", "--format", "json"))
    inferred = [r for r in rows if r["inferred"]]
    assert inferred and all("inferred" in r["inferred"] and "VI" in r["inferred"] for r in inferred)


def test_targets_compare_unemployment(run) -> None:
    rows = json.loads(run("targets", "--indicator", "tỉ lệ thất nghiệp chung", "--format", "json"))
    got = {(r["place"], r["comparator"], r["value"], str(r["year"])[:4]) for r in rows}
    assert ("Gia Lai", "<", "2.5", "2030") in got
    assert ("Bình Định", "<", "2.45", "2030") in got


def test_tasks_by_area_and_jurisdiction(run) -> None:
    rows = json.loads(run("tasks", "--area", "giảm nghèo", "-j", "An Giang", "--format", "json"))
    assert rows and all(r["place"] == "An Giang" for r in rows)


def test_calendar_is_valid_icalendar(run, tmp_path: Path) -> None:
    path = tmp_path / "deadlines.ics"
    run("calendar", "Sở Y tế", "-j", "Gia Lai", "--ics", str(path), "--year", "2026")
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    events = list(cal.walk("VEVENT"))
    starts = {e.decoded("DTSTART").isoformat() for e in events}
    assert "2026-11-25" in starts and "2026-12-15" in starts
    assert all(e.get("RRULE") and e.get("SUMMARY") and e.get("DESCRIPTION") for e in events)


def test_calendar_csv(run) -> None:
    out = run("calendar", "--format", "csv")
    header = out.splitlines()[0]
    assert "deadline" in header and "recipient" in header
    assert "--06-30" in out  # Đắk Nông: half-yearly, before 30/6
