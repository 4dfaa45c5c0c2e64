"""The patient's side of the diary, at the site's root: her pages (views.py),
the guidance after a save (guidance.py), her PDF downloads (exports.py) and
their URLs (urls.py). Shared pieces (models, services, forms, presenters,
PDFs) live in diary/; nothing here is imported by the nurse's side."""
