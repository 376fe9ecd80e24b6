"""Events: who met, called, visited, wrote to, signed with or attacked whom, when and where.

Triggers come from a lexicon of verbs and nouns (`lexicon`, `triggers`); participants, date
and place come from the trigger's clause in the dependency parse, not from word windows
(`clauses`, `participants`); reports of one event are merged (`merge`); `extract` reads an
article sentence by sentence.
"""

from bot.parse.events.extract import EventExtractor
from bot.parse.events.participants import unnamed_parties

__all__ = ["EventExtractor", "unnamed_parties"]
