"""Word lists for the demo site: names, places and phrases as they appear in real registrations.

Each name list starts with its most common names, roughly by frequency, then the rest in
alphabetical order; the generator favours the front, so a search for "María Hernández" finds
dozens of people as it would at a real site, and the desk is trained (and benchmarked) on
collisions rather than on unique names.
"""

from __future__ import annotations

from typing import NamedTuple

FEMALE_GIVEN_NAMES: tuple[str, ...] = (
    "María", "Ana", "Rosa", "Carmen", "Guadalupe", "Juana", "Marta", "Gloria", "Patricia",
    "Claudia", "Karla", "Wendy", "Yesenia", "Lucía", "Sofía", "Daniela", "Gabriela", "Andrea",
    "Alejandra", "Teresa", "Abigail", "Adriana", "Alba", "Alison", "Anabel", "Ángela", "Aracely",
    "Ashley", "Beatriz", "Belén", "Blanca", "Brenda", "Britany", "Camila", "Celia", "Cindy",
    "Concepción", "Consuelo", "Dalia", "Damaris", "Dayana", "Delmy", "Dolores", "Dulce", "Elena",
    "Elsa", "Emilia", "Érika", "Esmeralda", "Esperanza", "Estefanía", "Eva", "Evelyn", "Fátima",
    "Fernanda", "Flor", "Francisca", "Génesis", "Gisela", "Glenda", "Graciela", "Heidy", "Inés",
    "Ingrid", "Iris", "Irma", "Isabel", "Jazmín", "Jessica", "Jimena", "Johana", "Josefina",
    "Julia", "Katherine", "Keila", "Kimberly", "Leticia", "Lesly", "Lilian", "Liliana", "Lorena",
    "Lourdes", "Luz", "Magdalena", "Margarita", "Mariana", "Maribel", "Marisol", "Maritza",
    "Marlene", "Marleny", "Mayra", "Mélida", "Mercedes", "Miriam", "Mónica", "Nancy", "Natalia",
    "Nayeli", "Nelly", "Nicole", "Noemí", "Norma", "Olga", "Pamela", "Paola", "Perla", "Raquel",
    "Rebeca", "Regina", "Reina", "Renata", "Rocío", "Rosario", "Ruth", "Sara", "Sayda", "Silvia",
    "Sonia", "Sulma", "Susana", "Tania", "Valentina", "Vanessa", "Verónica", "Victoria", "Ximena",
    "Xiomara", "Yadira", "Yamileth", "Yessica", "Yolanda", "Zoila", "Zulema",
)  # fmt: skip

MALE_GIVEN_NAMES: tuple[str, ...] = (
    "José", "Juan", "Luis", "Carlos", "Jorge", "Miguel", "Pedro", "Francisco", "Antonio", "Manuel",
    "Jesús", "Javier", "Daniel", "David", "Mario", "Óscar", "Víctor", "Santos", "Wilmer", "Kevin",
    "Abraham", "Adonis", "Alejandro", "Alexis", "Alfredo", "Álvaro", "Anderson", "Andrés", "Ángel",
    "Arturo", "Benjamín", "Brayan", "Bryan", "César", "Cristian", "Dagoberto", "Darwin", "Denis",
    "Diego", "Dilan", "Edwin", "Eduardo", "Efraín", "Elías", "Elmer", "Elvin", "Emmanuel",
    "Enrique", "Erick", "Ernesto", "Esteban", "Fabián", "Fausto", "Félix", "Fernando", "Gabriel",
    "Gerardo", "Germán", "Gilberto", "Gustavo", "Héctor", "Henry", "Heriberto", "Hernán", "Hugo",
    "Ignacio", "Isaac", "Iván", "Jaime", "Jefferson", "Joaquín", "Joel", "Jonathan", "Josué",
    "Julián", "Julio", "Leonel", "Lisandro", "Lorenzo", "Marco", "Martín", "Marvin", "Mateo",
    "Matías", "Mauricio", "Melvin", "Milton", "Moisés", "Nahún", "Nelson", "Nicolás", "Noé",
    "Olvin", "Orlando", "Osman", "Pablo", "Rafael", "Ramón", "Raúl", "Reinier", "René", "Reynaldo",
    "Ricardo", "Rigoberto", "Roberto", "Rodrigo", "Rolando", "Rubén", "Salvador", "Samuel",
    "Santiago", "Saúl", "Sebastián", "Selvin", "Sergio", "Teodoro", "Tomás", "Ulises", "Walter",
    "Wilson", "Yasiel", "Yeison", "Yoandry", "Yordi", "Yosvany", "Yunior",
)  # fmt: skip

