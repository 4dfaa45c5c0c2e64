"""The clinical core: the data dictionary, the level vocabulary and the red-flag
rules with their guidance texts.

Pure Python, no Django anywhere in it (tests/clinical/test_clinical_needs_no_django.py):
`accounts` and `diary` both build on it, and the scenario runner, the
benchmarks and the tests run the very code a real save runs.
"""
