"""The pages of the column-mapping step (issue 17): a spreadsheet of another layout, uploaded on
the import page, waits as an import job in the stage 'mapping' while the planner

1. says which sheet and which row(s) hold the column titles and maps every column to a T-C.27
   field, or keeps it as it is (/impor/<job>/kolom/; pre-filled from the agency's remembered
   mapping of the same header, else from the titles' words), then
2. sees the first rows as they will be read and every error of the whole file, before anything
   is written (/impor/<job>/pratinjau/), and confirms: the job is queued and imported by the
   task worker as any upload, all or nothing (renstra.interchange.tasks).

The domain is in renstra.interchange.column_mapping; these views read the request and render.
"""

from dataclasses import replace

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from renstra.core.errors import CellError, ImportRejected
from renstra.core.numbers import NumberFormatError, format_rupiah, parse_amount
from renstra.interchange.column_guess import KEEP, field_choices, guess_fields, header_signature
from renstra.interchange.column_mapping import (
    Layout,
    MappedReading,
    choose_layout,
    layout_problems,
    mapping_agency,
    preview_errors,
    read_mapped,
    remembered,
    remembered_layouts,
    source_years,
)
from renstra.interchange.column_sheet import (
    MAX_HEADER_ROWS,
    SheetGrid,
    default_header_row,
    header_labels,
    letter,
    read_grid,
)
from renstra.interchange.models import ImportJob
from renstra.interchange.tasks import queue_mapped
from renstra.interchange.tc27_options import FIELD_LABELS, source_from_fields
from renstra.interchange.views import _errors_csv, _job

PREVIEW_ROWS = 20
SAMPLE_ROWS = 3
# The names of the position fields, in the query string and in the mapping form.
SHEET, HEADER_ROW, HEADER_ROWS, LAST_ROW = (
    "lembar",
    "baris_judul",
    "jumlah_baris_judul",
    "baris_akhir",
)
MAPPING = ImportJob.Stage.MAPPING


def _mapping_job(request, job_id: int) -> ImportJob:
    jobs = ImportJob.objects.select_related("user", "revises__plan__agency__region")
    return _job(request, job_id, jobs)


def _source(job: ImportJob):
    return source_from_fields(
        job.source_fields, labels=FIELD_LABELS, file_name=job.file_name, revises=job.revises
    )


