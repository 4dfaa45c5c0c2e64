"""Diary reminders: the patient's choice (diary.models.Reminder), when one is
due (rules.py, pure), how it is sent (senders.py, one interface for Django's
mail and GOV.UK Notify) and the writes and the cron's run (service.py,
called by manage.py send_reminders)."""
