"""Dialogs opened from the workspaces (walk-ins, contact details)."""
