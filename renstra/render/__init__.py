"""Presentation infrastructure with no domain knowledge: the neutral table model
(`renstra.render.table`), its renderers (csv, html, xlsx, pdf), server-side SVG charts and the
registry of report tables. Every app defines its tables on this model and registers them from
its AppConfig.ready(); nothing here imports an app of the project."""
