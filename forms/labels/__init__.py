"""Wristbands and ID cards: the name, household, appointment and a QR code that carries no name."""

from forms.labels.data import LabelData
from forms.labels.id_cards import render_id_cards
from forms.labels.wristband import render_wristbands

__all__ = ["LabelData", "render_id_cards", "render_wristbands"]
