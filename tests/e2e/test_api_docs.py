"""The API documentation page (/api/v1/docs/, Swagger UI) in Chromium, under the site's strict
Content-Security-Policy: it draws every operation of the OpenAPI document, and runs one, with no
violation (the conftest fails the test on any)."""

import pytest
from playwright.sync_api import expect


# Transactional, as the live server needs: the regions it reads are put back if an earlier
# transactional test flushed them (tests/conftest.py, _reference_data).
@pytest.mark.django_db(transaction=True)
def test_api_docs_page_works_under_the_csp(page, live_server):
    page.goto(f"{live_server.url}/api/v1/docs/")
    operations = page.locator(".opblock")
    operations.first.wait_for()
    assert operations.count() == 14
    region = page.locator(".opblock", has_text="/api/v1/regions/{code}/")
    region.locator(".opblock-summary").click()
    page.get_by_role("button", name="Try it out").click()
    page.locator("input[placeholder='code']").fill("28")
    page.get_by_role("button", name="Execute").click()
    # The answer received (not the documented responses, which list 200 too).
    live = region.locator(".live-responses-table")
    expect(live.locator("tbody .response-col_status")).to_have_text("200")
    expect(live).to_contain_text("Normandie")
