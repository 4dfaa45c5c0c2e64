"""The patient's reminder page and the public unsubscribe link of each email."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedRequest
from diary.access import patient_required
from diary.models import Reminder
from diary.reminders import service
from diary.reminders.forms import ReminderForm, initial_for, sms_possible


@patient_required
def reminder_settings(request: AuthenticatedRequest) -> HttpResponse:
    patient = request.user.patient_profile
    reminder = Reminder.objects.filter(patient=patient).first()
    form = ReminderForm(
        request.POST or None,
        initial=initial_for(reminder),
        sms_possible=sms_possible(patient.mobile_phone),
    )
    if request.method == "POST" and form.is_valid():
        values = form.reminder_values()
        service.set_reminder(patient, by=request.user, **values)
        done = "Reminders on." if values["on"] else "Reminders off."
        messages.success(request, done)
        return redirect("reminder_settings")
    return render(request, "diary/reminders.html", {"form": form})


# Public: the link in the email must work on a phone that is not signed in.
# CSRF-exempt: RFC 8058's one-click unsubscribe is a POST the mail client
# sends with no token of ours; the signed token in the URL is what proves
# the request, and all it can do is turn reminders off.
@login_not_required
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    patient = service.patient_for_token(token)
    if patient is None:
        return render(request, "diary/unsubscribe_refused.html", status=400)
    if request.method == "POST":
        turned_off = service.unsubscribe(patient)
        return render(
            request, "diary/unsubscribed.html", {"already_off": not turned_off}
        )
    # GET only asks: link scanners in mail systems open links, and must not
    # turn anyone's reminders off.
    is_on = Reminder.objects.filter(patient=patient, on=True).exists()
    return render(request, "diary/unsubscribe.html", {"is_on": is_on})
