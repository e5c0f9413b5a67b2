"""The screening desk: who needs the screener, one form per person, the outcome at once.

A screener scans a band (or picks from the queue), asks the questionnaire, takes the
temperature, starts the kit's timer and reads the result, then saves with Ctrl+S: the outcome
comes back in words and colour and the scan field is ready for the next person. While one
test develops the screener may turn to someone else: what was typed is kept, and the queue
shows whose test is running. Every decision is the core's (`screening.operations`,
`rules.screening`); a refusal leaves the form as it was, to be corrected and saved again.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QEvent, QLocale, QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from staging.changes import Changes, Kind
from staging.domain import Person
from staging.domain import ScreeningOutcome as Outcome
from staging.errors import UserError
from staging.people import queries
from staging.rules import Action, age_on
from staging.rules.screening import ClearanceBasis, ScreeningBlocker, needs_test
from staging.screening.operations import ScreeningSaved, record_screening
from staging.screening.queries import medical_record, screening_queue
from staging.screening.supplies import isolation_places, lot_choices
from staging.security.access import Session
from staging.vocabulary import label
from ui.dialogs.clinical_review import ClinicalReviewDialog
from ui.dialogs.medical_supplies import MedicalSuppliesDialog
from ui.language import current_language
from ui.models.screening_queue_model import ScreeningQueueModel
from ui.operations import Operations
from ui.widgets.badges import Tone
from ui.widgets.dates import display_date
from ui.widgets.list_view import list_view, select_again
from ui.widgets.message_line import MARK_OF_TONE, MessageLine
from ui.widgets.messages import refusal_text
from ui.widgets.scan_field import ForwardTypingToScan, ScanDesk, ScanField
from ui.widgets.screening_form import TONE_OF_OUTCOME, Draft, FormProblem, ScreeningForm

# A change to any of these can move someone into or out of the queue, or change the lists.
SCREENING_KINDS = (
    Kind.SETTINGS,
    Kind.CHECK_INS,
    Kind.SCREENINGS,
    Kind.ISOLATION,
    Kind.PEOPLE,
    Kind.MEDICAL_SUPPLIES,
)


class ScreeningWorkspace(ScanDesk):
    def __init__(
        self, session: Session, operations: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.operations = operations
        store = session.store
        self.policy = store.policy()
        self.today = store.today()
        self.person: Person | None = None
        self.household_label = ""
        self.why: ScreeningBlocker | None = None
        # What was typed for people the screener turned away from (their test developing).
        self.drafts: dict[str, Draft] = {}

        self.scan_label = QLabel()
        self.scan_field = ScanField()
        self.scan_label.setBuddy(self.scan_field)
        self.queue_button = QPushButton()
        self.queue_button.setAutoDefault(True)
        self.supplies_button = QPushButton()
        self.supplies_button.setAutoDefault(True)
        self.message_label = MessageLine()

        self.queue_caption = QLabel()
        self.queue_caption.setWordWrap(True)
        self.queue_model = ScreeningQueueModel(
            self.policy.site.timezone, self.today, current_language()
        )
        self.queue_view = list_view(self.queue_model, ScreeningQueueModel.COL_NAME)

        self.form = ScreeningForm(store.clock.now, self.policy.site.timezone, self.policy.screening)

        self._layout()
        self._connect()
        self._keyboard()
        # Read when first shown: at login every workspace is built, one is in sight.
        self.refresh_when_seen()
        self.retranslate()
        self.scan_field.setFocus()

    # --- building --------------------------------------------------------------------------------

    def _layout(self) -> None:
        top = QGridLayout()
        top.addWidget(self.scan_label, 0, 0)
        top.addWidget(self.scan_field, 0, 1)
        top.addWidget(self.queue_button, 0, 2)
        top.addWidget(self.supplies_button, 0, 3)
        top.addWidget(self.message_label, 1, 0, 1, 4)
        top.setColumnStretch(1, 1)

        self.queue_panel = QWidget()
        queue_layout = QVBoxLayout(self.queue_panel)
        queue_layout.setContentsMargins(0, 0, 0, 0)
        queue_layout.addWidget(self.queue_caption)
        queue_layout.addWidget(self.queue_view, 1)

        # One at a time: a 1280-px screen holds the whole form or a readable queue, not both.
        self.pages = QStackedWidget()
        self.pages.addWidget(self.queue_panel)
        self.pages.addWidget(self.form)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.pages, 1)

    def _connect(self) -> None:
        self.operations.changed.connect(self.on_changes)
        self.scan_field.scanned.connect(self.handle_scan)
        self.supplies_button.clicked.connect(self.open_supplies)
        self.queue_button.clicked.connect(self.back_to_queue)
        self.queue_view.activated.connect(self._row_activated)
        self.form.save_requested.connect(self.save)
        self.form.start_timer_requested.connect(self.start_timer)

    def _keyboard(self) -> None:
        self.shortcuts = [
            QShortcut(QKeySequence(keys), self, slot)
            for keys, slot in (
                ("F2", self.scan_field.ready),
                ("F4", self.back_to_queue),
                ("Ctrl+S", self.save),
                ("Ctrl+T", self.start_timer),
            )
        ]
        self.scan_field.leave_to_desk(shortcut.key() for shortcut in self.shortcuts)
        forward = ForwardTypingToScan(self.scan_field)
        for widget in (self.queue_view, self.queue_button, self.supplies_button):
            widget.installEventFilter(forward)
        for before, after in pairwise([self.scan_field, self.queue_view, self.form.first_field()]):
            QWidget.setTabOrder(before, after)
        QWidget.setTabOrder(self.form.save_button, self.queue_button)
        QWidget.setTabOrder(self.queue_button, self.supplies_button)

    # --- reading the site ------------------------------------------------------------------------

    def on_changes(self, changes: Changes) -> None:
        """Redraw after any operation, from this desk or another screen; the form keeps what
        was typed."""
        if changes.touches(*SCREENING_KINDS):
            self.refresh_when_seen()

    def refresh(self) -> None:
        """Re-read the queue, the kit lots and the places (the day may have turned)."""
        store = self.session.store
        self.policy = store.policy()
        self.today = store.today()
        zone = self.policy.site.timezone
        self.form.set_policy(zone, self.policy.screening)
        self.form.set_lots(lot_choices(store, self.today), self.today)
        self.form.set_places(isolation_places(store))
        self.queue_model.set_waiting(
            screening_queue(store, self.session.actor, self.today), zone, self.today
        )
        self._show_developing()
        if self.person is not None:
            row = self.queue_model.row_of(self.person.id)
            if row is not None:
                self.queue_view.selectRow(row)
        self._retranslate_queue()

    def _show_developing(self) -> None:
        started = {pid: d.started_at for pid, d in self.drafts.items() if d.started_at}
        if self.person is not None and self.form.started_at is not None:
            started[self.person.id] = self.form.started_at
        self.queue_model.set_developing(started)

    # --- picking a person ------------------------------------------------------------------------

    def handle_scan(self, text: str) -> None:
        self.pick_scanned(
            text,
            lambda: self.tr(
                "Nobody found for “{code}”. Scan again, or pick from the queue."
            ).format(code=text),
        )

    def _row_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.pick(index.data(ScreeningQueueModel.PersonIdRole))

    def pick(self, person_id: str) -> None:
        """Open the form for a person in the right mode, or the review of a pending decision."""
        record = queries.find_person(self.session.store, person_id)
        if record is None:
            return
        person = queries.person_from_row(record)
        row = self.queue_model.row_of(person.id)
        why = self.queue_model.waiting(row).why if row is not None else None
        name = person.full_name
        if why is ScreeningBlocker.CLINICAL_REVIEW:
            self.open_review(person)
            return
        if not person.checked_in:
            self.message_label.say(
                Tone.BLOCKED,
                lambda: self.tr(
                    "{name} has not checked in: send them to the intake desk first."
                ).format(name=name),
            )
            self.back_to_scan()
            return
        if person.health.in_isolation:
            self.message_label.say(
                Tone.BLOCKED,
                lambda: self.tr(
                    "{name} is in isolation: record the daily follow-up; re-screen after the"
                    " release."
                ).format(name=name),
            )
            self.back_to_scan()
            return
        self.open_form(person, record["household_external_id"] or "", why)

    def open_form(self, person: Person, household: str, why: ScreeningBlocker | None) -> None:
        self._put_aside()
        self.person, self.household_label, self.why = person, household, why
        mode = self.mode_of(person)
        self.form.set_person(self._title(), mode, self._mode_text(mode))
        self.form.restore(self.drafts.pop(person.id, None) or self.form.blank())
        self._show_developing()
        name = person.full_name
        if why is None and person.health.outcome is not None:
            outcome = person.health.outcome
            self.message_label.say(
                Tone.DONE,
                lambda: self.tr(
                    "{name} is already screened ({outcome}): saving records a new screening."
                ).format(name=name, outcome=label(outcome, current_language())),
            )
        else:
            self.message_label.say(
                Tone.DONE,
                lambda: self.tr("Screening {name}: fill in the form, then Save (Ctrl+S).").format(
                    name=name
                ),
            )
        row = self.queue_model.row_of(person.id)
        if row is not None:
            self.queue_view.selectRow(row)
        self.pages.setCurrentWidget(self.form)
        self.form.first_field().setFocus(Qt.FocusReason.OtherFocusReason)

    def mode_of(self, person: Person) -> ClearanceBasis:
        """Documentation of recovery after an isolation, no test under 2, else the test."""
        if person.health.rescreening_due:
            return ClearanceBasis.RECOVERY
        if not needs_test(person, self.today, self.policy.screening):
            return ClearanceBasis.EXEMPT_AGE
        return ClearanceBasis.ANTIGEN

    def _put_aside(self) -> None:
        """Keep what was typed for the person on the form before another one is opened."""
        if self.person is None:
            return
        draft = self.form.draft()
        if draft.touched:
            self.drafts[self.person.id] = draft
        self.person = None
        self.form.close_person()
        self.pages.setCurrentWidget(self.queue_panel)

    def open_review(self, person: Person) -> None:
        """The written decision on a screening left for clinical review."""
        store, actor = self.session.store, self.session.actor
        try:
            record = medical_record(store, actor, person.id)
        except UserError as error:
            self.message_label.refused(error)
            self.back_to_scan()
            return
        standing = [s for s in record.screenings if not s["corrected"]]
        if not standing or standing[-1]["outcome"] != Outcome.CLINICAL_REVIEW:
            return
        dialog = ClinicalReviewDialog(self.session, self.operations, person, standing[-1], self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
            self._show_saved(person.full_name, dialog.saved)
        self.back_to_scan()

    # --- the form's actions ----------------------------------------------------------------------

    def start_timer(self) -> None:
        if self.person is None or self.form.mode is not ClearanceBasis.ANTIGEN:
            return
        self.form.start_timer(self.session.store.clock.now())
        self._show_developing()

    def save(self) -> None:
        """Save the screening; on a refusal say why and keep every field as typed."""
        if self.person is None:
            self.message_label.say(Tone.BLOCKED, lambda: self.tr("Scan or pick a person first."))
            self.back_to_scan()
            return
        store, actor, person = self.session.store, self.session.actor, self.person
        try:
            entry = self.form.entry(person.id, store.clock.now())
        except FormProblem as problem:
            text = problem.text
            self.message_label.say(Tone.BLOCKED, lambda: text)
            problem.where.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        done = self.operations.run(
            lambda: record_screening(store, actor, entry), self.message_label.refused
        )
        if done is None:
            return
        self.drafts.pop(person.id, None)
        self.person = None
        self.form.close_person()
        self.pages.setCurrentWidget(self.queue_panel)
        self._show_developing()
        self._show_saved(person.full_name, done.value)
        self.back_to_scan()

    def _show_saved(self, name: str, saved: ScreeningSaved) -> None:
        """The outcome in words and colour, with the reasons it rests on."""

        def words() -> str:
            language = current_language()
            reasons = ", ".join(label(reason, language) for reason in saved.reasons)
            outcome = label(saved.outcome, language)
            if saved.outcome is Outcome.CLEARED and saved.valid_through is not None:
                return self.tr("{name}: {outcome}, valid through {date} ({reasons}).").format(
                    name=name,
                    outcome=outcome,
                    date=display_date(saved.valid_through),
                    reasons=reasons,
                )
            if saved.outcome is Outcome.ISOLATION:
                return self.tr(
                    "{name}: {outcome} ({reasons}). The household is held; follow up daily."
                ).format(name=name, outcome=outcome, reasons=reasons)
            if saved.outcome is Outcome.RETEST:
                return self.tr("{name}: {outcome} ({reasons}). Test again with a new kit.").format(
                    name=name, outcome=outcome, reasons=reasons
                )
            return self.tr(
                "{name}: {outcome} ({reasons}). Decide from the queue when you have seen them."
            ).format(name=name, outcome=outcome, reasons=reasons)

        # Saved whatever the outcome: the tick says so, the colour says the outcome.
        self.message_label.say(TONE_OF_OUTCOME[saved.outcome], words, mark=MARK_OF_TONE[Tone.GOOD])

    def open_supplies(self) -> None:
        refused = refusal_text(self.session.actor, Action.MANAGE_MEDICAL_SUPPLIES)
        if refused is not None:
            self.message_label.say(Tone.BLOCKED, lambda: refused)
            return
        MedicalSuppliesDialog(self.session, self.operations, self).exec()
        self.back_to_scan()

    # --- focus -----------------------------------------------------------------------------------

    def back_to_queue(self) -> None:
        """The queue in place of the form; what was typed is kept for when they come back."""
        current = self.person.id if self.person is not None else None
        self._put_aside()
        self._show_developing()
        self.queue_view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        row = self.queue_model.row_of(current) if current is not None else None
        select_again(self.queue_view, row)

    # --- text ------------------------------------------------------------------------------------

    def _title(self) -> str:
        person = self.person
        if person is None:
            return ""
        if person.date_of_birth is None:
            return self.tr("{name} · household {household}").format(
                name=person.full_name, household=self.household_label
            )
        return self.tr("{name} · household {household} · born {born} (age {age})").format(
            name=person.full_name,
            household=self.household_label,
            born=display_date(person.date_of_birth),
            age=QLocale().toString(age_on(person.date_of_birth, self.today) or 0),
        )

    def _mode_text(self, mode: ClearanceBasis) -> str:
        language = current_language()
        how = label(mode, language)
        if self.why is None:
            return how
        return f"{label(self.why, language)} — {how}"

    def retranslate(self) -> None:
        self.scan_label.setText(self.tr("Sc&an (F2)"))
        self.scan_field.setPlaceholderText(
            self.tr("Scan a wristband, or type an A-number or registration id, then Enter")
        )
        self.queue_button.setText(self.tr("Queue (F4)"))
        self.queue_button.setToolTip(
            self.tr("Back to the queue; what you typed is kept for this person")
        )
        self.supplies_button.setText(self.tr("Kits and places…"))
        refused = refusal_text(self.session.actor, Action.MANAGE_MEDICAL_SUPPLIES)
        self.supplies_button.setEnabled(refused is None)
        self.supplies_button.setToolTip(
            refused or self.tr("Add kit types, kit lots and isolation places")
        )
        self.queue_model.set_language(current_language())
        self._retranslate_queue()
        self.form.retranslate()
        if self.person is not None:
            self.form.person_label.setText(self._title())
            self.form.mode_label.setText(self._mode_text(self.form.mode))

    def _retranslate_queue(self) -> None:
        self.queue_caption.setText(
            self.tr("Waiting for the screener ({count}): scan a band, or pick with Enter").format(
                count=QLocale().toString(self.queue_model.rowCount())
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
