"""Plain text -> `SourceDocument`: site boilerplate removed, title, date, dateline and outlet read.

Article paragraphs keep their wording; only whitespace inside a line and misused quote marks
are normalised.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from datetime import date

from bot.errors import IngestError, visible
from bot.knowledge import known_words, read_data
from bot.models import SourceDocument
from bot.sources.dateline import canonical_outlet, find_dateline, find_outlet, parse_dateline
from bot.sources.guards import check_characters, check_length, check_lines, check_prose
from bot.sources.published import find_published, parse_stamp

TITLE_MAX_CHARS = 120
_HEAD_LINES = 8  # stamps further down than this are not the article's dateline
_TAIL_LINES = 3


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# A caption or heading run into the next paragraph by a lost line break: "... and Tom
# HaleThe Chancellor received ...". Only "The": shorter words glue into names ("LinkedIn").
_GLUED_SENTENCE_RE = re.compile(r"(?<=[a-z])(?=The [A-Za-z])")
# A sentence glued to the last by a lost space: "... last week.The ministry said",
# "... Seo Jae-in.Hale congratulated" (not "Norland.Vz", "U.S.", "Mr.Hale").
_GLUED_STOP_RE = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z]+[ ,;:’'])")
# An opening quote typed for an apostrophe inside a word ("Korea‘s", "don‘t").
_APOSTROPHE_RE = re.compile(r"(?<=\w)‘(?=\w)")
_SPACES_RE = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE_RE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad\x00-\x08\x0e-\x1f\x7f]")
_TERMINAL = ".!?\"”’'):;"
_WRAP_MAX_WIDTH = 100  # texts whose lines never exceed this may be hard-wrapped
_ENDS_SENTENCE_RE = re.compile(r"[.!?][\"”’']?$")

# Headings after which a page shows comments or other stories, never the article.
_TAIL_RE = re.compile(
    r"^(?:the latest|latest(?: news| stories)?|check also|related(?: articles| news| stories"
    r"| posts| content)?|more (?:from|stories|news)(?: \S+){0,3}|most (?:read|popular|viewed)"
    r"|you (?:may|might) also like|recommended(?: for you)?|read next|trending(?: now)?"
    r"|\d*\s*comments?(?: \(\d+\))?|leave a (?:reply|comment)|post a comment)\s*:?$",
    re.IGNORECASE,
)
# A site's comment policy, e.g. "Rudaw moderates all comments submitted on our website."
_POLICY_RE = re.compile(r"^\S.{0,40} moderates (?:all )?comments\b", re.IGNORECASE)
# Whole lines of page furniture. Between share buttons: spaces around one mark, or spaces
# alone, never both optional (two optional runs of spaces backtrack exponentially).
_FURNITURE_RE = re.compile(
    r"^(?:powered by automated translation|(?:a\s*[+-]?\s*){2,3}|required|submit|print"
    r"|advertisement|listen to (?:this|the) article|copy link|skip to (?:main )?content"
    r"|(?:share(?: this(?: article| story)?| on)?|tweet|facebook|twitter|x|whatsapp|telegram"
    r"|linkedin|email|e-mail|reddit|messenger|shareables?|[\w ]{1,30} shareables)"
    r"(?:(?:\s*[|/·•,]\s*|\s*)(?:share|tweet|facebook|twitter|x|whatsapp|telegram|linkedin|email"
    r"|e-mail|reddit|messenger|print|copy link))*)\s*:?$",
    re.IGNORECASE,
)
# Lines opening with a label that marks teasers, credits and tags.
_LABEL_RE = re.compile(
    r"^(?:read (?:more|also)|also read|editing by|edited by|reporting by|additional reporting by"
    r"|writing by|compiled by|reporter'?s code|tags?|tagged(?: with)?|filed under|author_image)\b"
    r"|^(?:see also|related|watch|keywords|topics|photos?|images?|pictures?|credits?)\s*:",
    re.IGNORECASE,
)
_LABEL_MAX_WORDS = 25
# Contact details a press release ends with: "Press contacts:", "General public inquiries:
# ... by phone 00 800 ...", "Tel: +32 2 ...", an e-mail address.
_CONTACT_RE = re.compile(
    r"^(?:(?:press|media|general public)\s+)?(?:contacts?|enquiries|inquiries)\s*:"
    r"|^(?:tel|phone|fax)\b\s*[.:]|(?:\+|\b00\s?)\d[\d ()./-]{6,}\d"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
    re.IGNORECASE,
)
_CONTACT_MAX_CHARS = 300  # searched only on lines this short: an address search is quadratic
# Captions end with a photo credit: "(Photo: KRP)", ". Photo: Rudaw", "... in Washington. AP",
# "... June 18, 2023. — Reuters", "... in Beijing. DoD photo by Jane Doe", "... 2021.
# REUTERS/Jane Doe".
_PHOTO_CREDITS = "|".join(map(re.escape, read_data("outlets")["photo_credits"]))
# The agency before the photographer: "REUTERS/Jane Doe", "AFP/Jane Doe/File Photo".
_AGENCY_FIRST = (
    rf"(?:{_PHOTO_CREDITS})\s*/\s*(?:[A-Z][\w'’.-]*\s+){{0,3}}[A-Z][\w'’.-]*(?:\s*/\s*file photo)?"
)
_CAPTION_RE = re.compile(
    r"(?:\((?:photos?|images?|pictures?|credits?|file photo)\b[^()]*\)|\(video:[^()]*\)"
    r"|(?:^|[.!?”\"]\s+)(?:photos?|photographs?|images?|pictures?|credits?|graphics?)\s*:"
    r"\s*[^.]{1,60}"
    r"|[.!?”\"]\s+(?:[\w.-]+\s+)?(?:photo|photograph|picture|image)\s+(?:by|courtesy of)\s+.{1,60}"
    rf"|[.!?”\"](?:\s+|\s*[—–]\s*)(?:{_PHOTO_CREDITS})|[.!?”\"]\s*{_AGENCY_FIRST})\s*\.?$",
    re.IGNORECASE,
)
_SIGN_OFF = rf"(?<=[.!?”\"])\s*(?:[-–—]\s*)?(?:{_PHOTO_CREDITS})$"
_SIGN_OFF_RE = re.compile(_SIGN_OFF, re.IGNORECASE)
# A credit closing a caption: "Photograph: A Name/EPA", "(AP/Yonhap News)", ". Tatan Syuflana /
# AP", "— Reuters", "- A NAME/AFP", "DoD photo by Army Sgt. A Name"; also a whole credit line.
_CREDIT_TAIL_RE = re.compile(
    r"(?:\s*\((?:[^()]*\bphoto\b[^()]*|[^()]*/[^()]*|" + _PHOTO_CREDITS + r")\))+$"
    r"|(?<=[.!?”\"])\s*(?:photo(?:graph)?s?|images?|pictures?|credits?)\s*[:=]\s*[^.]{1,60}$"
    r"|(?<=[.!?”\"])\s*(?:\w+\s+)?photo by\s+.{1,60}$"
    rf"|(?:(?<=[.!?”\"])|\s[-–—])\s*(?:[A-Z][\w'’.-]*\s+){{0,3}}[A-Z][\w'’.-]*\s*/\s*(?:{_PHOTO_CREDITS})$"
    rf"|(?<=[.!?”\"])\s*{_AGENCY_FIRST}$"
    rf"|{_SIGN_OFF}"
    rf"|^(?:{_PHOTO_CREDITS})(?:\s*/\s*(?:{_PHOTO_CREDITS}))*$"
    rf"|^(?:photos?|pictures?|images?)\s*[:=].{{0,60}}$|^by\s+(?:{_PHOTO_CREDITS})(?:\s+news)?$"
    r"|^(?:posted|written|published) by\s*:?\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}$"
    r"|^(?:go to (?:main )?\w+\s*)+$|^navigation(?: path)?$",
    re.IGNORECASE,
)
_BREADCRUMB_RE = re.compile(r"^home\s*[/›»>|]", re.IGNORECASE)
_CREDIT_LINE_RE = re.compile(r"^\([^()]{2,60}\)\s*[-–—:]?$")
_TEASER_RE = re.compile(
    r"^(?P<headline>.{8,200}?)\s+[-–—|]\s+(?:video|watch|photos|gallery|in pictures|podcast|live)$",
    re.IGNORECASE,
)
# Lines above the headline that are no headline: links around the page, image alt text,
# appeals for donations or subscriptions.
_NAVIGATION_RE = re.compile(
    r"^(?:(?:go|skip|back|jump|return)\s+to\b|close$|menu$|(?:top|bottom) of (?:the )?page$)"
    r"|\bnavigation\b",
    re.IGNORECASE,
)
_ALT_TEXT_RE = re.compile(r"^(?:photo|image|picture|video)\s+of\b", re.IGNORECASE)
_APPEAL_RE = re.compile(
    r"\byour (?:support|donation|contribution|subscription)\b|\bsupport (?:us|our (?:journalism"
    r"|work|reporting))\b|\bdonate (?:now|today)\b|\bmake a (?:donation|contribution)\b"
    r"|\bsubscribe (?:now|today)\b|\bbecome an? (?:member|subscriber|supporter)\b",
    re.IGNORECASE,
)
_APPEAL_PARAGRAPHS = 8  # an appeal opening the page runs at most this far
_SENTENCE_STOP_RE = re.compile(r"[.!?]")
_WORD_RE = re.compile(r"[^\W\d_][\w'’.-]*")
_HEADLINE_MIN_WORDS = 4
# Short lines in capitalised words ("Foreign Secretary Ann Cole", "World China") or split
# by a separator ("Other languages: none", "Commission - Press release") are labels.
_HEADER_LABEL_MAX_WORDS = 5
_LABEL_SEPARATOR_RE = re.compile(r"[:=|]|\s[-–—]\s")
_BYLINE_RE = re.compile(r"^[Bb]y\s+[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3}(?:\s*[|,].*)?$")
_NAME_RE = re.compile(r"^[A-Z][a-z'’.-]+(?:\s+(?:al-|el-)?[A-Z][A-Za-z'’.-]+){1,3}$")
_HEADLINE_WORDS = _wordset(
    "in on of and the to for with at from by as over after amid meets says met"
)
_ABBREVIATIONS = _wordset(
    "mr mrs ms dr gen maj lt col sgt capt cpt adm cmdr st sen rep gov prof jr sr inc co corp ltd vs"
    " no jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e"
)
_DOTTED_RE = re.compile(r"(?:[a-z]\.)+[a-z]")  # an abbreviation with inner dots, "h.e", "u.s"
_SENTENCE_END_RE = re.compile(r"[.!?][”\"’']?\s+(?=[“\"‘'(A-Z0-9])")


def document_from_text(
    text: str,
    *,
    title: str | None = None,
    published: date | None = None,
    source: str | None = None,
    url: str | None = None,
) -> SourceDocument:
    """Clean pasted article text into a document; explicit arguments win over what is read.

    Refused: text with overlong lines or control characters, too long for the parser once
    cleaned, or without a paragraph of prose (`bot/sources/guards.py`).
    """
    check_lines(text)
    check_characters(text)
    title, source = _given(title), _given(source)
    lines = normalise_lines(text)
    if not any(lines):
        raise IngestError("The text is empty.")
    outlet = (canonical_outlet(source) or source.strip()) if source else find_outlet(lines)
    article = _cut_tail(lines)
    top, opening, bottom = _margins(article)
    found = find_published(top, bottom, opening=opening)
    paragraphs = _drop_boilerplate(article)
    headline, body = _split_title(paragraphs, title)
    if not body:
        raise IngestError("The text has no article content after removing page boilerplate.")
    cleaned = "\n\n".join(body)
    check_length(headline, cleaned)
    check_prose(body)
    dateline = find_dateline([p for p in body if not _is_masthead(p)])
    if published is not None:
        day, basis = published, "user"
    elif found is not None:
        day, basis = found
    else:
        day, basis = None, None
    return SourceDocument(
        text=cleaned,
        title=headline,
        published=day,
        published_basis=basis,
        source=outlet or (dateline.outlet if dateline else None),
        url=url,
        dateline_place=dateline.place if dateline else None,
    )


def _given(value: str | None) -> str | None:
    """A title or outlet given with the text, on one line without invisible or control
    characters; None when nothing visible is left (a NUL or direction marks)."""
    kept = _INVISIBLE_RE.sub("", value or "")
    line = " ".join("".join(" " if unicodedata.category(c) == "Cc" else c for c in kept).split())
    return line if visible(line) else None


def normalise_lines(text: str) -> list[str]:
    """Lines with invisible characters dropped, runs of spaces collapsed, apostrophes typed as
    opening quotes mended, a sentence glued to the line before it split off, hard wraps
    rejoined."""
    lines = [_mended(part) for raw in text.splitlines() for part in _GLUED_SENTENCE_RE.split(raw)]
    width = max(map(len, lines), default=0)
    wrapped = width <= _WRAP_MAX_WIDTH and sum(len(line) >= 0.75 * width for line in lines) >= 3
    joined: list[list[str]] = []  # each output line as the input lines it joins
    length = 0  # of the last output line, joined
    for line in lines:
        last = joined[-1][-1] if joined else ""
        if line and last and _continues(length, last, line, width if wrapped else None):
            joined[-1].append(line)
            length += 1 + len(line)
        else:
            joined.append([line])
            length = len(line)
    return [" ".join(parts) for parts in joined]


def _mended(part: str) -> str:
    """One line: invisible characters dropped, spaces collapsed, apostrophes typed as opening
    quotes mended, a space lost after a full stop put back."""
    text = _APOSTROPHE_RE.sub("’", _SPACES_RE.sub(" ", _INVISIBLE_RE.sub("", part)))
    return _GLUED_STOP_RE.sub(" ", text).strip()


def _continues(length: int, last: str, line: str, wrap_width: int | None) -> bool:
    """Whether `line` goes on with the sentence cut by a hard line break after `last`, the end
    of an output line `length` characters long so far (only its end is looked at: linear)."""
    if wrap_width is not None:  # hard-wrapped text: a line near the full width was cut
        return length >= 0.75 * wrap_width and not _ENDS_SENTENCE_RE.search(last)
    # Otherwise only a clear case: a long line without closing punctuation, then lower case.
    return length >= 40 and last[-1] not in _TERMINAL and line[:1].islower()


def _is_prose(line: str) -> bool:
    """A paragraph of the article rather than a heading, stamp or widget label."""
    words = len(line.split())
    return words >= 25 or (words >= 10 and _ENDS_SENTENCE_RE.search(line) is not None)


def _is_tail_heading(line: str) -> bool:
    """A heading that opens the comments or the other-stories list."""
    return _TAIL_RE.match(line) is not None or _POLICY_RE.match(line) is not None


def _margins(lines: list[str]) -> tuple[list[str], str | None, list[str]]:
    """(the lines above the first paragraph, that paragraph, the lines below the last one).

    Above: the first and the last 8 lines (a date line sits at the top or just above the
    text, after any navigation); below: the last 3 lines."""
    filled = [line for line in lines if line]
    prose = [index for index, line in enumerate(filled) if _is_prose(line)]
    if not prose:
        return filled[:_HEAD_LINES], None, []
    head = filled[: prose[0]]
    top = head[:_HEAD_LINES] + head[_HEAD_LINES:][-_HEAD_LINES:]
    return top, filled[prose[0]], filled[prose[-1] + 1 :][-_TAIL_LINES:]


def _cut_tail(lines: list[str]) -> list[str]:
    """`lines` up to a comments form or a list of other stories, once the article has begun."""
    begun = False
    for index, line in enumerate(lines):
        if begun and _is_tail_heading(line):
            return lines[:index]
        begun = begun or _is_prose(line)
    return lines


def _drop_boilerplate(lines: list[str]) -> list[str]:
    """The non-empty lines that belong to the article, in order."""
    filled = [line for line in lines if line]
    first_prose = next((i for i, line in enumerate(filled) if _is_prose(line)), len(filled))
    doubled = _doubled_short_lines(filled)
    kept: list[str] = []
    seen: set[str] = set()
    teasers: set[str] = set()
    for index, line in enumerate(filled):
        key = _key(line)
        teaser = _TEASER_RE.match(line)
        if teaser is not None:
            teasers.add(_key(teaser["headline"]))
            continue
        in_header = index < first_prose
        if (
            key in seen
            or key in teasers
            or index in doubled
            or _is_furniture(line)
            or (in_header and _is_header_furniture(line, has_lines=bool(kept)))
        ):
            continue
        seen.add(key)
        kept.append(line)
    return kept


def credit_start(paragraph: str, *, last: bool = False) -> int | None:
    """Where a photo credit or a credit line starts in `paragraph` (the text keeps it: the
    caption dates events); the last paragraph's bare outlet is the agency's sign-off."""
    if last and _SIGN_OFF_RE.search(paragraph):
        return None
    match = _CREDIT_TAIL_RE.search(paragraph)
    return match.start() if match else None


def _is_furniture(line: str) -> bool:
    """Page furniture found anywhere: widgets, teasers, credits, tags, contact details.

    Date stamps and (the first copy of) photo captions stay: they date and place events.
    """
    if _is_tail_heading(line) or canonical_outlet(line):
        return True
    if _FURNITURE_RE.match(line) or _BREADCRUMB_RE.match(line) or _CREDIT_LINE_RE.match(line):
        return True
    if len(line.split()) > _LABEL_MAX_WORDS:
        return False
    contact = len(line) <= _CONTACT_MAX_CHARS and _CONTACT_RE.search(line)
    return bool(_LABEL_RE.match(line) or contact)


def is_caption(line: str) -> bool:
    """A photo caption: a short line ending in a credit ("... in Washington. AP")."""
    return len(line.split()) <= 60 and _CAPTION_RE.search(line) is not None


def is_appeal(line: str) -> bool:
    """A page's appeal for donations or subscriptions ("Your support helps us ...")."""
    return _APPEAL_RE.search(line) is not None


