"""Policy is data: shipped TOML, overridden by a local authority's chrono.toml."""

import pytest

from chrono.config import ConfigError, describe, load_config


def test_shipped_defaults_load_with_the_default_area():
    cfg = load_config()
    assert cfg.area == "default"
    assert cfg.area_settings()["first_review_months"] == 3


def test_area_preset_overrides_the_default_standard():
    cfg = load_config(area="dudley")
    settings = cfg.area_settings()
    assert settings["child_seen_every_days"] == 28
    assert settings["first_review_months"] == 3  # inherited from the default preset


def test_user_file_overrides_and_reports_where_values_came_from(tmp_path):
    user = tmp_path / "chrono.toml"
    user.write_text('area = "hampshire"\n[limits]\nmax_rows_per_file = 10\n[privacy]\nmarkers = ["[RESTRICTED]"]\n')
    cfg = load_config(user)
    assert cfg.area == "hampshire"
    assert cfg.limit("max_rows_per_file") == 10
    # lists extend the shipped list rather than replacing it
    assert "[RESTRICTED]" in cfg.section("privacy")["markers"]
    assert "[CONFIDENTIAL]" in cfg.section("privacy")["markers"]
    assert cfg.origin("limits.max_rows_per_file") == str(user)
    assert f"from {user}" in describe(cfg, "limits")


def test_a_list_key_ending_in_bang_replaces_the_shipped_list(tmp_path):
    user = tmp_path / "chrono.toml"
    user.write_text('[privacy]\n"markers!" = ["ONLY THIS"]\n')
    assert load_config(user).section("privacy")["markers"] == ["ONLY THIS"]


@pytest.mark.parametrize("text, words", [
    ("[nonsense]\nx = 1\n", "unknown setting 'nonsense'"),
    ("this is = = not toml", "not valid TOML"),
    ('area = "atlantis"\n', "unknown area 'atlantis'"),
])
def test_bad_user_files_get_a_message_saying_what_to_fix(tmp_path, text, words):
    user = tmp_path / "chrono.toml"
    user.write_text(text)
    with pytest.raises(ConfigError, match=words):
        load_config(user)


def test_missing_config_file_is_named(tmp_path):
    with pytest.raises(ConfigError, match="no such configuration file"):
        load_config(tmp_path / "nope.toml")
