"""Answer quality on the dev corpus (copied into tests/data/corpus): fails when it drops."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from bot.config import Settings
from bot.evaluation import Report, evaluate

CORPUS = Path(__file__).resolve().parent / "data" / "corpus"


@pytest.fixture(scope="module")
async def report() -> Report:
    return await evaluate(CORPUS, replace(Settings(), parse_workers=0))


def test_people_and_organisations(report: Report):
    assert report.persons.f1 >= 0.95
    assert report.organizations.f1 >= 0.90  # issue 5 target 0.85; reached 0.94


def test_publication_dates_found_and_never_invented(report: Report):
    assert report.published.value >= 0.95
    assert report.invented_published == 0


def test_date_mentions_resolved(report: Report):
    assert report.date_mentions.value >= 0.90


def test_events(report: Report):
    assert report.events.f1 >= 0.95  # issue 5 target 0.75; reached 1.00
    assert report.event_dates.value >= 0.95
