<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>AdminWorkspace</name>
    <message>
        <source>Users</source>
        <translation>Usuarios</translation>
    </message>
    <message>
        <source>&amp;Add user…</source>
        <translation>&amp;Agregar usuario…</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>&amp;Desactivar</translation>
    </message>
    <message>
        <source>&amp;Reset password…</source>
        <translation>&amp;Restablecer contraseña…</translation>
    </message>
    <message>
        <source>Site settings and policy</source>
        <translation>Configuración y política del sitio</translation>
    </message>
    <message>
        <source>Site name</source>
        <translation>Nombre del sitio</translation>
    </message>
    <message>
        <source>Port of entry</source>
        <translation>Puerto de entrada</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zona horaria</translation>
    </message>
    <message>
        <source>Clearance valid (hours)</source>
        <translation>Validez de la autorización (horas)</translation>
    </message>
    <message>
        <source>Fever from (°C)</source>
        <translation>Fiebre desde (°C)</translation>
    </message>
    <message>
        <source>Isolation (days)</source>
        <translation>Aislamiento (días)</translation>
    </message>
    <message>
        <source>Lock after idle (minutes)</source>
        <translation>Bloquear tras inactividad (minutos)</translation>
    </message>
    <message>
        <source>Automatic backup every (hours)</source>
        <translation>Respaldo automático cada (horas)</translation>
    </message>
    <message>
        <source>Automatic backups kept</source>
        <translation>Respaldos automáticos conservados</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioridad</translation>
    </message>
    <message>
        <source>Vulnerabilities that give priority</source>
        <translation>Vulnerabilidades que dan prioridad</translation>
    </message>
    <message>
        <source>Check-in asks for confirmation when</source>
        <translation>La llegada pide confirmación cuando hay</translation>
    </message>
    <message>
        <source>Vulnerable households before longest waiting</source>
        <translation>Hogares vulnerables antes que los de mayor espera</translation>
    </message>
    <message>
        <source>Unticked: the desk only warns</source>
        <translation>Sin marcar: el mostrador solo avisa</translation>
    </message>
    <message>
        <source>&amp;Save settings</source>
        <translation>&amp;Guardar configuración</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>No se guardó</translation>
    </message>
    <message>
        <source>User {user} added</source>
        <translation>Usuario {user} agregado</translation>
    </message>
    <message>
        <source>Disable user</source>
        <translation>Desactivar usuario</translation>
    </message>
    <message>
        <source>A backup is running; try again when it has finished.</source>
        <translation>Se está haciendo una copia de seguridad; intente de nuevo cuando termine.</translation>
    </message>
    <message>
        <source>{user} will no longer be able to log in, and the site will be re-encrypted under a new key so that no copy of their old key opens it. Close the other desks that use this database first. Continue?</source>
        <translation>{user} ya no podrá entrar, y el sitio se volverá a cifrar con una clave nueva para que ninguna copia de su clave anterior lo abra. Primero cierre los otros equipos que usan esta base de datos. ¿Continuar?</translation>
    </message>
    <message>
        <source>User {user} disabled; the site was re-encrypted</source>
        <translation>Usuario {user} desactivado; el sitio se volvió a cifrar</translation>
    </message>
    <message>
        <source>These users had not logged in since the key file was upgraded, so they could not receive the new key: give them a new password (Reset password): {users}</source>
        <translation>Estos usuarios no habían entrado desde que se actualizó el archivo de claves, así que no pudieron recibir la clave nueva: deles una contraseña nueva (Restablecer contraseña): {users}</translation>
    </message>
    <message>
        <source>Password of {user} reset</source>
        <translation>Contraseña de {user} restablecida</translation>
    </message>
    <message>
        <source>Settings saved</source>
        <translation>Configuración guardada</translation>
    </message>
