"""Fixtures of the entities tests. The texts are invented for these tests."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def nlp():
    from newstrail.nlp.model import load_nlp

    return load_nlp()
