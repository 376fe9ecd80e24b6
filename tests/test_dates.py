"""Date expressions in articles: spans, resolution against the publication date, dev accuracy."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from spacy.language import Language

from bot.evaluation import gold_interval
from bot.models import DateMention, Interval
from bot.parse.dates import extract_dates
from bot.parse.pipeline import ArticleParser

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
SEEDS = {path.name[:3]: path for path in (ROOT / "seeds").glob("*.txt")}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp(parser: ArticleParser) -> Language:
    """The production pipeline (entity ruler included), shared with the other tests."""
    return parser.nlp


def _mentions(nlp: Language, text: str, published: date | None) -> list[DateMention]:
    return extract_dates(nlp(text), published)


def _by_text(mentions: list[DateMention]) -> dict[str, Interval | None]:
    return {m.text: m.interval for m in mentions}


def _days(start: str, end: str | None = None) -> Interval:
    return Interval(date.fromisoformat(start), date.fromisoformat(end or start))


@pytest.fixture(scope="module")
def seed_000(nlp: Language) -> dict[str, Interval | None]:
    return _by_text(_mentions(nlp, SEEDS["000"].read_text(), date(2024, 2, 27)))


@pytest.fixture(scope="module")
def seed_001(nlp: Language) -> dict[str, Interval | None]:
    return _by_text(_mentions(nlp, SEEDS["001"].read_text(), date(2021, 11, 20)))


@pytest.fixture(scope="module")
def seed_002(nlp: Language) -> dict[str, Interval | None]:
    return _by_text(_mentions(nlp, SEEDS["002"].read_text(), None))


def test_seed_000_weekdays_around_a_tuesday(seed_000: dict[str, Interval | None]) -> None:
    assert seed_000["on Monday"] == _days("2024-02-26")
    assert seed_000["on Tuesday"] == _days("2024-02-27")  # "statement released on Tuesday"


def test_seed_000_relative_periods(seed_000: dict[str, Interval | None]) -> None:
    assert seed_000["last week"] is None  # week-level: left unresolved, as labelled
    assert seed_000["last month"] == _days("2024-01-01", "2024-01-31")  # "since last month"
    assert seed_000["February 2"] == _days("2024-02-02")
    assert seed_000["October"] == _days("2023-10-01", "2023-10-31")
    assert seed_000["2014"] == _days("2014-01-01", "2014-12-31")


def test_seed_001(seed_001: dict[str, Interval | None]) -> None:
    assert seed_001["20-11-2021"] == _days("2021-11-20")
    assert seed_001["on Saturday"] == _days("2021-11-20")
    assert seed_001["late July"] == _days("2021-07-21", "2021-07-31")
    assert seed_001["2014"] == _days("2014-01-01", "2014-12-31")
    assert seed_001["the end of the year"].end == date(2021, 12, 31)


def test_seed_002_without_publication_date(seed_002: dict[str, Interval | None]) -> None:
    assert "on Wednesday" in seed_002 and seed_002["on Wednesday"] is None
    assert seed_002["mid-October 2017"] == _days("2017-10-11", "2017-10-20")
    assert seed_002["Two months ago"] is None
    assert seed_002["last December"] is None


def test_spans_are_offsets_into_the_text(nlp: Language) -> None:
    text = SEEDS["000"].read_text()
    for mention in _mentions(nlp, text, date(2024, 2, 27)):
        assert text[mention.char_start : mention.char_end] == mention.text


@pytest.mark.parametrize(
    "text",
    [
        "ERBIL (Kurdistan 24) – The KRSC said it met the envoy.",
        "They talked for three years.",
        "The commander, 45, arrived at 10:30 with 2,500 troops.",
        "Iraq Today reported the attack.",
    ],
)
def test_not_dates(nlp: Language, text: str) -> None:
    assert _mentions(nlp, text, date(2024, 2, 27)) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Blinken will meet Barzani on Thursday.", "2024-02-29"),
        ("He met him last Tuesday.", "2024-02-20"),
        ("The elections are scheduled for March 10.", "2024-03-10"),
        ("The attack happened yesterday.", "2024-02-26"),
        ("They met two months ago.", "2023-12"),
        ("Iraq announced the final defeat last December.", "2023-12"),
        ("They met earlier this month.", "2024-02"),
        ("The deal was signed last year.", "2023"),
    ],
)
def test_tense_and_relative_words(nlp: Language, sentence: str, expected: str) -> None:
    (mention,) = _mentions(nlp, sentence, date(2024, 2, 27))
    assert mention.interval == gold_interval(expected), mention


@pytest.mark.parametrize("published", [date.min, date.max])
def test_a_publication_date_at_the_calendars_end_leaves_dates_unresolved(
    nlp: Language, published: date
) -> None:
    text = "They met on Monday, three years ago, and will meet next week and in 2 years."
    mentions = _mentions(nlp, text, published)
    assert len(mentions) >= 3
    assert None in [m.interval for m in mentions]  # past the calendar: unresolved, not a crash


def test_ranges_are_one_interval(nlp: Language) -> None:
    (mention,) = _mentions(nlp, "US troops fought ISIS between 2014 and 2017.", None)
    assert mention.text == "between 2014 and 2017"
    assert mention.interval == _days("2014-01-01", "2017-12-31")


def test_caption_date_anchors_an_undated_article(nlp: Language) -> None:
    text = "The meeting in Erbil, August 10, 2021. (Photo: KRG)\nBarzani on Tuesday received him."
    assert _by_text(_mentions(nlp, text, None))["on Tuesday"] == _days("2021-08-10")


def _cases() -> list[dict]:
    lines = (DATA / "dates_cases.jsonl").read_text().splitlines()
    return [json.loads(line) for line in lines]


@pytest.mark.parametrize("case", _cases(), ids=lambda case: case["text"])
def test_dev_cases(nlp: Language, case: dict) -> None:
    published = date.fromisoformat(case["published"]) if case["published"] else None
    found = _by_text(_mentions(nlp, case["sentence"], published))
    assert case["text"] in found, found
    assert found[case["text"]] == gold_interval(case["value"]), found[case["text"]]


def test_dev_corpus_accuracy(nlp: Language) -> None:
    corpus = DATA / "corpus" / "dev"
    hits = total = 0
    for line in (corpus / "gold.jsonl").read_text().splitlines():
        record = json.loads(line)
        published = date.fromisoformat(record["published"]) if record["published"] else None
        found = _mentions(nlp, (corpus / record["file"]).read_text(), published)
        for gold in record["date_mentions"]:
            total += 1
            same = [m for m in found if m.text.casefold() == gold["text"].casefold()]
            hits += any(m.interval == gold_interval(gold["value"]) for m in same)
    assert hits / total >= 0.9


@pytest.mark.parametrize(
    ("sentence", "published", "text", "expected"),
    [
        # week-level words, decades and alternatives are vague spans: listed, unresolved
        ("The envoys met last week in Oslo.", "2024-03-08", "last week", None),
        ("The envoys will meet next week.", "2024-03-08", "next week", None),
        ("Both served as ministers in the 1990s.", "2024-03-08", "the 1990s", None),
        ("The summit will be held in May or early June.", "2024-03-08", "May or early June", None),
        ("The two sides talked in the afternoon.", None, "in the afternoon", None),
        # a lower-case day word right after a name is still a date
        ("The minister met Ortega today in Lima.", "2024-03-08", "today", "2024-03-08"),
        (
            "The envoy will see Ortega tomorrow morning.",
            "2024-03-08",
            "tomorrow morning",
            "2024-03-09",
        ),
        ("The envoy travels to Lima later today.", "2024-03-08", "later today", "2024-03-08"),
        # the day talked about, and its neighbours
        (
            "Earlier in the day, the envoy met the mayor.",
            "2024-03-08",
            "Earlier in the day",
            "2024-03-08",
        ),
        (
            "Like the foreign minister the day before, he smiled.",
            "2024-03-08",
            "the day before",
            "2024-03-07",
        ),
        (
            "On March 3 the envoy reached Lima; the previous day he had met the king.",
            "2024-03-08",
            "the previous day",
            "2024-03-02",
        ),
        # the date restated in brackets wins over the word
        ("The ministers spoke today (6 March).", "2024-03-08", "today (6 March)", "2024-03-06"),
        (
            "They met on Monday (March 5) in Lima.",
            "2024-03-08",
            "on Monday (March 5)",
            "2024-03-05",
        ),
        # the year of a month or day named without one
        ("He will visit in April next year.", "2025-10-30", "April next year", "2026-04"),
        ("It was their first talk since October.", "2022-07-09", "October", "2021-10"),
        ("She asked for a delay until June 30.", "2019-04-09", "June 30", "2019-06-30"),
        (
            "Seoul will go ahead despite Thursday's missile launches.",
            "2024-03-08",
            "Thursday",
            "2024-03-07",
        ),
        ("Jane Doe22 August 2019", "2019-08-22", "22 August 2019", "2019-08-22"),
    ],
)
def test_vague_spans_context_days_and_years(
    nlp: Language, sentence: str, published: str | None, text: str, expected: str | None
) -> None:
    day = date.fromisoformat(published) if published else None
    found = _by_text(_mentions(nlp, sentence, day))
    assert text in found, found
    assert found[text] == gold_interval(expected), found[text]


def test_a_weekday_named_again_is_the_same_day(nlp: Language) -> None:
    text = (
        "The president greeted his guest with a handshake Thursday at the resort.\n\n"
        "Little suggests that burgers will be on the menu later Thursday."
    )
    found = _by_text(_mentions(nlp, text, date(2024, 3, 8)))  # a Friday
    assert found["Thursday"] == found["later Thursday"] == _days("2024-03-07")


def test_today_in_a_quote_is_the_day_it_was_said(nlp: Language) -> None:
    text = (
        "The two leaders unveiled the accord yesterday at a joint press conference.\n\n"
        "“Today’s agreement is historic,” the prime minister said.\n\n"
        "Officials said today that the text would be published."
    )
    found = _mentions(nlp, text, date(2024, 3, 8))
    quoted, told = (m for m in found if m.text.casefold() == "today")
    assert quoted.interval == _days("2024-03-07")
    assert told.interval == _days("2024-03-08")


def test_a_signed_post_dates_its_own_words(nlp: Language) -> None:
    text = (
        "I resigned today from the cabinet. — Jane Doe (@janedoe) March 4, 2024\n\n"
        "The minister left the cabinet on Monday."
    )
    found = _by_text(_mentions(nlp, text, date(2024, 3, 8)))
    assert found["today"] == _days("2024-03-04")


def test_a_weekday_ahead_is_not_the_same_weekday_past(nlp: Language) -> None:
    text = (
        "Tom Hale, who died on Friday aged 98, was buried today. Ana Okafor and Piet "
        "Lindqvist are both due at the summit in Malta on Friday."
    )
    found = [m.interval for m in _mentions(nlp, text, date(2023, 9, 26)) if m.text == "on Friday"]
    assert found == [_days("2023-09-22"), _days("2023-09-29")]


def test_the_same_weekday_later_that_day_is_the_same_day(nlp: Language) -> None:
    text = (
        "Tom Hale greeted Ana Okafor at his resort Thursday. "
        "The two leaders will be joined Thursday evening by their spouses."
    )
    found = {m.interval for m in _mentions(nlp, text, date(2017, 4, 7)) if "Thursday" in m.text}
    assert found == {_days("2017-04-06")}


def test_the_day_before_yesterday_and_after_tomorrow(nlp: Language) -> None:
    found = _by_text(
        _mentions(
            nlp,
            "They met the day before yesterday and will meet again the day after tomorrow.",
            date(2024, 2, 28),
        )
    )
    assert found == {
        "the day before yesterday": _days("2024-02-26"),
        "the day after tomorrow": _days("2024-03-01"),
    }


def test_a_month_that_only_names_an_event_looks_back(nlp: Language) -> None:
    text = (
        "This follows previous leaked reports from an April meeting, in which the envoy was said "
        "to have remarked that the talks had failed. "
        "The upcoming April summit will be held in Lima."
    )
    found = [m.interval for m in _mentions(nlp, text, date(2017, 10, 23))]
    assert found == [_days("2017-04-01", "2017-04-30"), _days("2018-04-01", "2018-04-30")]
