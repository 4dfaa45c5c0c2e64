"""Staff views of diary data: entries and flags read-mostly, the audit trail
and clinical records read-only (they are written by the app, never by hand)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db import models
from django.http import HttpRequest

from accounts.admin import AuditedAdmin
from accounts.models import PatientProfile
from diary.data_rights.closure import confirm_closure
from diary.models import (
    AccountClosure,
    Acknowledgement,
    AlertEmail,
    AuditEvent,
    ClinicalNote,
    DailyEntry,
    Flag,
)


class ReadOnlyAdmin(AuditedAdmin):
    """Every diary model is about one patient: reads and changes are audited
    (AuditedAdmin), through the row's patient, entry or flag."""

    def patient_of(self, obj: models.Model) -> PatientProfile | None:
        for path in ("patient", "entry", "flag"):
            related = getattr(obj, path, None)
            if isinstance(related, PatientProfile):
                return related
            if related is not None:
                return self.patient_of(related)
        return None

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: models.Model | None = None
    ) -> bool:
        return False

    def has_delete_permission(
        self, request: HttpRequest, obj: models.Model | None = None
    ) -> bool:
        return False


class ReadMostlyAdmin(ReadOnlyAdmin):
    """Viewable; deletable by a superuser (e.g. test data), never edited here:
    an entry's flags must come from the rules."""

    def has_delete_permission(
        self, request: HttpRequest, obj: models.Model | None = None
    ) -> bool:
        return request.user.is_superuser


class FlagInline(admin.TabularInline):
    model = Flag
    fields = ("condition", "level", "status", "rule_id", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(
        self, request: HttpRequest, obj: models.Model | None = None
    ) -> bool:
        return False


@admin.register(DailyEntry)
class DailyEntryAdmin(ReadMostlyAdmin):
    list_display = [
        "entry_date",
        "patient",
        "level",
        "escalated",
        "entered_by",
        "created_at",
    ]
    list_filter = ["level", "escalated", "entry_date"]
    search_fields = ["patient__user__full_name", "patient__nhs_number"]
    list_select_related = ["patient__user", "entered_by"]
    date_hierarchy = "entry_date"
    inlines = [FlagInline]


@admin.register(Flag)
class FlagAdmin(ReadMostlyAdmin):
    list_display = ["created_at", "entry", "condition", "level", "status"]
    list_filter = ["status", "level", "condition"]
    search_fields = ["entry__patient__user__full_name", "rule_id"]
    list_select_related = ["entry__patient__user"]


@admin.register(Acknowledgement)
class AcknowledgementAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "nurse", "flag", "actions_display"]
    list_select_related = ["nurse", "flag"]


@admin.register(ClinicalNote)
class ClinicalNoteAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "patient", "author"]
    search_fields = ["patient__user__full_name"]
    list_select_related = ["patient__user", "author"]


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "patient", "subject", "action", "detail"]
    list_filter = ["action", "at"]
    search_fields = [
        "actor__email",
        "actor__full_name",
        "patient__user__full_name",
        "subject__email",
    ]
    list_select_related = ["actor", "patient__user", "subject"]
    date_hierarchy = "at"


@admin.register(AlertEmail)
class AlertEmailAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "entry", "level", "sent_at", "attempts", "last_error"]
    list_filter = ["level", ("sent_at", admin.EmptyFieldListFilter)]
    list_select_related = ["entry__patient__user"]


@admin.register(AccountClosure)
class AccountClosureAdmin(ReadOnlyAdmin):
    """Where staff confirm a closure the patient or her nurse asked for."""

    list_display = ["requested_at", "patient", "requested_by", "confirmed_at"]
    list_filter = [("confirmed_at", admin.EmptyFieldListFilter)]
    list_select_related = ["patient__user", "requested_by"]
    actions = ["confirm"]

    @admin.action(description="Confirm closure: deactivate and sign out now")
    def confirm(
        self, request: HttpRequest, queryset: models.QuerySet[AccountClosure]
    ) -> None:
        closed = sum(confirm_closure(c, by=request.user) for c in queryset)  # type: ignore[arg-type]  # staff are Users
        self.message_user(
            request,
            f"{closed} account(s) closed: deactivated and signed out. Their record "
            "is erased by apply_retention when the retention period is over.",
            messages.SUCCESS,
        )