def appeal_end(line: str) -> int:
    """Where the sentence holding the line's last appeal ends (the article may follow it on the
    same line: "Your support makes all the difference.Paul Reid met ..."); 0 without one."""
    appeals = list(_APPEAL_RE.finditer(line))
    if not appeals:
        return 0
    stop = _SENTENCE_STOP_RE.search(line, appeals[-1].end())
    return stop.end() if stop else len(line)


def _is_header_furniture(line: str, *, has_lines: bool) -> bool:
    """Above the article: bylines, and bare names once something (the headline) came first."""
    if _BYLINE_RE.match(line):
        return True
    return has_lines and _is_name(line)


def _is_masthead(line: str) -> bool:
    """The name of the office that issued the page ("Office of the Press Secretary"): kept in
    the text, since it names a body of the article, but never its headline."""
    return line.casefold() in known_words("mastheads", casefold=True)


def _is_name(line: str) -> bool:
    """A bare personal name such as "Layal Shakir" (a byline), not a title-case headline."""
    if not _NAME_RE.match(line):
        return False
    return not any(word.casefold() in _HEADLINE_WORDS for word in line.split())


def _doubled_short_lines(lines: list[str]) -> set[int]:
    """Indices of a bare name printed twice in a row ("Layal Shakir"): a byline, both copies go.

    Other repeats lose only their second copy, so a doubled headline is kept once.
    """
    doubled: set[int] = set()
    for index in range(len(lines) - 1):
        if lines[index] == lines[index + 1] and _is_name(lines[index]):
            doubled.update((index, index + 1))
    return doubled


