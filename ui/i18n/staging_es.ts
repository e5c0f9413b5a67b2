<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>AddTripDialog</name>
    <message>
        <source>Add a trip</source>
        <translation>Agregar un viaje</translation>
    </message>
    <message>
        <source>A trip to {port} on {day}: which vehicle, leaving when.</source>
        <translation>Un viaje a {port} el {day}: qué vehículo y a qué hora sale.</translation>
    </message>
    <message>
        <source>&amp;Vehicle</source>
        <translation>&amp;Vehículo</translation>
    </message>
    <message>
        <source>&amp;Departs at</source>
        <translation>&amp;Sale a las</translation>
    </message>
    <message>
        <source>&amp;Add trip</source>
        <translation>&amp;Agregar viaje</translation>
    </message>
</context>
<context>
    <name>AddVehicleDialog</name>
    <message>
        <source>Carries at most {seats} people with the site&apos;s distancing ({open} of {rows} rows open).</source>
        <translation>Lleva como máximo {seats} personas con el distanciamiento del sitio ({open} de {rows} filas abiertas).</translation>
    </message>
    <message>
        <source>Add a vehicle</source>
        <translation>Agregar un vehículo</translation>
    </message>
    <message>
        <source>A vehicle the site sends to the port, as rows of seats (the driver&apos;s excluded).</source>
        <translation>Un vehículo que el sitio envía al puerto, como filas de asientos (sin contar el del conductor).</translation>
    </message>
    <message>
        <source>&amp;Name or plate</source>
        <translation>&amp;Nombre o placa</translation>
    </message>
    <message>
        <source>&amp;Rows of seats</source>
        <translation>&amp;Filas de asientos</translation>
    </message>
    <message>
        <source>&amp;Seats in a row</source>
        <translation>&amp;Asientos por fila</translation>
    </message>
    <message>
        <source>&amp;Add vehicle</source>
        <translation>Agregar &amp;vehículo</translation>
    </message>
</context>
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
        <source>Clearance valid (calendar days after the test)</source>
        <translation>Autorización válida (días naturales después de la prueba)</translation>
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
        <source>Household of someone in isolation</source>
        <translation>Hogar de una persona en aislamiento</translation>
    </message>
    <message>
        <source>Observation before departure (hours)</source>
        <translation>Observación antes de la salida (horas)</translation>
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
        <source>Form EOIR-33 printed</source>
        <translation>Formulario EOIR-33 que se imprime</translation>
    </message>
    <message>
        <source>Legal orientation</source>
        <translation>Orientación legal</translation>
    </message>
    <message>
        <source>In absentia cases</source>
        <translation>Casos en ausencia</translation>
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
        <source>2021 edition (with “in care of”)</source>
        <translation>Edición 2021 (con «a cargo de»)</translation>
    </message>
    <message>
        <source>February 2026 edition</source>
        <translation>Edición de febrero de 2026</translation>
    </message>
    <message>
        <source>Required before travel</source>
        <translation>Obligatoria antes del viaje</translation>
    </message>
    <message>
        <source>Documents to reopen the case required before travel</source>
        <translation>Documentos para reabrir el caso obligatorios antes del viaje</translation>
    </message>
    <message>
        <source>Immigration courts</source>
        <translation>Cortes de inmigración</translation>
    </message>
    <message>
        <source>&amp;Load court list…</source>
        <translation>&amp;Cargar lista de cortes…</translation>
    </message>
    <message>
        <source>Two CSV files: the courts, then the ICE OPLA offices</source>
        <translation>Dos archivos CSV: primero las cortes, luego las oficinas de OPLA de ICE</translation>
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
    <message>
        <source>{courts} courts and {offices} ICE offices in use</source>
        <translation>{courts} cortes y {offices} oficinas de ICE en uso</translation>
    </message>
    <message>
        <source>Load court list</source>
        <translation>Cargar lista de cortes</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>Archivos CSV (*.csv);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>{title}: 1 of 2, the courts</source>
        <translation>{title}: 1 de 2, las cortes</translation>
    </message>
    <message>
        <source>{title}: 2 of 2, the ICE OPLA offices</source>
        <translation>{title}: 2 de 2, las oficinas de OPLA de ICE</translation>
    </message>
    <message>
        <source>Court list loaded</source>
        <translation>Lista de cortes cargada</translation>
    </message>
</context>
<context>
    <name>BoardingModel</name>
    <message>
        <source>Seat</source>
        <translation>Asiento</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Hogar</translation>
    </message>
    <message>
        <source>Boarding</source>
        <translation>Abordaje</translation>
    </message>
    <message>
        <source>Not yet boarded</source>
        <translation>Aún no aborda</translation>
    </message>
</context>
<context>
    <name>BoardingPanel</name>
    <message>
        <source>No trip leaves today: plan one first.</source>
        <translation>Hoy no sale ningún viaje: planee uno primero.</translation>
    </message>
    <message>
        <source>{name} — seat {seat}</source>
        <translation>{name} — asiento {seat}</translation>
    </message>
    <message>
        <source>Close {trip}: the vehicle leaves now. These {count} did not board and become no-shows, back in the queue: {names}.</source>
        <translation>Cerrar {trip}: el vehículo sale ahora. Estas {count} personas no abordaron, quedan como no presentadas y vuelven a la fila: {names}.</translation>
    </message>
    <message>
        <source>Close {trip}: the vehicle leaves now. Everyone on it has boarded.</source>
        <translation>Cerrar {trip}: el vehículo sale ahora. Todos los pasajeros abordaron.</translation>
    </message>
    <message>
        <source>Close the trip</source>
        <translation>Cerrar el viaje</translation>
    </message>
    <message>
        <source>Trip closed: {count} no-show(s) back in the queue.</source>
        <translation>Viaje cerrado: {count} no presentado(s) de vuelta en la fila.</translation>
    </message>
    <message>
        <source>Record that the {count} people on {trip} were handed over to CBP at {port}? Their journey ends here.</source>
        <translation>¿Registrar que las {count} personas de {trip} fueron entregadas a CBP en {port}? Su trayecto termina aquí.</translation>
    </message>
    <message>
        <source>Arrived at the port</source>
        <translation>Llegó al puerto</translation>
    </message>
    <message>
        <source>Delivered to CBP: {count} people.</source>
        <translation>Entregadas a CBP: {count} personas.</translation>
    </message>
    <message>
        <source>{vehicle} at {time} to {port}</source>
        <translation>{vehicle} a las {time} a {port}</translation>
    </message>
    <message>
        <source>&amp;Trip</source>
        <translation>&amp;Viaje</translation>
    </message>
    <message>
        <source>Sc&amp;an (F2)</source>
        <translation>Esc&amp;anear (F2)</translation>
    </message>
    <message>
        <source>Scan a wristband, then Enter</source>
        <translation>Escanee un brazalete y pulse Intro</translation>
    </message>
    <message>
        <source>Mask:</source>
        <translation>Cubrebocas:</translation>
    </message>
    <message>
        <source>&amp;Own</source>
        <translation>&amp;Propio</translation>
    </message>
    <message>
        <source>&amp;Provided here</source>
        <translation>&amp;Entregado aquí</translation>
    </message>
    <message>
        <source>&amp;Exempt (under 2)</source>
        <translation>E&amp;xento (menor de 2)</translation>
    </message>
    <message>
        <source>CDC travellers&apos; &amp;instructions given</source>
        <translation>Instrucciones de los CDC para viajeros en&amp;tregadas</translation>
    </message>
    <message>
        <source>The printed sheet: get tested 3–5 days after travel; stay home 7 days (10 if not tested); avoid people at higher risk for 14 days</source>
        <translation>La hoja impresa: hacerse la prueba 3 a 5 días después del viaje; quedarse en casa 7 días (10 sin prueba); evitar a personas de mayor riesgo durante 14 días</translation>
    </message>
    <message>
        <source>&amp;Close trip (departs)…</source>
        <translation>&amp;Cerrar viaje (sale)…</translation>
    </message>
    <message>
        <source>A&amp;rrived at the port…</source>
        <translation>&amp;Llegó al puerto…</translation>
    </message>
    <message>
        <source>Boarded {boarded} / {expected}</source>
        <translation>A bordo {boarded} / {expected}</translation>
    </message>
    <message>
        <source>&amp;Seats</source>
        <translation>A&amp;sientos</translation>
    </message>
    <message>
        <source>Arrived at the port: the journey of those on board has ended.</source>
        <translation>Llegó al puerto: el trayecto de quienes iban a bordo terminó.</translation>
    </message>
    <message>
        <source>Departed: record the arrival at the port when it is handed over.</source>
        <translation>Salió: registre la llegada al puerto cuando se haga la entrega.</translation>
    </message>
    <message>
        <source>Open: scan each person at the door.</source>
        <translation>Abierto: escanee a cada persona en la puerta.</translation>
    </message>
    <message>
        <source>&amp;Seats on {trip} ({count})</source>
        <translation>A&amp;sientos en {trip} ({count})</translation>
    </message>
</context>
<context>
    <name>CheckStep</name>
    <message>
        <source>What the import would do</source>
        <translation>Lo que haría la importación</translation>
    </message>
    <message>
        <source>New people:</source>
        <translation>Personas nuevas:</translation>
    </message>
    <message>
        <source>People updated:</source>
        <translation>Personas actualizadas:</translation>
    </message>
    <message>
        <source>Left unchanged:</source>
        <translation>Sin cambios:</translation>
    </message>
    <message>
        <source>Rows rejected:</source>
        <translation>Filas rechazadas:</translation>
    </message>
    <message>
        <source>Rows in the file:</source>
        <translation>Filas en el archivo:</translation>
    </message>
    <message>
        <source>Words this list uses its own way</source>
        <translation>Palabras que esta lista usa a su manera</translation>
    </message>
    <message>
        <source>No rule knows these words, so their rows would be rejected. Say what each means, then check again.</source>
        <translation>Ninguna regla conoce estas palabras, así que sus filas se rechazarían. Indique qué significa cada una y luego revise de nuevo.</translation>
    </message>
    <message>
        <source>Check &amp;again (Ctrl+Enter)</source>
        <translation>Revisar de &amp;nuevo (Ctrl+Intro)</translation>
    </message>
    <message>
        <source>&amp;Back to the columns</source>
        <translation>Volver a las &amp;columnas</translation>
    </message>
    <message>
        <source>Why rows would be rejected:</source>
        <translation>Por qué se rechazarían filas:</translation>
    </message>
    <message>
        <source>• {count} rows, such as {example}</source>
        <translation>• {count} filas, por ejemplo: {example}</translation>
    </message>
    <message>
        <source>They will go to a rejects file beside the list, each with its reason, to correct and import again.</source>
        <translation>Irán a un archivo de rechazos junto a la lista, cada una con su motivo, para corregirlas e importarlas de nuevo.</translation>
    </message>
    <message>
        <source>&amp;Import 1 person</source>
        <translation>Importa&amp;r 1 persona</translation>
    </message>
    <message>
        <source>&amp;Import {count} people</source>
        <translation>Importa&amp;r {count} personas</translation>
    </message>
    <message>
        <source>Check again to use the words you chose.</source>
        <translation>Revise de nuevo para usar las palabras que eligió.</translation>
    </message>
    <message>
        <source>Rows with words left undecided will be rejected.</source>
        <translation>Se rechazarán las filas con palabras sin decidir.</translation>
    </message>
