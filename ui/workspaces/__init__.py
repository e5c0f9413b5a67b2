"""One workspace per role of the desk: intake, administration, …"""
