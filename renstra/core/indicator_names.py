"""Names of indicators whose source prints a target but no indicator name.

A table such as T-C.27 may carry targets on a program or kegiatan row whose indicator column is
blank. Dropping the targets would lose what the document says, and inventing a name would hide
the gap; so the importer keeps them under a name made from the row, marked as such, and the
checker flags every indicator that still carries that mark (until a person gives it its real
name, which removes the mark).
"""

UNNAMED_MARK = "(tanpa nama di sumber)"


def unnamed_indicator_name(owner: str, ordinal: int = 1) -> str:
    """The name of the `ordinal`-th unnamed indicator of the item called `owner` (its uraian,
    or its code when it has no uraian): 'Indikator PROGRAM X (tanpa nama di sumber)', and from
    the second one on 'Indikator 2 PROGRAM X (tanpa nama di sumber)'."""
    owner = " ".join(owner.split()) or "tanpa uraian"
    number = " {}".format(ordinal) if ordinal > 1 else ""
    return "Indikator{} {} {}".format(number, owner, UNNAMED_MARK)


def is_unnamed_indicator(name: str) -> bool:
    """Whether an indicator's name is still the one made for a source that printed none."""
    return name.rstrip().endswith(UNNAMED_MARK)
