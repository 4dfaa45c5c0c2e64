from __future__ import annotations

from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.contrib.auth.models import (
    AbstractBaseUser,
    BaseUserManager,
    PermissionsMixin,
)
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone

from accounts import working_hours as wh
from accounts.validators import (
    format_nhs_number,
    normalise_nhs_number,
    validate_nhs_number,
)
from clinical.fields import BONE_THERAPY, PROFILE_FIELDS


def validate_time_zone(name: str) -> None:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError("Enter a time zone name such as Europe/London.") from exc


phone_validator = RegexValidator(
    r"^\+?[0-9 ()-]{6,20}$",
    "Enter a phone number using digits, spaces and brackets, e.g. 0161 446 3000.",
)


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(
        self, email: str, password: str | None = None, **extra: Any
    ) -> User:
        if not email:
            raise ValueError("Users need an email address")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(
        self, email: str, password: str | None = None, **extra: Any
    ) -> User:
        extra.update(is_staff=True, is_superuser=True, role=User.Role.ADMIN)
        return self.create_user(email, password, **extra)

    def get_by_natural_key(self, username: str | None) -> User:
        # Log-in is case-insensitive on the email address.
        return self.get(email__iexact=username)


class Team(models.Model):
    name = models.CharField(max_length=200)
    hospital = models.CharField(max_length=200, blank=True)
    specialist_team_phone = models.CharField(
        max_length=20, validators=[phone_validator]
    )
    acute_oncology_phone = models.CharField(
        "24-hour acute oncology phone",
        max_length=20,
        validators=[phone_validator],
        help_text="The out-of-hours number: patients are told to call it when "
        "the team is closed.",
    )
    alert_email = models.EmailField(
        help_text="Red and amber flags are emailed here at once."
    )
    # A team role, not a user role: a lead nurse is one of the team's nurses
    # who is also told when a flag waits too long, and reads its service report.
    lead_nurses: models.ManyToManyField[User, Any] = models.ManyToManyField(
        "User",
        blank=True,
        related_name="led_teams",
        help_text="Nurses of this team who are told when a flag waits too long.",
    )
    time_zone = models.CharField(
        max_length=64,
        default=wh.DEFAULT_TIME_ZONE,
        validators=[validate_time_zone],
        help_text="Working hours and bank holidays are read in this zone.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def working_calendar(self) -> wh.Calendar:
        """The team's working time as plain data (accounts/working_hours.py).

        Uses whatever working_hours and bank_holidays were prefetched. A team
        with no hours entered gets Monday to Friday 09:00-17:00 (HAZ-33).
        """
        openings = tuple(
            wh.Opening(h.weekday, h.opens, h.closes) for h in self.working_hours.all()
        )
        return wh.Calendar(
            openings=openings or wh.DEFAULT_OPENINGS,
            bank_holidays=frozenset(b.date for b in self.bank_holidays.all()),
            time_zone=self.time_zone,
        )


class WorkingHours(models.Model):
    """One opening of a team's week: e.g. Monday 09:00 to 17:00."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0
        TUESDAY = 1
        WEDNESDAY = 2
        THURSDAY = 3
        FRIDAY = 4
        SATURDAY = 5
        SUNDAY = 6

    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="working_hours"
    )
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    opens = models.TimeField()
    closes = models.TimeField()

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name_plural = "working hours"

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}-{self.closes:%H:%M}"

    def clean(self) -> None:
        both = self.opens is not None and self.closes is not None
        if both and self.closes <= self.opens:
            raise ValidationError(
                {"closes": "Closing time must be after the opening time."}
            )


class BankHoliday(models.Model):
    """A day the team is closed although its week says open."""

    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="bank_holidays"
    )
    date = models.DateField()
    name = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["team", "date"], name="bank_holiday_once")
        ]

    def __str__(self) -> str:
        return f"{self.date:%-d %B %Y} {self.name}".strip()


class User(AbstractBaseUser, PermissionsMixin):
    class Role(models.TextChoices):
        PATIENT = "patient", "Patient"
        NURSE = "nurse", "Breast care nurse"
        ADMIN = "admin", "Staff / administrator"
        CARER = "carer", "Carer"

    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=200)
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.PATIENT)
    teams = models.ManyToManyField(
        Team, blank=True, related_name="nurses", help_text="Nurses only."
    )
    is_staff = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)
    # Kept with the devices by accounts/mfa.py, and read on every request of a
    # patient: on the user row, which is loaded anyway, it costs no query.
    two_step_on = models.BooleanField(
        "two-step sign-in on",
        default=False,
        editable=False,
        help_text="Signing in needs a code as well as the password.",
    )

    objects = UserManager()
    # Set on every request's user by django_otp's OTPMiddleware.
    is_verified: Callable[[], bool]

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]
        # The caseload's default order: its first page of 25 by name is read
        # along this index, not sorted out of the whole team.
        indexes = [models.Index(fields=["full_name"], name="user_full_name")]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def is_patient(self) -> bool:
        return self.role == self.Role.PATIENT and hasattr(self, "patient_profile")

    @property
    def is_nurse(self) -> bool:
        return self.role == self.Role.NURSE

    @property
    def is_carer(self) -> bool:
        return self.role == self.Role.CARER

    def team_ids(self) -> models.QuerySet[Any]:
        """The ids of her teams as a subquery of the link table alone: the
        same rows as `teams.all()`, with one table fewer in every team-scoped
        query (PostgreSQL spent 2-3 ms planning the queue's extra join)."""
        return User.teams.through.objects.filter(user_id=self.pk).values("team_id")

    def leads(self, team: Team) -> bool:
        """A lead nurse of this team (the role is per team, see Team.lead_nurses)."""
        return self.is_nurse and team.lead_nurses.filter(pk=self.pk).exists()


def _own_phone(code: str) -> models.CharField:
    """A patient's own number for a team phone; blank falls back to the team's."""
    return models.CharField(
        PROFILE_FIELDS[code],
        max_length=20,
        blank=True,
        validators=[phone_validator],
        help_text="Leave blank to use the team's number.",
    )


def _patient_phone(label: str) -> models.CharField:
    """The patient's own number, for the nurse to ring them back."""
    return models.CharField(
        label, max_length=20, blank=True, validators=[phone_validator]
    )


class PatientProfile(models.Model):
    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="patient_profile"
    )
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="patients")
    named_nurse = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="named_patients",
        limit_choices_to={"role": User.Role.NURSE},
    )
    spine_metastases = models.BooleanField(
        PROFILE_FIELDS["spine_metastases"], default=False
    )
    bone_therapy = models.CharField(
        PROFILE_FIELDS["bone_therapy"],
        max_length=20,
        choices=BONE_THERAPY,
        default="none",
    )
    on_chemotherapy = models.BooleanField(
        PROFILE_FIELDS["on_chemotherapy"], default=False
    )
    specialist_team_phone = _own_phone("specialist_team_phone")
    acute_oncology_phone = _own_phone("acute_oncology_phone")
    mobile_phone = _patient_phone("Patient's mobile phone")
    other_phone = _patient_phone("Patient's other phone (home or work)")
    nhs_number = models.CharField(
        PROFILE_FIELDS["nhs_number"],
        max_length=12,
        blank=True,
        validators=[validate_nhs_number],
    )
    date_of_birth = models.DateField(
        PROFILE_FIELDS["date_of_birth"], null=True, blank=True
    )
    # Empty until a nurse saves the clinical profile form: a new patient's
    # defaults above are nobody's answer, so the rules treat them the safer
    # way until then (diary.services.profile_for_rules, HAZ-16).
    profile_reviewed_at = models.DateTimeField(
        "clinical profile reviewed at", null=True, blank=True, editable=False
    )
    profile_reviewed_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name="clinical profile reviewed by",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            # The queue's task list of profiles not yet reviewed (HAZ-16):
            # the few new patients, without reading the whole caseload.
            models.Index(
                fields=["team"],
                condition=models.Q(profile_reviewed_at__isnull=True),
                name="profile_not_reviewed",
            )
        ]

    def __str__(self) -> str:
        return str(self.user)

    @property
    def profile_reviewed(self) -> bool:
        return self.profile_reviewed_at is not None

    def clean(self) -> None:
        if self.nhs_number:
            self.nhs_number = normalise_nhs_number(self.nhs_number)
        if self.date_of_birth and self.date_of_birth > timezone.localdate():
            raise ValidationError(
                {"date_of_birth": "A date of birth cannot be in the future."}
            )

    @property
    def specialist_phone(self) -> str:
        return self.specialist_team_phone or self.team.specialist_team_phone

    @property
    def acute_phone(self) -> str:
        return self.acute_oncology_phone or self.team.acute_oncology_phone

    @property
    def phones(self) -> list[tuple[str, str]]:
        """(kind, number) of the patient's own numbers given, mobile first."""
        found = [("Mobile", self.mobile_phone), ("Other", self.other_phone)]
        return [(kind, number) for kind, number in found if number]

    @property
    def nhs_number_display(self) -> str:
        return format_nhs_number(self.nhs_number)


