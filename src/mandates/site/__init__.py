"""The browsable static site: one page per document, task, agency, indicator and policy area.

``build_site(graph, out)`` writes it; ``mandates site`` is the command.
"""

from mandates.site.builder import SiteError, SiteResult, build_site

__all__ = ["SiteError", "SiteResult", "build_site"]
