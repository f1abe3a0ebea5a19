"""The annotate stage on wording met in published case reviews' chronologies (invented here):
the fold concepts two agencies' accounts share, in the four ways an entry can name them."""

from __future__ import annotations

import pytest

from .test_annotate import annotated


def fold_mode(text, concept):
    return dict(annotated(text).folding.modes).get(concept)


# concept, happened, did not happen, may happen, news of it
FOLD_WORDING = [
    ("camhs_referral", "Urgent referral to CAMHS after disclosure of low mood",
     "No CAMHS referral - threshold not met", "Recommend CAMHS referral",
     "Informed by school: urgent CAMHS referral made today"),
    ("child_alone", "Boy (5) found alone in the stairwell at 21:00",
     "Not left alone at any point, grandmother present", "Mum advised the baby must never be left alone",
     "Police notification - found alone outside the shop 02/03"),
    ("eviction_notice", "Section 21 notice served by the landlord, expires in two months",
     "No section 21 served yet", "Landlord considering a section 21",
     "Mother reports section 21 notice received from the landlord"),
    ("hospital_discharge", "Discharged from the children's ward to grandmother's address",
     "Not discharged - remains on the ward", "To be discharged to foster carers tomorrow",
     "Informed by the ward: discharged home 14/05"),
]


@pytest.mark.parametrize("concept, happened, negated, planned, news", FOLD_WORDING)
def test_fold_concepts_in_four_ways(concept, happened, negated, planned, news):
    assert fold_mode(happened, concept) == "occurred"
    assert fold_mode(negated, concept) != "occurred"
    assert fold_mode(planned, concept) != "occurred"
    ann = annotated(news)
    assert dict(ann.folding.modes).get(concept) == "occurred" and ann.notice


@pytest.mark.parametrize("text", [
    "Police notify: DA incident at the address 04/03",
    "MASH info: police attended, baby crying",
    "Info from MASH - officers attended a verbal argument",
    "OOH report: seen at the out of hours base with a cough",
])
def test_news_wording_of_other_agencies_is_a_notice(text):
    assert annotated(text).notice


@pytest.mark.parametrize("text, concept", [
    ("DOMESTIC - verbal only, no offences", "domestic_abuse"),
    ("NVD 39+1, girl 3.2kg", "birth"),
    ("MFH - located at a friend's address", "missing"),
    ("Placed in TA - Heronsgate Lodge", "house_move"),
])
def test_professions_shorthand_names_the_concept(text, concept):
    assert fold_mode(text, concept) == "occurred"


def test_a_named_place_is_a_proper_noun_but_a_sentence_start_is_not():
    names = annotated("Moved to 3 Tannery Row - keys collected").folding.names
    assert "tannery" in names and "moved" not in names and "keys" not in names


def concepts_of(text):
    return {h.concept: h.mode for h in annotated(text).hits}


@pytest.mark.parametrize("text, concept", [
    ("Unannounced visit - mother opened the door, said it was a bad time and closed it", "no_access"),
    ("Visit to the flat, father would not let the HV in", "no_access"),
    ("CP visit: failed access, card left", "no_access"),
    ("Child not brought to appointment - hearing test", "missed_appointment"),
    ("Arrived late and could not be seen, rebooked", "missed_appointment"),
])
def test_no_access_and_not_brought_as_procedures_word_them(text, concept):
    assert concepts_of(text).get(concept) == "occurred"


@pytest.mark.parametrize("text, concept", [
    ("Mum opened the door and let us in, baby seen in the lounge", "no_access"),
    ("Mother would not let the baby be weighed today", "no_access"),
    ("Advised that if the child is not brought again the GP will be told", "missed_appointment"),
])
def test_near_misses_are_not_those_events(text, concept):
    assert concepts_of(text).get(concept) != "occurred"


def test_a_named_hospital_does_not_hide_the_phrasing():
    ann = annotated("Mum says he was taken to St Winifred's hospital by ambulance")
    assert dict(ann.folding.modes).get("ae_attendance") == "occurred"
    assert "ae_attendance" in ann.folding.full_concepts