def _key(line: str) -> str:
    return " ".join(line.casefold().split())


def _split_title(paragraphs: list[str], title: str | None) -> tuple[str, list[str]]:
    """(title, body paragraphs): the given title, the headline line, or the first sentence.

    Lines passed on the way to the headline stay in the body (stamps and captions date
    events), except links around the page."""
    if title and title.strip():
        title = " ".join(title.split())
        lead = list(itertools.takewhile(_is_lead, paragraphs[:-1]))
        rest = paragraphs[len(lead) :]
        if rest and _key(rest[0]) == _key(title):
            rest = rest[1:]
        return title, lead + rest
    if not paragraphs:
        return "", []
    index = _headline_index(paragraphs)
    if index is None:
        return derive_title(_title_source(paragraphs)), paragraphs
    first, rest = paragraphs[index], paragraphs[index + 1 :]
    # A section label glued to the headline, then the headline alone ("Kurdistan US ...").
    if rest and first.endswith(" " + rest[0]) and len(first.split()) - len(rest[0].split()) <= 2:
        first, rest = rest[0], rest[1:]
    above = [p for p in paragraphs[:index] if _NAVIGATION_RE.search(p) is None]
    return first, above + ([p for p in rest if _key(p) != _key(first)] or rest)


def _is_lead(line: str) -> bool:
    """A stamp or caption above the headline: it stays in the body, since it dates events."""
    return parse_stamp(line) is not None or is_caption(line)