</context>
<context>
    <name>ConfirmArrivalDialog</name>
    <message>
        <source>Confirm the check-in</source>
        <translation>Confirmar la llegada</translation>
    </message>
    <message>
        <source>Household {household} raised stop signs. Check in anyway?</source>
        <translation>El hogar {household} tiene señales de alto. ¿Registrar la llegada de todos modos?</translation>
    </message>
    <message>
        <source>Check in only if a coordinator agrees. Your confirmation is recorded with the check-in, under your name.</source>
        <translation>Registre la llegada solo si un coordinador está de acuerdo. Su confirmación queda registrada con la llegada, a su nombre.</translation>
    </message>
    <message>
        <source>Check in &amp;anyway</source>
        <translation>Registrar llegada de &amp;todos modos</translation>
    </message>
    <message>
        <source>&amp;Do not check in (Enter)</source>
        <translation>&amp;No registrar la llegada (Intro)</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <source>Nothing was saved: correct the fields marked in red.</source>
        <translation>No se guardó nada: corrija los campos marcados en rojo.</translation>
    </message>
    <message>
        <source>Contact details</source>
        <translation>Datos de contacto</translation>
    </message>
    <message>
        <source>{name} · registration {registration}</source>
        <translation>{name} · registro {registration}</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>&amp;Teléfono</translation>
    </message>
    <message>
        <source>E-&amp;mail</source>
        <translation>Corr&amp;eo electrónico</translation>
    </message>
    <message>
        <source>&amp;Languages</source>
        <translation>&amp;Idiomas</translation>
    </message>
    <message>
        <source>US address: &amp;street</source>
        <translation>Dirección en EE. UU.: &amp;calle</translation>
    </message>
    <message>
        <source>US address: &amp;city</source>
        <translation>Dirección en EE. UU.: ci&amp;udad</translation>
    </message>
    <message>
        <source>US address: s&amp;tate</source>
        <translation>Dirección en EE. UU.: es&amp;tado</translation>
    </message>
    <message>
        <source>US address: &amp;ZIP code</source>
        <translation>Dirección en EE. UU.: código &amp;postal</translation>
    </message>
    <message>
        <source>US contact: &amp;name</source>
        <translation>Contacto en EE. UU.: &amp;nombre</translation>
    </message>
    <message>
        <source>US contact: p&amp;hone</source>
        <translation>Contacto en EE. UU.: teléf&amp;ono</translation>
    </message>
    <message>
        <source>code or name: TX, Texas</source>
        <translation>código o nombre: TX, Texas</translation>
    </message>
    <message>
        <source>N&amp;otes</source>
        <translation>N&amp;otas</translation>
    </message>
    <message>
        <source>Vulnerabilities</source>
        <translation>Vulnerabilidades</translation>
    </message>
</context>
<context>
    <name>HouseholdCard</name>
    <message>
        <source>No household open</source>
        <translation>Ningún hogar abierto</translation>
    </message>
    <message>
        <source>Scan a wristband or QR code, or choose someone from the list.</source>
        <translation>Escanee un brazalete o código QR, o elija a alguien de la lista.</translation>
    </message>
    <message>
        <source>1 person</source>
        <translation>1 persona</translation>
    </message>
    <message>
        <source>{count} people</source>
        <translation>{count} personas</translation>
    </message>
    <message>
        <source>Household {household} · {size} · no appointment</source>
        <translation>Hogar {household} · {size} · sin cita</translation>
    </message>
    <message>
        <source>Household {household} · {size} · appointment {date}</source>
        <translation>Hogar {household} · {size} · cita {date}</translation>
    </message>
    <message>
        <source>Space: tick or untick who is here · Enter: check in · Tab: the buttons · F2: back to Scan</source>
        <translation>Espacio: marcar o desmarcar a quien está presente · Intro: registrar llegada · Tab: los botones · F2: volver a Escanear</translation>
    </message>
    <message>
        <source>&amp;Wristbands… (Ctrl+P)</source>
        <translation>&amp;Brazaletes… (Ctrl+P)</translation>
    </message>
    <message>
        <source>Print wristbands for the ticked members</source>
        <translation>Imprimir brazaletes de los miembros marcados</translation>
    </message>
    <message>
        <source>&amp;ID cards… (Ctrl+I)</source>
        <translation>&amp;Credenciales… (Ctrl+I)</translation>
    </message>
    <message>
        <source>Print ID cards for the ticked members</source>
        <translation>Imprimir credenciales de los miembros marcados</translation>
    </message>
    <message>
        <source>&amp;Edit contact… (Ctrl+E)</source>
        <translation>&amp;Editar contacto… (Ctrl+E)</translation>
    </message>
    <message>
        <source>Correct the selected member&apos;s phone, address or vulnerabilities</source>
        <translation>Corregir teléfono, dirección o vulnerabilidades del miembro seleccionado</translation>
    </message>
    <message>
        <source>Check in only if a coordinator agrees: you will be asked to confirm.</source>
        <translation>Registre la llegada solo si un coordinador está de acuerdo: se le pedirá confirmar.</translation>
    </message>
    <message>
        <source>Possible duplicate: {name} may be the same person as {other} ({registration}) — ask a coordinator to review.</source>
        <translation>Posible duplicado: {name} podría ser la misma persona que {other} ({registration}); pida a un coordinador que lo revise.</translation>
    </message>
    <message>
        <source>&amp;Check in 1 person (Enter)</source>
        <translation>&amp;Registrar llegada de 1 persona (Intro)</translation>
    </message>
    <message>
        <source>&amp;Check in {count} people (Enter)</source>
        <translation>&amp;Registrar llegada de {count} personas (Intro)</translation>
    </message>
    <message>
        <source>All ticked are checked in</source>
        <translation>Todos los marcados ya llegaron</translation>
    </message>
    <message>
        <source>&amp;Check in</source>
        <translation>&amp;Registrar llegada</translation>
    </message>