SURNAMES: tuple[str, ...] = (
    "Hernández", "López", "García", "Martínez", "Rodríguez", "González", "Pérez", "Sánchez",
    "Ramírez", "Cruz", "Flores", "Gómez", "Díaz", "Reyes", "Morales", "Mejía", "Castillo", "Ramos",
    "Ortiz", "Romero", "Torres", "Vásquez", "Gutiérrez", "Chávez", "Aguilar", "Mendoza", "Jiménez",
    "Álvarez", "Ruiz", "Méndez", "Acosta", "Aguirre", "Alarcón", "Almendárez", "Alvarado", "Amaya",
    "Andino", "Aparicio", "Arévalo", "Argueta", "Arias", "Avendaño", "Ávila", "Ayala", "Banegas",
    "Barahona", "Barrera", "Bautista", "Benítez", "Bermúdez", "Blanco", "Bonilla", "Briceño",
    "Bustamante", "Cabrera", "Cáceres", "Calderón", "Cálix", "Campos", "Canales", "Cañas",
    "Cárcamo", "Cardona", "Carranza", "Carrasco", "Carreño", "Carrillo", "Castañeda", "Castro",
    "Cedillo", "Cerrato", "Cervantes", "Chicas", "Cisneros", "Claros", "Colindres", "Contreras",
    "Cordero", "Corea", "Cortés", "Coto", "Delgado", "Discua", "Domínguez", "Duarte", "Dubón",
    "Durán", "Elvir", "Erazo", "Escalante", "Escobar", "Espinal", "Espinoza", "Estrada", "Euceda",
    "Fajardo", "Fernández", "Figueroa", "Fonseca", "Fuentes", "Funes", "Galeas", "Galindo",
    "Gallardo", "Gálvez", "Gámez", "Girón", "Godoy", "Guardado", "Guerra", "Guerrero", "Guevara",
    "Guzmán", "Herrera", "Hidalgo", "Ibáñez", "Izaguirre", "Jovel", "Juárez", "Lagos", "Lainez",
    "Lara", "Leiva", "Lemus", "León", "Linares", "Lobo", "Lozano", "Luna", "Maldonado",
    "Maradiaga", "Marín", "Márquez", "Martel", "Matamoros", "Medina", "Meléndez", "Melgar",
    "Mercado", "Meza", "Midence", "Miranda", "Molina", "Mondragón", "Montalvo", "Montaño",
    "Montes", "Montoya", "Mora", "Moreno", "Muñoz", "Murillo", "Navarro", "Nolasco", "Noriega",
    "Núñez", "Ochoa", "Oliva", "Olivares", "Ordóñez", "Orellana", "Ortega", "Osorio", "Pacheco",
    "Padilla", "Palacios", "Paredes", "Patiño", "Paz", "Peña", "Pineda", "Pinto", "Ponce",
    "Portillo", "Posadas", "Quintanilla", "Quintero", "Quiroz", "Recinos", "Reyna", "Ríos",
    "Rivas", "Rivera", "Robles", "Rodas", "Rojas", "Rosales", "Ruano", "Saavedra", "Sagastume",
    "Salazar", "Saldaña", "Salgado", "Salinas", "Sandoval", "Santamaría", "Santos", "Segovia",
    "Serrano", "Sierra", "Solís", "Sorto", "Sosa", "Suárez", "Suazo", "Tábora", "Tejada", "Toledo",
    "Toruño", "Trejo", "Turcios", "Ulloa", "Umaña", "Urbina", "Valdez", "Valladares", "Valle",
    "Varela", "Vargas", "Vázquez", "Vega", "Velásquez", "Ventura", "Villalobos", "Villaseñor",
    "Villatoro", "Villeda", "Zambrano", "Zamora", "Zavala", "Zelaya", "Zepeda", "Zúñiga",
)  # fmt: skip