</context>
<context>
    <name>ClinicalReviewDialog</name>
    <message>
        <source>Choose cleared or isolation.</source>
        <translation>Elija Autorizado o Aislamiento.</translation>
    </message>
    <message>
        <source>Why: {reasons}</source>
        <translation>Motivo: {reasons}</translation>
    </message>
    <message>
        <source>Temperature: {celsius}</source>
        <translation>Temperatura: {celsius}</translation>
    </message>
    <message>
        <source>Temperature: {celsius} (entered {entered})</source>
        <translation>Temperatura: {celsius} (se anotó {entered})</translation>
    </message>
    <message>
        <source>Test: {result}</source>
        <translation>Prueba: {result}</translation>
    </message>
    <message>
        <source>Symptoms: {symptoms}</source>
        <translation>Síntomas: {symptoms}</translation>
    </message>
    <message>
        <source>Signs: {signs}</source>
        <translation>Signos: {signs}</translation>
    </message>
    <message>
        <source>Note: {note}</source>
        <translation>Nota: {note}</translation>
    </message>
    <message>
        <source>Clinical review</source>
        <translation>Revisión clínica</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decisión</translation>
    </message>
    <message>
        <source>&amp;Why</source>
        <translation>&amp;Motivo</translation>
    </message>
    <message>
        <source>What you saw and why you decided (required)</source>
        <translation>Qué observó y por qué lo decidió (obligatorio)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>ColumnsModel</name>
    <message>
        <source>Column in the file</source>
        <translation>Columna del archivo</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>Ejemplos</translation>
    </message>
    <message>
        <source>Is</source>
        <translation>Corresponde a</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— elija —</translation>
    </message>
    <message>
        <source>— leave out —</source>
        <translation>— omitir —</translation>
    </message>
    <message>
        <source>{field} (required)</source>
        <translation>{field} (obligatorio)</translation>
    </message>
    <message>
        <source>(empty in the first rows)</source>
        <translation>(vacía en las primeras filas)</translation>
    </message>
    <message>
        <source>Clash: also “{other}”</source>
        <translation>Conflicto: también «{other}»</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automático</translation>
    </message>
    <message>
        <source>Automatic (submission id)</source>
        <translation>Automático (id del envío)</translation>
    </message>
    <message>
        <source>Form metadata, left out</source>
        <translation>Metadatos del formulario, omitida</translation>
    </message>
    <message>
        <source>Repeated column, left out</source>
        <translation>Columna repetida, omitida</translation>
    </message>
    <message>
        <source>Needs you</source>
        <translation>Requiere su decisión</translation>
    </message>
    <message>
        <source>From the profile</source>
        <translation>Del perfil</translation>
    </message>
    <message>
        <source>Your choice</source>
        <translation>Su elección</translation>
    </message>
    <message>
        <source>The list has no registration id of its own: each form submission&apos;s id (_uuid) serves as one, so importing it again updates the same people.</source>
        <translation>La lista no tiene número de registro propio: el id de cada envío del formulario (_uuid) sirve como tal, así que al importarla de nuevo se actualizan las mismas personas.</translation>
    </message>
    <message>
        <source>Added by the form tool about the submission, not about the person.</source>
        <translation>Lo agrega la herramienta de formularios sobre el envío, no sobre la persona.</translation>
    </message>
    <message>
        <source>Another column already names this field: the first one is read.</source>
        <translation>Otra columna ya corresponde a este dato: se lee la primera.</translation>
    </message>
    <message>
        <source>No rule recognises this header: say what it is, or leave it out.</source>
        <translation>Ninguna regla reconoce este encabezado: indique qué es, u omítalo.</translation>
    </message>
    <message>
        <source>Two columns cannot be the same field: leave one of them out.</source>
        <translation>Dos columnas no pueden ser el mismo dato: omita una de ellas.</translation>
    </message>
</context>
<context>
    <name>ColumnsStep</name>
    <message>
        <source>Use a &amp;profile:</source>
        <translation>Usar un &amp;perfil:</translation>
    </message>
    <message>
        <source>&amp;Save this mapping as a profile named:</source>
        <translation>&amp;Guardar esta correspondencia como perfil con el nombre:</translation>
    </message>
    <message>
        <source>e.g. Kobo — Al Otro Lado registration</source>
        <translation>p. ej. Kobo — registro de Al Otro Lado</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Volver</translation>
    </message>
    <message>
        <source>Check the &amp;whole file (Ctrl+Enter)</source>
        <translation>Revisar &amp;todo el archivo (Ctrl+Intro)</translation>
    </message>
    <message>
        <source>— none: the rules alone —</source>
        <translation>— ninguno: solo las reglas —</translation>
    </message>
    <message>
        <source>Profile for these headers: {name}</source>
        <translation>Perfil para estos encabezados: {name}</translation>
    </message>
    <message>
        <source>No profile was made for these headers yet: the rules decided what they could.</source>
        <translation>Aún no hay un perfil para estos encabezados: las reglas decidieron lo que pudieron.</translation>
    </message>
    <message>
        <source>Required, and still without a column: {fields}.</source>
        <translation>Datos obligatorios aún sin columna: {fields}.</translation>
    </message>
    <message>
        <source>Two columns cannot both be {field}: {headers}. Leave one out.</source>
        <translation>No puede haber dos columnas de {field}: {headers}. Omita una.</translation>
    </message>
    <message>
        <source>Type a name for the profile, or untick “Save”.</source>
        <translation>Escriba un nombre para el perfil, o desmarque «Guardar».</translation>
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
    <name>ConflictsModel</name>
    <message>
        <source>Record</source>
        <translation>Registro</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <source>(blank)</source>
        <translation>(vacío)</translation>
    </message>
    <message>
        <source>{date} at {time}</source>
        <translation>{date} a las {time}</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>ConflictsPage</name>
    <message>
        <source>Kept {value} as {field} of {record}; the other desks receive it with their next sync.</source>
        <translation>Se conservó {value} como {field} de {record}; los demás equipos lo reciben en su próxima sincronización.</translation>
    </message>
    <message>
        <source>on this desk ({desk})</source>
        <translation>en este equipo ({desk})</translation>
    </message>
    <message>
        <source>on desk {desk}</source>
        <translation>en el equipo {desk}</translation>
    </message>
    <message>
        <source>Set by {user} on {date} at {time}, {where}</source>
        <translation>Puesto por {user} el {date} a las {time}, {where}</translation>
    </message>
    <message>
        <source>an unknown user</source>
        <translation>un usuario desconocido</translation>
    </message>
    <message>
        <source>{said} — shown on every desk until you choose</source>
        <translation>{said} — el que muestran todos los equipos hasta que usted elija</translation>
    </message>
    <message>
        <source>{field} of {record}</source>
        <translation>{field} de {record}</translation>
    </message>
    <message>
        <source>&amp;Keep the chosen value</source>
        <translation>&amp;Conservar el valor elegido</translation>
    </message>
    <message>
        <source>Two desks changed this field before either had the other&apos;s change. Choose the value to keep: it replaces the others on every desk.</source>
        <translation>Dos equipos cambiaron este campo antes de tener cada uno el cambio del otro. Elija el valor que se conserva: reemplaza a los demás en todos los equipos.</translation>
    </message>
    <message>
        <source>No conflicts to review</source>
        <translation>No hay conflictos por revisar</translation>
    </message>
    <message>
        <source>A conflict is a field changed on two desks before they synced: both values are kept, every desk shows the same one, and a coordinator chooses here.</source>
        <translation>Un conflicto es un campo cambiado en dos equipos antes de que se sincronizaran: se guardan ambos valores, todos los equipos muestran el mismo y un coordinador elige aquí.</translation>
    </message>
    <message>
        <source>Conflicts between desks waiting for review: {count}</source>
        <translation>Conflictos entre equipos por revisar: {count}</translation>
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
    <name>DataDeskWorkspace</name>
    <message>
        <source>Import a list (F5)</source>
        <translation>Importar una lista (F5)</translation>
    </message>
    <message>
        <source>Possible duplicates: {count} (F6)</source>
        <translation>Posibles duplicados: {count} (F6)</translation>
    </message>
    <message>
        <source>Possible duplicates (F6)</source>
        <translation>Posibles duplicados (F6)</translation>
    </message>
    <message>
        <source>Exports and backups (F7)</source>
        <translation>Exportaciones y respaldos (F7)</translation>
    </message>
    <message>
        <source>Conflicts: {count} (F8)</source>
        <translation>Conflictos: {count} (F8)</translation>
    </message>
    <message>
        <source>Conflicts (F8)</source>
        <translation>Conflictos (F8)</translation>
    </message>
</context>
<context>
    <name>DuplicatePairsModel</name>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Registrations</source>
        <translation>Registros</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Nacimiento</translation>
    </message>
    <message>
        <source>Alike</source>
        <translation>Similitud</translation>
    </message>
    <message>
        <source>{score} %</source>
        <translation>{score} %</translation>
    </message>
    <message>
        <source>Found on {date}</source>
        <translation>Detectado el {date}</translation>
    </message>
</context>
<context>
    <name>DuplicatesPage</name>
    <message>
        <source>Not the same person: {first} and {second} stay apart.</source>
        <translation>No es la misma persona: {first} y {second} siguen separados.</translation>
    </message>
    <message>
        <source>Merged: {other} now finds {kept}.</source>
        <translation>Fusionados: al buscar {other} ahora aparece {kept}.</translation>
    </message>
    <message>
        <source>Kept: {name} ({registration}).</source>
        <translation>Se conserva: {name} ({registration}).</translation>
    </message>
    <message>
        <source>Values taken from {registration}:</source>
        <translation>Valores tomados de {registration}:</translation>
    </message>
    <message>
        <source>No value is taken from {registration}.</source>
        <translation>No se toma ningún valor de {registration}.</translation>
    </message>
    <message>
        <source>Every check-in, screening, form, wristband and seat of both registrations stays with the person kept; {registration} will still find them.</source>
        <translation>Todas las llegadas, evaluaciones de salud, formularios, brazaletes y asientos de los dos registros quedan con la persona que se conserva; al buscar {registration} se le seguirá encontrando.</translation>
    </message>
    <message>
        <source>Merge {other} into {kept}?</source>
        <translation>¿Fusionar {other} en {kept}?</translation>
    </message>
    <message>
        <source>&amp;Merge</source>
        <translation>&amp;Fusionar</translation>
    </message>
    <message>
        <source>Both registrations already have records</source>
        <translation>Los dos registros ya tienen historial</translation>
    </message>
    <message>
        <source>Merge &amp;anyway</source>
        <translation>Fusionar de &amp;todos modos</translation>
    </message>
    <message>
        <source>Same person: merge</source>
        <translation>Es la misma persona: fusionar</translation>
    </message>
    <message>
        <source>&amp;Not the same person</source>
        <translation>&amp;No es la misma persona</translation>
    </message>
    <message>
        <source>&amp;Same person: merge…</source>
        <translation>Es la misma persona: &amp;fusionar…</translation>
    </message>
    <message>
        <source>No possible duplicates to review</source>
        <translation>No hay posibles duplicados por revisar</translation>
    </message>
    <message>
        <source>Choose the registration to keep, then, on each field marked ≠, the value to keep. A merge keeps every fact of both registrations.</source>
        <translation>Elija el registro que se conserva y luego, en cada dato marcado con ≠, el valor que se conserva. Al fusionar no se pierde nada de lo anotado en los dos registros.</translation>
    </message>
    <message>
        <source>Possible duplicates waiting for review: {count}</source>
        <translation>Posibles duplicados en espera de revisión: {count}</translation>
    </message>
    <message>
        <source>Found on {date}: alike names ({score} %), same birth date. {count} fields differ.</source>
        <translation>Detectado el {date}: nombres parecidos ({score} %), misma fecha de nacimiento. {count} datos son diferentes.</translation>
    </message>
</context>
<context>
    <name>EnrollmentDialog</name>
    <message>
        <source>Create an enrollment file</source>
        <translation>Crear un archivo de inscripción</translation>
    </message>
    <message>
        <source>Passp&amp;hrase</source>
        <translation>&amp;Frase de contraseña</translation>
    </message>
    <message>
        <source>A&amp;gain</source>
        <translation>Otra &amp;vez</translation>
    </message>
    <message>
        <source>At least {count} characters; a few unrelated words are easy to dictate. The file holds the hub&apos;s address and the keys that open every change of the site: give the passphrase to the new laptop&apos;s administrator separately, never with the file.</source>
        <translation>Al menos {count} caracteres; unas palabras sin relación son fáciles de dictar. El archivo contiene la dirección del servidor y las claves que abren todos los cambios del sitio: dé la frase de contraseña al administrador del nuevo equipo por separado, nunca junto con el archivo.</translation>
    </message>
    <message>
        <source>The two passphrases differ: type the same one twice.</source>
        <translation>Las dos frases de contraseña no coinciden: escriba la misma dos veces.</translation>
    </message>
    <message>
        <source>Enrollment files (*{suffix})</source>
        <translation>Archivos de inscripción (*{suffix})</translation>
    </message>
