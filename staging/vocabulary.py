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
    # sexes (`domain.Sex`), for mapping a list's own words onto them
    "F": Words("Female", "Femenino"),
    "M": Words("Male", "Masculino"),
    "X": Words("Other", "Otro"),
    # screening: blockers and stages
    "not_screened": Words("Not screened", "Sin evaluación de salud"),
    "rescreening_due": Words(
        "Re-screening due after isolation", "Reevaluación pendiente tras aislamiento"
    ),
    "retest_needed": Words("Retest needed", "Requiere repetir la prueba"),
    "clinical_review": Words("Clinical review", "Revisión clínica"),
    "in_isolation": Words("In isolation", "En aislamiento"),
    "household_held": Words("Household held", "Hogar en espera"),
    "clearance_expired": Words("Clearance expired", "Autorización vencida"),
    "under_observation": Words("Under observation", "En observación"),
    "medical_hold": Words("Held by the medical team", "Retenido por el equipo médico"),
    "screened": Words("Screened", "Evaluado"),
    "cleared": Words("Cleared", "Autorizado"),
    "released": Words("Released from isolation", "Dado de alta del aislamiento"),
    # screening outcomes
    "isolation": Words("Isolation", "Aislamiento"),
    "retest": Words("Retest", "Repetir prueba"),
    # test results and kinds
    "positive": Words("Positive", "Positivo"),
    "negative": Words("Negative", "Negativo"),
    "invalid": Words("Invalid (no control line)", "Inválida (sin línea de control)"),
    "procedure_not_followed": Words("Procedure not followed", "Procedimiento no seguido"),
    "antigen": Words("Antigen test", "Prueba de antígeno"),
    "exempt_age": Words("Under 2: not tested", "Menor de 2 años: sin prueba"),
    "recovery": Words("Documentation of recovery", "Constancia de recuperación"),
    # why an outcome was reached
    "positive_test": Words("Positive test", "Prueba positiva"),
    "read_after_window": Words(
        "Read after the kit's window", "Leída fuera del tiempo de la prueba"
    ),
    "specimen_too_old": Words(
        "Specimen tested more than 1 hour after collection",
        "Muestra procesada más de 1 hora después de tomarla",
    ),
    "fever": Words("Fever", "Fiebre"),
    "symptoms": Words("Symptoms", "Síntomas"),
    "disease_signs": Words("Signs of another disease", "Signos de otra enfermedad"),
    "clinician_decided": Words("Decided by the screener", "Decidido por el evaluador"),
    "well_antigen": Words("Negative and well", "Negativo y sin síntomas"),
    "well_exempt_age": Words("Under 2 and well", "Menor de 2 años y sin síntomas"),
    "well_recovery": Words("Recovered and well", "Recuperado y sin síntomas"),
    # symptoms (CDC 2021)
    "fever_or_chills": Words("Fever or chills", "Fiebre o escalofríos"),
    "cough": Words("Cough", "Tos"),
    "shortness_of_breath": Words("Shortness of breath", "Falta de aire"),
    "fatigue": Words("Fatigue", "Cansancio"),
    "aches": Words("Muscle or body aches", "Dolor muscular o del cuerpo"),
    "headache": Words("Headache", "Dolor de cabeza"),
    "loss_of_taste_or_smell": Words(
        "New loss of taste or smell", "Pérdida reciente del gusto o del olfato"
    ),
    "sore_throat": Words("Sore throat", "Dolor de garganta"),
    "congestion": Words("Congestion or runny nose", "Congestión o escurrimiento nasal"),
    "nausea_or_vomiting": Words("Nausea or vomiting", "Náuseas o vómito"),
    "diarrhoea": Words("Diarrhoea", "Diarrea"),
    # signs of another communicable disease
    "fever_with_rash": Words("Fever with rash", "Fiebre con sarpullido"),
    "persistent_cough": Words("Persistent cough", "Tos persistente"),
    "confusion": Words("Confusion", "Confusión"),
    "unexplained_bleeding": Words("Unexplained bleeding", "Sangrado sin causa aparente"),
    "persistent_diarrhoea_or_vomiting": Words(
        "Persistent diarrhoea or vomiting", "Diarrea o vómito persistentes"
    ),
    "headache_with_stiff_neck": Words(
        "Headache with stiff neck", "Dolor de cabeza con cuello rígido"
    ),
    # chronic conditions
    "diabetes": Words("Diabetes", "Diabetes"),
    "hypertension": Words("High blood pressure", "Presión alta"),
    "heart_disease": Words("Heart disease", "Enfermedad del corazón"),
    "lung_disease": Words("Lung disease or asthma", "Enfermedad pulmonar o asma"),
    "kidney_disease": Words("Kidney disease", "Enfermedad renal"),
    "weakened_immunity": Words("Weakened immune system", "Sistema inmunitario debilitado"),
    "other_condition": Words("Other chronic condition", "Otra condición crónica"),
    # emergency warning signs
    "trouble_breathing": Words("Trouble breathing", "Dificultad para respirar"),
    "chest_pain_or_pressure": Words(
        "Persistent chest pain or pressure", "Dolor o presión persistente en el pecho"
    ),
    "new_confusion": Words("New confusion", "Confusión reciente"),
    "cannot_wake_or_stay_awake": Words(
        "Cannot wake or stay awake", "No puede despertar o mantenerse despierto"
    ),
    "bluish_lips_or_face": Words("Bluish lips or face", "Labios o cara azulados"),
    # why a release must wait
    "too_early": Words("Too early", "Aún no se cumplen los días"),
    "fever_in_last_24_hours": Words("Fever in the last 24 h", "Fiebre en las últimas 24 h"),
    "fever_medicine_in_last_24_hours": Words(
        "Fever medicine in the last 24 h", "Medicamento para la fiebre en las últimas 24 h"
    ),
    "no_recent_follow_up": Words(
        "No follow-up in the last 24 h", "Sin seguimiento en las últimas 24 h"
    ),
    "symptoms_not_improving": Words("Symptoms not improving", "Los síntomas no mejoran"),
    "warning_signs": Words("Emergency warning signs", "Signos de alarma"),
    # household rules
    "hold_until_release": Words(
        "Hold the household until the member is released",
        "Retener al hogar hasta el alta del familiar",
    ),
    "quarantine_14_days": Words("Quarantine of 14 days", "Cuarentena de 14 días"),
    "quarantine_10_days": Words(
        "Quarantine of 10 days (no test)", "Cuarentena de 10 días (sin prueba)"
    ),
    "quarantine_7_days_with_test": Words(
        "Quarantine of 7 days with a negative test on day 5 or later",
        "Cuarentena de 7 días con prueba negativa el día 5 o después",
    ),
    # paperwork
    "eoir33_not_done": Words("Form EOIR-33 not complete", "Formulario EOIR-33 incompleto"),
    "eoir33_not_served": Words(
        "Form EOIR-33 not served on ICE", "Formulario EOIR-33 sin entregar a ICE"
    ),
    "legal_orientation_needed": Words(
        "Legal orientation not attended", "Falta la orientación legal"
    ),
    "reopen_documents_needed": Words(
        "Documents to reopen the case not ready",
        "Faltan los documentos para reabrir el caso",
    ),
    "paperwork_done": Words("Paperwork done", "Trámites listos"),
    "motion_to_reopen": Words("Motion to reopen", "Moción de reapertura"),
    "supporting_declaration": Words("Supporting declaration", "Declaración de apoyo"),
    "proof_of_address": Words("Proof of address", "Comprobante de domicilio"),
    "copy_of_removal_order": Words("Copy of the removal order", "Copia de la orden de deportación"),
    "first_class_mail": Words("First-class mail", "Correo de primera clase"),
    "in_person": Words("In person", "En persona"),
    # transport
    "planned": Words("On a roster", "En un viaje"),
    "boarded": Words("Boarded", "A bordo"),
    "delivered": Words("Delivered to CBP", "Entregado a CBP"),
    "no_show": Words("Did not show up for the trip", "No se presentó al viaje"),
    "no_capacity_left": Words(
        "No capacity left on the day's trips", "No queda cupo en los viajes del día"
    ),
    "no_seat_together": Words(
        "No seats together for the household", "No hay asientos juntos para el hogar"
    ),
    "household_member_blocked": Words(
        "Someone in the household cannot travel yet", "Alguien del hogar aún no puede viajar"
    ),
    "own": Words("Own mask", "Cubrebocas propio"),
    "provided": Words("Mask provided", "Cubrebocas entregado"),
    "exempt": Words("Under 2: no mask", "Menor de 2 años: sin cubrebocas"),
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
    "merge_people": Words(
        "merge two registrations of one person", "fusionar dos registros de una misma persona"
    ),
    "build_demo": Words("build a demo site", "crear un sitio de demostración"),
    "export": Words("export data", "exportar datos"),
    "manage_users": Words("manage users", "administrar usuarios"),
    "manage_settings": Words("change the site settings", "cambiar la configuración del sitio"),
    "change_own_password": Words("change their own password", "cambiar su propia contraseña"),
    "backup": Words("make or schedule backups", "hacer o programar respaldos"),
    "restore": Words("restore a backup", "restaurar un respaldo"),
    "read_audit": Words("read the audit log", "leer el registro de auditoría"),
    "screen": Words("record health screenings", "registrar evaluaciones de salud"),
    "follow_up_isolation": Words(
        "follow up or release people in isolation",
        "dar seguimiento o dar de alta a personas en aislamiento",
    ),
    "manage_medical_supplies": Words(
        "manage test kits and isolation places",
        "administrar pruebas y lugares de aislamiento",
    ),
    "read_medical": Words("read medical records", "leer expedientes médicos"),
    "plan_transport": Words(
        "plan trips, vehicles and rosters", "planear viajes, vehículos y listas de pasajeros"
    ),
    "board": Words("board people or close a trip", "abordar personas o cerrar un viaje"),
    "prepare_paperwork": Words(
        "prepare Form EOIR-33 and the legal paperwork",
        "preparar el formulario EOIR-33 y los trámites legales",
    ),
    "read_medical_counts": Words(
        "read the day's screening counts", "leer los conteos de evaluación del día"
    ),
    "sync": Words("receive changes from other desks", "recibir cambios de otros equipos"),
    "resolve_conflicts": Words(
        "settle fields that two desks changed differently",
        "resolver campos que dos equipos cambiaron de forma distinta",
    ),
}

