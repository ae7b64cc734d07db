"""The words files use for Weefwerk's element and connection kinds, in Dutch and English.

Shared by the network map's import and the analysis command line, so that both read a KUMU,
Gephi or spreadsheet file the same way. Keys are Weefwerk's own kind names.
"""

ELEMENT_KIND_WORDS: dict[str, tuple[str, ...]] = {
    "organisation": (
        "organisation",
        "organization",
        "organisatie",
        "organisaties",
        "instelling",
        "org",
    ),
    "person": ("person", "persoon", "personen", "people", "individual", "mens"),
    "table": ("table", "overleg", "overleggen", "overlegtafel", "consultation table"),
    "programme": (
        "programme",
        "program",
        "programma",
        "project",
        "programma's",
        "projecten",
        "programma of project",
        "programme or project",
    ),
    "informal": (
        "informal",
        "informal_network",
        "informeel",
        "informeel netwerk",
        "informal network",
        "informele organisatie",
    ),
}

CONNECTION_KIND_WORDS: dict[str, tuple[str, ...]] = {
    "takes_part_in": ("takes part in", "neemt deel aan", "lid van", "member of"),
    "works_with": ("works with", "werkt samen met", "samenwerking"),
    "refers_to": ("refers to", "verwijst naar", "verwijzing"),
    "calls_when_stuck": (
        "calls when stuck",
        "belt als hij of zij vastloopt",
        "belt bij vastlopen",
    ),
    "funds": ("funds", "financiert", "financiering"),
}

# Custom fields that hold an element's domains.
DOMAIN_FIELDS = ("Domeinen", "Domains", "Domein", "Domain")


def lookup(words: dict) -> dict[str, str]:
    """Lower-cased word -> kind, including each kind's own name."""
    table = {}
    for value, names in words.items():
        table[str(value)] = value
        for name in names:
            table[name.lower()] = value
    return table


ELEMENT_KINDS = lookup(ELEMENT_KIND_WORDS)
CONNECTION_KINDS = lookup(CONNECTION_KIND_WORDS)
