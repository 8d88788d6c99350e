"""The command line: the same core as the app, headless."""
