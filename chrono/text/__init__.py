"""annotate stage (between normalise and merge): read each row's text once.

``annotate_rows(rows, cfg)`` sets ``Row.annotation`` (:class:`Annotation`):
the clauses, the concepts named and how each stands (occurred, reported
second-hand, mentioned, negated, planned) with the clause as evidence, the
dates the text names, whether the entry is news of an event recorded
elsewhere, and the words merge compares. Merge and detect read these and
never the raw text. The vocabulary is compiled once per distinct
configuration (:func:`vocabulary_for`) and annotations are cached by text.
"""

from chrono.text.annotate import annotate_rows, annotation, entry_text, full_text
from chrono.text.dates import NamedDate, dates_named
from chrono.text.model import Annotation, ConceptHit, Folding
from chrono.text.vocabulary import Vocabulary, vocabulary_for

__all__ = ["annotate_rows", "annotation", "entry_text", "full_text", "NamedDate", "dates_named",
           "Annotation", "ConceptHit", "Folding", "Vocabulary", "vocabulary_for"]
