"""The transport planner (coordinators): a day's trips to one port.

Pick a day and a port, plan the day from the queue with Ctrl+D, move or lock a trip's households
as blocks, see who stays behind and why, print the rosters and save the manifest for CBP. Every
decision is the core's (`staging.transport`).
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import QEvent, QStandardPaths
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from forms.roster.build import manifest_rows, roster_sheets
from forms.roster.pdf import render_roster
from staging.changes import Done
from staging.domain import PORTS_OF_ENTRY
from staging.files import write_private
from staging.rules import Action, may
from staging.security.access import Session
from staging.site.settings import site_name
from staging.transport.manifest import manifest_csv, manifest_json
from staging.transport.operations import record_manifest
from staging.transport.planning import move_household, plan, set_locked
from staging.transport.queries import vehicles
from ui.dialogs.medical_supplies import date_field
from ui.dialogs.transport import AddTripDialog, AddVehicleDialog
from ui.language import current_language
from ui.models.transport_model import (
    HouseholdBlock,
    HouseholdsModel,
    NotPlannedModel,
    PlannerDay,
    TripLine,
    TripsModel,
    household_blocks,
    planner_day,
)
from ui.operations import Operations
from ui.printing import deliver_pdf
from ui.widgets.badges import Tone
from ui.widgets.captions import buddy_label
from ui.widgets.dates import display_date
from ui.widgets.fill_bar import FillBarDelegate
from ui.widgets.list_view import list_view
from ui.widgets.message_line import MessageLine
from ui.widgets.messages import localized, refusal_text
from ui.workspaces.transport.words import number, port_name


class PlannerPanel(QWidget):
    """A day's trips to one port: plan, adjust by hand, print."""

    def __init__(
        self, session: Session, operations: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.operations = operations
        store = session.store
        self.day_view: PlannerDay | None = None
        self.trip_id: str | None = None  # the trip whose households are shown

        self.date_field = date_field(store.today() + timedelta(days=1))
        self.date_label = buddy_label(self.date_field)
        self.port_box = QComboBox()
        for port in PORTS_OF_ENTRY:
            self.port_box.addItem(f"{port.name} ({port.code})", port.code)
        site_port = store.policy().site.port_of_entry
        self.port_box.setCurrentIndex(max(0, self.port_box.findData(site_port)))
        self.port_label = buddy_label(self.port_box)
        self.capacity_label = QLabel()
        # The figure is in the words beside it: text drawn across a bar's edge is hard to read.
        self.capacity_bar = QProgressBar()
        self.capacity_bar.setTextVisible(False)
        self.plan_button = QPushButton()
        self.print_button = QPushButton()
        self.manifest_button = QPushButton()
        self.message_label = MessageLine()

        self.trips_model = TripsModel(current_language())
        self.trips_view = list_view(self.trips_model, TripsModel.COL_VEHICLE)
        self.trips_view.setItemDelegateForColumn(
            TripsModel.COL_SEATS, FillBarDelegate(TripsModel.FillRole, self.trips_view)
        )
        self.trips_caption = buddy_label(self.trips_view)
        self.vehicle_button = QPushButton()
        self.trip_button = QPushButton()

        self.not_planned_model = NotPlannedModel(current_language())
        self.not_planned_view = list_view(self.not_planned_model, NotPlannedModel.COL_WHY)
        self.not_planned_caption = buddy_label(self.not_planned_view)
        self.notes_label = QLabel()
        self.notes_label.setWordWrap(True)

        self.households_model = HouseholdsModel(current_language())
        self.households_view = list_view(self.households_model, HouseholdsModel.COL_PEOPLE)
        self.households_view.setWordWrap(True)
        self.households_caption = buddy_label(self.households_view)
        self.move_box = QComboBox()
        self.move_label = buddy_label(self.move_box)
        self.move_button = QPushButton()
        self.lock_button = QPushButton()
        for button in self.buttons():
            button.setAutoDefault(True)

        self._layout()
        self._connect()
        self._keyboard()
        self.retranslate()

    def buttons(self) -> list[QPushButton]:
        return [
            self.plan_button,
            self.print_button,
            self.manifest_button,
            self.vehicle_button,
            self.trip_button,
            self.move_button,
            self.lock_button,
        ]

    # --- building --------------------------------------------------------------------------------

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.date_label)
        top.addWidget(self.date_field)
        top.addSpacing(8)
        top.addWidget(self.port_label)
        top.addWidget(self.port_box)
        top.addSpacing(8)
        top.addWidget(self.capacity_label)
        top.addWidget(self.capacity_bar, 1)
        top.addSpacing(8)
        top.addWidget(self.plan_button)
        top.addWidget(self.print_button)
        top.addWidget(self.manifest_button)

        trip_buttons = QHBoxLayout()
        trip_buttons.addStretch(1)
        trip_buttons.addWidget(self.vehicle_button)
        trip_buttons.addWidget(self.trip_button)
        left = QVBoxLayout()
        left.addWidget(self.trips_caption)
        left.addWidget(self.trips_view, 1)
        left.addLayout(trip_buttons)
        left.addWidget(self.not_planned_caption)
        left.addWidget(self.not_planned_view, 3)
        left.addWidget(self.notes_label)

        move = QHBoxLayout()
        move.addWidget(self.move_label)
        move.addWidget(self.move_box, 1)
        move.addWidget(self.move_button)
        move.addSpacing(12)
        move.addWidget(self.lock_button)
        right = QVBoxLayout()
        right.addWidget(self.households_caption)
        right.addWidget(self.households_view, 1)
        right.addLayout(move)

        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(right, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.message_label)
        layout.addLayout(body, 1)

    def _connect(self) -> None:
        self.date_field.dateChanged.connect(self.refresh)
        self.port_box.currentIndexChanged.connect(self.refresh)
        self.plan_button.clicked.connect(self.plan_day)
        self.print_button.clicked.connect(self.print_rosters)
        self.manifest_button.clicked.connect(self.save_manifest)
        self.vehicle_button.clicked.connect(self.add_vehicle)
        self.trip_button.clicked.connect(self.add_trip)
        self.move_button.clicked.connect(self.move_household)
        self.lock_button.clicked.connect(self.toggle_lock)
        self.trips_view.selectionModel().currentRowChanged.connect(self._trip_picked)
        self.households_view.selectionModel().currentRowChanged.connect(self._show_household)

    def _keyboard(self) -> None:
        self.shortcuts = [
            QShortcut(QKeySequence(keys), self, slot)
            for keys, slot in (
                ("Ctrl+D", self.plan_day),
                ("Ctrl+P", self.print_rosters),
                ("Ctrl+Shift+S", self.save_manifest),
            )
        ]
        chain = [
            self.date_field,
            self.port_box,
            self.plan_button,
            self.print_button,
            self.manifest_button,
            self.trips_view,
            self.vehicle_button,
            self.trip_button,
            self.not_planned_view,
            self.households_view,
            self.move_box,
            self.move_button,
            self.lock_button,
        ]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)

    # --- reading the site ------------------------------------------------------------------------

    def day(self) -> date:
        return self.date_field.date().toPython()

    def port(self) -> str:
        return self.port_box.currentData()

    def refresh(self) -> None:
        """Re-read the day's trips, their rosters and who waits; the selections stay."""
        store = self.session.store
        self.day_view = planner_day(store, self.day(), self.port(), self.session.actor.role)
        household = self._current_household()
        self.trips_model.set_rows(self.day_view.trips)
        trips = self.day_view.trips
        if self.trip_id is None or self.trips_model.row_of(self.trip_id) is None:
            self.trip_id = trips[0].id if trips else None
        row = self.trips_model.row_of(self.trip_id) if self.trip_id else None
        if row is not None:
            self.trips_view.selectRow(row)
        self.not_planned_model.set_rows(self.day_view.not_planned)
        self._show_trip(household.household_id if household else None)
        self._retranslate_day()

    def _trip_picked(self) -> None:
        index = self.trips_view.currentIndex()
        if index.isValid():
            self.trip_id = index.data(TripsModel.TripIdRole)
            self._show_trip(None)
            self._retranslate_day()

    def trip(self) -> TripLine | None:
        row = self.trips_model.row_of(self.trip_id) if self.trip_id else None
        return self.trips_model.row(row) if row is not None else None

    def _show_trip(self, keep_household: str | None) -> None:
        """The picked trip's households, and the open trips a household may move to."""
        line = self.trip()
        self.households_model.set_rows(household_blocks(line.seats) if line else [])
        row = self.households_model.row_of(keep_household) if keep_household else None
        if row is None and self.households_model.rowCount():
            row = 0
        if row is not None:
            self.households_view.selectRow(row)
        self.households_view.resizeRowsToContents()
        self.move_box.clear()
        for other in self.day_view.trips if self.day_view else ():
            if other.id != self.trip_id and other.state == "open":
                self.move_box.addItem(self._trip_words(other), other.id)
        self._show_household()

    def _current_household(self) -> HouseholdBlock | None:
        index = self.households_view.currentIndex()
        return self.households_model.row(index.row()) if index.isValid() else None

    def _show_household(self) -> None:
        household = self._current_household()
        self.lock_button.setText(
            self.tr("Unloc&k") if household is not None and household.locked else self.tr("Loc&k")
        )
        if may(self.session.actor.role, Action.PLAN_TRANSPORT):
            has_household = household is not None
            self.lock_button.setEnabled(has_household)
            self.move_button.setEnabled(has_household and self.move_box.count() > 0)

    # --- planning --------------------------------------------------------------------------------

    def _allowed(self) -> bool:
        refused = refusal_text(self.session.actor, Action.PLAN_TRANSPORT)
        if refused is not None:
            self.message_label.say(Tone.BLOCKED, lambda: refused)
            return False
        return True

    def plan_day(self) -> None:
        """The rules fill the open trips from the queue; locked and boarded places stay."""
        if not self._allowed():
            return
        store, actor, day, port = self.session.store, self.session.actor, self.day(), self.port()
        done = self.operations.run(
            lambda: plan(store, actor, day, port), self.message_label.refused
        )
        if done is None:
            return
        placed, left = done.value.people, len(done.value.left)
        self.message_label.say(
            Tone.GOOD,
            lambda: self.tr(
                "Planned: {placed} people on the trips of {day}; {left} not planned (see why"
                " below)."
            ).format(placed=number(placed), day=display_date(day), left=number(left)),
        )

    def move_household(self) -> None:
        """The household sits together on the other trip, locked there."""
        household, target = self._current_household(), self.move_box.currentData()
        if not self._allowed() or household is None or not target:
            return
        store, actor = self.session.store, self.session.actor

        def move() -> Done[list[str]]:
            moved = move_household(store, actor, household.household_id, target)
            self.trip_id = target  # the redraw after the broadcast shows where it went
            return moved

        done = self.operations.run(move, self.message_label.refused)
        if done is None:
            return
        where = self.trip()
        where_words = self._trip_words(where) if where else ""
        self.message_label.say(
            Tone.GOOD,
            lambda: self.tr(
                "Household {household} moved to {trip} and locked there (seats {seats})."
            ).format(household=household.label, trip=where_words, seats=", ".join(done.value)),
        )

    def toggle_lock(self) -> None:
        household, trip_id = self._current_household(), self.trip_id
        if not self._allowed() or household is None or trip_id is None:
            return
        store, actor, locked = self.session.store, self.session.actor, not household.locked
        done = self.operations.run(
            lambda: set_locked(store, actor, trip_id, household.household_id, locked),
            self.message_label.refused,
        )
        if done is None:
            return
        self.message_label.say(
            Tone.GOOD,
            (
                lambda: self.tr(
                    "Household {household} is locked: it keeps its trip and seats when the day is"
                    " planned again."
                ).format(household=household.label)
            )
            if locked
            else (
                lambda: self.tr(
                    "Household {household} is unlocked: the next plan may seat it elsewhere."
                ).format(household=household.label)
            ),
        )

    def add_vehicle(self) -> None:
        if not self._allowed():
            return
        dialog = AddVehicleDialog(self.session, self.operations, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            name = dialog.vehicle().name.strip()
            self.message_label.say(
                Tone.GOOD,
                lambda: self.tr("{vehicle} is on the list: add a trip with it.").format(
                    vehicle=name
                ),
            )

    def add_trip(self) -> None:
        if not self._allowed():
            return
        if not vehicles(self.session.store):
            self.message_label.say(Tone.BLOCKED, lambda: self.tr("Add a vehicle first."))
            return
        dialog = AddTripDialog(self.session, self.operations, self.day(), self.port(), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            vehicle, departs = dialog.vehicle_box.currentText(), dialog.departs_field.time()
            self.message_label.say(
                Tone.GOOD,
                lambda: self.tr("Trip added: {vehicle} at {time}. Plan the day (Ctrl+D).").format(
                    vehicle=vehicle, time=departs.toString("HH:mm")
                ),
            )

    # --- paper -----------------------------------------------------------------------------------

    def _travelling(self) -> bool:
        if self.day_view is not None and self.day_view.planned:
            return True
        self.message_label.say(
            Tone.BLOCKED, lambda: self.tr("Nobody is on the day's trips: plan the day first.")
        )
        return False

    def print_rosters(self) -> None:
        """One sheet per trip, as the roster stands (no-shows left off)."""
        if not self._travelling() or self.day_view is None:
            return
        sheets = roster_sheets(
            site_name(self.session.store), [line.trip_seats for line in self.day_view.trips]
        )
        day, port = self.day_view.day, self.day_view.port
        try:
            where = deliver_pdf(
                self,
                lambda: render_roster(sheets),
                title=self.tr("Passenger roster"),
                file_name=f"roster-{port}-{day.isoformat()}.pdf",
            )
        except OSError as error:
            problem = str(error)
            self.message_label.say(
                Tone.BLOCKED, lambda: self.tr("Not printed: {problem}").format(problem=problem)
            )
            return
        if where is not None:
            count = len(sheets)
            self.message_label.say(
                Tone.GOOD,
                lambda: self.tr("{where} {count} roster sheet(s).").format(
                    where=where, count=number(count)
                ),
            )

    def save_manifest(self) -> None:
        """CSV for a spreadsheet, or JSON, as the file's name says; only the people travelling."""
        if not self._travelling() or self.day_view is None:
            return
        store, view = self.session.store, self.day_view
        rows = manifest_rows([line.trip_seats for line in view.trips])
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        csv_filter, json_filter = self.tr("CSV files (*.csv)"), self.tr("JSON files (*.json)")
        chosen, picked_filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Manifest for CBP"),
            str(Path(folder) / f"manifest-{view.port}-{view.day.isoformat()}.csv"),
            f"{csv_filter};;{json_filter}",
        )
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() not in (".csv", ".json"):
            path = path.with_name(
                f"{path.name}{'.json' if picked_filter == json_filter else '.csv'}"
            )
        if path.suffix.lower() == ".json":
            data = manifest_json(rows, site_name(store), view.port, view.day, store.clock.now())
        else:
            data = manifest_csv(rows)
        try:
            write_private(path, data)  # names and A-numbers: this account's only
        except OSError as error:
            problem = str(error)
            self.message_label.say(
                Tone.BLOCKED, lambda: self.tr("Not saved: {problem}").format(problem=problem)
            )
            return
        count = len(rows)
        self.operations.run(
            lambda: record_manifest(
                store, self.session.actor, view.day, view.port, path.name, count
            ),
            self.message_label.refused,
        )
        self.message_label.say(
            Tone.GOOD,
            lambda: self.tr("Manifest saved as {path}: {count} people.").format(
                path=path, count=number(count)
            ),
        )

    # --- text ------------------------------------------------------------------------------------

    def _trip_words(self, line: TripLine) -> str:
        return self.tr("{vehicle} at {time}").format(
            vehicle=line.trip["vehicle"], time=line.trip["departs_at"]
        )

    def retranslate(self) -> None:
        self.date_label.setText(self.tr("Da&y"))
        self.port_label.setText(self.tr("P&ort"))
        self.plan_button.setText(self.tr("Plan the day (Ctrl+D)"))
        self.print_button.setText(self.tr("Print rosters (Ctrl+P)"))
        self.print_button.setToolTip(self.tr("One sheet per trip, to sign at departure"))
        self.manifest_button.setText(self.tr("Save manifest… (Ctrl+Shift+S)"))
        self.manifest_button.setToolTip(
            self.tr("The people travelling, for CBP: CSV or JSON (no medical detail)")
        )
        self.vehicle_button.setText(self.tr("Add &vehicle…"))
        self.trip_button.setText(self.tr("Add &trip…"))
        self.move_label.setText(self.tr("&Move to"))
        self.move_button.setText(self.tr("Mov&e household"))
        refused = refusal_text(self.session.actor, Action.PLAN_TRANSPORT)
        tips = {
            self.plan_button: self.tr(
                "Fill the open trips from the queue; locked households keep their seats"
            ),
            self.vehicle_button: self.tr("A vehicle for the site's list, as rows of seats"),
            self.trip_button: self.tr("A vehicle leaving for the port on this day"),
            self.move_button: self.tr("The household sits together on the other trip, locked"),
            self.lock_button: self.tr("A locked household keeps its trip when planning again"),
        }
        for button, tip in tips.items():
            button.setToolTip(refused or tip)
            if refused is not None:
                button.setEnabled(False)
        self.trips_model.set_language(current_language())
        self.not_planned_model.set_language(current_language())
        self.households_model.set_language(current_language())
        self._show_household()
        self._retranslate_day()

    def _retranslate_day(self) -> None:
        view = self.day_view
        if view is None:
            return
        language = current_language()
        self.trips_caption.setText(
            self.tr("T&rips on {day} to {port} ({count})").format(
                day=display_date(view.day), port=port_name(view.port), count=number(len(view.trips))
            )
        )
        self.capacity_bar.setRange(0, max(view.capacity, 1))
        self.capacity_bar.setValue(min(view.planned, max(view.capacity, 1)))
        self.capacity_label.setText(
            self.tr("Port's capacity: {planned} of {capacity} people").format(
                planned=number(view.planned), capacity=number(view.capacity)
            )
            if view.capacity
            else self.tr("The port receives nobody that day")
        )
        if view.problem is not None:
            self.not_planned_caption.setText(localized(view.problem))
        else:
            self.not_planned_caption.setText(
                self.tr("&Not planned ({count}), in priority order, and why").format(
                    count=number(len(view.not_planned))
                )
            )
        notes = "; ".join(note.in_language(language) for note in view.notes)
        self.notes_label.setText(self.tr("Plan notes: {notes}.").format(notes=notes))
        self.notes_label.setVisible(bool(notes))
        line = self.trip()
        if line is None:
            self.households_caption.setText(self.tr("&Households: add a trip to this day first"))
        else:
            self.households_caption.setText(
                self.tr("&Households on {trip} ({count}): {used} of {seats} seats").format(
                    trip=self._trip_words(line),
                    count=number(self.households_model.rowCount()),
                    used=number(line.used),
                    seats=number(line.effective),
                )
            )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