</context>
<context>
    <name>HouseholdModel</name>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Edad</translation>
    </message>
    <message>
        <source>A-number</source>
        <translation>Número A</translation>
    </message>
    <message>
        <source>Eligibility</source>
        <translation>Elegibilidad</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Etapa</translation>
    </message>
    <message>
        <source>Vulnerabilities</source>
        <translation>Vulnerabilidades</translation>
    </message>
    <message>
        <source>Born {date} · registration {registration}</source>
        <translation>Nació el {date} · registro {registration}</translation>
    </message>
</context>
<context>
    <name>IntakeWorkspace</name>
    <message>
        <source>Household {household}: press Enter to check in everyone ticked.</source>
        <translation>Hogar {household}: pulse Intro para registrar la llegada de todos los marcados.</translation>
    </message>
    <message>
        <source>Household {household}: everyone ticked is already checked in.</source>
        <translation>Hogar {household}: todos los marcados ya registraron su llegada.</translation>
    </message>
    <message>
        <source>Nobody found for “{code}”. Scan again, or type the name in Find (Ctrl+F).</source>
        <translation>No se encontró a nadie con «{code}». Escanee de nuevo o escriba el nombre en Buscar (Ctrl+F).</translation>
    </message>
    <message>
        <source>Household {household} was not checked in.</source>
        <translation>El hogar {household} no registró su llegada.</translation>
    </message>
    <message>
        <source>Checked in {count} — household {household}.</source>
        <translation>Llegada registrada: {count} — hogar {household}.</translation>
    </message>
    <message>
        <source>Wristbands</source>
        <translation>Brazaletes</translation>
    </message>
    <message>
        <source>ID cards</source>
        <translation>Credenciales</translation>
    </message>
    <message>
        <source>Tick at least one member to print for.</source>
        <translation>Marque al menos un miembro para imprimir.</translation>
    </message>
    <message>
        <source>Not printed: {problem}</source>
        <translation>No se imprimió: {problem}</translation>
    </message>
    <message>
        <source>Contact details of {name} saved.</source>
        <translation>Datos de contacto de {name} guardados.</translation>
    </message>
    <message>
        <source>Registered {count} (verification needed). Press Enter to check them in.</source>
        <translation>{count} registrados (requieren verificación). Pulse Intro para registrar su llegada.</translation>
    </message>
    <message>
        <source>Sc&amp;an (F2)</source>
        <translation>Esc&amp;anear (F2)</translation>
    </message>
    <message>
        <source>Scan a wristband, or type an A-number or registration id, then Enter</source>
        <translation>Escanee un brazalete, o escriba un número A o un registro, y pulse Intro</translation>
    </message>
    <message>
        <source>Wal&amp;k-in… (Ctrl+N)</source>
        <translation>Sin ci&amp;ta… (Ctrl+N)</translation>
    </message>
    <message>
        <source>Checked in since midnight at the site, the latest first</source>
        <translation>Llegadas desde la medianoche en el sitio, la más reciente primero</translation>
    </message>
    <message>
        <source>Register people who are on no list</source>
        <translation>Registrar personas que no están en ninguna lista</translation>
    </message>
    <message>
        <source>Household {household}: stop — read the red warning on the card. Enter asks you to confirm.</source>
        <translation>Hogar {household}: alto — lea el aviso en rojo de la tarjeta. Intro le pedirá confirmar.</translation>
    </message>
    <message>
        <source>&amp;Find (Ctrl+F)</source>
        <translation>&amp;Buscar (Ctrl+F)</translation>
    </message>
    <message>
        <source>Name, A-number or registration id</source>
        <translation>Nombre, número A o registro</translation>
    </message>
    <message>
        <source>E&amp;xpected today ({count})</source>
        <translation>&amp;Esperados hoy ({count})</translation>
    </message>
    <message>
        <source>Arri&amp;ved ({count})</source>
        <translation>&amp;Llegaron ({count})</translation>
    </message>
    <message>
        <source>Every&amp;one ({count})</source>
        <translation>&amp;Todos ({count})</translation>
    </message>
    <message>
        <source>{count} found for “{text}” across the whole site</source>
        <translation>{count} encontrados para «{text}» en todo el sitio</translation>
    </message>
    <message>
        <source>Told to come today, {date}</source>
        <translation>Citados para hoy, {date}</translation>
    </message>
    <message>
        <source>Everyone registered at this site</source>
        <translation>Todas las personas registradas en este sitio</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Staging Desk — log in</source>
        <translation>Staging Desk — iniciar sesión</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>&amp;User</source>
        <translation>&amp;Usuario</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;Contraseña</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Working in the background…</source>
        <translation>Trabajando en segundo plano…</translation>
    </message>
    <message>
        <source>Automatic backup failed: {problem}</source>
        <translation>Falló la copia de seguridad automática: {problem}</translation>
    </message>
    <message>
        <source>Intake desk</source>
        <translation>Recepción</translation>
    </message>
    <message>
        <source>Administration</source>
        <translation>Administración</translation>
    </message>
    <message>
        <source>Staging Desk — {site}</source>
        <translation>Staging Desk — {site}</translation>
    </message>
    <message>
        <source>&amp;Desk</source>
        <translation>&amp;Mostrador</translation>
    </message>
    <message>
        <source>&amp;Switch user…</source>
        <translation>&amp;Cambiar de usuario…</translation>
    </message>
    <message>
        <source>Change my &amp;password…</source>
        <translation>Cambiar &amp;mi contraseña…</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Bloquear</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>Site: {site}</source>
        <translation>Sitio: {site}</translation>
    </message>
    <message>
        <source>{user} ({role}) · device {device}</source>
        <translation>{user} ({role}) · equipo {device}</translation>
    </message>
    <message>
        <source>Sync: this desk only (no hub set up)</source>
        <translation>Sincronización: solo este equipo (sin servidor central)</translation>
    </message>
    <message>
        <source>Last backup: never</source>
        <translation>Último respaldo: nunca</translation>
    </message>
    <message>
        <source>Last backup: {when}</source>
        <translation>Último respaldo: {when}</translation>
    </message>
    <message>
        <source>Password changed</source>
        <translation>Contraseña cambiada</translation>
    </message>
