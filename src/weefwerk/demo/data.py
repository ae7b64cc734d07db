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

# --------------------------------------------------------------------------------------------
# The trajectory in progress: steps 0 to 3 were held, steps 4 and 5 and the follow-up lie ahead.

SEED = 20261124
# Weeks between the held sessions (step 0 -> 1, 1 -> 2, 2 -> 3); step 3 was last week or so.
WEEKS_BEFORE = {0: 2, 1: 3, 2: 3}
WEEKS_AHEAD = 3  # steps 4 and 5, each three weeks after the one before
HELD_STEPS = (0, 1, 2, 3)

# People who knew each other before the trajectory, apart from colleagues (who always do).
KNEW_EACH_OTHER = [
    ("Anouk Verbeek", "Joost van Dalen"),
    ("Anouk Verbeek", "Fatima Bouzid"),
    ("Joost van Dalen", "Henk Oudshoorn"),
    ("Lotte Janssens", "Esther de Waal"),
    ("Lotte Janssens", "Nienke Postma"),
    ("Gerard Kok", "Johan Dekker"),
    ("Fatima Bouzid", "Rob Timmermans"),
    ("Rob Timmermans", "Demi Willems"),
]

# Who came to each held session. Everybody else of the participants was present.
PROJECT_TEAM_PRESENT = ["Anouk Verbeek", "Fatima Bouzid"]  # step 0 is the project team's
ABSENT = {
    1: ["Karim Benali", "Mehmet Yilmaz", "Hans Peters", "Petra Smulders", "Maria Santos"],
    2: ["Tom Verhoeven", "Dennis Brouwer", "Wilma Jonker", "Hans Peters"],
    3: ["Karim Benali", "Petra Smulders", "Marloes Kuipers", "Bram Hoekstra"],
}
# step: (who could not come, the colleague who came instead)
SENT_COLLEAGUE = {2: ("Joost van Dalen", "Petra Smulders")}

# --------------------------------------------------------------------------------------------
# The network map. People and organisations on the map are linked to their records.

MAP_PEOPLE = {
    # step after which the person is on the map
    0: ["Anouk Verbeek", "Fatima Bouzid"],
    1: [
        "Joost van Dalen",
        "Henk Oudshoorn",
        "Lotte Janssens",
        "Esther de Waal",
        "Nienke Postma",
        "Sanne Mulder",
        "Gerard Kok",
        "Johan Dekker",
        "Erik Vos",
        "Yvonne Bakker",
        "Carla Hendriks",
        "Rob Timmermans",
        "Linda Schouten",
    ],
}

# The organisations around the map, related ones side by side (for the saved positions).
MAP_ORDER = [
    "Gemeente Lindeveen, team Inkomen",
    "Schuldhulp Lindeveen",
    "Budgetmaatjes Oosterhoek",
    "Woonstichting Lindeveen",
    "Voedselbank Lindeveen",
    "Protestantse gemeente Lindeveen",
    "Buurtkamer De Schakel",
    "Stichting Welzijn De Linde",
    "Kindcentrum Het Anker",
    "Basisschool De Regenboog",
    "Sportief Lindeveen",
    "JGZ Lindeveen",
    "Huisartsenpraktijk Oosterhoek",
    "Wijkteam Oosterhoek",
]
# People without an organisation stand next to this one on the map.
NO_ORGANISATION = "Buurtkamer De Schakel"

# label: (kind, rhythm, description, missing_note, domains)
GROUP_ELEMENTS = {
    "Zorgoverleg Oosterhoek": (
        "table",
        "elke maand",
        "Wijkteam, JGZ en scholen bespreken gezinnen die vastlopen.",
        "Schuldhulp en de voedselbank schuiven zelden aan.",
        ["Wijkteam", "Jeugdgezondheidszorg"],
    ),
    "Zorg- en adviesteam De Regenboog": (
        "table",
        "elke zes weken",
        "Het zorg- en adviesteam van de school: intern begeleider, JGZ en wijkteam.",
        "",
        ["Onderwijs"],
    ),
    "Armoedeplatform Lindeveen": (
        "table",
        "elk kwartaal",
        "Gemeente, hulpverleners en vrijwilligers praten over armoedebeleid.",
        "Ervaringsdeskundigen en scholen ontbreken.",
        ["Gemeente / inkomen"],
    ),
    "Kindpakket Lindeveen": (
        "programme",
        "",
        "Eén aanvraag voor schoolspullen, sport, zwemles en een fiets.",
        "",
        ["Gemeente / inkomen", "Sport en cultuur"],
    ),
    "Moedersnetwerk Oosterhoek": (
        "informal",
        "elke week, op woensdag",
        "Moeders uit de wijk helpen elkaar met kleding, oppas en de weg naar hulp.",
        "",
        ["Ervaringsdeskundigheid"],
    ),
}

