"""The child-seen column: yes / no / unknown, keeping the views and who was present."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chrono.normalise.seen import parse_seen


@pytest.mark.parametrize("text, seen, detail", [
    ("Yes", "yes", ""), ("Y", "yes", ""), ("yes", "yes", ""), ("Seen", "yes", ""),
    ("Yes - seen alone", "yes", "seen alone"),
    ("Y (with mum)", "yes", "with mum"),
    ("Seen with mother and partner", "yes", "Seen with mother and partner"),
    ("Views obtained: wants to stay at home", "yes", "Views obtained: wants to stay at home"),
    ("Yes - spoke to Sam alone", "yes", "spoke to Sam alone"),
    ("No", "no", ""), ("N", "no", ""), ("Not seen", "no", ""),
    ("No – asleep", "no", "asleep"),
    ("No - telephone contact", "no", "telephone contact"),
    ("N/A", "unknown", ""), ("n/a", "unknown", ""), ("Not applicable", "unknown", ""),
    ("-", "unknown", ""), ("", "unknown", ""), ("   ", "unknown", ""),
])
def test_seen_answers(text, seen, detail):
    assert parse_seen(text) == (seen, detail)


def test_words_starting_with_n_or_y_are_not_answers():
    assert parse_seen("Nursery staff present")[0] != "no"
    assert parse_seen("Young person declined")[0] != "yes"


@given(st.text(max_size=30))
def test_never_raises(text):
    seen, detail = parse_seen(text)
    assert seen in ("yes", "no", "unknown") and isinstance(detail, str)


def test_a_local_authority_adds_its_own_answer_in_chrono_toml():
    """The answers are policy (``[columns.seen_answers]``): an area whose workers write "Sighted" adds it."""
    from chrono.config import load_config
    from chrono.normalise.seen import parse_seen, seen_answers

    assert parse_seen("Sighted - in cot")[0] != "yes"
    cfg = load_config(extra={"columns": {"seen_answers": {"yes_lead": ["sighted"]}}})
    assert parse_seen("Sighted - in cot", seen_answers(cfg)) == ("yes", "Sighted - in cot")
    assert parse_seen("No - asleep", seen_answers(cfg))[0] == "no"
