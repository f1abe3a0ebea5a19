"""A wording fix is made once: one table of chrono.toml reaches merge and detect."""

from __future__ import annotations

from chrono.config import load_config
from chrono.detect import tag_events
from chrono.merge import merge_rows

from ..merge.rowkit import make_row

ROWS = [make_row("Police.docx", 2, "2024-05-03", "Officers called to a rumpus at the flat between mum and partner", "Police"),
        make_row("CSC.docx", 4, "2024-05-04", "PPN: rumpus between mum and partner at the address last night",
                 "Children's Social Care")]


def test_a_new_phrasing_in_chrono_toml_reaches_folding_and_the_rules(tmp_path):
    plain = tag_events(merge_rows(ROWS, load_config()).events, load_config())
    assert len(plain) == 2 and not any("domestic_abuse" in e.categories for e in plain)
    user = tmp_path / "chrono.toml"
    user.write_text('[lexicon.categories.domestic_abuse]\nphrases = ["rumpus"]\nfold = ["rumpus"]\n', "utf-8")
    cfg = load_config(user)
    events = tag_events(merge_rows(ROWS, cfg).events, cfg)
    assert len(events) == 1
    assert "domestic_abuse" in events[0].categories


def test_a_word_keeps_its_own_capitals_whatever_another_row_wrote(tmp_path):
    """The spelling check remembers its verdict per word, never another row's capitals: a
    caseload merged in one process reads the same whichever case came first."""
    from chrono.text.vocabulary import build_vocabulary

    vocab = build_vocabulary(load_config())
    assert vocab.correct("Met at Wrenthorpe Lodge") == "Met at Wrenthorpe Lodge"
    assert vocab.correct("met at wrenthorpe lodge") == "met at wrenthorpe lodge"
    again = build_vocabulary(load_config())
    assert again.correct("met at wrenthorpe lodge") == "met at wrenthorpe lodge"
    assert again.correct("Met at Wrenthorpe Lodge") == "Met at Wrenthorpe Lodge"
