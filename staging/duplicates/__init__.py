"""Reviewing possible duplicates: two registrations side by side, then "not the same person"
(dismissed) or "same person" (merged: one person keeps every fact of both, and the other
registration's ids stay as aliases that still find them)."""
