"""Organisation names: each mechanism on a short made-up text, real pipeline."""

from __future__ import annotations

from bot.knowledge import read_data
from bot.models import ActorKind
from bot.parse.entity_spans import COMPONENT, mend_entity_spans
from bot.parse.name_checks import dateline_city, described_as_place
from bot.parse.pipeline import ArticleParser
from tests.spans import mended
from tests.test_parse_names import actors, named


def test_ministry_wordings_share_one_canonical_form(parser: ArticleParser):
    found = actors(
        parser,
        "Officials from the Japanese Ministry of Finance met in Osaka on Monday. "
        "Japan's Finance Ministry said the talks would go on. "
        "A spokesman for the Finance Ministry of Japan declined to comment.",
    )
    orgs = named(found, ActorKind.ORGANIZATION)
    assert "Ministry of Finance of Japan" in orgs
    assert not any("Japanese" in name or "Japan's" in name for name in orgs)


def test_foreign_ministry_names_its_portfolio_and_own_name(parser: ArticleParser):
    found = actors(
        parser,
        "China's Foreign Ministry said on Tuesday that the visit would go ahead. "
        "China's Defense Ministry spokesperson warned against arms sales.",
    )
    orgs = named(found, ActorKind.ORGANIZATION)
    assert "Ministry of Foreign Affairs of China" in orgs
    assert "Ministry of National Defense of China" in orgs


def test_ministry_without_a_country_is_not_guessed(parser: ArticleParser):
    found = actors(parser, "Envoys met at the Foreign Ministry in central Lima on Friday.")
    assert not any("Ministry" in name for name in named(found, ActorKind.ORGANIZATION))


def test_country_acronym_and_capital_are_places(parser: ArticleParser):
    found = actors(
        parser,
        "Moscow said it was willing to work with the DPRK to strengthen communication.",
    )
    assert not {"DPRK", "Moscow"} & named(found, ActorKind.ORGANIZATION)
    assert not {"DPRK", "Moscow"} & named(found, ActorKind.PERSON)


def test_country_has_one_name_however_written(packless_parser: ArticleParser):
    found = actors(
        packless_parser,
        "The US and Britain agreed on Monday. Officials of the U.S. and the UK said "
        "America would host the next round.",
    )
    assert named(found, ActorKind.PLACE) == {"United States", "United Kingdom"}


def test_acronym_of_a_country_is_the_country(packless_parser: ArticleParser):
    found = actors(
        packless_parser,
        "The envoy met officials of the People's Republic of China (PRC) on Monday. "
        "The PRC said the talks were useful.",
    )
    assert named(found, ActorKind.PLACE) == {"China"}
    assert not named(found, ActorKind.ORGANIZATION)


def test_page_furniture_and_clock_words_are_no_bodies(parser: ArticleParser):
    found = actors(
        parser,
        "Posted : 2021-03-04 11:20 KST\n\nNavigation\n\n"
        "Readout of the Minister's Call with the Mayor of Lyon\n\n"
        "The minister spoke with the mayor about VAT on Tuesday.",
    )
    names = set(found)
    assert not {"KST", "Navigation", "Readout", "VAT"} & names


def test_treaties_and_events_are_no_bodies(parser: ArticleParser):
    found = actors(
        parser,
        "Ministers discussed the Baltic Fisheries Protocol before the 2030 Riga Winter "
        "Olympic Games. The Nordic Council welcomed the plan.",
    )
    orgs = named(found, ActorKind.ORGANIZATION)
    assert not any("Protocol" in name or "Games" in name for name in orgs)


def test_short_form_of_a_body_named_in_full(parser: ArticleParser):
    found = actors(
        parser,
        "The Coastal Water Authority met in Abidjan on Monday. "
        "Later the Authority said it would publish its report.",
    )
    orgs = named(found, ActorKind.ORGANIZATION)
    assert "Coastal Water Authority" in orgs
    assert "Authority" not in orgs


def test_two_people_joined_are_no_body(parser: ArticleParser):
    found = actors(
        parser,
        "Anna Lindqvist met Pedro Alvarez in Madrid. Analysts said the Lindqvist-Alvarez "
        "summit had gone well.",
    )
    assert not any("-" in name for name in named(found, ActorKind.ORGANIZATION))


def test_organ_named_before_its_party_is_the_party(parser: ArticleParser):
    found = actors(
        parser,
        "Pyongyang, May 3 (KCNA) -- Ri Chol Nam, a member of the Central Committee of the "
        "Workers' Party of Korea, issued a statement.",
    )
    orgs = named(found, ActorKind.ORGANIZATION)
    assert "Workers' Party of Korea" in orgs
    assert not any(name.startswith("Central Committee") for name in orgs)


def test_newspaper_title_and_numbered_body(parser: ArticleParser):
    found = actors(
        parser,
        "A report in the Halifax Gazette said the officials would consult with the "
        "Taskforce 50 on Thursday.",
    )
    orgs = named(found, ActorKind.ORGANIZATION)
    assert "Halifax Gazette" in orgs
    assert "Task Force 50" in orgs


