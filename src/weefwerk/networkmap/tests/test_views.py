"""The table pages: lists with sorting and filters, forms, members, import and export, access."""

from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from weefwerk.engine import interchange
from weefwerk.networkmap import conversion
from weefwerk.networkmap.models import Connection, Element, ImportBatch, Position
from weefwerk.trajectories.tests.factories import make_trajectory

SAMPLES = Path(__file__).resolve().parents[5] / "shared" / "samples"


class Page(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.h1 = 0
        self.label_for = set()
        self.controls = []
        self.ids = []
        self._in_label = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "h1":
            self.h1 += 1
        elif tag == "label":
            self._in_label += 1
            if a.get("for"):
                self.label_for.add(a["for"])
        elif tag in ("input", "select", "textarea"):
            if a.get("type") in ("hidden", "submit", "button"):
                return
            self.controls.append((a, self._in_label > 0))

    def handle_endtag(self, tag):
        if tag == "label" and self._in_label:
            self._in_label -= 1

    def problems(self):
        found = []
        if self.h1 != 1:
            found.append(f"{self.h1} h1")
        for a, wrapped in self.controls:
            if not (wrapped or a.get("aria-label") or a.get("id") in self.label_for):
                found.append(f"no label for {a.get('name')}")
        if len(self.ids) != len(set(self.ids)):
            found.append("duplicate ids")
        return found


def url(name, trajectory, *args):
    return reverse(f"networkmap:{name}", args=[trajectory.pk, *args])


def sound(response):
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    assert Page(html).problems() == []
    return html


def test_every_page_is_sound(facilitator_client, trajectory, network):
    from weefwerk.networkmap import services

    snapshot = services.snapshot_take(trajectory=trajectory, name="Start")
    pages = [
        url("elements", trajectory),
        url("elements", trajectory) + "?sort=-verbindingen&kind=organisation",
        url("element", trajectory, network["table"].pk),
        url("element_create", trajectory),
        url("element_edit", trajectory, network["org_a"].pk),
        url("element_delete", trajectory, network["org_a"].pk),
        url("element_merge", trajectory, network["org_a"].pk),
        url("connections", trajectory),
        url("connections", trajectory) + "?sort=sterkte",
        url("connection_create", trajectory),
        url("connection_edit", trajectory, network["works"].pk),
        url("groups", trajectory),
        url("group", trajectory, network["table"].pk),
        url("organisation_level", trajectory),
        url("sync_records", trajectory),
        url("proposals", trajectory),
        url("participant_links", trajectory),
        url("snapshots", trajectory),
        url("snapshot", trajectory, snapshot.pk),
        url("snapshot_compare", trajectory),
        url("import", trajectory),
        url("export", trajectory),
    ]
    for page in pages:
        sound(facilitator_client.get(page))


def test_elements_sort_and_filter(facilitator_client, trajectory, network):
    html = sound(facilitator_client.get(url("elements", trajectory) + "?sort=-naam"))
    assert html.index("Wijkteamoverleg") < html.index("De Regenboog")
    assert 'aria-sort="descending"' in html
    html = sound(facilitator_client.get(url("elements", trajectory) + "?tag=voedsel"))
    assert "Voedselbank" in html and "Wijkteamoverleg" not in html
    html = sound(facilitator_client.get(url("elements", trajectory) + "?kind=table&q=wijk"))
    assert "Wijkteamoverleg" in html and "De Regenboog" not in html


def test_create_edit_and_delete_an_element(facilitator_client, trajectory, network):
    response = facilitator_client.post(
        url("element_create", trajectory),
        {
            "kind": "programme",
            "label": "Kansrijke Start",
            "tags": "jeugd, armoede",
            "status": "active",
        },
    )
    element = Element.objects.get(label="Kansrijke Start")
    assert response.status_code == 302
    assert element.tags == ["jeugd", "armoede"]
    response = facilitator_client.post(
        url("element_edit", trajectory, element.pk),
        {
            "kind": "programme",
            "label": "Kansrijke Start",
            "rhythm": "elke week",
            "status": "active",
        },
    )
    element.refresh_from_db()
    assert element.rhythm == "elke week"
    assert facilitator_client.post(url("element_delete", trajectory, element.pk)).status_code == 302
    assert not Element.objects.filter(pk=element.pk).exists()


def test_a_connection_form_checks_its_ends(facilitator_client, trajectory, network):
    data = {
        "source": network["org_a"].pk,
        "target": network["org_a"].pk,
        "kind": "refers_to",
        "direction": "directed",
        "strength": 2,
        "status": "active",
    }
    response = facilitator_client.post(url("connection_create", trajectory), data)
    assert response.status_code == 200
    assert "Kies een ander element" in response.content.decode()
    data["target"] = network["org_b"].pk
    assert facilitator_client.post(url("connection_create", trajectory), data).status_code == 302
    assert Connection.objects.filter(kind="refers_to").count() == 1


def test_members_of_a_table(facilitator_client, trajectory, network):
    table = network["table"]
    html = sound(facilitator_client.get(url("groups", trajectory)))
    assert "Wijkteamoverleg" in html and "voorzitter" in html and "De huisarts ontbreekt." in html
    response = facilitator_client.post(
        url("group", trajectory, table.pk), {"member": network["org_b"].pk, "role": "occasional"}
    )
    assert response.status_code == 302
    tie = Connection.objects.get(source=network["org_b"], target=table)
    assert (tie.kind, tie.role) == ("takes_part_in", "occasional")
    response = facilitator_client.post(url("member_remove", trajectory, table.pk, tie.pk))
    assert response.status_code == 302
    assert not Connection.objects.filter(pk=tie.pk).exists()


def test_sync_creates_elements_for_records(facilitator_client, trajectory, network):
    from weefwerk.people.models import Organisation, Person

    org = Organisation.objects.create(trajectory=trajectory, name="GGD", is_formal=True)
    Person.objects.create(trajectory=trajectory, name="Piet", organisation=org)
    assert facilitator_client.post(url("sync_records", trajectory)).status_code == 302
    piet = Element.objects.get(person__name="Piet")
    ggd = Element.objects.get(organisation=org)
    tie = Connection.objects.get(source=piet, target=ggd)
    assert (tie.kind, tie.custom_kind) == ("custom", "werkt bij")
    # Sanne already had an element; she gets her "werkt bij" tie to her school.
    assert Connection.objects.filter(
        source=network["person"], target=network["org_b"], custom_kind="werkt bij"
    ).exists()
    facilitator_client.post(url("sync_records", trajectory))
    assert Element.objects.filter(person__name="Piet").count() == 1


def upload(client, trajectory, path_or_bytes, name=None):
    data = path_or_bytes.read_bytes() if isinstance(path_or_bytes, Path) else path_or_bytes
    name = name or path_or_bytes.name
    return client.post(url("import", trajectory), {"file": SimpleUploadedFile(name, data)})


def test_import_preview_then_confirm(facilitator_client, trajectory):
    path = SAMPLES / "kumu" / "snap-to-tutorial-project.json"
    response = upload(facilitator_client, trajectory, path)
    assert response.status_code == 302
    assert not Element.objects.filter(trajectory=trajectory).exists()
    preview = sound(facilitator_client.get(response["Location"]))
    assert "51 nieuwe elementen" in preview and "113 nieuwe verbindingen" in preview
    done = facilitator_client.post(response["Location"], {"action": "confirm"})
    assert done.status_code == 302
    assert Element.objects.filter(trajectory=trajectory).count() == 51
    assert Connection.objects.filter(trajectory=trajectory).count() == 113
    assert Position.objects.filter(map__trajectory=trajectory).count() == 51
    assert ImportBatch.objects.get().status == "done"
    # Confirming twice imports nothing more.
    facilitator_client.post(response["Location"], {"action": "confirm"})
    assert Element.objects.filter(trajectory=trajectory).count() == 51


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("kapot.xlsx", b"PK\x03\x04 dit is geen zip", "kapot.xlsx"),
        (
            "kaart.csv",
            b"Label,Type\nA,Organisatie\nA,Persoon\n",
            "kaart.csv",
        ),
        (
            "bom.gexf",
            b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><gexf></gexf>',
            "bom.gexf",
        ),
    ],
)
def test_a_broken_file_imports_nothing_and_says_why(
    facilitator_client, trajectory, name, data, message
):
    response = upload(facilitator_client, trajectory, data, name)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Er is niets opgeslagen" in html
    assert message in html
    assert not Element.objects.filter(trajectory=trajectory).exists()
    assert not ImportBatch.objects.exists()