class Invitation(models.Model):
    """A one-time link for a patient a nurse added to set their password.

    The link is a signed token (accounts/invites.py) that expires on its own;
    the status here makes it single-use and lets a new link replace an old one.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for the patient"
        ACCEPTED = "accepted", "Accepted"
        REPLACED = "replaced", "Replaced by a newer invitation"

    patient = models.ForeignKey(
        PatientProfile, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField()
    invited_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Invitation to {self.email} ({self.get_status_display()})"


class CarerLinkQuerySet(models.QuerySet["CarerLink"]):
    def active(self) -> CarerLinkQuerySet:
        """Accepted and not revoked: the carer may help this patient now."""
        return self.filter(accepted_at__isnull=False, revoked_at__isnull=True)

    def pending(self) -> CarerLinkQuerySet:
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True)


class CarerLink(models.Model):
    """A carer who may enter and read one patient's diary.

    The row is also the carer's invitation (accounts/carers.py): created when
    the patient invites an address, `carer` set when the link is accepted, and
    revoked for good (a new invitation makes a new row). A carer may have one
    link per patient they help.
    """

    patient = models.ForeignKey(
        PatientProfile, on_delete=models.CASCADE, related_name="carer_links"
    )
    email = models.EmailField(help_text="The address the invitation went to.")
    carer = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="carer_links",
        limit_choices_to={"role": User.Role.CARER},
    )
    invited_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = CarerLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One live link per carer and patient: accepting a second
            # invitation from the same patient must not double the carer.
            models.UniqueConstraint(
                fields=["carer", "patient"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_live_carer_link_per_patient",
            )
        ]

    def __str__(self) -> str:
        return f"Carer {self.carer or self.email} for {self.patient}"

    @property
    def is_active(self) -> bool:
        return self.accepted_at is not None and self.revoked_at is None


class LoginThrottle(models.Model):
    """Attempts at one password in the current window, for accounts/throttle.py.

    One row per key (an account, an unknown address or a client IP), updated
    by a single INSERT ... ON CONFLICT statement so that concurrent attempts
    cannot miss each other's counts.
    """

    key = models.CharField(max_length=80, primary_key=True)
    attempts = models.PositiveIntegerField(default=0)
    # Seconds since the epoch: the window is fixed from its first attempt.
    window_start = models.BigIntegerField()

    def __str__(self) -> str:
        return f"{self.key}: {self.attempts}"


class SecondStepFailures(models.Model):
    """Wrong codes at the second step of signing in, counted per user so that
    the authenticator app and the recovery codes share one limit
    (accounts/mfa.py). No row means no recent failure."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    count = models.PositiveIntegerField(default=0)
    window_started_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.count} wrong codes for {self.user}"
