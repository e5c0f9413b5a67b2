"""The intake desk: scan or find a household, check it in, print its bands, register walk-ins.

Built for a USB scanner and a tired volunteer: the scan field always has the focus after an
action, and a scan plus one Enter checks in the whole household that is present. Every decision
is a call into `staging` (`intake`, `journey`, `queries`, `rules`); this module only arranges
what those calls return.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from itertools import pairwise

from PySide6.QtCore import QEvent, QLocale, QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from forms.labels import LabelData, render_id_cards, render_wristbands
from staging.changes import Changes, Kind
from staging.clock import site_day_start, site_today
from staging.errors import UserError
from staging.intake.operations import check_in
from staging.intake.queries import (
    DeskCounts,
    arrived_since,
    desk_counts,
    everyone,
    expected_today,
    resolve_scan,
)
from staging.people import queries
from staging.people.queries import SearchHit
from staging.rules import Action, may
from staging.security.access import Session
from staging.store.store import Store
from staging.wristbands.operations import card_codes, issue_bands
from ui.dialogs.contact import ContactDialog
from ui.dialogs.stop_signs import ConfirmArrivalDialog
from ui.dialogs.walk_in import WalkInDialog
from ui.language import current_language
from ui.models.people_model import PeopleTableModel, hits_from_records
from ui.operations import Operations
from ui.printing import CodeSource, deliver_pdf, issue_labels
from ui.widgets.badges import BadgeDelegate, Tone
from ui.widgets.dates import display_date
from ui.widgets.health_counts import HealthCounts
from ui.widgets.household_card import HouseholdCard
from ui.widgets.list_view import list_view
from ui.widgets.message_line import MessageLine
from ui.widgets.messages import refusal_text
from ui.widgets.scan_field import ForwardTypingToScan, ScanDesk, ScanField

SEARCH_DELAY_MS = 120
LIST_EXPECTED, LIST_ARRIVED, LIST_EVERYONE = range(3)
# What the desk shows: a change to any of these redraws its counts, list and card.
PEOPLE_KINDS = (
    Kind.PEOPLE,
    Kind.CHECK_INS,
    Kind.VERIFICATIONS,
    Kind.WRISTBANDS,
    Kind.DUPLICATES,
)


def everyone_page(store: Store, offset: int, limit: int) -> list[SearchHit]:
    """One page of everyone on the site, households together, for the "Everyone" list."""
    return hits_from_records(everyone(store, offset, limit))


class IntakeWorkspace(ScanDesk):
    def __init__(
        self, session: Session, operations: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.operations = operations
        store = session.store
        self.policy = store.policy()
        self.today = site_today(store.clock, self.policy.site.timezone)
        self.day_start = ""
        self.counts = DeskCounts(0, 0, 0)

        self.scan_label = QLabel()
        self.scan_field = ScanField()
        self.scan_label.setBuddy(self.scan_field)
        self.walk_in_button = QPushButton()
        self.walk_in_button.setAutoDefault(True)
        # The desk's own line for what happened and what is next (re-worded on a language change).
        self.message_label = MessageLine()

        self.search_label = QLabel()
        self.search_field = QLineEdit()
        self.search_field.setClearButtonEnabled(True)
        self.search_label.setBuddy(self.search_field)
        self.list_tabs = QTabBar()
        self.list_tabs.setExpanding(False)
        for _ in range(3):
            self.list_tabs.addTab("")
        self.list_caption = QLabel()
        self.list_caption.setWordWrap(True)
        self.people_model = PeopleTableModel(
            self.policy, self.today, session.actor.role, current_language()
        )
        self.people_view = list_view(self.people_model, PeopleTableModel.COL_NAME)
        self.people_view.setItemDelegateForColumn(
            PeopleTableModel.COL_STAGE, BadgeDelegate(PeopleTableModel.CodeRole, self.people_view)
        )
        self.card = HouseholdCard(self.policy, self.today, session.actor.role)
        # The day's screening counts (aggregates, never a name) for roles that may know them.
        self.health_counts = (
            HealthCounts(session, operations)
            if may(session.actor.role, Action.READ_MEDICAL_COUNTS)
            else None
        )

        self._layout()
        self._connect()
        self._keyboard()
        self.refresh()
        self.retranslate()
        self.scan_field.setFocus()

    # --- building --------------------------------------------------------------------------------

    def _layout(self) -> None:
        top = QGridLayout()
        top.addWidget(self.scan_label, 0, 0)
        top.addWidget(self.scan_field, 0, 1)
        top.addWidget(self.walk_in_button, 0, 2)
        top.addWidget(self.message_label, 1, 0, 1, 3)
        top.setColumnStretch(1, 1)

        find = QHBoxLayout()
        find.addWidget(self.search_label)
        find.addWidget(self.search_field, 1)
        lists = QWidget()
        lists_layout = QVBoxLayout(lists)
        lists_layout.setContentsMargins(0, 0, 0, 0)
        lists_layout.addLayout(find)
        lists_layout.addWidget(self.list_tabs)
        lists_layout.addWidget(self.list_caption)
        lists_layout.addWidget(self.people_view, 1)

        # The card sits right under the scan field, where the eye already is after a scan; the
        # lists below are for finding someone without a band.
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.card)
        splitter.addWidget(lists)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        if self.health_counts is not None:
            layout.addWidget(self.health_counts)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

    def _connect(self) -> None:
        self.operations.changed.connect(self.on_changes)
        self.scan_field.scanned.connect(self.handle_scan)
        self.walk_in_button.clicked.connect(self.open_walk_in)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.run_search)
        self.search_field.textChanged.connect(self._search_timer.start)
        self.search_field.returnPressed.connect(self.search_entered)
        self.list_tabs.currentChanged.connect(self._list_chosen)
        self.people_view.selectionModel().currentRowChanged.connect(self._row_changed)
        self.people_view.activated.connect(self._row_activated)
        self.card.check_in_requested.connect(self.check_in_present)
        self.card.wristbands_requested.connect(self.print_wristbands)
        self.card.id_cards_requested.connect(self.print_id_cards)
        self.card.edit_contact_requested.connect(self.edit_contact)

    def _keyboard(self) -> None:
        self.shortcuts = [
            QShortcut(QKeySequence(keys), self, slot)
            for keys, slot in (
                ("F2", self.scan_field.ready),
                ("Ctrl+F", self._focus_search),
                ("Ctrl+N", self.open_walk_in),
                ("Ctrl+P", self.print_wristbands),
                ("Ctrl+I", self.print_id_cards),
                ("Ctrl+E", self.card.request_edit_contact),
            )
        ]
        self.scan_field.leave_to_desk(shortcut.key() for shortcut in self.shortcuts)
        forward = ForwardTypingToScan(self.scan_field)
        for widget in (
            self.walk_in_button,
            self.card.table,
            *self.card.buttons(),
            self.list_tabs,
            self.people_view,
        ):
            widget.installEventFilter(forward)
        chain = [
            self.scan_field,
            self.walk_in_button,
            self.card.table,
            *self.card.buttons(),
            self.search_field,
            self.list_tabs,
            self.people_view,
        ]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)

    # --- reading the site ------------------------------------------------------------------------

    def on_changes(self, changes: Changes) -> None:
        """Redraw after any operation, from this desk or another screen: the policy (time zone,
        priority) when settings changed, the counts, list and card when people did."""
        if changes.touches(Kind.SETTINGS, *PEOPLE_KINDS):
            self.refresh()

    def refresh(self) -> None:
        """Re-read the counts, the list shown and the open household (after any change)."""
        store = self.session.store
        self.policy = store.policy()
        self.today = site_today(store.clock, self.policy.site.timezone)
        self.day_start = site_day_start(store.clock, self.policy.site.timezone).isoformat(
            timespec="milliseconds"
        )
        self.counts = desk_counts(store, self.today, self.day_start)
        self.people_model.set_policy(self.policy, self.today)
        self._show_list()
        if self.card.household_id is not None:
            self.open_household(self.card.household_id)

    def _show_list(self) -> None:
        if self.search_field.text().strip():
            self.run_search()
            return
        store = self.session.store
        chosen = self.list_tabs.currentIndex()
        if chosen == LIST_EXPECTED:
            self.people_model.set_records(expected_today(store, self.today))
        elif chosen == LIST_ARRIVED:
            self.people_model.set_records(arrived_since(store, self.day_start))
        else:
            self.people_model.set_pages(partial(everyone_page, store), self.counts.everyone)
        self._show_arrival_times(chosen == LIST_ARRIVED)
        self._retranslate_lists()

    def _show_arrival_times(self, shown: bool) -> None:
        self.people_view.setColumnHidden(PeopleTableModel.COL_ARRIVED, not shown)

    def _list_chosen(self) -> None:
        if self.search_field.text():
            self._search_timer.stop()
            self.search_field.blockSignals(True)
            self.search_field.clear()
            self.search_field.blockSignals(False)
        self._show_list()

    def run_search(self) -> None:
        """Search-as-you-type over the whole site; the results replace the list."""
        self._search_timer.stop()
        text = self.search_field.text().strip()
        if not text:
            self._show_list()
            return
        self.people_model.set_hits(queries.search_people(self.session.store, text))
        self._show_arrival_times(False)
        self._retranslate_lists()

    def search_entered(self) -> None:
        """An exact id (or a band scanned into the wrong field) opens its household at once;
        otherwise the first result is selected so the arrows and Enter take over."""
        text = self.search_field.text().strip()
        person = resolve_scan(self.session.store, text) if text else None
        if person is not None:
            self.search_field.clear()
            self._open_and_prompt(person["household_id"], person["id"])
            return
        self.run_search()
        if self.people_model.rowCount():
            self.people_view.setFocus()
            self.people_view.selectRow(0)

    def open_household(self, household_id: str, person_id: str | None = None) -> None:
        """Show a household on the card, with `person_id` (the one scanned or chosen) selected."""
        store = self.session.store
        records = queries.household_records(store, household_id)
        members = [queries.person_from_row(r) for r in records]
        duplicates = [
            (member.full_name, duplicate)
            for member in members
            for duplicate in queries.open_possible_duplicates(store, member.id)
        ]
        label = records[0]["household_external_id"] if records else ""
        self.card.show_household(
            household_id, label or "", members, duplicates, self.policy, self.today
        )
        if person_id is not None:
            self.card.select_person(person_id)

    def _open_and_prompt(self, household_id: str, person_id: str | None = None) -> None:
        """Open a household and tell the volunteer what Enter will do."""
        self.open_household(household_id, person_id)
        household = self.card.household_label
        if self.card.held_signs():
            self.message_label.say(
                Tone.BLOCKED,
                lambda: self.tr(
                    "Household {household}: stop — read the red warning on the card."
                    " Enter asks you to confirm."
                ).format(household=household),
            )
        elif self.card.model.arriving():
            # No count here: the volunteer may untick people next; the button keeps count.
            self.message_label.say(
                Tone.DONE,
                lambda: self.tr(
                    "Household {household}: press Enter to check in everyone ticked."
                ).format(household=household),
            )
        else:
            self.message_label.say(
                Tone.GOOD,
                lambda: self.tr(
                    "Household {household}: everyone ticked is already checked in."
                ).format(household=household),
            )
        self.back_to_scan()

    def _row_changed(self, current: QModelIndex) -> None:
        if current.isValid():
            self.open_household(
                current.data(PeopleTableModel.HouseholdIdRole),
                current.data(PeopleTableModel.PersonIdRole),
            )

    def _row_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self._open_and_prompt(
                index.data(PeopleTableModel.HouseholdIdRole),
                index.data(PeopleTableModel.PersonIdRole),
            )

    # --- the desk's actions ----------------------------------------------------------------------

    def handle_scan(self, text: str) -> None:
        """A code opens its household; a bare Enter checks in the household that is open."""
        if not text:
            if self.card.model.arriving():
                self.check_in_present()
            return
        person = resolve_scan(self.session.store, text)
        if person is None:
            self.card.clear()  # the previous household must not look like the scan's answer
            self.message_label.say(
                Tone.BLOCKED,
                lambda: self.tr(
                    "Nobody found for “{code}”. Scan again, or type the name in Find (Ctrl+F)."
                ).format(code=text),
            )
            self.back_to_scan()
            return
        self.scan_field.clear()
        self._open_and_prompt(person["household_id"], person["id"])

    def check_in_present(self) -> None:
        """Check in everyone ticked; a household with stop signs that hold it is checked in
        only after the volunteer confirms them, and the confirmation is recorded."""
        arriving = [m.id for m in self.card.model.arriving()]
        if not arriving:
            return
        confirmed = frozenset()
        held = self.card.held_signs()
        if held:
            dialog = ConfirmArrivalDialog(self.card.household_label, held, len(arriving), self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                household = self.card.household_label
                self.message_label.say(
                    Tone.BLOCKED,
                    lambda: self.tr("Household {household} was not checked in.").format(
                        household=household
                    ),
                )
                self.back_to_scan()
                return
            confirmed = dialog.confirmed()
        store, actor = self.session.store, self.session.actor
        done = self.operations.run(
            lambda: check_in(store, actor, arriving, confirmed), self.message_label.refused
        )
        if done is None:
            self.back_to_scan()
            return
        arrived = done.value
        household = self.card.household_label
        self.message_label.say(
            Tone.GOOD,
            lambda: self.tr("Checked in {count} — household {household}.").format(
                count=QLocale().toString(len(arrived)), household=household
            ),
        )
        self.back_to_scan()

    def wristbands_pdf(self) -> bytes:
        """New band codes for the ticked members, as a wristband PDF."""
        return render_wristbands(self._issue_labels(issue_bands))

    def id_cards_pdf(self) -> bytes:
        """ID cards carry the code of the band the person wears (a new one if none)."""
        return render_id_cards(self._issue_labels(card_codes))

    def _issue_labels(self, codes: CodeSource) -> list[LabelData]:
        return issue_labels(
            self.session,
            self.operations,
            self.card.model.present(),
            codes,
            household_label=self.card.household_label,
            household_size=len(self.card.model.members()),
        )

    def print_wristbands(self) -> None:
        self._deliver(self.wristbands_pdf, self.tr("Wristbands"), "wristbands")

    def print_id_cards(self) -> None:
        self._deliver(self.id_cards_pdf, self.tr("ID cards"), "id-cards")

    def _deliver(self, make_pdf: Callable[[], bytes], title: str, stem: str) -> None:
        if not self.card.model.present():
            self.message_label.say(
                Tone.BLOCKED, lambda: self.tr("Tick at least one member to print for.")
            )
            return
        try:
            where = deliver_pdf(
                self, make_pdf, title=title, file_name=f"{stem}-{self.card.household_label}.pdf"
            )
        except UserError as error:
            self.message_label.refused(error)
        except OSError as error:
            problem = str(error)
            self.message_label.say(
                Tone.BLOCKED,
                lambda: self.tr("Not printed: {problem}").format(problem=problem),
            )
        else:
            if where is not None:
                self.message_label.say(Tone.GOOD, lambda: where)
        self.back_to_scan()

    def edit_contact(self, person_id: str) -> None:
        if self._refusal(Action.EDIT_CONTACT) is not None:
            self.message_label.say(Tone.BLOCKED, lambda: self._refusal(Action.EDIT_CONTACT) or "")
            self.back_to_scan()
            return
        record = queries.find_person(self.session.store, person_id)
        if record is None:
            return
        dialog = ContactDialog(self.session, self.operations, record, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.changed:
            name = queries.person_from_row(record).full_name
            self.message_label.say(
                Tone.GOOD,
                lambda: self.tr("Contact details of {name} saved.").format(name=name),
            )
        self.back_to_scan()

    def _refusal(self, action: Action) -> str | None:
        return refusal_text(self.session.actor, action)

    def _show_permissions(self) -> None:
        """Actions the role may not use stay in sight, disabled, saying why."""
        walk_in_refused = self._refusal(Action.REGISTER_WALK_IN)
        self.walk_in_button.setEnabled(walk_in_refused is None)
        self.walk_in_button.setToolTip(
            walk_in_refused or self.tr("Register people who are on no list")
        )
        self.card.set_edit_refused(self._refusal(Action.EDIT_CONTACT))

    def open_walk_in(self) -> None:
        refused = self._refusal(Action.REGISTER_WALK_IN)
        if refused is not None:
            self.message_label.say(
                Tone.BLOCKED, lambda: self._refusal(Action.REGISTER_WALK_IN) or ""
            )
            self.back_to_scan()
            return
        dialog = WalkInDialog(self.session, self.operations, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.show_walk_in_result(dialog)
        self.back_to_scan()

    def show_walk_in_result(self, dialog: WalkInDialog) -> None:
        """Open the household just registered (or the existing person chosen instead)."""
        chosen = dialog.person_ids[0] if dialog.person_ids else dialog.chosen_person_id
        record = queries.find_person(self.session.store, chosen) if chosen else None
        if record is None:
            return
        self._open_and_prompt(record["household_id"], record["id"])
        if dialog.person_ids:
            count = len(dialog.person_ids)
            self.message_label.say(
                Tone.DONE,
                lambda: self.tr(
                    "Registered {count} (verification needed). Press Enter to check them in."
                ).format(count=QLocale().toString(count)),
            )

    # --- focus -----------------------------------------------------------------------------------

    def _focus_search(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    # --- text ------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.scan_label.setText(self.tr("Sc&an (F2)"))
        self.scan_field.setPlaceholderText(
            self.tr("Scan a wristband, or type an A-number or registration id, then Enter")
        )
        self.walk_in_button.setText(self.tr("Wal&k-in… (Ctrl+N)"))
        self._show_permissions()
        self.search_label.setText(self.tr("&Find (Ctrl+F)"))
        self.search_field.setPlaceholderText(self.tr("Name, A-number or registration id"))
        self.people_model.set_language(current_language())
        self._retranslate_lists()
        self.card.retranslate()

    def _retranslate_lists(self) -> None:
        number = QLocale().toString
        self.list_tabs.setTabText(
            LIST_EXPECTED,
            self.tr("E&xpected today ({count})").format(count=number(self.counts.expected_today)),
        )
        self.list_tabs.setTabText(
            LIST_ARRIVED,
            self.tr("Arri&ved ({count})").format(count=number(self.counts.arrived_today)),
        )
        self.list_tabs.setTabText(
            LIST_EVERYONE, self.tr("Every&one ({count})").format(count=number(self.counts.everyone))
        )
        searched = self.search_field.text().strip()
        if searched:
            caption = self.tr("{count} found for “{text}” across the whole site").format(
                count=number(self.people_model.rowCount()), text=searched
            )
        elif self.list_tabs.currentIndex() == LIST_EXPECTED:
            caption = self.tr("Told to come today, {date}").format(date=display_date(self.today))
        elif self.list_tabs.currentIndex() == LIST_ARRIVED:
            caption = self.tr("Checked in since midnight at the site, the latest first")
        else:
            caption = self.tr("Everyone registered at this site")
        self.list_caption.setText(caption)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
