"""Event extraction mechanisms, each on a short made-up text parsed by the real pipeline."""

from __future__ import annotations

from datetime import date

from bot.models import ActorKind, EventRecord, EventType, SourceDocument
from bot.parse.events.participants import unnamed_party
from bot.parse.events.triggers import Trigger
from bot.parse.pipeline import ArticleParser
from bot.sources.text import document_from_text

PUBLISHED = date(2023, 1, 18)  # a Wednesday


def events(parser: ArticleParser, text: str, title: str = "") -> list[EventRecord]:
    document = SourceDocument(text=text, title=title, published=PUBLISHED)
    return next(parser.parse([document])).events


def with_people(found: list[EventRecord], *names: str) -> list[EventRecord]:
    return [e for e in found if set(names) <= set(e.participants)]


def test_adversary_object_of_another_verb_is_no_party(parser: ArticleParser):
    found = events(
        parser,
        "Lloyd Austin’s visit to Erbil is believed to be centered on strategies for "
        "defeating the Islamic State.",
    )
    assert not any("Islamic State" in e.participants for e in found)


def test_agreeing_on_a_need_is_no_agreement(parser: ArticleParser):
    found = events(
        parser,
        "Masrour Barzani and Brett McGurk agreed on the need for close cooperation against ISIS.",
    )
    assert not [e for e in found if e.type is EventType.AGREEMENT]


def test_agreeing_to_talk_on_is_no_agreement(parser: ArticleParser):
    for text in (
        "Piet Lindqvist and Rosa Marlow agreed to further engagement with business on Friday.",
        "Piet Lindqvist and Rosa Marlow agreed to keep talking on Friday.",
    ):
        assert not [e for e in events(parser, text) if e.type is EventType.AGREEMENT]
    found = events(parser, "Piet Lindqvist and Rosa Marlow agreed to a ceasefire on Friday.")
    assert [e.type for e in found] == [EventType.AGREEMENT]


def test_a_bracket_closing_inside_a_sentence_does_not_end_it(parser: ArticleParser):
    text = (
        "Tom Hale met the Vesterian delegation in Tarsa on Monday. The Vesterian delegation "
        "consisted of the President of the Vesteria Region Piet Lindqvist, Prime Minister Ana "
        "Okafor, and Vesteria Region Security Council (VRSC) Chancellor Rosa Marlow among other "
        "Vesteria Regional Government (VRG) officials."
    )
    (meeting,) = events(parser, text)
    assert "Rosa Marlow" in meeting.participants


def test_a_call_or_letter_takes_no_place_from_the_dateline(parser: ArticleParser):
    text = (
        "TARSA, Vesteria (Test Wire) - Tom Hale spoke by phone with Ana Okafor on Monday. "
        "On Tuesday, Hale met Rosa Marlow."
    )
    document = document_from_text(text, published=PUBLISHED)
    article = next(parser.parse([document]))
    assert document.dateline_place == "Tarsa"
    assert [(e.type, e.place) for e in article.events] == [
        (EventType.CALL, None),
        (EventType.MEETING, "Tarsa"),
    ]


def test_visiting_with_someone_is_meeting_them(parser: ArticleParser):
    found = events(parser, "Tom Hale visited with President Ana Okafor in Tarsa on Friday.")
    assert [(e.type, e.participants) for e in found] == [
        (EventType.MEETING, ["Tom Hale", "Ana Okafor"])
    ]
    found = events(parser, "Tom Hale visited Tarsa with his daughter Rosa Hale on Friday.")
    assert [e.type for e in found] == [EventType.VISIT]  # a companion


def test_exchanging_views_is_talking_and_exchanging_fire_is_not(parser: ArticleParser):
    found = events(parser, "Tom Hale and Ana Okafor exchanged views on Monday by phone.")
    assert [(e.type, e.participants) for e in found] == [
        (EventType.CALL, ["Tom Hale", "Ana Okafor"])
    ]
    fire = "The Vesterian Army exchanged fire with the Norland Liberation Front on Monday."
    assert not events(parser, fire)


def test_speaking_with_someone_in_a_meeting_is_a_meeting(parser: ArticleParser):
    text = (
        "On Friday, Tom Hale spoke with his counterpart, Ana Okafor, in a working group "
        "meeting at the Foreign Ministry in Tarsa."
    )
    assert [e.type for e in events(parser, text)] == [EventType.MEETING]


def test_an_agreement_only_upheld_or_broken_is_no_new_agreement(parser: ArticleParser):
    found = events(
        parser,
        "On Monday, Gregor Almqvist reaffirmed the accord between Ines Pardo and Tomas Ruud. "
        "On Tuesday, Lena Voss accused Ines Pardo of violating the deal with Tomas Ruud.",
    )
    assert not [e for e in found if e.type is EventType.AGREEMENT]


def test_what_an_agreement_includes_is_no_agreement_made(parser: ArticleParser):
    found = events(
        parser,
        "The first phase of the accord between Ines Pardo and Tomas Ruud covers Fishing "
        "Rights. The new deal between Ines Pardo and Tomas Ruud includes Customs Union rules.",
    )
    assert not [e for e in found if e.type is EventType.AGREEMENT]


def test_agreement_between_two_countries(parser: ArticleParser):
    found = events(
        parser,
        "On Tuesday, a deal was announced between the US and Turkey that allows the US "
        "to use Turkish airbases.",
    )
    deal = with_people(found, "United States", "Turkey")
    assert deal and deal[0].type is EventType.AGREEMENT
    assert str(deal[0].interval) == "2023-01-17"


def test_attack_by_one_organisation_on_another(parser: ArticleParser):
    found = events(parser, "IS militants attacked Peshmerga positions near Kirkuk on Monday.")
    assert with_people(found, "Islamic State", "Peshmerga")


def test_attack_noun_sides_not_the_people_briefed(parser: ArticleParser):
    found = events(
        parser,
        "Masrour Barzani briefed Lloyd Austin on ISIS’s attack on the Peshmerga "
        "frontlines near Kirkuk.",
    )
    attacks = [e for e in found if e.type is EventType.ATTACK]
    assert attacks and set(attacks[0].participants) == {"Islamic State", "Peshmerga"}


def test_delegation_members_named_later_join_the_meeting(parser: ArticleParser):
    found = events(
        parser,
        "A US delegation on Tuesday met with the Kurdish leadership in Erbil.\n\n"
        "The US delegation included Lloyd Austin and Brett McGurk.\n\n"
        "The Kurdish delegation consisted of Masrour Barzani and Nechirvan Barzani.",
    )
    meeting = with_people(found, "Lloyd Austin", "Brett McGurk", "Masrour Barzani")
    assert meeting and str(meeting[0].interval) == "2023-01-17"


