"""Policy as data: the TOML tables shipped in ``chrono/data`` plus a user's file.

Every piece of local policy (column synonyms, agency aliases, the event
lexicon, abbreviations, rule thresholds, area presets, limits, confidentiality
markers) lives in ``chrono/data/<section>.toml``. A local authority overrides
any of it with one ``chrono.toml`` whose top-level tables are the section
names::

    area = "dudley"

    [agencies.aliases]
    "Kestrel Brook Primary" = "School"

    [rules.AE_REPEAT]
    count = 4

Tables merge key by key (user wins); lists in the user's file *extend* the
shipped list unless the key ends in ``!`` (``"phrases!" = [...]`` replaces).

>>> cfg = load_config()
>>> cfg.section("rules")["AE_REPEAT"]["count"]
3
"""

from __future__ import annotations

import copy
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

SECTIONS: tuple[str, ...] = (
    "columns",
    "agencies",
    "abbreviations",
    "lexicon",
    "merge",
    "rules",
    "areas",
    "limits",
    "privacy",
    "wording",
    "anonymise",
)

DEFAULT_AREA = "default"


class ConfigError(ValueError):
    """A configuration file that cannot be used; the message says how to fix it."""


def _shipped(section: str) -> dict[str, Any]:
    text = resources.files("chrono.data").joinpath(f"{section}.toml").read_text("utf-8")
    return tomllib.loads(text)


def _merge(base: dict, extra: dict, origin: str, sources: dict, prefix: str) -> dict:
    out = dict(base)
    for key, value in extra.items():
        replace = key.endswith("!")
        key = key.rstrip("!")
        path = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict) and isinstance(out.get(key), dict) and not replace:
            out[key] = _merge(out[key], value, origin, sources, path)
        elif isinstance(value, list) and isinstance(out.get(key), list) and not replace:
            out[key] = out[key] + [v for v in value if v not in out[key]]
            sources[path] = origin
        else:
            out[key] = copy.deepcopy(value)
            sources[path] = origin
    return out


@dataclass
class Config:
    """The effective configuration, and where each overridden value came from."""

    sections: dict[str, dict[str, Any]]
    area: str = DEFAULT_AREA
    sources: dict[str, str] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    #: a family chronology: ``[[children]]`` of the case's chrono.toml (name, dob), see ``chrono.family``
    children: list[dict[str, Any]] = field(default_factory=list)

    def section(self, name: str) -> dict[str, Any]:
        return self.sections.get(name, {})

    def area_settings(self) -> dict[str, Any]:
        """The named area preset (visit and meeting standards), over the default one."""
        areas = self.section("areas")
        base = dict(areas.get(DEFAULT_AREA, {}))
        if self.area != DEFAULT_AREA:
            base.update(areas.get(self.area, {}))
        return base

    def limit(self, name: str) -> Any:
        return self.section("limits")[name]

    def origin(self, path: str) -> str:
        """``"chrono (shipped)"`` or the user's file that set ``path``."""
        return self.sources.get(path, "chrono (shipped)")


def load_config(user_file: str | Path | None = None, area: str | None = None,
                extra: dict[str, Any] | None = None) -> Config:
    """Shipped defaults, overlaid by ``user_file`` (a ``chrono.toml``) and ``extra``.

    ``area`` (from ``--area``) wins over an ``area`` key in the file.
    """
    sections = {name: _shipped(name) for name in SECTIONS}
    sources: dict[str, str] = {}
    files: list[str] = []
    chosen_area = DEFAULT_AREA
    children: list = []
    overlays: list[tuple[str, dict]] = []
    if user_file is not None:
        path = Path(user_file)
        try:
            overlays.append((str(path), tomllib.loads(path.read_text("utf-8"))))
        except FileNotFoundError:
            raise ConfigError(f"{path}: no such configuration file. Check the path given to --config.")
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid TOML ({exc}). Fix the file or leave out --config.")
        files.append(str(path))
    if extra:
        overlays.append(("options", extra))
    for origin, data in overlays:
        for key, value in data.items():
            if key == "area":
                chosen_area = str(value)
                sources["area"] = origin
            elif key == "children":
                if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
                    raise ConfigError(f"{origin}: children must be [[children]] tables, each with "
                                      "name = \"First SURNAME\" and dob = \"DD/MM/YYYY\".")
                children = list(value)
                sources["children"] = origin
            elif key in sections and isinstance(value, dict):
                sections[key] = _merge(sections[key], value, origin, sources, key)
            else:
                raise ConfigError(
                    f"{origin}: unknown setting '{key}'. Known tables: {', '.join(SECTIONS)} (and 'area', 'children')."
                )
    if area:
        chosen_area = area
        sources["area"] = "--area"
    if chosen_area not in sections["areas"]:
        known = ", ".join(sorted(sections["areas"]))
        raise ConfigError(f"unknown area '{chosen_area}'. Known areas: {known}. Add it under [areas.{chosen_area}] in chrono.toml.")
    return Config(sections=sections, area=chosen_area, sources=sources, files=files, children=children)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return '"' + str(value) + '"'


def describe(cfg: Config, only: str | None = None) -> str:
    """The effective configuration as TOML, each overridden value marked with its origin.

    >>> "area = " in describe(load_config())
    True
    """
    lines = [f'area = "{cfg.area}"  # {cfg.origin("area")}']
    if cfg.files:
        lines.append(f"# user configuration: {', '.join(cfg.files)}")

    def walk(table: dict, path: str) -> None:
        scalars = {k: v for k, v in table.items() if not isinstance(v, dict)}
        if scalars:
            lines.append("")
            lines.append(f"[{path}]")
            for key, value in scalars.items():
                origin = cfg.sources.get(f"{path}.{key}")
                lines.append(f'"{key}" = {_toml_value(value)}' + (f"  # from {origin}" if origin else ""))
        for key, value in table.items():
            if isinstance(value, dict):
                walk(value, f'{path}."{key}"' if not key.isidentifier() else f"{path}.{key}")

    for name in SECTIONS:
        if only and name != only:
            continue
        walk(cfg.section(name), name)
    return "\n".join(lines) + "\n"


def describe_key(cfg: Config, key: str) -> str:
    """One section (``limits``) or one setting (``limits.max_file_bytes``) as TOML; ``KeyError`` if unknown.

    >>> describe_key(load_config(), "area").startswith("area = ")
    True
    """
    if key == "area":
        return f'area = "{cfg.area}"  # {cfg.origin("area")}\n'
    section, _, rest = key.partition(".")
    if section not in SECTIONS:
        raise KeyError(key)
    if not rest:
        return describe(cfg, section)
    value: Any = cfg.section(section)
    for part in rest.split("."):
        if not isinstance(value, dict) or part not in value:
            raise KeyError(key)
        value = value[part]
    if isinstance(value, dict):
        lines = [f"[{key}]"] + [f'"{k}" = {_toml_value(v)}' for k, v in value.items() if not isinstance(v, dict)]
        lines += [f"# [{key}.{k}]: chrono config show {key}.{k}" for k, v in value.items() if isinstance(v, dict)]
        return "\n".join(lines) + "\n"
    origin = cfg.sources.get(key)
    return f"{key} = {_toml_value(value)}" + (f"  # from {origin}" if origin else "") + "\n"
