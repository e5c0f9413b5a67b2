"""The planner's small dialogs: a vehicle for the site's list, a trip for the day being planned.

Each runs its one core operation itself (`transport.operations`), so a refusal (a name already
used, a vehicle already out that day) is shown where it was typed and nothing is lost.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QLocale, QTime
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QSpinBox, QTimeEdit, QWidget

from staging.changes import Done
from staging.domain import PORTS_BY_CODE
from staging.rules.transport import Vehicle, effective_seats, open_rows
from staging.security.access import Session
from staging.store.store import Actor, Store
from staging.transport.operations import add_trip, add_vehicle
from staging.transport.queries import vehicles
from ui.dialogs.paperwork import PaperworkDialog
from ui.operations import Operations
from ui.widgets.captions import buddy_label
from ui.widgets.dates import display_date

DEFAULT_ROWS, DEFAULT_SEATS_PER_ROW = 12, 4
DEFAULT_DEPARTURE = QTime(7, 30)


class AddVehicleDialog(PaperworkDialog):
    """A vehicle as rows of seats; the seats it carries under the site's distancing are shown
    as the rows are typed."""

    def __init__(
        self, session: Session, operations: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(session, operations, parent)
        self._transport = session.store.policy().transport
        self.name_field = QLineEdit()
        self.rows_field = QSpinBox(minimum=1, maximum=40)
        self.rows_field.setValue(DEFAULT_ROWS)
        self.seats_field = QSpinBox(minimum=1, maximum=26)
        self.seats_field.setValue(DEFAULT_SEATS_PER_ROW)
        self.carries_label = QLabel()
        self.carries_label.setWordWrap(True)
        self.form.addRow(buddy_label(self.name_field), self.name_field)
        self.form.addRow(buddy_label(self.rows_field), self.rows_field)
        self.form.addRow(buddy_label(self.seats_field), self.seats_field)
        self.form.addRow("", self.carries_label)
        self.rows_field.valueChanged.connect(self._show_carries)
        self.seats_field.valueChanged.connect(self._show_carries)
        self.start(self.name_field)

    def vehicle(self) -> Vehicle:
        return Vehicle(self.name_field.text(), self.rows_field.value(), self.seats_field.value())

    def operation(self, store: Store, actor: Actor) -> Done[Any]:
        return add_vehicle(store, actor, self.vehicle())

    def _show_carries(self) -> None:
        shape = Vehicle("", self.rows_field.value(), self.seats_field.value())
        open_count = len(open_rows(shape, self._transport))
        self.carries_label.setText(
            self.tr(
                "Carries at most {seats} people with the site's distancing ({open} of {rows} rows"
                " open)."
            ).format(
                seats=QLocale().toString(effective_seats(shape, self._transport)),
                open=QLocale().toString(open_count),
                rows=QLocale().toString(shape.rows),
            )
        )

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Add a vehicle"))
        self.question_label.setText(
            self.tr(
                "A vehicle the site sends to the port, as rows of seats (the driver's excluded)."
            )
        )
        self.form.labelForField(self.name_field).setText(self.tr("&Name or plate"))
        self.form.labelForField(self.rows_field).setText(self.tr("&Rows of seats"))
        self.form.labelForField(self.seats_field).setText(self.tr("&Seats in a row"))
        self.ok_button.setText(self.tr("&Add vehicle"))
        self._show_carries()
        super().retranslate()


class AddTripDialog(PaperworkDialog):
    """A vehicle leaving for the port at a time, on the day being planned."""

    def __init__(
        self,
        session: Session,
        operations: Operations,
        day: date,
        port: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(session, operations, parent)
        self.day = day
        self.port = port
        self.vehicle_box = QComboBox()
        for vehicle in vehicles(session.store):
            self.vehicle_box.addItem(vehicle["name"], vehicle["id"])
        self.departs_field = QTimeEdit(DEFAULT_DEPARTURE)
        self.departs_field.setDisplayFormat("HH:mm")
        self.form.addRow(buddy_label(self.vehicle_box), self.vehicle_box)
        self.form.addRow(buddy_label(self.departs_field), self.departs_field)
        self.start(self.vehicle_box)

    def operation(self, store: Store, actor: Actor) -> Done[Any]:
        return add_trip(
            store,
            actor,
            self.day,
            self.port,
            self.departs_field.time().toString("HH:mm"),
            self.vehicle_box.currentData() or "",
        )

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Add a trip"))
        port = PORTS_BY_CODE.get(self.port)
        self.question_label.setText(
            self.tr("A trip to {port} on {day}: which vehicle, leaving when.").format(
                port=port.name if port is not None else self.port, day=display_date(self.day)
            )
        )
        self.form.labelForField(self.vehicle_box).setText(self.tr("&Vehicle"))
        self.form.labelForField(self.departs_field).setText(self.tr("&Departs at"))
        self.ok_button.setText(self.tr("&Add trip"))
        super().retranslate()
