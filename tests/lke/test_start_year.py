"""The year offered first when the inspectorate starts an evaluation: the latest year the agency
has a Renja for (the SAKIP year whose documents are judged), else last year."""

import pytest

from renstra.lke.worksheet import default_year, start_years
from renstra.plans.models import Agency
from renstra.sakip.services import create_renja


@pytest.fixture
def renja(v2, make_user):
    return create_renja(version=v2, year=2019, user=make_user("perencana_tahun", "planner", v2))


def test_the_year_with_the_agencys_renja_is_offered_first(renja):
    agency = renja.agency
    years = start_years(agency)
    assert renja.year in years
    assert default_year(agency, years) == renja.year


def test_without_a_renja_last_year_is_offered(v2, db):
    agency = Agency.objects.get(short_name="BKPSDM")
    years = start_years(agency)
    from_today = max(years) - 1
    assert default_year(agency, years) == from_today
    assert default_year(agency, []) is None


def test_the_start_form_selects_it(client, renja, make_user, v2):
    auditor = make_user("auditor_tahun", "auditor", v2)
    client.force_login(auditor)
    page = client.get("/perangkat-daerah/{}/evaluasi-sakip/".format(renja.agency_id))
    assert '<option value="{0}" selected>{0}</option>'.format(renja.year) in page.content.decode()
