"""Every path and base IRI of the project, in one place (no side effects at import)."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT = PACKAGE_DIR.parent.parent
DATA_DIR = ROOT / "data"
DOCUMENTS_DIR = DATA_DIR / "documents"
REFERENCE_DIR = DATA_DIR / "reference"
PATTERNS_DIR = DATA_DIR / "patterns"
ONTOLOGY_DIR = ROOT / "ontology"
ONTOLOGY_PATH = ONTOLOGY_DIR / "mandates.ttl"
SHAPES_PATH = ONTOLOGY_DIR / "shapes.ttl"
SCHEMES_PATH = ONTOLOGY_DIR / "schemes.ttl"
GRAPH_DIR = ROOT / "graph"
GRAPH_PATH = GRAPH_DIR / "mandates.ttl"
QUERIES_DIR = ROOT / "queries"

ONTOLOGY_NS = "https://w3id.org/mandates/ontology#"
DEFAULT_BASE = "https://w3id.org/mandates/id/"
