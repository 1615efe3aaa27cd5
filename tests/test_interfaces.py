"""The public surface: the package's exports, the CLI's help, and the README that documents both."""

from __future__ import annotations

import re

from click.testing import CliRunner

import newstide
from newstide.cli import cli
from newstide.export import article_record

from .conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_all_lists_exactly_the_public_api() -> None:
    public = {
        name for name in dir(newstide) if not name.startswith("_") and name.islower() is False
    }
    for name in newstide.__all__:
        assert hasattr(newstide, name), name
    assert {"analyze", "Store", "Article", "ingest", "NewstideError"} <= set(newstide.__all__)
    assert {n for n in public if n[0].isupper()} <= set(newstide.__all__)


def test_every_command_has_help_and_is_in_the_readme() -> None:
    runner = CliRunner()
    for name, command in cli.commands.items():
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, name
        assert command.help and command.help.strip(), name
        assert re.search(rf"newstide [^\n]*\b{name}\b", README), f"README does not show `{name}`"


def test_readme_documents_every_export_key() -> None:
    record = article_record(newstide.Article(id="x", source="s", text="t"))
    for key in record:
        assert f"| `{key}` |" in README, f"README's export table lacks {key}"


def test_readme_commands_exist() -> None:
    for name in re.findall(r"^newstide (?:--db \S+ )?([a-z]+)", README, flags=re.M):
        assert name in cli.commands, name
    assert "make demo" in README and "make test" in README