# What each field of a person is called where two registrations are compared side by side.
PERSON_FIELD_NAMES: dict[str, Words] = {
    "registration_id": Words("Registration id", "Número de registro"),
    "household_id": Words("Household", "Hogar"),
    "given_names": Words("Given names", "Nombres"),
    "paternal_surname": Words("Paternal surname", "Apellido paterno"),
    "maternal_surname": Words("Maternal surname", "Apellido materno"),
    "date_of_birth": Words("Date of birth", "Fecha de nacimiento"),
    "sex": Words("Sex", "Sexo"),
    "nationality": Words("Nationality", "Nacionalidad"),
    "a_number": Words("A-number", "Número A"),
    "mpp_enrollment_date": Words("MPP enrollment date", "Fecha de inscripción en MPP"),
    "case_status": Words("Case status", "Estado del caso"),
    "current_court": Words("Current court", "Corte actual"),
    "phone": Words("Phone", "Teléfono"),
    "email": Words("E-mail", "Correo electrónico"),
    "appointment_date": Words("Appointment date", "Fecha de la cita"),
    "us_address_street": Words("US address: street", "Dirección en EE. UU.: calle"),
    "us_address_city": Words("US address: city", "Dirección en EE. UU.: ciudad"),
    "us_address_state": Words("US address: state", "Dirección en EE. UU.: estado"),
    "us_address_zip": Words("US address: ZIP code", "Dirección en EE. UU.: código postal"),
    "us_contact_name": Words("US contact: name", "Contacto en EE. UU.: nombre"),
    "us_contact_phone": Words("US contact: phone", "Contacto en EE. UU.: teléfono"),
    "languages": Words("Languages", "Idiomas"),
    "vulnerabilities": Words("Vulnerabilities", "Vulnerabilidades"),
    "notes": Words("Notes", "Notas"),
}

