"""The accessibility statement claims only what the browser tests measure."""

import re
from pathlib import Path

import axe_playwright_python
import pytest

from esante import accessibility

E2E = Path(__file__).resolve().parents[1] / "e2e"


def test_the_axe_core_version_stated_is_the_one_the_tests_run():
    bundled = Path(axe_playwright_python.__file__).with_name("axe.min.js").read_text()[:200]
    assert re.search(r"axe v(\S+)", bundled).group(1) == accessibility.AXE_CORE_VERSION


def test_every_journey_named_in_the_statement_is_a_browser_test():
    sources = "\n".join(p.read_text() for p in E2E.glob("test_*.py"))
    for name, _label in accessibility.CHECKED_JOURNEYS:
        assert f"def {name}(" in sources, name


@pytest.mark.django_db
def test_the_statement_lists_the_measures(client):
    html = client.get("/accessibilite/").text
    assert "non conforme" in html
    assert f"axe-core {accessibility.AXE_CORE_VERSION}" in html
    for _label, path in accessibility.CHECKED_PAGES:
        assert f"<code>{path}</code>" in html.replace("&amp;", "&"), path
    for _name, label in accessibility.CHECKED_JOURNEYS:
        assert label in html.replace("&#x27;", "'")
    assert "critère 8.7" in html  # kept true by tests/esante/test_content_language.py
    assert "mailto:accessibilite-concertation@esante.gouv.fr" in html
    assert "Défenseur des droits" in html