# Highland Guatemala: Mayan surnames and saints' names used as surnames (Q'anjob'al, Mam).
MAYAN_SURNAMES: tuple[str, ...] = (
    "Pascual", "Tzoc", "Coc", "Choc", "Caal", "Pop", "Ajanel", "Batz", "Cac", "Cux", "Diego",
    "Francisco", "Ixcoy", "Matías", "Quej", "Sic", "Tol", "Tum", "Tut", "Tzul", "Xol", "Yax",
)  # fmt: skip

PORTUGUESE_FEMALE_GIVEN_NAMES: tuple[str, ...] = (
    "Maria", "Ana", "Juliana", "Fernanda", "Patrícia", "Aline", "Camila", "Adriana", "Amanda",
    "Beatriz", "Bruna", "Cláudia", "Débora", "Gabriela", "Isabela", "Jéssica", "Larissa",
    "Letícia", "Luana", "Luciana", "Márcia", "Mariana", "Priscila", "Rafaela", "Sabrina", "Simone",
    "Tatiana", "Thaís",
)  # fmt: skip

PORTUGUESE_MALE_GIVEN_NAMES: tuple[str, ...] = (
    "João", "José", "Antônio", "Francisco", "Carlos", "Paulo", "Pedro", "Lucas", "André", "Bruno",
    "Daniel", "Diego", "Eduardo", "Fábio", "Felipe", "Gabriel", "Guilherme", "Gustavo", "Leonardo",
    "Luiz", "Marcelo", "Marcos", "Matheus", "Rafael", "Rodrigo", "Sérgio", "Thiago", "Vinícius",
    "Wellington", "Wesley",
)  # fmt: skip

PORTUGUESE_SURNAMES: tuple[str, ...] = (
    "Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira", "Lima",
    "Gomes", "Almeida", "Andrade", "Araújo", "Barbosa", "Cardoso", "Carvalho", "Conceição",
    "Costa", "Dias", "Fernandes", "Freitas", "Gonçalves", "Lopes", "Machado", "Magalhães",
    "Marques", "Martins", "Mendes", "Moreira", "Nascimento", "Nunes", "Ribeiro", "Rocha",
    "Santana", "Soares", "Teixeira", "Vieira",
)  # fmt: skip


class UsCity(NamedTuple):
    """A city where sponsors live: ZIP codes of its immigrant neighbourhoods, its area codes."""

    name: str
    state: str
    zip_codes: tuple[str, ...]
    area_codes: tuple[str, ...]
    weight: float


