"""Every (English, Spanish) pair the core says: what the codes are called, the names of the
actions a role may be refused, and the words printed on paper. One module and one order
(English first) so a screen, a command and a printout never disagree, and a code with no
words shows up in a test instead of on a Spanish screen.
"""

from __future__ import annotations

from typing import NamedTuple

# How both languages share one line (CLI output, rejects files, logs): English first.
SEPARATOR = " / "


class Words(NamedTuple):
    """One thing said in both languages."""

    en: str
    es: str

    def in_language(self, language: str) -> str:
        return self.es if language == "es" else self.en

    def both(self) -> str:
        return self.en if self.en == self.es else f"{self.en}{SEPARATOR}{self.es}"


LABELS: dict[str, Words] = {
    # eligibility
    "eligible": Words("Eligible", "Elegible"),
    "awaiting_verification": Words("Awaiting verification", "En espera de verificación"),
    "verification_needed": Words("Verification needed", "Requiere verificación"),
    "escalated_to_cbp": Words("Escalated to CBP", "Escalado a CBP"),
    "not_eligible": Words("Not eligible", "No elegible"),
    # arrival stop signs (besides the eligibility ones above)
    "appointment_other_day": Words("Appointment on another day", "Cita en otro día"),
    "no_appointment": Words("No appointment", "Sin cita"),
    "everyone": Words("everyone", "todos"),
    # blockers
    "case_status_unknown": Words("Case status unknown", "Estado del caso desconocido"),
    "not_verified": Words("Not verified by DHS yet", "Aún no verificado por DHS"),
    "not_checked_in": Words("Not checked in at the site", "No ha llegado al sitio"),
    # journey stages
    "registered": Words("Registered", "Registrado"),
    "verification_submitted": Words("Verification submitted", "Verificación enviada"),
    "verified": Words("Verified", "Verificado"),
    "checked_in": Words("Checked in", "Llegó al sitio"),
    # verification states
    "unverified": Words("Unverified", "Sin verificar"),
    "submitted": Words("Submitted", "Enviado"),
    "ineligible": Words("Ineligible", "No elegible"),
    "unresolved": Words("Unresolved", "Sin resolver"),
    # case statuses
    "pending": Words("Pending", "Pendiente"),
    "terminated": Words("Terminated", "Terminado"),
    "in_absentia": Words("Ordered removed in absentia", "Orden de remoción en ausencia"),
    "removed_after_hearing": Words(
        "Ordered removed after hearing",
        "Orden de remoción tras audiencia",
    ),
    "unknown": Words("Unknown", "Desconocido"),
    # roles
    "intake": Words("Intake", "Recepcionista"),
    "screener": Words("Screener", "Evaluador(a) médico(a)"),
    "coordinator": Words("Coordinator", "Coordinador(a)"),
    "admin": Words("Administrator", "Administrador(a)"),
    # vulnerability flags
    "serious_medical_condition": Words("Serious medical condition", "Condición médica grave"),
    "pregnancy": Words("Pregnancy", "Embarazo"),
    "disability": Words("Disability", "Discapacidad"),
    "age_65_plus": Words("Age 65 or over", "65 años o más"),
    "infant": Words("Infant (under 2)", "Bebé (menor de 2 años)"),
    "single_caregiver": Words("Single caregiver", "Cuidador único"),
    "risk_of_violence": Words("At risk of violence", "En riesgo de violencia"),
    "unaccompanied_minor": Words("Unaccompanied minor", "Menor no acompañado"),
    "lgbtiq_at_risk": Words("LGBTIQ+ at risk", "LGBTIQ+ en riesgo"),
}


# What each guarded action is called in a refusal ("… may not {action}").
ACTION_NAMES: dict[str, Words] = {
    "import_registrations": Words("import registration lists", "importar listas de registro"),
    "register_walk_in": Words("register walk-ins", "registrar personas sin cita"),
    "edit_contact": Words("edit contact details", "editar datos de contacto"),
    "record_verification": Words("record verification results", "registrar verificaciones"),
    "check_in": Words("check people in", "registrar llegadas"),
    "review_duplicates": Words("review possible duplicates", "revisar posibles duplicados"),
    "build_demo": Words("build a demo site", "crear un sitio de demostración"),
    "export": Words("export data", "exportar datos"),
    "manage_users": Words("manage users", "administrar usuarios"),
    "manage_settings": Words("change the site settings", "cambiar la configuración del sitio"),
    "change_own_password": Words("change their own password", "cambiar su propia contraseña"),
    "backup": Words("make or schedule backups", "hacer o programar respaldos"),
    "restore": Words("restore a backup", "restaurar un respaldo"),
    "read_audit": Words("read the audit log", "leer el registro de auditoría"),
}

# Words printed on wristbands and ID cards.
CAPTIONS: dict[str, Words] = {
    "household": Words("Household", "Hogar"),
    "appointment": Words("Appointment", "Cita"),
    "date_of_birth": Words("Date of birth", "Nacimiento"),
    "site": Words("Site", "Sitio"),
    "no_appointment": Words("none", "sin cita"),
    "unknown": Words("unknown", "desconocida"),
    "person": Words("person", "persona"),
    "people": Words("people", "personas"),
}


def label(code: str, language: str = "en") -> str:
    """What a code is called in one language; an unknown code is shown as it is."""
    words = LABELS.get(str(code))
    return words.in_language(language) if words else str(code)


def bilingual_label(code: str) -> str:
    words = LABELS.get(str(code))
    return words.both() if words else str(code)