def test_a_member_s_relative_named_by_possessive_is_no_member(parser: ArticleParser):
    found = events(
        parser,
        "A Vesterian delegation on Tuesday met with the Norland leadership in Tarsa.\n\n"
        "The Vesterian delegates included President Piet Lindqvist's son-in-law Tom Hale "
        "along with General Ana Okafor.\n\n"
        "The Norland delegation consisted of Rosa Marlow and Tobias Merrow.",
    )
    (meeting,) = with_people(found, "Tom Hale", "Ana Okafor", "Rosa Marlow")
    assert "Piet Lindqvist" not in meeting.participants


def test_delegation_led_by_a_named_person(parser: ArticleParser):
    found = events(
        parser,
        "Masrour Barzani on Monday received a delegation of US officials headed by Brett McGurk.",
    )
    assert with_people(found, "Masrour Barzani", "Brett McGurk")


def test_the_meeting_refers_back_to_the_event_told(parser: ArticleParser):
    found = events(
        parser,
        "Nechirvan Barzani on Monday received a senior White House delegation in Erbil.\n\n"
        "Energy was discussed in the meeting between President Barzani and Brett McGurk.\n\n"
        "Lloyd Austin also attended the meeting.",
    )
    meetings = with_people(found, "Nechirvan Barzani", "Brett McGurk")
    assert len(meetings) == 1
    assert "Lloyd Austin" in meetings[0].participants
    assert str(meetings[0].interval) == "2023-01-16"


def test_the_diplomat_is_the_last_person_named_as_subject(parser: ArticleParser):
    found = events(
        parser,
        "Brett McGurk met with Masrour Barzani on Tuesday in Erbil.\n\n"
        "Earlier Tuesday, the diplomat was received by Nechirvan Barzani in Erbil.",
    )
    assert with_people(found, "Brett McGurk", "Nechirvan Barzani")


def test_headline_discuss_is_the_call_of_the_body(parser: ArticleParser):
    found = events(
        parser,
        "Masrour Barzani received a phone call from Lloyd Austin on Monday.",
        title="Masrour Barzani and Lloyd Austin discuss security",
    )
    assert [e.type for e in found] == [EventType.CALL]


def test_institution_standing_for_named_people_merges(parser: ArticleParser):
    found = events(
        parser,
        "On Saturday, Nechirvan Barzani received a delegation from the US Senate, "
        "including Senator Joni Ernst and Senator Ted Budd.",
        title="On Saturday, Nechirvan Barzani received a delegation from the US Senate",
    )
    assert len(found) == 1
    assert {"Nechirvan Barzani", "Joni Ernst", "Ted Budd"} <= set(found[0].participants)


def test_a_day_after_dates_the_earlier_event(parser: ArticleParser):
    found = events(
        parser,
        "Lloyd Austin’s visit to Erbil comes a day after the defense secretary’s meeting "
        "in Baghdad with Masrour Barzani and Nechirvan Barzani.",
    )
    meeting = with_people(found, "Masrour Barzani", "Nechirvan Barzani")
    assert meeting and str(meeting[0].interval) == "2023-01-17"


def test_spoke_with_a_person_is_a_call(parser: ArticleParser):
    found = events(parser, "This morning, Joe Biden spoke with Masoud Barzani.")
    assert with_people(found, "Joe Biden", "Masoud Barzani")
    assert not events(parser, "Masoud Barzani spoke with Rudaw on Monday.")


def test_a_conversation_held_by_telephone_is_a_call(parser: ArticleParser):
    found = events(
        parser,
        "Foreign Minister Anna Keller held a telephone conversation with Prime Minister "
        "Tomas Brandt on Monday.",
    )
    assert [e.type for e in with_people(found, "Anna Keller", "Tomas Brandt")] == [EventType.CALL]


def test_discussed_by_phone_is_a_call(parser: ArticleParser):
    found = events(
        parser,
        "Foreign Minister Anna Keller and Prime Minister Tomas Brandt discussed trade by phone "
        "on Monday.",
    )
    assert [e.type for e in with_people(found, "Anna Keller", "Tomas Brandt")] == [EventType.CALL]


def test_a_summit_held_is_a_meeting(parser: ArticleParser):
    found = events(
        parser,
        "Foreign Minister Anna Keller on Monday held her first summit with President Tomas "
        "Brandt in Vienna.",
    )
    summit = with_people(found, "Anna Keller", "Tomas Brandt")
    assert summit and summit[0].type is EventType.MEETING and summit[0].place == "Vienna"


def test_an_event_noun_keeps_its_own_date_and_sides(parser: ArticleParser):
    found = events(
        parser,
        "The meeting on Monday followed last November's summit between President Tomas Brandt "
        "and Chancellor Anna Keller.",
    )
    summit = with_people(found, "Anna Keller", "Tomas Brandt")
    assert summit and str(summit[0].interval) == "2022-11-01..2022-11-30"


def test_welcoming_a_visitor_is_a_meeting(parser: ArticleParser):
    found = events(
        parser,
        "President Tomas Brandt welcomed Chancellor Anna Keller to the presidential palace on "
        "Monday.",
    )
    assert with_people(found, "Anna Keller", "Tomas Brandt")


def test_an_infinitive_shares_its_governing_verbs_subject_and_date(parser: ArticleParser):
    found = events(
        parser,
        "Last month, Chancellor Anna Keller led a delegation to meet with President Tomas Brandt.",
    )
    meeting = with_people(found, "Anna Keller", "Tomas Brandt")
    assert meeting and str(meeting[0].interval) == "2022-12-01..2022-12-31"


def test_travelling_to_meet_someone_next_week_is_planned(parser: ArticleParser):
    found = events(
        parser,
        "Chancellor Anna Keller will travel to Vienna next week to meet President Tomas Brandt.",
    )
    meetings = with_people(found, "Anna Keller", "Tomas Brandt")
    assert meetings and all(e.planned for e in meetings)


def test_speaking_to_reporters_after_a_meeting_is_the_meeting(parser: ArticleParser):
    found = events(
        parser,
        "Foreign Minister Anna Keller spoke to reporters on Monday after a meeting with "
        "President Tomas Brandt.",
    )
    assert [e.type for e in with_people(found, "Anna Keller", "Tomas Brandt")] == [
        EventType.MEETING
    ]