US_CITIES: tuple[UsCity, ...] = (
    UsCity("Houston", "TX", ("77036", "77081", "77074", "77099"), ("713", "832", "281"), 12),
    UsCity("Los Angeles", "CA", ("90011", "90003", "90044", "90001"), ("213", "323"), 9),
    UsCity("Miami", "FL", ("33125", "33135", "33126", "33144"), ("305", "786"), 9),
    UsCity("New York", "NY", ("10032", "10033", "10040", "10031"), ("212", "646"), 7),
    UsCity("Bronx", "NY", ("10453", "10457", "10468"), ("718", "347"), 4),
    UsCity("Dallas", "TX", ("75211", "75217", "75228"), ("214", "469"), 6),
    UsCity("San Antonio", "TX", ("78207", "78237", "78228"), ("210",), 3),
    UsCity("Charlotte", "NC", ("28205", "28212"), ("704", "980"), 4),
    UsCity("Raleigh", "NC", ("27610",), ("919",), 2),
    UsCity("Atlanta", "GA", ("30303", "30310"), ("404", "678"), 4),
    UsCity("Norcross", "GA", ("30093",), ("770",), 2),
    UsCity("Denver", "CO", ("80219", "80204"), ("303", "720"), 3),
    UsCity("Chicago", "IL", ("60623", "60632", "60608"), ("312", "773"), 4),
    UsCity("Newark", "NJ", ("07105", "07104"), ("973",), 3),
    UsCity("Elizabeth", "NJ", ("07201", "07206"), ("908",), 2),
    UsCity("Boston", "MA", ("02128",), ("617",), 2),
    UsCity("Hyattsville", "MD", ("20783",), ("301",), 2),
    UsCity("Silver Spring", "MD", ("20903",), ("301", "240"), 2),
    UsCity("Nashville", "TN", ("37211",), ("615",), 2),
    UsCity("Memphis", "TN", ("38118",), ("901",), 1),
    UsCity("Orlando", "FL", ("32822",), ("407",), 2),
    UsCity("New Orleans", "LA", ("70119",), ("504",), 2),
    UsCity("Phoenix", "AZ", ("85009", "85033"), ("602",), 2),
    UsCity("Las Vegas", "NV", ("89101",), ("702",), 2),
    UsCity("Oakland", "CA", ("94601",), ("510",), 1),
    UsCity("San Francisco", "CA", ("94110",), ("415",), 1),
    UsCity("Seattle", "WA", ("98108",), ("206",), 1),
    UsCity("Salt Lake City", "UT", ("84104",), ("801",), 1),
    UsCity("Omaha", "NE", ("68107",), ("402",), 1),
    UsCity("Kansas City", "KS", ("66102",), ("913",), 1),
    UsCity("Indianapolis", "IN", ("46222",), ("317",), 1),
    UsCity("Philadelphia", "PA", ("19140",), ("215",), 1),
    UsCity("Brentwood", "NY", ("11717",), ("631",), 1),
)

STREET_NAMES: tuple[str, ...] = (
    "Main St", "Oak St", "Maple Ave", "Elm St", "Pine St", "Cedar Ave", "Washington Ave",
    "Lincoln Ave", "Park Ave", "Lake St", "Hill St", "Church St", "Broadway", "Central Ave",
    "Bellaire Blvd", "Gessner Rd", "Fondren Rd", "Hillcroft Ave", "Harwin Dr", "Airline Dr",
    "Florida Ave", "Flagler St", "SW 8th St", "W 1st St", "NW 7th St", "E 4th St",
    "Amsterdam Ave", "St Nicholas Ave", "Fort Washington Ave", "Grand Concourse",
    "Compton Ave", "Vermont Ave", "Figueroa St", "Ferry St", "Elizabeth Ave",
    "Buford Hwy", "Federal Blvd", "Morrison Rd", "W 26th St", "S Pulaski Rd", "N Tryon St",
    "Nolensville Pike", "Bladensburg Rd", "University Blvd", "Meridian St",
)  # fmt: skip

# Mexican area codes of the border cities where people waited under MPP.
MEXICAN_AREA_CODES: tuple[str, ...] = ("664", "686", "656", "878", "867", "899", "868")

EMAIL_DOMAINS: tuple[str, ...] = ("example.com", "example.net", "example.org")

NOTES: tuple[str, ...] = (
    "Registrado en el campamento de Matamoros",
    "Vive en albergue",
    "Llamar antes de las 10 a. m.",
    "Contacto en EE. UU. confirmado",
    "Perdió su documentación; tiene copia del NTA",
    "Solicita intérprete",
    "Dirección en EE. UU. por confirmar",
    "Cambió de número de teléfono",
    "Registrado por línea de apoyo telefónico",
    "Audiencia reprogramada en 2020",
)
