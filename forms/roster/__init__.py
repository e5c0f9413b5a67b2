"""The day's transport roster on paper: one sheet per trip, a row and a QR code per person.

- :mod:`forms.roster.model`: the plain data (``RosterRow``, ``RosterSheet``), built by the core;
- :mod:`forms.roster.pdf`: ``render_roster``, the printed sheets.

Nothing is imported here: the core imports the model without paying for reportlab and qrcode.
"""
