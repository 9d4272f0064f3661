"""The English interface is complete: no untranslated or fuzzy entry in locale/en."""

import polib
import pytest

from tests.esante.test_i18n import PO


@pytest.mark.undated
def test_the_english_catalogue_is_complete():
    catalogue = polib.pofile(str(PO))
    missing = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert not missing, f"untranslated: {missing[:20]}"
    assert not fuzzy, f"fuzzy (to check): {fuzzy[:20]}"
    assert len(catalogue.translated_entries()) > 300
