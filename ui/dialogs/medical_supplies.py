"""Kit types, kit lots and isolation places, managed by screeners and administrators.

A new box of tests arrives with a lot number and a printed expiry; a manufacturer's letter
may later extend that expiry. The screening form lists what is entered here, so nothing is
typed per test. Every change is a call of `screening.supplies`; what it refuses is said at the
bottom of the dialog and what was typed stays.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial

from PySide6.QtCore import QDate, QEvent, QLocale, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from staging.changes import Done
from staging.errors import UserError
from staging.rules.screening import KitType
from staging.screening.supplies import (
    KNOWN_KITS,
    add_isolation_place,
    add_kit_lot,
    add_kit_type,
    extend_kit_lot,
    isolation_places,
    kit_types,
    lot_choices,
)
from staging.security.access import Session
from ui.operations import Operations
from ui.widgets.captions import buddy_label
from ui.widgets.checked_field import ERROR_COLOUR
from ui.widgets.messages import localized

DATE_FORMAT = "yyyy-MM-dd"
DONE_STYLE = "color: #0b5a1f; font-weight: bold;"
PROBLEM_STYLE = f"color: {ERROR_COLOUR}; font-weight: bold;"
TAB_KITS, TAB_LOTS, TAB_PLACES = range(3)


def read_only_table(columns: int) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setTabKeyNavigation(False)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def date_field(day: date) -> QDateEdit:
    field = QDateEdit(QDate(day))
    field.setDisplayFormat(DATE_FORMAT)
    field.setCalendarPopup(True)
    return field


def minutes_field(value: int) -> QSpinBox:
    field = QSpinBox(minimum=1, maximum=240)
    field.setValue(value)
    return field


class MedicalSuppliesDialog(QDialog):
    def __init__(
        self, session: Session, operations: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._operations = operations
        self._today = session.store.today()
        self._message: tuple[str, Callable[[], str]] | None = None
        self.tabs = QTabWidget()
        self.tabs.addTab(self._kits_tab(), "")
        self.tabs.addTab(self._lots_tab(), "")
        self.tabs.addTab(self._places_tab(), "")
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message_label)
        layout.addWidget(self.buttons)
        self.resize(900, 600)
        self.retranslate()  # fills the lists too

    # --- building --------------------------------------------------------------------------------

    def _kits_tab(self) -> QWidget:
        self.kits_table = read_only_table(3)
        self.preset_box = QComboBox()
        for kit in KNOWN_KITS:
            self.preset_box.addItem(kit.name, kit)
        self.preset_box.addItem("", None)  # another kit: typed in
        self.kit_name = QLineEdit()
        self.read_from = minutes_field(KNOWN_KITS[0].read_from_minutes)
        self.read_until = minutes_field(KNOWN_KITS[0].read_until_minutes)
        self.test_within = minutes_field(KNOWN_KITS[0].test_within_minutes)
        self.add_kit_button = QPushButton()
        self.add_kit_box = QGroupBox()
        form = QFormLayout(self.add_kit_box)
        self.preset_caption = buddy_label(self.preset_box)
        self.kit_name_caption = buddy_label(self.kit_name)
        self.read_from_caption = buddy_label(self.read_from)
        self.read_until_caption = buddy_label(self.read_until)
        self.test_within_caption = buddy_label(self.test_within)
        form.addRow(self.preset_caption, self.preset_box)
        form.addRow(self.kit_name_caption, self.kit_name)
        form.addRow(self.read_from_caption, self.read_from)
        form.addRow(self.read_until_caption, self.read_until)
        form.addRow(self.test_within_caption, self.test_within)
        form.addRow(self.add_kit_button)
        self.preset_box.currentIndexChanged.connect(self._preset_chosen)
        self.add_kit_button.clicked.connect(self.add_kit)
        self._preset_chosen()
        return self._tab(self.kits_table, self.add_kit_box)

    def _lots_tab(self) -> QWidget:
        self.lots_table = read_only_table(5)
        self.lot_kit_box = QComboBox()
        self.lot_number = QLineEdit()
        self.expires_on = date_field(self._today)
        self.extended = QCheckBox()
        self.extended_on = date_field(self._today)
        self.extension_notice = QLineEdit()
        self.add_lot_button = QPushButton()
        self.add_lot_box = QGroupBox()
        form = QFormLayout(self.add_lot_box)
        self.lot_kit_caption = buddy_label(self.lot_kit_box)
        self.lot_number_caption = buddy_label(self.lot_number)
        self.expires_caption = buddy_label(self.expires_on)
        self.notice_caption = buddy_label(self.extension_notice)
        form.addRow(self.lot_kit_caption, self.lot_kit_box)
        form.addRow(self.lot_number_caption, self.lot_number)
        form.addRow(self.expires_caption, self.expires_on)
        extended = QHBoxLayout()
        extended.addWidget(self.extended)
        extended.addWidget(self.extended_on, 1)
        form.addRow(extended)
        form.addRow(self.notice_caption, self.extension_notice)
        form.addRow(self.add_lot_button)
        self.extended.toggled.connect(self._extension_ticked)
        self._extension_ticked()
        self.add_lot_button.clicked.connect(self.add_lot)

        self.extend_box = QGroupBox()
        self.extend_on = date_field(self._today)
        self.extend_notice = QLineEdit()
        self.extend_button = QPushButton()
        extend = QFormLayout(self.extend_box)
        self.extend_on_caption = buddy_label(self.extend_on)
        self.extend_notice_caption = buddy_label(self.extend_notice)
        extend.addRow(self.extend_on_caption, self.extend_on)
        extend.addRow(self.extend_notice_caption, self.extend_notice)
        extend.addRow(self.extend_button)
        self.extend_button.clicked.connect(self.extend_lot)
        return self._tab(self.lots_table, self.add_lot_box, self.extend_box)

    def _places_tab(self) -> QWidget:
        self.places_table = read_only_table(2)
        self.place_name = QLineEdit()
        self.place_address = QLineEdit()
        self.add_place_button = QPushButton()
        self.add_place_box = QGroupBox()
        form = QFormLayout(self.add_place_box)
        self.place_name_caption = buddy_label(self.place_name)
        self.place_address_caption = buddy_label(self.place_address)
        form.addRow(self.place_name_caption, self.place_name)
        form.addRow(self.place_address_caption, self.place_address)
        form.addRow(self.add_place_button)
        self.add_place_button.clicked.connect(self.add_place)
        return self._tab(self.places_table, self.add_place_box)

    @staticmethod
    def _tab(table: QTableWidget, *forms: QWidget) -> QWidget:
        """The list across the top, what adds to it (or changes it) below."""
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(table, 1)
        below = QHBoxLayout()
        for form in forms:
            below.addWidget(form, 1, Qt.AlignmentFlag.AlignTop)
        if len(forms) == 1:
            below.addStretch(1)
        layout.addLayout(below)
        return tab

    def _preset_chosen(self) -> None:
        kit: KitType | None = self.preset_box.currentData()
        self.kit_name.setEnabled(kit is None)
        if kit is not None:
            self.kit_name.setText(kit.name)
            self.read_from.setValue(kit.read_from_minutes)
            self.read_until.setValue(kit.read_until_minutes)
            self.test_within.setValue(kit.test_within_minutes)
        else:
            self.kit_name.clear()
            self.kit_name.setFocus()

    def _extension_ticked(self) -> None:
        self.extended_on.setEnabled(self.extended.isChecked())
        self.extension_notice.setEnabled(self.extended.isChecked())

    # --- reading ---------------------------------------------------------------------------------

    def reload(self) -> None:
        store = self._session.store
        number = QLocale().toString
        kinds = kit_types(store)
        self._fill(
            self.kits_table,
            [
                [
                    kit.name,
                    self.tr("{start}–{end} min").format(
                        start=number(kit.read_from_minutes), end=number(kit.read_until_minutes)
                    ),
                    self.tr("within {minutes} min").format(minutes=number(kit.test_within_minutes)),
                ]
                for _, kit in kinds
            ],
        )
        chosen = self.lot_kit_box.currentData()
        self.lot_kit_box.clear()
        for kit_id, kit in kinds:
            self.lot_kit_box.addItem(kit.name, kit_id)
        self.lot_kit_box.setCurrentIndex(max(0, self.lot_kit_box.findData(chosen)))
        self.lots = lot_choices(store, self._today)
        self._fill(
            self.lots_table,
            [
                [
                    choice.lot.kit.name,
                    choice.lot.lot_number,
                    f"{choice.lot.expires_on:%Y-%m-%d}",
                    f"{choice.lot.extended_expires_on:%Y-%m-%d}"
                    if choice.lot.extended_expires_on
                    else "",
                    self.tr("EXPIRED") if choice.lot.usable_through < self._today else "",
                ]
                for choice in self.lots
            ],
        )
        for row, choice in enumerate(self.lots):
            if choice.lot.usable_through < self._today:
                for column in range(self.lots_table.columnCount()):
                    self.lots_table.item(row, column).setForeground(QColor(ERROR_COLOUR))
        self._fill(
            self.places_table,
            [[place["name"], place["address"]] for place in isolation_places(store)],
        )

    @staticmethod
    def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
        table.setRowCount(len(rows))
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                table.setItem(row, column, QTableWidgetItem(value))

    def selected_lot_id(self) -> str | None:
        row = self.lots_table.currentRow()
        return self.lots[row].id if 0 <= row < len(self.lots) else None

    # --- changing --------------------------------------------------------------------------------

    def _run(self, work: Callable[[], Done], done_text: Callable[[], str]) -> bool:
        if self._operations.run(work, self._refused) is None:
            return False
        self.reload()
        self._say(DONE_STYLE, done_text)
        return True

    def add_kit(self) -> None:
        store, actor = self._session.store, self._session.actor
        name = self.kit_name.text().strip()
        try:
            kit = KitType(
                name, self.read_from.value(), self.read_until.value(), self.test_within.value()
            )
        except UserError as error:
            self._refused(error)
            return
        self._run(
            lambda: add_kit_type(store, actor, kit),
            lambda: self.tr("Kit type “{name}” added.").format(name=name),
        )

    def add_lot(self) -> None:
        store, actor = self._session.store, self._session.actor
        kit_type_id = self.lot_kit_box.currentData()
        if kit_type_id is None:
            self._say(PROBLEM_STYLE, lambda: self.tr("Add the kit type first."))
            return
        number = self.lot_number.text().strip()
        expires = self.expires_on.date().toPython()
        extended = self.extended_on.date().toPython() if self.extended.isChecked() else None
        notice = self.extension_notice.text() if self.extended.isChecked() else ""
        added = self._run(
            lambda: add_kit_lot(store, actor, kit_type_id, number, expires, extended, notice),
            lambda: self.tr("Lot {number} added.").format(number=number),
        )
        if added:
            self.lot_number.clear()
            self.extended.setChecked(False)
            self.extension_notice.clear()

    def extend_lot(self) -> None:
        store, actor = self._session.store, self._session.actor
        lot_id = self.selected_lot_id()
        if lot_id is None:
            self._say(PROBLEM_STYLE, lambda: self.tr("Select the lot to extend in the list."))
            return
        number = self.lots[self.lots_table.currentRow()].lot.lot_number
        until = self.extend_on.date().toPython()
        notice = self.extend_notice.text()
        if self._run(
            lambda: extend_kit_lot(store, actor, lot_id, until, notice),
            lambda: self.tr("Lot {number} extended.").format(number=number),
        ):
            self.extend_notice.clear()

    def add_place(self) -> None:
        store, actor = self._session.store, self._session.actor
        name, address = self.place_name.text().strip(), self.place_address.text()
        if self._run(
            lambda: add_isolation_place(store, actor, name, address),
            lambda: self.tr("Place “{name}” added.").format(name=name),
        ):
            self.place_name.clear()
            self.place_address.clear()

    def _refused(self, error: UserError) -> None:
        self._say(PROBLEM_STYLE, partial(localized, error))

    def _say(self, style: str, text: Callable[[], str]) -> None:
        self._message = (style, text)
        self.message_label.setStyleSheet(style)
        self.message_label.setText(text())
        self.message_label.setVisible(True)

    # --- text ------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Test kits and isolation places"))
        self.tabs.setTabText(TAB_KITS, self.tr("Kit types"))
        self.tabs.setTabText(TAB_LOTS, self.tr("Lots"))
        self.tabs.setTabText(TAB_PLACES, self.tr("Isolation places"))
        self.kits_table.setHorizontalHeaderLabels(
            [self.tr("Kit"), self.tr("Read window"), self.tr("Test the specimen")]
        )
        self.add_kit_box.setTitle(self.tr("Add a kit type"))
        self.preset_caption.setText(self.tr("&Kit"))
        self.preset_box.setItemText(len(KNOWN_KITS), self.tr("Another kit…"))
        self.kit_name_caption.setText(self.tr("&Name"))
        self.read_from_caption.setText(self.tr("Read from (min)"))
        self.read_until_caption.setText(self.tr("Read until (min)"))
        self.test_within_caption.setText(self.tr("Test within (min of collection)"))
        self.add_kit_button.setText(self.tr("Add kit type"))
        self.lots_table.setHorizontalHeaderLabels(
            [
                self.tr("Kit"),
                self.tr("Lot"),
                self.tr("Expires"),
                self.tr("Extended to"),
                self.tr("State"),
            ]
        )
        self.add_lot_box.setTitle(self.tr("Add a lot"))
        self.lot_kit_caption.setText(self.tr("&Kit"))
        self.lot_number_caption.setText(self.tr("Lot &number"))
        self.expires_caption.setText(self.tr("Printed &expiry"))
        self.extended.setText(self.tr("Expiry extended by the manufacturer to"))
        self.notice_caption.setText(self.tr("Notice"))
        self.extension_notice.setPlaceholderText(self.tr("The manufacturer's letter and its date"))
        self.add_lot_button.setText(self.tr("Add lot"))
        self.extend_box.setTitle(self.tr("Extend the lot selected in the list"))
        self.extend_on_caption.setText(self.tr("Extended to"))
        self.extend_notice_caption.setText(self.tr("Notice"))
        self.extend_notice.setPlaceholderText(self.tr("The manufacturer's letter and its date"))
        self.extend_button.setText(self.tr("Extend lot"))
        self.places_table.setHorizontalHeaderLabels([self.tr("Place"), self.tr("Address")])
        self.add_place_box.setTitle(self.tr("Add an isolation place"))
        self.place_name_caption.setText(self.tr("&Name"))
        self.place_address_caption.setText(self.tr("&Address"))
        self.add_place_button.setText(self.tr("Add place"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        self.reload()
        if self._message is not None:
            self._say(*self._message)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
