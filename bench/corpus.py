"""A synthetic but realistically shaped corpus of parsed articles for the query benchmark.

Everything comes from one seeded `random.Random`, so a given (seed, size) always yields the
same articles. Shape, per article: a title, a 2-sentence summary, 300-600 words drawn from a
Zipf-weighted vocabulary plus actor names, 5-15 actors drawn from a Zipf popularity law over
a few thousand actors, 0-3 events with 2-4 participants, 1-5 date mentions, 0-3 quotes.
Publication dates cover 20 years in ingest order (a few percent undated); a few percent of
articles are other outlets' light rewrites of a recent one (same events and actors).
"""

from __future__ import annotations

import hashlib
import itertools
import random
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from bot.models import (
    ActorKind,
    ActorRef,
    DateMention,
    EventRecord,
    EventType,
    Interval,
    ParsedArticle,
    QuoteRecord,
    SourceDocument,
)

FIRST = date(2005, 1, 1)
LAST = date(2024, 12, 31)
ACTORS = 3000
VOCABULARY = 6000
ZIPF_ACTORS = 1.0  # exponent of the actors' popularity law
ZIPF_WORDS = 1.05
UNDATED = 0.03
REWRITES = 0.04  # share of articles that rewrite a recent one

OUTLETS = [
    "Rudaw", "Kurdistan24", "Reuters", "AP", "AFP", "The National", "Al-Monitor",
    "Shafaq News", "Asharq Al-Awsat", "Iraqi News Agency", "BBC", "Middle East Eye",
]  # fmt: skip
NEWS_WORDS = (
    "the of and to in a said on for that with was as by government minister officials "
    "security forces meeting talks region federal budget oil agreement president prime "
    "parliament election party council army troops coalition attack militia border water "
    "electricity salaries court law constitution province city capital week month year "
    "delegation visit call letter statement spokesman ministry foreign defense interior "
    "finance energy exports pipeline revenue crisis dispute negotiations cooperation support "
    "relations stability reconstruction displaced camps refugees humanitarian aid funding "
    "investment economy market prices protests demonstrators police arrested killed wounded "
    "drone strike rocket base embassy consulate ambassador envoy senator congress sanctions "
    "deal framework committee commission report vote session lawmakers bill draft approved "
    "rejected announced confirmed denied warned urged called stressed discussed agreed "
    "expected planned held met told added according sources local international regional "
    "national new former current senior top official leader chief head deputy commander"
).split()
SYLLABLES = (
    "ba ra ka ma na sa ta la da za ha ya qa wa ri ki mi ni si ti li di zi hi yi bu ru ku mu "
    "nu su tu lu du zu hu al an ar el en er ul un ur is ir im am om ot ab ad ek ev"
).split()
FIRST_NAMES = (
    "Masrour Nechirvan Masoud Qubad Bafel Lahur Hoshyar Fuad Barham Mohammed Ali Hassan Hussein "
    "Haider Adil Mustafa Nouri Ibrahim Ayad Muqtada Hadi Qais Falih Amar Ammar Nuri Omar Khalid "
    "Ahmed Saleh Jalal Kosrat Rebaz Shaswar Vala Sirwan Safeen Dindar Rewaz Kawa Aso Hemin "
    "Antony Lloyd Joe Donald Mike John Brett Jake Alina Jennifer Steven Matthew Douglas Dana "
    "Mark Robert Hillary Barack Condoleezza Colin James Joey Tom Nancy Lindsey Chuck Elizabeth "
    "Emmanuel Boris Angela Recep Hakan Mevlut Ebrahim Javad Hossein Qassem Esmail Abbas Karim"
).split()
LAST_NAMES = (
    "Barzani Talabani Zebari Hussein Salih Abdul-Mahdi Kadhimi Sudani Maliki Abadi Allawi Sadr "
    "Amiri Khazali Fayyadh Hakim Halbousi Mashhadani Nujaifi Jabouri Karim Mustafa Rasul Mahmoud "
    "Ahmed Aziz Qadir Hawrami Dizayee Rahman Omer Jaafar Kareem Sharif Hamid Nawzad Tahir Ismail "
    "Blinken Austin Biden Trump Pompeo Kerry McGurk Sullivan Romanowski Tueller Silliman Yaeger "
    "Rice Powell Mattis Esper Clinton Obama Bush Cheney Rumsfeld Petraeus Crocker Khalilzad "
    "Macron Johnson Merkel Erdogan Fidan Cavusoglu Raisi Zarif Soleimani Qaani Araghchi Nasrallah"
).split()
ORG_WORDS = (
    "Kurdistan Democratic Patriotic National Federal Regional Islamic United Popular Iraqi "
    "American Joint Supreme Higher Central Independent Arab Turkmen Assyrian Yazidi Coalition"
).split()
ORG_HEADS = (
    "Party Union Council Ministry Commission Front Alliance Movement Bank Court Authority "
    "Committee Company Agency Office Assembly League Bloc Forces Organization"
).split()
GROUP_HEADS = "Brigades Mobilization Militia Battalions Resistance Army Cells".split()
ROLES = [
    "Prime Minister", "President", "Foreign Minister", "Defense Minister", "Interior Minister",
    "Finance Minister", "Speaker", "Ambassador", "Secretary of State", "Defense Secretary",
    "Envoy", "Commander", "Governor", "Spokesman", "Senator", "party leader",
    "Deputy Prime Minister",
]  # fmt: skip
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
EVENT_TYPES = list(EventType)


