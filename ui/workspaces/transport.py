"""The transport desk: the day's trips to the port planned, printed and boarded by scan.

Two views. The planner (coordinators) picks a day and a port, plans the day from the queue with
Ctrl+D, shows each trip's households as blocks that can be moved or locked, and who stays behind
and why; it prints the rosters and saves the manifest for CBP. The boarding screen (anyone who
boards people) is made for the vehicle's door: a scan field that keeps the keyboard, large
counts, the mask and the CDC sheet ticked once for a whole line of people, and a loud refusal
for anyone not on the trip. Every decision is the core's (`staging.transport`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QLocale, QSignalBlocker, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QFont, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from forms.roster.build import manifest_rows, roster_sheets
from forms.roster.pdf import render_roster
from staging.changes import Changes, Done, Kind
from staging.domain import PORTS_BY_CODE, PORTS_OF_ENTRY
from staging.errors import UserError
from staging.files import write_private
from staging.rules import Action, may
from staging.security.access import Session
from staging.site.settings import site_name
from staging.transport.manifest import manifest_csv, manifest_json
from staging.transport.operations import MASKS, board, close_trip, record_arrival, record_manifest
from staging.transport.planning import move_household, plan, set_locked
from staging.transport.queries import roster, vehicles
from staging.vocabulary import label
from ui.dialogs.medical_supplies import date_field
from ui.dialogs.transport import AddTripDialog, AddVehicleDialog
from ui.language import current_language
from ui.models.transport_model import (
    BoardingModel,
    HouseholdBlock,
    HouseholdsModel,
    NotPlannedModel,
    PlannerDay,
    TripLine,
    TripsModel,
    household_blocks,
    planner_day,
    trips_today,
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
from ui.widgets.scan_field import ForwardTypingToScan, ScanField

# A change to any of these can change a trip, the queue or someone's readiness.
TRANSPORT_KINDS = (
    Kind.TRANSPORT,
    Kind.PEOPLE,
    Kind.SCREENINGS,
    Kind.PAPERWORK,
    Kind.CHECK_INS,
    Kind.SETTINGS,
)
RESULT_SCALE = 2.0  # the boarding result, read from a step away
COUNT_SCALE = 2.6
COUNT_STYLE = (
    "QLabel { background: #101820; color: #ffffff; border-radius: 6px; padding: 6px 16px; }"
)


def port_name(code: str) -> str:
    port = PORTS_BY_CODE.get(code)
    return port.name if port is not None else code


def number(value: int) -> str:
    return QLocale().toString(value)


def scaled_bold(widget: QWidget, scale: float) -> QFont:
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    return font


# --- the planner ---------------------------------------------------------------------------------


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
        self.refresh()
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


# --- boarding ------------------------------------------------------------------------------------


class BoardingPanel(QWidget):
    """One trip of today at the vehicle's door: scan, and the result in large words."""

    def __init__(
        self, session: Session, operations: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.operations = operations
        self.trips: list[dict[str, Any]] = []  # today's, as the trip box lists them

        self.trip_box = QComboBox()
        self.trip_label = buddy_label(self.trip_box)
        self.scan_field = ScanField()
        self.scan_label = buddy_label(self.scan_field)
        self.count_label = QLabel()
        self.count_label.setFont(scaled_bold(self.count_label, COUNT_SCALE))
        self.count_label.setStyleSheet(COUNT_STYLE)
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        # Ticks that stay set from one scan to the next: a line of people at the door is told
        # once; the mnemonics reach them without taking the keyboard from the scan field.
        self.mask_buttons = {mask: QRadioButton() for mask in MASKS}
        self.mask_group = QButtonGroup(self)
        for button in self.mask_buttons.values():
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.mask_group.addButton(button)
        self.mask_buttons["own"].setChecked(True)
        self.mask_caption = QLabel()
        self.instructions_box = QCheckBox()
        self.instructions_box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.result_label = MessageLine(RESULT_SCALE)
        self.model = BoardingModel(current_language())
        self.list_view = list_view(self.model, BoardingModel.COL_NAME)
        self.list_caption = buddy_label(self.list_view)
        self.close_button = QPushButton()
        self.arrival_button = QPushButton()
        for button in (self.close_button, self.arrival_button):
            button.setAutoDefault(True)

        self._layout()
        self._connect()
        self._keyboard()
        self.refresh()
        self.retranslate()

    # --- building --------------------------------------------------------------------------------

    def _layout(self) -> None:
        top = QGridLayout()
        top.addWidget(self.trip_label, 0, 0)
        top.addWidget(self.trip_box, 0, 1)
        top.addWidget(self.scan_label, 0, 2)
        top.addWidget(self.scan_field, 0, 3)
        top.setColumnStretch(1, 2)
        top.setColumnStretch(3, 3)

        masks = QHBoxLayout()
        masks.addWidget(self.mask_caption)
        for button in self.mask_buttons.values():
            masks.addWidget(button)
        masks.addStretch(1)
        ticks = QVBoxLayout()
        ticks.addLayout(masks)
        ticks.addWidget(self.instructions_box)
        ticks.addWidget(self.state_label)
        counts = QHBoxLayout()
        counts.addWidget(self.count_label)
        counts.addSpacing(16)
        counts.addLayout(ticks, 1)

        actions = QVBoxLayout()
        actions.addWidget(self.close_button)
        actions.addWidget(self.arrival_button)
        actions.addStretch(1)
        listing = QVBoxLayout()
        listing.addWidget(self.list_caption)
        listing.addWidget(self.list_view, 1)
        body = QHBoxLayout()
        body.addLayout(listing, 1)
        body.addLayout(actions)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(counts)
        layout.addWidget(self.result_label)
        layout.addLayout(body, 1)

    def _connect(self) -> None:
        self.scan_field.scanned.connect(self.handle_scan)
        self.trip_box.currentIndexChanged.connect(self._show_trip)
        self.close_button.clicked.connect(self.close_trip)
        self.arrival_button.clicked.connect(self.record_arrival)
        self.mask_group.buttonClicked.connect(lambda _button: self.back_to_scan())
        self.instructions_box.clicked.connect(lambda _checked: self.back_to_scan())

    def _keyboard(self) -> None:
        self.shortcuts = [QShortcut(QKeySequence("F2"), self, self.scan_field.ready)]
        self.scan_field.leave_to_desk(shortcut.key() for shortcut in self.shortcuts)
        forward = ForwardTypingToScan(self.scan_field)
        for widget in (self.trip_box, self.list_view, self.close_button, self.arrival_button):
            widget.installEventFilter(forward)
        chain = [
            self.scan_field,
            self.trip_box,
            self.list_view,
            self.close_button,
            self.arrival_button,
        ]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)

    # --- reading the site ------------------------------------------------------------------------

    def trip_id(self) -> str | None:
        return self.trip_box.currentData()

    def trip(self) -> dict[str, Any] | None:
        return next((trip for trip in self.trips if trip["id"] == self.trip_id()), None)

    def refresh(self) -> None:
        """Today's trips (the day may have turned), the picked trip's seats and counts."""
        store = self.session.store
        current = self.trip_id()
        self.trips = trips_today(store, store.today())
        with QSignalBlocker(self.trip_box):  # one redraw, below, not one per trip added
            self.trip_box.clear()
            for trip in self.trips:
                self.trip_box.addItem(self._trip_words(trip), trip["id"])
            row = self.trip_box.findData(current) if current else -1
            if row < 0:
                row = next((n for n, t in enumerate(self.trips) if not t["closed_at"]), 0)
            self.trip_box.setCurrentIndex(row if self.trips else -1)
        self._show_trip()

    def _show_trip(self) -> None:
        trip_id = self.trip_id()
        self.model.set_rows(roster(self.session.store, trip_id) if trip_id else [])
        trip = self.trip()
        self.close_button.setEnabled(trip is not None and not trip["closed_at"])
        self.arrival_button.setEnabled(
            trip is not None and bool(trip["closed_at"]) and not trip["arrived_at"]
        )
        self._retranslate_trip()

    def counts(self) -> tuple[int, int]:
        """(boarded, expected): a no-show is no longer expected."""
        statuses = [seat.status for seat in self.model.rows()]
        return statuses.count("boarded"), statuses.count("boarded") + statuses.count("planned")

    def mask(self) -> str:
        return next(mask for mask, button in self.mask_buttons.items() if button.isChecked())

    # --- boarding --------------------------------------------------------------------------------

    def handle_scan(self, text: str) -> None:
        if not text:
            return
        trip_id = self.trip_id()
        if trip_id is None:
            self._refuse(lambda: self.tr("No trip leaves today: plan one first."))
            return
        store, actor = self.session.store, self.session.actor
        mask, told = self.mask(), self.instructions_box.isChecked()
        done = self.operations.run(
            lambda: board(store, actor, trip_id, text, mask=mask, instructions_given=told),
            self._board_refused,
        )
        self.scan_field.clear()
        self.back_to_scan()
        if done is None:
            return
        boarded = done.value
        row = self.model.row_of(boarded.person_id)
        if row is not None:
            self.list_view.selectRow(row)
        self.result_label.say(
            Tone.GOOD,
            lambda: self.tr("{name} — seat {seat}").format(name=boarded.name, seat=boarded.seat),
        )

    def _board_refused(self, error: UserError) -> None:
        self.result_label.refused(error)
        QApplication.beep()

    def _refuse(self, text: Callable[[], str]) -> None:
        self.result_label.say(Tone.BLOCKED, text)
        QApplication.beep()
        self.back_to_scan()

    def close_trip(self) -> None:
        """The vehicle leaves: whoever did not board becomes a no-show, back in the queue."""
        trip = self.trip()
        if trip is None or trip["closed_at"]:
            return
        missing = [seat.person.full_name for seat in self.model.rows() if seat.status == "planned"]
        words = self._trip_words(trip)
        if missing:
            text = self.tr(
                "Close {trip}: the vehicle leaves now. These {count} did not board and become"
                " no-shows, back in the queue: {names}."
            ).format(trip=words, count=number(len(missing)), names=", ".join(missing))
        else:
            text = self.tr(
                "Close {trip}: the vehicle leaves now. Everyone on it has boarded."
            ).format(trip=words)
        if not self._confirm(self.tr("Close the trip"), text):
            return
        store, actor, trip_id = self.session.store, self.session.actor, trip["id"]
        done = self.operations.run(
            lambda: close_trip(store, actor, trip_id), self.result_label.refused
        )
        if done is not None:
            count = len(done.value)
            self.result_label.say(
                Tone.WAITING if count else Tone.GOOD,
                lambda: self.tr("Trip closed: {count} no-show(s) back in the queue.").format(
                    count=number(count)
                ),
            )
        self.back_to_scan()

    def record_arrival(self) -> None:
        """Handed over to CBP at the port: the journey of everyone on board ends."""
        trip = self.trip()
        if trip is None:
            return
        boarded, _ = self.counts()
        text = self.tr(
            "Record that the {count} people on {trip} were handed over to CBP at {port}? Their"
            " journey ends here."
        ).format(count=number(boarded), trip=self._trip_words(trip), port=port_name(trip["port"]))
        if not self._confirm(self.tr("Arrived at the port"), text):
            return
        store, actor, trip_id = self.session.store, self.session.actor, trip["id"]
        done = self.operations.run(
            lambda: record_arrival(store, actor, trip_id), self.result_label.refused
        )
        if done is not None:
            delivered = done.value
            self.result_label.say(
                Tone.GOOD,
                lambda: self.tr("Delivered to CBP: {count} people.").format(
                    count=number(delivered)
                ),
            )
        self.back_to_scan()

    def _confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            self,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    # --- focus -----------------------------------------------------------------------------------

    def back_to_scan(self) -> None:
        if QApplication.activeModalWidget() is None:
            self.scan_field.ready()

    # --- text ------------------------------------------------------------------------------------

    def _trip_words(self, trip: dict[str, Any]) -> str:
        return self.tr("{vehicle} at {time} to {port}").format(
            vehicle=trip["vehicle"], time=trip["departs_at"], port=port_name(trip["port"])
        )

    def retranslate(self) -> None:
        self.trip_label.setText(self.tr("&Trip"))
        self.scan_label.setText(self.tr("Sc&an (F2)"))
        self.scan_field.setPlaceholderText(self.tr("Scan a wristband, then Enter"))
        self.mask_caption.setText(self.tr("Mask:"))
        texts = {
            "own": self.tr("&Own"),
            "provided": self.tr("&Provided here"),
            "exempt": self.tr("&Exempt (under 2)"),
        }
        for mask, button in self.mask_buttons.items():
            button.setText(texts[mask])
            button.setToolTip(label(mask, current_language()))
        self.instructions_box.setText(self.tr("CDC travellers' &instructions given"))
        self.instructions_box.setToolTip(
            self.tr(
                "The printed sheet: get tested 3–5 days after travel; stay home 7 days (10 if not"
                " tested); avoid people at higher risk for 14 days"
            )
        )
        self.close_button.setText(self.tr("&Close trip (departs)…"))
        self.arrival_button.setText(self.tr("A&rrived at the port…"))
        self.model.set_language(current_language())
        for row, trip in enumerate(self.trips):
            self.trip_box.setItemText(row, self._trip_words(trip))
        self._retranslate_trip()

    def _retranslate_trip(self) -> None:
        trip = self.trip()
        boarded, expected = self.counts()
        self.count_label.setText(
            self.tr("Boarded {boarded} / {expected}").format(
                boarded=number(boarded), expected=number(expected)
            )
        )
        if trip is None:
            self.state_label.setText(self.tr("No trip leaves today: plan one first."))
            self.list_caption.setText(self.tr("&Seats"))
            return
        if trip["arrived_at"]:
            state = self.tr("Arrived at the port: the journey of those on board has ended.")
        elif trip["closed_at"]:
            state = self.tr("Departed: record the arrival at the port when it is handed over.")
        else:
            state = self.tr("Open: scan each person at the door.")
        self.state_label.setText(state)
        self.list_caption.setText(
            self.tr("&Seats on {trip} ({count})").format(
                trip=self._trip_words(trip), count=number(self.model.rowCount())
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


# --- the workspace -------------------------------------------------------------------------------


class TransportWorkspace(QWidget):
    """The planner and the boarding screen, one at a time (F3, F4)."""

    def __init__(
        self, session: Session, operations: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.operations = operations
        self.may_plan = may(session.actor.role, Action.PLAN_TRANSPORT)
        self.planner = PlannerPanel(session, operations)
        self.boarding = BoardingPanel(session, operations)
        self.planner_button = QPushButton()
        self.boarding_button = QPushButton()
        for button in (self.planner_button, self.boarding_button):
            button.setCheckable(True)
            button.setAutoExclusive(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.planner)
        self.pages.addWidget(self.boarding)

        switch = QHBoxLayout()
        switch.addWidget(self.planner_button)
        switch.addWidget(self.boarding_button)
        switch.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(switch)
        layout.addWidget(self.pages, 1)

        self.operations.changed.connect(self.on_changes)
        self.planner_button.clicked.connect(self.show_planner)
        self.boarding_button.clicked.connect(self.show_boarding)
        self.shortcuts = [
            QShortcut(QKeySequence(keys), self, slot)
            for keys, slot in (("F3", self.show_planner), ("F4", self.show_boarding))
        ]
        self.boarding.scan_field.leave_to_desk(shortcut.key() for shortcut in self.shortcuts)
        self.planner_button.setEnabled(self.may_plan)
        # Whoever only boards starts (and stays) at the door.
        self._show(self.planner if self.may_plan else self.boarding)
        self.retranslate()

    def on_changes(self, changes: Changes) -> None:
        """Redraw after any operation, from this desk or another screen."""
        if changes.touches(*TRANSPORT_KINDS):
            self.refresh()

    def refresh(self) -> None:
        if self.may_plan:
            self.planner.refresh()
        self.boarding.refresh()

    def show_planner(self) -> None:
        if self.may_plan:
            self._show(self.planner)
            self.planner.trips_view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def show_boarding(self) -> None:
        self._show(self.boarding)
        self.boarding.back_to_scan()

    def _show(self, page: QWidget) -> None:
        if page is self.boarding:
            self.boarding.refresh()  # the site's day may have turned: today's trips
        self.pages.setCurrentWidget(page)
        self.planner_button.setChecked(page is self.planner)
        self.boarding_button.setChecked(page is self.boarding)

    def showEvent(self, event: QShowEvent) -> None:
        """Shown after login, unlock or a tab change: at the door, the next scan must land."""
        super().showEvent(event)
        QTimer.singleShot(0, self._focus_page)

    def _focus_page(self) -> None:
        if QApplication.activeModalWidget() is not None:
            return
        if self.pages.currentWidget() is self.boarding:
            self.boarding.refresh()
            self.boarding.back_to_scan()
        else:
            self.planner.trips_view.setFocus(Qt.FocusReason.OtherFocusReason)

    def retranslate(self) -> None:
        self.planner_button.setText(self.tr("Planner (F3)"))
        self.planner_button.setToolTip(
            refusal_text(self.session.actor, Action.PLAN_TRANSPORT)
            or self.tr("Plan the day's trips, print the rosters, save the manifest")
        )
        self.boarding_button.setText(self.tr("Boarding (F4)"))
        self.boarding_button.setToolTip(self.tr("Board a trip of today by scanning wristbands"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
