"""Configuration: discovery by walking up, every key checked, errors that name the key."""

from __future__ import annotations

import pytest

from trackinglint import Engine
from trackinglint.config import ConfigError
from trackinglint.plugins import build_registry

from plugins import sample_plugin

BROKEN = "trackinglint: 1\nevents:\n  A: {kind: nope}\n"


def test_pyproject_table_is_found_walking_up(cli, write):
    write("pyproject.toml", '[project]\nname = "x"\n\n[tool.trackinglint]\nignore = ["TL002"]\n')
    write("plans/deep/plan.yaml", BROKEN)
    assert cli("check", "plans/deep/plan.yaml").code == 0


def test_pyproject_without_table_is_skipped(cli, write):
    write("trackinglint.toml", 'ignore = ["TL002"]\n')
    write("plans/pyproject.toml", '[project]\nname = "x"\n')
    write("plans/plan.yaml", BROKEN)
    assert cli("check", "plans/plan.yaml").code == 0


def test_trackinglint_toml_wins_over_pyproject(cli, write):
    write("pyproject.toml", '[tool.trackinglint]\nignore = ["TL002"]\n')
    write("trackinglint.toml", "select = []\n")
    write("plan.yaml", BROKEN)
    assert cli("check", "plan.yaml").out == "Checked 1 plan (1 file, 1 event): all checks passed.\n"
    write("trackinglint.toml", 'select = ["TL002"]\n')
    assert cli("check", "plan.yaml").code == 1


def test_explicit_config_flag(cli, write):
    write("elsewhere/strict.toml", 'fail-on = "warning"\n')
    write("plan.yaml", "trackinglint: 1\n# trackinglint: ignore[TL002]\nproduct: {}\n")
    assert cli("check", "plan.yaml").code == 0
    assert cli("check", "plan.yaml", "--config", "elsewhere/strict.toml").code == 1


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        (
            'selct = ["TL1"]\n',
            "trackinglint.toml:1: 'selct': unknown key; did you mean 'select'?",
        ),
        ('select = "TL1"\n', "trackinglint.toml:1: 'select': expected a list of strings"),
        (
            'fail-on = "fatal"\n',
            "trackinglint.toml:1: 'fail-on': expected one of error, warning, info",
        ),
        ('ignore = ["TL9"]\n', "trackinglint.toml:1: 'ignore': unknown rule 'TL9'"),
        (
            '\n[severity]\nTL002 = "loud"\n',
            "trackinglint.toml:2: 'severity.TL002': expected one of error, warning, info",
        ),
        (
            '[per-file-ignores]\n"a/*.json" = "TL002"\n',
            "trackinglint.toml:2: 'per-file-ignores.\"a/*.json\"': expected a list of rule codes",
        ),
        ("select = [\n", "trackinglint.toml: invalid TOML"),
    ],
)
def test_bad_config_is_exit_2_naming_file_and_key(cli, write, toml, message):
    write("trackinglint.toml", toml)
    write("plan.yaml", BROKEN)
    run = cli("check", "plan.yaml")
    assert run.code == 2
    assert run.out == ""
    assert run.err.startswith("trackinglint: error: ")
    assert message in run.err


def test_pyproject_errors_name_the_table(cli, write):
    write("pyproject.toml", "[tool.trackinglint]\nextend_select = []\n")
    write("plan.yaml", BROKEN)
    run = cli("check", "plan.yaml")
    assert run.code == 2
    assert run.err.endswith(
        "pyproject.toml:2: [tool.trackinglint] 'extend_select': unknown key; "
        "did you mean 'extend-select'?\n"
    )


def test_per_file_ignores_and_severity_overrides(cli, write):
    write(
        "trackinglint.toml",
        '[per-file-ignores]\n"legacy/*.yaml" = ["schema-violation"]\n'
        '[severity]\nTL002 = "warning"\n',
    )
    write("legacy/plan.yaml", BROKEN)
    write("plan.yaml", BROKEN)
    run = cli(
        "check", "legacy/plan.yaml", "plan.yaml", "--output-format", "json", "--select", "TL0"
    )
    assert [(f["file"], f["severity"]) for f in run.json()] == [("plan.yaml", "warning")]
    assert run.code == 0  # a warning is below the default fail-on


def _engine_with_sample(tmp_path, config: str) -> Engine:
    (tmp_path / "trackinglint.toml").write_text(config)
    return Engine(build_registry([sample_plugin], load_entry_points=False))


def test_rule_options_by_code_or_name(tmp_path, write, monkeypatch):
    monkeypatch.chdir(tmp_path)
    plan = write("plan.yaml", "trackinglint: 1\nevents:\n  A: {description: Twelve chars}\n")
    engine = _engine_with_sample(tmp_path, 'select = ["XT"]\n')
    assert engine.lint([plan]).findings == []
    engine = _engine_with_sample(
        tmp_path, 'select = ["XT"]\n[options.short-event-description]\nmin-length = 20\n'
    )
    assert [f.code for f in engine.lint([plan]).findings] == ["XT001"]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ("[options.XT001]\nmin-lenght = 3\n", "'options.XT001.min-lenght': unknown option"),
        ("[options.XT001]\nmin-length = 'long'\n", "'options.XT001.min-length': expected int"),
        ("[options.XT404]\nx = 1\n", "'options.XT404': unknown rule 'XT404'"),
    ],
)
def test_bad_rule_options(tmp_path, write, monkeypatch, options, message):
    monkeypatch.chdir(tmp_path)
    plan = write("plan.yaml", "trackinglint: 1\n")
    engine = _engine_with_sample(tmp_path, options)
    with pytest.raises(ConfigError) as caught:
        engine.lint([plan])
    assert message in str(caught.value)


def test_include_and_exclude_globs(cli, write):
    write("trackinglint.toml", 'include = ["plans/**/*.yaml"]\nexclude = ["drafts"]\n')
    write("plans/a/plan.yaml", BROKEN)
    write("plans/drafts/plan.yaml", BROKEN)
    write("other/plan.yaml", BROKEN)
    run = cli("check", "--output-format", "json")
    assert sorted({f["file"] for f in run.json()}) == ["plans/a/plan.yaml"]
