"""Names made for indicators whose source prints targets but no indicator name."""

from renstra.core.indicator_names import is_unnamed_indicator, unnamed_indicator_name


def test_the_name_says_whose_it_is_and_that_the_source_has_none():
    assert unnamed_indicator_name("PROGRAM  PERENCANAAN\n DAERAH") == (
        "Indikator PROGRAM PERENCANAAN DAERAH (tanpa nama di sumber)"
    )
    assert unnamed_indicator_name("Program X", 2) == "Indikator 2 Program X (tanpa nama di sumber)"
    assert unnamed_indicator_name("") == "Indikator tanpa uraian (tanpa nama di sumber)"


def test_only_a_name_still_marked_is_unnamed():
    assert is_unnamed_indicator(unnamed_indicator_name("Program X"))
    assert is_unnamed_indicator("Indikator Program X (tanpa nama di sumber)  ")
    assert not is_unnamed_indicator("Persentase dokumen tepat waktu")
    assert not is_unnamed_indicator("Indikator (tanpa nama di sumber) yang sudah dinamai")
