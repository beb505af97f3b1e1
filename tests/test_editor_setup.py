"""README's editor set-up, as a user follows it: the blocks parse, name what
the editors document, point at a schema that is there, and (where the editor
is installed) work in the real editor, through scripts/editors/*.sh.

The editor scripts run only when their editor and servers are on PATH; see
README, Development. Each takes 20-40 s.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from conftest import REPO

sys.path.insert(0, str(REPO / "scripts" / "editors"))
from readme_block import block

README = (REPO / "README.md").read_text(encoding="utf-8")
SHIPPED = REPO / "src" / "trackinglint" / "schema" / "native-plan.schema.json"
PUBLISHED = (
    "https://raw.githubusercontent.com/trackinglint/trackinglint/main/"
    "src/trackinglint/schema/native-plan.schema.json"
)
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")
SKIPPED = 77  # what the scripts exit with when a tool is missing

# keys Helix documents for languages.toml (book/src/languages.md)
HELIX_SERVER_KEYS = {
    "command", "args", "config", "timeout", "environment", "required-root-patterns",
}  # fmt: skip
HELIX_LANGUAGE_KEYS = {
    "name", "language-id", "scope", "injection-regex", "file-types", "shebangs", "roots",
    "auto-format", "diagnostic-severity", "comment-tokens", "block-comment-tokens", "indent",
    "language-servers", "grammar", "formatter", "soft-wrap", "text-width", "workspace-lsp-roots",
    "persistent-diagnostic-sources", "auto-pairs", "rulers", "path-completion", "word-completion",
}  # fmt: skip
HELIX_BUILT_IN_SERVERS = {"yaml-language-server", "vscode-json-language-server"}


def _block(name: str) -> str:
    found = block(name, README)
    assert found is not None, f"README has no block marked editor-setup: {name}"
    return found


def test_schema_output_writes_what_schema_prints(cli, tmp_path):
    printed = cli("schema")
    written = cli("schema", "--output", str(tmp_path / "native-plan.schema.json"))
    assert (printed.code, written.code, written.out) == (0, 0, "")
    assert (tmp_path / "native-plan.schema.json").read_text() == printed.out
    assert json.loads(printed.out) == json.loads(SHIPPED.read_text())


def test_schema_output_into_a_missing_folder_is_a_usage_error(cli, tmp_path):
    run = cli("schema", "--output", str(tmp_path / "nowhere" / "schema.json"))
    assert run.code == 2
    assert run.err == (
        f"trackinglint: error: cannot write {tmp_path / 'nowhere' / 'schema.json'}: "
        "No such file or directory\n"
    )


def test_the_examples_point_at_the_published_schema_that_the_repository_ships():
    files = sorted((REPO / "examples").glob("**/*.yaml"))
    modelines = {}
    for path in files:
        match = MODELINE.match(path.read_text(encoding="utf-8").splitlines()[0])
        if match:
            modelines[path.relative_to(REPO).as_posix()] = match.group(1)
    assert modelines == {
        "examples/crm-after/events/deals.yaml": PUBLISHED,
        "examples/crm-after/events/workspace.yaml": PUBLISHED,
        "examples/crm-after/plan.yaml": PUBLISHED,
        "examples/crm-before/plan.yaml": PUBLISHED,
    }
    # the URL is the shipped file's place in the repository
    assert (REPO / PUBLISHED.split("/main/", 1)[1]) == SHIPPED
    assert PUBLISHED in README


def test_neovim_blocks_define_both_servers_without_a_plugin_and_one_with_lspconfig():
    builtin, lspconfig = _block("neovim"), _block("neovim-lspconfig")
    assert 'cmd = { "trackinglint", "server" }' in builtin
    assert 'cmd = { "yaml-language-server", "--stdio" }' in builtin
    assert 'vim.lsp.enable({ "trackinglint", "yamlls" })' in builtin
    assert 'vim.lsp.config("yamlls"' not in lspconfig  # nvim-lspconfig's lsp/yamlls.lua
    assert 'vim.lsp.enable({ "trackinglint", "yamlls" })' in lspconfig


def test_emacs_block_starts_trackinglint_and_yaml_language_server_through_rass():
    emacs = _block("emacs")
    assert emacs.count("(") == emacs.count(")")
    assert '("rass" "--" "trackinglint" "server"' in emacs
    assert '"--" "yaml-language-server" "--stdio")' in emacs
    assert "(add-hook 'yaml-mode-hook #'eglot-ensure)" in emacs


def test_helix_block_is_toml_with_the_keys_helix_documents():
    config = tomllib.loads(_block("helix"))
    assert set(config) == {"language-server", "language"}
    servers = config["language-server"]
    assert servers == {"trackinglint": {"command": "trackinglint", "args": ["server"]}}
    assert all(set(server) <= HELIX_SERVER_KEYS for server in servers.values())
    languages = {language["name"]: language for language in config["language"]}
    assert set(languages) == {"yaml", "json"}
    for language in languages.values():
        assert set(language) <= HELIX_LANGUAGE_KEYS
        named = language["language-servers"]
        assert "trackinglint" in named
        assert set(named) <= set(servers) | HELIX_BUILT_IN_SERVERS


def test_vscode_block_uses_an_absolute_path_and_a_workspace_relative_schema():
    settings = json.loads(_block("vscode"))
    assert Path(settings["glspc.server.command"]).is_absolute()
    assert settings["glspc.server.commandArguments"] == ["server"]
    assert settings["yaml.schemas"] == {"./plans/native-plan.schema.json": ["plans/**/*.yaml"]}
    assert "trackinglint schema --output plans/native-plan.schema.json" in README


def test_vscode_find_path_block_prints_where_the_shell_finds_trackinglint():
    # vscode.sh runs its first line to fill in "glspc.server.command"
    first = _block("vscode-find-path").splitlines()[0].split("#")[0].strip()
    assert first == "command -v trackinglint"
    venv = Path(sys.executable).parent  # where this test's trackinglint is installed
    path = f"{venv}{os.pathsep}{os.environ.get('PATH', '')}"
    found = subprocess.run(
        ["bash", "-c", first], capture_output=True, text=True, check=False, env={"PATH": path}
    )
    assert (found.returncode, found.stdout) == (0, f"{venv / 'trackinglint'}\n")


def _editor(script: str, *tools: str, args: tuple[str, ...] = ()) -> None:
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"not on PATH: {', '.join(missing)}")
    run = subprocess.run(
        ["bash", str(REPO / "scripts" / "editors" / script), *args],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env=os.environ.copy(),
    )
    if run.returncode == SKIPPED:
        pytest.skip(run.stderr.strip())
    assert run.returncode == 0, run.stdout + run.stderr
    assert "the editor showed the 29 findings `trackinglint check` reports" in run.stdout


def test_neovim_as_the_readme_says():
    _editor("neovim.sh", "nvim", "trackinglint", "yaml-language-server")


def test_emacs_eglot_as_the_readme_says():
    _editor("emacs.sh", "emacs", "trackinglint", "rass", "yaml-language-server")


def test_vscode_as_the_readme_says():
    # the Generic LSP Client comes as a .vsix in $VSCODE_VSIX (no package registry has it)
    _editor("vscode.sh", "code-server", "chromium", "trackinglint")
