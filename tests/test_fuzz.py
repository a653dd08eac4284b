"""Property tests of the text parsers: any input, no exception; every span inside the text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.conftest import plan

from mandates import citations as cit
from mandates.layout import blocks
from mandates.reference import load
from mandates.reporting import extract_reporting
from mandates.structure import outline
from mandates.targets import extract_targets
from mandates.textnorm import normalise

# Text that looks like plans: their own characters, markers and numbers, shuffled and cut anywhere.
ALPHABET = st.sampled_from(
    sorted(set(plan("000")[:4000] + plan("004")[:3000] + "\n\n\t -–;:/()“”**%0123456789"))
)
PLANISH = st.text(alphabet=ALPHABET, max_size=600)
SLICE = st.integers(min_value=0, max_value=len(plan("001")) - 1)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(PLANISH)
def test_normalise_maps_back_inside_the_text(text: str) -> None:
    norm = normalise(text)
    assert len(norm.offsets) == len(norm.text)
    assert all(0 <= o < len(text) for o in norm.offsets)
    assert list(norm.offsets) == sorted(norm.offsets)


@FUZZ
@given(PLANISH)
def test_layout_and_outline_never_fail(text: str) -> None:
    for b in blocks(text):
        assert 0 <= b.span.start <= b.span.end <= len(text)
    out = outline(text)
    for t in out.tasks:
        assert 0 <= t.span.start <= t.span.end <= len(text)


@FUZZ
@given(PLANISH)
def test_extractors_never_fail_and_stay_inside(text: str) -> None:
    for t in extract_targets(text, default_year=2030):
        assert 0 <= t.span.start <= t.span.end <= len(text)
    for r in extract_reporting(text):
        assert 0 <= r.span.start <= r.span.end <= len(text)
    norm = normalise(text)
    for f in cit.find(norm, "gia-lai", load()):
        span = norm.to_source(f.start, f.code_end)
        assert 0 <= span.start <= span.end <= len(text)


@FUZZ
@given(SLICE, SLICE)
def test_any_cut_of_a_real_plan(a: int, b: int) -> None:
    source = plan("001")
    start, end = min(a, b), max(a, b)
    for t in extract_targets(source, start, end, default_year=2030):
        assert start <= t.span.start <= t.span.end <= end
    for r in extract_reporting(source, start, end):
        assert start <= r.span.start <= r.span.end <= end


CUT = st.integers(min_value=2000, max_value=len(plan("000")))


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(CUT)
def test_reingesting_a_plan_gives_the_same_graph(cut: int) -> None:
    """Any truncation of a real plan, read twice, gives the same triples (IRIs never come from counters)."""
    import tempfile
    from pathlib import Path

    from mandates.build import build_graph

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cut.txt"
        path.write_text(plan("000")[:cut], encoding="utf-8")
        first, second = build_graph([path]), build_graph([path])
    assert [str(e) for e in first.errors] == [str(e) for e in second.errors]
    assert set(first.graph) == set(second.graph)
