"""Answer quality on the four labelled corpora (copied into tests/data/corpus/<beat>/): each
folder is scored with its own beat pack only (dev with kurdistan, the others with none, as
the hidden beats are), and the test fails when any figure drops below its floor."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from bot.config import Settings
from bot.evaluation import Report, evaluate

CORPUS = Path(__file__).resolve().parent / "data" / "corpus"
BEATS = {"dev": ("kurdistan",), "korea": (), "brexit": (), "uschina": ()}


@dataclass(frozen=True)
class Floors:
    """The least each figure may be: the figure reached minus 0.03."""

    persons: float
    organizations: float
    events: float
    published: float
    date_mentions: float
    event_dates: float


FLOORS = {
    "dev": Floors(0.97, 0.94, 0.97, 0.97, 0.97, 0.97),
    "korea": Floors(0.97, 0.86, 0.84, 0.97, 0.97, 0.97),
    "brexit": Floors(0.93, 0.84, 0.77, 0.97, 0.89, 0.97),
    "uschina": Floors(0.92, 0.85, 0.79, 0.97, 0.89, 0.85),
}


@pytest.fixture(scope="module")
async def reports() -> dict[str, Report]:
    """Each folder ingested once, parsing in a thread, with its own packs."""
    return {
        folder: await evaluate(CORPUS / folder, replace(Settings(), parse_workers=0, beats=beats))
        for folder, beats in BEATS.items()
    }


def test_each_folder_is_parsed_with_its_own_pack_only(reports: dict[str, Report]) -> None:
    assert {folder: report.beats for folder, report in reports.items()} == BEATS


@pytest.mark.parametrize("folder", BEATS)
def test_people_and_organisations(reports: dict[str, Report], folder: str) -> None:
    report, floors = reports[folder], FLOORS[folder]
    assert report.persons.f1 >= floors.persons
    assert report.organizations.f1 >= floors.organizations


@pytest.mark.parametrize("folder", BEATS)
def test_publication_dates_found_and_never_invented(
    reports: dict[str, Report], folder: str
) -> None:
    assert reports[folder].published.value >= FLOORS[folder].published
    assert reports[folder].invented_published == 0


@pytest.mark.parametrize("folder", BEATS)
def test_date_mentions_resolved(reports: dict[str, Report], folder: str) -> None:
    assert reports[folder].date_mentions.value >= FLOORS[folder].date_mentions


@pytest.mark.parametrize("folder", BEATS)
def test_events(reports: dict[str, Report], folder: str) -> None:
    assert reports[folder].events.f1 >= FLOORS[folder].events
    assert reports[folder].event_dates.value >= FLOORS[folder].event_dates