def test_the_talk_between_two_people_joins_their_meeting(parser: ArticleParser):
    found = events(
        parser,
        "Chancellor Anna Keller met President Tomas Brandt in Vienna on Monday.\n\n"
        "Brandt met separately with Senator Maria Olsen.\n\n"
        "The talk between Keller and Brandt lasted an hour.",
    )
    assert not with_people(found, "Anna Keller", "Maria Olsen")


def test_meeting_several_people_separately_is_one_meeting_each(parser: ArticleParser):
    found = events(
        parser,
        "President Tomas Brandt met separately with Foreign Minister Anna Keller, Defence "
        "Minister Lukas Weber and Senator Maria Olsen on Monday.",
    )
    pairs = {frozenset(e.participants) for e in found}
    assert pairs == {
        frozenset({"Tomas Brandt", name}) for name in ("Anna Keller", "Lukas Weber", "Maria Olsen")
    }


def statements(found: list[EventRecord]) -> list[EventRecord]:
    return [e for e in found if e.type is EventType.STATEMENT]


def test_dated_saying_is_a_statement(parser: ArticleParser):
    found = events(
        parser,
        "On Monday, Foreign Minister Anna Lindqvist said there was no basis for new talks.",
    )
    said = statements(found)
    assert [e.participants for e in said] == [["Anna Lindqvist"]]
    assert str(said[0].interval) == "2023-01-16"


def test_undated_saying_is_an_attribution(parser: ArticleParser):
    found = events(parser, "Foreign Minister Anna Lindqvist said there was no basis for talks.")
    assert not statements(found)


def test_date_in_what_was_said_does_not_date_the_saying(parser: ArticleParser):
    found = events(
        parser,
        "Anna Lindqvist stressed the importance of keeping open lines of communication in "
        "talks with the Swedish foreign minister on Sunday.",
    )
    assert not statements(found)


def test_organisation_saying_is_no_statement(parser: ArticleParser):
    found = events(parser, "The Foreign Ministry said on Monday that the border stays closed.")
    assert not statements(found)


def test_statement_issued_by_a_person(parser: ArticleParser):
    found = events(
        parser,
        "Senator Paul Hendricks, chair of the committee, issued a press statement on Tuesday.",
    )
    assert [(e.participants, str(e.interval)) for e in statements(found)] == [
        (["Paul Hendricks"], "2023-01-17")
    ]


def test_press_conference_dated_on_its_noun(parser: ArticleParser):
    found = events(
        parser, "Minister Anna Lindqvist holds a press conference in Stockholm on Jan. 10."
    )
    assert [str(e.interval) for e in statements(found)] == ["2023-01-10"]


def test_statement_owned_by_a_person(parser: ArticleParser):
    found = events(
        parser,
        "Markets fell after President Carlos Ortega's announcement last month to raise tariffs.",
    )
    said = statements(found)
    assert [e.participants for e in said] == [["Carlos Ortega"]]
    assert said[0].interval is not None and said[0].interval.start == date(2022, 12, 1)


def test_statement_speaker_not_a_person_the_subject_governs(parser: ArticleParser):
    found = events(
        parser, "The spokesman of President Carlos Ortega said on Monday that talks were over."
    )
    assert not statements(found)


def test_planned_statement_is_no_statement(parser: ArticleParser):
    found = events(parser, "Anna Lindqvist will make a statement on Friday.")
    assert not statements(found)


def test_arrival_in_a_capital_is_a_visit_to_its_country(parser: ArticleParser):
    found = events(
        parser,
        "Japan and Canada hold trade talks this month. Trade Minister Hiroshi Tanabe "
        "arrived in Ottawa on Monday.",
    )
    visits = [e for e in found if e.type is EventType.VISIT]
    assert [(e.participants, str(e.interval)) for e in visits] == [
        (["Hiroshi Tanabe", "Canada"], "2023-01-16")
    ]


def test_visit_to_a_country_the_article_does_not_name_is_not_guessed(parser: ArticleParser):
    found = events(parser, "Trade Minister Hiroshi Tanabe arrived in Ottawa on Monday.")
    assert not [e for e in found if "Canada" in e.participants]


def test_relative_pronoun_stands_for_the_visitor(parser: ArticleParser):
    found = events(parser, "Hiroshi Tanabe, who arrived in Canada on Monday, declined to comment.")
    assert with_people(found, "Hiroshi Tanabe", "Canada")


def test_meeting_an_arrival_was_for_is_an_event(parser: ArticleParser):
    found = events(
        parser,
        "Hiroshi Tanabe, who arrived in Canada for his first meeting with Mark Ellison, "
        "declined to comment.",
    )
    assert with_people(found, "Hiroshi Tanabe", "Mark Ellison")


def test_trip_to_a_meeting_the_same_day_is_that_meeting(parser: ArticleParser):
    found = events(
        parser,
        "Prime Minister Hiroshi Tanabe met Chancellor Lena Vogel in Berlin on Monday. "
        "Vogel spoke of progress during Tanabe's visit to Germany on Monday.",
    )
    assert not [e for e in found if e.type is EventType.VISIT]
    assert with_people(found, "Hiroshi Tanabe", "Lena Vogel")


def test_a_meeting_told_in_a_visit_s_sentence_takes_the_visit_s_day(parser: ArticleParser):
    found = events(
        parser,
        "Hiroshi Tanabe paid an official visit to Germany on Monday, where he met Chancellor "
        "Lena Vogel.",
    )
    assert [(e.type, e.date_text) for e in found] == [(EventType.MEETING, "on Monday")]


def test_planned_trips_are_planned(parser: ArticleParser):
    found = events(
        parser,
        "Officials said Hiroshi Tanabe and Lena Vogel are all planning trips to Canada in "
        "the coming months. Canada welcomed the news.",
    )
    assert not [e for e in found if e.type is EventType.VISIT and not e.planned]


def test_calling_someone_by_name_is_no_call(parser: ArticleParser):
    found = events(parser, "Hiroshi Tanabe called Lena Vogel by her first name.")
    assert not [e for e in found if e.type is EventType.CALL]


def test_they_met_are_the_people_of_the_last_event(parser: ArticleParser):
    found = events(
        parser,
        "President Hiroshi Tanabe and Chancellor Lena Vogel held talks in Berlin on Monday. "
        "It was their second summit after they met for the first time in Rome last November.",
    )
    earlier = [e for e in with_people(found, "Hiroshi Tanabe", "Lena Vogel") if e.date_text]
    assert sorted(str(e.interval) for e in earlier) == ["2022-11-01..2022-11-30", "2023-01-16"]


