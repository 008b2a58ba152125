"""Browser tests (Playwright for Python driving Debian's /usr/bin/chromium) against the app
served by pytest-django's live server: the browser, pages, and the demo with a review draft,
shared by every file of tests/e2e. Helpers to make users and sign in: tests/e2e/helpers.py."""

import os

import pytest
from playwright.sync_api import sync_playwright

from renstra.interchange.demo import load_demo
from renstra.plans.models import PlanVersion
from renstra.review.services import start_review

# Playwright's sync API keeps an event loop running in this thread; the ORM calls the tests make
# between browser steps are ordinary synchronous ones (Django's documented escape hatch).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("RENSTRA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser, live_server):
    """open_page() -> a new page in a context of its own (a second person, a second browser)."""
    contexts = []

    def open_():
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": 1400, "height": 1000}
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15000)
        return page

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture
def page(open_page):
    return open_page()


@pytest.fixture
def draft():
    """The demo (transactional tests start from an empty database) and a review of version 2."""
    load_demo()
    v2 = PlanVersion.objects.get(plan__agency__short_name="BKPSDM", number=2)
    return start_review(version=v2, reason="tindak lanjut penilaian SAKIP")
