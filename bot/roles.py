"""Titles as texts write them: the words that name one office ("Prime Minister of Norway",
"Norwegian PM"), titles told apart from page noise glued to a name, one office's spellings
folded into one role, and the people the store learned with the roles they were seen in."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from bot.answers import RoleSeen
from bot.knowledge import Entry, Role, read_data
from bot.models import ActorKind
from bot.normalize import TYPO_WORD_MIN, a_letter_apart, norm, without_initials

# Short forms of ranks a title may use: "PM Støre" holds the key "prime minister".
RANK_SPELLINGS = {
    "pm": "prime minister",
    "fm": "foreign minister",
    "eam": "external affairs minister",
    "ceo": "chief executive",
    "premier": "prime minister",
    "sec": "secretary",
    "sen": "senator",
    "gen": "general",
}
_TITLES = read_data("titles")
# Words that name a rank or an office (as `norm` leaves them: "d'affaires" -> "daffaires").
RANKS = frozenset(_TITLES["ranks"])
# Words that qualify a title ("US", "former", "Defense") without being one; a beat pack adds
# its own (`beat_terms("title_modifiers")`).
MODIFIERS = frozenset(_TITLES["modifiers"])
TITLE_WORDS = RANKS | MODIFIERS
# Portfolios of several words that titles carry capitalised ("National Security Adviser").
PORTFOLIOS = frozenset(_TITLES["portfolios"])
# Words that make a name a body ("Council", "Coalition"), not a portfolio or a person.
BODY_WORDS = frozenset(_TITLES["body_words"])
# Last words that make a name a site or an area ("Gimhae Air Base", "Jeju Island").
PLACE_HEADS = frozenset(_TITLES["place_heads"])
HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "sheikh"})
# Ranks that name a relation, not an office ("his Chinese counterpart"): no role to show.
RELATIONAL_RANKS = frozenset({"counterpart"})
# Abbreviated styles of address written before a name ("H.E." for His or Her Excellency).
STYLES = frozenset({"H.E.", "H.H.", "H.M.", "H.R.H."})
NAME_PARTICLES = frozenset(_TITLES["name_particles"])
# Last words that make a name a site or a body, not a person ("Gimhae Air Base").
_NOT_NAME_ENDS = PLACE_HEADS | BODY_WORDS
# A title never opens with a day or a month ("May U.S. President" is "In May, ...").
_CALENDAR_WORDS = frozenset(
    (
        "january february march april may june july august september october november december "
        "monday tuesday wednesday thursday friday saturday sunday"
    ).split()
)
# Words before a rank that name another office: "Prime Minister", "Vice President".
_OFFICE_WORDS = frozenset("prime vice deputy under assistant foreign defense defence".split())
OTHER_OFFICE = frozenset("prime vice deputy under assistant lieutenant".split())
# Words of a title that say neither the office nor whose it is.
_PLAIN_WORDS = frozenset(
    (
        "of the and for to in on at a an s then former acting current newly elected designate "
        "caretaker outgoing incoming interim government regional region national federal republic"
    ).split()
)
_DANGLING = frozenset("of the and for to in on at a an".split())  # a title cut off after them
_ROLE_WORDS_MAX = 14
# An acronym given in brackets: "the president of the Kurdistan Democratic Party (KDP)".
_ACRONYM_RE = re.compile(r"\s*\([A-Z][A-Za-z]{1,7}\)")
# Page noise in a title: marks, digits, a word glued to the next ("RubioThe").
_NOISE_RE = re.compile(r"[/|\\:;()\[\]{}\"“”@#+=<>*_0-9]|[a-z]{2}[A-Z]")
# A word of a name: capitalised, after a particle glued with a hyphen ("al-Abadi") or not.
_NAME_WORD_RE = re.compile(r"^(?:[a-z]{1,4}-)?[A-Z][\w'’.-]*$")


def _words(title: str) -> list[str]:
    """The title's words as `norm` folds them, short forms of ranks spelled out."""
    return " ".join(RANK_SPELLINGS.get(w, w) for w in norm(title).split()).split()


def _office_span(words: list[str]) -> tuple[int, int] | None:
    """Where the office is named: the first rank word and the rank words right after it
    ("secretary general"), with the words before it that make it another office ("prime",
    "vice")."""
    at = next((i for i, word in enumerate(words) if word in RANKS), None)
    if at is None:
        return None
    start, end = at, at + 1
    while end < len(words) and words[end] in RANKS:
        end += 1
    while start > 0 and words[start - 1] in _OFFICE_WORDS:
        start -= 1
    return start, end


def role_keys(title: str) -> frozenset[str]:
    """The words a text may use for a title: the title itself and its office, with the words
    before it that make it another office ("Norwegian Prime Minister" -> also "prime
    minister"; "Defense Secretary" -> also "secretary"; "Vice President" not "president"),
    short forms spelled out ("PM" -> "prime minister")."""
    words = _words(title)
    keys = {" ".join(words)} if words else set()
    span = _office_span(words)
    if span is not None:
        start, end = span
        for at in range(start, end):  # the widest office first, then without its first word
            keys.add(" ".join(words[at:end]))
            if words[at] in OTHER_OFFICE or words[at] in RANKS:
                break
    return frozenset(keys)