def test_a_connection_to_an_unknown_element_is_named(facilitator_client, trajectory):
    data = (
        b'<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
        b'<graph edgedefault="directed"><node id="a"/><edge id="e1" source="a" target="zzz"/>'
        b"</graph></graphml>"
    )
    response = upload(facilitator_client, trajectory, data, "kaart.graphml")
    assert response.status_code == 400
    html = response.content.decode()
    assert "kaart.graphml" in html and "zzz" in html
    assert not Element.objects.filter(trajectory=trajectory).exists()


def test_export_in_every_format(facilitator_client, trajectory, network):
    for name, info in interchange.FORMATS.items():
        response = facilitator_client.get(url("export", trajectory) + f"?formaat={name}")
        assert response.status_code == 200, name
        assert response["Content-Type"] == info.media_type
        assert "attachment" in response["Content-Disposition"]
        back = interchange.read(response.content, format=name, name="export")
        assert len(back.elements) == 4, name


def test_manager_reads_but_cannot_write(client, manager, trajectory, network):
    client.force_login(manager)
    assert client.get(url("elements", trajectory)).status_code == 200
    assert client.get(url("groups", trajectory)).status_code == 200
    assert client.get(url("export", trajectory) + "?formaat=gexf").status_code == 200
    for name, args in [
        ("element_create", []),
        ("element_edit", [network["org_a"].pk]),
        ("element_delete", [network["org_a"].pk]),
        ("connection_create", []),
        ("import", []),
        ("sync_records", []),
        ("participant_links", []),
    ]:
        assert client.get(url(name, trajectory, *args)).status_code == 403, name
    before = Element.objects.count(), Connection.objects.count()
    for name, args, data in [
        ("element_delete", [network["org_a"].pk], {}),
        ("group", [network["table"].pk], {"member": network["org_b"].pk, "role": "member"}),
        ("member_remove", [network["table"].pk, network["works"].pk], {}),
        ("proposals", [], {"action": "accept_all"}),
        ("snapshots", [], {"name": "x"}),
    ]:
        assert client.post(url(name, trajectory, *args), data).status_code == 403, name
    assert (Element.objects.count(), Connection.objects.count()) == before