@dataclass(frozen=True, slots=True)
class Actor:
    name: str
    kind: ActorKind
    surfaces: tuple[str, ...]  # how articles write it, the full name first
    roles: tuple[str, ...]


@dataclass(slots=True)
class World:
    """What every article draws from: the vocabulary and the actors, both Zipf-weighted."""

    words: list[str]
    word_weights: list[float]
    actors: list[Actor]  # by popularity, most popular first
    actor_weights: list[float] = field(default_factory=list)

    @classmethod
    def create(cls, rng: random.Random) -> World:
        words = _vocabulary(rng)
        actors = _actors(rng)
        return cls(
            words=words,
            word_weights=_cumulative_zipf(len(words), ZIPF_WORDS),
            actors=actors,
            actor_weights=_cumulative_zipf(len(actors), ZIPF_ACTORS),
        )

    def draw_words(self, rng: random.Random, k: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.word_weights, k=k)

    def draw_actors(self, rng: random.Random, k: int) -> list[Actor]:
        """`k` distinct actors, popular ones more often."""
        chosen: dict[str, Actor] = {}
        while len(chosen) < k:
            for actor in rng.choices(self.actors, cum_weights=self.actor_weights, k=k):
                chosen.setdefault(actor.name, actor)
        return list(chosen.values())[:k]


def _cumulative_zipf(size: int, exponent: float) -> list[float]:
    return list(itertools.accumulate(1 / (rank**exponent) for rank in range(1, size + 1)))


def _pseudo_word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts))


def _vocabulary(rng: random.Random) -> list[str]:
    """Real news words (the most frequent) then made-up words, VOCABULARY in all."""
    words = dict.fromkeys(NEWS_WORDS)
    while len(words) < VOCABULARY:
        words.setdefault(_pseudo_word(rng, rng.randint(2, 4)))
    return list(words)


def _actors(rng: random.Random) -> list[Actor]:
    """ACTORS distinct actors in random popularity order: 55% people, 25% organisations,
    15% places, 5% armed groups."""
    makers = [(0.55, _person), (0.80, _organization), (0.95, _place), (1.0, _group)]
    actors: dict[str, Actor] = {}
    while len(actors) < ACTORS:
        roll = rng.random()
        make = next(maker for share, maker in makers if roll < share)
        actor = make(rng)
        actors.setdefault(actor.name, actor)
    found = list(actors.values())
    rng.shuffle(found)
    return found


def _person(rng: random.Random) -> Actor:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    roles = tuple(rng.sample(ROLES, rng.randint(0, 2)))
    return Actor(
        f"{first} {last}", ActorKind.PERSON, (f"{first} {last}", last, f"Mr {last}"), roles
    )


def _organization(rng: random.Random) -> Actor:
    words = rng.sample(ORG_WORDS, rng.randint(1, 2))
    name = " ".join([*words, rng.choice(ORG_HEADS)])
    acronym = "".join(word[0] for word in name.split())
    return Actor(name, ActorKind.ORGANIZATION, (name, acronym), ())


def _place(rng: random.Random) -> Actor:
    name = _pseudo_word(rng, rng.randint(2, 3)).capitalize()
    return Actor(name, ActorKind.PLACE, (name,), ())


def _group(rng: random.Random) -> Actor:
    name = f"{_pseudo_word(rng, 2).capitalize()} {rng.choice(GROUP_HEADS)}"
    return Actor(name, ActorKind.GROUP, (name,), ())


