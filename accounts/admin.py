from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import Model, QuerySet
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest, HttpResponse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import mfa, signals
from accounts.http import AuthenticatedRequest
from accounts.models import (
    BankHoliday,
    Invitation,
    PatientProfile,
    Team,
    User,
    WorkingHours,
)

# Staff reset a device (the action below, audited) but never see one: a
# TOTP key or a recovery code in the admin would be a second factor to copy.
for _model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


# Admin list parameters that page or sort, not filter; "q" is the search text,
# recorded only as searched: true (it may be a patient's name or NHS number).
_NOT_FILTERS = {"q", "p", "o", "e", "_changelist_filters"}


class AuditedAdmin(admin.ModelAdmin):
    """Staff reads and changes of patients' records go in the diary's audit
    trail, not only Django's LogEntry: a list or change page shown is one
    staff_viewed row, a row saved or deleted one staff_changed row (names of
    fields, never their values). Sent as accounts signals (accounts/signals.py):
    accounts may not import diary, which records them."""

    def patient_of(self, obj: Model) -> PatientProfile | None:
        """The patient the row is about; diary's admins know their models."""
        if isinstance(obj, PatientProfile):
            return obj
        if isinstance(obj, User):
            return getattr(obj, "patient_profile", None)
        return getattr(obj, "patient", None)

    def _label(self, obj: Model | None = None) -> str:
        return (obj or self.model)._meta.label_lower

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        response = super().changelist_view(request, extra_context)
        if request.method == "GET" and response.status_code == 200:
            signals.staff_viewed.send(
                sender=type(self),
                by=request.user,
                model=self._label(),
                object_id=None,
                patient=None,
                detail={
                    "searched": bool(request.GET.get("q")),
                    "filters": sorted(set(request.GET) - _NOT_FILTERS),
                },
            )
        return response

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        response = super().change_view(request, object_id, form_url, extra_context)
        # The object the page showed (no second query); none when it was a
        # redirect (a save, or an id that does not exist).
        context = getattr(response, "context_data", None) or {}
        obj = context.get("original")
        if request.method == "GET" and response.status_code == 200 and obj:
            signals.staff_viewed.send(
                sender=type(self),
                by=request.user,
                model=self._label(),
                object_id=str(obj.pk),
                patient=self.patient_of(obj),
                detail={},
            )
        return response

    def delete_view(
        self,
        request: HttpRequest,
        object_id: str,
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        # The confirmation page lists the row and what goes with it: a read.
        response = super().delete_view(request, object_id, extra_context)
        self._object_page_viewed(request, response, "delete")
        return response

    def history_view(
        self,
        request: HttpRequest,
        object_id: str,
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        response = super().history_view(request, object_id, extra_context)
        self._object_page_viewed(request, response, "history")
        return response

    def _object_page_viewed(
        self, request: HttpRequest, response: HttpResponse, page: str
    ) -> None:
        """One staff_viewed row for a page about one row shown (GET, 200),
        naming the page; none for a redirect or a refusal."""
        context = getattr(response, "context_data", None) or {}
        obj = context.get("object")
        if request.method == "GET" and response.status_code == 200 and obj:
            signals.staff_viewed.send(
                sender=type(self),
                by=request.user,
                model=self._label(),
                object_id=str(obj.pk),
                patient=self.patient_of(obj),
                detail={"page": page},
            )

    def _changed(
        self, request: HttpRequest, obj: Model, change: str, fields: list[str]
    ) -> None:
        signals.staff_changed.send(
            sender=type(self),
            by=request.user,
            model=self._label(obj),
            object_id=str(obj.pk),
            patient=self.patient_of(obj),
            change=change,
            fields=sorted(fields),
        )

    def save_model(
        self, request: HttpRequest, obj: Model, form: ModelForm, change: bool
    ) -> None:
        super().save_model(request, obj, form, change)
        self._changed(request, obj, "changed" if change else "added", form.changed_data)

    def save_formset(
        self,
        request: HttpRequest,
        form: ModelForm,
        formset: BaseInlineFormSet,
        change: bool,
    ) -> None:
        # An inline (the patient's profile on her account) is a change too.
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            self._changed(request, obj, "added", [])
        for obj, fields in formset.changed_objects:
            self._changed(request, obj, "changed", fields)

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        # Who it was about and its id, read before the row is gone.
        patient, pk = self.patient_of(obj), str(obj.pk)
        super().delete_model(request, obj)
        signals.staff_changed.send(
            sender=type(self),
            by=request.user,
            model=self._label(obj),
            object_id=pk,
            patient=patient,
            change="deleted",
            fields=[],
        )

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        # The list's bulk delete: one row per row deleted, as delete_model.
        for obj in queryset:
            self.delete_model(request, obj)


class WorkingHoursInline(admin.TabularInline):
    model = WorkingHours
    extra = 0


class BankHolidayInline(admin.TabularInline):
    model = BankHoliday
    extra = 1


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "hospital", "specialist_team_phone", "acute_oncology_phone"]
    search_fields = ["name", "hospital"]
    filter_horizontal = ["lead_nurses"]
    inlines = [WorkingHoursInline, BankHolidayInline]


class PatientProfileInline(admin.StackedInline):
    model = PatientProfile
    fk_name = "user"
    can_delete = False
    # Only a nurse's save of the profile form reviews it (audited, HAZ-16).
    readonly_fields = ["profile_reviewed_at", "profile_reviewed_by"]


@admin.register(User)
class UserAdmin(AuditedAdmin, BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "role", "is_staff", "is_active"]
    list_filter = ["role", "is_staff", "is_active", "teams"]
    search_fields = ["email", "full_name"]
    filter_horizontal = ["teams", "groups", "user_permissions"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Person", {"fields": ["full_name", "role", "teams"]}),
        (
            "Permissions",
            {"fields": ["is_active", "is_staff", "is_superuser", "groups"]},
        ),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "full_name", "role", "password1", "password2"],
            },
        ),
    ]
    inlines = [PatientProfileInline]
    actions = ["reset_two_step"]

    # Only patients have a profile: on a nurse the inline would offer to make one.
    def get_inlines(self, request: HttpRequest, obj: User | None) -> list:
        return self.inlines if obj and obj.role == User.Role.PATIENT else []

    @admin.action(
        description="Reset two-step sign-in (lost phone): set it up again at "
        "the next sign-in",
        permissions=["change"],
    )
    def reset_two_step(
        self, request: AuthenticatedRequest, queryset: QuerySet[User]
    ) -> None:
        users = list(queryset)
        for user in users:
            mfa.reset(by=request.user, user=user)
        self.message_user(
            request,
            f"Two-step sign-in reset for {len(users)} account"
            f"{'' if len(users) == 1 else 's'}: " + ", ".join(u.email for u in users),
            messages.SUCCESS,
        )


@admin.register(PatientProfile)
class PatientProfileAdmin(AuditedAdmin):
    list_display = ["user", "team", "named_nurse", "bone_therapy", "on_chemotherapy"]
    list_filter = ["team", "bone_therapy", "on_chemotherapy", "spine_metastases"]
    search_fields = ["user__full_name", "user__email", "nhs_number"]
    raw_id_fields = ["user", "named_nurse"]
    # Only a nurse's save of the profile form reviews it (audited, HAZ-16).
    readonly_fields = ["profile_reviewed_at", "profile_reviewed_by"]


@admin.register(Invitation)
class InvitationAdmin(AuditedAdmin):
    list_display = ["email", "patient", "invited_by", "created_at", "status"]
    list_filter = ["status"]
    search_fields = ["email", "patient__user__full_name"]
    # Invitations are created by nurses through the app, with an audit record.
    readonly_fields = [
        "patient",
        "email",
        "invited_by",
        "created_at",
        "status",
        "closed_at",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
