"""A patient's daily diary entry: one row per patient per day."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from accounts.models import PatientProfile
from clinical import fields as dd
from clinical import levels
from clinical.levels import Level


def _yes_no(code: str) -> models.BooleanField:
    """A warning-sign question: True, False, or NULL for "not answered"."""
    return models.BooleanField(dd.FIELDS_BY_CODE[code].label, null=True, blank=True)


def _score(code: str) -> models.PositiveSmallIntegerField:
    """Asked every day, but NULL ("not answered") when a day reporting a
    warning sign was saved without it: urgent answers never wait for a score."""
    return models.PositiveSmallIntegerField(
        dd.FIELDS_BY_CODE[code].label,
        null=True,
        blank=True,
        validators=[MinValueValidator(dd.SCORE_MIN), MaxValueValidator(dd.SCORE_MAX)],
    )


def _multi(code: str) -> models.JSONField:
    return models.JSONField(dd.FIELDS_BY_CODE[code].label, null=True, blank=True)


class EntryQuerySet(models.QuerySet["DailyEntry"]):
    def for_patient(self, patient: PatientProfile) -> EntryQuerySet:
        return self.filter(patient=patient)

    def between(self, start: dt.date, end: dt.date) -> EntryQuerySet:
        return self.filter(entry_date__gte=start, entry_date__lte=end)

    def with_team_seen(self) -> EntryQuerySet:
        """`team_seen_at`: when the team had acknowledged every current flag of
        the entry (the latest acknowledgement), None while any is still open.

        Withdrawn flags do not count: an edit that raised a new flag is not seen
        until that one is acknowledged too.

        Subqueries per entry, not a GROUP BY over the joined flags: grouped,
        a page of My diary joined and aggregated her whole history before
        keeping 14 days (0.9 ms at a year of entries on PostgreSQL, and more
        every year); the database now works it out for the page's rows.
        """
        # flags.py imports this module: the models are reached through it.
        from diary.models.flags import Acknowledgement, Flag

        open_flags = Flag.objects.filter(entry=models.OuterRef("pk"), status="open")
        latest_acknowledgement = (
            Acknowledgement.objects.filter(
                flag__entry=models.OuterRef("pk"), flag__status="acknowledged"
            )
            .order_by("-created_at")
            .values("created_at")[:1]
        )
        return self.annotate(
            team_seen_at=models.Case(
                models.When(models.Exists(open_flags), then=None),
                default=models.Subquery(latest_acknowledgement),
            )
        )


class DailyEntry(models.Model):
    # No index of its own: one_entry_per_day (patient, entry_date) serves
    # every look-up by patient. With both, PostgreSQL took this one for a
    # range of days too, read her whole history and filtered it (the
    # caseload's 14-day sparklines read 9,125 rows for 350).
    patient = models.ForeignKey(
        PatientProfile,
        on_delete=models.CASCADE,
        related_name="entries",
        db_index=False,
    )
    entry_date = models.DateField("Date")

    pain_score = _score("pain_score")
    pain_sites = _multi("pain_sites")
    pain_worse_lying_down = _yes_no("pain_worse_lying_down")
    back_pain_positional = _yes_no("back_pain_positional")
    back_pain_band = _yes_no("back_pain_band")
    # NULL, not "", is "not answered": the data dictionary's rule for every field.
    pain_relief_helping = models.CharField(  # noqa: DJ001
        dd.FIELDS_BY_CODE["pain_relief_helping"].label,
        max_length=10,
        choices=dd.PAIN_RELIEF_HELPING,
        null=True,
        blank=True,
    )
    breakthrough_doses = models.PositiveSmallIntegerField(
        dd.FIELDS_BY_CODE["breakthrough_doses"].label,
        null=True,
        blank=True,
        validators=[MaxValueValidator(dd.BREAKTHROUGH_MAX)],
    )
    fatigue_score = _score("fatigue_score")

    difficulty_walking = _yes_no("difficulty_walking")
    numbness = _multi("numbness")
    bladder_bowel_problem = _yes_no("bladder_bowel_problem")

    very_thirsty = _yes_no("very_thirsty")
    passing_more_urine = _yes_no("passing_more_urine")
    nausea = _yes_no("nausea")
    vomiting = _yes_no("vomiting")
    constipation = _yes_no("constipation")
    appetite_loss = _yes_no("appetite_loss")
    poor_concentration = _yes_no("poor_concentration")
    drowsiness = _yes_no("drowsiness")
    weakness = _yes_no("weakness")
    confusion = _yes_no("confusion")

    temperature_c = models.DecimalField(
        dd.FIELDS_BY_CODE["temperature_c"].label,
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(
                dd.TEMPERATURE_MIN, "A temperature must be 34.0 °C or more."
            ),
            MaxValueValidator(
                dd.TEMPERATURE_MAX, "A temperature must be 43.0 °C or less."
            ),
        ],
    )
    shivering = _yes_no("shivering")
    bleeding_bruising = _yes_no("bleeding_bruising")

    leg_swelling = _yes_no("leg_swelling")
    line_site_swelling = _yes_no("line_site_swelling")
    breathless = _yes_no("breathless")
    chest_tightness = _yes_no("chest_tightness")
    coughing_blood = _yes_no("coughing_blood")

    possible_fracture = _yes_no("possible_fracture")
    tingling_mouth = _yes_no("tingling_mouth")
    loose_teeth = _yes_no("loose_teeth")
    gum_problem = _yes_no("gum_problem")
    ear_problem = _yes_no("ear_problem")

    notes = models.TextField(
        dd.FIELDS_BY_CODE["notes"].label, max_length=dd.FREE_TEXT_MAX, blank=True
    )
    questions_for_team = models.TextField(
        dd.FIELDS_BY_CODE["questions_for_team"].label,
        max_length=dd.FREE_TEXT_MAX,
        blank=True,
    )

    level = models.CharField(
        max_length=5, choices=levels.CHOICES, default=Level.NONE.value
    )
    escalated = models.BooleanField(
        default=False, help_text="Two or more amber conditions made the level red."
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        ordering = ["-entry_date"]
        verbose_name_plural = "daily entries"
        constraints = [
            models.UniqueConstraint(
                fields=["patient", "entry_date"], name="one_entry_per_day"
            ),
            models.CheckConstraint(
                condition=models.Q(pain_score__lte=10), name="pain_score_0_to_10"
            ),
            models.CheckConstraint(
                condition=models.Q(fatigue_score__lte=10), name="fatigue_score_0_to_10"
            ),
            models.CheckConstraint(
                condition=models.Q(temperature_c__isnull=True)
                | models.Q(
                    temperature_c__gte=Decimal("34.0"),
                    temperature_c__lte=Decimal("43.0"),
                ),
                name="temperature_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.patient} {self.entry_date:%Y-%m-%d}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        for code in ("pain_sites", "numbness"):
            errors.update(self._multi_errors(code))
        if self.entry_date and self.entry_date > timezone.localdate():
            errors["entry_date"] = "You cannot fill in the diary for a future date."
        if errors:
            raise ValidationError(errors)

    def _multi_errors(self, code: str) -> dict[str, str]:
        value = getattr(self, code)
        allowed = {c for c, _ in dd.FIELDS_BY_CODE[code].choices}
        if value is None:
            return {}
        if not isinstance(value, list) or not set(value) <= allowed:
            return {code: "Choose from the places listed."}
        return {}

    @property
    def is_editable_by_patient(self) -> bool:
        return is_within_edit_window(self.entry_date)

    def reported_warning_signs(self) -> list[str]:
        """Labels of every warning sign answered "yes" (for lists and the PDF)."""
        signs = [
            f.label
            for f in dd.ENTRY_FIELDS
            if f.kind == "bool"
            and f.section != "pain"
            and getattr(self, f.code) is True
        ]
        if self.numbness:
            places = ", ".join(
                dd.choice_label("numbness", p).lower() for p in self.numbness
            )
            signs.insert(0, f"Numbness or pins and needles: {places}")
        return signs

    def reported_pain_signs(self) -> list[str]:
        """Labels of the pain questions answered "yes": the booklet (p. 19)
        lists back pain like a band, or changing with position, among the
        spinal cord warning signs, so lists must not leave them out."""
        return [
            f.label
            for f in dd.fields_in_section("pain")
            if f.kind == "bool" and getattr(self, f.code) is True
        ]

    def reported_signs(self) -> list[str]:
        """Everything answered "yes" on the day, pain signs first."""
        return [*self.reported_pain_signs(), *self.reported_warning_signs()]

    def answer_rows(self) -> list[tuple[str, str]]:
        """(label, answer) per question; "Not answered" stays distinct from "No"."""
        return [
            (f.label, dd.display_value(f.code, getattr(self, f.code)))
            for f in dd.ENTRY_FIELDS
            if not (f.bone_drug_only and getattr(self, f.code) is None)
        ]

    def pain_site_labels(self) -> list[str]:
        return [dd.choice_label("pain_sites", s) for s in self.pain_sites or []]


def team_seen_at(entry: DailyEntry) -> dt.datetime | None:
    """EntryQuerySet.with_team_seen for one entry."""
    return (
        DailyEntry.objects.filter(pk=entry.pk)
        .with_team_seen()
        .values_list("team_seen_at", flat=True)  # type: ignore[misc]  # an annotation stubs cannot see
        .get()
    )


def is_within_edit_window(day: dt.date, today: dt.date | None = None) -> bool:
    """Patients may fill in today and back-fill up to BACKFILL_DAYS days."""
    today = today or timezone.localdate()
    return today - dt.timedelta(days=dd.BACKFILL_DAYS) <= day <= today
