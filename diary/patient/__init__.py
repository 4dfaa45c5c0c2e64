"""The patient's side of the diary, at the site's root: her pages (views.py),
the guidance after a save and the alert card (guidance.py), her PDF downloads
(exports.py), the open-flag banner on every page she sees
(context_processors.py) and their URLs (urls.py). Shared pieces (models,
services, forms, presenters, documents, PDFs) live in diary/; the nurse's side
never imports anything here."""