def test_subject_pronoun_is_the_last_subject_named(parser: ArticleParser):
    found = events(
        parser,
        "Minister Paul Hendricks praised President Mark Ellison and Chancellor Lena Vogel. "
        "He later met Carlos Ortega in Madrid.",
    )
    assert with_people(found, "Paul Hendricks", "Carlos Ortega")
    assert not with_people(found, "Lena Vogel", "Carlos Ortega")


def test_undated_article_keeps_differently_dated_meetings_apart(parser: ArticleParser):
    document = SourceDocument(
        text="President Hiroshi Tanabe met Chancellor Lena Vogel on Saturday. The two leaders "
        "talked for two hours in the border village, where they had met last month.",
        title="",
        published=None,
    )
    found = next(parser.parse([document])).events
    assert sorted(e.date_text or "" for e in found) == ["last month", "on Saturday"]


def test_conversation_is_a_call_only_by_phone(parser: ArticleParser):
    face = events(
        parser, "In a brief conversation on Monday, Paul Hendricks told Lena Vogel he was glad."
    )
    phone = events(parser, "Paul Hendricks and Lena Vogel held a telephone conversation on Monday.")
    assert [e.type for e in with_people(face, "Paul Hendricks", "Lena Vogel")] == [
        EventType.MEETING
    ]
    assert [e.type for e in with_people(phone, "Paul Hendricks", "Lena Vogel")] == [EventType.CALL]


def test_likely_to_meet_is_planned(parser: ArticleParser):
    found = events(parser, "Hiroshi Tanabe is likely to meet Lena Vogel, an official said.")
    meeting = with_people(found, "Lena Vogel")
    assert meeting and all(e.planned for e in meeting)


def test_conveyed_intention_to_meet_is_planned(parser: ArticleParser):
    found = events(
        parser, "Hiroshi Tanabe conveyed his intention to meet Lena Vogel as soon as possible."
    )
    assert not [e for e in with_people(found, "Hiroshi Tanabe", "Lena Vogel") if not e.planned]


def test_likelihood_of_a_summit_is_no_summit(parser: ArticleParser):
    found = events(
        parser,
        "Paul Hendricks played down the likelihood of another summit between Hiroshi Tanabe "
        "and Lena Vogel.",
    )
    assert not [e for e in with_people(found, "Hiroshi Tanabe", "Lena Vogel") if not e.planned]


def test_bare_plural_event_noun_is_a_kind_of_event(parser: ArticleParser):
    found = events(
        parser,
        "Carlos Ortega, who was instrumental in arranging summits between Hiroshi Tanabe and "
        "Lena Vogel, retired on Monday.",
    )
    assert not with_people(found, "Hiroshi Tanabe", "Lena Vogel")


def test_the_summits_named_are_events(parser: ArticleParser):
    found = events(
        parser, "The two summits between Hiroshi Tanabe and Lena Vogel took place on Monday."
    )
    assert with_people(found, "Hiroshi Tanabe", "Lena Vogel")


def test_meeting_several_times_is_a_habit(parser: ArticleParser):
    found = events(
        parser,
        "Hiroshi Tanabe enjoyed a bout of diplomacy, meeting Lena Vogel and then Carlos Ortega "
        "several times.",
    )
    assert not found


def test_participle_shares_its_governing_verbs_subject(parser: ArticleParser):
    found = events(
        parser, "Hiroshi Tanabe arrived in Berlin on Monday, meeting Chancellor Lena Vogel."
    )
    assert with_people(found, "Hiroshi Tanabe", "Lena Vogel")


def test_arrival_day_does_not_date_the_talks_it_was_for(parser: ArticleParser):
    found = events(
        parser,
        "Hiroshi Tanabe, who arrived in Canada on Monday for talks with Mark Ellison, declined "
        "to comment.",
    )
    visit = with_people(found, "Hiroshi Tanabe", "Canada")
    talks = with_people(found, "Hiroshi Tanabe", "Mark Ellison")
    assert visit and str(visit[0].interval) == "2023-01-16"
    assert talks and talks[0].date_text is None


def test_the_cabinet_minister_refers_back(parser: ArticleParser):
    found = events(
        parser,
        "Hiroshi Tanabe, the trade secretary, voiced frustration. Mark Ellison was said to be "
        "busy. The Japanese cabinet minister was granted only a short meeting with Ellison.",
    )
    assert with_people(found, "Hiroshi Tanabe", "Mark Ellison")


def test_his_summit_is_the_clause_subjects(parser: ArticleParser):
    found = events(
        parser,
        "On Monday President Mark Ellison announced a new envoy following his first summit "
        "with Chancellor Lena Vogel.",
    )
    assert with_people(found, "Mark Ellison", "Lena Vogel")


def test_the_two_leaders_agreeing_during_their_summit_dates_it(parser: ArticleParser):
    found = events(
        parser,
        "Mark Ellison made an announcement after his first summit with Lena Vogel. The two "
        "leaders had agreed to pursue diplomacy during their summit last Friday.",
    )
    summit = with_people(found, "Mark Ellison", "Lena Vogel")
    assert [str(e.interval) for e in summit] == ["2023-01-13"]


def test_letter_handed_to_the_reporter_is_a_letter_between_them(parser: ArticleParser):
    found = events(
        parser,
        "Chancellor Mark Ellison was the first to announce that the letter had been handed "
        "to him in his office by envoy Carlos Ortega.",
    )
    assert with_people(found, "Mark Ellison", "Carlos Ortega")


def test_second_infinitive_of_a_planned_trip_is_planned(parser: ArticleParser):
    found = events(
        parser,
        "Carlos Ortega will travel to Madrid to meet with Lena Vogel and to hand her a letter "
        "from Mark Ellison.",
    )
    assert found and all(e.planned for e in found)


def test_a_back_reference_with_its_own_day_dates_the_event(parser: ArticleParser):
    found = events(
        parser,
        "Emmanuel Macron welcomed Justin Trudeau to Paris for talks.\n\n"
        "The meeting on Monday began with a handshake on the steps of the palace.",
    )
    meeting = with_people(found, "Emmanuel Macron", "Justin Trudeau")
    assert len(meeting) == 1 and str(meeting[0].interval) == "2023-01-16"


def test_a_vague_week_joins_the_same_dinner_on_a_named_day(parser: ArticleParser):
    found = events(
        parser,
        "Emmanuel Macron pressed Justin Trudeau for support at a working dinner last week, "
        "according to reports.\n\n"
        "Macron met Trudeau and Pedro Sanchez for dinner on Monday.",
    )
    dinner = with_people(found, "Emmanuel Macron", "Justin Trudeau")
    assert len(dinner) == 1 and str(dinner[0].interval) == "2023-01-16"


