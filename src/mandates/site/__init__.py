"""The browsable static site: one page per document, task, agency, indicator and policy area."""
