"""Broken and hostile files import nothing and say why, in Dutch, with file, sheet, row and
column."""

from __future__ import annotations

import io
import json
import zipfile

import openpyxl
import pytest
from interchange_helpers import xlsx_bytes

from weefwerk.engine.interchange import (
    Connection,
    Element,
    InterchangeError,
    Network,
    dumps,
    kumu_workbook,
    read,
    write,
)
from weefwerk.engine.interchange import csv_pair as csv_module

ELEMENTS = [["Label", "Type"], ["A", "Organisatie"], ["B", "Persoon"]]


def issues_of(source, **kwargs):
    with pytest.raises(InterchangeError) as caught:
        read(source, **kwargs)
    return caught.value.issues, str(caught.value)


# --- corrupt containers ----------------------------------------------------------------------


def test_corrupt_xlsx():
    data = xlsx_bytes({"Elements": ELEMENTS})
    issues, text = issues_of(data[: len(data) // 2], name="kapot.xlsx")
    assert "beschadigd" in text and "kapot.xlsx" in text
    assert issues[0].file == "kapot.xlsx"


def test_corrupt_zip_of_csv_files():
    issues, text = issues_of(b"PK\x03\x04 dit is geen zip", name="paar.zip")
    assert "beschadigd" in text


def test_zip_that_is_not_a_workbook():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hallo")
    issues, text = issues_of(buffer.getvalue(), name="raar.xlsx")
    assert "geen Excel-werkmap" in text


def test_xls_is_refused_with_advice():
    _, text = issues_of(b"\xd0\xcf\x11\xe0 old excel", name="oud.xls")
    assert ".xlsx" in text


def test_zip_bomb_is_refused(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("elements.csv", b"Label\n" + b"a" * (3 * 1024 * 1024))
    data = buffer.getvalue()
    assert len(data) < 100_000
    _, text = issues_of(data, name="bom.zip", max_bytes=200_000)
    assert "pakt uit tot" in text


# --- references and ids ------------------------------------------------------------------------


def test_connection_to_unknown_element_in_workbook():
    data = xlsx_bytes(
        {
            "Elements": ELEMENTS,
            "Connections": [["From", "To", "Type"], ["A", "B", "werkt samen"], ["A", "C", "x"]],
        }
    )
    issues, text = issues_of(data, name="kaart.xlsx")
    assert len(issues) == 1
    issue = issues[0]
    assert (issue.file, issue.sheet, issue.row, issue.column) == (
        "kaart.xlsx",
        "Connections",
        3,
        "B (To)",
    )
    assert "Onbekend element 'C'" in issue.message
    assert "rij 3" in text and "kolom B (To)" in text and "blad Connections" in text


def test_connection_to_unknown_element_in_csv_pair():
    elements = b"ID,Label\na,A\nb,B\n"
    connections = b"From,To\na,b\nb,zzz\n"
    issues, _ = issues_of((elements, connections))
    assert [(i.row, i.column) for i in issues] == [(3, "B (To)")]


def test_connection_to_unknown_element_in_json_blueprint():
    document = {"elements": [{"label": "A"}], "connections": [{"from": "A", "to": "Q"}]}
    _, text = issues_of(json.dumps(document).encode(), name="b.json")
    assert "Onbekend element 'Q'" in text and "verbinding 1" in text


def test_connection_to_unknown_element_in_backup():
    document = {
        "elements": [{"_id": "e1", "attributes": {"label": "A"}}],
        "connections": [
            {"_id": "c1", "from": "e1", "to": "e9", "direction": "directed", "attributes": {}}
        ],
        "maps": [],
    }
    _, text = issues_of(json.dumps(document).encode(), name="b.json")
    assert "onbekend element 'e9'" in text


def test_duplicate_ids_in_workbook():
    data = xlsx_bytes(
        {
            "Elements": [["ID", "Label"], ["o1", "Sociaal team"], ["o2", "School"], ["o1", "Kerk"]],
            "Connections": [["From", "To"], ["o1", "o2"]],
        }
    )
    issues, text = issues_of(data, name="dubbel.xlsx")
    assert len(issues) == 1
    assert (issues[0].sheet, issues[0].row, issues[0].column) == ("Elements", 4, "A (ID)")
    assert "Dubbele ID 'o1'" in text and "rij 2" in text


def test_duplicate_labels_without_id_column():
    data = xlsx_bytes({"Elements": [["Label"], ["A"], ["A"]]})
    _, text = issues_of(data, name="dubbel.xlsx")
    assert "Dubbele naam" in text


def test_duplicate_connection_ids_in_csv():
    _, text = issues_of((b"Label\nA\nB\n", b"From,To,ID\nA,B,c1\nB,A,c1\n"))
    assert "Dubbele verbindings-ID 'c1'" in text


def test_duplicate_ids_in_gexf_and_graphml():
    gexf = (
        b'<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph><nodes>'
        b'<node id="a" label="A"/><node id="a" label="B"/></nodes></graph></gexf>'
    )
    _, text = issues_of(gexf, name="d.gexf")
    assert "Dubbele id 'a'" in text
    graphml = (
        b'<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph>'
        b'<node id="a"/><node id="b"/><edge source="a" target="x"/></graph></graphml>'
    )
    _, text = issues_of(graphml, name="d.graphml")
    assert "onbekende node 'x'" in text


# --- empty and missing ---------------------------------------------------------------------


def test_empty_elements_sheet():
    data = xlsx_bytes({"Elements": [], "Connections": [["From", "To"]]})
    issues, text = issues_of(data, name="leeg.xlsx")
    assert issues[0].sheet == "Elements" and "leeg" in issues[0].message


def test_sheet_with_header_only_has_no_elements():
    _, text = issues_of(xlsx_bytes({"Elements": [["Label", "Type"]]}), name="kop.xlsx")
    assert "geen elementen" in text


def test_empty_csv_file():
    _, text = issues_of(b"", name="leeg.csv")
    assert "leeg" in text


def test_missing_required_columns_names_what_is_expected():
    data = xlsx_bytes(
        {
            "Elements": [["Label", "Type"], ["A", "x"]],
            "Connections": [["From", "Naar"], ["A", "A"]],
        }
    )
    issues, text = issues_of(data, name="kolom.xlsx")
    assert issues[0].sheet == "Connections" and issues[0].row == 1
    assert "'To'" in text and "Verwacht: From, To" in text and "Gevonden: From, Naar" in text


def test_unrecognised_sheet_says_what_a1_must_be():
    data = xlsx_bytes({"Elements": ELEMENTS, "Blad2": [["Naam", "Soort"], ["x", "y"]]})
    issues, text = issues_of(data, name="k.xlsx")
    assert issues[0].sheet == "Blad2" and "'Label'" in text and "(ignore)" in text


def test_missing_onodo_sheet():
    data = xlsx_bytes({"Nodes": [["Name"], ["A"]], "Relations": [["Source", "Type"], ["A", "x"]]})
    _, text = issues_of(data, name="onodo.xlsx")
    assert "'Target'" in text


def test_label_missing_in_row():
    data = xlsx_bytes({"Elements": [["Label", "Type"], ["A", "x"], [None, "y"]]})
    issues, _ = issues_of(data, name="k.xlsx")
    assert (issues[0].row, issues[0].column) == (3, "A (Label)")


def test_unknown_direction():
    data = xlsx_bytes(
        {"Elements": ELEMENTS, "Connections": [["From", "To", "Direction"], ["A", "B", "schuin"]]}
    )
    _, text = issues_of(data, name="k.xlsx")
    assert "Onbekende richting 'schuin'" in text and "kolom C (Direction)" in text


# --- size --------------------------------------------------------------------------------------


def test_file_over_20_mb_is_refused_before_parsing(tmp_path, monkeypatch):
    path = tmp_path / "groot.csv"
    line = b"Label,Beschrijving\n" + b"Organisatie,tekst tekst tekst tekst tekst tekst\n" * 1
    with path.open("wb") as handle:
        handle.write(line)
        handle.write(b"x" * (21 * 1024 * 1024))

    def must_not_parse(*args, **kwargs):
        raise AssertionError("parsed a file that is too large")

    monkeypatch.setattr(csv_module, "parse_table", must_not_parse)
    issues, text = issues_of(path)
    assert "te groot" in text and "20,0 MB" in text
    assert issues[0].file == "groot.csv"


def test_size_limit_is_a_parameter():
    data = xlsx_bytes({"Elements": ELEMENTS})
    _, text = issues_of(data, name="k.xlsx", max_bytes=1000)
    assert "te groot" in text
    assert len(read(data, name="k.xlsx", max_bytes=len(data)).elements) == 2


# --- formulas and injection ----------------------------------------------------------------


def test_formula_cell_is_refused():
    data = xlsx_bytes(
        {
            "Elements": [["Label", "Type"], ["A", "x"], ["B", '=HYPERLINK("http://evil","klik")']],
        }
    )
    issues, text = issues_of(data, name="formule.xlsx")
    assert (issues[0].sheet, issues[0].row, issues[0].column) == ("Elements", 3, "B")
    assert "formule" in text


def test_writers_neutralise_formula_text(tmp_path):
    network = Network(
        elements=[
            Element(
                id="a",
                label="=1+1",
                kind="+31",
                description="-x",
                tags=["@tag"],
                fields={"Notitie": "=cmd|' /C calc'!A0"},
            ),
            Element(id="b", label="'quoted", fields={"Notitie": "'=already"}),
        ],
        connections=[Connection(id="c1", source="a", target="b", kind="@SUM(A1)")],
    )
    data = dumps(network, "kumu-xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(("=", "+", "-", "@"))
    assert workbook["Elements"]["B2"].value == "'=1+1"
    files = csv_module.write_files(network)
    text = files["elements.csv"].decode("utf-8-sig")
    assert "'=1+1" in text and "'+31" in text and "'-x" in text
    assert ",=" not in text and "\n=" not in text
    # and our own readers undo the neutralising exactly
    for format_name in ("kumu-xlsx", "weefwerk-xlsx", "csv", "onodo"):
        again = read(dumps(network, format_name), format_name, name="x")
        labels = sorted(e.label for e in again.elements)
        assert labels == ["'quoted", "=1+1"], format_name
        assert {e.fields["Notitie"] for e in again.elements} == {"=cmd|' /C calc'!A0", "'=already"}


# --- XML attacks ---------------------------------------------------------------------------

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<{root}><graph><node id="a" label="&lol3;"/></graph></{root}>"""

EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<{root}><graph><node id="&xxe;"/></graph></{root}>"""


@pytest.mark.parametrize("root,suffix", [("gexf", ".gexf"), ("graphml", ".graphml")])
@pytest.mark.parametrize("template", [BILLION_LAUGHS, EXTERNAL], ids=["bomb", "external"])
def test_xml_bombs_and_external_entities_are_refused(root, suffix, template):
    data = template.format(root=root).encode()
    _, text = issues_of(data, name="aanval" + suffix)
    assert "DOCTYPE" in text and "geweigerd" in text


def test_utf16_doctype_is_refused_too():
    data = BILLION_LAUGHS.format(root="gexf").replace('<?xml version="1.0"?>', "").encode("utf-16")
    _, text = issues_of(data, name="aanval.gexf")
    assert "geweigerd" in text


def test_doctype_inside_xlsx_part_is_refused():
    data = xlsx_bytes({"Elements": ELEMENTS})
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                doctype = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaa">]>'
                if b"?>" in content:
                    content = content.replace(b"?>", b"?>" + doctype, 1)
                else:
                    content = doctype + content
            target.writestr(item, content)
    _, text = issues_of(buffer.getvalue(), name="bom.xlsx")
    assert "DOCTYPE" in text


def test_invalid_xml():
    _, text = issues_of(b"<gexf><graph><nodes></gexf>", name="kapot.gexf")
    assert "geen geldige XML" in text and "regel 1" in text


# --- encodings -----------------------------------------------------------------------------


def test_wrong_encoding_csv():
    data = "Label,Omschrijving\nCafé de Hoek,ontmoeting\n".encode("cp1252")
    issues, text = issues_of(data, name="windows.csv")
    assert "geen UTF-8" in text and "regel 2" in text and "CSV UTF-8" in text


def test_utf16_and_semicolon_csv_are_read():
    data = "Label;Type\nCafé;Organisatie\n".encode("utf-16")
    network = read(data, name="excel.csv")
    assert network.elements[0].label == "Café" and network.elements[0].kind == "Organisatie"


def test_wrong_encoding_json():
    _, text = issues_of('{"elements": [{"label": "é"}]}'.encode("latin-1"), name="x.json")
    assert "geen UTF-8" in text


def test_invalid_json():
    _, text = issues_of(b'{"elements": [', name="x.json")
    assert "geen geldige JSON" in text


# --- all or nothing ------------------------------------------------------------------------


def test_many_problems_are_reported_together():
    data = xlsx_bytes(
        {
            "Elements": [["ID", "Label"], ["a", "A"], ["a", "B"], ["c", None]],
            "Connections": [["From", "To"], ["a", "q"], ["x", "a"]],
        }
    )
    issues, text = issues_of(data, name="veel.xlsx")
    assert len(issues) == 4
    assert text.startswith("Er zijn 4 problemen gevonden; er is niets ingelezen")


def test_failed_write_leaves_nothing(tmp_path):
    network = Network(
        elements=[Element(id="a", label="A")],
        connections=[Connection(id="c", source="a", target="ghost")],
    )
    with pytest.raises(InterchangeError, match="onbekend element 'ghost'"):
        write(network, tmp_path / "uit.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_pipe_in_id_cannot_go_to_a_spreadsheet():
    network = Network(elements=[Element(id="a|b", label="A")])
    with pytest.raises(InterchangeError, match="'|'"):
        dumps(network, "kumu-xlsx")
    assert read(dumps(network, "kumu-json"), name="x.json").elements[0].id == "a|b"


def test_onodo_needs_unique_names():
    network = Network(elements=[Element(id="a", label="A"), Element(id="b", label="A")])
    with pytest.raises(InterchangeError, match="twee keer"):
        dumps(network, "onodo")


def test_unknown_format_name():
    with pytest.raises(InterchangeError, match="Onbekend formaat"):
        read(b"Label\nA\n", "pdf")


def test_workbook_reader_directly_reports_no_elements():
    with pytest.raises(InterchangeError):
        kumu_workbook.read(xlsx_bytes({"Connections": [["From", "To"]]}), "c.xlsx")
