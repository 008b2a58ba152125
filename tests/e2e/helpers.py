"""Making users and signing them in, for the browser tests."""

from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from renstra.accounts.models import Membership

PASSWORD = "rahasia-123"


def member(username, role, agency=None):
    """A user with one membership (role, agency) and the tests' password."""
    user = get_user_model().objects.create_user(username, password=PASSWORD)
    Membership.objects.create(user=user, role=role, agency=agency)
    return user


def sign_in(page, username):
    page.goto("/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("header .account")).to_contain_text(username)
