"""A fictional municipality. Every name here is made up; any likeness is coincidence."""

MUNICIPALITY = "Gemeente Lindeveen"
TRAJECTORY = {
    "name": "Samen tegen kinderarmoede in Lindeveen",
    "municipality": "Lindeveen",
    "district": "Oosterhoek",
    "ambition": (
        "Elk kind in Lindeveen kan meedoen, ook als er thuis weinig geld is. Wij kennen elkaar "
        "persoonlijk, weten wie wat doet en bellen elkaar als een gezin vastloopt."
    ),
}

REGION = "middle"
# Where the project team meets (step 0), and where the sessions are.
LOCATIONS = {False: "Gemeentehuis Lindeveen", True: "Buurthuis De Linde, Lindeveen"}

# name: (domains, formal, description)
ORGANISATIONS = {
    "Gemeente Lindeveen, team Inkomen": (
        ["Gemeente / inkomen"],
        True,
        "Bijstand, bijzondere bijstand en minimaregelingen.",
    ),
    "Schuldhulp Lindeveen": (["Schuldhulpverlening"], True, "Gemeentelijke schuldhulpverlening."),
    "Budgetmaatjes Oosterhoek": (["Budgetcoaching"], True, "Vrijwillige budgetcoaches."),
    "Stichting Welzijn De Linde": (
        ["Welzijnswerk"],
        True,
        "Welzijnswerk, opbouwwerk en jongerenwerk.",
    ),
    "Wijkteam Oosterhoek": (["Wijkteam"], True, "Sociaal wijkteam voor jeugd en gezin."),
    "JGZ Lindeveen": (["Jeugdgezondheidszorg", "GGD"], True, "Consultatiebureau en jeugdarts."),
    "Basisschool De Regenboog": (["Onderwijs"], True, "Basisschool in Oosterhoek."),
    "Kindcentrum Het Anker": (["Onderwijs", "Kinderopvang"], True, "Basisschool met kinderopvang."),
    "Voedselbank Lindeveen": (["Voedselbank"], True, "Voedselpakketten en doorverwijzing."),
    "Protestantse gemeente Lindeveen": (
        ["Kerkelijke organisaties"],
        True,
        "Diaconie en maatjesproject.",
    ),
    "Woonstichting Lindeveen": (["Woningcorporatie"], True, "Huurders met achterstand."),
    "Sportief Lindeveen": (
        ["Sport en cultuur"],
        True,
        "Jeugdfonds sport en cultuur, buurtsportcoach.",
    ),
    "Huisartsenpraktijk Oosterhoek": (
        ["Huisarts / zorg"],
        True,
        "Huisartsen en praktijkondersteuner.",
    ),
    "Buurtkamer De Schakel": (["Welzijnswerk"], False, "Informeel buurtinitiatief met inloop."),
}

# name, organisation, function, roles (fixed, team, expert, trained, manager)
PEOPLE = [
    ("Anouk Verbeek", "Gemeente Lindeveen, team Inkomen", "Beleidsadviseur armoede", "fixed team"),
    ("Ruud Hagedoorn", "Gemeente Lindeveen, team Inkomen", "Teamleider Inkomen", "manager"),
    ("Samira el Idrissi", "Gemeente Lindeveen, team Inkomen", "Klantmanager", ""),
    ("Joost van Dalen", "Schuldhulp Lindeveen", "Schuldhulpverlener", "fixed"),
    ("Petra Smulders", "Schuldhulp Lindeveen", "Intaker", ""),
    ("Henk Oudshoorn", "Budgetmaatjes Oosterhoek", "Coördinator", "fixed"),
    ("Marloes Kuipers", "Budgetmaatjes Oosterhoek", "Vrijwillig budgetcoach", ""),
    ("Fatima Bouzid", "Stichting Welzijn De Linde", "Opbouwwerker", "fixed team"),
    ("Dennis Brouwer", "Stichting Welzijn De Linde", "Jongerenwerker", ""),
    ("Ingrid Wolters", "Stichting Welzijn De Linde", "Directeur", "manager"),
    ("Lotte Janssens", "Wijkteam Oosterhoek", "Gezinscoach", "fixed"),
    ("Bram Hoekstra", "Wijkteam Oosterhoek", "Ouder- en kindadviseur", ""),
    ("Esther de Waal", "JGZ Lindeveen", "Jeugdverpleegkundige", "fixed"),
    ("Karim Benali", "JGZ Lindeveen", "Jeugdarts", ""),
    ("Nienke Postma", "Basisschool De Regenboog", "Intern begeleider", "fixed"),
    ("Tom Verhoeven", "Basisschool De Regenboog", "Leerkracht groep 7", ""),
    ("Sanne Mulder", "Kindcentrum Het Anker", "Schoolmaatschappelijk werker", "fixed"),
    ("Gerard Kok", "Voedselbank Lindeveen", "Intaker", "fixed"),
    ("Wilma Jonker", "Voedselbank Lindeveen", "Vrijwilliger", ""),
    ("Johan Dekker", "Protestantse gemeente Lindeveen", "Diaken", "fixed"),
    ("Maria Santos", "Protestantse gemeente Lindeveen", "Coördinator maatjesproject", ""),
    ("Erik Vos", "Woonstichting Lindeveen", "Huurconsulent", "fixed"),
    ("Yvonne Bakker", "Sportief Lindeveen", "Buurtsportcoach", "fixed"),
    ("Mehmet Yilmaz", "Sportief Lindeveen", "Consulent Jeugdfonds", ""),
    ("Carla Hendriks", "Huisartsenpraktijk Oosterhoek", "Praktijkondersteuner jeugd", "fixed"),
    ("Rob Timmermans", "Buurtkamer De Schakel", "Vrijwilliger", "fixed"),
    ("Linda Schouten", None, "Ervaringsdeskundige", "expert trained"),
    ("Patrick Meijer", None, "Ervaringsdeskundige", "expert trained"),
    ("Demi Willems", "Buurtkamer De Schakel", "Ervaringsdeskundige", "expert"),
    ("Hans Peters", None, "Ervaringsdeskundige", "expert"),
]

MANAGER_WISHES = {
    "Ruud Hagedoorn": ("email", "every_session"),
    "Ingrid Wolters": ("meeting", "quarterly"),
}