def _headline_index(paragraphs: list[str]) -> int | None:
    """The first headline-like line above the article text; None when the text opens without
    one (its first paragraph, or a dateline, comes first). A line that the next lines repeat
    with more words (a caption with its credit) is the image's alt text, not the headline."""
    for index, line in enumerate(paragraphs[:-1]):
        if _is_prose(line) or parse_dateline(line) is not None:
            return None
        key, below = _key(line), [_key(p) for p in paragraphs[index + 1 : index + 4]]
        if _is_headline(line) and not any(p.startswith(key) and p != key for p in below):
            return index
    return None


def _is_headline(line: str) -> bool:
    """Short, without a closing full stop, several words long, and none of: a label (section,
    name), a masthead, a stamp or caption, a link around the page, image alt text, an appeal."""
    words = _WORD_RE.findall(line)
    label = len(words) <= _HEADER_LABEL_MAX_WORDS and (
        all(word[0].isupper() for word in words) or _LABEL_SEPARATOR_RE.search(line) is not None
    )
    return (
        len(line) <= 200
        and len(line.split()) <= 30
        and not line.endswith(".")
        and len(words) >= _HEADLINE_MIN_WORDS
        and not label
        and not _is_lead(line)
        and not _is_masthead(line)
        and _NAVIGATION_RE.search(line) is None
        and _ALT_TEXT_RE.match(line) is None
        and _APPEAL_RE.search(line) is None
    )