def test_non_member_gets_404(client, outsider, trajectory, network):
    client.force_login(outsider)
    own = make_trajectory(user=outsider, name="Eigen traject")
    for name, args in [
        ("elements", []),
        ("element", [network["org_a"].pk]),
        ("group", [network["table"].pk]),
        ("export", []),
        ("snapshot_compare_json", []),
    ]:
        assert client.get(url(name, trajectory, *args)).status_code == 404, name
    # Their own trajectory with this trajectory's objects: 404 too.
    assert client.get(url("element", own, network["org_a"].pk)).status_code == 404
    assert client.post(url("element_delete", own, network["org_a"].pk)).status_code == 404
    assert Element.objects.filter(pk=network["org_a"].pk).exists()


def test_organisation_level_projection(trajectory, network):
    from weefwerk.networkmap.selectors import organisation_projection

    projection = organisation_projection(trajectory)
    labels = {node["label"] for node in projection["nodes"]}
    assert labels == {"Voedselbank", "De Regenboog"}
    (edge,) = projection["edges"]
    # Direct tie, and both sit at the Wijkteamoverleg (De Regenboog through Sanne).
    assert edge["direct"] == 1
    assert edge["shared_groups"] == 1
    assert edge["weight"] == 2


def test_anonymous_is_sent_to_login(trajectory):
    response = Client().get(url("elements", trajectory))
    assert response.status_code == 302
    assert "inloggen" in response["Location"]


def test_conversion_keeps_the_table_members(trajectory, network):
    exported = conversion.to_network(trajectory)
    roles = {c.fields.get("Rol") for c in exported.connections}
    assert {"voorzitter", "lid"} <= roles


def test_import_a_pair_of_csv_files(facilitator_client, trajectory):
    response = facilitator_client.post(
        url("import", trajectory),
        {
            "file": SimpleUploadedFile("elementen.csv", b"Label,Type\nA,Organisatie\nB,Persoon\n"),
            "connections_file": SimpleUploadedFile(
                "verbindingen.csv", b"From,To,Type\nB,A,werkt bij\n"
            ),
        },
    )
    assert response.status_code == 302
    facilitator_client.post(response["Location"], {"action": "confirm"})
    tie = Connection.objects.get(trajectory=trajectory)
    assert (tie.source.label, tie.target.label, tie.custom_kind) == ("B", "A", "werkt bij")
    assert tie.source.kind == "person"


# Custom fields ("eigen velden") through the forms.


def rows(*pairs, initial=0):
    """The custom fields editor's part of a POST: (name, value) per row."""
    data = {
        "eigen-TOTAL_FORMS": len(pairs),
        "eigen-INITIAL_FORMS": initial,
        "eigen-MIN_NUM_FORMS": 0,
        "eigen-MAX_NUM_FORMS": 1000,
    }
    for index, (name, value) in enumerate(pairs):
        data[f"eigen-{index}-name"] = name
        data[f"eigen-{index}-value"] = value
    return data