def test_upper_case_word_opening_a_paragraph_before_a_comma_is_a_dateline(parser):
    doc = parser.nlp("KOTARU, 09 July 2022: The ministers met.\n\nThe KOTARU board, it said, met.")
    assert dateline_city(doc[0:1])
    board = next(t for t in doc if t.text == "KOTARU" and t.i > 0)
    assert not dateline_city(doc[board.i : board.i + 1])


def test_party_congress_and_delegations_are_no_bodies(parser: ArticleParser):
    found = actors(
        parser,
        "The decisions of our Party Congress were read out. President Okafor thanked the "
        "United Republic Presidential Delegations to the opening ceremony.",
    )
    orgs = named(found, ActorKind.ORGANIZATION)
    assert not any("Congress" in name or "Delegation" in name for name in orgs)


def test_portfolio_of_several_words_in_a_title_is_no_body(parser: ArticleParser):
    found = actors(parser, "U.S. National Security Adviser Tom Hale met Ana Okafor in Vienna.")
    assert "National Security" not in named(found, ActorKind.ORGANIZATION)
    assert "Tom Hale" in named(found, ActorKind.PERSON)


def test_dash_glued_to_a_bracket_is_split_off(parser: ArticleParser):
    found = actors(parser, "VIENNA, May 11 (NNA)—In talks on Monday, Ana Okafor met Tom Hale.")
    assert not any("—" in name or ")" in name for name in found)


def test_unit_named_after_its_body_is_one_name(parser: ArticleParser):
    text = "Ana Okafor heads the Crown House Policy Planning Office and the Canada-EU Joint Council"
    with parser.nlp.select_pipes(disable=[COMPONENT]):
        doc = parser.nlp(text)
    bodies = ("Crown House", "EU")  # cut short, as the model may leave them
    doc.ents = [e for e in doc.ents if e.label_ == "PERSON"] + [
        doc.char_span(text.index(b), text.index(b) + len(b), label="ORG") for b in bodies
    ]
    mended = {e.text for e in mend_entity_spans(doc).ents if e.label_ == "ORG"}
    assert {"Crown House Policy Planning Office", "Canada-EU Joint Council"} <= mended


def test_name_described_as_a_town_is_a_place(parser: ArticleParser):
    text = "A bombing in Tarsun, a Syrian border town, killed 32. Tarsun Holdings, a firm, said no."
    doc = next(parser.docs([text]))
    town = doc.char_span(text.index("Tarsun"), text.index(","))
    firm = doc.char_span(text.index("Tarsun Holdings"), text.index(", a firm"))
    assert described_as_place(town)
    assert not described_as_place(firm)


def test_name_that_a_body_word_ends_is_the_bodys(parser: ArticleParser):
    found = actors(
        parser,
        "President Samuel Kiprop and Azimio La Umoja Coalition leader Peter Otieno met with "
        "the president on Monday.",
    )
    assert "Azimio La Umoja" not in named(found, ActorKind.PERSON)


def test_ministry_cut_before_and_keeps_its_whole_portfolio(parser: ArticleParser):
    found = actors(
        parser, "Decisions were reached, said the Kenyan Ministry of Foreign and Diaspora Affairs."
    )
    assert "Ministry of Foreign and Diaspora Affairs of Kenya" in named(
        found, ActorKind.ORGANIZATION
    )


def test_acronyms_of_things_are_no_bodies(parser: ArticleParser):
    found = actors(parser, "Seven memoranda of understanding (MoU) were signed on SME development.")
    assert not {"MoU", "SME"} & named(found, ActorKind.ORGANIZATION)


def test_name_run_on_into_a_participle_or_a_date_is_cut(parser: ArticleParser):
    found = actors(
        parser,
        "Seoul, (Asia Point News - 27th Jul, 2023 ) : The leader met them.",
        title="Leader Receives Russian Military Delegation Led by Deputy Defense Chief",
    )
    orgs = named(found, ActorKind.ORGANIZATION)
    assert not any("27th" in name or name.endswith(" Led") for name in orgs)


def test_headline_verb_splits_a_name_the_model_ran_over_it(parser: ArticleParser):
    text = "Hale Receives US Envoy in Lima\n\nTom Hale received the envoy on Monday."
    assert [t for t, _ in mended(parser, text, ("Hale Receives US", "ORG"))] == ["Hale", "US"]


def test_town_where_something_happens_is_a_place_throughout(packless_parser: ArticleParser):
    text = (
        "The envoy urged Lima and Tarsa to resume talks. "
        "Earlier today, Tom Hale received the envoy in Tarsa, according to a statement."
    )
    doc = packless_parser.nlp(text)
    assert {e.label_ for e in doc.ents if e.text == "Tarsa"} == {"ORG"}  # as the model reads it
    found = actors(packless_parser, text)
    assert found["Tarsa"].kind is ActorKind.PLACE


