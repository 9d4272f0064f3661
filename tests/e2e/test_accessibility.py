"""What the accessibility statement says is measured: axe-core on every public page type,
reflow at 320 px, the language switcher without JavaScript (esante/accessibility.py)."""

import pytest

from esante.accessibility import CHECKED_PAGES
from tests.e2e.conftest import screenshot, serious_violations

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(("label", "path"), CHECKED_PAGES, ids=[p for _l, p in CHECKED_PAGES])
def test_no_serious_or_critical_accessibility_violation(page, live_server, demo, label, path):
    response = page.goto(live_server.url + path)
    assert response.status == 200, f"{label}: {path} answers {response.status}"
    violations = serious_violations(page)
    assert not violations, f"{label} ({path}): {violations}"


def test_no_serious_or_critical_violation_at_phone_width(browser, live_server, demo):
    """At 390 px the tables scroll sideways: their scrolling region must be reachable with the
    keyboard (axe: scrollable-region-focusable), and the menus collapse into the mobile ones."""
    context = browser.new_context(locale="fr-FR", viewport={"width": 390, "height": 844})
    page = context.new_page()
    found = []
    for label, path in CHECKED_PAGES:
        response = page.goto(live_server.url + path)
        assert response.status == 200, f"{label}: {path} answers {response.status}"
        violations = serious_violations(page)
        if violations:
            found.append((path, violations))
    context.close()
    assert not found, found


def test_pages_reflow_at_320_pixels(browser, live_server, demo):
    """WCAG 1.4.10: at 320 CSS pixels (1280 px zoomed to 400 %) nothing scrolls sideways."""
    context = browser.new_context(locale="fr-FR", viewport={"width": 320, "height": 640})
    page = context.new_page()
    too_wide = []
    for label, path in CHECKED_PAGES:
        page.goto(live_server.url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            too_wide.append((label, path, width))
    screenshot(page, "accessibilite-320px")
    context.close()
    assert not too_wide, too_wide


def test_language_switcher_without_javascript(browser, live_server, demo):
    context = browser.new_context(
        locale="fr-FR", java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/evenements/")
    assert page.locator("html").get_attribute("lang") == "fr"
    with page.expect_navigation():
        page.get_by_role("link", name="EN - English").click()
    assert page.url == f"{live_server.url}/en/evenements/"
    assert page.locator("html").get_attribute("lang") == "en"
    # The other pages of the English interface stay in English.
    with page.expect_navigation():
        page.locator("#navigation-principale a[href='/en/regions/']").click()
    assert page.url == f"{live_server.url}/en/regions/"
    screenshot(page, "interface-en-anglais")
    with page.expect_navigation():
        page.get_by_role("link", name="FR - Français").click()
    assert page.url == f"{live_server.url}/regions/"
    assert page.locator("html").get_attribute("lang") == "fr"
    context.close()


def test_the_language_menu_never_widens_the_page_while_the_dsfr_starts(browser, live_server, demo):
    """Between `<html data-fr-js>` and the DSFR collapse set-up, the closed menu is absolute but
    not yet placed: CI once caught the page 11 px too wide in that instant. Blocking the DSFR
    script and setting the attribute by hand holds that instant still."""
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.route("**/dsfr.module.min.js", lambda route: route.abort())
    page.route("**/dsfr.nomodule.min.js", lambda route: route.abort())
    for path in ("/", "/en/"):
        page.goto(live_server.url + path)
        assert page.evaluate("document.documentElement.dataset.frJs") is None, "DSFR ran"
        page.evaluate("document.documentElement.setAttribute('data-fr-js', 'true')")
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280, path
    context.close()
