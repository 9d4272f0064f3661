"""The browser suite fails on a Content-Security-Policy violation (tests/e2e/conftest.py): here a
page that breaks the policy on purpose must be reported, or every other test proves nothing."""

PROBE = "http://csp-probe.test/"
PAGE = """<!DOCTYPE html><html lang="fr"><title>avant</title>
<p style="color: red">style attribute</p>
<script>document.title = "script inline exécuté";</script>
<button type="button" onclick="document.title = 'gestionnaire exécuté'">bouton</button>
"""


def test_a_page_breaking_the_policy_is_reported(browser, csp_violations):
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    page.route(
        PROBE,
        lambda route: route.fulfill(
            status=200,
            content_type="text/html; charset=utf-8",
            headers={"Content-Security-Policy": "default-src 'self'; style-src 'self'"},
            body=PAGE,
        ),
    )
    page.goto(PROBE)
    page.get_by_role("button", name="bouton").click()
    title = page.title()
    context.close()

    found = list(csp_violations)
    # Reported, so this test must not fail for them: the teardown check would.
    csp_violations.clear()
    assert title == "avant"
    assert any("script-src" in message and "csp-probe.test" in message for message in found), found
    assert any("style-src" in message for message in found), found
    assert len([m for m in found if "CSP violation:" in m and "script-src" in m]) >= 2, found
