"""Lead-sentence summaries: from the article's lead, without datelines, captions or appeals."""

from __future__ import annotations

import pytest

from bot.parse.pipeline import ArticleParser
from bot.sources import document_from_text

pytestmark = pytest.mark.slow

HEADLINE = "Ministers agree to meet again after long talks in Oslo"
LEAD = "The foreign ministers of both countries met in Oslo on Sunday for their first talks."
SECOND = "They agreed to set up a working group on trade and to meet again within a month."


def summary(parser: ArticleParser, body: str) -> list[str]:
    (parsed,) = parser.parse([document_from_text(f"{HEADLINE}\n\n{body}")])
    return parsed.summary


@pytest.mark.parametrize(
    "opening",
    [
        "OSLO (Wire) – ",
        "OSLO, 12 March 2021, (XYZ): ",
        "March 12, 2021 (XYZ)—",
        "Reuters/ ",
        "OSLO, Norway: ",
    ],
)
def test_the_dateline_and_outlet_prefix_are_not_in_the_summary(
    parser: ArticleParser, opening: str
) -> None:
    assert summary(parser, f"{opening}{LEAD}\n\n{SECOND}") == [LEAD, SECOND]


def test_a_pulled_out_sentence_above_the_dateline_is_not_the_lead(parser: ArticleParser) -> None:
    pulled = "The minister said that the talks would continue as long as both sides wished."
    body = f"{pulled}\n\nOSLO (Wire) – {LEAD}\n\n{SECOND}\n\nIn the end, {pulled[4:]}"
    assert summary(parser, body) == [LEAD, SECOND]


@pytest.mark.parametrize(
    "caption",
    [
        "The foreign minister (center) speaks to reporters at the ministry in Oslo on Sunday.",
        "The foreign minister walks with her guest in Oslo, March 12, 2021. — Reuters",
        "The foreign minister walks with her guest in Oslo. Ministry photo by Jane Doe",
    ],
)
def test_captions_are_not_the_summary(parser: ArticleParser, caption: str) -> None:
    assert summary(parser, f"{caption}\n\n{LEAD}\n\n{SECOND}") == [LEAD, SECOND]


def test_appeals_quotes_and_posts_are_not_the_summary(parser: ArticleParser) -> None:
    body = (
        "Your support helps us to tell the story\n\n"
        "We are independent and answer to no owner, and we rely on readers like you every day.\n\n"
        f"Your donation makes all the difference.{LEAD}\n\n"
        "“We will meet again. It is the only way to move forward,” the minister said.\n\n"
        "I am leaving the cabinet today after four years. — Jane Doe (@janedoe) March 4, 2024\n\n"
        f"{SECOND}"
    )
    assert summary(parser, body) == [LEAD, SECOND]