</context>
<context>
    <name>Eoir33Editor</name>
    <message>
        <source>(none given)</source>
        <translation>(no indica ninguna)</translation>
    </message>
    <message>
        <source>The registration list says “{court}”, and no single court fits it: pick the court where the case is pending.</source>
        <translation>La lista de registro dice «{court}» y no corresponde a una sola corte: elija la corte donde está pendiente el caso.</translation>
    </message>
    <message>
        <source>The registration list names no court: pick the court where the case is pending.</source>
        <translation>La lista de registro no indica ninguna corte: elija la corte donde está pendiente el caso.</translation>
    </message>
    <message>
        <source>Follows the current court</source>
        <translation>Depende de la corte actual</translation>
    </message>
    <message>
        <source>Proposed once the new address has a valid ZIP code</source>
        <translation>Se propone cuando la nueva dirección tenga un código postal válido</translation>
    </message>
    <message>
        <source>{court}, {distance} from the new address</source>
        <translation>{court}, a {distance} de la nueva dirección</translation>
    </message>
    <message>
        <source>Why not the nearest court?</source>
        <translation>¿Por qué no la corte más cercana?</translation>
    </message>
    <message>
        <source>Needed only when another court is chosen</source>
        <translation>Solo se necesita si se elige otra corte</translation>
    </message>
    <message>
        <source>— Pick the court where the case is pending —</source>
        <translation>— Elija la corte donde está pendiente el caso —</translation>
    </message>
    <message>
        <source>— Not chosen —</source>
        <translation>— Sin elegir —</translation>
    </message>
    <message>
        <source>Name and A-number</source>
        <translation>Nombre y número A</translation>
    </message>
    <message>
        <source>My CURRENT address and phone number are</source>
        <translation>Mi dirección y número de teléfono ACTUALES son</translation>
    </message>
    <message>
        <source>My FORMER address and phone number were</source>
        <translation>Mi dirección y número de teléfono ANTERIORES eran</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>Courts</source>
        <translation>Cortes</translation>
    </message>
    <message>
        <source>Last na&amp;me (both surnames)</source>
        <translation>A&amp;pellidos (ambos)</translation>
    </message>
    <message>
        <source>Fi&amp;rst name</source>
        <translation>&amp;Nombre</translation>
    </message>
    <message>
        <source>Middle name</source>
        <translation>Segundo nombre</translation>
    </message>
    <message>
        <source>Suffix</source>
        <translation>Sufijo</translation>
    </message>
    <message>
        <source>A-number</source>
        <translation>Número A</translation>
    </message>
    <message>
        <source>In care of (other person, if any)</source>
        <translation>A cargo de (otra persona, si la hay)</translation>
    </message>
    <message>
        <source>Number and s&amp;treet</source>
        <translation>Número y ca&amp;lle</translation>
    </message>
    <message>
        <source>Apartment</source>
        <translation>Departamento</translation>
    </message>
    <message>
        <source>C&amp;ity</source>
        <translation>Ciu&amp;dad</translation>
    </message>
    <message>
        <source>Stat&amp;e</source>
        <translation>Es&amp;tado</translation>
    </message>
    <message>
        <source>&amp;ZIP code</source>
        <translation>&amp;Código postal</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Number and street</source>
        <translation>Número y calle</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ciudad</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>Código postal</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>País</translation>
    </message>
    <message>
        <source>Date si&amp;gned</source>
        <translation>Fecha de &amp;firma</translation>
    </message>
    <message>
        <source>A 123-456-789</source>
        <translation>A 123-456-789</translation>
    </message>
    <message>
        <source>TX or Texas</source>
        <translation>TX o Texas</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>AAAA-MM-DD</translation>
    </message>
    <message>
        <source>Toda&amp;y</source>
        <translation>Ho&amp;y</translation>
    </message>
    <message>
        <source>Court on the registration list</source>
        <translation>Corte en la lista de registro</translation>
    </message>
    <message>
        <source>C&amp;urrent court (the form is filed here)</source>
        <translation>Corte act&amp;ual (aquí se presenta el formulario)</translation>
    </message>
    <message>
        <source>ICE office served (OPLA)</source>
        <translation>Oficina de OPLA de ICE a la que se entrega</translation>
    </message>
    <message>
        <source>Nearest court to the new address</source>
        <translation>Corte más cercana a la nueva dirección</translation>
    </message>
    <message>
        <source>Recei&amp;ving court</source>
        <translation>Co&amp;rte de destino</translation>
    </message>
    <message>
        <source>Reas&amp;on for another court</source>
        <translation>Moti&amp;vo para elegir otra corte</translation>
    </message>
</context>
<context>
    <name>ExportsPage</name>
    <message>
        <source>Export people for a partner</source>
        <translation>Exportar personas para una organización aliada</translation>
    </message>
    <message>
        <source>One file with everyone&apos;s registration, case and contact details, eligibility and stage, for UNHCR or IOM. Vulnerabilities and notes are left out.</source>
        <translation>Un archivo con los datos de registro, caso y contacto de todas las personas, su elegibilidad y su etapa, para ACNUR u OIM. No incluye las vulnerabilidades ni las notas.</translation>
    </message>
    <message>
        <source>F&amp;ormat</source>
        <translation>F&amp;ormato</translation>
    </message>
    <message>
        <source>CSV (opens in Excel)</source>
        <translation>CSV (se abre en Excel)</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Protection</source>
        <translation>Protección</translation>
    </message>
    <message>
        <source>&amp;Encrypted with a passphrase (recommended)</source>
        <translation>&amp;Cifrado con una frase de contraseña (recomendado)</translation>
    </message>
    <message>
        <source>&amp;Plaintext (unencrypted)</source>
        <translation>&amp;Sin cifrar (texto plano)</translation>
    </message>
    <message>
        <source>Passp&amp;hrase</source>
        <translation>&amp;Frase de contraseña</translation>
    </message>
    <message>
        <source>A&amp;gain</source>
        <translation>Otra &amp;vez</translation>
    </message>
    <message>
        <source>At least {count} characters; a few unrelated words are easy to dictate. Give the passphrase to the partner separately, never with the file.</source>
        <translation>Al menos {count} caracteres; unas cuantas palabras sin relación entre sí son fáciles de dictar. Entregue la frase de contraseña a la organización aliada por separado, nunca junto con el archivo.</translation>
    </message>
    <message>
        <source>⚠ Anyone with this file can read it. Export unencrypted only for a partner who cannot open an encrypted file, and delete the file once delivered.</source>
        <translation>⚠ Cualquier persona que tenga este archivo puede leerlo. Exporte sin cifrar solo para una organización aliada que no pueda abrir un archivo cifrado, y borre el archivo en cuanto lo entregue.</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>E&amp;xportar…</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Respaldos</translation>
    </message>
    <message>
        <source>Automatic backups stay on this laptop. Only a copy on another drive (a USB stick kept elsewhere) protects against a lost or stolen laptop.</source>
        <translation>Los respaldos automáticos se quedan en esta computadora. Solo una copia en otra unidad (una memoria USB guardada en otro lugar) protege contra la pérdida o el robo de la computadora.</translation>
    </message>
    <message>
        <source>Automatic backups folder: {folder}</source>
        <translation>Carpeta de respaldos automáticos: {folder}</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>&amp;Respaldar ahora</translation>
    </message>
    <message>
        <source>Into the automatic backups folder</source>
        <translation>En la carpeta de respaldos automáticos</translation>
    </message>
    <message>
        <source>Back up to a &amp;folder (USB stick)…</source>
        <translation>Respaldar en una c&amp;arpeta (memoria USB)…</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>Restaurar un respaldo</translation>
    </message>
    <message>
        <source>Replaces the site&apos;s database with a backup; the current database is kept aside. Give the user name and password an administrator had when the backup was made. Everyone logs in again afterwards, with the users and passwords of the backup&apos;s date.</source>
        <translation>Reemplaza la base de datos del sitio por un respaldo; la base actual se guarda aparte. Escriba el usuario y la contraseña que tenía un administrador cuando se hizo el respaldo. Después todos vuelven a iniciar sesión, con los usuarios y contraseñas de la fecha del respaldo.</translation>
    </message>
    <message>
        <source>Bac&amp;kup file</source>
        <translation>Arc&amp;hivo de respaldo</translation>
    </message>
    <message>
        <source>Choo&amp;se…</source>
        <translation>&amp;Elegir…</translation>
    </message>
    <message>
        <source>Administrator&apos;s &amp;user name</source>
        <translation>&amp;Usuario del administrador</translation>
    </message>
    <message>
        <source>Pass&amp;word in the backup</source>
        <translation>Contraseña en el res&amp;paldo</translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation>Res&amp;taurar…</translation>
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
        <source>Writing the export…</source>
        <translation>Escribiendo la exportación…</translation>
    </message>
    <message>
        <source>The two passphrases differ: type the same one twice.</source>
        <translation>Las dos frases de contraseña no coinciden: escriba la misma dos veces.</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>Archivos JSON (*.json)</translation>
    </message>
    <message>
        <source>Encrypted exports (*{suffix})</source>
        <translation>Exportaciones cifradas (*{suffix})</translation>
    </message>
    <message>
        <source>Export people</source>
        <translation>Exportar personas</translation>
    </message>
    <message>
        <source>Export without encryption</source>
        <translation>Exportar sin cifrar</translation>
    </message>
    <message>
        <source>{file} will NOT be encrypted: anyone with this file can read the names, A-numbers and contact details of everyone at the site. Write it anyway?</source>
        <translation>{file} NO estará cifrado: cualquier persona que tenga este archivo puede leer los nombres, números A y datos de contacto de todas las personas del sitio. ¿Escribirlo de todos modos?</translation>
    </message>
    <message>
        <source>Encrypted export of {count} people written in {folder}:
{name}
Give the passphrase to the partner separately, never with the file.</source>
        <translation>Exportación cifrada de {count} personas escrita en {folder}:
{name}
Entregue la frase de contraseña a la organización aliada por separado, nunca junto con el archivo.</translation>
    </message>
    <message>
        <source>UNENCRYPTED export of {count} people written in {folder}:
{name}
Anyone with this file can read it: delete it once delivered.</source>
        <translation>Exportación SIN CIFRAR de {count} personas escrita en {folder}:
{name}
Cualquier persona que tenga este archivo puede leerlo: bórrelo en cuanto lo entregue.</translation>
    </message>
    <message>
        <source>Back up to a folder (USB stick)</source>
        <translation>Respaldar en una carpeta (memoria USB)</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>Respaldando…</translation>
    </message>
    <message>
        <source>Backup saved in {folder}:
{name}
Keep {keys} with it: without it the backup cannot be opened.</source>
        <translation>Respaldo guardado en {folder}:
{name}
Guarde {keys} junto con él: sin ese archivo no se puede abrir el respaldo.</translation>
    </message>
    <message>
        <source>Choose a backup</source>
        <translation>Elegir un respaldo</translation>
    </message>
    <message>
        <source>Backups ({pattern});;All files (*)</source>
        <translation>Respaldos ({pattern});;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Choose the backup file first.</source>
        <translation>Primero elija el archivo de respaldo.</translation>
    </message>
    <message>
        <source>Type the user name and password of an administrator as they were in the backup.</source>
        <translation>Escriba el usuario y la contraseña de un administrador tal como eran en el respaldo.</translation>
    </message>
    <message>
        <source>Another task (a backup, an export, an import or a sync) is running: restore once it has finished.</source>
        <translation>Hay otra tarea en curso (un respaldo, una exportación, una importación o una sincronización): restaure cuando haya terminado.</translation>
    </message>
    <message>
        <source>The site&apos;s database will be replaced by the backup {backup}. Everything recorded since that backup was made leaves the site (the current database is kept aside, and where is said afterwards). Everyone must log in again, with the users and passwords of the backup&apos;s date. Replace the database?</source>
        <translation>La base de datos del sitio será reemplazada por el respaldo {backup}. Todo lo registrado después de hacer ese respaldo sale del sitio (la base actual se guarda aparte, y después se indica dónde). Todos deberán iniciar sesión de nuevo, con los usuarios y contraseñas de la fecha del respaldo. ¿Reemplazar la base de datos?</translation>
    </message>
    <message>
        <source>Restoring the backup…</source>
        <translation>Restaurando el respaldo…</translation>
    </message>
    <message>
        <source>Restoring {backup}… The desk is closed until it is done.</source>
        <translation>Restaurando {backup}… El mostrador queda cerrado hasta que termine.</translation>
    </message>
    <message>
        <source>The backup {backup} is now the site&apos;s database.</source>
        <translation>El respaldo {backup} es ahora la base de datos del sitio.</translation>
    </message>
    <message>
        <source>The previous database was kept as {replaced}.</source>
        <translation>La base de datos anterior se guardó como {replaced}.</translation>
    </message>
    <message>
        <source>Users and passwords are those of the backup&apos;s date: log in again.</source>
        <translation>Los usuarios y las contraseñas son los de la fecha del respaldo: inicie sesión de nuevo.</translation>
    </message>
    <message>
        <source>Backup restored</source>
        <translation>Respaldo restaurado</translation>
    </message>
