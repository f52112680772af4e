"""Consistency: what an operator can set is documented, and the README's two commands exist."""

import re

import pytest

from functions.platform.config import SETTINGS
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_every_setting_is_in_the_readme(setting):
    assert f"`{setting.name}`" in README


def test_readme_gives_the_two_commands_first():
    quick_start = README.split("## ", 2)[1]
    assert "make run" in quick_start and "make test" in quick_start


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    assert re.search(r"^make test$", ci, re.MULTILINE)


def test_makefile_has_the_targets_the_readme_names():
    makefile = (ROOT / "Makefile").read_text()
    for target in re.findall(r"`make (\w+)", README):
        assert re.search(rf"^{target}:", makefile, re.MULTILINE), target


def test_readme_settings_table_is_generated_from_config():
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    from settings_table import rewrite

    assert rewrite(README) == README, "run python scripts/settings_table.py"


def _pieces_table() -> dict[str, set[str]]:
    """docs/architecture.md's table of pieces: folder -> the modules it names there."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    table = text.split("## The pieces", 1)[1].split("\n## ", 1)[0]
    named: dict[str, set[str]] = {}
    for row in re.findall(r"^\|[^|]+\| `([^`]+)` \|([^|]+)\|", table, re.MULTILINE):
        folder, modules = row
        named.setdefault(folder, set()).update(re.findall(r"`([\w.]+\.py)`", modules))
    return named


@pytest.mark.parametrize("folder", ["functions/", "functions/public/", "functions/admin/", "functions/web/",
                                    "functions/cases/", "functions/storage/", "functions/platform/", "schemas/",
                                    "site/portal/"])  # fmt: skip
def test_architecture_table_matches_the_tree(folder):
    on_disk = {p.name for p in (ROOT / folder).glob("*.py") if p.name != "__init__.py"}
    assert _pieces_table().get(folder, set()) == on_disk


def test_every_package_of_functions_is_in_the_architecture_table():
    packages = {f"functions/{p.parent.name}/" for p in (ROOT / "functions").glob("*/__init__.py")}
    assert packages <= set(_pieces_table())
