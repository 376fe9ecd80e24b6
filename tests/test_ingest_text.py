"""Pasted text -> SourceDocument: boilerplate, titles, publication dates, datelines, hashing."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from bot.errors import IngestError
from bot.models import SourceDocument
from bot.sources import content_hash, document_from_html, document_from_text
from bot.sources.dateline import parse_dateline
from bot.sources.published import find_published, parse_dated_dateline, parse_stamp
from bot.sources.text import credit_start, is_caption

SEEDS = Path(__file__).parent.parent / "seeds"
CORPUS = Path(__file__).parent / "data" / "corpus" / "dev"
GOLD = [json.loads(line) for line in (CORPUS / "gold.jsonl").read_text().splitlines() if line]


def seed(number: str) -> str:
    (path,) = SEEDS.glob(f"{number}_*.txt")
    return path.read_text(encoding="utf-8")


def ingest_seed(number: str) -> SourceDocument:
    return document_from_text(seed(number))


def collapsed(text: str) -> str:
    return " ".join(text.split())


# --- seeds -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "title", "published", "basis"),
    [
        (
            "000",
            "Blinken meets Iraqi Kurdistan PM in Washington amid regional tension",
            date(2024, 2, 27),
            "stamp",
        ),
        (
            "001",
            "KRG, US discuss partnership, regional security: statement",
            date(2021, 11, 20),
            "dateline",
        ),
        (
            "002",
            "Masrour Barzani reviews anti-IS campaign with US-led coalition commander",
            None,
            None,
        ),
        (
            "003",
            "US Sec Def to PM Barzani: 'There is a special relationship between the Kurdistan "
            "Region and America'",
            None,
            None,
        ),
    ],
)
def test_seed_title_and_publication_date(
    number: str, title: str, published: date | None, basis: str | None
) -> None:
    document = ingest_seed(number)
    assert document.title == title
    assert document.published == published
    assert document.published_basis == basis
    assert not document.text.startswith(title)


def test_seed_004_has_no_title_line_so_the_first_sentence_titles_it() -> None:
    document = ingest_seed("004")
    assert document.title.startswith("Senior Iraqi and American officials on Thursday held")
    assert len(document.title) <= 120
    assert not document.title.startswith("ERBIL")
    # The opening paragraph, dateline included, stays in the body.
    assert document.text.startswith("ERBIL, Kurdistan Region of Iraq - Senior Iraqi and American")
    assert document.published is None
    assert document.dateline_place == "Erbil"


def test_seed_001_rudaw_boilerplate_and_the_latest_tail_are_removed() -> None:
    document = ingest_seed("001")
    for gone in (
        "Rudaw moderates",
        "A+ A-",
        "Layal Shakir",
        "Post a comment",
        "Required",
        "The Latest",
        "Bakhtyar Mohammed",
        "Kirkuk",
        "Photo: Rudaw",
    ):
        assert gone not in document.text, gone
    assert "\nERBIL, Kurdistan Region - The Kurdistan Region prime minister" in document.text
    assert document.text.count("20-11-2021") == 1  # stamps stay: they are date mentions
    assert "Barzani and Austin met on the sidelines" in document.text
    assert document.text.endswith("will change the number of American soldiers in the country.")
    assert document.source == "Rudaw"
    assert document.dateline_place == "Erbil"


def test_seed_000_translation_widget_and_video_teaser_are_removed_caption_kept_once() -> None:
    document = ingest_seed("000")
    for gone in ("Powered by automated translation", "US launches retaliatory strikes"):
        assert gone not in document.text, gone
    assert document.text.count("in Washington. AP") == 1
    assert document.text.count("Updated: February 27, 2024") == 1
    assert "Secretary of State Antony Blinken met Kurdistan Regional Government" in document.text
    assert "Five days later, US forces killed a Kataib Hezbollah commander in Iraq." in (
        document.text
    )


def test_seed_003_read_more_teasers_removed_and_doubled_caption_kept_once() -> None:
    document = ingest_seed("003")
    assert "Read More" not in document.text
    assert document.text.count("Photos: DoD, KRG") == 1
    assert "Parliament will discuss increase in ISIS attacks" not in document.text
    assert "A joint brigade of the Iraqi army and Kurdish Peshmerga were deployed" in document.text
    assert document.source == "Kurdistan 24"
    assert document.dateline_place == "Erbil"


def test_seed_002_editor_credit_is_removed_and_kurdistan24_dateline_read() -> None:
    document = ingest_seed("002")
    assert "Editing by" not in document.text
    assert "Karzan Sulaivany" not in document.text
    assert document.source == "Kurdistan 24"
    assert document.dateline_place == "Erbil"
    assert "ERBIL (Kurdistan 24) – Chancellor of the Kurdistan Region" in document.text


@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_seed_body_paragraphs_keep_their_wording(number: str) -> None:
    document = ingest_seed(number)
    original = collapsed(seed(number).replace("\u00a0", " "))
    paragraphs = document.text.split("\n\n")
    assert len(paragraphs) >= 5
    for paragraph in paragraphs:
        assert paragraph == paragraph.strip()
        assert "  " not in paragraph
        assert paragraph in original


# --- dev corpus --------------------------------------------------------------------------


@pytest.mark.parametrize("gold", GOLD, ids=[record["id"] for record in GOLD])
def test_corpus_publication_date_is_read_only_from_datelines(gold: dict) -> None:
    """Dates the gold reads from the text are found exactly; nothing is invented for others."""
    document = document_from_text((CORPUS / gold["file"]).read_text(encoding="utf-8"))
    if gold["published_basis"] == "dateline in text":
        assert document.published == date.fromisoformat(gold["published"])
        assert document.published_basis == "dateline"
    else:  # url, page metadata or unknown: not in the text, so not ours to guess
        assert document.published is None
        assert document.published_basis is None


def corpus(name: str) -> SourceDocument:
    return document_from_text((CORPUS / name).read_text(encoding="utf-8"))


def test_corpus_crawl_time_header_is_not_the_publication_date() -> None:
    document = corpus("d07.txt")
    assert document.published == date(2018, 9, 11)
    assert document.text.startswith("Kurdistan Regional Government\n")  # the masthead
    assert document.title == (
        "Prime Minister Barzani and Vice President Pence discuss latest developments in Iraq"
    )
    assert document.dateline_place == "Erbil"


def test_corpus_caption_dates_are_not_publication_dates() -> None:
    for name in ("d05.txt", "d10.txt"):
        document = corpus(name)
        assert document.published is None, name
        assert "(Photo:" in document.text, name  # kept: the caption dates the meeting


def test_corpus_author_and_check_also_and_reporter_code_are_removed() -> None:
    d10 = corpus("d10.txt")
    assert "author_image" not in d10.text and "Halgurd Sherwani" not in d10.text
    assert d10.title == "President Masoud Barzani receives US Ambassador to Iraq"
    d04 = corpus("d04.txt")
    assert "Check Also" not in d04.text and "Munich" not in d04.text
    assert not d04.title.startswith("Home")
    d06 = corpus("d06.txt")
    assert "Reporter's code" not in d06.text
    assert d06.title == "Masoud Barzani, McGurk meet in Erbil"
    assert d06.source is None  # "According to BasNews ..." quotes an outlet; it is no credit


def test_corpus_repeated_paragraphs_dropped_and_mastheads_kept_out_of_the_title() -> None:
    d02 = corpus("d02.txt")
    assert d02.text.count("The officials met only briefly behind closed doors.") == 1
    assert d02.source == "Rudaw"
    assert d02.dateline_place == "Erbil"
    d01 = corpus("d01.txt")
    assert d01.title.startswith("Readout of Vice President Biden's Conversation")
    assert "Shareables" not in d01.text
    assert d01.text.startswith("The White House\n\nOffice of the Vice President\n\n")
    d05 = corpus("d05.txt")
    assert d05.title == "US delegation meets Kurdish leaders in Erbil"
    assert d05.source == "Kurdistan 24"


def test_corpus_repost_credit_line_and_outlet_prefixes() -> None:
    d08 = corpus("d08.txt")
    assert "Hatha al-Youm" not in d08.text
    assert "\nERBIL (Kurdistan 24) – In a telephone conversation on Tuesday" in d08.text
    assert d08.title.startswith("In a telephone conversation on Tuesday")  # not the caption
    for name in ("d09.txt", "d13.txt", "d14.txt"):
        document = corpus(name)
        assert document.source == "Shafaq News", name
        assert "Shafaq News/" in document.text or "Shafaq News /" in document.text
        assert not document.title.startswith("Shafaq")


# --- arguments, errors, hard wraps -------------------------------------------------------


def test_explicit_arguments_win() -> None:
    document = document_from_text(
        seed("001"),
        title="My title",
        published=date(2021, 11, 21),
        source="Kurdistan24",
        url="https://example.org/a",
    )
    assert document.title == "My title"
    assert (document.published, document.published_basis) == (date(2021, 11, 21), "user")
    assert document.source == "Kurdistan 24"
    assert document.url == "https://example.org/a"
    assert document.text.startswith("KRG, US discuss partnership")  # not the given title


@pytest.mark.parametrize("blank", ["\x00", " \t\r\n", "\u200f\u200e", "\u200b\x7f\x85"])
def test_a_title_or_outlet_with_nothing_visible_is_not_given(blank: str) -> None:
    document = document_from_text(seed("001"), title=blank, source=blank)
    assert document.title == "KRG, US discuss partnership, regional security: statement"
    assert document.source == "Rudaw"  # read from the text, as without a source


def test_a_given_title_and_outlet_keep_one_line_without_control_characters() -> None:
    document = document_from_text(
        seed("001"), title="Barzani\x00 meets\nAustin", source="My\tOutlet\x85"
    )
    assert (document.title, document.source) == ("Barzani meets Austin", "My Outlet")


@pytest.mark.parametrize("text", ["", "   \n\t\n  "])
def test_empty_text_is_refused(text: str) -> None:
    with pytest.raises(IngestError, match="empty"):
        document_from_text(text)


def test_only_boilerplate_is_refused() -> None:
    with pytest.raises(IngestError, match="no article content"):
        document_from_text("A+ A-\nPowered by automated translation\nShare\n")


def test_single_line_without_title_keeps_it_as_body() -> None:
    document = document_from_text("Barzani met Austin in Erbil on Monday")
    assert document.title == "Barzani met Austin in Erbil on Monday"
    assert document.text == "Barzani met Austin in Erbil on Monday"


def test_hard_wrapped_paragraphs_are_rejoined() -> None:
    text = (
        "Barzani and Austin discuss security\n\n"
        "ERBIL, Kurdistan Region - The Kurdistan Region prime minister and the United\n"
        "States defense chief on Saturday discussed the security of areas of Iraq that\n"
        "remain a hotspot for Islamic State activities and threaten civilian lives in\n"
        "the disputed territories.\n\n"
        "Barzani and Austin met on the sidelines of the Manama Dialogue in Bahrain and\n"
        "talked about the disputed territories between Erbil and Baghdad at length.\n"
    )
    document = document_from_text(text)
    paragraphs = document.text.split("\n\n")
    assert len(paragraphs) == 2
    assert "the United States defense chief" in paragraphs[0]
    assert paragraphs[0].endswith("in the disputed territories.")
    assert document.dateline_place == "Erbil"


def test_caption_glued_to_the_next_paragraph_is_split_off() -> None:
    text = (
        "Okafor receives Hale\n\n"
        "Ana Okafor and Tom HaleThe Chancellor of the Security Council Ana Okafor received "
        "the US Senator Tom Hale on Wednesday in Erbil, a statement said.\n"
    )
    document = document_from_text(text)
    assert document.text.split("\n\n")[-1].startswith("The Chancellor of the Security Council")
    assert "HaleThe" not in document.text


def test_opening_quote_typed_for_an_apostrophe_is_mended() -> None:
    text = (
        "Envoys meet in Lima\n\n"
        "Peru‘s foreign minister said the talks were ‘useful‘ and that she didn‘t expect a "
        "deal before the summit on Monday, officials told reporters.\n"
    )
    body = document_from_text(text).text
    assert "Peru’s foreign minister" in body
    assert "didn’t expect" in body
    assert "were ‘useful‘ and" in body


def test_short_unwrapped_lines_are_not_glued_together() -> None:
    text = (
        "Kurdistan Region President receives US envoy\n2 hours ago\nauthor_image Kurdistan24\n"
        "ERBIL (Kurdistan24) – President Nechirvan Barzani on Wednesday received the US envoy, "
        "according to a statement from the presidency.\n"
        "Tags: Barzani US Erbil\n"
    )
    document = document_from_text(text)
    assert document.text == (
        "2 hours ago\n\n"
        "ERBIL (Kurdistan24) – President Nechirvan Barzani on Wednesday received the US envoy, "
        "according to a statement from the presidency."
    )
    assert document.source == "Kurdistan 24"


# --- publication-date lines --------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("20-11-2021", date(2021, 11, 20)),
        ("05/03/2019", date(2019, 3, 5)),  # ambiguous: day-first, as these outlets write
        ("11/20/2021", date(2021, 11, 20)),  # only month-first is possible
        ("2019/03/05 | 22:50", date(2019, 3, 5)),
        ("2020-06-09 14:39:35", date(2020, 6, 9)),
        ("2024-02-27T16:20:00+04:00", date(2024, 2, 27)),
        ("Updated: February 27, 2024, 4:20 PM", date(2024, 2, 27)),
        ("July 10, 2018 / 09:21 AM", date(2018, 7, 10)),
        ("Tuesday، 02 June 2020 10:40 PM", date(2020, 6, 2)),  # an Arabic comma
        ("2024-01-17 20:30:07 - Source: Lima Times", date(2024, 1, 17)),
        ("By Staff reporters   November 12, 2017 | 05:08 pm GMT+7", date(2017, 11, 12)),
        ("By Jane Doe, Lima Times | March 12, 2024", date(2024, 3, 12)),
        ("March 12, 2024 / 2:05 PM / Updated 3 hours ago", date(2024, 3, 12)),
        ("12 Mar 2024 · 3 min read", date(2024, 3, 12)),
        ("12-Mar-2024", date(2024, 3, 12)),
        ("Released on March 12, 2024", date(2024, 3, 12)),
        ("Published: 11 September 2018", date(2018, 9, 11)),
        ("TUE, 11 SEP 2018 11:19 | KRG Cabinet", date(2018, 9, 11)),
        ("Sept. 25, 2017", date(2017, 9, 25)),
        ("TUE, 18 JUN 2019 10:26 Erbil, GMT +3", None),  # a page clock at crawl time
        ("3 hours ago", None),
        ("31-02-2021", None),
        ("2099-01-01", None),
        ("Jane Doe14 March 2021", date(2021, 3, 14)),  # a byline run into the date
        ("Geneva, 3 May 2020", date(2020, 5, 3)),
        ("Metro Edition 08:15 June 4, 2022", date(2022, 6, 4)),
        ("Published: 10:32 BST, Tue 3 July 2018", date(2018, 7, 3)),
        ("Tuesday 3 July 2018 10.32 BST", date(2018, 7, 3)),
        ("Mar. 15, 2019 (KST)", date(2019, 3, 15)),
        ("Posted on : 2020-02-03 09:10 KST Modified on : 2020-02-04 11:00 KST", date(2020, 2, 3)),
        ("Date: 14/10/2020 | Source: Wire (En) | Read the original", date(2020, 10, 14)),
        ("10 July,2015 02:13 PM IST |   |  PTI", date(2015, 7, 10)),  # no space after the comma
        ("Wire, October 21, 2016 Adjust font size:", date(2016, 10, 21)),  # a widget after it
    ],
)
def test_stamp_lines(line: str, expected: date | None) -> None:
    stamp = parse_stamp(line, today=date(2026, 6, 1))
    assert stamp is not None
    assert stamp.day == expected


@pytest.mark.parametrize(
    "line",
    [
        "The meeting took place on July 14, 2024 in Erbil.",
        "Bakhtyar Mohammed, speaking to Rudaw on July 14, 2024. Photo: Rudaw",
        "20 November 2021 was a key day for the talks",
        "March 2024",
        "The talks ended, March 3, 2021",
        "Ministers Meet Again Despite Protests, March 3, 2021 in Oslo",
        "By the end of November 12, 2017 they met",
    ],
)
def test_sentences_and_captions_are_not_stamps(line: str) -> None:
    assert parse_stamp(line) is None


def test_published_stamp_beats_updated_and_position_sets_basis() -> None:
    top = ["Title", "Published: 26 February 2024"]
    assert find_published(top, ["Updated: 27 Feb 2024"]) == (date(2024, 2, 26), "dateline")
    assert find_published(["Title"], ["Updated: 27 Feb 2024"]) == (date(2024, 2, 27), "stamp")
    assert find_published(["Title", "Text mentioning 2024-02-27 inside."]) is None
    body = "The two leaders met in Erbil on Monday to discuss the security of the region."
    text = f"Title\n{body}\nUpdated: 27 Feb 2024"
    assert document_from_text(text).published_basis == "stamp"


def test_published_keyword_is_no_byline_and_crawl_header_yields_to_the_date_line() -> None:
    assert parse_stamp("Published: 11 September 2018") == parse_stamp("Published 11 September 2018")
    assert parse_stamp("Published: 11 September 2018").keyword == "published"
    text = (
        "Monday January 6, 2025\n\nMinisters agree to meet again after long talks in Oslo\n\n"
        "By Wire Staff\nMarch 3, 2019\n\n"
        "The foreign ministers of both countries met in Oslo on Sunday for their first talks."
    )
    assert document_from_text(text).published == date(2019, 3, 3)


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("OSLO, 12 March 2021, (XYZ): The ministers met on Friday.", date(2021, 3, 12)),
        ("Lima, April 4, 2020: Talks between the two sides resumed.", date(2020, 4, 4)),
        ("April 4, 2020, 2019 (NEWS)—The two sides met.", date(2020, 4, 4)),
        ("On April 4, 2020, the ministers met in Lima.", None),
        ("LIMA, April 4 (NEWS) — The ministers met.", None),  # no year: not a publication date
    ],
)
def test_dated_datelines(paragraph: str, expected: date | None) -> None:
    assert parse_dated_dateline(paragraph) == expected


def test_dated_dateline_dates_the_article_and_is_not_in_its_title() -> None:
    text = "LIMA, 4 April 2020, (XYZ): The two foreign ministers met for talks on Friday in Lima."
    document = document_from_text(text)
    assert (document.published, document.published_basis) == (date(2020, 4, 4), "dateline")
    assert document.title == "The two foreign ministers met for talks on Friday in Lima"
    assert document.dateline_place == "Lima"


@pytest.mark.parametrize(
    "header",
    [
        "Skip to main content\nGo to Navigation",  # links around the page
        "close\nWorld Politics",  # a widget and a section label
        "Photo of the two ministers",  # image alt text
        "Foreign Minister Jane Doe",  # a name label
        "Left navigation\nOther languages: none",
    ],
)
def test_title_is_never_navigation_or_a_label(header: str) -> None:
    headline = "Ministers agree to meet again after long talks in Oslo"
    body = "The foreign ministers of both countries met in Oslo on Sunday for their first talks."
    document = document_from_text(f"{header}\n\n{headline}\n\n{body}")
    assert document.title == headline
    assert "navigation" not in document.text.casefold()


def test_title_is_never_a_donation_appeal() -> None:
    text = (
        "Your support keeps our reporters in the field\n"
        "We are independent and answer to no owner, and we rely on readers like you every day.\n"
        "Your donation makes all the difference.The two foreign ministers met in Oslo on Sunday."
        "\nThey agreed to meet again next month, officials from both sides said after the talks."
    )
    assert document_from_text(text).title == "The two foreign ministers met in Oslo on Sunday"


def test_alt_text_repeated_by_the_caption_is_not_the_title() -> None:
    text = (
        "The two ministers in Oslo\nThe two ministers in Oslo. Photograph: Jane Doe/Wire\n"
        "Ministers agree to meet again after long talks\n"
        "The foreign ministers of both countries met in Oslo on Sunday for their first talks."
    )
    assert document_from_text(text).title == "Ministers agree to meet again after long talks"


# --- datelines ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "place", "outlet"),
    [
        ("ERBIL, Kurdistan Region - The meeting", "Erbil", None),
        ("ERBIL (Kurdistan 24) – Barzani said", "Erbil", "Kurdistan 24"),
        ("ERBIL, Kurdistan Region (Kurdistan24) – A US delegation", "Erbil", "Kurdistan 24"),
        ("ERBIL, Kurdistan Region of Iraq - Senior officials", "Erbil", None),
        ("Erbil, Kurdistan Region — The United States", "Erbil", None),
        ("SULAIMANI (BasNews) – Officials", "Sulaimani", "BasNews"),
        ("NEW YORK (AP) — The UN", "New York", "Associated Press"),
        ("Erbil, Kurdistan Region, Iraq (cabinet.gov.krd) – Prime", "Erbil", "KRG Cabinet"),
        ("Shafaq News/ On Saturday, the president", None, "Shafaq News"),
        ("LIMA, Nov. 16 (Wire) -- The two sides", "Lima", "Wire"),
        ("OSLO, 12 March 2021, (XYZ): The ministers", "Oslo", "XYZ"),
    ],
)
def test_datelines(paragraph: str, place: str | None, outlet: str | None) -> None:
    dateline = parse_dateline(paragraph)
    assert dateline is not None
    assert (dateline.place, dateline.outlet) == (place, outlet)


@pytest.mark.parametrize(
    "paragraph",
    [
        "According to BasNews Barzani reaffirmed the need for partnership.",
        "Masoud Barzani - the KDP leader - met the envoy.",
        "ISIS - the group that once held Mosul - remains a threat.",
        "KRG – the regional government – answered on Sunday.",  # the beat's own acronym
        "The two officials met in Erbil.",
    ],
)
def test_sentences_are_not_datelines(paragraph: str) -> None:
    assert parse_dateline(paragraph) is None


# --- hashing and HTML --------------------------------------------------------------------


def test_content_hash_ignores_spacing_case_and_quote_styles() -> None:
    a = "“We are proud,” Mr Barzani said. It’s a partnership – a long one."
    b = '"We  are proud,"   mr barzani said.\n\nIt\'s a partnership - a long one.'
    assert content_hash(a) == content_hash(b)
    assert content_hash(a) != content_hash(a.replace("proud", "glad"))
    assert len(content_hash(a)) == 64


def test_same_seed_pasted_twice_with_different_spacing_is_a_duplicate() -> None:
    text = seed("001")
    respaced = text.replace("\n\n", "\n").replace(" ", "  ").replace("“", '"')
    assert content_hash(document_from_text(text).text) == content_hash(
        document_from_text(respaced).text
    )


ARTICLE_HTML = """<!doctype html><html><head>
<title>KRG, US discuss partnership | Rudaw.net</title>
<meta property="og:title" content="KRG, US discuss partnership, regional security: statement">
<meta property="article:published_time" content="2021-11-20T10:00:00+03:00">
<meta property="og:site_name" content="Rudaw">
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>KRG, US discuss partnership, regional security: statement</h1>{paragraphs}</article>
<footer>Copyright Rudaw 2024</footer></body></html>"""


def article_html() -> str:
    lines = [line for line in seed("001").splitlines()[6:] if line.strip()]
    return ARTICLE_HTML.format(paragraphs="".join(f"<p>{line}</p>" for line in lines))


def test_html_article_text_title_and_metadata_date() -> None:
    document = document_from_html(article_html(), url="https://www.rudaw.net/english/x")
    assert document.title == "KRG, US discuss partnership, regional security: statement"
    assert (document.published, document.published_basis) == (date(2021, 11, 20), "metadata")
    assert document.source == "Rudaw"
    assert document.dateline_place == "Erbil"
    assert "Barzani and Austin met on the sidelines" in document.text
    assert "Rudaw moderates" not in document.text
    assert "Copyright" not in document.text
    assert document.url == "https://www.rudaw.net/english/x"


def test_html_explicit_date_wins_and_no_metadata_means_no_date() -> None:
    page = article_html()
    assert document_from_html(page, published=date(2021, 11, 21)).published_basis == "user"
    undated = page.replace('content="2021-11-20T10:00:00+03:00"', 'content=""')
    assert document_from_html(undated).published is None


def test_html_with_only_scripts_is_refused() -> None:
    page = "<html><head><script>var a = 1;</script></head><body><script>go()</script></body></html>"
    with pytest.raises(IngestError, match="no article text"):
        document_from_html(page)


def test_explicit_title_after_a_stamp_is_not_repeated_in_the_body() -> None:
    text = "20-11-2021\nKRG, US discuss partnership\n\nERBIL, Kurdistan Region - Talks were held.\n"
    document = document_from_text(text, title="KRG, US discuss partnership")
    assert document.title == "KRG, US discuss partnership"
    assert document.text == "20-11-2021\n\nERBIL, Kurdistan Region - Talks were held."


def test_a_space_lost_after_a_full_stop_is_put_back() -> None:
    text = (
        "Envoys talk by phone\n\n"
        "Tom Hale was appointed last week.The ministry said Ana Okafor called him.Hale "
        "thanked her.\n\nNorland.Vz\n\nThe U.S.Senate and Mr.Hale agreed."
    )
    assert document_from_text(text).text.split("\n\n") == [
        "Tom Hale was appointed last week. The ministry said Ana Okafor called him. Hale "
        "thanked her.",
        "Norland.Vz",  # a name, not two sentences
        "The U.S.Senate and Mr.Hale agreed.",
    ]


def test_contact_details_a_release_ends_with_are_furniture() -> None:
    text = (
        "Vesteria and Norland agree fisheries deal\n\n"
        "Minister Tom Hale met Commissioner Ana Okafor in Brussels on Monday.\n\n"
        "Press contacts:\n\n"
        "Rosa Marlow (+32 2 299 13 82)\n\n"
        "Tel: 020 7946 0000, press@example.org\n\n"
        "General public inquiries: Norland Direct by phone 00 800 67 89 10 11 or by email\n"
    )
    document = document_from_text(text)
    assert document.text == "Minister Tom Hale met Commissioner Ana Okafor in Brussels on Monday."


# --- hostile input: the outcome, whatever the shape (bench/hostile.py has the times) ------


def test_a_line_of_share_buttons_that_is_not_furniture_is_kept() -> None:
    """Two optional runs of spaces between buttons made this line take 2**n steps."""
    line = "Share " * 40 + "the minister said on Monday after the talks in Erbil."
    assert document_from_text(line).text == line.strip()


def test_thousands_of_wrapped_lines_join_into_one_paragraph() -> None:
    """Joining a hard-wrapped paragraph re-read and copied it at every line."""
    lines = [f"officials {n:05d} met the envoy" for n in range(10_000)]
    document = document_from_text("Envoys hold talks in Erbil\n\n" + "\n".join(lines))
    assert document.text == " ".join(lines)


def test_a_dotted_abbreviation_does_not_end_the_first_sentence() -> None:
    text = (
        "The Chairperson of the Commission, H.E. Tobias Okafor, this morning received the "
        "Minister of Foreign Affairs of Peru in Lima, and they discussed trade at length.\n"
    )
    assert document_from_text(text).title.startswith("The Chairperson of the Commission, H.E. T")


def test_agency_first_photo_credit_ends_a_caption() -> None:
    caption = (
        "President Tom Hale shakes hands with Minister Ana Okafor in Lima, Peru, March 3, 2021. "
        "REUTERS/Piet Lindqvist/File Photo"
    )
    assert is_caption(caption)
    assert caption[credit_start(caption) :].strip() == "REUTERS/Piet Lindqvist/File Photo"
