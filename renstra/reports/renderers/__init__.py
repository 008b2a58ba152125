"""Renderers: one function per format, each taking a neutral Table."""

from renstra.reports.renderers.csv import render_csv
from renstra.reports.renderers.html import render_html

RENDERERS = {"csv": render_csv, "html": render_html}

__all__ = ["RENDERERS", "render_csv", "render_html"]