</context>
<context>
    <name>FileRowsModel</name>
    <message>
        <source>{header}
HXL tag: {tag}</source>
        <translation>{header}
Etiqueta HXL: {tag}</translation>
    </message>
</context>
<context>
    <name>FileStep</name>
    <message>
        <source>Choose a registration list (CSV or Excel, as a partner or KoboToolbox exports it). Nothing is imported until the last step.</source>
        <translation>Elija una lista de registro (CSV o Excel, tal como la exporta una organización aliada o KoboToolbox). No se importa nada hasta el último paso.</translation>
    </message>
    <message>
        <source>&amp;Choose a file… (Ctrl+O)</source>
        <translation>&amp;Elegir un archivo… (Ctrl+O)</translation>
    </message>
    <message>
        <source>How the file was read</source>
        <translation>Cómo se leyó el archivo</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Archivo:</translation>
    </message>
    <message>
        <source>Encoding:</source>
        <translation>Codificación:</translation>
    </message>
    <message>
        <source>Delimiter:</source>
        <translation>Separador:</translation>
    </message>
    <message>
        <source>Worksheet:</source>
        <translation>Hoja:</translation>
    </message>
    <message>
        <source>Header row:</source>
        <translation>Fila de encabezados:</translation>
    </message>
    <message>
        <source>The first rows, as read:</source>
        <translation>Las primeras filas, tal como se leyeron:</translation>
    </message>
    <message>
        <source>&amp;Next: the columns</source>
        <translation>&amp;Siguiente: las columnas</translation>
    </message>
    <message>
        <source>— (Excel workbook)</source>
        <translation>— (libro de Excel)</translation>
    </message>
    <message>
        <source>— (text file)</source>
        <translation>— (archivo de texto)</translation>
    </message>
    <message>
        <source>HXL tag row found (row {row}), not imported.</source>
        <translation>Se encontró una fila de etiquetas HXL (fila {row}); no se importa.</translation>
    </message>
    <message>
        <source>UTF-8</source>
        <translation>UTF-8</translation>
    </message>
    <message>
        <source>UTF-8 (with a byte-order mark)</source>
        <translation>UTF-8 (con marca de orden de bytes)</translation>
    </message>
    <message>
        <source>UTF-16</source>
        <translation>UTF-16</translation>
    </message>
    <message>
        <source>Windows-1252 (older Excel)</source>
        <translation>Windows-1252 (Excel antiguo)</translation>
    </message>
    <message>
        <source>comma ,</source>
        <translation>coma ,</translation>
    </message>
    <message>
        <source>semicolon ;</source>
        <translation>punto y coma ;</translation>
    </message>
    <message>
        <source>tab</source>
        <translation>tabulador</translation>
    </message>
    <message>
        <source>vertical bar |</source>
        <translation>barra vertical |</translation>
    </message>
</context>
<context>
    <name>FollowUpDialog</name>
    <message>
        <source>Type the temperature as a number, for example 36.8</source>
        <translation>Escriba la temperatura como número, por ejemplo 36.8</translation>
    </message>
    <message>
        <source>Say whether the symptoms are improving</source>
        <translation>Indique si los síntomas están mejorando</translation>
    </message>
    <message>
        <source>Not saved: {problem}</source>
        <translation>No se guardó: {problem}</translation>
    </message>
    <message>
        <source>Daily follow-up</source>
        <translation>Seguimiento diario</translation>
    </message>
    <message>
        <source>Follow-up of {name}</source>
        <translation>Seguimiento de {name}</translation>
    </message>
    <message>
        <source>&amp;Temperature</source>
        <translation>&amp;Temperatura</translation>
    </message>
    <message>
        <source>&amp;Felt feverish since the last follow-up</source>
        <translation>Sensación de &amp;fiebre desde el último seguimiento</translation>
    </message>
    <message>
        <source>Fever &amp;medicine taken in the last 24 hours</source>
        <translation>Tomó &amp;medicamento para la fiebre en las últimas 24 horas</translation>
    </message>
    <message>
        <source>Symptoms today</source>
        <translation>Síntomas de hoy</translation>
    </message>
    <message>
        <source>Are the symptoms improving?</source>
        <translation>¿Los síntomas están mejorando?</translation>
    </message>
    <message>
        <source>&amp;Yes, improving</source>
        <translation>&amp;Sí, mejoran</translation>
    </message>
    <message>
        <source>N&amp;o, not improving</source>
        <translation>N&amp;o, no mejoran</translation>
    </message>
    <message>
        <source>No sym&amp;ptoms</source>
        <translation>S&amp;in síntomas</translation>
    </message>
    <message>
        <source>Emergency warning signs</source>
        <translation>Signos de alarma</translation>
    </message>
    <message>
        <source>Urgent referral: call for medical care now</source>
        <translation>Referencia urgente: pida atención médica de inmediato</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>&amp;Nota</translation>
    </message>
</context>
<context>
    <name>HealthCounts</name>
    <message>
        <source>no test read yet</source>
        <translation>aún sin pruebas leídas</translation>
    </message>
    <message>
        <source>positivity {rate} %</source>
        <translation>positividad {rate} %</translation>
    </message>
    <message>
        <source>Today: screened {screened} · positive {positive} ({positivity}) · in isolation {isolated} · released {released}</source>
        <translation>Hoy: evaluados {screened} · positivos {positive} ({positivity}) · en aislamiento {isolated} · dados de alta {released}</translation>
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
    <name>HouseholdsModel</name>
    <message>
        <source>Household</source>
        <translation>Hogar</translation>
    </message>
    <message>
        <source>People and seats</source>
        <translation>Personas y asientos</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Fijado</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Fijado</translation>
    </message>
    <message>
        <source>Boarded {count} of {size}</source>
        <translation>A bordo {count} de {size}</translation>
    </message>
    <message>
        <source>Planned, {size} seat(s)</source>
        <translation>Planeado, {size} asiento(s)</translation>
    </message>
</context>
<context>
    <name>HubSetUpDialog</name>
    <message>
        <source>Set up a sync hub</source>
        <translation>Configurar un servidor de sincronización</translation>
    </message>
    <message>
        <source>Hub &amp;address</source>
        <translation>&amp;Dirección del servidor</translation>
    </message>
    <message>
        <source>&amp;Site name at the hub</source>
        <translation>Nombre del &amp;sitio en el servidor</translation>
    </message>
    <message>
        <source>The address is a PostgreSQL connection string; it may hold the hub&apos;s password, which stays in this desk&apos;s encrypted database and is never shown. The hub&apos;s tables are made if missing, and this site and this desk are registered there. The other desks of the site join with an enrollment file.</source>
        <translation>La dirección es una cadena de conexión de PostgreSQL; puede contener la contraseña del servidor, que queda en la base de datos cifrada de este equipo y nunca se muestra. Se crean las tablas del servidor si faltan, y se registran allí este sitio y este equipo. Los demás equipos del sitio se unen con un archivo de inscripción.</translation>
    </message>
    <message>
        <source>Type the hub&apos;s address first.</source>
        <translation>Escriba primero la dirección del servidor.</translation>
    </message>
    <message>
        <source>Type the site&apos;s name at the hub first.</source>
        <translation>Escriba primero el nombre del sitio en el servidor.</translation>
    </message>
</context>
<context>
    <name>ImportNotes</name>
    <message>
        <source>• 1 row is of a registration merged into another person: left as it is.</source>
        <translation>• 1 fila es de un registro fusionado con otra persona: se deja como está.</translation>
    </message>
    <message>
        <source>• {count} rows are of registrations merged into another person: left as they are.</source>
        <translation>• {count} filas son de registros fusionados con otra persona: se dejan como están.</translation>
    </message>
    <message>
        <source>• Columns read with the profile “{name}”.</source>
        <translation>• Columnas leídas con el perfil «{name}».</translation>
    </message>
    <message>
        <source>• The form&apos;s submission id ({column}) serves as the registration id.</source>
        <translation>• El id del envío del formulario ({column}) sirve como número de registro.</translation>
    </message>
    <message>
        <source>• Columns no rule recognises, left out: {columns}.</source>
        <translation>• Columnas que ninguna regla reconoce, omitidas: {columns}.</translation>
    </message>
    <message>
        <source>• Repeated columns, left out: {columns}.</source>
        <translation>• Columnas repetidas, omitidas: {columns}.</translation>
    </message>
    <message>
        <source>• 1 column left out (form metadata, or as you chose).</source>
        <translation>• 1 columna omitida (metadatos del formulario, o por su elección).</translation>
    </message>
    <message>
        <source>• {count} columns left out (form metadata, or as you chose).</source>
        <translation>• {count} columnas omitidas (metadatos del formulario, o por su elección).</translation>
    </message>
</context>
<context>
    <name>ImportPage</name>
    <message>
        <source>Choose a registration list</source>
        <translation>Elegir una lista de registro</translation>
    </message>
    <message>
        <source>Registration lists ({types});;All files (*)</source>
        <translation>Listas de registro ({types});;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>The check was stopped.</source>
        <translation>Se detuvo la revisión.</translation>
    </message>
</context>
<context>
    <name>ImportProgress</name>
    <message>
        <source>Cancel (Esc)</source>
        <translation>Cancelar (Esc)</translation>
    </message>
    <message>
        <source>Checking rows: {done} of {total}</source>
        <translation>Revisando filas: {done} de {total}</translation>
    </message>
    <message>
        <source>Checking rows: {done}</source>
        <translation>Revisando filas: {done}</translation>
    </message>
    <message>
        <source>Writing people: {done} of {total}</source>
        <translation>Guardando personas: {done} de {total}</translation>
    </message>
    <message>
        <source>Writing people: {done}</source>
        <translation>Guardando personas: {done}</translation>
    </message>
    <message>
        <source>Comparing with the site: {done} of {total}</source>
        <translation>Comparando con el sitio: {done} de {total}</translation>
    </message>
    <message>
        <source>Comparing with the site: {done}</source>
        <translation>Comparando con el sitio: {done}</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Deteniendo…</translation>
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
    <name>IsolationActionDialog</name>
    <message>
        <source>Not saved: {problem}</source>
        <translation>No se guardó: {problem}</translation>
    </message>
</context>
<context>
    <name>IsolationBoardModel</name>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Hogar</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Lugar</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Día</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>Días restantes</translation>
    </message>
    <message>
        <source>Release from</source>
        <translation>Alta desde</translation>
    </message>
    <message>
        <source>Last follow-up</source>
        <translation>Último seguimiento</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Seguimiento</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>Alta</translation>
    </message>
    <message>
        <source>not assigned</source>
        <translation>sin asignar</translation>
    </message>
    <message>
        <source>{day} of {days}</source>
        <translation>{day} de {days}</translation>
    </message>
    <message>
        <source>Overdue 1 day</source>
        <translation>Atrasado 1 día</translation>
    </message>
    <message>
        <source>Overdue {count} days</source>
        <translation>Atrasado {count} días</translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>Pendiente hoy</translation>
    </message>
    <message>
        <source>Done today</source>
        <translation>Hecho hoy</translation>
    </message>
    <message>
        <source>Urgent referral</source>
        <translation>Referencia urgente</translation>
    </message>
    <message>
        <source>Release candidate</source>
        <translation>Puede darse de alta</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>ninguno aún</translation>
    </message>
