"""mandates: a knowledge graph of Vietnamese policy mandates."""

__version__ = "0.1.0"
