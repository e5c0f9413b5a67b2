"""The coordinator's data desk: import, duplicate review, exports and backups."""
