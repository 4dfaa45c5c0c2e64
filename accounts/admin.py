from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import mfa
from accounts.models import Invitation, PatientProfile, Team, User

# Staff reset a device (the action below, audited) but never see one: a
# TOTP key or a recovery code in the admin would be a second factor to copy.
for _model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "hospital", "specialist_team_phone", "acute_oncology_phone"]
    search_fields = ["name", "hospital"]


class PatientProfileInline(admin.StackedInline):
    model = PatientProfile
    fk_name = "user"
    can_delete = False
    # Only a nurse's save of the profile form reviews it (audited, HAZ-16).
    readonly_fields = ["profile_reviewed_at", "profile_reviewed_by"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
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
    def reset_two_step(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
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
class PatientProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "team", "named_nurse", "bone_therapy", "on_chemotherapy"]
    list_filter = ["team", "bone_therapy", "on_chemotherapy", "spine_metastases"]
    search_fields = ["user__full_name", "user__email", "nhs_number"]
    raw_id_fields = ["user", "named_nurse"]
    # Only a nurse's save of the profile form reviews it (audited, HAZ-16).
    readonly_fields = ["profile_reviewed_at", "profile_reviewed_by"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
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