</context>
<context>
    <name>IsolationWorkspace</name>
    <message>
        <source>Nobody chosen on the board.</source>
        <translation>No hay nadie elegido en el tablero.</translation>
    </message>
    <message>
        <source>{name} · day {day} of {days} · release from {date}</source>
        <translation>{name} · día {day} de {days} · alta a partir del {date}</translation>
    </message>
    <message>
        <source>May be released: every criterion is met.</source>
        <translation>Puede darse de alta: cumple todos los criterios.</translation>
    </message>
    <message>
        <source>Not released yet: {why}</source>
        <translation>Todavía no puede darse de alta: {why}</translation>
    </message>
    <message>
        <source>Choose someone on the board first.</source>
        <translation>Primero elija a alguien en el tablero.</translation>
    </message>
    <message>
        <source>Urgent referral for {name}: call for medical care now.</source>
        <translation>Referencia urgente para {name}: pida atención médica de inmediato.</translation>
    </message>
    <message>
        <source>Follow-up of {name} saved.</source>
        <translation>Seguimiento de {name} guardado.</translation>
    </message>
    <message>
        <source>{name} released from isolation. Re-screening is next.</source>
        <translation>Se dio de alta del aislamiento a {name}. Lo siguiente es la reevaluación.</translation>
    </message>
    <message>
        <source>The clinician&apos;s assessment of {name} is saved.</source>
        <translation>Se guardó la valoración médica de {name}.</translation>
    </message>
    <message>
        <source>Isolation place of {name} saved.</source>
        <translation>Se guardó el lugar de aislamiento de {name}.</translation>
    </message>
    <message>
        <source>&amp;Follow-up… (Ctrl+F)</source>
        <translation>&amp;Seguimiento… (Ctrl+F)</translation>
    </message>
    <message>
        <source>Record today&apos;s follow-up of the chosen person</source>
        <translation>Registrar el seguimiento de hoy de la persona elegida</translation>
    </message>
    <message>
        <source>&amp;Release (Ctrl+R)</source>
        <translation>&amp;Dar de alta (Ctrl+R)</translation>
    </message>
    <message>
        <source>Severe illness (&amp;clinician)… (Ctrl+G)</source>
        <translation>&amp;Enfermedad grave (médico)… (Ctrl+G)</translation>
    </message>
    <message>
        <source>A clinician&apos;s assessment: severe illness keeps someone isolated longer</source>
        <translation>Valoración médica: una enfermedad grave prolonga el aislamiento</translation>
    </message>
    <message>
        <source>Assign &amp;place… (Ctrl+P)</source>
        <translation>Asignar &amp;lugar… (Ctrl+P)</translation>
    </message>
    <message>
        <source>&amp;Timeline… (Ctrl+T, Enter)</source>
        <translation>&amp;Historial… (Ctrl+T, Intro)</translation>
    </message>
    <message>
        <source>Screenings, isolations and follow-ups of the chosen person, oldest first</source>
        <translation>Evaluaciones, aislamientos y seguimientos de la persona elegida, del más antiguo al más reciente</translation>
    </message>
    <message>
        <source>&amp;All ({count})</source>
        <translation>&amp;Todos ({count})</translation>
    </message>
    <message>
        <source>D&amp;ue today ({count})</source>
        <translation>&amp;Pendientes hoy ({count})</translation>
    </message>
    <message>
        <source>Release ca&amp;ndidates ({count})</source>
        <translation>Listos para &amp;alta ({count})</translation>
    </message>
    <message>
        <source>Everyone in isolation on {date}: urgent and overdue first</source>
        <translation>Todas las personas en aislamiento el {date}: primero las urgentes y las atrasadas</translation>
    </message>
    <message>
        <source>Follow-up due or overdue on {date}</source>
        <translation>Seguimiento pendiente o atrasado el {date}</translation>
    </message>
    <message>
        <source>Every release criterion met on {date}</source>
        <translation>Cumplen todos los criterios de alta el {date}</translation>
    </message>
</context>
<context>
    <name>KitTimer</name>
    <message>
        <source>Timer not started
Start it when the specimen is on the device</source>
        <translation>Temporizador sin iniciar
Inícielo al poner la muestra en el dispositivo</translation>
    </message>
    <message>
        <source>{minutes} min since the test started
Pick the kit lot</source>
        <translation>{minutes} min desde que inició la prueba
Elija el lote</translation>
    </message>
    <message>
        <source>Read at {start} min (not after {end})</source>
        <translation>Leer a los {start} min (no después de {end})</translation>
    </message>
    <message>
        <source>{minutes} min — READ NOW</source>
        <translation>{minutes} min — LEA AHORA</translation>
    </message>
    <message>
        <source>{minutes} min — TOO LATE: test again</source>
        <translation>{minutes} min — DEMASIADO TARDE: repita la prueba</translation>
    </message>
    <message>
        <source>{minutes} min — wait</source>
        <translation>{minutes} min — espere</translation>
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
        <source>Screening</source>
        <translation>Evaluación de salud</translation>
    </message>
    <message>
        <source>Isolation</source>
        <translation>Aislamiento</translation>
    </message>
    <message>
        <source>Paperwork</source>
        <translation>Trámites</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>Transporte</translation>
    </message>
    <message>
        <source>Data desk</source>
        <translation>Datos</translation>
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
        <source>S&amp;ync now</source>
        <translation>Sincroni&amp;zar ahora</translation>
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
    <name>MedicalSuppliesDialog</name>
    <message>
        <source>{start}–{end} min</source>
        <translation>{start}–{end} min</translation>
    </message>
    <message>
        <source>within {minutes} min</source>
        <translation>antes de {minutes} min</translation>
    </message>
    <message>
        <source>EXPIRED</source>
        <translation>CADUCADO</translation>
    </message>
    <message>
        <source>Kit type “{name}” added.</source>
        <translation>Tipo de prueba «{name}» agregado.</translation>
    </message>
    <message>
        <source>Add the kit type first.</source>
        <translation>Primero agregue el tipo de prueba.</translation>
    </message>
    <message>
        <source>Lot {number} added.</source>
        <translation>Lote {number} agregado.</translation>
    </message>
    <message>
        <source>Select the lot to extend in the list.</source>
        <translation>Seleccione en la lista el lote que va a extender.</translation>
    </message>
    <message>
        <source>Lot {number} extended.</source>
        <translation>Se extendió la caducidad del lote {number}.</translation>
    </message>
    <message>
        <source>Place “{name}” added.</source>
        <translation>Lugar «{name}» agregado.</translation>
    </message>
    <message>
        <source>Test kits and isolation places</source>
        <translation>Pruebas y lugares de aislamiento</translation>
    </message>
    <message>
        <source>Kit types</source>
        <translation>Tipos de prueba</translation>
    </message>
    <message>
        <source>Lots</source>
        <translation>Lotes</translation>
    </message>
    <message>
        <source>Isolation places</source>
        <translation>Lugares de aislamiento</translation>
    </message>
    <message>
        <source>Kit</source>
        <translation>Prueba</translation>
    </message>
    <message>
        <source>Read window</source>
        <translation>Tiempo de lectura</translation>
    </message>
    <message>
        <source>Test the specimen</source>
        <translation>Procesar la muestra</translation>
    </message>
    <message>
        <source>Add a kit type</source>
        <translation>Agregar un tipo de prueba</translation>
    </message>
    <message>
        <source>&amp;Kit</source>
        <translation>&amp;Prueba</translation>
    </message>
    <message>
        <source>Another kit…</source>
        <translation>Otra prueba…</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Nombre</translation>
    </message>
    <message>
        <source>Read from (min)</source>
        <translation>Leer desde (min)</translation>
    </message>
    <message>
        <source>Read until (min)</source>
        <translation>Leer hasta (min)</translation>
    </message>
    <message>
        <source>Test within (min of collection)</source>
        <translation>Procesar antes de (min desde la toma)</translation>
    </message>
    <message>
        <source>Add kit type</source>
        <translation>Agregar tipo de prueba</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>Lote</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Caduca</translation>
    </message>
    <message>
        <source>Extended to</source>
        <translation>Extendida hasta</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Add a lot</source>
        <translation>Agregar un lote</translation>
    </message>
    <message>
        <source>Lot &amp;number</source>
        <translation>Número de &amp;lote</translation>
    </message>
    <message>
        <source>Printed &amp;expiry</source>
        <translation>&amp;Caducidad impresa</translation>
    </message>
    <message>
        <source>Expiry extended by the manufacturer to</source>
        <translation>Caducidad extendida por el fabricante hasta</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>Aviso</translation>
    </message>
    <message>
        <source>The manufacturer&apos;s letter and its date</source>
        <translation>La carta del fabricante y su fecha</translation>
    </message>
    <message>
        <source>Add lot</source>
        <translation>Agregar lote</translation>
    </message>
    <message>
        <source>Extend the lot selected in the list</source>
        <translation>Extender el lote seleccionado en la lista</translation>
    </message>
    <message>
        <source>Extend lot</source>
        <translation>Extender lote</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Lugar</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <source>Add an isolation place</source>
        <translation>Agregar un lugar de aislamiento</translation>
    </message>
    <message>
        <source>&amp;Address</source>
        <translation>&amp;Dirección</translation>
    </message>
    <message>
        <source>Add place</source>
        <translation>Agregar lugar</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
</context>
<context>
    <name>MedicalTimelineDialog</name>
    <message>
        <source>Screening</source>
        <translation>Evaluación de salud</translation>
    </message>
    <message>
        <source>Re-screening after isolation</source>
        <translation>Reevaluación tras aislamiento</translation>
    </message>
    <message>
        <source>Clinical review decision</source>
        <translation>Decisión de revisión clínica</translation>
    </message>
    <message>
        <source>(since {date})</source>
        <translation>(desde el {date})</translation>
    </message>
    <message>
        <source>Symptoms: {symptoms}</source>
        <translation>Síntomas: {symptoms}</translation>
    </message>
    <message>
        <source>{test}: {kit}, lot {lot}</source>
        <translation>{test}: {kit}, lote {lot}</translation>
    </message>
    <message>
        <source>Result: {result}</source>
        <translation>Resultado: {result}</translation>
    </message>
    <message>
        <source>Recovery documented by {clinician}</source>
        <translation>Recuperación documentada por {clinician}</translation>
    </message>
    <message>
        <source>Outcome: {outcome}</source>
        <translation>Conclusión: {outcome}</translation>
    </message>
    <message>
        <source>Note: {note}</source>
        <translation>Nota: {note}</translation>
    </message>
    <message>
        <source>{what} (corrected)</source>
        <translation>{what} (corregida)</translation>
    </message>
    <message>
        <source>Place: {place}</source>
        <translation>Lugar: {place}</translation>
    </message>
    <message>
        <source>not assigned</source>
        <translation>sin asignar</translation>
    </message>
    <message>
        <source>Positive test on {date}</source>
        <translation>Prueba positiva el {date}</translation>
    </message>
    <message>
        <source>Symptoms since {date}</source>
        <translation>Síntomas desde el {date}</translation>
    </message>
    <message>
        <source>Severe illness (clinician)</source>
        <translation>Enfermedad grave (valoración médica)</translation>
    </message>
    <message>
        <source>Isolation started</source>
        <translation>Inicio del aislamiento</translation>
    </message>
    <message>
        <source>By {user}</source>
        <translation>Por {user}</translation>
    </message>
    <message>
        <source>Released from isolation</source>
        <translation>Alta del aislamiento</translation>
    </message>
    <message>
        <source>Fever medicine taken</source>
        <translation>Tomó medicamento para la fiebre</translation>
    </message>
    <message>
        <source>Symptoms improving</source>
        <translation>Los síntomas mejoran</translation>
    </message>
    <message>
        <source>Symptoms not improving</source>
        <translation>Los síntomas no mejoran</translation>
    </message>
    <message>
        <source>Urgent referral: {signs}</source>
        <translation>Referencia urgente: {signs}</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Seguimiento</translation>
    </message>
    <message>
        <source>No temperature</source>
        <translation>Sin temperatura</translation>
    </message>
    <message>
        <source>{celsius} (entered as {entered})</source>
        <translation>{celsius} (anotada como {entered})</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <source>Medical timeline</source>
        <translation>Historial médico</translation>
    </message>
    <message>
        <source>{name} · registration {registration}</source>
        <translation>{name} · registro {registration}</translation>
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
    <name>NotPlannedModel</name>
    <message>
        <source>Household</source>
        <translation>Hogar</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Why not planned</source>
        <translation>Por qué no se planeó</translation>
    </message>
    <message>
        <source>Ready: Plan the day gives a seat</source>
        <translation>Listo: Planear el día le da un asiento</translation>
    </message>
    <message>
        <source>{reasons} (still on a trip: plan the day again)</source>
        <translation>{reasons} (aún en un viaje: planee el día de nuevo)</translation>
    </message>
