"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser) against
the site served by pytest-django's live server on a free local port, with a fresh database."""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.tools import REQUIRE_ENV, every_tool_required

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "var" / "test-artifacts"

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between browser steps are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    reason = f"Chromium not found at {CHROMIUM}: `apt-get install chromium` (.ci/run installs it)"
    if every_tool_required():
        raise pytest.UsageError(f"{reason}; {REQUIRE_ENV} is set: every tool must be installed")
    print(f"\nBrowser tests skipped: {reason}")
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.skip(reason=reason))


# Every document reports what the Content-Security-Policy blocked: Chromium fires a
# `securitypolicyviolation` event in the page for each, and this script, run before any of the
# page's own, writes it to the console with a marker the context listens for.
CSP_MARKER = "CSP violation:"
CSP_LISTENER = (
    "document.addEventListener('securitypolicyviolation', (e) => console.error("
    f"'{CSP_MARKER} ' + e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline') + "
    "' in ' + e.documentURI + (e.sourceFile ? ' (' + e.sourceFile + ':' + e.lineNumber + ')' : '')"
    " + (e.sample ? ' sample: ' + e.sample : '')));"
)
# Violations seen since the current test started, from every context of the session's browser.
_csp_violations: list[str] = []


def _watch_csp(context):
    context.add_init_script(CSP_LISTENER)

    def on_console(message):
        # The marked events, and Chromium's own message for what no event reports.
        if CSP_MARKER in message.text or "Content Security Policy" in message.text:
            _csp_violations.append(message.text)

    context.on("console", on_console)
    return context


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        # Tests open contexts of their own (phone widths, a second visitor): each is watched.
        new_context = browser.new_context
        browser.new_context = lambda *args, **kwargs: _watch_csp(new_context(*args, **kwargs))
        yield browser
        browser.close()


@pytest.fixture
def csp_violations():
    """The violations reported so far in this test (the check of the checker reads them)."""
    return _csp_violations


@pytest.fixture(autouse=True)
def no_csp_violation(request):
    """Fails a browser test whose pages broke the Content-Security-Policy, with the list."""
    if "browser" not in request.fixturenames:
        yield
        return
    _csp_violations.clear()
    yield
    # Contexts the test left open still get their last events when the `page` fixture or the
    # test closes them, before this teardown (it runs last: the fixture set up first).
    if _csp_violations:
        found = "\n".join(dict.fromkeys(_csp_violations))
        _csp_violations.clear()
        pytest.fail(f"Content-Security-Policy violations:\n{found}", pytrace=False)


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def screenshot(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


# The password tests/esante/factories.UserFactory gives every user.
PASSWORD = "motdepasse-de-test-42"


@pytest.fixture
def demo(settings):
    """The demo content of `make run`, demo accounts included."""
    settings.DEMO_ACCOUNTS = True
    call_command("load_demo")


def sign_in(page, live_server, user, password=PASSWORD):
    if user.is_staff:
        # Staff must have MFA (issue 15): a staff member made by a factory gets the demo's
        # published TOTP secret, whose code is typed below.
        from allauth.mfa.models import Authenticator

        from esante.mfa_demo import give_demo_totp

        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            give_demo_totp(user)
    page.goto(f"{live_server.url}/comptes/login/")
    page.get_by_label("Courriel").fill(user.email)
    page.get_by_label("Mot de passe").fill(password)
    with page.expect_navigation():
        page.get_by_role("main").get_by_role("button", name="Se connecter").click()
    if page.url.startswith(f"{live_server.url}/comptes/2fa/authenticate/"):
        # Staff pass MFA (issue 15): the code of the demo's published TOTP secret, typed.
        from esante.mfa_demo import code

        page.locator("input[name=code]").fill(code())
        with page.expect_navigation():
            page.get_by_role("main").get_by_role("button").first.click()
    assert page.url == f"{live_server.url}/mon-compte/", page.url


def serious_violations(page):
    """axe-core's violations of impact serious or critical: (rule id, impact, node count)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        (v["id"], v["impact"], len(v["nodes"]))
        for v in results.response["violations"]
        if v.get("impact") in ("serious", "critical")
    ]