ORG_A = {"kind": "organisation", "label": "Voedselbank", "status": "active"}


def test_custom_fields_are_added_changed_and_removed(facilitator_client, trajectory, network):
    from weefwerk.networkmap import services

    element = network["org_a"]
    services.element_update(
        element,
        custom_fields={"Website": "https://a.example", "Medewerkers": 12, "Thema's": ["eten"]},
    )
    html = sound(facilitator_client.get(url("element_edit", trajectory, element.pk)))
    # The three fields and two empty rows to add one.
    assert 'name="eigen-TOTAL_FORMS" value="5"' in html
    assert 'value="https://a.example"' in html and 'value="12"' in html
    response = facilitator_client.post(
        url("element_edit", trajectory, element.pk),
        {
            **ORG_A,
            **rows(
                ("Website", " https://b.example "),
                ("Medewerkers", "12"),
                ("", "eten"),  # a cleared name removes the field
                ("  Spreekuur ", "ma 9-12"),
                ("", ""),
                initial=3,
            ),
        },
    )
    assert response.status_code == 302
    element.refresh_from_db()
    # Trimmed; the untouched number keeps its type.
    assert element.custom_fields == {
        "Website": "https://b.example",
        "Medewerkers": 12,
        "Spreekuur": "ma 9-12",
    }
    # A post without the rows (another client) leaves them alone.
    facilitator_client.post(url("element_edit", trajectory, element.pk), ORG_A)
    element.refresh_from_db()
    assert element.custom_fields["Spreekuur"] == "ma 9-12"


def test_custom_field_errors_keep_what_was_typed(facilitator_client, trajectory, network):
    element = network["org_a"]
    response = facilitator_client.post(
        url("element_edit", trajectory, element.pk),
        {
            **ORG_A,
            "label": "Voedselbank Noord",
            **rows(
                ("Website", "https://a.example"),
                ("website", "https://b.example"),
                ("", "zonder naam"),
                ("Status", "druk"),
                ("x" * 101, "te lang"),
            ),
        },
    )
    assert response.status_code == 200
    html = sound(response)
    assert "Kijk bij de eigen velden" in html
    assert "Deze naam staat er al." in html
    assert "Geef deze waarde een naam" in html
    assert "Weefwerk gebruikt deze naam al zelf." in html
    assert "niet meer dan 100 tekens" in html
    for typed in ("https://b.example", "zonder naam", "druk", "Voedselbank Noord"):
        assert f'value="{typed}"' in html
    assert 'aria-invalid="true"' in html
    element.refresh_from_db()
    assert element.label == "Voedselbank" and element.custom_fields == {}


def test_custom_fields_on_the_pages_and_in_a_kumu_export(facilitator_client, trajectory, network):
    element = network["org_a"]
    facilitator_client.post(
        url("element_edit", trajectory, element.pk),
        {**ORG_A, **rows(("Website", "https://a.example"), ("<b>Let op</b>", "a & b"))},
    )
    connection = {
        "source": network["org_b"].pk,
        "target": network["person"].pk,
        "kind": "works_with",
        "direction": "undirected",
        "strength": 2,
        "status": "active",
    }
    response = facilitator_client.post(
        url("connection_create", trajectory), {**connection, **rows(("Sinds", "2024"))}
    )
    assert response.status_code == 302
    assert Connection.objects.get(source=network["org_b"]).custom_fields == {"Sinds": "2024"}

    html = sound(facilitator_client.get(url("element", trajectory, element.pk)))
    assert "<dt>Website</dt><dd>https://a.example</dd>" in html
    assert "<dt>&lt;b&gt;Let op&lt;/b&gt;</dt><dd>a &amp; b</dd>" in html
    html = sound(facilitator_client.get(url("connections", trajectory)))
    assert "Sinds: 2024" in html

    response = facilitator_client.get(url("export", trajectory) + "?formaat=kumu-xlsx")
    back = interchange.read(response.content, format="kumu-xlsx", name="export")
    exported = {e.label: e.fields for e in back.elements}
    assert exported["Voedselbank"]["Website"] == "https://a.example"
    assert exported["Voedselbank"]["<b>Let op</b>"] == "a & b"
    assert [c.fields["Sinds"] for c in back.connections if "Sinds" in c.fields] == ["2024"]
