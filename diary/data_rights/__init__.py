"""A patient's data rights (UK GDPR): everything of hers in one download
(export.py), closing her account (closure.py) and erasing a closed account's
record once the retention period has run out (retention.py)."""
