"""Renderers: one function per format, each taking a neutral Table."""

from renstra.render.renderers.csv import render_csv
from renstra.render.renderers.html import render_html

RENDERERS = {"csv": render_csv, "html": render_html}

__all__ = ["RENDERERS", "render_csv", "render_html"]
