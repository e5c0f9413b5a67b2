"""Importing a registration list in the app: the page (`page.ImportPage`) and its steps."""
