"""The API documentation page (/api/v1/docs/, Swagger UI) in Chromium, under the site's strict
Content-Security-Policy: it draws every operation of the OpenAPI document, and runs one, with no
violation (the conftest fails the test on any)."""


def test_api_docs_page_works_under_the_csp(page, live_server, db):
    page.goto(f"{live_server.url}/api/v1/docs/")
    operations = page.locator(".opblock")
    operations.first.wait_for()
    assert operations.count() == 14
    region = page.locator(".opblock", has_text="/api/v1/regions/{code}/")
    region.locator(".opblock-summary").click()
    page.get_by_role("button", name="Try it out").click()
    page.locator("input[placeholder='code']").fill("28")
    page.get_by_role("button", name="Execute").click()
    page.locator(".response-col_status", has_text="200").first.wait_for()
    assert "Normandie" in region.locator(".highlight-code").first.inner_text()
