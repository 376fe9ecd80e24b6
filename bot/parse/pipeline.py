"""From cleaned documents to parsed articles: one spaCy pass, then briefbot's extractors."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from bot.knowledge import StoreKnowledge
from bot.models import ParsedArticle, SourceDocument
from bot.parse import bounds
from bot.parse.actors import ActorResolver
from bot.parse.dates import extract_dates
from bot.parse.events import EventExtractor, unnamed_parties
from bot.parse.gazetteer import Gazetteer
from bot.parse.month_persons import without_surnames
from bot.parse.nlp import build_pipeline, set_known_names
from bot.parse.quotes import extract_quotes
from bot.parse.summary import lead_sentences
from bot.sources.hashing import content_hash

BATCH_SIZE = 16


def parse_text(document: SourceDocument) -> str:
    """The text the parser reads: the title as its own paragraph, then the body, up to
    `bounds.PARSE_CHARS` characters."""
    return bounds.parsed_part(_full_text(document), bounds.PARSE_CHARS)


def unparsed(document: SourceDocument) -> int:
    """How many characters of the document the parser leaves out (`parse_text`)."""
    return len(_full_text(document)) - len(parse_text(document))


def _full_text(document: SourceDocument) -> str:
    return f"{document.title}\n\n{document.text}" if document.title else document.text


class ArticleParser:
    """Holds the loaded model and the gazetteer; turns documents into `ParsedArticle`s."""

    def __init__(self, nlp: Language, gazetteer: Gazetteer) -> None:
        self.nlp = nlp
        self.gazetteer = gazetteer
        self.resolver = ActorResolver(gazetteer)
        self.events = EventExtractor()

    @classmethod
    def create(
        cls,
        knowledge: StoreKnowledge | None = None,
        model: str | None = None,
        beats: Iterable[str] | None = None,
    ) -> ArticleParser:
        """Load `model` (None: the default) with the packs `beats` (None: those in use) and
        what the store knows."""
        gazetteer = Gazetteer.load(beats, knowledge)
        return cls(build_pipeline(gazetteer, model), gazetteer)

    def with_knowledge(self, knowledge: StoreKnowledge) -> ArticleParser:
        """The same model and packs with another state of the store's knowledge (the model
        is shared, not reloaded; its entity ruler learns the names taught since)."""
        gazetteer = self.gazetteer.with_knowledge(knowledge)
        set_known_names(self.nlp, gazetteer)
        return ArticleParser(self.nlp, gazetteer)

    def parse(self, documents: Iterable[SourceDocument]) -> Iterator[ParsedArticle]:
        docs = list(documents)
        parsed = self.docs([parse_text(d) for d in docs])
        for doc, document in zip(parsed, docs, strict=True):
            yield self.from_doc(doc, document)

    def docs(self, texts: list[str]) -> Iterator[Doc]:
        """The model's `Doc` of each text, at a bounded cost whatever the text (`bounds`):
        over-long lines broken, long texts parsed in pieces, batches of bounded size, and
        the entities of a bounded number of names (`parse_text` bounds the length)."""
        pieces = [
            bounds.chunks(
                bounds.bounded_lines(text, bounds.LINE_CHARS), bounds.CHUNK_CHARS, bounds.WORD_CHARS
            )
            for text in texts
        ]
        flat = (piece for text in pieces for piece in text)
        batches = bounds.batches(flat, BATCH_SIZE, bounds.BATCH_CHARS)
        parsed = (
            bounds.lean(doc)
            for batch in batches
            for doc in self.nlp.pipe(batch, batch_size=len(batch))
        )
        for text in pieces:
            doc = bounds.joined([next(parsed) for _ in text])
            yield bounds.bounded_names(doc, bounds.MAX_NAMES)

    def from_doc(self, doc: Doc, document: SourceDocument) -> ParsedArticle:
        actors = self.resolver.resolve(doc, document.published)
        dates = without_surnames(doc, extract_dates(doc, document.published))
        body_start = len(document.title) + 2 if document.title else 0
        events = self.events.extract(doc, actors, dates, document)
        return ParsedArticle(
            document=document,
            content_hash=content_hash(document.text),
            actors=[*actors.actors.values(), *unnamed_parties(events)],
            dates=dates,
            events=events,
            quotes=extract_quotes(doc, actors),
            summary=lead_sentences(doc, body_start),
        )
