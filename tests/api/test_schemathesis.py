"""The API keeps to its OpenAPI spec: schemathesis generates requests for every operation from
/api/openapi.json and, with the token of each signed-in role and without one (the public),
checks that no answer is a server error and every answer (status, content type, body) is one
the spec declares.

Requests go through Django's WSGI application inside the test's transaction, so what the writes
change is rolled back with the test. Half of the examples use ids of the demo (versions 1, 2 and
a draft review, their indicators, the plan's years) so that they reach the 200, 403, 409 and
422 answers; the rest are generated freely from the spec (mostly 404 and 422).
"""

from datetime import date

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from renstra.plans.models import Indicator, PlanVersion, Unit
from renstra.sakip.agreements import create_agreement, sign_agreement
from renstra.sakip.models import RegionHead
from renstra.sakip.services import create_renja
from tests.api.conftest import ROLES

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
EXAMPLES = 20  # an operation without path parameters
PER_DEMO_PATH = 3
FREE = 8
YEARS = [2017, 2018, 2019, 2020, 2021, 2030]


@pytest.fixture(scope="module")
def wsgi_app():
    """Django's WSGI application, keeping the test's database connection: like Django's test
    client, it must not close connections at the start and end of each request (that would end
    the test's transaction)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture(scope="module")
def api_schema(wsgi_app):
    return schemathesis.openapi.from_wsgi("/api/openapi.json", wsgi_app)


def _demo_paths(v1, v2, draft) -> list[dict[str, int]]:
    """Path parameters pointing at the demo, each reaching a different answer: the draft with an
    indicator of a kegiatan, of a program and of a goal (target written, refused, 409/422), the
    version in force with indicators of a kegiatan and of an objective (realization entered or
    refused), the superseded version, an indicator of another version, a missing version."""

    def first(version, owner):
        return (
            Indicator.objects.filter(version=version, **{owner + "__isnull": False})
            .order_by("pk")
            .values_list("pk", flat=True)[0]
        )

    missing = PlanVersion.objects.order_by("-pk").values_list("pk", flat=True)[0] + 1000
    return [
        {"version_id": draft.pk, "indicator_id": first(draft, "activity")},
        {"version_id": draft.pk, "indicator_id": first(draft, "program")},
        {"version_id": draft.pk, "indicator_id": first(draft, "objective")},
        {"version_id": v2.pk, "indicator_id": first(v2, "activity")},
        {"version_id": v2.pk, "indicator_id": first(v2, "objective")},
        {"version_id": v1.pk, "indicator_id": first(v1, "activity")},
        {"version_id": draft.pk, "indicator_id": first(v2, "activity")},
        {"version_id": missing, "indicator_id": first(v2, "activity")},
    ]


@pytest.fixture
def agreement_paths(v2, users):
    """A draft PK of the demo's head and a signed one of a bidang (2019): their rows are
    written, or refused with 409; a row of the other PK is 404."""
    agency = v2.plan.agency
    create_renja(version=v2, year=2019, user=users["perencana"])
    RegionHead.objects.create(
        region=agency.region, name="Wali Kota", position="Wali Kota", start_date=date(2016, 1, 1)
    )
    day = date(2019, 4, 15)
    head = create_agreement(unit=Unit.objects.get(agency=agency, kind="kepala"), year=2019, day=day)
    bidang = create_agreement(
        unit=Unit.objects.get(agency=agency, name="Bidang Pengembangan Aparatur"),
        year=2019,
        day=day,
    )
    sign_agreement(agreement=bidang, user=users["perencana"])
    return [{"agency_id": agency.pk}] + [
        {
            "agreement_id": pk.pk,
            "target_id": rows.targets.first().pk,
            "budget_id": rows.budgets.first().pk,
        }
        for pk, rows in ((head, head), (bidang, bidang), (head, bidang))
    ]


def _runs(operation, demo_paths: list[dict[str, int]]):
    """(strategy, examples) pairs: a few cases for each demo path the operation has, and cases
    generated freely from the spec."""
    names = {p.name for p in operation.path_parameters}
    query = (
        st.fixed_dictionaries({"year": st.sampled_from(YEARS)})
        if "year" in {p.name for p in operation.query}
        else st.none()
    )
    fixed = {}
    for path in demo_paths:
        chosen = {k: v for k, v in path.items() if k in names}
        if chosen:
            fixed[tuple(sorted(chosen.items()))] = chosen
    runs = []
    for chosen in fixed.values():
        extra = {}
        if "year" in names:
            extra["year"] = st.sampled_from(YEARS)
        if "quarter" in names:
            extra["quarter"] = st.integers(min_value=0, max_value=4)
        aimed = st.tuples(st.fixed_dictionaries(extra), query).flatmap(
            lambda parts, chosen=chosen: operation.as_strategy(
                path_parameters={**chosen, **parts[0]}, query=parts[1]
            )
        )
        runs.append((aimed, PER_DEMO_PATH))
    runs.append((operation.as_strategy(), FREE if runs else EXAMPLES))
    return runs


@pytest.mark.parametrize("role", ROLES)
def test_every_operation_answers_as_the_spec_says_for_every_role(
    role, api_schema, tokens, v1, v2, draft, agreement_paths
):
    demo_paths = _demo_paths(v1, v2, draft) + agreement_paths
    auth = {"Authorization": "Bearer {}".format(tokens[role])} if tokens[role] else {}
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) == 14

    def send(case):
        headers = {
            name: value
            for name, value in (case.headers or {}).items()
            if name.lower() != "authorization"
        }
        case.headers = {**headers, **auth}
        response = case.call()
        case.validate_response(response, checks=CHECKS)

    for operation in operations:
        for strategy, examples in _runs(operation, demo_paths):
            settings(
                max_examples=examples,
                deadline=None,
                derandomize=True,
                database=None,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=list(HealthCheck),
            )(given(case=strategy)(send))()
