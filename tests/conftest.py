"""Shared fixtures. Kept small: helpers for one area live next to its tests."""

from __future__ import annotations

import socket

import pytest


def _refuse_network(*args, **kwargs):
    pytest.fail("a test tried to use the network; chrono must work offline", pytrace=True)


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Fail any test that tries to reach the network (chrono must run offline).

    ``pytest.fail`` raises a BaseException, so code under test cannot swallow
    it with ``except Exception``. Local (AF_UNIX) sockets stay allowed.
    """
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def connect(self, address, *rest):
        if self.family == getattr(socket, "AF_UNIX", None):
            return real_connect(self, address, *rest)
        _refuse_network()

    def connect_ex(self, address, *rest):
        if self.family == getattr(socket, "AF_UNIX", None):
            return real_connect_ex(self, address, *rest)
        _refuse_network()

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "create_connection", _refuse_network)
    monkeypatch.setattr(socket, "getaddrinfo", _refuse_network)
    yield


@pytest.fixture
def cfg():
    """The shipped configuration."""
    from chrono.config import load_config

    return load_config()


@pytest.fixture(autouse=True)
def outputs_follow_the_schema(request):
    """Every chronology.json a test writes under its tmp_path must validate against the
    JSON Schema shipped in the package (``chrono/data/chronology.schema.json``)."""
    yield
    tmp = request.node.funcargs.get("tmp_path")
    if tmp is None:
        return
    import json

    from chrono.report.schema import problems

    for path in tmp.rglob("chronology.json"):
        try:
            document = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            continue  # hostile tests write broken files on purpose
        if isinstance(document, dict) and document.get("schema") == "chrono/1":
            found = problems(document)
            assert not found, f"{path} breaks the schema: {found[:3]}"
