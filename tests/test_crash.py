"""A build stopped at any moment (Ctrl-C or kill -9) leaves the previous graph whole, or the new one whole."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Graph
from tests.conftest import PLANS

from mandates.namespaces import MND

MANDATES = Path(sys.executable).parent / "mandates"
PREVIOUS = "# the previous graph\n<urn:a> <urn:b> <urn:c> .\n"


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("plans")
    for plan in PLANS:
        shutil.copy(plan, folder / plan.name)
    return folder


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["ctrl-c", "kill-9"])
@pytest.mark.parametrize("after", [0.5, 2.0, 4.0])
def test_stopped_build_leaves_a_whole_graph(
    plans: Path, tmp_path: Path, sig: signal.Signals, after: float
) -> None:
    out = tmp_path / "graph" / "mandates.ttl"
    out.parent.mkdir()
    out.write_text(PREVIOUS, encoding="utf-8")
    proc = subprocess.Popen(
        [str(MANDATES), "build", "--data", str(plans), "-o", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(after)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=120)
    assert "Traceback" not in err
    text = out.read_text(encoding="utf-8")
    if text != PREVIOUS:  # the build had finished writing: then the new graph is complete
        g = Graph().parse(data=text, format="turtle")
        assert len(set(g.objects(None, MND.sourceFile))) == len(PLANS)
    if sig == signal.SIGINT and proc.returncode != 0:
        assert "interrupted" in err