# group label -> [(member, role)]; members are people or organisations on the map
MEMBERS = {
    "Zorgoverleg Oosterhoek": [
        ("Lotte Janssens", "chair"),
        ("Esther de Waal", "member"),
        ("Nienke Postma", "member"),
        ("Sanne Mulder", "member"),
        ("Joost van Dalen", "occasional"),
        ("Carla Hendriks", "occasional"),
    ],
    "Zorg- en adviesteam De Regenboog": [
        ("Nienke Postma", "chair"),
        ("Lotte Janssens", "member"),
        ("Esther de Waal", "member"),
    ],
    "Armoedeplatform Lindeveen": [
        ("Anouk Verbeek", "chair"),
        ("Joost van Dalen", "member"),
        ("Henk Oudshoorn", "member"),
        ("Gerard Kok", "member"),
        ("Johan Dekker", "member"),
        ("Fatima Bouzid", "member"),
        ("Erik Vos", "member"),
        ("Rob Timmermans", "occasional"),
    ],
    "Kindpakket Lindeveen": [
        ("Sportief Lindeveen", "member"),
        ("Voedselbank Lindeveen", "member"),
        ("Yvonne Bakker", "member"),
        ("Fatima Bouzid", "member"),
    ],
}

# (source, target, kind, direction, strength, note)
TIES = [
    ("Wijkteam Oosterhoek", "Schuldhulp Lindeveen", "refers_to", "directed", 2, ""),
    ("Schuldhulp Lindeveen", "Budgetmaatjes Oosterhoek", "works_with", "mutual", 3, ""),
    ("Voedselbank Lindeveen", "Schuldhulp Lindeveen", "refers_to", "directed", 2, ""),
    ("Protestantse gemeente Lindeveen", "Voedselbank Lindeveen", "works_with", "mutual", 3, ""),
    ("JGZ Lindeveen", "Wijkteam Oosterhoek", "refers_to", "directed", 2, ""),
    ("Basisschool De Regenboog", "Wijkteam Oosterhoek", "refers_to", "directed", 2, ""),
    ("Kindcentrum Het Anker", "Stichting Welzijn De Linde", "works_with", "mutual", 2, ""),
    ("Woonstichting Lindeveen", "Schuldhulp Lindeveen", "refers_to", "directed", 2, ""),
    ("Sportief Lindeveen", "Basisschool De Regenboog", "works_with", "mutual", 2, ""),
    ("Huisartsenpraktijk Oosterhoek", "Wijkteam Oosterhoek", "refers_to", "directed", 1, ""),
    (
        "Gemeente Lindeveen, team Inkomen",
        "Stichting Welzijn De Linde",
        "funds",
        "directed",
        3,
        "Subsidie voor opbouwwerk en jongerenwerk.",
    ),
    ("Gemeente Lindeveen, team Inkomen", "Kindpakket Lindeveen", "funds", "directed", 3, ""),
    ("Buurtkamer De Schakel", "Stichting Welzijn De Linde", "works_with", "mutual", 2, ""),
    ("Buurtkamer De Schakel", "Moedersnetwerk Oosterhoek", "works_with", "mutual", 3, ""),
    ("Linda Schouten", "Moedersnetwerk Oosterhoek", "takes_part_in", "directed", 3, ""),
]