</context>
<context>
    <name>OrientationDialog</name>
    <message>
        <source>Legal orientation</source>
        <translation>Orientación legal</translation>
    </message>
    <message>
        <source>Legal orientation attended by household {household}: {names}.</source>
        <translation>Orientación legal a la que asistió el hogar {household}: {names}.</translation>
    </message>
    <message>
        <source>&amp;Attended on</source>
        <translation>&amp;Fecha en que asistió</translation>
    </message>
    <message>
        <source>&amp;Given by (organisation)</source>
        <translation>Impartida &amp;por (organización)</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>&amp;Registrar</translation>
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
    <name>PairPanel</name>
    <message>
        <source>Keep</source>
        <translation>Conservar</translation>
    </message>
    <message>
        <source>Keep this registration</source>
        <translation>Conservar este registro</translation>
    </message>
    <message>
        <source>The registration kept: the other one becomes an alias that finds it</source>
        <translation>El registro que se conserva: el otro se vuelve un alias que lleva a este</translation>
    </message>
    <message>
        <source>Different in the two registrations</source>
        <translation>Diferente en los dos registros</translation>
    </message>
    <message>
        <source>≠ {field}</source>
        <translation>≠ {field}</translation>
    </message>
    <message>
        <source>What each registration has recorded</source>
        <translation>Lo anotado en cada registro</translation>
    </message>
    <message>
        <source>The same in both</source>
        <translation>Igual en los dos</translation>
    </message>
    <message>
        <source>(blank)</source>
        <translation>(vacío)</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Yes, {date} {time}</source>
        <translation>Sí, {date} {time}</translation>
    </message>
    <message>
        <source>Nothing</source>
        <translation>Nada</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>Sin iniciar</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Iniciado</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>Completo</translation>
    </message>
    <message>
        <source>Served on ICE</source>
        <translation>Entregado a ICE</translation>
    </message>
    <message>
        <source>Checked in</source>
        <translation>Llegó al sitio</translation>
    </message>
    <message>
        <source>Screened</source>
        <translation>Evaluación de salud</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Etapa</translation>
    </message>
    <message>
        <source>Still needs</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <source>Form EOIR-33</source>
        <translation>Formulario EOIR-33</translation>
    </message>
    <message>
        <source>On a roster</source>
        <translation>En una lista de pasajeros</translation>
    </message>
    <message>
        <source>Wristband</source>
        <translation>Brazalete</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Ninguno</translation>
    </message>
</context>
<context>
    <name>PaperworkDialog</name>
    <message>
        <source>Not saved: {problem}</source>
        <translation>No se guardó: {problem}</translation>
    </message>
</context>
<context>
    <name>PaperworkWorkspace</name>
    <message>
        <source>Nobody found for “{code}”. Scan again, or pick from the list.</source>
        <translation>No se encontró a nadie con «{code}». Escanee de nuevo o elija de la lista.</translation>
    </message>
    <message>
        <source>{name} has no A-number: there is no case to file Form EOIR-33 for.</source>
        <translation>{name} no tiene número A: no hay un caso para el cual presentar el Formulario EOIR-33.</translation>
    </message>
    <message>
        <source>{name}&apos;s form is already served: it can be printed again.</source>
        <translation>El formulario de {name} ya se entregó a ICE: puede imprimirse de nuevo.</translation>
    </message>
    <message>
        <source>{name}: what you typed before is back. Save with Ctrl+S.</source>
        <translation>{name}: se recuperó lo que había escrito antes. Guarde con Ctrl+S.</translation>
    </message>
    <message>
        <source>{name}: check every field with the person, then Save (Ctrl+S).</source>
        <translation>{name}: revise cada campo con la persona y pulse Guardar (Ctrl+S).</translation>
    </message>
    <message>
        <source>{name} · household {household} · {a_number} · case: {status}</source>
        <translation>{name} · hogar {household} · {a_number} · caso: {status}</translation>
    </message>
    <message>
        <source>Not saved yet</source>
        <translation>Aún sin guardar</translation>
    </message>
    <message>
        <source>Served on {date} ({method})</source>
        <translation>Entregado a ICE el {date} ({method})</translation>
    </message>
    <message>
        <source>Printed: serve the copy on ICE</source>
        <translation>Impreso: entregue la copia a ICE</translation>
    </message>
    <message>
        <source>Complete: print it, then serve it</source>
        <translation>Completo: imprímalo y luego entréguelo a ICE</translation>
    </message>
    <message>
        <source>Draft, still missing: {fields}</source>
        <translation>Borrador; aún falta: {fields}</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Borrador</translation>
    </message>
    <message>
        <source>the current court</source>
        <translation>la corte actual</translation>
    </message>
    <message>
        <source>Still needed: {blockers}.</source>
        <translation>Pendiente: {blockers}.</translation>
    </message>
    <message>
        <source>Nothing more is needed for the paperwork.</source>
        <translation>No falta nada más para los trámites.</translation>
    </message>
    <message>
        <source>Legal orientation attended on {date}.</source>
        <translation>Asistió a la orientación legal el {date}.</translation>
    </message>
    <message>
        <source>Scan or pick a person first.</source>
        <translation>Primero escanee o elija a una persona.</translation>
    </message>
    <message>
        <source>Nothing was saved: correct the {count} field(s) marked in red.</source>
        <translation>No se guardó nada: corrija los campos marcados en rojo ({count}).</translation>
    </message>
    <message>
        <source>{name}&apos;s form is complete: print it with Ctrl+P.</source>
        <translation>El formulario de {name} está completo: imprímalo con Ctrl+P.</translation>
    </message>
    <message>
        <source>Saved as a draft for {name}; still missing: {fields}.</source>
        <translation>Se guardó como borrador el formulario de {name}; aún falta: {fields}.</translation>
    </message>
    <message>
        <source>Look at the warning under the address.</source>
        <translation>Revise el aviso debajo de la dirección.</translation>
    </message>
    <message>
        <source>The address was copied to {count} other form(s) of household {household}.</source>
        <translation>Se copió la dirección a {count} formulario(s) de otros miembros del hogar {household}.</translation>
    </message>
    <message>
        <source>Not printed: complete and save the form first ({names}).</source>
        <translation>No se imprimió: primero complete y guarde el formulario ({names}).</translation>
    </message>
    <message>
        <source>Form EOIR-33</source>
        <translation>Formulario EOIR-33</translation>
    </message>
    <message>
        <source>Not printed: {problem}</source>
        <translation>No se imprimió: {problem}</translation>
    </message>
    <message>
        <source>{count} form(s) and the next-steps sheet: serve a copy on ICE.</source>
        <translation>{count} formulario(s) y la hoja de próximos pasos: entregue una copia a ICE.</translation>
    </message>
    <message>
        <source>Not printed, form not complete: {names}.</source>
        <translation>No se imprimió, formulario incompleto: {names}.</translation>
    </message>
    <message>
        <source>The official PDF placed for the site is not the fillable Form EOIR-33/IC: the replica was printed.</source>
        <translation>El PDF oficial que se colocó para el sitio no es el Formulario EOIR-33/IC rellenable: se imprimió la réplica.</translation>
    </message>
    <message>
        <source>Complete and save the form first; then print it and serve it.</source>
        <translation>Primero complete y guarde el formulario; después imprímalo y entréguelo a ICE.</translation>
    </message>
    <message>
        <source>{name}&apos;s form is served: nothing more to do on it.</source>
        <translation>El formulario de {name} ya se entregó a ICE: no hay nada más que hacer con él.</translation>
    </message>
    <message>
        <source>Legal orientation recorded for {count} of household {household}.</source>
        <translation>Orientación legal registrada para {count} miembro(s) del hogar {household}.</translation>
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
        <source>List (F4)</source>
        <translation>Lista (F4)</translation>
    </message>
    <message>
        <source>Back to the list; what you typed is kept for this person</source>
        <translation>Volver a la lista; lo que escribió se conserva para esta persona</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>Guardar (Ctrl+S)</translation>
    </message>
    <message>
        <source>Copy address to &amp;household</source>
        <translation>Copiar dirección al &amp;hogar</translation>
    </message>
    <message>
        <source>The other members&apos; forms get this current address (served forms excepted)</source>
        <translation>Los formularios de los demás miembros reciben esta dirección actual (excepto los ya entregados a ICE)</translation>
    </message>
    <message>
        <source>Print form (Ctrl+P)</source>
        <translation>Imprimir formulario (Ctrl+P)</translation>
    </message>
    <message>
        <source>This person&apos;s form and the next-steps sheet</source>
        <translation>El formulario de esta persona y la hoja de próximos pasos</translation>
    </message>
    <message>
        <source>Print household (Ctrl+Shift+P)</source>
        <translation>Imprimir hogar (Ctrl+Shift+P)</translation>
    </message>
    <message>
        <source>Every complete form of the household and the next-steps sheet</source>
        <translation>Todos los formularios completos del hogar y la hoja de próximos pasos</translation>
    </message>
    <message>
        <source>Mark &amp;served…</source>
        <translation>Marcar &amp;entregado…</translation>
    </message>
    <message>
        <source>Legal orientatio&amp;n…</source>
        <translation>&amp;Orientación legal…</translation>
    </message>
    <message>
        <source>Documents to reopen the case (prepared)</source>
        <translation>Documentos para reabrir el caso (preparados)</translation>
    </message>
    <message>
        <source>Still needing Form EOIR-33 ({count}): scan a band, or pick with Enter</source>
        <translation>Aún necesitan el Formulario EOIR-33 ({count}): escanee un brazalete o elija con Intro</translation>
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
    <name>PlaceDialog</name>
    <message>
        <source>Isolation place</source>
        <translation>Lugar de aislamiento</translation>
    </message>
    <message>
        <source>Where does {name} isolate?</source>
        <translation>¿Dónde hace {name} el aislamiento?</translation>
    </message>
    <message>
        <source>{name}: no isolation place is on the site&apos;s list yet.</source>
        <translation>{name}: aún no hay lugares de aislamiento en la lista del sitio.</translation>
    </message>
    <message>
        <source>&amp;Place</source>
        <translation>&amp;Lugar</translation>
    </message>
    <message>
        <source>&amp;Assign</source>
        <translation>&amp;Asignar</translation>
    </message>