def test_a_journey_under_way_to_a_meeting_is_planned(parser: ArticleParser):
    found = events(
        parser,
        "Emmanuel Macron met Justin Trudeau in Paris on Tuesday. Macron was headed to Madrid "
        "later to meet Pedro Sanchez.",
    )
    ahead = with_people(found, "Emmanuel Macron", "Pedro Sanchez")
    assert ahead and all(e.planned for e in ahead)
    assert not with_people(found, "Emmanuel Macron", "Justin Trudeau")[0].planned


def test_talks_that_follow_earlier_talks_do_not_take_their_date(parser: ArticleParser):
    found = events(
        parser,
        "Emmanuel Macron and Justin Trudeau started talks in Paris.\n\n"
        "The talks follow a meeting last week between Pedro Sanchez and Trudeau.",
    )
    talks = with_people(found, "Emmanuel Macron", "Justin Trudeau")
    assert len(talks) == 1 and talks[0].date_text is None
    assert with_people(found, "Pedro Sanchez", "Justin Trudeau")


def test_a_meeting_that_could_happen_is_no_event(parser: ArticleParser):
    found = events(
        parser,
        "Analysts see a real chance that Emmanuel Macron and Justin Trudeau could leave "
        "the meeting with a deal.",
    )
    assert all(e.planned for e in with_people(found, "Emmanuel Macron", "Justin Trudeau"))


def test_a_back_reference_ahead_does_not_join_a_past_meeting(parser: ArticleParser):
    found = events(
        parser,
        "A French delegation met with Canadian officials in Ottawa on Monday.\n\n"
        "Aides said Emmanuel Macron and Justin Trudeau will both attend the meeting.",
    )
    past = [e for e in with_people(found, "Emmanuel Macron", "Justin Trudeau") if not e.planned]
    assert not past


def test_a_country_group_never_named_takes_part_as_an_unnamed_delegation(
    parser: ArticleParser,
):
    found = events(
        parser,
        "Chinese Vice-Premier Wang Tao arrived in Washington on Wednesday for talks with "
        "Robert Kellner. The talks follow negotiations last week when Wang Tao hosted US "
        "officials in Beijing.",
    )
    hosted = with_people(found, "Wang Tao", "unnamed US delegation")
    assert hosted and hosted[0].date_text == "last week"
    assert with_people(found, "Wang Tao", "Robert Kellner")


def test_an_unnamed_delegation_is_a_group_actor_not_a_person(parser: ArticleParser):
    document = SourceDocument(
        text="On Monday, Foreign Minister Anna Lindqvist hosted Chinese officials in Stockholm.",
        title="",
        published=PUBLISHED,
    )
    actors = {a.name: a.kind for a in next(parser.parse([document])).actors}
    assert actors.get("unnamed Chinese delegation") is ActorKind.GROUP


def test_a_delegation_its_subject_leads_is_no_other_side(parser: ArticleParser):
    found = events(
        parser,
        "Foreign Minister Anna Lindqvist met a Chinese delegation in Stockholm on Monday. "
        "On Tuesday, Lars Berg led the Swedish delegation in talks in Beijing.",
    )
    assert with_people(found, "Anna Lindqvist", "unnamed Chinese delegation")
    assert not [e for e in found if "unnamed Swedish delegation" in e.participants]


def test_a_joint_statement_of_the_pair_just_met_is_an_event(parser: ArticleParser):
    found = events(
        parser,
        "Prime Minister Anna Lindqvist and President Tomas Ruud met in Oslo for talks on "
        "fisheries. Afterwards, they released a joint statement that called the talks useful.",
    )
    joint = [e for e in found if e.type is EventType.STATEMENT]
    assert joint and set(joint[0].participants) == {"Anna Lindqvist", "Tomas Ruud"}


def test_an_undated_statement_of_one_person_is_no_event(parser: ArticleParser):
    found = events(parser, "Anna Lindqvist met Tomas Ruud. Afterwards, she issued a statement.")
    assert not [e for e in found if e.type is EventType.STATEMENT]


def test_an_embedded_post_is_a_statement_dated_by_its_signature(parser: ArticleParser):
    found = events(
        parser,
        "Today I step down as minister. pic.twitter.com/abc123 — Anna Lindqvist "
        "(@AnnaLindqvistMP) March 3, 2021\n\nThe minister, Anna Lindqvist, has resigned.",
    )
    posted = [e for e in found if e.type is EventType.STATEMENT]
    assert posted and posted[0].participants == ["Anna Lindqvist"]
    assert str(posted[0].interval) == "2021-03-03"


def test_saying_as_the_means_of_an_act_is_its_subjects_statement(parser: ArticleParser):
    found = events(
        parser,
        "Chancellor Anna Lindqvist went further on Monday by suggesting that the deadline "
        "was only a guideline.",
    )
    said = [e for e in found if e.type is EventType.STATEMENT]
    assert said and said[0].participants == ["Anna Lindqvist"]
    assert str(said[0].interval) == "2023-01-16"


def test_definite_title_stands_for_the_person_named_with_it(parser: ArticleParser):
    found = events(
        parser,
        "Executive Vice-President Piet Lindqvist spoke to Ana Okafor on Monday. "
        "It followed a call between the Executive Vice-President and Tomas Ferreira.",
    )
    assert with_people(found, "Piet Lindqvist", "Tomas Ferreira")


def test_date_of_a_participle_after_a_comma_is_not_the_events(parser: ArticleParser):
    found = events(
        parser,
        "Maria Lopez and Tomas Ferreira discussed the joint plan on fishing quotas, "
        "published the previous day, which ministers will consider next month.",
    )
    (meeting,) = with_people(found, "Maria Lopez", "Tomas Ferreira")
    assert meeting.date_text is None


def test_owned_event_noun_names_its_own_sides(parser: ArticleParser):
    found = events(
        parser,
        "Ukrainian President Ivan Petrenko has again criticized German Chancellor Olaf Brenner "
        "for his phone call with Russian President Pavel Orlov in mid-November.",
    )
    calls = [e for e in found if e.type is EventType.CALL]
    assert calls and all(set(e.participants) == {"Olaf Brenner", "Pavel Orlov"} for e in calls)


def test_a_statement_does_not_merge_into_a_meeting(parser: ArticleParser):
    found = events(
        parser,
        "Ivan Petrenko and Olaf Brenner discussed defence support on Monday.\n\n"
        '"We discussed the course of the talks," Petrenko said on Twitter on Monday.',
        title="Petrenko, Brenner discuss peace talks",
    )
    assert {e.type for e in found} >= {EventType.STATEMENT}
    assert all(len(e.participants) == 1 for e in found if e.type is EventType.STATEMENT)


