from chrono.detect import seen_summary

from .helpers import day, ev


def test_lists_only_the_occasions_the_child_was_seen_in_date_order():
    events = [ev("2024-03-05", "CP home visit", seen="yes", seen_text="Yes - seen alone in bedroom"),
              ev("2024-03-01", "Planned visit - no access", seen="no", seen_text="No"),
              ev("2024-02-20", "GP appointment - cough", agency="GP", seen="yes", seen_text="Seen with mum",
                 who="Dr A, mother, child")]
    visits = seen_summary(events)
    assert [v.date for v in visits] == [day("2024-02-20"), day("2024-03-05")]
    gp, sw = visits
    assert gp.alone is False and gp.present == "mum" and gp.agencies == ["GP"]
    assert sw.alone is True and sw.present == ""


def test_alone_unknown_when_not_said():
    [visit] = seen_summary([ev("2024-03-05", "School check-in", agency="School", seen="yes", seen_text="Y",
                               who="DSL, child")])
    assert visit.alone is None and visit.present == "DSL, child"


def test_not_seen_alone_is_not_alone():
    [visit] = seen_summary([ev("2024-03-05", "Home visit", seen="yes", seen_text="Seen but not alone - mum refused")])
    assert visit.alone is False


def test_the_seen_summary_names_only_the_agencies_that_saw_the_child():
    from chrono.model import Provenance, Row

    visit = ev("2024-03-05", "Home visit - child seen in her room", seen="yes", seen_text="Seen with mum")
    letter = Row(provenance=Provenance("gp.docx", 2, 9), raw={}, date=day("2024-03-05"), agency="GP",
                 event="Letter received from SW re the visit", child_seen="no")
    visit.sources.append(letter)
    visit.agencies.append("GP")
    [seen] = seen_summary([visit])
    assert seen.agencies == ["Children's Social Care"]
    assert seen.present == "mum"
