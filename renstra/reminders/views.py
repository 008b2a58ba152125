"""The signed-in user's reminders and which kinds they receive."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from renstra.reminders.choices import ReminderKind
from renstra.reminders.models import Reminder
from renstra.reminders.services import enabled_kinds, mark_read, set_enabled_kinds

PAGE_SIZE = 200  # the newest; older ones stay kept but off the page


@login_required
@require_GET
def reminder_list(request):
    reminders = Reminder.objects.filter(user=request.user).order_by("-created_at", "-pk")
    return render(
        request,
        "reminders/list.html",
        {
            "reminders": list(reminders[:PAGE_SIZE]),
            "unread": reminders.filter(read_at__isnull=True).count(),
        },
    )


@login_required
@require_POST
def read(request):
    """Mark one reminder read (POST "reminder": its id) or all of them (no id)."""
    raw = request.POST.get("reminder", "")
    changed = mark_read(user=request.user, reminder_id=int(raw) if raw.isdigit() else None)
    if not raw:
        messages.success(request, _("{} pengingat ditandai sudah dibaca.").format(changed))
    return redirect("reminders:list")


@login_required
@require_http_methods(["GET", "POST"])
def settings_page(request):
    """GET shows each kind with whether the user receives it; POST keeps the ticked kinds."""
    if request.method == "POST":
        set_enabled_kinds(user=request.user, kinds=set(request.POST.getlist("kinds")))
        messages.success(request, _("Pengaturan pengingat disimpan."))
        return redirect("reminders:settings")
    enabled = enabled_kinds(request.user)
    kinds = [(value, label, value in enabled) for value, label in ReminderKind.choices]
    return render(request, "reminders/settings.html", {"kinds": kinds})
