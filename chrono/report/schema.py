"""The JSON Schema of ``chronology.json``, shipped with the package.

Other systems (a case-management import, a script, a case reviewer's tool)
can check a file against it instead of reading the Markdown contract. The
schema only ever gains optional fields, like the contract.

>>> schema()["properties"]["schema"]["const"]
'chrono/1'
>>> problems({"schema": "chrono/1"})[:1]
["(top level): 'child' is a required property"]
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

SCHEMA_FILE = "chronology.schema.json"


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) for ``chronology.json``."""
    return json.loads(resources.files("chrono.data").joinpath(SCHEMA_FILE).read_text("utf-8"))


def problems(document: dict[str, Any]) -> list[str]:
    """Every way ``document`` breaks the schema, as ``path: message`` lines (empty when valid).

    Needs the ``jsonschema`` package (``pip install jsonschema``).
    """
    try:
        from jsonschema import Draft202012Validator
    except ImportError:  # pragma: no cover - the test extra installs it
        raise RuntimeError("checking against the schema needs the jsonschema package: pip install jsonschema") from None
    validator = Draft202012Validator(schema())
    found = []
    for error in sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path))):
        where = "/".join(str(p) for p in error.absolute_path) or "(top level)"
        found.append(f"{where}: {error.message}")
    return found
