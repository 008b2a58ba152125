"""`renstra serve` on an empty database: the demo plan unless --no-demo (a production install's
first start must not fill the real database with Bontang's plan)."""

import pytest
from django.core.management import call_command

from renstra.plans.models import Plan
from renstra.site.management.commands import serve

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def served(monkeypatch):
    call_command("flush", interactive=False, verbosity=0)  # whatever an earlier test left
    binds = []
    monkeypatch.setattr(serve, "serve_with_gunicorn", lambda bind, workers: binds.append(bind))
    return binds


def test_serve_loads_the_demo_into_an_empty_database(served):
    assert not Plan.objects.exists()
    call_command("serve", "--no-worker", "--port", "8123")
    assert served == ["127.0.0.1:8123"]
    assert Plan.objects.filter(agency__short_name="BKPSDM").exists()


def test_serve_no_demo_leaves_an_empty_database_empty(served):
    call_command("serve", "--no-worker", "--no-demo", "--host", "0.0.0.0", "--port", "8124")
    assert served == ["0.0.0.0:8124"]
    assert not Plan.objects.exists()
