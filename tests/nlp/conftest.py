"""One spaCy model per test session for the claims-stage tests."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    from newstrail.nlp.model import load_nlp
    from newstrail.nlp.run import DISABLE

    return load_nlp(DISABLE)