</context>
<context>
    <name>PlannerPanel</name>
    <message>
        <source>Unloc&amp;k</source>
        <translation>Des&amp;fijar</translation>
    </message>
    <message>
        <source>Loc&amp;k</source>
        <translation>&amp;Fijar</translation>
    </message>
    <message>
        <source>Planned: {placed} people on the trips of {day}; {left} not planned (see why below).</source>
        <translation>Planeado: {placed} personas en los viajes del {day}; {left} sin planear (vea por qué abajo).</translation>
    </message>
    <message>
        <source>Household {household} moved to {trip} and locked there (seats {seats}).</source>
        <translation>Hogar {household} trasladado a {trip} y fijado ahí (asientos {seats}).</translation>
    </message>
    <message>
        <source>Household {household} is locked: it keeps its trip and seats when the day is planned again.</source>
        <translation>El hogar {household} está fijado: conserva su viaje y asientos al volver a planear el día.</translation>
    </message>
    <message>
        <source>Household {household} is unlocked: the next plan may seat it elsewhere.</source>
        <translation>El hogar {household} ya no está fijado: el próximo plan puede sentarlo en otro lugar.</translation>
    </message>
    <message>
        <source>{vehicle} is on the list: add a trip with it.</source>
        <translation>{vehicle} está en la lista: agregue un viaje con él.</translation>
    </message>
    <message>
        <source>Add a vehicle first.</source>
        <translation>Agregue primero un vehículo.</translation>
    </message>
    <message>
        <source>Trip added: {vehicle} at {time}. Plan the day (Ctrl+D).</source>
        <translation>Viaje agregado: {vehicle} a las {time}. Planee el día (Ctrl+D).</translation>
    </message>
    <message>
        <source>Nobody is on the day&apos;s trips: plan the day first.</source>
        <translation>No hay nadie en los viajes del día: planee el día primero.</translation>
    </message>
    <message>
        <source>Passenger roster</source>
        <translation>Lista de pasajeros</translation>
    </message>
    <message>
        <source>Not printed: {problem}</source>
        <translation>No se imprimió: {problem}</translation>
    </message>
    <message>
        <source>{where} {count} roster sheet(s).</source>
        <translation>{where} {count} hoja(s) de pasajeros.</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>Archivos JSON (*.json)</translation>
    </message>
    <message>
        <source>Manifest for CBP</source>
        <translation>Manifiesto para CBP</translation>
    </message>
    <message>
        <source>Not saved: {problem}</source>
        <translation>No se guardó: {problem}</translation>
    </message>
    <message>
        <source>Manifest saved as {path}: {count} people.</source>
        <translation>Manifiesto guardado como {path}: {count} personas.</translation>
    </message>
    <message>
        <source>{vehicle} at {time}</source>
        <translation>{vehicle} a las {time}</translation>
    </message>
    <message>
        <source>Da&amp;y</source>
        <translation>&amp;Día</translation>
    </message>
    <message>
        <source>P&amp;ort</source>
        <translation>&amp;Puerto</translation>
    </message>
    <message>
        <source>Plan the day (Ctrl+D)</source>
        <translation>Planear el día (Ctrl+D)</translation>
    </message>
    <message>
        <source>Print rosters (Ctrl+P)</source>
        <translation>Imprimir listas (Ctrl+P)</translation>
    </message>
    <message>
        <source>One sheet per trip, to sign at departure</source>
        <translation>Una hoja por viaje, para firmar a la salida</translation>
    </message>
    <message>
        <source>Save manifest… (Ctrl+Shift+S)</source>
        <translation>Guardar manifiesto… (Ctrl+Mayús+S)</translation>
    </message>
    <message>
        <source>The people travelling, for CBP: CSV or JSON (no medical detail)</source>
        <translation>Las personas que viajan, para CBP: CSV o JSON (sin datos médicos)</translation>
    </message>
    <message>
        <source>Add &amp;vehicle…</source>
        <translation>Agregar &amp;vehículo…</translation>
    </message>
    <message>
        <source>Add &amp;trip…</source>
        <translation>Agregar vi&amp;aje…</translation>
    </message>
    <message>
        <source>&amp;Move to</source>
        <translation>&amp;Trasladar a</translation>
    </message>
    <message>
        <source>Mov&amp;e household</source>
        <translation>Trasladar &amp;el hogar</translation>
    </message>
    <message>
        <source>Fill the open trips from the queue; locked households keep their seats</source>
        <translation>Llena los viajes abiertos desde la fila; los hogares fijados conservan sus asientos</translation>
    </message>
    <message>
        <source>A vehicle for the site&apos;s list, as rows of seats</source>
        <translation>Un vehículo para la lista del sitio, como filas de asientos</translation>
    </message>
    <message>
        <source>A vehicle leaving for the port on this day</source>
        <translation>Un vehículo que sale al puerto este día</translation>
    </message>
    <message>
        <source>The household sits together on the other trip, locked</source>
        <translation>El hogar se sienta junto en el otro viaje, fijado</translation>
    </message>
    <message>
        <source>A locked household keeps its trip when planning again</source>
        <translation>Un hogar fijado conserva su viaje al volver a planear</translation>
    </message>
    <message>
        <source>T&amp;rips on {day} to {port} ({count})</source>
        <translation>Via&amp;jes del {day} a {port} ({count})</translation>
    </message>
    <message>
        <source>Port&apos;s capacity: {planned} of {capacity} people</source>
        <translation>Cupo del puerto: {planned} de {capacity} personas</translation>
    </message>
    <message>
        <source>The port receives nobody that day</source>
        <translation>El puerto no recibe a nadie ese día</translation>
    </message>
    <message>
        <source>&amp;Not planned ({count}), in priority order, and why</source>
        <translation>&amp;No planeados ({count}), en orden de prioridad, y por qué</translation>
    </message>
    <message>
        <source>Plan notes: {notes}.</source>
        <translation>Notas del plan: {notes}.</translation>
    </message>
    <message>
        <source>&amp;Households: add a trip to this day first</source>
        <translation>&amp;Hogares: agregue primero un viaje a este día</translation>
    </message>
    <message>
        <source>&amp;Households on {trip} ({count}): {used} of {seats} seats</source>
        <translation>&amp;Hogares en {trip} ({count}): {used} de {seats} asientos</translation>
    </message>
</context>
<context>
    <name>ReleaseDialog</name>
    <message>
        <source>Release from isolation</source>
        <translation>Alta del aislamiento</translation>
    </message>
    <message>
        <source>Release {name} from isolation? Day {day} of {days}.</source>
        <translation>¿Dar de alta del aislamiento a {name}? Día {day} de {days}.</translation>
    </message>
    <message>
        <source>&amp;Note (optional)</source>
        <translation>&amp;Nota (opcional)</translation>
    </message>
    <message>
        <source>&amp;Release</source>
        <translation>&amp;Dar de alta</translation>
    </message>
</context>
<context>
    <name>RevokeDialog</name>
    <message>
        <source>Revoke a lost desk</source>
        <translation>Revocar un equipo perdido</translation>
    </message>
    <message>
        <source>Lost &amp;desk&apos;s id</source>
        <translation>Id del &amp;equipo perdido</translation>
    </message>
    <message>
        <source>The lost laptop&apos;s desk id is shown in this section on that laptop, and `staging-site hub desks` lists the site&apos;s desks. The hub will refuse its changes, and the site&apos;s sync keys are replaced by new ones given to every other desk. This cannot be undone: a desk found again joins with a new enrollment file.</source>
        <translation>El id del equipo perdido se ve en esta sección en esa laptop, y `staging-site hub desks` lista los equipos del sitio. El servidor rechazará sus cambios, y las claves de sincronización del sitio se reemplazan por otras nuevas entregadas a todos los demás equipos. No se puede deshacer: un equipo que aparezca de nuevo se une con un nuevo archivo de inscripción.</translation>
    </message>
    <message>
        <source>Type the lost desk&apos;s id first.</source>
        <translation>Escriba primero el id del equipo perdido.</translation>
    </message>
</context>
<context>
    <name>ScreeningForm</name>
    <message>
        <source>{lot} — EXPIRED</source>
        <translation>{lot} — CADUCADO</translation>
    </message>
    <message>
        <source>— not decided yet —</source>
        <translation>— aún sin decidir —</translation>
    </message>
    <message>
        <source>Write the temperature as a number, for example 36.8</source>
        <translation>Escriba la temperatura como número, por ejemplo 36.8</translation>
    </message>
    <message>
        <source>Write the time as hours and minutes, for example 10:15</source>
        <translation>Escriba la hora en horas y minutos, por ejemplo 10:15</translation>
    </message>
    <message>
        <source>Outcome: enter the temperature and the result to see it</source>
        <translation>Conclusión: anote la temperatura y el resultado para verla</translation>
    </message>
    <message>
        <source>Outcome: enter the temperature to see it</source>
        <translation>Conclusión: anote la temperatura para verla</translation>
    </message>
    <message>
        <source>Write why you decided, or leave it pending</source>
        <translation>Escriba por qué lo decidió, o déjelo pendiente</translation>
    </message>
    <message>
        <source>If saved now: {outcome} ({reasons})</source>
        <translation>Si guarda ahora: {outcome} ({reasons})</translation>
    </message>
    <message>
        <source>&amp;Questionnaire</source>
        <translation>&amp;Cuestionario</translation>
    </message>
    <message>
        <source>Symptoms now or in the last days:</source>
        <translation>Síntomas ahora o en los últimos días:</translation>
    </message>
    <message>
        <source>Symptoms started on</source>
        <translation>Los síntomas empezaron el</translation>
    </message>
    <message>
        <source>Felt feverish</source>
        <translation>Sensación de fiebre</translation>
    </message>
    <message>
        <source>Took fever medicine</source>
        <translation>Tomó medicamento para la fiebre</translation>
    </message>
    <message>
        <source>Close contact with a case</source>
        <translation>Contacto cercano con un caso</translation>
    </message>
    <message>
        <source>Positive test in the past 90 days, on</source>
        <translation>Prueba positiva en los últimos 90 días, el</translation>
    </message>
    <message>
        <source>Signs of another disease:</source>
        <translation>Signos de otra enfermedad:</translation>
    </message>
    <message>
        <source>Chronic conditions:</source>
        <translation>Condiciones crónicas:</translation>
    </message>
    <message>
        <source>Injuries</source>
        <translation>Lesiones</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Ninguna</translation>
    </message>
    <message>
        <source>Pregnant</source>
        <translation>Embarazada</translation>
    </message>
    <message>
        <source>Referral needed</source>
        <translation>Requiere referencia</translation>
    </message>
    <message>
        <source>&amp;Temperature</source>
        <translation>&amp;Temperatura</translation>
    </message>
    <message>
        <source>Celsius or Fahrenheit: press to switch</source>
        <translation>Celsius o Fahrenheit: pulse para cambiar</translation>
    </message>
    <message>
        <source>Antigen test</source>
        <translation>Prueba de antígeno</translation>
    </message>
    <message>
        <source>&amp;Kit lot</source>
        <translation>&amp;Lote</translation>
    </message>
    <message>
        <source>No kit lot: add one with “Kits and places…”</source>
        <translation>Sin lote: agregue uno con «Pruebas y lugares…»</translation>
    </message>
    <message>
        <source>Start timer (Ctrl+T)</source>
        <translation>Iniciar temporizador (Ctrl+T)</translation>
    </message>
    <message>
        <source>Collected at</source>
        <translation>Hora de toma</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>&amp;Positive</source>
        <translation>&amp;Positivo</translation>
    </message>
    <message>
        <source>&amp;Negative</source>
        <translation>&amp;Negativo</translation>
    </message>
    <message>
        <source>&amp;Invalid (no control line)</source>
        <translation>In&amp;válida (sin línea de control)</translation>
    </message>
    <message>
        <source>&amp;Read at</source>
        <translation>&amp;Hora de lectura</translation>
    </message>
    <message>
        <source>empty: the time you press Save</source>
        <translation>vacío: la hora en que pulse Guardar</translation>
    </message>
    <message>
        <source>{exempt}: the questionnaire and the temperature decide.</source>
        <translation>{exempt}: deciden el cuestionario y la temperatura.</translation>
    </message>
    <message>
        <source>Released from isolation: no new test. Check the clinician&apos;s letter that clears the person.</source>
        <translation>Dado de alta del aislamiento: sin prueba nueva. Revise la constancia del médico que autoriza a la persona.</translation>
    </message>
    <message>
        <source>Clinician&apos;s na&amp;me</source>
        <translation>Nombre del mé&amp;dico</translation>
    </message>
    <message>
        <source>Clinical review: decide now, or leave it pending</source>
        <translation>Revisión clínica: decida ahora o déjela pendiente</translation>
    </message>
    <message>
        <source>Leave pending</source>
        <translation>Dejar pendiente</translation>
    </message>
    <message>
        <source>Rea&amp;son</source>
        <translation>M&amp;otivo</translation>
    </message>
    <message>
        <source>Why you decided (required)</source>
        <translation>Por qué lo decidió (obligatorio)</translation>
    </message>
    <message>
        <source>Isolation pla&amp;ce</source>
        <translation>Lu&amp;gar de aislamiento</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>Guardar (Ctrl+S)</translation>
    </message>
</context>
<context>
    <name>ScreeningQueueModel</name>
    <message>
        <source>Why</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Hogar</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>Llegó</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Prueba</translation>
    </message>
