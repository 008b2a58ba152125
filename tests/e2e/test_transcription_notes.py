"""The version page numbers each transcription note once under its table; in a browser the
number beside a value shows its note when pointed at (app.js) and leads to it when clicked."""

import pytest
from playwright.sync_api import expect

from renstra.interchange.demo import load_demo
from renstra.plans.models import Program

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_values_note_number_shows_and_leads_to_its_note(page):
    v2 = load_demo().plan.versions.get(number=2)
    program = Program.objects.get(version=v2, code="05")
    funding = program.funding.get(year=2018)
    page.goto("/versi/{}/".format(v2.pk))
    mark = page.locator("#program-{} sup a".format(program.pk)).first
    number = mark.inner_text()
    note = page.locator("#catatan-{}".format(number))
    expect(note).to_have_text(funding.inferred_note)
    mark.hover()
    expect(mark).to_have_attribute("title", funding.inferred_note)
    mark.click()
    page.wait_for_function("() => location.hash === '#catatan-{}'".format(number))
    expect(note).to_be_in_viewport()