</context>
<context>
    <name>MemberForm</name>
    <message>
        <source>Person {number}</source>
        <translation>Persona {number}</translation>
    </message>
    <message>
        <source>&amp;Given names *</source>
        <translation>&amp;Nombres *</translation>
    </message>
    <message>
        <source>&amp;Paternal surname *</source>
        <translation>Apellido &amp;paterno *</translation>
    </message>
    <message>
        <source>&amp;Maternal surname</source>
        <translation>Apellido &amp;materno</translation>
    </message>
    <message>
        <source>&amp;Date of birth *</source>
        <translation>&amp;Fecha de nacimiento *</translation>
    </message>
    <message>
        <source>Nat&amp;ionality</source>
        <translation>Nac&amp;ionalidad</translation>
    </message>
    <message>
        <source>&amp;A-number (if any)</source>
        <translation>Número &amp;A (si tiene)</translation>
    </message>
    <message>
        <source>P&amp;hone</source>
        <translation>&amp;Teléfono</translation>
    </message>
    <message>
        <source>YYYY-MM-DD or DD/MM/YYYY</source>
        <translation>AAAA-MM-DD o DD/MM/AAAA</translation>
    </message>
    <message>
        <source>A 123-456-789</source>
        <translation>A 123-456-789</translation>
    </message>
    <message>
        <source>&amp;Sex</source>
        <translation>&amp;Sexo</translation>
    </message>
    <message>
        <source>Not stated</source>
        <translation>No indicado</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>Femenino</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>Masculino</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Otro</translation>
    </message>
    <message>
        <source>&amp;Remove this person</source>
        <translation>&amp;Quitar a esta persona</translation>
    </message>