# What each kind of record that desks edit (and so may edit differently) is called where such a
# conflict is reviewed: one line for each table merged field by field.
RECORD_NAMES: dict[str, Words] = {
    "site_setting": Words("Site setting", "Configuración del sitio"),
    "household": Words("Household", "Hogar"),
    "person": Words("Person", "Persona"),
    "possible_duplicate": Words("Possible duplicate", "Posible duplicado"),
    "import_profile": Words("Import profile", "Perfil de importación"),
    "app_user": Words("User", "Usuario"),
    "wristband": Words("Wristband", "Brazalete"),
    "kit_type": Words("Test kit type", "Tipo de prueba"),
    "kit_lot": Words("Test kit lot", "Lote de pruebas"),
    "isolation_place": Words("Isolation place", "Lugar de aislamiento"),
    "isolation_episode": Words("Isolation", "Aislamiento"),
    "eoir33_form": Words("Form EOIR-33", "Formulario EOIR-33"),
    "vehicle": Words("Vehicle", "Vehículo"),
    "trip": Words("Trip", "Viaje"),
    "roster_entry": Words("Seat on a trip", "Asiento en un viaje"),
    "sync_desk": Words("Desk of the site", "Equipo del sitio"),
}

# What the fields the desks' operations edit on records other than a person (whose fields are
# `PERSON_FIELD_NAMES`) and Form EOIR-33 (`staging.paperwork.form.FIELD_NAMES`) are called.
RECORD_FIELD_NAMES: dict[str, Words] = {
    "status": Words("Status", "Estado"),
    "decided_at": Words("Decided at", "Decidido el"),
    "decided_by": Words("Decided by", "Decidido por"),
    "person_id": Words("Person", "Persona"),
    "screening_id": Words("Screening", "Evaluación"),
    "trip_id": Words("Trip", "Viaje"),
    "seat": Words("Seat", "Asiento"),
    "locked": Words("Seat fixed by hand", "Asiento fijado a mano"),
    "closed_at": Words("Closed at", "Cerrado el"),
    "arrived_at": Words("Arrived at", "Llegó el"),
    "place_id": Words("Isolation place", "Lugar de aislamiento"),
    "severe": Words("Severe", "Grave"),
    "released_on": Words("Released on", "Alta el"),
    "released_at": Words("Released at", "Alta a las"),
    "released_by": Words("Released by", "Alta dada por"),
    "release_note": Words("Release note", "Nota del alta"),
    "replaced_at": Words("Replaced at", "Reemplazado el"),
    "active": Words("In use", "En uso"),
    "extended_expires_on": Words("Extended expiry date", "Fecha de vencimiento extendida"),
    "extension_notice": Words("Extension notice", "Aviso de extensión"),
    "display_name": Words("Full name", "Nombre completo"),
    "role": Words("Role", "Rol"),
    "disabled": Words("Disabled", "Desactivado"),
    "name": Words("Name", "Nombre"),
    "mapping": Words("Column mapping", "Correspondencia de columnas"),
    "value": Words("Value", "Valor"),
    "completed_at": Words("Completed at", "Completado el"),
    "printed_at": Words("Printed at", "Impreso el"),
    "served_at": Words("Served at", "Notificado el"),
    "served_on": Words("Served on ICE on", "Notificado a ICE el"),
    "server_name": Words("Served by", "Notificado por"),
    "opla_office": Words("ICE OPLA office", "Oficina de ICE OPLA"),
    "service_method": Words("How it was served", "Forma de notificación"),
    "current_court": Words("Current court", "Corte actual"),
    "receiving_court": Words("Receiving court", "Corte que recibe"),
    "receiving_court_reason": Words("Why that court", "Motivo de esa corte"),
    "headers": Words("Column headers", "Encabezados de columna"),
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
