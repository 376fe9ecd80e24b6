"""Titles: the words that name an office, noise told apart, one office's spellings folded, and
the people the store learns (invented names and titles)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pytest

from bot.answers import RoleSeen
from bot.knowledge import Role
from bot.roles import canonical_roles, is_full_name, is_role, learned_people, role_keys


@pytest.mark.parametrize(
    ("title", "keys"),
    [
        ("Prime Minister of Norland", {"prime minister of norland", "prime minister"}),
        ("Norlandic PM", {"norlandic prime minister", "prime minister"}),
        ("Defence Secretary", {"defence secretary", "secretary"}),
        ("Vice President", {"vice president"}),
        ("Deputy Prime Minister", {"deputy prime minister"}),
        (
            "Secretary General of the League",
            {"secretary general of the league", "secretary general"},
        ),
    ],
)
def test_role_keys_name_the_office_and_not_a_lesser_or_greater_one(title: str, keys: set) -> None:
    assert role_keys(title) == keys


@pytest.mark.parametrize(
    ("title", "good"),
    [
        ("Foreign Minister", True),
        ("the chief negotiator of the Union", True),
        ("Norland's ambassador to Vesteria", True),
        ("Tom HalvorsenThe Chancellor", False),  # two lines glued by the page
        ("News/ Norland Region President", False),  # an outlet prefix
        ("June Norlandic President", False),  # "In June Norlandic President ..."
        ("Mr", False),  # an honorific is no office
        ("Minister of", False),  # cut off
        ("Norland Times", False),  # no rank at all
    ],
)
def test_titles_are_told_apart_from_page_noise(title: str, good: bool) -> None:
    assert is_role(title) is good


@pytest.mark.parametrize(
    ("name", "full"),
    [
        ("Arne Kvalheim", True),
        ("Lise van der Berg", True),
        ("Omar al-Haddad", True),
        ("Arne Kvalheim Lise van der", False),  # two names run together, cut in a particle
        ("Tom Halvorsen(left", False),  # a caption's position glued on
        ("Vesteria Naval Base", False),  # a site
        ("Kvalheim", False),  # a surname alone
    ],
)
def test_full_names(name: str, full: bool) -> None:
    assert is_full_name(name) is full


@dataclass
class Seen:
    name: str
    articles: int = 1
    roles: list[tuple[str, date | None, date | None]] = field(default_factory=list)
    mentions: int = 1


def test_learned_people_fold_middle_initials_and_name_order() -> None:
    learned = learned_people(
        [
            Seen("Arne T. Kvalheim", 3, [("Prime Minister", date(2023, 1, 2), date(2023, 5, 1))]),
            Seen("Arne Kvalheim", 1),
            Seen("Kvalheim Arne", 1, [("Foo/ Prime Minister", None, None)]),
            Seen("Vesteria Naval Base", 4),
        ]
    )
    assert len(learned) == 1
    person = learned[0]
    assert person.name == "Arne Kvalheim"  # the spelling without initials
    assert set(person.aliases) == {"Arne T. Kvalheim", "Kvalheim Arne"}
    assert [(r.title, r.start, r.end) for r in person.roles] == [
        ("Prime Minister", date(2023, 1, 2), date(2023, 5, 1))  # the noisy title left out
    ]
    assert "prime minister" in person.roles[0].keys


def test_learned_spellings_a_letter_apart_with_one_title_are_one_person() -> None:
    vice = "Vice Premier"
    learned = learned_people(
        [
            Seen("Tam Lipeng", roles=[(f"Norland's {vice}", date(2025, 5, 10), date(2025, 5, 10))]),
            Seen("Tam Lifeng", roles=[(vice, date(2025, 10, 30), date(2025, 10, 30))]),
            Seen("Tam Lifang", roles=[("Trade Minister", date(2025, 6, 1), date(2025, 6, 1))]),
            Seen("Sun Kemarlo", roles=[("Premier", date(2013, 3, 1), date(2023, 3, 1))]),
            Seen("Sun Marlo", roles=[("Premier", date(2023, 3, 11), date(2025, 1, 1))]),
            Seen("Ola Brenn", roles=[("Vice Premier", date(2025, 1, 1), date(2025, 1, 1))]),
            Seen("Ole Brenn", roles=[("Vice Premier", date(2025, 2, 1), date(2025, 2, 1))]),
        ]
    )
    assert {(p.name, p.aliases) for p in learned} == {
        ("Tam Lifeng", ("Tam Lipeng",)),  # the spelling seen with the title last
        ("Tam Lifang", ()),  # another office: another person
        ("Sun Kemarlo", ()),  # two letters apart: two premiers
        ("Sun Marlo", ()),
        ("Ola Brenn", ()),  # words this short are names of their own
        ("Ole Brenn", ()),
    }


def seen(role: str, first: str, last: str, articles: int) -> RoleSeen:
    return RoleSeen(role, date.fromisoformat(first), date.fromisoformat(last), articles)


def test_spellings_of_one_office_fold_into_the_most_seen() -> None:
    offices = canonical_roles(
        [
            seen("Norland Regional Government Prime Minister", "2020-01-05", "2021-03-01", 3),
            seen("Norland Region PM", "2019-08-01", "2022-01-10", 2),
            seen(
                "Prime Minister of Vesteria's Norland Regional Government",
                "2023-02-01",
                "2023-02-01",
                1,
            ),
            seen("NRG Prime Minister", "2024-04-01", "2024-04-01", 1),
            seen("Security Council Chancellor", "2015-01-01", "2018-06-01", 2),
            seen("Chancellor", "2016-01-01", "2016-01-01", 1),
            seen("Tom HalvorsenThe Chancellor", "2020-01-01", "2020-01-01", 5),
        ]
    )
    assert [office.role for office in offices] == [
        RoleSeen("Security Council Chancellor", date(2015, 1, 1), date(2018, 6, 1), 3),
        RoleSeen(
            "Norland Regional Government Prime Minister", date(2019, 8, 1), date(2024, 4, 1), 7
        ),
    ]


def test_the_knowledge_base_names_and_dates_an_office() -> None:
    known = [
        Role("Defence Minister of Norland", frozenset(), date(2015, 3, 1), date(2019, 6, 30)),
        Role("Prime Minister of Norland", frozenset(), date(2019, 7, 1), None),
    ]
    offices = canonical_roles(
        [
            seen("Norlandic Prime Minister", "2020-01-01", "2023-01-01", 4),
            seen("Prime Minister", "2024-01-01", "2024-01-01", 1),
            seen("Foreign Minister", "2014-01-01", "2014-01-01", 1),  # another office
        ],
        known,
    )
    assert [office.role for office in offices] == [
        RoleSeen("Foreign Minister", date(2014, 1, 1), date(2014, 1, 1), 1),
        RoleSeen("Defence Minister of Norland", date(2015, 3, 1), date(2019, 6, 30), 0, known=True),
        RoleSeen("Prime Minister of Norland", date(2019, 7, 1), None, 5, known=True),
    ]
