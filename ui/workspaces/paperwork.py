"""The paperwork desk: Form EOIR-33 for everyone with a case, filled in with the person,
printed with the next-steps sheet and served on ICE; legal orientation; the documents to
reopen an in-absentia case.

A volunteer scans a band (or picks from the list of people still needing the form), checks the
prefilled form with the person while the paper is redrawn beside it, saves with Ctrl+S (a draft
until every required field is there), prints with Ctrl+P (Ctrl+Shift+P: the whole household)
and records the service. Every decision is the core's (`staging.paperwork`): a refusal marks
each wrong field under itself and leaves everything typed in place.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from functools import partial
from itertools import pairwise
from typing import Any

from pypdf import PdfReader, PdfWriter
from PySide6.QtCore import QEvent, QLocale, QModelIndex, Qt, QTimer
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from forms.eoir33.build import eoir33_pdf, next_steps_pdf
from forms.eoir33.official import official_fields_missing
from staging.changes import Changes, Kind
from staging.courts.directory import CourtDirectory
from staging.courts.site import site_directory
from staging.domain import CaseStatus, Person
from staging.errors import UserError
from staging.paperwork.form import Eoir33Entry, FormProblems, check_entry, missing_words
from staging.paperwork.operations import (
    Courts,
    FormSaved,
    copy_address_to_household,
    form_row,
    mark_printed,
    mark_reopen_document,
    prefilled_entry,
    save_form,
)
from staging.paperwork.queries import (
    forms_to_print,
    household_ids,
    official_template,
    typed_form,
    waiting_for_form,
)
from staging.people import queries
from staging.registration.problems import FieldProblem
from staging.rules import person_status
from staging.rules.paperwork import PaperworkBlocker, ReopenDocument, needs_eoir33
from staging.security.access import Session
from staging.vocabulary import Words, label
from ui.dialogs.paperwork import OrientationDialog, ServedDialog
from ui.language import current_language
from ui.models.paperwork_model import WaitingForFormModel, a_number_shown
from ui.operations import Operations
from ui.printing import deliver_pdf
from ui.widgets.badges import Tone
from ui.widgets.dates import display_date
from ui.widgets.eoir33_editor import Eoir33Editor
from ui.widgets.list_view import list_view, select_again
from ui.widgets.message_line import MARK_OF_TONE, MessageLine
from ui.widgets.pdf_preview import PdfPreview
from ui.widgets.scan_field import ForwardTypingToScan, ScanDesk, ScanField

# A change to any of these can move someone into or out of the list, or change the open form.
PAPERWORK_KINDS = (Kind.PAPERWORK, Kind.PEOPLE, Kind.CHECK_INS, Kind.SETTINGS)
PREVIEW_DELAY_MS = 400
# The sheet that goes home with the person is bilingual: Spanish first, as most read it.
NEXT_STEPS_FIRST_LANGUAGE = "es"


def one_pdf(*parts: bytes) -> bytes:
    """The forms and the next-steps sheet in one file: one print job, one file to keep."""
    writer = PdfWriter()
    for part in parts:
        writer.append(PdfReader(io.BytesIO(part)))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def tone_style(tone: Tone) -> str:
    background, foreground = tone.value
    return (
        f"QLabel {{ background: {background}; color: {foreground};"
        " border-radius: 4px; padding: 4px 8px; font-weight: bold; }"
    )


class PaperworkWorkspace(ScanDesk):
    def __init__(
        self, session: Session, operations: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.operations = operations
        store = session.store
        self.policy = store.policy()
        self.today = store.today()
        # The court list is read with the rest when the desk is first shown (loading it and its
        # ZIP data takes a third of a second: not at login, for a tab perhaps never opened).
        self.directory = CourtDirectory((), ())
        self.template: bytes | None = None
        self.person: Person | None = None
        self.household_label = ""
        self.saved: dict[str, Any] | None = None  # the open person's form as stored
        # What was typed for people the volunteer turned away from before saving.
        self.drafts: dict[str, dict[str, Any]] = {}
        self.orientation_provider = ""

        self.scan_label = QLabel()
        self.scan_field = ScanField()
        self.scan_label.setBuddy(self.scan_field)
        self.list_button = QPushButton()
        self.list_button.setAutoDefault(True)
        self.message_label = MessageLine()

        self.list_caption = QLabel()
        self.list_caption.setWordWrap(True)
        self.model = WaitingForFormModel()
        self.list_view = list_view(self.model, WaitingForFormModel.COL_NAME)

        self.person_label = QLabel()
        self.person_label.setWordWrap(True)
        bold = QFont(self.person_label.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.15)
        self.person_label.setFont(bold)
        self.state_label = QLabel()
        self.blockers_label = QLabel()
        self.blockers_label.setWordWrap(True)
        self.reopen_box = QGroupBox()
        self.reopen_boxes = {document: QCheckBox() for document in ReopenDocument}
        self.editor = Eoir33Editor(self.directory, self.today)
        self.preview = PdfPreview()
        self.save_button = QPushButton()
        self.copy_button = QPushButton()
        self.print_button = QPushButton()
        self.print_household_button = QPushButton()
        self.served_button = QPushButton()
        self.orientation_button = QPushButton()
        for button in self.buttons():
            button.setAutoDefault(True)

        self._layout()
        self._connect()
        self._keyboard()
        # Read when first shown: at login every workspace is built, one is in sight.
        self.refresh_when_seen()
        self.retranslate()
        self.scan_field.setFocus()

    def buttons(self) -> list[QPushButton]:
        return [
            self.save_button,
            self.copy_button,
            self.print_button,
            self.print_household_button,
            self.served_button,
            self.orientation_button,
        ]

    # --- building --------------------------------------------------------------------------------

    def _layout(self) -> None:
        top = QGridLayout()
        top.addWidget(self.scan_label, 0, 0)
        top.addWidget(self.scan_field, 0, 1)
        top.addWidget(self.list_button, 0, 2)
        top.addWidget(self.message_label, 1, 0, 1, 3)
        top.setColumnStretch(1, 1)

        self.list_panel = QWidget()
        list_layout = QVBoxLayout(self.list_panel)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self.list_caption)
        list_layout.addWidget(self.list_view, 1)

        header = QHBoxLayout()
        header.addWidget(self.person_label, 1)
        header.addWidget(self.state_label)
        reopen_layout = QHBoxLayout(self.reopen_box)
        reopen_layout.setContentsMargins(8, 4, 8, 4)
        for box in self.reopen_boxes.values():
            reopen_layout.addWidget(box)
        reopen_layout.addStretch(1)

        # The form is long: it scrolls; the paper beside it shows what will be printed.
        self.editor_scroll = QScrollArea()
        self.editor_scroll.setWidgetResizable(True)
        self.editor_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.editor_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.editor_scroll.setWidget(self.editor)
        actions = QVBoxLayout()
        for button in self.buttons():
            actions.addWidget(button)
        actions.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.editor_scroll, 5)
        body.addWidget(self.preview, 4)
        body.addLayout(actions)

        self.person_panel = QWidget()
        person_layout = QVBoxLayout(self.person_panel)
        person_layout.setContentsMargins(0, 0, 0, 0)
        person_layout.addLayout(header)
        person_layout.addWidget(self.blockers_label)
        person_layout.addWidget(self.reopen_box)
        person_layout.addLayout(body, 1)

        # One at a time: a 1280-px screen holds the form and its paper, or a readable list.
        self.pages = QStackedWidget()
        self.pages.addWidget(self.list_panel)
        self.pages.addWidget(self.person_panel)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.pages, 1)

    def _connect(self) -> None:
        self.operations.changed.connect(self.on_changes)
        self.scan_field.scanned.connect(self.handle_scan)
        self.list_button.clicked.connect(self.back_to_list)
        self.list_view.activated.connect(self._row_activated)
        self.save_button.clicked.connect(self.save)
        self.copy_button.clicked.connect(self.copy_address)
        self.print_button.clicked.connect(self.print_form)
        self.print_household_button.clicked.connect(self.print_household)
        self.served_button.clicked.connect(self.mark_served)
        self.orientation_button.clicked.connect(self.record_orientation)
        for document, box in self.reopen_boxes.items():
            box.clicked.connect(partial(self._reopen_clicked, document))
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.update_preview)
        self.editor.edited.connect(self._preview_timer.start)

    def _keyboard(self) -> None:
        self.shortcuts = [
            QShortcut(QKeySequence(keys), self, slot)
            for keys, slot in (
                ("F2", self.scan_field.ready),
                ("F4", self.back_to_list),
                ("Ctrl+S", self.save),
                ("Ctrl+P", self.print_form),
                ("Ctrl+Shift+P", self.print_household),
            )
        ]
        self.scan_field.leave_to_desk(shortcut.key() for shortcut in self.shortcuts)
        forward = ForwardTypingToScan(self.scan_field)
        for widget in (self.list_view, self.list_button, *self.buttons()):
            widget.installEventFilter(forward)
        chain = [
            self.scan_field,
            self.list_button,
            self.list_view,
            *self.reopen_boxes.values(),
            self.editor.first_field(),
        ]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)
        for before, after in pairwise([self.editor.last_field(), *self.buttons()]):
            QWidget.setTabOrder(before, after)

    # --- reading the site ------------------------------------------------------------------------

    def on_changes(self, changes: Changes) -> None:
        """Redraw after any operation, from this desk or another screen; the form keeps what
        was typed."""
        if changes.touches(*PAPERWORK_KINDS):
            self.refresh_when_seen()

    def refresh(self) -> None:
        """Re-read the policy, the court list, the list of people and the open person's facts
        (not the fields being typed)."""
        store = self.session.store
        self.policy = store.policy()
        self.today = store.today()
        self.directory = site_directory(store)
        template = official_template(store)
        self.template = template.read_bytes() if template is not None else None
        self.editor.today = self.today
        self.editor.set_directory(self.directory, self.policy.paperwork.eoir33_revision)
        self.model.set_waiting(waiting_for_form(store))
        if self.person is not None:
            record = queries.find_person(store, self.person.id)
            if record is None:
                self._close_person()
            else:
                self.person = queries.person_from_row(record)
                self.saved = form_row(store, self.person.id)
                self.editor.set_served(self._served())
                self._show_person()
                row = self.model.row_of(self.person.id)
                if row is not None:
                    self.list_view.selectRow(row)
        self._retranslate_list()

    def _served(self) -> bool:
        return bool(self.saved and self.saved["served_at"])

    # --- picking a person ------------------------------------------------------------------------

    def handle_scan(self, text: str) -> None:
        self.pick_scanned(
            text,
            lambda: self.tr("Nobody found for “{code}”. Scan again, or pick from the list.").format(
                code=text
            ),
        )

    def _row_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.pick(index.data(WaitingForFormModel.PersonIdRole))

    def pick(self, person_id: str) -> None:
        """Open the person's form (saved, kept from before, or prefilled)."""
        store = self.session.store
        record = queries.find_person(store, person_id)
        if record is None:
            return
        person = queries.person_from_row(record)
        if not needs_eoir33(person):
            name = person.full_name
            self.message_label.say(
                Tone.BLOCKED,
                lambda: self.tr(
                    "{name} has no A-number: there is no case to file Form EOIR-33 for."
                ).format(name=name),
            )
            self.back_to_scan()
            return
        self._put_aside()
        self.person = person
        self.household_label = record["household_external_id"] or ""
        self.saved = form_row(store, person.id)
        self._load_editor()
        kept = self.drafts.pop(person.id, None)
        if kept is not None and not self._served():
            self.editor.restore(kept)
        self._show_person()
        name = person.full_name
        if self._served():
            self.message_label.say(
                Tone.GOOD,
                lambda: self.tr("{name}'s form is already served: it can be printed again.").format(
                    name=name
                ),
            )
        elif kept is not None:
            self.message_label.say(
                Tone.DONE,
                lambda: self.tr("{name}: what you typed before is back. Save with Ctrl+S.").format(
                    name=name
                ),
            )
        else:
            self.message_label.say(
                Tone.DONE,
                lambda: self.tr(
                    "{name}: check every field with the person, then Save (Ctrl+S)."
                ).format(name=name),
            )
        row = self.model.row_of(person.id)
        if row is not None:
            self.list_view.selectRow(row)
        self.pages.setCurrentWidget(self.person_panel)
        self.editor_scroll.ensureVisible(0, 0)
        self.update_preview()
        self.editor.first_field().setFocus(Qt.FocusReason.OtherFocusReason)

    def _load_editor(self) -> None:
        """The form as saved, or as the registration prefills it."""
        person, saved = self.person, self.saved
        if person is None:
            return
        courts = (
            Courts(
                saved["current_court"], saved["receiving_court"], saved["receiving_court_reason"]
            )
            if saved is not None
            else Courts()
        )
        self.editor.load(
            person.current_court,
            prefilled_entry(self.session.store, person.id),
            courts,
            served=self._served(),
        )

    def _put_aside(self) -> None:
        """Keep what was typed for the person open before another one is opened."""
        if self.person is not None and self.editor.touched:
            self.drafts[self.person.id] = self.editor.values()
        self._close_person()

    def _close_person(self) -> None:
        self.person = None
        self.saved = None
        self._preview_timer.stop()
        self.preview.show_pdf(None)
        self.pages.setCurrentWidget(self.list_panel)

    # --- what the desk shows of the person -------------------------------------------------------

    def _show_person(self) -> None:
        person = self.person
        if person is None:
            return
        self.person_label.setText(self._title())
        tone, words = self._form_state()
        self.state_label.setText(words)
        self.state_label.setStyleSheet(tone_style(tone))
        self._show_blockers()
        absent = person.case_status is CaseStatus.IN_ABSENTIA
        self.reopen_box.setVisible(absent)
        wanted = self.policy.paperwork.reopen_documents
        for document, box in self.reopen_boxes.items():
            box.setVisible(document in wanted)
            box.setChecked(str(document) in person.paperwork.reopen_documents)
        served = self._served()
        for button in (self.save_button, self.copy_button, self.served_button):
            button.setEnabled(not served)

    def _title(self) -> str:
        person = self.person
        if person is None:
            return ""
        return self.tr("{name} · household {household} · {a_number} · case: {status}").format(
            name=person.full_name,
            household=self.household_label,
            a_number=a_number_shown(person.a_number),
            status=label(person.case_status, current_language()),
        )

    def _form_state(self) -> tuple[Tone, str]:
        """Where the form stands, in words: not saved, a draft (missing what), complete,
        printed, served."""
        saved = self.saved
        if saved is None:
            return Tone.NEUTRAL, self.tr("Not saved yet")
        if saved["served_at"]:
            return Tone.GOOD, self.tr("Served on {date} ({method})").format(
                date=display_date(date.fromisoformat(saved["served_on"])),
                method=label(saved["service_method"], current_language()),
            )
        if saved["completed_at"] and saved["printed_at"]:
            return Tone.DONE, self.tr("Printed: serve the copy on ICE")
        if saved["completed_at"]:
            return Tone.DONE, self.tr("Complete: print it, then serve it")
        missing = self._missing(saved)
        if missing:
            return Tone.WAITING, self.tr("Draft, still missing: {fields}").format(fields=missing)
        return Tone.WAITING, self.tr("Draft")

    def _missing(self, saved: dict[str, Any]) -> str:
        """The required fields a saved draft still lacks, as the core counts them."""
        try:
            checked = check_entry(Eoir33Entry.from_row(saved), self.today)
        except UserError:
            return ""
        parts = []
        if checked.missing:
            parts.append(missing_words(checked.missing).in_language(current_language()))
        if not saved["current_court"]:
            parts.append(self.tr("the current court"))
        return ", ".join(parts)

    def _show_blockers(self) -> None:
        person = self.person
        if person is None:
            return
        language = current_language()
        status = person_status(person, self.today, self.policy, viewer=self.session.actor.role)
        needed = [b for b in status.blockers if isinstance(b, PaperworkBlocker)]
        orientation = person.paperwork.legal_orientation_on
        parts = []
        if needed:
            parts.append(
                self.tr("Still needed: {blockers}.").format(
                    blockers="; ".join(label(blocker, language) for blocker in needed)
                )
            )
        else:
            parts.append(self.tr("Nothing more is needed for the paperwork."))
        if orientation is not None:
            parts.append(
                self.tr("Legal orientation attended on {date}.").format(
                    date=display_date(orientation)
                )
            )
        self.blockers_label.setText(" ".join(parts))
        self.blockers_label.setStyleSheet(tone_style(Tone.WAITING if needed else Tone.GOOD))

    # --- the preview -----------------------------------------------------------------------------

    def update_preview(self) -> None:
        """The paper as typed so far, not saved: what Ctrl+P would print after a save."""
        self._preview_timer.stop()
        person = self.person
        if person is None:
            return
        entry, _ = self.editor.typed_entry()
        paper = typed_form(self.session.store, person.id, entry, self.editor.courts())
        self.preview.show_pdf(eoir33_pdf([paper], self.template))

    # --- the form's actions ----------------------------------------------------------------------

    def _no_person(self) -> bool:
        if self.person is not None:
            return False
        self.message_label.say(Tone.BLOCKED, lambda: self.tr("Scan or pick a person first."))
        self.back_to_scan()
        return True

    def save(self) -> bool:
        """Save the form (a draft until complete); on a refusal mark every wrong field and
        keep everything as typed. True when saved."""
        if self._no_person() or self.person is None:
            return False
        store, actor, person = self.session.store, self.session.actor, self.person
        entry, problems = self.editor.typed_entry()
        if problems:
            # A date that is not one: every other wrong field is marked in the same pass.
            try:
                check_entry(entry, self.today)
            except FormProblems as refused:
                problems = {**refused.problems, **problems}
            self._refuse_fields(problems)
            return False
        self.editor.clear_problems()
        courts = self.editor.courts()
        done = self.operations.run(
            lambda: save_form(store, actor, person.id, entry, courts), self._save_refused
        )
        if done is None:
            return False
        self.drafts.pop(person.id, None)
        self.saved = form_row(store, person.id)
        self._load_editor()
        self.editor.show_warnings(done.value.warnings)
        self._show_person()
        self._show_saved(person.full_name, done.value)
        self.update_preview()
        return True

    def _refuse_fields(self, problems: dict[str, FieldProblem]) -> None:
        self.editor.show_problems(problems)
        count = len(problems)
        self.message_label.say(
            Tone.BLOCKED,
            lambda: self.tr(
                "Nothing was saved: correct the {count} field(s) marked in red."
            ).format(count=QLocale().toString(count)),
        )

    def _save_refused(self, error: UserError) -> None:
        if isinstance(error, FormProblems):
            self._refuse_fields(dict(error.problems))
            return
        if self.editor.reason_needed() and not self.editor.reason_field.text().strip():
            self.editor.show_court_problem(error)
        self.message_label.refused(error)

    def _show_saved(self, name: str, saved: FormSaved) -> None:
        def words() -> str:
            language = current_language()
            if saved.complete:
                text = self.tr("{name}'s form is complete: print it with Ctrl+P.").format(name=name)
            else:
                missing: Words | None = saved.missing
                text = self.tr("Saved as a draft for {name}; still missing: {fields}.").format(
                    name=name,
                    fields=missing.in_language(language)
                    if missing
                    else self.tr("the current court"),
                )
            if saved.warnings:
                text += " " + self.tr("Look at the warning under the address.")
            return text

        tone = Tone.GOOD if saved.complete and not saved.warnings else Tone.WAITING
        self.message_label.say(tone, words, mark=MARK_OF_TONE[Tone.GOOD])  # saved, either way

    def copy_address(self) -> None:
        """The household moves to one address: the others' forms get it too."""
        if self._no_person() or self.person is None:
            return
        if self.editor.touched and not self.save():
            return
        store, actor, person = self.session.store, self.session.actor, self.person
        done = self.operations.run(
            lambda: copy_address_to_household(store, actor, person.id),
            self.message_label.refused,
        )
        if done is None:
            return
        count, household = len(done.value), self.household_label
        self.message_label.say(
            Tone.GOOD,
            lambda: self.tr(
                "The address was copied to {count} other form(s) of household {household}."
            ).format(count=QLocale().toString(count), household=household),
        )

    def print_form(self) -> None:
        self._print(household=False)

    def print_household(self) -> None:
        self._print(household=True)

    def _print(self, *, household: bool) -> None:
        """The forms that are complete and the next-steps sheet, in one PDF; then marked
        printed. Unsaved typing is saved first: the paper is what the record says."""
        if self._no_person() or self.person is None:
            return
        if self.editor.touched and not self._served() and not self.save():
            return
        store, person = self.session.store, self.person
        ids = household_ids(store, person.id) if household else [person.id]
        try:
            papers = forms_to_print(store, ids)
        except UserError as error:
            self.message_label.refused(error)
            return
        ready = [paper for paper in papers if paper.complete]
        left_out = ", ".join(paper.person.full_name for paper in papers if not paper.complete)
        if not ready:
            self.message_label.say(
                Tone.BLOCKED,
                lambda: self.tr("Not printed: complete and save the form first ({names}).").format(
                    names=left_out
                ),
            )
            return
        template = self.template
        stem = (
            f"eoir33-household-{self.household_label}"
            if household
            else f"eoir33-{person.a_number or person.registration_id}"
        )
        where = self._deliver(
            lambda: one_pdf(
                eoir33_pdf(ready, template), next_steps_pdf(ready, NEXT_STEPS_FIRST_LANGUAGE)
            ),
            f"{stem}.pdf",
        )
        if where is None:
            return
        done = self.operations.run(
            lambda: mark_printed(store, self.session.actor, [p.person.id for p in ready]),
            self.message_label.refused,
        )
        if done is None:
            return
        replica = template is not None and bool(official_fields_missing(template))
        self.message_label.say(
            Tone.WAITING if left_out or replica else Tone.GOOD,
            partial(self._printed_words, where, len(ready), left_out, replica),
        )

    def _deliver(self, make_pdf: Callable[[], bytes], file_name: str) -> str | None:
        try:
            return deliver_pdf(self, make_pdf, title=self.tr("Form EOIR-33"), file_name=file_name)
        except UserError as error:
            self.message_label.refused(error)
        except OSError as error:
            problem = str(error)
            self.message_label.say(
                Tone.BLOCKED, lambda: self.tr("Not printed: {problem}").format(problem=problem)
            )
        return None

    def _printed_words(self, where: str, count: int, left_out: str, replica: bool) -> str:
        parts = [
            where,
            self.tr("{count} form(s) and the next-steps sheet: serve a copy on ICE.").format(
                count=QLocale().toString(count)
            ),
        ]
        if left_out:
            parts.append(self.tr("Not printed, form not complete: {names}.").format(names=left_out))
        if replica:
            parts.append(
                self.tr(
                    "The official PDF placed for the site is not the fillable Form EOIR-33/IC:"
                    " the replica was printed."
                )
            )
        return " ".join(parts)

    def mark_served(self) -> None:
        """The proof of service, once the copy went to ICE's office."""
        if self._no_person() or self.person is None:
            return
        if self.editor.touched and not self.save():
            return
        if self.saved is None or not self.saved["completed_at"]:
            self.message_label.say(
                Tone.BLOCKED,
                lambda: self.tr("Complete and save the form first; then print it and serve it."),
            )
            return
        office = self.editor.choice().opla_office
        dialog = ServedDialog(
            self.session,
            self.operations,
            self.person,
            self.directory,
            office.key if office is not None else "",
            self,
        )
        if dialog.exec() == QDialog.DialogCode.Accepted and self.person is not None:
            name = self.person.full_name
            self.message_label.say(
                Tone.GOOD,
                lambda: self.tr("{name}'s form is served: nothing more to do on it.").format(
                    name=name
                ),
            )
            self._load_editor()
            self.update_preview()

    def record_orientation(self) -> None:
        """A session the household attends together: recorded for every member."""
        if self._no_person() or self.person is None:
            return
        store = self.session.store
        members = [
            queries.person_from_row(record)
            for record in queries.household_records(store, self.person.household_id)
        ]
        dialog = OrientationDialog(
            self.session,
            self.operations,
            self.household_label,
            members,
            self.orientation_provider,
            self,
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.orientation_provider = dialog.provider_field.text().strip()
            household, count = self.household_label, len(members)
            self.message_label.say(
                Tone.GOOD,
                lambda: self.tr(
                    "Legal orientation recorded for {count} of household {household}."
                ).format(count=QLocale().toString(count), household=household),
            )

    def _reopen_clicked(self, document: ReopenDocument) -> None:
        self.mark_reopen_document(document, self.reopen_boxes[document].isChecked())

    def mark_reopen_document(self, document: ReopenDocument, prepared: bool) -> None:
        """A tick on the reopening checklist is recorded at once (the latest mark counts)."""
        if self.person is None:
            return
        store, actor, person_id = self.session.store, self.session.actor, self.person.id
        done = self.operations.run(
            lambda: mark_reopen_document(store, actor, person_id, document, prepared),
            self.message_label.refused,
        )
        if done is None:
            self.reopen_boxes[document].setChecked(not prepared)

    # --- focus -----------------------------------------------------------------------------------

    def back_to_list(self) -> None:
        """The list in place of the form; what was typed is kept for when they come back."""
        current = self.person.id if self.person is not None else None
        self._put_aside()
        self.list_view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        row = self.model.row_of(current) if current is not None else None
        select_again(self.list_view, row)

    # --- text ------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.scan_label.setText(self.tr("Sc&an (F2)"))
        self.scan_field.setPlaceholderText(
            self.tr("Scan a wristband, or type an A-number or registration id, then Enter")
        )
        self.list_button.setText(self.tr("List (F4)"))
        self.list_button.setToolTip(
            self.tr("Back to the list; what you typed is kept for this person")
        )
        self.save_button.setText(self.tr("Save (Ctrl+S)"))
        self.copy_button.setText(self.tr("Copy address to &household"))
        self.copy_button.setToolTip(
            self.tr("The other members' forms get this current address (served forms excepted)")
        )
        self.print_button.setText(self.tr("Print form (Ctrl+P)"))
        self.print_button.setToolTip(self.tr("This person's form and the next-steps sheet"))
        self.print_household_button.setText(self.tr("Print household (Ctrl+Shift+P)"))
        self.print_household_button.setToolTip(
            self.tr("Every complete form of the household and the next-steps sheet")
        )
        self.served_button.setText(self.tr("Mark &served…"))
        self.orientation_button.setText(self.tr("Legal orientatio&n…"))
        self.reopen_box.setTitle(self.tr("Documents to reopen the case (prepared)"))
        language = current_language()
        for document, box in self.reopen_boxes.items():
            box.setText(label(document, language))
        self.model.retranslate()
        self._retranslate_list()
        self._show_person()

    def _retranslate_list(self) -> None:
        self.list_caption.setText(
            self.tr("Still needing Form EOIR-33 ({count}): scan a band, or pick with Enter").format(
                count=QLocale().toString(self.model.rowCount())
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
