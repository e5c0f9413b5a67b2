"""Small widgets the workspaces share: badges, the scan field, the household card, messages."""