def is_role(title: str) -> bool:
    """Whether `title` reads as an office: a rank word other than an honorific, at most 14
    words, no page noise ("News/ Kurdistan Region President", "Ann ColeThe Chancellor"),
    not cut off after "of", not opening with a date word (an acronym in brackets is fine)."""
    if _NOISE_RE.search(_ACRONYM_RE.sub("", title)):
        return False
    words = _words(title)
    if not words or len(words) > _ROLE_WORDS_MAX or words[-1] in _DANGLING:
        return False
    if words[0] in _CALENDAR_WORDS:
        return False
    return any(word in RANKS - HONORIFICS for word in words)


def is_full_name(name: str) -> bool:
    """Whether `name` reads as a person's full name: two to five words, each capitalised or a
    name particle, no page noise, no rank word, not ending on a particle or on the word of a
    site or a body."""
    parts = name.split()
    if not 2 <= len(parts) <= 5 or _NOISE_RE.search(name) or parts[-1].lower() in NAME_PARTICLES:
        return False
    words = norm(name).split()
    if words[-1] in _NOT_NAME_ENDS or any(word in RANKS for word in words):
        return False
    return all(_NAME_WORD_RE.match(part) or part.lower() in NAME_PARTICLES for part in parts)


class PersonSeen(Protocol):
    """A person the articles named in full, with each role seen: (title, first, last)."""

    name: str
    articles: int
    mentions: int
    roles: list[tuple[str, date | None, date | None]]


def learned_people(people: Iterable[PersonSeen]) -> tuple[Entry, ...]:
    """The people the store learned, for the parser: full names only, each with the titles
    seen next to it, dated by the first and last articles that gave them.

    Spellings with and without middle initials, a two-word name in either order, and names
    a letter apart in one word that were seen with one title ("Tam Lipeng" and "Tam
    Lifeng", Vice Premier: a typo or another transliteration) are one person. It is named
    without initials ("Ann B. Cole" is an alias of "Ann Cole"), else by the spelling in most
    articles, the most mentioned, the one seen with a title last (news settles on a spelling)."""
    groups: dict[str, list[PersonSeen]] = {}
    for person in people:
        if is_full_name(person.name):
            groups.setdefault(_person_key(person.name), []).append(person)
    return tuple(_learned(spellings) for spellings in _typos_folded(list(groups.values())))


def _person_key(name: str) -> str:
    words = without_initials(norm(name)).split()
    return " ".join(sorted(words) if len(words) == 2 else words)


def _typos_folded(groups: list[list[PersonSeen]]) -> list[list[PersonSeen]]:
    """`groups` of spellings, those of one person by `_typo_of` joined (a name is compared
    only with the names it shares a `_near_spellings` key with)."""
    folded: list[list[PersonSeen]] = []
    near: defaultdict[tuple[str | int, ...], list[int]] = defaultdict(list)
    for group in groups:
        keys = {key for person in group for key in _near_spellings(person.name)}
        into = next(
            (
                at
                for key in keys
                for at in near[key]
                if any(_typo_of(a, b) for a in folded[at] for b in group)
            ),
            None,
        )
        if into is None:
            into = len(folded)
            folded.append(group)
        else:
            folded[into].extend(group)
        for key in keys:
            near[key].append(into)
    return folded


def _near_spellings(name: str) -> set[tuple[str | int, ...]]:
    """Keys two names a letter apart in one word share: for each word long enough to tell
    a typo in, the other words with that word and with each of its one-letter deletions."""
    words = norm(name).split()
    return {
        (at, *words[:at], variant, *words[at + 1 :])
        for at, word in enumerate(words)
        if len(word) >= TYPO_WORD_MIN
        for variant in {word} | {word[:cut] + word[cut + 1 :] for cut in range(len(word))}
    }


def _typo_of(one: PersonSeen, other: PersonSeen) -> bool:
    """Names a letter apart, seen with one title."""
    if not a_letter_apart(norm(one.name), norm(other.name)):
        return False
    titles = {key for title, _, _ in one.roles if is_role(title) for key in role_keys(title)}
    return any(titles & role_keys(title) for title, _, _ in other.roles if is_role(title))


def _last_titled(person: PersonSeen) -> date:
    return max((last for _, _, last in person.roles if last), default=date.min)


def _learned(spellings: list[PersonSeen]) -> Entry:
    plain = [p for p in spellings if without_initials(norm(p.name)) == norm(p.name)]
    name = max(plain or spellings, key=lambda p: (p.articles, p.mentions, _last_titled(p))).name
    return Entry(
        name,
        ActorKind.PERSON,
        aliases=tuple(p.name for p in spellings if p.name != name),
        roles=tuple(
            Role(title, role_keys(title), first, last)
            for person in spellings
            for title, first, last in person.roles
            if is_role(title)
        ),
    )


