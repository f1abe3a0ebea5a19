"""The README's first screen stays true: its test command is what CI runs."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _code_lines(text: str) -> list[str]:
    lines, inside = [], False
    for line in text.splitlines():
        if line.startswith("```"):
            inside = not inside
        elif inside:
            lines.append(line.strip())
    return lines


def test_ci_runs_the_readme_test_command():
    readme_commands = _code_lines((ROOT / "README.md").read_text())[:2]
    assert len(readme_commands) == 2
    install_and_run, install_and_test = readme_commands
    assert "chrono merge samples" in install_and_run
    assert "pytest" in install_and_test
    assert install_and_test in (ROOT / ".ci" / "run").read_text()


def test_samples_are_bundled():
    assert any((ROOT / "samples").rglob("*.docx")) and any((ROOT / "samples").rglob("*.xlsx"))
