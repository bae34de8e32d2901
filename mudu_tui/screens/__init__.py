"""The reader's screens: the main screen that routes messages, help, and search."""
