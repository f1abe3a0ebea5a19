"""Fixtures for the report tests: one fictional merged case, and the config."""

from __future__ import annotations

import pytest

from chrono.config import load_config

from .report_case import make_case


@pytest.fixture(scope="session")
def cfg():
    return load_config()


@pytest.fixture
def case():
    """A fresh fictional case of ~60 entries (tests may change it)."""
    return make_case()
