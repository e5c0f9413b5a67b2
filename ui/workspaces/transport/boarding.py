"""The boarding screen (anyone who boards people), made for the vehicle's door.

A scan field that keeps the keyboard, large counts, the mask and the CDC sheet ticked once for a
whole line of people, and a loud refusal for anyone not on the trip; then the trip closes with
its no-shows and its arrival at the port is recorded. Every decision is the core's
(`staging.transport`).
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QEvent, QSignalBlocker, Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from staging.errors import UserError
from staging.security.access import Session
from staging.transport.operations import (
    MASKS,
    SplitHousehold,
    board,
    close_trip,
    record_arrival,
)
from staging.transport.queries import roster
from staging.vocabulary import label
from ui.language import current_language
from ui.models.transport_model import BoardingModel, trips_today
from ui.operations import Operations
from ui.widgets.badges import Tone
from ui.widgets.captions import buddy_label
from ui.widgets.list_view import list_view
from ui.widgets.message_line import MessageLine
from ui.widgets.messages import localized
from ui.widgets.scan_field import ForwardTypingToScan, ScanField
from ui.workspaces.transport.words import number, port_name

RESULT_SCALE = 2.0  # the boarding result, read from a step away
COUNT_SCALE = 2.6
COUNT_STYLE = (
    "QLabel { background: #101820; color: #ffffff; border-radius: 6px; padding: 6px 16px; }"
)


def scaled_bold(widget: QWidget, scale: float) -> QFont:
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    return font


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
        split: list[UserError] = []

        def refused(error: UserError) -> None:
            if isinstance(error, SplitHousehold):
                split.append(error)
            else:
                self.result_label.refused(error)

        done = self.operations.run(lambda: close_trip(store, actor, trip_id), refused)
        # A family would leave split: the core's words say whom; closing is asked once more.
        if split and self._confirm(self.tr("Close the trip"), localized(split[0])):
            done = self.operations.run(
                lambda: close_trip(store, actor, trip_id, split_confirmed=True),
                self.result_label.refused,
            )
        elif split:
            self.result_label.refused(split[0])
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
