"""What the codes of the rules are called, in English and Spanish, for every screen and printout."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    # eligibility
    "eligible": ("Eligible", "Elegible"),
    "awaiting_verification": ("Awaiting verification", "En espera de verificación"),
    "verification_needed": ("Verification needed", "Requiere verificación"),
    "escalated_to_cbp": ("Escalated to CBP", "Escalado a CBP"),
    "not_eligible": ("Not eligible", "No elegible"),
    # blockers
    "case_status_unknown": ("Case status unknown", "Estado del caso desconocido"),
    "not_verified": ("Not verified by DHS yet", "Aún no verificado por DHS"),
    "not_checked_in": ("Not checked in at the site", "No ha llegado al sitio"),
    # journey stages
    "registered": ("Registered", "Registrado"),
    "verification_submitted": ("Verification submitted", "Verificación enviada"),
    "verified": ("Verified", "Verificado"),
    "checked_in": ("Checked in", "Llegó al sitio"),
    # verification states
    "unverified": ("Unverified", "Sin verificar"),
    "submitted": ("Submitted", "Enviado"),
    "ineligible": ("Ineligible", "No elegible"),
    "unresolved": ("Unresolved", "Sin resolver"),
    # case statuses
    "pending": ("Pending", "Pendiente"),
    "terminated": ("Terminated", "Terminado"),
    "in_absentia": ("Ordered removed in absentia", "Orden de remoción en ausencia"),
    "removed_after_hearing": (
        "Ordered removed after hearing",
        "Orden de remoción tras audiencia",
    ),
    "unknown": ("Unknown", "Desconocido"),
    # roles
    "intake": ("Intake", "Recepción"),
    "screener": ("Screener", "Tamizaje médico"),
    "coordinator": ("Coordinator", "Coordinación"),
    "admin": ("Administrator", "Administración"),
    # vulnerability flags
    "serious_medical_condition": ("Serious medical condition", "Condición médica grave"),
    "pregnancy": ("Pregnancy", "Embarazo"),
    "disability": ("Disability", "Discapacidad"),
    "age_65_plus": ("Age 65 or over", "65 años o más"),
    "infant": ("Infant (under 2)", "Bebé (menor de 2 años)"),
    "single_caregiver": ("Single caregiver", "Cuidador único"),
    "risk_of_violence": ("At risk of violence", "En riesgo de violencia"),
    "unaccompanied_minor": ("Unaccompanied minor", "Menor no acompañado"),
    "lgbtiq_at_risk": ("LGBTIQ+ at risk", "LGBTIQ+ en riesgo"),
}


def label(code: str, language: str = "en") -> str:
    en, es = LABELS.get(str(code), (str(code), str(code)))
    return es if language == "es" else en


def bilingual_label(code: str) -> str:
    en, es = LABELS.get(str(code), (str(code), str(code)))
    return en if en == es else f"{en} / {es}"
