"""Fixtures for the merge tests."""

from __future__ import annotations

import pytest

from chrono.config import load_config


@pytest.fixture(scope="session")
def cfg():
    return load_config()
