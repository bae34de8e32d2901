"""JSON Schemas shipped with mudu-tui (package data, read with ``importlib.resources``)."""
