"""chronology.html: the timeline to explore and the unsure pairs to decide, in a real browser.

The browser tests drive Debian's Chromium with Playwright (``.ci/run``
installs both); where no browser can be started they are skipped with the
reason. The page must make no request at all: everything is inside it.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chrono.cli import app
from chrono.model import Child, Chronology, Event, Provenance, Row
from chrono.pipeline import CaseOptions, merge_case
from chrono.report.html import page_data, render_page

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _event(eid: str, text: str, agency: str = "Police", confidential: bool = False) -> Event:
    row = Row(Provenance("police.docx", 2, 3), {}, dt.date(2024, 3, 12), event=text, agency=agency,
              confidential=confidential)
    return Event(eid, row.date, "day", False, None, text, [agency], "", "", "unknown", "", [row],
                 confidential=confidential)


def test_hostile_entry_text_is_data_never_markup():
    hostile = "</script><script>alert(1)</script><img src=http://x.invalid/a>"
    page = render_page(Chronology(Child("Jo BLOGGS"), None, None, [], [_event("E0001", hostile)], []))
    assert hostile not in page
    assert page.count("<script") == 2  # the data block and the page's own script, nothing else
    assert "http://x.invalid" in page  # kept, but only inside escaped JSON
    assert "src=http" not in page.replace("\\u003cimg src=http", "")


def test_the_page_names_nothing_outside_itself():
    page = render_page(Chronology(Child("Jo BLOGGS"), None, None, [], [_event("E0001", "seen at home")], []))
    assert "default-src 'none'" in page and "connect-src 'none'" in page
    for attribute in ('src="http', "src='http", 'href="http', "@import", "url(http"):
        assert attribute not in page


def test_parents_copy_page_withholds_what_the_appendix_withholds():
    events = [_event("E0001", "Visit: child seen"), _event("E0002", "Partner's probation supervision", "Probation", True)]
    chron = Chronology(Child("Jo BLOGGS"), None, None, [], events, [])
    data = page_data(chron, parents_copy=True)
    assert [e["id"] for e in data["events"]] == ["E0001"] and data["withheld"] == 1
    assert data["review"] == [] and "where" not in data["events"][0]["accounts"][0]
    page = render_page(chron, parents_copy=True)
    assert "probation supervision" not in page and "PARENTS' COPY" in page and "Pairs to decide" not in page


def test_merge_writes_the_page_with_the_other_outputs(tmp_path):
    outcome = merge_case([ROOT / "samples"], tmp_path / "out", options=CaseOptions(parents_copy=True))
    names = {p.name for p in outcome.written}
    assert "chronology-parents-copy.html" in names


# ---------------------------------------------------------------- in a real browser

@pytest.fixture(scope="module")
def browser():
    playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install -e '.[test]')")
    if CHROMIUM is None:
        pytest.skip("no Chromium on this machine: apt-get install chromium (CI's .ci/run does)")
    with playwright.sync_playwright() as p:
        try:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"])
        except Exception as exc:  # noqa: BLE001 - any launch failure is a reason to skip, said aloud
            pytest.skip(f"Chromium could not be started here: {exc}")
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def case(tmp_path_factory) -> Path:
    case = tmp_path_factory.mktemp("case") / "samples"
    shutil.copytree(ROOT / "samples", case)
    return case


@pytest.fixture(scope="module")
def merged(case, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    merge_case([case], out)
    return out


@pytest.fixture
def page(browser, merged):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    problems, requests = [], []
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto((merged / "chronology.html").as_uri())
    page.problems, page.requests = problems, requests
    yield page
    context.close()


def _rows(page) -> int:
    return page.locator("#event-rows tr").count()


def test_loads_with_no_error_and_no_request(page, merged):
    assert page.problems == []
    assert [u for u in page.requests if not u.startswith("file://")] == []
    assert page.locator(".marking").first.inner_text() == "OFFICIAL-SENSITIVE"
    assert page.locator("svg circle").count() > 0


def test_filter_by_agency_and_search(page, merged):
    everything = _rows(page)
    page.get_by_label("Police").uncheck()
    fewer = _rows(page)
    assert 0 < fewer < everything
    page.get_by_role("button", name="Clear filters").click()
    assert _rows(page) == everything
    page.get_by_label("Search the text").fill("section 21")
    found = page.locator("#event-rows tr")
    assert 0 < found.count() < everything
    assert all("section 21" in found.nth(i).inner_text().lower() for i in range(found.count()))
    assert page.locator("#count").inner_text().startswith(f"Showing {found.count()} of")


def test_event_detail_shows_every_agency_account_with_where_it_came_from(page, merged):
    document = json.loads((merged / "chronology.json").read_text("utf-8"))
    event = max(document["events"], key=lambda e: len({s["agency"] for s in e["sources"]}))
    page.get_by_role("button", name="Show every entry, with the background history").click()
    page.locator(f"#event-rows tr[data-event='{event['id']}'] button").click()
    detail = page.locator("#detail").inner_text()
    for source in event["sources"]:
        assert source["fields"]["event"].split("\n")[0][:60] in detail
        assert f"row {source['row']}" in detail
    assert page.evaluate("document.activeElement.id") == "detail-heading"


def test_a_flag_shows_its_evidence(page, merged):
    document = json.loads((merged / "chronology.json").read_text("utf-8"))
    flag = next(f for f in document["flags"] if f["events"])
    page.get_by_label("Flag", exact=True).select_option(flag["id"])
    shown = {page.locator("#event-rows tr").nth(i).get_attribute("data-event") for i in range(_rows(page))}
    assert shown <= set(flag["events"]) and shown


def test_review_decisions_saved_in_the_page_change_the_next_merge(page, case, merged, tmp_path):
    document = json.loads((merged / "chronology.json").read_text("utf-8"))
    assert document["review"], "the samples keep unsure pairs for the review queue"
    first = document["review"][0]
    page.get_by_label("Different events").first.check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Save decisions (CSV)").click()
    saved = tmp_path / "chrono-decisions-download.csv"
    download.value.save_as(saved)
    rows = list(csv.DictReader(saved.open(encoding="utf-8")))
    assert rows == [{"fingerprint": first["fingerprint"], "decision": "different"}]
    outdir = tmp_path / "out"
    shutil.copytree(merged, outdir)
    result = CliRunner().invoke(app, ["review", str(outdir), "--import", str(saved)])
    assert result.exit_code == 0, result.output
    again = merge_case([case], outdir).chronology
    assert first["fingerprint"] not in {i.fingerprint for i in again.review}
    left, right = first["left"], first["right"]
    apart = [e for e in again.events if any((s.provenance.file, s.provenance.row) in
                                            {(left["file"], left["row"]), (right["file"], right["row"])}
                                            for s in e.sources)]
    assert len(apart) == 2, "decided different: the two accounts stay two events"


def test_no_serious_accessibility_violation(page):
    axe = pytest.importorskip("axe_playwright_python.sync_playwright", reason="axe-playwright-python is not installed")
    results = axe.Axe().run(page)
    serious = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    assert serious == [], [(v["id"], v["help"], len(v["nodes"])) for v in serious]
