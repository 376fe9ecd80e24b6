"""The parse pipeline on the seed articles, with the real model: the foundation's acceptance."""

from __future__ import annotations

from datetime import date

from bot.models import ActorKind, EventType, Interval, ParsedArticle, SourceDocument


def _actor(parsed: ParsedArticle, name: str):
    return next(a for a in parsed.actors if a.name == name)


def _kinds(parsed: ParsedArticle) -> dict[str, ActorKind]:
    return {a.name: a.kind for a in parsed.actors}


def test_blinken_met_masrour_barzani_on_monday_in_washington(parsed_seeds):
    seed = parsed_seeds["000"]
    assert seed.document.published == date(2024, 2, 27)
    meeting = next(e for e in seed.events if e.type is EventType.MEETING)
    assert {"Antony Blinken", "Masrour Barzani"} <= set(meeting.participants)
    assert meeting.interval == Interval(date(2024, 2, 26), date(2024, 2, 26))
    assert meeting.place == "Washington"
    assert not meeting.planned


def test_masrour_barzani_met_austin_in_bahrain_on_publication_day(parsed_seeds):
    seed = parsed_seeds["001"]
    assert seed.document.published == date(2021, 11, 20)
    meetings = [
        e for e in seed.events if {"Masrour Barzani", "Lloyd Austin"} <= set(e.participants)
    ]
    assert len(meetings) == 1
    assert meetings[0].interval == Interval(date(2021, 11, 20), date(2021, 11, 20))
    assert meetings[0].place == "Bahrain"


def test_short_forms_of_barzani_resolve_to_masrour(parsed_seeds):
    for key in ("000", "001", "002", "003"):
        names = {a.name for a in parsed_seeds[key].actors if a.kind is ActorKind.PERSON}
        assert "Masrour Barzani" in names
        assert not names & {"Barzani", "Mr Barzani", "Masoud Barzani", "Nechirvan Barzani"}
    mentions = _actor(parsed_seeds["000"], "Masrour Barzani").mentions
    assert {"Masrour Barzani", "Mr Barzani"} <= set(mentions)


def test_model_mistakes_on_this_beat_are_corrected(parsed_seeds):
    kinds = {}
    for parsed in parsed_seeds.values():
        kinds.update(_kinds(parsed))
    assert "Rudaw" not in kinds or kinds["Rudaw"] is ActorKind.ORGANIZATION
    assert parsed_seeds["001"].document.source == "Rudaw"
    assert kinds["Lheban"] is ActorKind.PLACE
    assert kinds["Peshmerga"] is ActorKind.ORGANIZATION
    assert kinds["Kurdistan 24"] is ActorKind.ORGANIZATION
    assert kinds["Popular Mobilization Forces"] is ActorKind.ORGANIZATION
    assert kinds["Antony Blinken"] is ActorKind.PERSON
    assert kinds["Lloyd Austin"] is ActorKind.PERSON
    assert "Defense Lloyd Austin" not in kinds


def test_kurdistan_24_is_not_a_date(parsed_seeds):
    for key in ("002", "003"):
        assert not [d for d in parsed_seeds[key].dates if "24" in d.text and "Kurdistan" in d.text]
        assert "24" not in {d.text for d in parsed_seeds[key].dates}


def test_undated_seeds_stay_undated_and_relative_dates_unresolved(parsed_seeds):
    for key in ("002", "003", "004"):
        assert parsed_seeds[key].document.published is None
    on_wednesday = next(d for d in parsed_seeds["002"].dates if "Wednesday" in d.text)
    assert on_wednesday.interval is None


def test_titles_are_kept_as_roles(parsed_seeds):
    assert "Secretary of State" in _actor(parsed_seeds["000"], "Antony Blinken").roles
    assert "US Defense Secretary" in _actor(parsed_seeds["001"], "Lloyd Austin").roles


def test_quotes_are_attributed(parsed_seeds):
    quotes = parsed_seeds["000"].quotes
    blinken = [q for q in quotes if q.speaker == "Antony Blinken"]
    barzani = [q for q in quotes if q.speaker == "Masrour Barzani"]
    assert any("long partnership" in q.text for q in blinken)
    assert any("American allies" in q.text for q in barzani)


def test_letter_from_austin_to_barzani(parsed_seeds):
    letters = [e for e in parsed_seeds["003"].events if e.type is EventType.LETTER]
    assert letters and {"Lloyd Austin", "Masrour Barzani"} <= set(letters[0].participants)


def test_latest_tail_is_not_part_of_the_article(parsed_seeds):
    seed = parsed_seeds["001"]
    assert "Bakhtyar Mohammed" not in seed.document.text
    assert "Bakhtyar Mohammed" not in {a.name for a in seed.actors}


def test_summary_comes_from_the_article(parsed_seeds):
    for parsed in parsed_seeds.values():
        assert parsed.summary
        for sentence in parsed.summary:
            assert " ".join(sentence.split()[:6]) in " ".join(parsed.document.text.split())


def test_page_clock_words_are_not_actors(parser):
    text = (
        "TUE, 18 JUN 2019 10:26 Erbil, GMT +3\n\nTUE, 11 SEP 2018 11:19 | KRG Cabinet\n\n"
        "ERBIL - Masrour Barzani met Lloyd Austin on Monday."
    )
    document = SourceDocument(text=text, title="Barzani meets Austin", published=None)
    (parsed,) = parser.parse([document])
    names = {actor.name for actor in parsed.actors}
    assert {"Masrour Barzani", "Lloyd Austin"} <= names
    assert not names & {"TUE", "JUN", "GMT"}