def _title_source(paragraphs: list[str]) -> str:
    """The paragraph to take the title from: the first paragraph of text (a dateline's, or
    prose, past stamps, captions and labels), or when the page opens with an appeal for
    donations, what follows the appeal's last sentence."""
    opening = paragraphs[:_APPEAL_PARAGRAPHS]
    appeals = [index for index, line in enumerate(opening) if _APPEAL_RE.search(line)]
    if appeals and appeals[0] == 0:
        last = paragraphs[appeals[-1]]
        if after := last[appeal_end(last) :].strip():
            return after
        paragraphs = paragraphs[appeals[-1] + 1 :] or [last]
    text = [p for p in paragraphs if not _is_lead(p)] or paragraphs
    return next((p for p in text if _is_prose(p) or parse_dateline(p) is not None), text[0])


def derive_title(paragraph: str) -> str:
    """A title from the paragraph's first sentence, without dateline, at most 120 characters."""
    dateline = parse_dateline(paragraph)
    sentence = _first_sentence(paragraph[dateline.end :] if dateline else paragraph)
    sentence = sentence.rstrip(" .")
    if len(sentence) <= TITLE_MAX_CHARS:
        return sentence
    head = sentence[:TITLE_MAX_CHARS]
    clause = max(head.rfind(", "), head.rfind(" – "), head.rfind(" — "), head.rfind("; "))
    if clause >= TITLE_MAX_CHARS // 2:
        return head[:clause]
    return head[: head.rfind(" ")].rstrip(" ,;:–—-") + "…"


def _first_sentence(text: str) -> str:
    """Text up to the first sentence end that does not follow an abbreviation."""
    for match in _SENTENCE_END_RE.finditer(text):
        before = text[: match.start()].rsplit(" ", 1)[-1].lstrip("(“\"'").casefold()
        if before in _ABBREVIATIONS or (len(before) == 1 and before.isalpha()):
            continue
        if _DOTTED_RE.fullmatch(before):  # "H.E. Ana Costa", "the U.S. envoy"
            continue
        return text[: match.start() + 1]
    return text