def publication_dates(rng: random.Random, count: int) -> list[date | None]:
    """Dates in ingest order: mostly chronological over 20 years, a few percent undated."""
    span = (LAST - FIRST).days
    dated = sorted(FIRST + timedelta(days=rng.randrange(span + 1)) for _ in range(count))
    return [None if rng.random() < UNDATED else day for day in dated]


class _Text:
    """An article body being written, with the offsets of the date phrases put in it."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.dates: list[DateMention] = []

    def add(self, sentence: str) -> None:
        if self.parts:
            self.parts.append(" ")
            self.length += 1
        self.parts.append(sentence)
        self.length += len(sentence)

    def add_dated(self, before: str, phrase: str, after: str, interval: Interval | None) -> None:
        start = self.length + (1 if self.parts else 0) + len(before) + 1
        self.add(f"{before} {phrase} {after}")
        self.dates.append(DateMention(phrase, start, start + len(phrase), interval))

    @property
    def text(self) -> str:
        return "".join(self.parts)


class Generator:
    """Parsed articles numbered 0..count-1, deterministic for a seed."""

    def __init__(self, seed: int, count: int) -> None:
        self.rng = random.Random(seed)
        self.world = World.create(self.rng)
        self.published = publication_dates(self.rng, count)
        self.recent: deque[ParsedArticle] = deque(maxlen=30)

    def articles(self) -> Iterator[ParsedArticle]:
        for number, published in enumerate(self.published):
            if self.recent and self.rng.random() < REWRITES:
                parsed = self._rewrite(number, self.rng.choice(self.recent), published)
            else:
                parsed = self._article(number, published)
            self.recent.append(parsed)
            yield parsed

    def _sentence(self, low: int = 8, high: int = 24) -> str:
        words = self.world.draw_words(self.rng, self.rng.randint(low, high))
        return " ".join(words).capitalize() + "."

    def _article(self, number: int, published: date | None) -> ParsedArticle:
        rng = self.rng
        actors = self.world.draw_actors(rng, rng.randint(5, 15))
        refs = {a.name: ActorRef(a.name, a.kind) for a in actors}
        body = _Text()
        events = [self._event(actors, published) for _ in range(rng.randint(0, 3))]
        quotes = [self._quote(actors) for _ in range(rng.randint(0, 3))]
        pending = [e.sentence for e in events] + [f'"{q.text}" {q.speaker} said.' for q in quotes]
        target = rng.randint(300, 600) * 6  # characters
        dates = rng.randint(1, 5)
        while len(body.dates) < dates or body.length < target:
            self._write_sentence(body, actors, refs, pending, dates, published)
        for ref in refs.values():
            if not ref.count:  # every actor is named at least once
                body.add(f"{ref.name} {self._sentence(4, 10).lower()}")
                _count(ref, ref.name)
        return self._parsed(number, published, body, list(refs.values()), events, quotes, actors)

    def _write_sentence(
        self,
        body: _Text,
        actors: list[Actor],
        refs: dict[str, ActorRef],
        pending: list[str],
        dates: int,
        published: date | None,
    ) -> None:
        rng = self.rng
        if pending and rng.random() < 0.3:
            body.add(pending.pop())
        elif len(body.dates) < dates and (rng.random() < 0.3 or body.length > 2400):
            phrase, interval = self._date_phrase(published)
            words = self.world.draw_words(rng, rng.randint(3, 8))
            body.add_dated(
                " ".join(words).capitalize(), phrase, self._sentence(3, 8).lower(), interval
            )
        else:
            actor = actors[min(int(rng.expovariate(0.4)), len(actors) - 1)]
            surface = rng.choice(actor.surfaces) if refs[actor.name].count else actor.surfaces[0]
            role = rng.choice(actor.roles) if actor.roles and rng.random() < 0.3 else None
            named = f"{role} {surface}" if role else surface
            body.add(f"{named} {self._sentence().lower()}")
            _count(refs[actor.name], surface, role)

    def _date_phrase(self, published: date | None) -> tuple[str, Interval | None]:
        """A date phrase and what it resolves to: days mostly, months, years, long spans."""
        rng = self.rng
        anchor = published or FIRST + timedelta(days=rng.randrange((LAST - FIRST).days))
        roll = rng.random()
        if roll < 0.6:
            day = anchor - timedelta(days=rng.randint(0, 10))
            phrase = f"on {WEEKDAYS[day.weekday()]}" if rng.random() < 0.5 else f"on {day:%d %B %Y}"
            return phrase, Interval(day, day)
        if roll < 0.8:
            month = (anchor - timedelta(days=rng.randint(0, 400))).replace(day=1)
            following = (month + timedelta(days=32)).replace(day=1)
            return f"in {month:%B %Y}", Interval(month, following - timedelta(days=1))
        if roll < 0.9:
            year = anchor.year - rng.randint(0, 10)
            return f"in {year}", Interval(date(year, 1, 1), date(year, 12, 31))
        if roll < 0.95:
            year = anchor.year - rng.randint(2, 20)
            return f"since {year}", Interval(date(year, 1, 1), anchor)
        return "at the time", None

    def _event(self, actors: list[Actor], published: date | None) -> EventRecord:
        rng = self.rng
        people = [a for a in actors if a.kind in (ActorKind.PERSON, ActorKind.ORGANIZATION)]
        pool = people if len(people) >= 2 else actors
        participants = [a.name for a in rng.sample(pool, min(len(pool), rng.randint(2, 4)))]
        places = [a.name for a in actors if a.kind == ActorKind.PLACE]
        place = rng.choice(places) if places and rng.random() < 0.6 else None
        kind = rng.choice(EVENT_TYPES)
        interval, date_text = None, None
        if rng.random() < 0.85:
            date_text, interval = self._date_phrase(published)
        where = f" in {place}" if place else ""
        when = f" {date_text}" if date_text else ""
        sentence = f"{' and '.join(participants)} held a {kind}{where}{when}."
        return EventRecord(kind, participants, sentence, interval, date_text, place)

    def _quote(self, actors: list[Actor]) -> QuoteRecord:
        people = [a.name for a in actors if a.kind == ActorKind.PERSON]
        speaker = self.rng.choice(people) if people and self.rng.random() < 0.8 else None
        return QuoteRecord(speaker, self._sentence(6, 20))

    def _parsed(
        self,
        number: int,
        published: date | None,
        body: _Text,
        refs: list[ActorRef],
        events: list[EventRecord],
        quotes: list[QuoteRecord],
        actors: list[Actor],
    ) -> ParsedArticle:
        text = body.text
        verb = self.rng.choice(["meets", "calls", "warns", "urges", "visits", "backs"])
        topic = " ".join(self.world.draw_words(self.rng, 3))
        title = f"{actors[0].name} {verb} {actors[1].name} over {topic}"
        return _finish(
            number,
            self.rng.choice(OUTLETS),
            title,
            text,
            published,
            body.dates,
            refs,
            events,
            quotes,
        )

    def _rewrite(
        self, number: int, original: ParsedArticle, published: date | None
    ) -> ParsedArticle:
        """Another outlet's light rewrite of `original`: a few words changed, same parse."""
        words = original.document.text.split(" ")
        for _ in range(max(1, len(words) // 40)):
            at = self.rng.randrange(len(words))
            if not any(ch.isupper() or ch.isdigit() for ch in words[at]):
                words[at] = self.world.draw_words(self.rng, 1)[0]
        text = " ".join(words)
        dates = [d for d in original.dates if text[d.char_start : d.char_end] == d.text]
        return _finish(
            number,
            self.rng.choice(OUTLETS),
            original.document.title,
            text,
            published or original.document.published,
            dates,
            original.actors,
            original.events,
            original.quotes,
        )


def _count(ref: ActorRef, surface: str, role: str | None = None) -> None:
    ref.count += 1
    if surface not in ref.mentions:
        ref.mentions.append(surface)
    if role and role not in ref.roles:
        ref.roles.append(role)


def _finish(
    number: int,
    outlet: str,
    title: str,
    text: str,
    published: date | None,
    dates: list[DateMention],
    refs: list[ActorRef],
    events: list[EventRecord],
    quotes: list[QuoteRecord],
) -> ParsedArticle:
    slug = outlet.lower().replace(" ", "-")
    document = SourceDocument(
        text=text,
        title=title,
        published=published,
        published_basis="dateline" if published else None,
        source=outlet,
        url=f"https://{slug}.example/news/{number}",
    )
    sentences = text.split(". ")
    return ParsedArticle(
        document=document,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        actors=refs,
        dates=dates,
        events=events,
        quotes=quotes,
        summary=[s.rstrip(".") + "." for s in sentences[:2]],
    )