def _number(text, default: int) -> int:
    text = str(text or "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 6 else default


def _position(data, grid: SheetGrid) -> Layout:
    """The sheet, header rows and last row the form or query gives (the grid's defaults where
    a number is missing)."""
    return Layout(
        sheet=grid.sheet,
        header_row=_number(data.get(HEADER_ROW), default_header_row(grid)),
        header_rows=_number(data.get(HEADER_ROWS), 1),
        last_row=_number(data.get(LAST_ROW), 0),
    )


def _found_layout(job: ImportJob, agency, content: bytes):
    """Where a file of a layout the agency mapped before has its header: (grid, layout, the
    stored mapping), or None when no remembered header stands where it stood."""
    grids: dict[str, SheetGrid] = {}
    for stored in remembered_layouts(agency):
        layout = Layout.from_json(stored.mapping)
        if layout.sheet not in grids:
            grids[layout.sheet] = read_grid(content, job.file_name, layout.sheet)
        grid = grids[layout.sheet]
        if grid.sheet != layout.sheet:
            continue
        labels = header_labels(grid, layout.header_row, layout.header_rows)
        if header_signature(labels) == stored.header_signature:
            return grid, layout, stored
    return None


def _layout(request, job: ImportJob, agency, years):
    """(grid, layout, labels, where its fields came from, the stored mapping used or None)."""
    content = bytes(job.content)
    data = request.POST if request.method == "POST" else request.GET
    stored = None
    if request.method == "POST" or SHEET in data or HEADER_ROW in data:
        grid = read_grid(content, job.file_name, data.get(SHEET, ""))
        layout = _position(data, grid)
        origin = "posted" if request.method == "POST" else ""
    elif job.column_mapping:
        layout = Layout.from_json(job.column_mapping)
        grid = read_grid(content, job.file_name, layout.sheet)
        origin = "saved"
    else:
        found = _found_layout(job, agency, content)
        if found:
            grid, layout, stored = found
            origin = "remembered"
        else:
            grid = read_grid(content, job.file_name)
            layout, origin = _position({}, grid), ""
    labels = header_labels(grid, layout.header_row, layout.header_rows)
    if origin == "posted":
        fields = [data.get("kolom_{}".format(c), KEEP) for c in range(1, len(labels) + 1)]
        layout = replace(layout, fields=tuple(fields))
    elif origin == "":
        stored = remembered(agency, labels)
        if stored is not None:
            fields, origin = Layout.from_json(stored.mapping).fields, "remembered"
        else:
            fields, origin = tuple(guess_fields(labels, years)), "guess"
        layout = replace(layout, fields=fields)
    elif origin == "remembered":
        layout = replace(layout, last_row=0)
    return grid, layout, labels, origin, stored


def _columns(grid: SheetGrid, layout: Layout, labels: list[str]) -> list[dict]:
    data_rows = [r for r in sorted(grid.cells) if r >= layout.first_row][:SAMPLE_ROWS]
    fields = list(layout.fields) + [KEEP] * (len(labels) - len(layout.fields))
    return [
        {
            "name": "kolom_{}".format(column),
            "letter": letter(column),
            "title": labels[column - 1],
            "samples": [grid.shown(r, column) for r in data_rows],
            "field": fields[column - 1],
        }
        for column in range(1, len(labels) + 1)
    ]


def _unreadable(request, job: ImportJob, errors: list[CellError]):
    context = {"job": job, "errors": errors, "errors_csv": _errors_csv(errors)}
    return render(request, "interchange/mapping.html", context, status=400)


@login_required
def mapping_page(request, job_id: int):
    """Which sheet and header, and the T-C.27 field of every column; saved, it moves on to
    the preview."""
    job = _mapping_job(request, job_id)
    if job.stage != MAPPING:
        return redirect("interchange:job", job.pk)
    try:
        source = _source(job)
        years = source_years(source)
        agency = mapping_agency(source, job.revises)
        grid, layout, labels, origin, stored = _layout(request, job, agency, years)
    except ImportRejected as exc:
        return _unreadable(request, job, exc.errors)
    problems = []
    if request.method == "POST":
        problems = layout_problems(layout, grid, labels, years)
        if not problems:
            choose_layout(job, agency, labels, layout, request.user)
            return redirect("interchange:preview", job.pk)
    context = {
        "job": job,
        "grid": grid,
        "layout": layout,
        "columns": _columns(grid, layout, labels),
        "choices": field_choices(years),
        "above": [r for r in sorted(grid.cells) if r < layout.header_row],
        "origin": origin,
        "stored": stored,
        "agency": agency,
        "problems": problems,
        "max_header_rows": range(1, MAX_HEADER_ROWS + 1),
        "names": {"sheet": SHEET, "header": HEADER_ROW, "rows": HEADER_ROWS, "last": LAST_ROW},
    }
    return render(request, "interchange/mapping.html", context, status=400 if problems else 200)


def _amount(text: str) -> tuple[str, bool]:
    """An Rp cell as it will be read: the amount, or the text itself when it is no amount."""
    try:
        value = parse_amount(text)
    except NumberFormatError:
        return text, False
    return ("" if value is None else format_rupiah(value)), True


def _preview_table(reading: MappedReading, years: dict[int, int]) -> tuple[list[str], list]:
    """The head and the first rows of the table as they will be read: level, code, name,
    indicator, targets and Rp per year and every other mapped field, then the kept cells."""
    mapped = set(reading.columns)
    head_fields = [("level", _("Tingkat")), ("kode", _("Kode")), ("uraian", _("Uraian"))]
    head_fields += [("indikator", _("Indikator")), ("satuan", _("Satuan"))]
    head_fields += [("baseline", _("Kondisi awal"))]
    for prefix, word in (("target", _("Target")), ("rp", _("Rp"))):
        for number, year in sorted(years.items()):
            head_fields.append(("{}_y{}".format(prefix, number), "{} {}".format(word, year)))
    head_fields += [("target_akhir", _("Target akhir")), ("rp_akhir", _("Rp akhir"))]
    head_fields += [("unit_kerja", _("Unit kerja")), ("lokasi", _("Lokasi"))]
    head_fields += [("kelompok_sasaran", _("Kelompok sasaran")), ("note", _("Catatan"))]
    shown = [(f, label) for f, label in head_fields if f in mapped or f == "level"]
    kept = [key for key in reading.columns if key not in dict(head_fields)]
    kept = [k for k in kept if k not in ("satuan_derived", "kode_raw", "src_line")]
    rows = []
    for number, row in reading.rows[:PREVIEW_ROWS]:
        cells = []
        for name, _label in shown:
            text = row.get(name, "")
            is_rp = name.startswith("rp_")
            value, readable = _amount(text) if is_rp else (text, True)
            cells.append({"text": value, "num": is_rp, "wrong": not readable})
        extra = "; ".join("{}: {}".format(k, row[k]) for k in kept if row.get(k))
        rows.append({"number": number, "cells": cells, "kept": extra})
    return [str(label) for _f, label in shown], rows


def _summary(reading: MappedReading) -> dict:
    document = reading.document
    objectives = [o for g in document["goals"] for o in g.get("objectives", [])]
    activities = [a for p in document["programs"] for a in p["activities"]]
    subs = [s for a in activities for s in a["sub_activities"]]
    items = [*document["goals"], *objectives, *document["programs"], *activities, *subs]
    return {
        "goals": len(document["goals"]),
        "objectives": len(objectives),
        "programs": len(document["programs"]),
        "activities": len(activities),
        "sub_activities": len(subs),
        "indicators": sum(len(item.get("indicators", [])) for item in items),
        "unplaced": len(document["version"]["unplaced_rows"]),
    }


@login_required
def preview_page(request, job_id: int):
    """The first rows as they will be read and every error of the file; confirmed (POST), the
    job is queued and the page moves on to the job's page."""
    job = _mapping_job(request, job_id)
    if job.stage != MAPPING:
        return redirect("interchange:job", job.pk)
    if not job.column_mapping:
        return redirect("interchange:mapping", job.pk)
    if request.method == "POST":
        queue_mapped(job)
        return redirect("interchange:job", job.pk)
    context: dict = {"job": job, "rows": [], "head": []}
    try:
        source = _source(job)
        years = source_years(source)
        layout = Layout.from_json(job.column_mapping)
        grid = read_grid(bytes(job.content), job.file_name, layout.sheet)
        labels = header_labels(grid, layout.header_row, layout.header_rows)
        problems = layout_problems(layout, grid, labels, years)
        if problems:
            raise ImportRejected([CellError(grid.where, 0, "", "", p) for p in problems])
        reading = read_mapped(grid, layout, source, job.revises)
        errors = preview_errors(reading, job.revises)
        context["head"], context["rows"] = _preview_table(reading, years)
        context["summary"] = _summary(reading)
        context["grid"] = grid
    except ImportRejected as exc:
        errors = exc.errors
    context.update({"errors": errors, "errors_csv": _errors_csv(errors) if errors else ""})
    return render(request, "interchange/preview.html", context)
