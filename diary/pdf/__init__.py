"""PDF builders over plain data: the symptom diary report and the alert card.

The Django side fills the dataclasses in `diary.pdf.data` and calls a builder;
nothing here touches the ORM or a request.
"""