def test_event_named_to_time_a_clause_adds_no_participant(parser: ArticleParser):
    found = events(
        parser,
        "Prime Minister Rahul Mehta held talks with Nadeem Qureshi in New Delhi on Tuesday.\n\n"
        "Foreign Secretary Meena Rao told reporters after the meeting that terrorism was raised.",
    )
    assert not any("Meena Rao" in e.participants for e in found)


def test_a_dated_report_dates_an_event_told_only_vaguely(parser: ArticleParser):
    found = events(
        parser,
        "Rahul Mehta’s meeting with his counterpart Nadeem Qureshi at Ufa last week had its "
        "lighter moments.\n\nQureshi started the January 11 meeting by cracking jokes.",
    )
    (meeting,) = with_people(found, "Rahul Mehta", "Nadeem Qureshi")
    assert meeting.date_text == "January 11"


def test_coordinated_verbs_report_their_own_events(parser: ArticleParser):
    found = events(
        parser,
        "Egyptian President Ana Okafor met with World Congress President Tom Hale and spoke "
        "with the Crown Prince of Jordan, Piet Lindqvist by telephone on Sunday.",
    )
    assert with_people(found, "Ana Okafor", "Tom Hale")[0].type is EventType.MEETING
    assert with_people(found, "Ana Okafor", "Piet Lindqvist")[0].type is EventType.CALL
    assert not with_people(found, "Tom Hale", "Piet Lindqvist")


def test_coordinated_verb_shares_the_time_said_before_the_first(parser: ArticleParser):
    found = events(
        parser,
        "On Monday, Tom Hale visited Baghdad and discussed the operation with the Prime "
        "Minister of Iraq Piet Lindqvist.",
    )
    (meeting,) = with_people(found, "Tom Hale", "Piet Lindqvist")
    assert meeting.date_text == "On Monday"


def test_person_inside_an_apposition_is_no_participant(parser: ArticleParser):
    found = events(
        parser,
        "Premier Tomas Ferreira arrived in Canberra on Sunday.\n\n"
        "Ferreira, the most senior leader after President Piet Lindqvist, met Ana Okafor "
        "at Parliament House on Monday.",
    )
    assert not any("Piet Lindqvist" in e.participants for e in found)


def test_what_an_apposition_says_of_a_person_neither_dates_nor_makes_an_event(
    parser: ArticleParser,
):
    found = events(
        parser,
        "Mr Tomas Ferreira, an experienced negotiator and an architect of the 2015 accord, and "
        "Mr Piet Lindqvist, a real estate magnate, led the delegations in the nuclear talks.",
    )
    assert not any(e.type is EventType.AGREEMENT for e in found)
    assert all(e.date_text != "2015" for e in found)


def test_name_qualifying_another_noun_is_no_side(parser: ArticleParser):
    found = events(
        parser,
        "Prime Minister Ana Okafor and President Tom Hale held summit talks in Tokyo on "
        "Saturday, swapping Ferreira trade talk tips.\n\n"
        "Okafor will meet President Tomas Ferreira in Washington next month.",
        title="Okafor, Hale discuss challenges, swap Ferreira trade talk tips in summit talks",
    )
    assert not any(
        {"Ana Okafor", "Tom Hale", "Tomas Ferreira"} <= set(e.participants) for e in found
    )


def test_day_a_visit_ends_does_not_date_the_summit_it_was_for(parser: ArticleParser):
    found = events(
        parser,
        "President Tom Hale on Sunday wrapped up a two-day visit to Japan for a summit with "
        "Prime Minister Ana Okafor.\n\n"
        "During their bilateral talks on Saturday, Hale and Okafor discussed tariffs.",
    )
    meetings = [e for e in found if e.type is EventType.MEETING]
    assert [m.date_text for m in meetings] == ["on Saturday"]


def test_quoted_phrase_without_a_verb_still_reports_the_event(parser: ArticleParser):
    found = events(
        parser,
        'Kim Sung-ho had "a friendly talk" with Moscow\'s Sergei Volkov, who gave Kim '
        '"an autographed letter" from President Ivan Petrenko, the agency reported.',
    )
    assert [e.type for e in with_people(found, "Kim Sung-ho", "Sergei Volkov")] != []


def test_a_letter_handed_over_is_its_own_event_beside_the_talk(parser: ArticleParser):
    found = events(
        parser,
        "Kim Sung-ho had a friendly talk with Moscow's Sergei Volkov, who gave Kim an "
        "autographed letter from President Ivan Petrenko, the agency reported.",
    )
    types = {e.type for e in with_people(found, "Kim Sung-ho", "Sergei Volkov")}
    assert types == {EventType.MEETING, EventType.LETTER}


def test_speaking_out_against_a_deal_is_no_call(parser: ArticleParser):
    found = events(
        parser,
        "Opposition figures have spoken out against Tom Hale's deal with the EU, with both "
        "Ana Okafor and Piet Lindqvist claiming the agreement is a surrender.",
    )
    assert not any(e.type is EventType.CALL for e in found)


def test_their_meeting_is_the_meeting_just_told_and_what_lies_ahead_is_planned(
    parser: ArticleParser,
):
    found = events(
        parser,
        "Prime Minister Tom Hale and President Ana Costa met in London this afternoon.\n\n"
        "In their first meeting, the two leaders affirmed their ties. The President invited "
        "the Prime Minister to attend the informal meeting of the leaders in Brussels on 3 "
        "February.\n\nThey also looked ahead to the first summit in early 2025.",
    )
    assert [e.date_text for e in with_people(found, "Tom Hale", "Ana Costa") if not e.planned] == [
        "this afternoon"
    ]


def test_person_a_thing_comes_from_is_no_side(parser: ArticleParser):
    found = events(
        parser,
        "Last month, envoy Tom Hale travelled to Lima and met President Ana Okafor to convey "
        "condolences from Piet Lindqvist.",
    )
    assert with_people(found, "Tom Hale", "Ana Okafor")
    assert not with_people(found, "Piet Lindqvist")


def test_event_ahead_is_not_folded_into_a_past_one(parser: ArticleParser):
    found = events(
        parser,
        "Last month, envoy Tom Hale led a delegation to meet with Ana Okafor and then travelled "
        "to Lima to convey to President Piet Lindqvist an invitation for a summit from Okafor.",
    )
    past = [e for e in found if not e.planned]
    assert [set(e.participants) for e in past] == [{"Tom Hale", "Ana Okafor"}]


