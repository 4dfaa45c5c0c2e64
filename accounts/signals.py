"""What accounts announces for the diary's audit trail to record.

accounts never imports diary (diary builds on accounts, not the other way
round), yet nurses' invitations and staff's two-step resets belong in the
diary's audit trail. So accounts sends these signals and diary/apps.py
connects diary.audit's receivers. Django sends a signal synchronously, inside
the caller's transaction: the audit row commits or rolls back with the change.
"""

from __future__ import annotations

from django.dispatch import Signal

# A nurse sent a patient an invitation link.
# Arguments: nurse, invitation, detail (extra audit detail, e.g. {"again": True}).
patient_invited = Signal()

# A nurse tried to invite the address of a patient outside their teams.
# Arguments: nurse, patient, email.
invite_refused = Signal()

# Staff removed a user's authenticator app and recovery codes.
# Arguments: by, user.
two_step_reset = Signal()

# The sign-in events, for the audit trail. `user` is the account the address
# tried resolves to (None when it is no account's); `address` is what was
# typed in the email field, never the password; `ip` the client's address.

# The password was right and the account may sign in here (via "password"),
# or a patient set her password from an invitation and is signed in (via
# "invitation").
# Arguments: user, address, ip, via.
signed_in = Signal()

# A sign-in was refused. reason: "wrong_password", "locked" (the account is
# locked), "network_locked" (too many wrong passwords from the IP) or
# "not_allowed" (right password, but the account may not sign in here).
# Arguments: user, address, ip, reason.
sign_in_failed = Signal()

# This wrong password was the last one allowed: the account is locked until
# `until` (an aware datetime). Sent instead of sign_in_failed for that attempt.
# Arguments: user, address, ip, until.
locked_out = Signal()

# The user signed out (reason "signed_out") or was signed out at the end of the
# session's lifetime (reason "session_lifetime").
# Arguments: user, reason.
signed_out = Signal()

# A code was tried at the second step. outcome: "verified", "wrong", "reused",
# "locked" (this wrong code was the last one allowed) or "refused_locked" (the
# step was already locked); method: "authenticator app", "recovery code" or
# "new authenticator app" (enrolment), when verified.
# Arguments: user, outcome, method.
two_step_checked = Signal()

# Staff read or changed patients' records in the admin (accounts/admin.py
# AuditedAdmin). `model` is the model's label ("diary.dailyentry"),
# `object_id` the row's pk as a string (None for a list), `patient` the
# PatientProfile the row is about, when there is one.

# A list page (detail: "searched": bool, "filters": parameter names; never
# the search text) or a change page (detail empty) was shown.
# Arguments: by, model, object_id, patient, detail.
staff_viewed = Signal()

# A row was added, changed or deleted (change: "added", "changed", "deleted");
# `fields` are the names of the fields changed, never their values.
# Arguments: by, model, object_id, patient, change, fields.
staff_changed = Signal()

# Carers (accounts/carers.py). `link` is the CarerLink; `by` who acted (the
# patient or a nurse inviting or revoking). Never the carer's email in detail
# beyond the invitation's own address.
# Arguments: by, link.
carer_invited = Signal()
# Arguments: link (its carer has just accepted).
carer_accepted = Signal()
# Arguments: by, link.
carer_revoked = Signal()