</context>
<context>
    <name>OwnPasswordDialog</name>
    <message>
        <source>The two new passwords differ.</source>
        <translation>Las dos contraseñas nuevas no coinciden.</translation>
    </message>
    <message>
        <source>Change my password</source>
        <translation>Cambiar mi contraseña</translation>
    </message>
    <message>
        <source>&amp;Current password</source>
        <translation>Contraseña &amp;actual</translation>
    </message>
    <message>
        <source>&amp;New password</source>
        <translation>Contraseña &amp;nueva</translation>
    </message>
    <message>
        <source>New password &amp;again</source>
        <translation>Contraseña nueva &amp;otra vez</translation>
    </message>
    <message>
        <source>Someone else may know my current password: re-encrypt the site as well (close the other desks first)</source>
        <translation>Alguien más podría conocer mi contraseña actual: volver a cifrar también el sitio (primero cierre los otros equipos)</translation>
    </message>
</context>
<context>
    <name>PeopleTableModel</name>
    <message>
        <source>Arrived</source>
        <translation>Llegó</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Nacimiento</translation>
    </message>
    <message>
        <source>A-number</source>
        <translation>Número A</translation>
    </message>
    <message>
        <source>Registration</source>
        <translation>Registro</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Hogar</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Etapa</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <source>User name</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Nombre completo</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>Repita la contraseña</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Nueva contraseña</translation>
    </message>
    <message>
        <source>New user</source>
        <translation>Nuevo usuario</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Las dos contraseñas no coinciden.</translation>
    </message>
</context>
<context>
    <name>UsersTableModel</name>
    <message>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Desactivado</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Activo</translation>
    </message>
    <message>
        <source>Needs a new password</source>
        <translation>Necesita una contraseña nueva</translation>
    </message>
</context>
<context>
    <name>WalkInDialog</name>
    <message>
        <source>Nothing was saved: correct the fields marked in red.</source>
        <translation>No se guardó nada: corrija los campos marcados en rojo.</translation>
    </message>
    <message>
        <source>Walk-in registration</source>
        <translation>Registro de personas sin cita</translation>
    </message>
    <message>
        <source>Register people who are on no list. They are saved as “verification needed” until their case status is confirmed. Fields marked * are required.</source>
        <translation>Registre a personas que no están en ninguna lista. Se guardan como «requiere verificación» hasta que se confirme el estado de su caso. Los campos con * son obligatorios.</translation>
    </message>
    <message>
        <source>Add a&amp;nother person (Ctrl+M)</source>
        <translation>Agregar &amp;otra persona (Ctrl+M)</translation>
    </message>
    <message>
        <source>⚠ These may already be registered — save anyway? If one of them is this person, open that record instead.</source>
        <translation>⚠ Estas personas podrían estar ya registradas. ¿Guardar de todos modos? Si una de ellas es esta persona, abra ese registro.</translation>
    </message>
    <message>
        <source>&amp;Back to the form</source>
        <translation>&amp;Volver al formulario</translation>
    </message>
    <message>
        <source>&amp;Open selected person</source>
        <translation>&amp;Abrir la persona seleccionada</translation>
    </message>
    <message>
        <source>Save an&amp;yway</source>
        <translation>&amp;Guardar de todos modos</translation>
    </message>
    <message>
        <source>&amp;Check and save</source>
        <translation>&amp;Revisar y guardar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>printing</name>
    <message>
        <source>The printer could not be started.</source>
        <translation>No se pudo iniciar la impresora.</translation>
    </message>
    <message>
        <source>Print now, or save as a PDF file?</source>
        <translation>¿Imprimir ahora o guardar como archivo PDF?</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Imprimir…</translation>
    </message>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation>&amp;Guardar como PDF…</translation>
    </message>
    <message>
        <source>Sent to {printer}.</source>
        <translation>Enviado a {printer}.</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Archivos PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Saved as {path}.</source>
        <translation>Guardado como {path}.</translation>
    </message>
</context>
</TS>
