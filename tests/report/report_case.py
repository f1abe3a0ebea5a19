"""A fictional merged case for the report tests and the render check
(from the repository root: ``from tests.report.report_case import make_case``).

Every name, place and event here is invented.
"""

from __future__ import annotations

import datetime as dt
import random
import zlib

from chrono.model import (
    Child,
    Chronology,
    Event,
    FileReport,
    Flag,
    Heading,
    Provenance,
    Rejected,
    ReviewItem,
    Row,
)

CSC = "Children's Social Care"
AGENCIES = [CSC, "Police", "Health Visiting", "School", "GP", "A&E", "Midwifery", "Probation", "Housing"]
AUTHORS = {
    CSC: "Sam Keyworker", "Police": "PC A Example", "Health Visiting": "HV B Sample",
    "School": "DSL C Placeholder", "GP": "Dr D Fictional", "A&E": "Nurse E Madeup",
    "Midwifery": "MW F Invented", "Probation": "PO G Pretend", "Housing": "H Notreal",
}
TEMPLATES = {
    CSC: [("Home visit by social worker. Home conditions adequate; fridge stocked.", ["home_visit"]),
          ("Core group meeting held; plan reviewed, actions agreed.", ["core_group", "meeting"]),
          ("Unannounced visit: no access, no answer at the door.", ["no_access"]),
          ("Strategy discussion following police notification.", ["strategy_discussion", "meeting"])],
    "Police": [("Police attended home address following report of domestic abuse; partner removed.",
                ["domestic_abuse", "police_incident"]),
               ("Concern for welfare call: neighbour reported shouting.", ["police_incident"])],
    "Health Visiting": [("Developmental review completed; growth on centile.", ["health_review"]),
                        ("Clinic appointment: was not brought.", ["missed_appointment"])],
    "School": [("Child arrived late, hungry and unkempt; breakfast provided.", ["school_concern"]),
               ("Attendance meeting with mother; attendance 81% this term.", ["meeting", "attendance"])],
    "GP": [("Seen with cough and cold; advice given.", ["gp_contact"]),
           ("Immunisation appointment: did not attend.", ["missed_appointment"])],
    "A&E": [("Attended A&E with a cut to the forehead; explanation: fell against table.",
             ["ae_attendance", "injury"]),
            ("Attended urgent treatment centre with a burn to the hand.", ["ae_attendance", "injury"])],
    "Midwifery": [("Antenatal booking for mother's new pregnancy.", ["pregnancy"])],
    "Probation": [("Partner attended supervision; reports he is living at the family home.",
                   ["household_change"])],
    "Housing": [("Rent arrears letter sent; tenancy at risk.", ["housing"])],
}


def _row(agency: str, day: dt.date, text: str, number: int, **extra) -> Row:
    return Row(provenance=Provenance(f"{agency.lower().replace(' ', '_').replace('&', 'and')}_oct.docx",
                                     2, number + 1),
               raw={"Date": day.strftime("%d/%m/%y"), "Significant Event": text},
               date=day, date_text=extra.pop("date_text", day.strftime("%d/%m/%y")), event=text,
               agency=agency, author=AUTHORS[agency], submitted=dt.date(2026, 10, 28), **extra)


