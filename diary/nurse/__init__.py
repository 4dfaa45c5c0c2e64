"""The nurse's side of the service, served at /nurse/ (urls.py).

- views.py: the lists: triage queue, green review, acknowledging a flag,
  caseload, inviting a patient;
- record.py: one patient's record and the nurse's changes to it (profile,
  clinical notes, an entry taken on the phone);
- exports.py: the patient's diary PDF and alert card, as the nurse opens them;
- forms.py: the forms of those pages;
- services.py: the nurse's writes, each atomic with its audit event; they take
  plain values, never forms;
- caseload.py: the caseload as one annotated QuerySet, and its sparklines.

Every view is behind access.nurse_required and reaches a patient through
access.get_patient_for_nurse, so another team's patient is a 404.
"""