@dataclass(slots=True)
class _Office:
    """Spellings of one office of one person, as they are folded."""

    office: str
    domain: set[str]
    words: list[str]
    seen: list[RoleSeen] = field(default_factory=list)
    known: Role | None = None

    def takes(self, office: str, domain: set[str], words: list[str]) -> bool:
        """Whether a title of `office` about `domain` is this office: same office, and whose
        office it is agrees (a shared word, an acronym of the other's words, one unsaid, or
        a spelling the knowledge base lists for it)."""
        if self.lists(words):
            return True
        if office != self.office:
            return False
        if not domain or not self.domain or domain & self.domain:
            return True
        return _acronym_in(domain, self.words) or _acronym_in(self.domain, words)

    def lists(self, words: list[str]) -> bool:
        """Whether the knowledge base lists the title `words` as a way to write this office
        ("leader" for the party's president)."""
        return self.known is not None and " ".join(words) in self.known.keys

    def absorb(self, other: _Office) -> None:
        self.seen += other.seen
        self.domain |= other.domain
        self.words += other.words
        self.known = self.known or other.known


@dataclass(frozen=True, slots=True)
class Office:
    """One office of a person as shown (`role`), and the titles seen that were folded into
    it (its `articles` count each title's articles: one giving two of them counts twice)."""

    role: RoleSeen
    spellings: tuple[str, ...]


def canonical_roles(seen: Iterable[RoleSeen], known: Iterable[Role] = ()) -> list[Office]:
    """One role per office of a person: the titles seen next to the name (page noise left
    out) with the spellings of one office folded into its most seen one, dated from the
    first to the last article; a title the knowledge base gives for that office names it
    and dates it instead. Oldest first."""
    offices = [_Office(*office, known=role) for role in known if (office := _office_of(role.title))]
    unsaid = []
    for role in sorted((r for r in seen if is_role(r.role)), key=lambda r: -r.articles):
        office, domain, words = _office_of(role.role) or ("", set(), [])
        if not domain and not any(o.lists(words) for o in offices):
            unsaid.append((role, office))
            continue
        title = _Office(office, domain, words, [role])
        homes = [o for o in offices if o.takes(office, domain, words)]
        home = max(homes, key=lambda o: (o.lists(words), len(o.domain & domain)), default=None)
        if home is None:
            offices.append(title)
        else:
            home.absorb(title)
    offices = _merged(offices)
    for role, office in unsaid:  # "President": the most seen office of that name, if any
        homes = [o for o in offices if o.office == office]
        home = max(homes, key=lambda o: sum(r.articles for r in o.seen), default=None)
        if home is None:
            offices.append(_Office(office, set(), [], [role]))
        else:
            home.seen.append(role)
    folded = [Office(_folded(o), tuple(r.role for r in o.seen)) for o in offices]
    return sorted(folded, key=lambda office: _oldest_first(office.role))


def _merged(offices: list[_Office]) -> list[_Office]:
    """Offices folded while one takes another (spellings found since may join two); two
    offices the knowledge base gives stay apart."""
    merged: list[_Office] = []
    for office in offices:
        home = next(
            (
                m
                for m in merged
                if not (m.known and office.known)
                and (
                    m.takes(office.office, office.domain, office.words)
                    or office.takes(m.office, m.domain, m.words)
                )
            ),
            None,
        )
        if home is None:
            merged.append(office)
        else:
            home.absorb(office)
    return merged if len(merged) == len(offices) else _merged(merged)


def _office_of(title: str) -> tuple[str, set[str], list[str]] | None:
    """(office, whose-words, words) of a title, the portfolio counted as whose: "Prime
    Minister of Iraq's Kurdistan Regional Government" -> ("prime minister", {"iraq", "kurd"},
    [...]), "US Secretary of Defense" -> ("secretary", {"us", "defe"}, [...])."""
    words = _words(_ACRONYM_RE.sub("", title))
    span = _office_span(words)
    if span is None:
        return None
    start, end = span
    office = [w for w in words[start:end] if w in RANKS or w in OTHER_OFFICE]
    rest = [w for w in words if w not in office and w not in _PLAIN_WORDS]
    return " ".join(office), {w[:4] for w in rest}, words


def _acronym_in(domain: set[str], words: list[str]) -> bool:
    """Whether a word of `domain` is the initials of words in a row of `words` ("krg")."""
    initials = "".join(w[0] for w in words if w not in {"of", "the", "and", "s"})
    return any(len(word) >= 2 and word in initials for word in domain)


def _folded(office: _Office) -> RoleSeen:
    articles = sum(r.articles for r in office.seen)
    if office.known is not None:
        known = office.known
        return RoleSeen(known.title, known.start, known.end, articles, known=True)
    best = max(office.seen, key=lambda r: (r.articles, r.last or date.min, -len(r.role)))
    firsts = [r.first for r in office.seen if r.first]
    lasts = [r.last for r in office.seen if r.last]
    return RoleSeen(best.role, min(firsts, default=None), max(lasts, default=None), articles)


def _oldest_first(role: RoleSeen) -> tuple[bool, date, int]:
    return role.first is None, role.first or date.min, -role.articles
