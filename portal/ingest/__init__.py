"""Real files in: header detection, machine-readability fixes, standard layouts.

``ingest_file`` is the one entry point `portal new` and `portal import` call.
"""

from portal.ingest.model import FixChange, IngestedFile
from portal.ingest.pipeline import ingest_file
from portal.ingest.report import render_fix_report

__all__ = ["FixChange", "IngestedFile", "ingest_file", "render_fix_report"]
