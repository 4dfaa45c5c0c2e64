"""The plain input of the PDF builders.

The Django side fills these from QuerySets; the builders never touch the ORM
or a request, so they can be tested and benchmarked without a database.
Free text is stored as typed: the builders escape it when they print it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from diary.charts import DayPoint, daily_series
from diary.completion import began_in_period


@dataclass(frozen=True)
class ReportHeader:
    patient_name: str
    date_of_birth: date | None
    nhs_number: str  # digits as stored; "" when not recorded
    team_name: str
    start: date
    end: date
    generated_at: datetime  # already in the team's local time


@dataclass(frozen=True)
class DayRow:
    day: date
    pain_score: int | None  # None: not answered (a day saved for its warning signs)
    pain_sites: tuple[str, ...]  # codes of clinical.fields.PAIN_SITES
    fatigue_score: int | None
    breakthrough_doses: int | None  # None: not answered
    warning_signs: tuple[str, ...]  # labels of the warning signs answered yes
    temperature_c: Decimal | None
    notes: str
    questions_for_team: str
    level: str  # "none", "green", "amber" or "red"
    # Who saved the day when it was not the patient, as printed after
    # "Recorded by" (e.g. "nurse Sam Patel"); "" for the patient's own entry.
    recorded_by: str = ""


@dataclass(frozen=True)
class FlagEvent:
    day: date
    condition: str  # plain name, e.g. "Possible spinal cord compression"
    level: str
    # (clinical wording, the patient's wording) per reason; the patient's is
    # "" where there is none (a profile answer, a note on earlier entries).
    reasons: tuple[tuple[str, str], ...]
    status: str  # "open", "acknowledged" or "withdrawn"
    acknowledged_by: str  # "" while nobody has
    acknowledged_at: datetime | None
    action: str
    note: str


@dataclass(frozen=True)
class DiaryReport:
    header: ReportHeader
    rows: tuple[DayRow, ...]  # one per logged day, in date order
    events: tuple[FlagEvent, ...]  # in date order
    flag_counts: Mapping[str, int]  # {"red": n, "amber": n, "green": n}
    # (label, answer) as the team recorded them: spinal metastases, bone
    # therapy, chemotherapy.
    profile: tuple[tuple[str, str], ...] = ()
    diary_began: date | None = None  # the patient's first entry, ever


@dataclass(frozen=True)
class Summary:
    days_in_range: int  # from the period's start, or the diary's first day if later
    days_logged: int
    pain_mean: float | None  # None when nothing was logged
    pain_worst: int | None
    fatigue_mean: float | None
    fatigue_worst: int | None
    breakthrough_total: int
    breakthrough_days: int  # days the breakthrough question was answered
    # The diary's first day when it falls after the period's start.
    began_in_range: date | None = None

    @property
    def breakthrough_per_day(self) -> float | None:
        """Average doses on the days the question was answered."""
        if not self.breakthrough_days:
            return None
        return self.breakthrough_total / self.breakthrough_days


@dataclass(frozen=True)
class AlertCard:
    patient_name: str
    nhs_number: str
    date_of_birth: date | None
    team_name: str
    specialist_team_phone: str
    acute_oncology_phone: str
    patient_side: tuple[str, ...]  # paragraphs; a leading "• " makes a bullet
    professional_side: tuple[str, ...]


def report_series(report: DiaryReport) -> list[DayPoint]:
    """The report's rows as a chart series: one point per day in the range."""
    points = (
        DayPoint(r.day, r.pain_score, r.fatigue_score, r.breakthrough_doses)
        for r in report.rows
    )
    return daily_series(report.header.start, report.header.end, points)


def _mean(values: list[int]) -> float | None:
    return sum(values) / len(values) if values else None


def summarise(report: DiaryReport) -> Summary:
    """Days logged, mean and worst scores, and breakthrough doses in the range.

    Days are counted from the diary's first day when it began within the
    range: days before it are not days the patient missed (diary.completion,
    the rule every page uses too).
    """
    start, end = report.header.start, report.header.end
    began_in_range = began_in_period(start, end, report.diary_began)
    start = began_in_range or start
    rows = [r for r in report.rows if start <= r.day <= end]
    pain = [r.pain_score for r in rows if r.pain_score is not None]
    fatigue = [r.fatigue_score for r in rows if r.fatigue_score is not None]
    doses = [r.breakthrough_doses for r in rows if r.breakthrough_doses is not None]
    return Summary(
        days_in_range=(end - start).days + 1,
        days_logged=len(rows),
        pain_mean=_mean(pain),
        pain_worst=max(pain, default=None),
        fatigue_mean=_mean(fatigue),
        fatigue_worst=max(fatigue, default=None),
        breakthrough_total=sum(doses),
        breakthrough_days=len(doses),
        began_in_range=began_in_range,
    )