def test_name_paired_with_a_capital_is_a_city(packless_parser: ArticleParser):
    text = "The envoy discussed the missile attack and relations between Erbil and Baghdad."
    doc = packless_parser.nlp(text)
    assert {e.label_ for e in doc.ents if e.text == "Erbil"} == {"ORG"}  # as the model reads it
    found = actors(packless_parser, text)
    assert found["Erbil"].kind is ActorKind.PLACE


def test_name_a_word_of_the_media_introduces_is_an_outlet(packless_parser: ArticleParser):
    found = actors(
        packless_parser,
        "State TV Al Rafidain also reported that the two ministers held a meeting in Lima.",
    )
    assert found["Al Rafidain"].kind is ActorKind.ORGANIZATION


def test_ministry_cut_after_of_takes_the_country_named_next(packless_parser: ArticleParser):
    text = (
        "The two sides discussed steps, Ministry of Foreign Affairs of the Islamic Republic "
        "of Iran said in a statement."
    )
    doc = packless_parser.nlp(text)
    assert "Ministry of Foreign Affairs of" in {e.text for e in doc.ents}  # as the model cuts it
    orgs = named(actors(packless_parser, text), ActorKind.ORGANIZATION)
    assert orgs == {"Ministry of Foreign Affairs of Iran"}


def test_first_words_of_a_title_are_no_body(packless_parser: ArticleParser):
    text = "Party General Secretary Tom Hale hosted a reception for the envoy in Lima on Monday."
    found = mended(packless_parser, text, ("Party General", "ORG"))
    assert [t for t, label in found if label == "ORG"] == ["Party"]


def test_body_given_a_role_after_a_comma_stays_a_body(packless_parser: ArticleParser):
    found = actors(
        packless_parser,
        "Hale hosts reception for Chinese Party, State leader\n\nAfter the ceremony, they talked.",
    )
    assert all(a.kind is not ActorKind.PERSON for n, a in found.items() if "Party" in n)


def test_a_peoples_adjective_is_no_place(packless_parser: ArticleParser):
    doc = packless_parser.nlp("They discussed the export of Ukrainian grain through the sea.")
    assert [e.label_ for e in doc.ents if e.text == "Ukrainian"] == ["GPE"]  # as the model reads
    found = actors(packless_parser, "They discussed the export of Ukrainian grain through the sea.")
    assert "Ukrainian" not in found


def test_an_agreement_is_no_place(packless_parser: ArticleParser):
    found = actors(
        packless_parser,
        "No tariffs apply to goods under the United States-Mexico-Canada Agreement until April.",
    )
    assert not [name for name in found if "Agreement" in name]


def test_name_joined_to_a_persons_is_a_person(packless_parser: ArticleParser):
    text = "Tom Hale and Giorgia Ferri spoke at length on Tuesday in Rome."
    doc = packless_parser.nlp(text)
    assert [e.label_ for e in doc.ents if e.text == "Giorgia Ferri"] == ["ORG"]  # as the model
    assert actors(packless_parser, text)["Giorgia Ferri"].kind is ActorKind.PERSON


def test_a_states_formal_name_is_the_country(packless_parser: ArticleParser):
    found = actors(
        packless_parser,
        "The envoy received Tom Hale, Minister of Foreign Affairs of the Federal Democratic "
        "Republic of Ethiopia, and officials of the State of Qatar.",
    )
    assert {"Ethiopia", "Qatar"} <= named(found, ActorKind.PLACE)
    assert not [name for name in found if "Republic" in name or "State of" in name]


def test_headline_verb_in_the_plural_splits_a_name(parser: ArticleParser):
    text = "Peru, Chile and UAE Call for Immediate Truce\n\nThe three called for a truce."
    found = mended(parser, text, ("UAE Call for Immediate Truce", "ORG"))
    assert [t for t, _ in found] == ["UAE", "Immediate Truce"]


def test_no_capital_is_written_as_its_country() -> None:
    for country in read_data("countries")["countries"]:
        assert not set(country["aliases"]) & set(country["capitals"]), country["name"]


def test_headline_verb_ending_a_name_is_cut_off(parser: ArticleParser):
    text = "Hale Receives US Envoy in Lima\n\nTom Hale received the envoy on Monday."
    assert [t for t, _ in mended(parser, text, ("Hale Receives", "ORG"))] == ["Hale"]


def test_untagged_name_after_a_rank_is_a_person(parser: ArticleParser):
    text = "The leaders included Canadian PM Rosa Marlow and others, officials said."
    assert mended(parser, text) == [("Rosa Marlow", "PERSON")]


def test_a_datelines_capitals_are_the_citys_name(packless_parser: ArticleParser):
    found = actors(packless_parser, "SEOUL, Aug. 19 -- Officials met in Seoul on Friday.")
    assert "Seoul" in named(found, ActorKind.PLACE)
    assert "SEOUL" not in found
