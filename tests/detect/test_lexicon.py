import pytest

from chrono.config import load_config
from chrono.detect import tag_events

from .helpers import ev

CFG = load_config()


def cats(text: str, agency: str = "Children's Social Care", outcome: str = "") -> list[str]:
    return tag_events([ev("2024-05-01", text, agency=agency, outcome=outcome)], CFG)[0].categories


@pytest.mark.parametrize("text, category", [
    ("Seen in A&E with a cut to his hand", "ae_attendance"),
    ("Attended the walk-in centre with mum, cough", "ae_attendance"),
    ("ED discharge letter received - atended Kirkby UTC with wheeze", "ae_attendance"),
    ("WNB to paediatric clinic", "missed_appointment"),
    ("Did not attend dental appointment, second letter sent", "missed_appointment"),
    ("Unannounced visit - no answer at the door, card left", "no_access"),
    ("Police attended home address after a 999 call - argument between mum and partner. DASH medium", "domestic_abuse"),
    ("PPN received: DA incident at the address overnight", "domestic_abuse"),
    ("Family rehoused into temporary accommodation", "house_move"),
    ("Managed move to Fernside Academy agreed", "school_change"),
    ("Started at Brookfield Primary (in-year admission)", "school_change"),
    ("Registered with Oakfield Surgery, transferred from Hill Practice", "gp_change"),
    ("Mum's new partner has moved in", "household_change"),
    ("Reported missing from home overnight, found by police", "missing"),
    ("Mum took an overdose of paracetamol", "self_harm"),
    ("Small bruise to left cheek noted", "injury"),
    ("Strategy discussion held", "strategy_discussion"),
    ("RCPC - remains on plan", "review_conference"),
])
def test_recognises_practice_wording(text, category):
    assert category in cats(text)


@pytest.mark.parametrize("text, category", [
    ("No injuries noted", "injury"),
    ("Body map completed - no marks or bruises", "injury"),
    ("No DA reported since last visit", "domestic_abuse"),
    ("Mum denied any domestic abuse", "domestic_abuse"),
    ("Hollie not missing, was at a friend's house with permission", "missing"),
    ("Advised to attend A&E if breathing worsens", "ae_attendance"),
    ("Paternity DNA test results received", "missed_appointment"),
    ("Mum completed Freedom Programme session 4 (DA awareness)", "domestic_abuse"),
    ("Referral to CSC - child disclosed being hit by mum's partner", "household_change"),
    ("CP alert placed on paediatric ED record", "ae_attendance"),
    ("ICPC - police report submitted, not attended", "missed_appointment"),
    ("Liaison with nursery re funded 2-year-old place", "school_change"),
])
def test_negated_or_unrelated_mentions_do_not_tag(text, category):
    assert category not in cats(text)


def test_outcome_advice_does_not_make_an_attendance():
    assert "ae_attendance" not in cats("Telephone consultation - temperature", agency="GP",
                                       outcome="Advised to take to A&E if rash appears")


def test_misspelt_words_still_tag():
    assert "domestic_abuse" in cats("DA incident - verbal agrument between parents, police atended")


def test_an_emergency_departments_own_entry_is_an_attendance():
    assert "ae_attendance" in cats("Attended with mum - rash, discharged", agency="Emergency Department")
    assert "ae_attendance" not in cats("Attended with mum - rash, discharged", agency="GP")
    assert "ae_attendance" not in cats("Safeguarding liaison: information shared with HV", agency="Emergency Department")
    assert "ae_attendance" not in cats("Liaison nurse attended strategy meeting", agency="Emergency Department")


@pytest.mark.parametrize("text, category", [
    ("Dental check - teeth fine", "mental_health"),       # not "mental"
    ("Appointment issued for March", "missed_appointment"),  # not "missed"
    ("Mum stated at the meeting that she is coping", "school_change"),  # not "started at"
    ("Mum stayed in a hotel for the weekend", "house_move"),  # not "hostel"
])
def test_spelling_correction_never_turns_one_real_word_into_another(text, category):
    assert category not in cats(text)


def test_a_local_phrase_added_in_chrono_toml_tags(tmp_path):
    user = tmp_path / "chrono.toml"
    user.write_text('[lexicon.categories.missing]\nphrases = ["went awol"]\n', "utf-8")
    cfg = load_config(user)
    assert "missing" in tag_events([ev("2024-05-01", "Child went AWOL from placement")], cfg)[0].categories


def test_a_broken_pattern_in_chrono_toml_is_a_config_error(tmp_path):
    from chrono.config import ConfigError
    user = tmp_path / "chrono.toml"
    user.write_text('[lexicon.categories.missing]\nregexes = ["(unclosed"]\n', "utf-8")
    with pytest.raises(ConfigError, match="missing"):
        tag_events([ev("2024-05-01", "text")], load_config(user))