# "Als ik niet meer weet wat ik moet doen, dan bel ik ...": who names whom (on the phone form).
# The last two are not reviewed yet.
CALLS_WHEN_STUCK = [
    ("Nienke Postma", "Lotte Janssens"),
    ("Esther de Waal", "Lotte Janssens"),
    ("Sanne Mulder", "Lotte Janssens"),
    ("Carla Hendriks", "Lotte Janssens"),
    ("Joost van Dalen", "Lotte Janssens"),
    ("Gerard Kok", "Fatima Bouzid"),
    ("Johan Dekker", "Fatima Bouzid"),
    ("Rob Timmermans", "Fatima Bouzid"),
    ("Yvonne Bakker", "Fatima Bouzid"),
    ("Linda Schouten", "Fatima Bouzid"),
    ("Henk Oudshoorn", "Fatima Bouzid"),
    ("Lotte Janssens", "Joost van Dalen"),
    ("Erik Vos", "Joost van Dalen"),
    ("Anouk Verbeek", "Joost van Dalen"),
    ("Fatima Bouzid", "Gerard Kok"),
    ("Esther de Waal", "Carla Hendriks"),
    ("Erik Vos", "Fatima Bouzid"),
]
UNREVIEWED_CALLS = 2
# A participant's answer that names an organisation not on the map yet (left for review).
PROPOSED_ORGANISATION = ("Carla Hendriks", "Apotheek Oosterhoek")
PROPOSED_NEAR = "Huisartsenpraktijk Oosterhoek"
CONFIRMED_WEBBER = "Fatima Bouzid"

# --------------------------------------------------------------------------------------------
# Live notes. step -> list of (author, category or "", text); the category is the column.

NOTES_STEP_1 = [
    ("Nienke Postma", "", "Geen kind zit zonder lunch op school."),
    ("Gerard Kok", "", "Gezinnen vinden ons voordat de schulden te hoog zijn."),
    ("Yvonne Bakker", "", "Elk kind kan sporten, ook zonder geld thuis."),
    ("Lotte Janssens", "", "We weten van elkaar wie wat doet."),
    ("Linda Schouten", "", "Ouders voelen zich niet beoordeeld als ze hulp vragen."),
    ("Johan Dekker", "", "De kerk en de gemeente werken samen in plaats van langs elkaar heen."),
]

# Step 2: the case questions (columns), notes per column index.
NOTES_STEP_2 = [
    ("Esther de Waal", 0, "Rust en een vaste plek om te slapen."),
    ("Sanne Mulder", 0, "Een volwassene op school die het ziet."),
    ("Mehmet Yilmaz", 0, "Gewoon meedoen met zwemles en voetbal."),
    ("Petra Smulders", 1, "Ik kan de schulden op een rij zetten, als ze bij ons komt."),
    ("Henk Oudshoorn", 2, "Overzicht in de post en de rekeningen."),
    ("Erik Vos", 2, "Een regeling voor de huurachterstand voordat het misgaat."),
    ("Demi Willems", 2, "Iemand die niet oordeelt en meegaat naar de eerste afspraak."),
]

# Step 3, round 1: the case questions (the columns of the wall), notes per column index.
NOTES_STEP_3 = [
    ("Lotte Janssens", 0, "Een warme maaltijd en iemand die vraagt hoe het gaat."),
    ("Nienke Postma", 0, "Dat de oudste weer kan voetballen."),
    ("Gerard Kok", 1, "Wij zien de moeder pas als het eten al op is."),
    ("Sanne Mulder", 1, "Ik kan het gesprek op school beginnen."),
    ("Joost van Dalen", 2, "Ze wil niets met de gemeente te maken hebben."),
    ("Esther de Waal", 2, "Privacyregels: mag ik de school bellen?"),
    ("Carla Hendriks", 2, "Ik weet niet wie ik moet bellen voor geldzorgen."),
    ("Johan Dekker", 2, "Schaamte. Ze vraagt pas hulp als het niet meer anders kan."),
    ("Tom Verhoeven", 2, "Als leerkracht weet ik niet wat ik mag zeggen."),
    ("Yvonne Bakker", 3, "Het Jeugdfonds regelde binnen een week de contributie."),
    ("Fatima Bouzid", 3, "De buurtkamer is een plek waar ze wel durft te komen."),
    ("Linda Schouten", 4, "Eén plek waar je met al je vragen terechtkunt."),
    ("Henk Oudshoorn", 4, "Iemand die de schuld van de toeslag uitzoekt."),
    ("Rob Timmermans", 5, "De diaconie van de kerk."),
    ("Erik Vos", 5, "Schuldhulp, en snel."),
    ("Wilma Jonker", 5, "Een budgetmaatje."),
]
# cluster name -> indexes into NOTES_STEP_3
CLUSTERS_STEP_3 = {
    "Schaamte en wantrouwen": [4, 7],
    "Wat mag ik delen?": [5, 8],
    "Wie bel ik?": [6],
}
# Dots: voter -> indexes into NOTES_STEP_3 (three dots each)
VOTES_STEP_3 = {
    "Lotte Janssens": [5, 7, 11],
    "Gerard Kok": [7, 11, 11],
    "Sanne Mulder": [5, 8, 6],
    "Johan Dekker": [7, 11, 4],
    "Linda Schouten": [7, 7, 11],
    "Esther de Waal": [5, 6, 11],
    "Fatima Bouzid": [7, 6, 11],
    "Joost van Dalen": [4, 6, 12],
}
NOTES_STEP_3_ROUND_2 = [
    ("Lotte Janssens", "Het zorgoverleg bespreekt gezinnen, maar zonder schuldhulp."),
    ("Anouk Verbeek", "Het armoedeplatform praat over beleid, niet over gezinnen."),
    ("Demi Willems", "Het moedersnetwerk kent veel gezinnen die nergens in beeld zijn."),
    ("Gerard Kok", "Best vertegenwoordigd: wijkteam, schuldhulp en de voedselbank."),
]

