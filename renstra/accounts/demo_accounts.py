"""One demo account per role for the Bontang plan (listed in the README). Demo only."""

from django.contrib.auth import get_user_model

from renstra.accounts.choices import Role
from renstra.accounts.models import Membership
from renstra.plans.choices import PlanKind
from renstra.plans.models import Agency, Region

DEMO_PASSWORD = "renstra-demo"
DEMO_ACCOUNTS = (
    ("admin", Role.ADMIN),
    ("perencana", Role.PLANNER),
    ("kepala", Role.HEAD),
    ("bappeda", Role.VERIFIER),
    ("inspektorat", Role.AUDITOR),
    ("inspektur", Role.INSPECTOR),
    # A planner of the agency holding the region's RPJMD (Bappeda), who keeps the RPJMD and
    # writes the Pemda's LKjIP.
    ("perencana_bappeda", Role.PLANNER),
)
HOLDER_ACCOUNTS = {"perencana_bappeda"}


def create_demo_accounts(agency: Agency) -> list[str]:
    """Create the demo accounts that do not exist yet; returns the names created."""
    User = get_user_model()
    region: Region = agency.region
    holder = Agency.objects.filter(region=region, plans__kind=PlanKind.RPJMD).order_by("pk").first()
    created = []
    for username, role in DEMO_ACCOUNTS:
        if User.objects.filter(username=username).exists():
            continue
        own = holder if username in HOLDER_ACCOUNTS else agency
        if own is None:
            continue
        user = User.objects.create_user(
            username,
            password=DEMO_PASSWORD,
            is_staff=(role == Role.ADMIN),
            is_superuser=(role == Role.ADMIN),
        )
        Membership.objects.create(
            user=user,
            role=role,
            agency=own if role in (Role.PLANNER, Role.HEAD) else None,
            region=region if role in (Role.VERIFIER, Role.INSPECTOR) else None,
        )
        created.append(username)
    return created
