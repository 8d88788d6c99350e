"""The desktop app (PySide6): the only package that imports Qt.

Widgets collect choices and show results; one ``Session`` owns the dataset, recipe and deck and
emits changes; long work runs through one background-task helper (``tasks.py``).
"""
