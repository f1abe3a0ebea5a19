"""Work bounds for one file: what a submission may make chrono allocate or loop over.

A reader must cost work in proportion to the file's size, whatever the file
says: a 36 KB Word table can claim a cell 300 million columns wide, a 5 KB
workbook can merge cells down to row 1,048,576, a CSV under the size cap can
hold 45 million blank lines. Each reader charges what it is about to build
to a :class:`Budget` *before* building it; past a bound the file is refused
with a message naming the bound (``limits.toml``) and what to do, and the
other files of the case are merged as usual. Nothing is read in part.
"""

from __future__ import annotations

from dataclasses import dataclass

from chrono.config import Config
from chrono.read.errors import ReadRefused

_RAISE = "Raise limits.{key} in chrono.toml only if the file is genuine."


class BudgetRefused(ReadRefused):
    """A file past one of its work bounds: the reason stands whatever format the file was tried as."""


def _refuse(what: str, key: str, limit: int, advice: str = "") -> BudgetRefused:
    return BudgetRefused(
        f"{what}, above limits.{key} ({limit:,}): refused rather than read in part "
        f"({advice or 'damaged or hostile; ask the sender to copy the chronology into a fresh file'}). "
        + _RAISE.format(key=key)
    )


@dataclass
class Budget:
    """The work left for one file; every charge is checked before the allocation it pays for."""

    max_columns: int
    max_lines: int
    max_cells: int
    max_merged: int
    lines: int = 0
    cells: int = 0
    merged: int = 0

    @classmethod
    def from_cfg(cls, cfg: Config) -> "Budget":
        limits = cfg.section("limits")
        return cls(
            max_columns=int(limits.get("max_columns", 1024)),
            max_lines=int(limits.get("max_lines_per_file", 250_000)),
            max_cells=int(limits.get("max_cells_per_file", 3_000_000)),
            max_merged=int(limits.get("max_merged_cells", 1_000_000)),
        )

    def width(self, columns: int, where: str = "a row") -> None:
        """Refuse a row wider than ``max_columns`` (checked before its cells are made)."""
        if columns > self.max_columns:
            raise _refuse(f"{where} has {columns:,} columns", "max_columns", self.max_columns)

    def row(self, columns: int, where: str = "a row") -> None:
        """Charge one row (blank or not) of ``columns`` cells."""
        self.width(columns, where)
        self.lines += 1
        if self.lines > self.max_lines:
            raise _refuse(f"more than {self.max_lines:,} rows (blank ones included)",
                          "max_lines_per_file", self.max_lines,
                          "often empty rows down to the bottom of the sheet it was saved from: delete them "
                          "(Ctrl+End shows the last cell Excel thinks is used) and save again")
        self.cells += columns
        if self.cells > self.max_cells:
            raise _refuse(f"more than {self.max_cells:,} table cells", "max_cells_per_file", self.max_cells)

    def merge(self, cells: int) -> None:
        """Charge ``cells`` copies of a merged cell's value."""
        self.merged += cells
        if self.merged > self.max_merged:
            raise _refuse(f"merged cells that would fill more than {self.max_merged:,} cells",
                          "max_merged_cells", self.max_merged)