CASE_KEY = "moeder-met-twee-banen"
CASE_DISCUSSION = {
    "group_label": "Groep 1",
    "child_needs": (
        "Eten op tafel, ook aan het eind van de maand. De oudste wil weer voetballen; de "
        "middelste dochter heeft een lunch en rust nodig."
    ),
    "own_role": (
        "School ziet de dochter elke dag. De voedselbank en de kerk kunnen snel iets doen. "
        "Schuldhulp kan de terugvordering uitzoeken."
    ),
    "obstacles": (
        "De moeder schaamt zich en vertrouwt de gemeente niet. De juf weet niet wat ze mag vragen."
    ),
    "proud_of": "Het Jeugdfonds kan de contributie binnen een week betalen.",
    "missing": "Iemand die de moeder vertrouwt en die de weg weet naar schuldhulp.",
    "needed": (
        "Voedselbank Lindeveen\nDiaconie van de kerk\nSportief Lindeveen (Jeugdfonds)\n"
        "Werkgever van de moeder"
    ),
}
# line of "needed" -> map element it is linked to
NEEDED_LINKS = {
    "Voedselbank Lindeveen": "Voedselbank Lindeveen",
    "Diaconie van de kerk": "Protestantse gemeente Lindeveen",
    "Sportief Lindeveen (Jeugdfonds)": "Sportief Lindeveen",
}
# line -> (kind, label) of a party that is wanted on the map but not in the network yet
NEEDED_WANTED = {"Werkgever van de moeder": ("organisation", "Werkgevers in Lindeveen")}
WANTED_NEAR = "Gemeente Lindeveen, team Inkomen"

# step: (title, text, answers {person: text})
HOMEWORK = {
    2: (
        "Neem een casus mee",
        "Neem voor de volgende bijeenkomst een (anonieme) casus mee van een gezin dat "
        "vastliep. Schrijf in een paar zinnen op wat er gebeurde en wie je toen belde.",
        {
            "Lotte Janssens": "Een vader met drie kinderen die zijn huur niet meer kon betalen.",
            "Nienke Postma": "Een leerling die steeds zonder gymspullen kwam.",
            "Gerard Kok": "Een moeder die pas na een jaar bij de voedselbank kwam.",
            "Esther de Waal": "Een gezin waar de baby te weinig aankwam; geld speelde mee.",
            "Johan Dekker": "Een gezin dat via de kerk om hulp vroeg voor de energierekening.",
            "Erik Vos": "Huurders die we pas zagen bij de derde aanmaning.",
        },
    ),
    3: (
        "Vul je verbindingen in",
        "Vul voor de volgende bijeenkomst op je telefoon in aan welke overleggen je deelneemt, "
        "met wie je samenwerkt en wie je belt als je vastloopt.",
        {
            "Sanne Mulder": "Gedaan. Ik neem deel aan het zorgoverleg.",
            "Yvonne Bakker": "Ingevuld, ook het Kindpakket.",
            "Henk Oudshoorn": "Ingevuld. Ik bel meestal Fatima.",
        },
    ),
}

FEEDBACK_COMMENTS = [
    "Fijn om mensen te spreken die ik alleen van de mail kende.",
    "Wat meer tijd voor de groepjes graag.",
    "De casus maakte het heel concreet.",
    "",
    "Goede sfeer. Ik weet nu wie ik kan bellen.",
    "",
    "De pauze was te kort.",
]
FEEDBACK_COUNT = {1: 9, 2: 11, 3: 10}

