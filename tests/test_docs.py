"""The documentation keeps up with the code: every command and every flag code is written down."""

import re
from pathlib import Path

from forensics.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def test_every_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"forensics {name}" in readme, name


def test_readme_opens_with_the_two_commands_ci_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.+?)\n```", readme, re.S)
    assert "forensics analyze samples/" in blocks[0]
    assert "python -m pytest" in blocks[1]
    assert blocks[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_flag_code_is_in_the_schema_document():
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "forensics").rglob("*.py"))
    codes = set(re.findall(r'Flag\(\s*"([a-z_]+)"', source))
    assert len(codes) >= 15
    schema = (ROOT / "docs" / "report-schema.md").read_text(encoding="utf-8")
    for code in codes:
        assert f"`{code}`" in schema, code