def make_case(events: int = 60, seed: int = 7) -> Chronology:
    """A realistic fictional case of about ``events`` entries over a year,
    plus three background entries from before the period."""
    rng = random.Random(seed)
    start = dt.date(2025, 11, 1)
    out: list[Event] = []
    background = [
        (dt.date(1988, 6, 9), "year", False, "Mother born.", [CSC]),
        (dt.date(2019, 3, 1), "month", False, "Previous child protection plan for an older sibling ended.",
         [CSC]),
        (dt.date(2021, 5, 14), "day", False, "Child born at Anytown General; no concerns at birth.",
         ["Midwifery"]),
    ]
    for number, (day, precision, approx, text, agencies) in enumerate(background):
        out.append(Event(id=f"E{number + 1:04d}", date=day, precision=precision, approximate=approx,
                         time=None, event=text, agencies=agencies, who="Mother", outcome="",
                         child_seen="unknown", comments="Background", sources=[
                             _row(agencies[0], day, text, number,
                                  date_text={"year": "1988", "month": "Mar 2019"}.get(precision, ""))],
                         categories=["family_history"]))
    for number in range(events):
        agency = AGENCIES[number % len(AGENCIES)]
        text, categories = rng.choice(TEMPLATES[agency])
        day = start + dt.timedelta(days=int(number * 364 / events) + rng.randint(0, 3))
        if agency == "Housing" and day > dt.date(2026, 8, 27):
            agency = "School"  # Housing's last submission was in August: silent since
            text, categories = rng.choice(TEMPLATES[agency])
        agencies = [agency]
        if "domestic" in text and number % 2:
            agencies.append(CSC)
        if agency == "A&E":
            agencies.append("GP")
        seen = rng.choice(["yes", "yes", "no", "unknown"])
        seen_text = {"yes": rng.choice(["Yes, seen alone in bedroom; said he likes school",
                                        "Yes, seen with mother present", "Yes"]),
                     "no": "No, asleep", "unknown": ""}[seen]
        if categories[0] in {"no_access", "missed_appointment"}:
            seen, seen_text = "no", "No"
        precision, approx, written = "day", False, day.strftime("%d/%m/%y")
        if number == 11:
            precision, written = "month", day.strftime("%b %Y")
            day = day.replace(day=1)
        if number == 23:
            approx, written = True, "w/c " + day.strftime("%d/%m/%y")
        sources = [_row(a, day, text, 100 + number * 3 + k, child_seen=seen, seen_text=seen_text,
                        date_text=written) for k, a in enumerate(agencies)]
        event = Event(id=f"E{len(out) + 1:04d}", date=day, precision=precision, approximate=approx,
                      time=f"{9 + number % 9:02d}:{(number * 7) % 60:02d}" if number % 3 == 0 else None,
                      event=text, agencies=agencies, who=rng.choice(["Mother, child", "Mother, partner, child",
                                                                     "Child, class teacher", "Mother"]),
                      outcome=rng.choice(["Advice given.", "Referral to Early Help.", "No further action.",
                                          "Plan updated; next visit booked.", "Follow-up appointment sent."]),
                      child_seen=seen, comments=rng.choice(["", "", "Mother engaged well.",
                                                            "Entry agreed at core group."]),
                      sources=sources, categories=categories)
        if number in (8, 40):
            event.needs_review = True
            event.conflicts = {"date": [day.strftime("%d/%m/%y"),
                                        (day + dt.timedelta(days=1)).strftime("%d/%m/%y")]}
        if number in (5, 17, 33):
            event.confidential = True
            event.event = f"[THIRD PARTY] Information from a relative about the partner's history ({number})."
            event.categories = ["household_change"]
        out.append(event)
    by_cat = {}
    for event in out:
        for category in event.categories:
            by_cat.setdefault(category, []).append(event)
    flags = []

    def flag(rule, severity, evs, summary):
        evs = sorted(evs, key=lambda e: e.date)
        flags.append(Flag(id=f"F{len(flags) + 1:03d}", rule=rule, severity=severity, start=evs[0].date,
                          end=evs[-1].date, summary=summary, events=[e.id for e in evs]))

    flag("AE_REPEAT", "high", by_cat["ae_attendance"][:4], "4 A&E attendances in 12 months at 2 sites")
    flag("WAS_NOT_BROUGHT", "medium", by_cat.get("missed_appointment", [])[:3] or out[5:7],
         "3 missed health appointments in 6 months")
    flag("DOMESTIC_ABUSE_REPEAT", "high", by_cat.get("domestic_abuse", out[8:10])[:2],
         "2 domestic abuse incidents within 6 months")
    confidential = [e for e in out if e.confidential]
    flag("HOUSEHOLD_CHANGE", "medium", confidential, "A new adult is reported to be living in the home")

    files = []
    for agency in AGENCIES:
        submitted = dt.date(2026, 8, 27) if agency == "Housing" else dt.date(2026, 10, 28)
        name = f"{agency.lower().replace(' ', '_').replace('&', 'and')}_oct.docx"
        rows = sum(1 for e in out for r in e.sources if r.provenance.file == name)
        files.append(FileReport(file=name, sha256=f"{zlib.crc32(agency.encode()):08x}" * 8, format="docx",
                                agency=agency, author=AUTHORS[agency], rows_read=rows + 1, rows_rejected=1,
                                submitted=submitted, heading=Heading(name="Alfie TESTCHILD", agency=agency)))
    files.append(FileReport(file="police_other_child.docx", sha256="ab" * 32, format="docx", status="error",
                            problems=["the heading names a different child; check before merging"]))
    review = [ReviewItem(fingerprint=f"fp{k}", left=out[10 + k].sources[0], right=out[11 + k].sources[0],
                         score=0.81, reason="same day, similar text") for k in range(2)]
    rejected = [Rejected(Provenance("gp_oct.docx", 2, 40), "date 'unknown' could not be read",
                         {"Date": "unknown", "Significant Event": "Phone call"})]
    return Chronology(child=Child("Alfie TESTCHILD", dt.date(2021, 5, 14), "1 Fictional Road, Anytown AB1 2CD"),
                      period_from=start, period_to=dt.date(2026, 10, 31), files=files, events=out,
                      rejected=rejected, flags=flags, review=review, generated_at="2026-11-01T09:00:00+00:00",
                      area="darlington")
