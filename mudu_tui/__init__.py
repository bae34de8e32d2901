"""mudu-tui: a terminal reader for a richly annotated Chinese article."""

__version__ = "0.1.0"