def test_a_named_or_definite_leader_is_one_person_not_a_party(parser: ArticleParser):
    for text in (
        "On Wednesday, the Kurdish leader Tom Hale received guests in Tarsa.",
        "A readout said that the Kurdish leader met his guests in Tarsa.",
        "On Wednesday, Kurdish leaders met their guests in Tarsa.",
    ):
        doc = parser.nlp(text)
        verb = next(t for t in doc if t.lemma_ in {"receive", "meet"})
        party = unnamed_party({t.i for t in doc}, doc, Trigger(verb, EventType.MEETING, verb))
        assert party == ("unnamed Kurdish delegation" if "leaders" in text else None)


def test_place_of_what_is_discussed_is_not_where_the_talk_was(parser: ArticleParser):
    found = events(
        parser,
        "On Wednesday, President Tom Hale received the envoy, Ana Okafor. The two sides "
        "discussed various topics, including the political situation in Peru. They also "
        "discussed the security situation in Chile.",
    )
    met = with_people(found, "Tom Hale", "Ana Okafor")
    assert met and met[0].place not in {"Peru", "Chile"}


def test_place_in_what_was_agreed_is_not_where_it_was_agreed(parser: ArticleParser):
    found = events(
        parser,
        "On Thursday, Tom Hale and Ana Okafor agreed that Peru will open an embassy in the "
        "capital, Lima, and a consulate in Cusco.",
    )
    agreed = [e for e in found if e.type is EventType.AGREEMENT]
    assert agreed and agreed[0].place not in {"Lima", "Cusco"}


def test_a_date_on_another_events_noun_dates_that_event(parser: ArticleParser):
    found = events(
        parser,
        "Last Thursday, Turkish Foreign Minister Tom Hale met Ana Okafor in Moscow ahead of "
        "Monday’s meeting between their two presidents.",
    )
    met = with_people(found, "Tom Hale", "Ana Okafor")
    assert met and met[0].date_text == "Last Thursday"


def test_go_betweens_of_a_deal_are_not_its_parties(parser: ArticleParser):
    found = events(parser, "Peru and the United Nations brokered the deal to resume exports.")
    assert not [e for e in found if e.type is EventType.AGREEMENT]


def test_place_in_an_aside_in_brackets_is_not_the_events(parser: ArticleParser):
    found = events(
        parser,
        "The meeting between Tom Hale and Ana Okafor will take place at noon, local time "
        "(2:00 p.m. in Lisbon).",
    )
    assert found and found[0].place != "Lisbon"


def test_speaking_somewhere_is_meeting_there(parser: ArticleParser):
    found = events(
        parser, "Tom Hale and Ana Okafor spoke at length on Tuesday in Rome about migration."
    )
    assert [(e.type, e.place) for e in found] == [(EventType.MEETING, "Rome")]


def test_being_due_at_a_summit_is_a_planned_event(parser: ArticleParser):
    found = events(
        parser,
        "Tom Hale and Ana Okafor, who last met in Paris in June, are both due at the summit in "
        "Malta on Friday.",
    )
    summit = [e for e in found if e.place == "Malta"]
    assert summit and all(e.planned for e in summit)


def test_what_a_visit_will_hold_is_no_part_of_it(parser: ArticleParser):
    found = events(
        parser,
        "Minister Tom Hale began talks with his counterpart Ana Okafor in Lima on Monday.\n"
        "Hale arrived in the capital on Monday for a two-day visit during which he will hold "
        "the 24th round of border talks with Adviser Piet Lindqvist and also meet Prime "
        "Minister Rosa Marlow.",
    )
    past = [set(e.participants) for e in found if not e.planned]
    assert past == [{"Tom Hale", "Ana Okafor"}]
    assert [e for e in with_people(found, "Tom Hale", "Rosa Marlow") if e.planned]


def test_summit_of_a_named_body_is_no_back_reference(parser: ArticleParser):
    found = events(
        parser,
        "Prime Minister Rosa Marlow spoke to reporters. Minister Tom Hale held talks with "
        "Minister Ana Okafor in Lima on Monday. Hale's visit comes days before Marlow travels "
        "to Peru to attend the summit of the Shanghai Cooperation Organisation.",
    )
    assert [set(e.participants) for e in found] == [{"Tom Hale", "Ana Okafor"}]


def test_a_role_of_a_country_refers_to_that_countrys_person(parser: ArticleParser):
    found = events(
        parser,
        "Foreign minister Tom Hale met Peruvian Foreign Minister Ana Okafor on Friday. Hale "
        "shared a picture of them. This was shortly after the Peruvian minister met Adviser "
        "Piet Lindqvist in Lima.",
    )
    assert with_people(found, "Ana Okafor", "Piet Lindqvist")
    assert not with_people(found, "Tom Hale", "Piet Lindqvist")


def test_speaking_in_someones_presence_is_meeting(parser: ArticleParser):
    found = events(
        parser,
        "Foreign Minister Tom Hale and envoy Ana Okafor spoke briefly in the presence of "
        "Minister Piet Lindqvist, officials said.",
    )
    assert [e.type for e in with_people(found, "Tom Hale", "Ana Okafor")] == [EventType.MEETING]


def test_the_day_of_an_agreement_signed_dates_its_signing(parser: ArticleParser):
    found = events(
        parser,
        "Monday’s Reciprocal Access Agreement, which similarly allows Peruvian forces to enter "
        "Chile for joint combat training, was signed by Peruvian defence secretary Tom Hale "
        "and Chilean foreign minister Ana Okafor in a Lima ceremony.",
    )
    signed = with_people(found, "Tom Hale", "Ana Okafor")
    assert signed and signed[0].date_text == "Monday"


def test_a_series_of_bilateral_meetings_is_one_meeting_with_each(parser: ArticleParser):
    found = events(
        parser,
        "Prime Minister Tom Hale on Sunday held a series of bilateral meetings with world "
        "leaders, including French President Ana Okafor, German Chancellor Piet Lindqvist and "
        "Canadian PM Rosa Marlow, and discussed issues of mutual interest.",
    )
    assert sorted(sorted(e.participants) for e in found) == [
        ["Ana Okafor", "Tom Hale"],
        ["Piet Lindqvist", "Tom Hale"],
        ["Rosa Marlow", "Tom Hale"],
    ]


def test_a_deal_argued_over_is_not_made(parser: ArticleParser):
    for text in (
        "Protesters rallied against the deal between Tom Hale and Ana Okafor.",
        "There was a row over the accord between Peru and Chile.",
    ):
        assert not [e for e in events(parser, text) if e.type is EventType.AGREEMENT]


