"""Source rules: what an import took from its document as well as it could, left for a person to
finish. A T-C.27 table may print targets on a row without an indicator name (the import keeps
them under a name made from the row, renstra.core.indicator_names) and rows the model has no
place for (a bidang urusan row with its Rp, Rp on a sasaran row), which the version keeps
verbatim in `unplaced_rows`."""

from renstra.checks.engine import Location, Severity, kind_word, label, rule, side_of
from renstra.core.indicator_names import is_unnamed_indicator

# The table of the document that prints the indicators of each side of the cascade.
_TABLE_OF_SIDE = {"tujuan": "5.1", "program": "6.2"}


@rule("unnamed_indicator", Severity.ERROR, "Indikator tanpa nama")
def unnamed_indicator(snapshot):
    for owned in snapshot.indicators():
        indicator, owner, kind = owned.indicator, owned.owner, owned.kind
        if not is_unnamed_indicator(indicator.name):
            continue
        years = sorted(t.year for t in indicator.target_list)
        yield (
            Location(
                _TABLE_OF_SIDE[side_of(kind).key],
                kind,
                owner.pk,
                getattr(owner, "code", "") or owner.number,
                owner.name,
                None,
                indicator.name,
            ),
            "Sumber mencetak {} untuk {} {} tanpa nama indikatornya; indikator ini dinamai dari "
            "barisnya ('{}'). Ganti dengan nama indikator yang sebenarnya.".format(
                "target {}".format(", ".join(str(y) for y in years))
                if years
                else "isian indikator",
                kind_word(kind),
                label(owner),
                indicator.name,
            ),
            {"years": years, "source_ref": indicator.source_ref},
        )


@rule("unplaced_source_row", Severity.WARNING, "Baris sumber tanpa tempat di Renstra")
def unplaced_source_row(snapshot):
    version = snapshot.version
    for entry in version.unplaced_rows or []:
        if not isinstance(entry, dict):
            continue
        level = str(entry.get("level") or "")
        code = str(entry.get("kode") or "")
        name = str(entry.get("uraian") or "")
        row = entry.get("row")
        yield (
            # The source row in the location's last part: one finding, one key, per row.
            Location("6.1", "versi", version.pk, code, name, None, "baris {}".format(row)),
            "Baris {} sumber ({} {}) disimpan apa adanya karena Renstra belum punya tempat "
            "untuknya: {}. Periksa isinya; pindahkan nilainya ke butir yang tepat bila perlu.".format(
                row if row is not None else "?",
                level or "tanpa tingkat",
                " ".join(part for part in (code, name) if part) or "tanpa uraian",
                entry.get("reason") or "tanpa alasan tercatat",
            ),
            {"row": row, "level": level, "reason": str(entry.get("reason") or "")},
        )