# "Als we nu eens ..." from the reflection of step 3: (text, raised by)
WISHES = [
    (
        "Als we nu eens één telefoonnummer hebben dat elke professional kan bellen bij "
        "geldzorgen in een gezin",
        ["Carla Hendriks", "Tom Verhoeven"],
    ),
    (
        "Als we nu eens schuldhulp elke maand laten aanschuiven bij het zorgoverleg",
        ["Lotte Janssens", "Joost van Dalen"],
    ),
    (
        "Als we nu eens op elke school een vast aanspreekpunt voor armoede hebben",
        ["Nienke Postma", "Sanne Mulder"],
    ),
    (
        "Als we nu eens ervaringsdeskundigen laten meepraten in het armoedeplatform",
        ["Linda Schouten"],
    ),
    ("Als we nu eens samen een kaart maken van wie wat doet", ["Gerard Kok"]),
    ("Als we nu eens een sociale kaart maken van alle hulp in de wijk", ["Wilma Jonker"]),
    (
        "Als we nu eens de voedselbank en de kerk samen laten inloggen op één lijst",
        ["Johan Dekker"],
    ),
]
# index of a wish -> index of the wish it is merged into
WISH_MERGES = {5: 4}
WISH_DOTS = 3
# voter -> indexes into WISHES
WISH_VOTES = {
    "Lotte Janssens": [0, 1, 1],
    "Gerard Kok": [0, 4, 6],
    "Nienke Postma": [2, 2, 0],
    "Sanne Mulder": [2, 0, 1],
    "Esther de Waal": [1, 0, 3],
    "Johan Dekker": [6, 6, 0],
    "Linda Schouten": [3, 3, 0],
    "Demi Willems": [3, 0, 4],
    "Yvonne Bakker": [0, 2, 4],
    "Erik Vos": [1, 0, 0],
    "Carla Hendriks": [0, 1, 2],
    "Henk Oudshoorn": [0, 4, 1],
}

# Agreements from the chosen wishes: wish index -> details
AGREEMENTS = {
    0: {
        "what": "Eén belnummer voor professionals met vragen over geldzorgen in een gezin",
        "owners": ["Joost van Dalen", "Anouk Verbeek"],
        "organisations": ["Schuldhulp Lindeveen", "Gemeente Lindeveen, team Inkomen"],
        "weeks": 10,
        "success_criterion": (
            "Huisartsen, scholen en de voedselbank kennen het nummer en bellen het."
        ),
        "commit": [
            "Joost van Dalen",
            "Anouk Verbeek",
            "Carla Hendriks",
            "Nienke Postma",
            "Gerard Kok",
        ],
    },
    1: {
        "what": "Schuldhulp schuift elke maand aan bij het zorgoverleg Oosterhoek",
        "owners": ["Lotte Janssens"],
        "organisations": ["Wijkteam Oosterhoek", "Schuldhulp Lindeveen"],
        "weeks": 6,
        "success_criterion": "Bij drie overleggen op rij zat iemand van schuldhulp aan tafel.",
        "commit": ["Lotte Janssens", "Joost van Dalen", "Petra Smulders"],
    },
    2: {
        "what": "Op elke basisschool een vast aanspreekpunt voor armoede",
        "owners": ["Nienke Postma", "Sanne Mulder"],
        "organisations": ["Basisschool De Regenboog", "Kindcentrum Het Anker"],
        "weeks": 16,
        "success_criterion": "Elke leerkracht weet wie het aanspreekpunt is.",
        "commit": ["Nienke Postma", "Sanne Mulder", "Tom Verhoeven", "Yvonne Bakker"],
    },
}
# One progress report, some days after step 3.
PROGRESS = {
    "agreement": 1,
    "person": "Lotte Janssens",
    "status": "under_way",
    "days_after": 6,
    "what_i_did": "Ik heb Joost uitgenodigd voor het zorgoverleg van volgende maand.",
    "what_goes_well": "Schuldhulp wil graag en heeft Petra als vaste collega aangewezen.",
    "what_not_yet_and_why": "Hoe we gezinnen bespreken zonder hun privacy te schenden.",
    "what_i_need": "Een voorbeeld van een toestemmingsformulier van een andere gemeente.",
}
