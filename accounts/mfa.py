"""Two-step sign-in with django-otp: who must pass it, enrolment, and codes.

Nurses and staff see many patients' records, so they must pass the second
step (a code from an authenticator app, or a one-time recovery code) before
any page but the sign-in steps. Patients may turn it on; once on, they are
asked too. docs/decisions/0002-two-step-sign-in.md says why it is built so.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from base64 import b32encode
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_otp import devices_for_user
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import SecondStepFailures, User
from accounts.signals import two_step_checked, two_step_reset

# Like wrong passwords (accounts/throttle.py): 10 wrong codes within 15
# minutes lock the second step for the rest of the 15 minutes.
MAX_FAILURES = 10
WINDOW = dt.timedelta(minutes=15)
RECOVERY_CODES = 10
APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"


def is_required(user: User) -> bool:
    """Everyone but patients and their carers: nurses, staff and
    administrators. A carer may turn it on, as a patient may (ADR 0006)."""
    lay = (User.Role.PATIENT, User.Role.CARER)
    return user.role not in lay or user.is_staff or user.is_superuser


def is_enrolled(user: User) -> bool:
    """Set up: signing in asks for a code. Set with the devices, in the same
    transaction; if a device were lost the user is still asked (and a staff
    reset lets them set it up again), never let through."""
    return user.two_step_on


def needs_second_step(user: User) -> bool:
    """A signed-in user who must enter a code before going on."""
    if user.is_verified():
        return False
    return is_required(user) or is_enrolled(user)


def second_step_url(user: User, next_url: str = "") -> str:
    """Where a user who needs the second step goes: the code, or enrolment."""
    url = reverse("otp_verify" if is_enrolled(user) else "otp_enrol")
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


# A published key for the demo nurses of seed_demo only (DEBUG): a newcomer
# signs in with it from any authenticator app, or with `make demo-code`.
DEMO_KEY_HEX = "3132333435363738393031323334353637383930"
DEMO_KEY_TEXT = " ".join(
    b32encode(bytes.fromhex(DEMO_KEY_HEX)).decode()[i : i + 4] for i in range(0, 32, 4)
)


def give_demo_device(user: User) -> None:
    """The demo key as the user's confirmed authenticator app (seed_demo)."""
    TOTPDevice.objects.filter(user=user).delete()
    TOTPDevice.objects.create(
        user=user, name=APP_DEVICE_NAME, key=DEMO_KEY_HEX, confirmed=True
    )
    User.objects.filter(pk=user.pk).update(two_step_on=True)


def demo_code() -> str:
    """The demo key's code now, as an authenticator app would show it."""
    return f"{TOTP(bytes.fromhex(DEMO_KEY_HEX)).token():06d}"


def key_in_text(device: TOTPDevice) -> str:
    """The key as authenticator apps take it typed: base32, in groups of 4."""
    key = b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def normalise_code(code: str) -> str:
    """People type codes with spaces or dashes ("123 456", "abcd-efgh")."""
    return re.sub(r"[\s-]", "", code).lower()


def pending_app_device(user: User) -> TOTPDevice:
    """The unconfirmed authenticator device enrolment shows: the same key on
    every visit until confirmed, so a reload does not undo a scan."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name=APP_DEVICE_NAME, confirmed=False
        )
    return device


@transaction.atomic
def confirm_app_device(device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm enrolment with the first code the app shows. Returns the new
    recovery codes (to show once), or None if the code is wrong."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    if not device.verify_token(normalise_code(code)):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    User.objects.filter(pk=device.user_id).update(two_step_on=True)
    return new_recovery_codes(device.user)


@transaction.atomic
def new_recovery_codes(user: User) -> list[str]:
    """RECOVERY_CODES fresh single-use codes; any earlier ones stop working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def remove_devices(user: User) -> None:
    """Two-step sign-in off (a patient's choice) or reset (by staff): a
    nurse is asked to enrol again at the next sign-in."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    SecondStepFailures.objects.filter(user=user).delete()
    User.objects.filter(pk=user.pk).update(two_step_on=False)
    user.two_step_on = False


@transaction.atomic
def reset(*, by: User, user: User) -> None:
    """Staff reset a user's two-step sign-in (e.g. a lost phone), audited (by
    the diary's receiver of two_step_reset)."""
    remove_devices(user)
    two_step_reset.send(sender=User, by=by, user=user)


class Outcome(enum.Enum):
    VERIFIED = "verified"
    WRONG = "wrong"  # not a code of the user's, or out of the time window
    REUSED = "reused"  # an authenticator code already used to sign in
    LOCKED = "locked"


@dataclass(frozen=True)
class Check:
    outcome: Outcome
    device: TOTPDevice | StaticDevice | None = None
    locked_until: dt.datetime | None = None


@transaction.atomic
def check_code(user: User, code: str) -> Check:
    """Try a code against the user's devices, counting wrong ones.

    The user's failure row is locked first (select_for_update), so concurrent
    guesses are counted one after another and none slips past the limit.
    A recovery code is deleted by django-otp when it is used: it works once.
    """
    SecondStepFailures.objects.get_or_create(user=user)
    failures = SecondStepFailures.objects.select_for_update().get(user=user)
    now = timezone.now()
    if now - failures.window_started_at >= WINDOW:
        failures.count, failures.window_started_at = 0, now
    locked_until = failures.window_started_at + WINDOW
    if failures.count >= MAX_FAILURES:
        _announce(user, "refused_locked")
        return Check(Outcome.LOCKED, locked_until=locked_until)
    code = normalise_code(code)
    for device in devices_for_user(user, for_verify=True):
        if device.verify_token(code):
            failures.delete()
            method = "recovery code" if isinstance(device, StaticDevice) else None
            _announce(user, "verified", method or "authenticator app")
            return Check(Outcome.VERIFIED, device=device)
    if failures.count == 0:
        failures.window_started_at, locked_until = now, now + WINDOW
    failures.count += 1
    failures.save()
    if failures.count >= MAX_FAILURES:
        _announce(user, "locked")
        return Check(Outcome.LOCKED, locked_until=locked_until)
    outcome = Outcome.REUSED if _already_used(user, code) else Outcome.WRONG
    _announce(user, outcome.value)
    return Check(outcome)


def _announce(user: User, outcome: str, method: str = "") -> None:
    """For the audit trail (accounts/signals.py), in check_code's transaction."""
    two_step_checked.send(sender=User, user=user, outcome=outcome, method=method)


def _already_used(user: User, code: str) -> bool:
    """The code is one of the app's codes in the time window, refused only
    because django-otp accepts no code at or before the last one used."""
    if not code.isdigit():
        return False
    for device in TOTPDevice.objects.filter(user=user, confirmed=True):
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        if totp.verify(int(code), device.tolerance) and totp.t() <= device.last_t:
            return True
    return False
