from weefwerk.engine.network import analyse
from weefwerk.engine.network.webbers import explain, ranking_description


def test_fatima_is_the_top_webber_with_a_readable_explanation(webber_network):
    ranking = analyse(webber_network)["webbers"]["ranking"]
    top = ranking[0]
    assert top["id"] == "fatima"
    assert top["nominations"] == 7
    assert top["score"] == 100.0
    assert top["bridged_domains"] == ["Schuldhulpverlening", "Onderwijs", "Jeugdgezondheidszorg"]
    assert top["explanation"].startswith(
        "Zeven deelnemers bellen Fatima als ze vastlopen; Fatima verbindt Schuldhulpverlening, "
        "Onderwijs en Jeugdgezondheidszorg, die verder weinig contact met elkaar hebben."
    )
    assert "kortste wegen" in top["explanation"]
    assert [w["rank"] for w in ranking] == list(range(1, len(ranking) + 1))


def test_only_persons_and_organisations_and_confirmed_flag(small_network):
    result = analyse(small_network, confirmed_webbers={"s1"})
    ranking = result["webbers"]["ranking"]
    assert all(w["kind"] in {"person", "organisation"} for w in ranking)
    assert [w["id"] for w in ranking if w["confirmed"]] == ["s1"]


def test_explanation_sentences():
    assert explain("Sara", 1, [], 0.0) == "Eén deelnemer belt Sara als die vastloopt."
    assert explain("Sara", 0, ["A", "B"], 0.0) == (
        "Sara verbindt A en B, die verder weinig contact met elkaar hebben."
    )
    assert explain("Sara", 0, [], 0.123, cut_off=14) == (
        "Ongeveer 12% van de kortste wegen tussen twee anderen loopt via Sara. "
        "Zonder Sara raken 14 elementen los van de rest."
    )
    assert explain("Sara", 0, [], 0.0) == "Sara heeft verbindingen, maar valt verder niet op."


def test_ranking_description_names_the_weights():
    text = ranking_description()
    assert "50 van de 100 punten" in text
    assert "Als ik niet meer weet wat ik moet doen" in text
    assert "Het projectteam bepaalt zelf" in text
