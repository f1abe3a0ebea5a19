"""Rules are data: a local authority adds, changes or switches off a rule in chrono.toml."""

from __future__ import annotations

import pytest

from chrono.config import ConfigError, load_config
from chrono.detect import find_flags, tag_events

from .helpers import chron, ev

MISSED = [ev("2024-03-04", "Child was not brought to the dental appointment", agency="Health Visiting"),
          ev("2024-04-15", "Not brought to the hearing test appointment", agency="Health Visiting"),
          ev("2024-05-20", "WNB to the 2 year review clinic", agency="Health Visiting")]


def _flags(cfg, events):
    return find_flags(chron(tag_events(events, cfg)), cfg)


def test_a_local_variant_of_a_rule_needs_no_python(tmp_path):
    user = tmp_path / "chrono.toml"
    user.write_text('[rules.WNB_THREE_IN_THREE]\nkind = "count"\ncategory = "missed_appointment"\ncount = 3\n'
                    'window_months = 3\nseverity = "high"\nnoun = "missed health appointment"\n', "utf-8")
    flags = _flags(load_config(user), list(MISSED))
    mine = [f for f in flags if f.rule == "WNB_THREE_IN_THREE"]
    assert len(mine) == 1 and mine[0].severity == "high"
    assert mine[0].summary.startswith("3 missed health appointments in")
    # the shipped rule still fires beside it
    assert any(f.rule == "WAS_NOT_BROUGHT" for f in flags)


def test_a_rule_switched_off_raises_nothing(tmp_path):
    user = tmp_path / "chrono.toml"
    user.write_text("[rules.WAS_NOT_BROUGHT]\nenabled = false\n", "utf-8")
    assert not any(f.rule == "WAS_NOT_BROUGHT" for f in _flags(load_config(user), list(MISSED)))
    assert any(f.rule == "WAS_NOT_BROUGHT" for f in _flags(load_config(), list(MISSED)))


def test_an_unknown_kind_says_what_to_use(tmp_path):
    user = tmp_path / "chrono.toml"
    user.write_text('[rules.MINE]\nkind = "sometimes"\ncategory = "missing"\n', "utf-8")
    with pytest.raises(ConfigError, match="unknown kind 'sometimes'.*count"):
        _flags(load_config(user), list(MISSED))
