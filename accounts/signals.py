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
