"""The headless core of mudu-tui: article, index, mentions, scripts and search.

Nothing in this package imports Textual, so it is fast to test and serves the CLI too.
"""
