"""The Content-Security-Policy holds in a real browser: every kind of page (sign-in, lists, the
version page, the performance tree with its buttons, the editing grid over HTMX, realization
entry, the dashboard's charts, the import page, the API documentation) works with no violation
reported, and the language choice (script bound from app.js) still works."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from renstra.accounts.models import Membership
from renstra.monitoring.sample import load_sample_realization
from renstra.plans.models import Agency, PlanVersion
from tests.e2e.helpers import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def watched(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append("{} {}".format(page.url, message.text[:100]))
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', function (e) {"
        " console.error('Refused to (CSP) ' + e.violatedDirective + ' ' + e.blockedURI); });"
    )
    yield page, violations
    context.close()


def test_every_kind_of_page_works_under_the_policy(watched, draft):
    page, violations = watched
    v2 = PlanVersion.objects.get(plan__agency__short_name="BKPSDM", number=2)
    load_sample_realization(v2)
    agency = Agency.objects.get(short_name="BKPSDM")
    user = get_user_model().objects.create_user("kepala-csp", password=PASSWORD)
    Membership.objects.create(user=user, role="head", agency=agency)

    page.goto("/masuk/")
    page.fill("#id_username", "kepala-csp")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("header .account")).to_contain_text("kepala-csp")

    for path in (
        "/",
        "/versi/{}/".format(v2.pk),
        "/versi/{}/tabel/6.1/".format(v2.pk),
        "/versi/{}/temuan/".format(draft.pk),
        "/versi/{}/pemantauan/2019/".format(v2.pk),
        "/versi/{}/dasbor/2018/".format(v2.pk),
        "/impor/",
        "/api/docs",
    ):
        response = page.goto(path)
        assert response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"]
    page.goto("/api/docs")
    expect(page.locator(".swagger-ui")).to_be_visible()

    # The performance tree's buttons, bound by app.js.
    page.goto("/versi/{}/pohon/".format(v2.pk))
    page.click("[data-details=close]")
    assert page.eval_on_selector_all("details.node", "nodes => nodes.some(n => n.open)") is False
    page.click("[data-details=open]")
    assert page.eval_on_selector_all("details.node", "nodes => nodes.every(n => n.open)") is True

    # The language choice submits its form on change (no inline handler).
    page.goto("/versi/{}/".format(v2.pk))
    page.select_option("select[name=language]", "en")
    page.wait_for_load_state("load")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert violations == []