def test_the_conversation_reports_the_call_told_before(parser: ArticleParser):
    found = events(
        parser,
        "Minister Tom Hale had phone talks with his counterpart, Ana Okafor, his ministry said "
        "Wednesday.\nThe conversation, arranged at Okafor's request, began at 9:30 p.m. Tuesday "
        "and lasted about one hour.",
    )
    assert [(e.type, e.date_text) for e in found] == [(EventType.CALL, "Tuesday")]


def test_a_date_inside_another_events_phrase_dates_that_event(parser: ArticleParser):
    found = events(
        parser,
        "Minister Tom Hale and Minister Ana Okafor met in Lima on Friday.\nThey also exchanged "
        "views on the outcome of the talks held Tuesday between Peru and Chile at the border.",
    )
    assert [e.date_text for e in with_people(found, "Tom Hale", "Ana Okafor")] == ["on Friday"]


def test_the_day_of_the_summit_an_event_took_place_at_dates_it(parser: ArticleParser):
    found = events(
        parser,
        "President Tom Hale and President Ana Okafor met for the first time on the sidelines "
        "of a summit in Lima, Peru, last November.",
    )
    assert [e.date_text for e in with_people(found, "Tom Hale", "Ana Okafor")] == ["last November"]


def test_people_named_in_what_times_the_event_or_as_owners_are_no_sides(parser: ArticleParser):
    found = events(
        parser,
        "Foreign Minister Tom Hale and his counterpart, Ana Okafor, discussed the matter hours "
        "after reports of Piet Lindqvist dismissing President Rosa Marlow's initiative.",
    )
    assert [set(e.participants) for e in found] == [{"Tom Hale", "Ana Okafor"}]


def test_the_subject_of_a_clause_timing_the_event_is_no_side(parser: ArticleParser):
    found = events(
        parser,
        "Tom Hale discussed the issues with Ana Okafor by telephone last Saturday, a day after "
        "President Piet Lindqvist made a surprise announcement of her appointment.",
    )
    assert [set(e.participants) for e in found] == [{"Tom Hale", "Ana Okafor"}]


def test_people_in_the_topic_talked_about_are_no_sides(parser: ArticleParser):
    for text in (
        "Tom Hale met Ana Okafor on Monday, discussing the release of Piet Lindqvist.",
        "Tom Hale spoke by phone with Ana Okafor on Monday and discussed the case of Piet "
        "Lindqvist.",
    ):
        assert [set(e.participants) for e in events(parser, text)] == [{"Tom Hale", "Ana Okafor"}]


def test_a_possible_meeting_is_a_prospect(parser: ArticleParser):
    found = events(
        parser,
        "Tom Hale held his first summit with Ana Okafor on Monday, discussing a possible "
        "meeting with Piet Lindqvist.",
    )
    assert [set(e.participants) for e in found if not e.planned] == [{"Tom Hale", "Ana Okafor"}]


def test_a_gerund_after_a_preposition_shares_its_verbs_subject(parser: ArticleParser):
    found = events(
        parser,
        "Relations will improve, Prime Minister Tom Hale said after meeting Premier Ana Okafor "
        "on Monday.",
    )
    assert [e.date_text for e in with_people(found, "Tom Hale", "Ana Okafor")] == ["on Monday"]


def test_the_day_of_the_summit_an_event_is_held_for_dates_it(parser: ArticleParser):
    found = events(
        parser,
        "Egyptian President Tom Hale will host Jordan's King Piet Lindqvist for a summit in "
        "Cairo on Thursday, the presidency said, as violence in the neighbouring Gaza Strip "
        "spirals.",
    )
    assert [e.date_text for e in with_people(found, "Tom Hale", "Piet Lindqvist")] == [
        "on Thursday"
    ]


def test_a_place_in_what_times_the_event_is_not_its_place(parser: ArticleParser):
    found = events(
        parser,
        "Minister Tom Hale held talks with envoy Ana Okafor on Saturday. Earlier this month, "
        "Hale expressed optimism that momentum was returning to the talks following Piet "
        "Lindqvist's election victory in Chile.",
    )
    met = with_people(found, "Tom Hale", "Ana Okafor")
    assert met and met[0].place != "Chile"


def test_the_ruler_of_a_country_refers_to_its_person(parser: ArticleParser):
    found = events(
        parser,
        "Emir Tom Hale and a delegation headed by Ana Okafor discussed the truce, his office "
        "said. The Peruvian ruler also met with Piet Lindqvist, an envoy, and Rosa Marlow, "
        "another envoy, the office said.",
    )
    assert with_people(found, "Tom Hale", "Piet Lindqvist", "Rosa Marlow")


def test_an_event_told_in_a_timing_phrase_keeps_its_own_place(parser: ArticleParser):
    found = events(
        parser,
        "Secretary Tom Hale's visit to Cusco comes a day after the secretary's surprise meeting "
        "in Lima with Prime Minister Ana Okafor and Defense Minister Piet Lindqvist.",
    )
    met = with_people(found, "Ana Okafor", "Piet Lindqvist")
    assert met and met[0].place == "Lima"


def test_two_people_said_to_have_spoken_are_the_meeting_told_before(parser: ArticleParser):
    found = events(
        parser,
        "Secretary Tom Hale met Prime Minister Ana Okafor in Lima on Monday.\nIn a statement "
        "released on Tuesday, the ministry said Mr Hale and Ms Okafor had spoken on the "
        "importance of trade.",
    )
    assert [e.type for e in with_people(found, "Tom Hale", "Ana Okafor")] == [EventType.MEETING]


def test_a_meeting_with_a_party_named_later_is_the_talks_told_next(parser: ArticleParser):
    found = events(
        parser,
        "Prime Minister Tom Hale met with a Hamas delegation in Doha on Saturday.\nHale held "
        "talks with a Hamas team led by senior official Ana Okafor, the ministry said.",
    )
    met = with_people(found, "Tom Hale", "Ana Okafor")
    assert [(e.date_text, e.place) for e in met] == [("on Saturday", "Doha")]


def test_an_opening_event_with_one_side_takes_the_person_the_clause_is_about(
    parser: ArticleParser,
):
    found = events(
        parser,
        "Following a call with Commission vice-president Ana Okafor, a ministry spokesman said "
        "Ms Rosa Marlow made clear the government's priority was to protect the peace.",
    )
    assert [e.type for e in with_people(found, "Ana Okafor", "Rosa Marlow")] == [EventType.CALL]