</context>
<context>
    <name>ScreeningWorkspace</name>
    <message>
        <source>Nobody found for “{code}”. Scan again, or pick from the queue.</source>
        <translation>No se encontró a nadie con «{code}». Escanee de nuevo o elija de la lista de espera.</translation>
    </message>
    <message>
        <source>{name} has not checked in: send them to the intake desk first.</source>
        <translation>{name} no ha registrado su llegada: primero envíe a la persona a Recepción.</translation>
    </message>
    <message>
        <source>{name} is in isolation: record the daily follow-up; re-screen after the release.</source>
        <translation>{name} está en aislamiento: registre el seguimiento diario; reevalúe después del alta.</translation>
    </message>
    <message>
        <source>{name} is already screened ({outcome}): saving records a new screening.</source>
        <translation>{name} ya tiene evaluación de salud ({outcome}): al guardar se registra una evaluación nueva.</translation>
    </message>
    <message>
        <source>Screening {name}: fill in the form, then Save (Ctrl+S).</source>
        <translation>Evaluación de {name}: llene el formulario y pulse Guardar (Ctrl+S).</translation>
    </message>
    <message>
        <source>Scan or pick a person first.</source>
        <translation>Primero escanee o elija a una persona.</translation>
    </message>
    <message>
        <source>{name}: {outcome}, valid through {date} ({reasons}).</source>
        <translation>{name}: {outcome}, vigente hasta el {date} ({reasons}).</translation>
    </message>
    <message>
        <source>{name}: {outcome} ({reasons}). The household is held; follow up daily.</source>
        <translation>{name}: {outcome} ({reasons}). El hogar queda en espera; dé seguimiento diario.</translation>
    </message>
    <message>
        <source>{name}: {outcome} ({reasons}). Test again with a new kit.</source>
        <translation>{name}: {outcome} ({reasons}). Repita con una prueba nueva.</translation>
    </message>
    <message>
        <source>{name}: {outcome} ({reasons}). Decide from the queue when you have seen them.</source>
        <translation>{name}: {outcome} ({reasons}). Decida desde la lista de espera cuando haya revisado a la persona.</translation>
    </message>
    <message>
        <source>{name} · household {household}</source>
        <translation>{name} · hogar {household}</translation>
    </message>
    <message>
        <source>{name} · household {household} · born {born} (age {age})</source>
        <translation>{name} · hogar {household} · nació el {born} ({age} años)</translation>
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
        <source>Queue (F4)</source>
        <translation>Lista de espera (F4)</translation>
    </message>
    <message>
        <source>Back to the queue; what you typed is kept for this person</source>
        <translation>Volver a la lista de espera; lo que escribió se conserva para esta persona</translation>
    </message>
    <message>
        <source>Kits and places…</source>
        <translation>Pruebas y lugares…</translation>
    </message>
    <message>
        <source>Add kit types, kit lots and isolation places</source>
        <translation>Agregar tipos de prueba, lotes y lugares de aislamiento</translation>
    </message>
    <message>
        <source>Waiting for the screener ({count}): scan a band, or pick with Enter</source>
        <translation>En espera de evaluación ({count}): escanee un brazalete o elija con Intro</translation>
    </message>
</context>
<context>
    <name>ServedDialog</name>
    <message>
        <source>Proof of service</source>
        <translation>Constancia de entrega</translation>
    </message>
    <message>
        <source>The copy of {name}&apos;s form served on ICE: who served it, on which office, when and how.</source>
        <translation>La copia del formulario de {name} entregada a ICE: quién la entregó, en qué oficina, cuándo y cómo.</translation>
    </message>
    <message>
        <source>&amp;Served by (name)</source>
        <translation>&amp;Entregada por (nombre)</translation>
    </message>
    <message>
        <source>ICE &amp;office (OPLA)</source>
        <translation>&amp;Oficina de ICE (OPLA)</translation>
    </message>
    <message>
        <source>&amp;Date of service</source>
        <translation>&amp;Fecha de entrega</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Forma de entrega</translation>
    </message>
    <message>
        <source>&amp;Mark served</source>
        <translation>&amp;Marcar entregado</translation>
    </message>
</context>
<context>
    <name>SevereIllnessDialog</name>
    <message>
        <source>Severe illness (clinician)</source>
        <translation>Enfermedad grave (valoración médica)</translation>
    </message>
    <message>
        <source>{name} is isolated for severe illness.</source>
        <translation>{name} está en aislamiento por enfermedad grave.</translation>
    </message>
    <message>
        <source>A clinician assessed {name}.</source>
        <translation>Valoración médica de {name}.</translation>
    </message>
    <message>
        <source>&amp;Severe illness: isolation up to {days} days</source>
        <translation>&amp;Enfermedad grave: aislamiento de hasta {days} días</translation>
    </message>
    <message>
        <source>Clinician&apos;s &amp;assessment</source>
        <translation>&amp;Valoración médica</translation>
    </message>
    <message>
        <source>Sa&amp;ve</source>
        <translation>&amp;Guardar</translation>
    </message>
</context>
<context>
    <name>StepBar</name>
    <message>
        <source>1. File</source>
        <translation>1. Archivo</translation>
    </message>
    <message>
        <source>2. Columns</source>
        <translation>2. Columnas</translation>
    </message>
    <message>
        <source>3. Check</source>
        <translation>3. Revisión</translation>
    </message>
    <message>
        <source>4. Import</source>
        <translation>4. Importación</translation>
    </message>
    <message>
        <source>5. Summary</source>
        <translation>5. Resumen</translation>
    </message>
</context>
<context>
    <name>SummaryStep</name>
    <message>
        <source>Imported</source>
        <translation>Importado</translation>
    </message>
    <message>
        <source>New people:</source>
        <translation>Personas nuevas:</translation>
    </message>
    <message>
        <source>People updated:</source>
        <translation>Personas actualizadas:</translation>
    </message>
    <message>
        <source>Left unchanged:</source>
        <translation>Sin cambios:</translation>
    </message>
    <message>
        <source>Rows rejected:</source>
        <translation>Filas rechazadas:</translation>
    </message>
    <message>
        <source>Possible duplicates found:</source>
        <translation>Posibles duplicados encontrados:</translation>
    </message>
    <message>
        <source>Households in the list:</source>
        <translation>Hogares en la lista:</translation>
    </message>
    <message>
        <source>&amp;Open the rejects file</source>
        <translation>&amp;Abrir el archivo de rechazos</translation>
    </message>
    <message>
        <source>&amp;Review possible duplicates</source>
        <translation>Revisar posibles &amp;duplicados</translation>
    </message>
    <message>
        <source>Import &amp;another file</source>
        <translation>Importar &amp;otro archivo</translation>
    </message>
    <message>
        <source>Imported from {file}</source>
        <translation>Importado de {file}</translation>
    </message>
    <message>
        <source>The rejected rows, each with its reason, are in {file}</source>
        <translation>Las filas rechazadas, cada una con su motivo, están en {file}</translation>
    </message>
</context>
<context>
    <name>SyncHubSection</name>
    <message>
        <source>This desk is linked to the site&apos;s sync hub and syncs by itself.</source>
        <translation>Este equipo está vinculado al servidor de sincronización del sitio y se sincroniza solo.</translation>
    </message>
    <message>
        <source>This desk is not linked to a sync hub: what is recorded here stays on it.</source>
        <translation>Este equipo no está vinculado a un servidor de sincronización: lo que se registra aquí se queda en él.</translation>
    </message>
    <message>
        <source>Set up the hub first.</source>
        <translation>Configure primero el servidor.</translation>
    </message>
    <message>
        <source>Desk {desk} is revoked: the hub refuses its changes. New sync keys were given to {granted} desk(s); {waiting} more get them when they next sync. Change the hub&apos;s password too: the lost laptop holds it.</source>
        <translation>El equipo {desk} está revocado: el servidor rechaza sus cambios. Se entregaron nuevas claves de sincronización a {granted} equipo(s); {waiting} más las reciben en su próxima sincronización. Cambie también la contraseña del servidor: la laptop perdida la tiene.</translation>
    </message>
    <message>
        <source>Linked to the hub at {where} as site {site}: this desk syncs by itself from now on.</source>
        <translation>Vinculado al servidor en {where} como sitio {site}: desde ahora este equipo se sincroniza solo.</translation>
    </message>
    <message>
        <source>Enrollment file written in {folder}:
{name}
On the new laptop: staging-site enroll join {name} --db site.db (the site&apos;s users log in there with their own passwords). Give the passphrase separately, never with the file.</source>
        <translation>Archivo de inscripción escrito en {folder}:
{name}
En el nuevo equipo: staging-site enroll join {name} --db site.db (los usuarios del sitio inician sesión allí con sus propias contraseñas). Dé la frase de contraseña por separado, nunca junto con el archivo.</translation>
    </message>
    <message>
        <source>Sync hub</source>
        <translation>Servidor de sincronización</translation>
    </message>
    <message>
        <source>Hub</source>
        <translation>Servidor</translation>
    </message>
    <message>
        <source>Site at the hub</source>
        <translation>Sitio en el servidor</translation>
    </message>
    <message>
        <source>This desk</source>
        <translation>Este equipo</translation>
    </message>
    <message>
        <source>Set up a &amp;hub for this site…</source>
        <translation>Configurar un ser&amp;vidor para este sitio…</translation>
    </message>
    <message>
        <source>Create an &amp;enrollment file…</source>
        <translation>Crear un archivo de &amp;inscripción…</translation>
    </message>
    <message>
        <source>S&amp;ync now (F9)</source>
        <translation>Sincroni&amp;zar ahora (F9)</translation>
    </message>
    <message>
        <source>Re&amp;voke a lost desk…</source>
        <translation>Revocar un e&amp;quipo perdido…</translation>
    </message>
</context>
<context>
    <name>SyncRunner</name>
    <message>
        <source>Sync: this desk only (no hub set up)</source>
        <translation>Sincronización: solo este equipo (sin servidor central)</translation>
    </message>
    <message>
        <source>Sync failed: {problem}</source>
        <translation>Sincronización fallida: {problem}</translation>
    </message>
    <message>
        <source>Sync: offline since {time} — {count} waiting to send</source>
        <translation>Sincronización: sin conexión desde las {time} — {count} por enviar</translation>
    </message>
    <message>
        <source>Sync: offline since {time}</source>
        <translation>Sincronización: sin conexión desde las {time}</translation>
    </message>
    <message>
        <source>The hub cannot be reached; this desk keeps working and syncs when it is back.</source>
        <translation>No se puede conectar con el servidor; este equipo sigue trabajando y se sincroniza cuando vuelva.</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>aún no</translation>
    </message>
    <message>
        <source>Sync: {time} · {count} waiting to send</source>
        <translation>Sincronización: {time} · {count} por enviar</translation>
    </message>
    <message>
        <source>Sync: {time} · all sent</source>
        <translation>Sincronización: {time} · todo enviado</translation>
    </message>
    <message>
        <source>audit chain not anchored</source>
        <translation>cadena de auditoría sin anclar</translation>
    </message>
    <message>
        <source>The hub refused this desk&apos;s audit-chain head: the chain no longer continues the one it anchored (entries removed, or a backup restored). Tell the site&apos;s administrator.</source>
        <translation>El servidor rechazó la cabeza de la cadena de auditoría de este equipo: la cadena ya no continúa la que ancló (se quitaron entradas, o se restauró un respaldo). Avise al administrador del sitio.</translation>
    </message>
    <message>
        <source>conflicts to review: {count}</source>
        <translation>conflictos por revisar: {count}</translation>
    </message>
    <message>
        <source>changes waiting for a record: {count}</source>
        <translation>cambios en espera de un registro: {count}</translation>
    </message>
</context>
<context>
    <name>TransportWorkspace</name>
    <message>
        <source>Planner (F3)</source>
        <translation>Planeación (F3)</translation>
    </message>
    <message>
        <source>Plan the day&apos;s trips, print the rosters, save the manifest</source>
        <translation>Planear los viajes del día, imprimir las listas, guardar el manifiesto</translation>
    </message>
    <message>
        <source>Boarding (F4)</source>
        <translation>Abordaje (F4)</translation>
    </message>
    <message>
        <source>Board a trip of today by scanning wristbands</source>
        <translation>Abordar un viaje de hoy escaneando brazaletes</translation>
    </message>
</context>
<context>
    <name>TripsModel</name>
    <message>
        <source>Departs</source>
        <translation>Sale</translation>
    </message>
    <message>
        <source>Vehicle</source>
        <translation>Vehículo</translation>
    </message>
    <message>
        <source>Seats</source>
        <translation>Asientos</translation>
    </message>
    <message>
        <source>Trip</source>
        <translation>Viaje</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abierto</translation>
    </message>
    <message>
        <source>Departed</source>
        <translation>Salió</translation>
    </message>
    <message>
        <source>Arrived at the port</source>
        <translation>Llegó al puerto</translation>
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
    <name>WaitingForFormModel</name>
    <message>
        <source>No form yet</source>
        <translation>Sin formulario</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Borrador</translation>
    </message>
    <message>
        <source>Complete, to serve</source>
        <translation>Completo, por entregar</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Formulario</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Hogar</translation>
    </message>
    <message>
        <source>A-number</source>
        <translation>Número A</translation>
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
    <name>WordsModel</name>
    <message>
        <source>Field</source>
        <translation>Dato</translation>
    </message>
    <message>
        <source>The list says</source>
        <translation>La lista dice</translation>
    </message>
    <message>
        <source>Means</source>
        <translation>Significa</translation>
    </message>
    <message>
        <source>— no flag —</source>
        <translation>— sin vulnerabilidad —</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— elija —</translation>
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
