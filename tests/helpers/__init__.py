"""Helpers shared by the test packages (qutebrowser keeps them in one place, not in conftest)."""
