"""The IATI export reads the version through the read model, which carries sub kegiatan; its
results framework still stops at kegiatan (RESULT_TYPE)."""

import datetime
import xml.etree.ElementTree as ET

from renstra.interchange.iati import export_iati
from tests.checks.builders import add_sub_activity, pmdn90_version


def _indicator_titles(xml: bytes) -> list[str]:
    root = ET.fromstring(xml)
    return [i.findtext("title/narrative") for i in root.iter("indicator")]


def test_sub_kegiatan_change_nothing_in_the_export(db):
    version = pmdn90_version()
    now = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    before = export_iati(version, now=now)
    add_sub_activity(version)
    after = export_iati(version, now=now)
    assert "Jumlah modul diklat" not in _indicator_titles(after)
    assert len(_indicator_titles(before)) == 5  # tujuan, sasaran, program, two kegiatan
    assert after == before  # neither their indicators nor their funding
