"""Settings: discovery, validation (errors name the file and key), selection semantics,
per-file-ignores and path globs. A small fake registry keeps these tests independent of which
built-in rules exist."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from linter.config import (
    DEFAULT_EXCLUDE,
    DEFAULT_INCLUDE,
    build_rules,
    file_included,
    find_config_file,
    load_settings,
    path_matches,
)
from linter.errors import ConfigError
from linter.input_error import InputError
from linter.rule import Option, Rule


class Spelling(Rule):
    code, name, family, summary = "SP001", "misspelling", "spelling", "s"
    options = (
        Option("max_distance", 2, "edits"),
        Option("allow", [], "words", type=(list, tuple)),
    )

    def check(self, view):
        return iter(())


class Spelling2(Spelling):
    code, name = "SP002", "rare-word"
    enabled_by_default = False
    options = ()


class Duplicate(Rule):
    code, name, family, summary = "DU001", "duplicate-headline", "duplication", "d"

    def check(self, view):
        return iter(())


class Duplicate101(Duplicate):
    code, name = "DU101", "duplicate-document"


class Whitespace(Rule):
    code, name, family, summary = "WS002", "irregular-whitespace", "layout", "w"

    def check(self, view):
        return iter(())


class Trailing(Whitespace):
    code, name = "WS003", "trailing-whitespace"
    enabled_by_default = False


REGISTRY = {
    cls.code: cls
    for cls in (Duplicate, Duplicate101, InputError, Spelling, Spelling2, Whitespace, Trailing)
}
DEFAULT_ON = ["DU001", "DU101", "IN001", "SP001", "WS002"]


def settings(tmp_path: Path, config: dict | None = None, **cli) -> list[str]:
    overrides = {key.replace("_", "-"): value for key, value in cli.items()}
    resolved = load_settings(REGISTRY, config=config or {}, overrides=overrides, cwd=str(tmp_path))
    return list(resolved.enabled_codes(REGISTRY))


# -- selection -------------------------------------------------------------------------------------

SELECTION_CASES = [
    # (config table, command-line options, enabled codes)
    ({}, {}, DEFAULT_ON),
    ({}, {"select": ["SP"]}, ["IN001", "SP001", "SP002"]),
    ({}, {"select": ["SP001"]}, ["IN001", "SP001"]),
    ({}, {"select": ["misspelling"]}, ["IN001", "SP001"]),
    ({}, {"select": ["sp001"]}, ["IN001", "SP001"]),
    ({}, {"select": ["DU0"]}, ["DU001", "IN001"]),
    ({}, {"select": ["ALL"]}, sorted(REGISTRY)),
    ({}, {"select": ["SP"], "ignore": ["SP002"]}, ["IN001", "SP001"]),
    # The more specific selector wins, whichever list it is in.
    ({}, {"select": ["SP002"], "ignore": ["SP"]}, ["IN001", "SP002"]),
    ({}, {"ignore": ["DU"]}, ["IN001", "SP001", "WS002"]),
    ({}, {"ignore": ["trailing-whitespace"]}, DEFAULT_ON),
    ({}, {"extend_select": ["WS003"]}, [*DEFAULT_ON, "WS003"]),
    ({}, {"ignore": ["ALL"]}, ["IN001"]),
    # Config first, then the command line on top.
    ({"select": ["WS"]}, {}, ["IN001", "WS002", "WS003"]),
    ({"select": ["WS"]}, {"extend_select": ["SP001"]}, ["IN001", "SP001", "WS002", "WS003"]),
    ({"select": ["WS"]}, {"select": ["DU001"]}, ["DU001", "IN001"]),
    ({"ignore": ["SP001"]}, {}, ["DU001", "DU101", "IN001", "WS002"]),
    ({"ignore": ["SP001"]}, {"extend_select": ["SP001"]}, DEFAULT_ON),
    ({"ignore": ["SP001"]}, {"select": ["SP"]}, ["IN001", "SP001", "SP002"]),
    (
        {"extend-select": ["WS003"], "ignore": ["WS"]},
        {},
        ["DU001", "DU101", "IN001", "SP001", "WS003"],
    ),
    # A comma-separated string works like a list.
    ({"select": "SP001, WS002"}, {}, ["IN001", "SP001", "WS002"]),
]


@pytest.mark.parametrize(("config", "cli", "expected"), SELECTION_CASES)
def test_selection(tmp_path: Path, config: dict, cli: dict, expected: list[str]) -> None:
    assert settings(tmp_path, config, **cli) == expected


@pytest.mark.parametrize(
    ("config", "cli", "message"),
    [
        ({"select": ["XX9"]}, {}, "config: 'select': unknown rule selector 'XX9'"),
        ({}, {"ignore": ["mispelling"]}, "(did you mean 'misspelling'?)"),
        ({}, {"extend_select": ["WS9"]}, "command line: 'extend-select': unknown rule selector"),
        ({}, {"ignore": ["IN001"]}, "IN001 cannot be ignored"),
        ({"select": [3]}, {}, "config: 'select' must be a list of strings"),
    ],
)
def test_bad_selectors(tmp_path: Path, config: dict, cli: dict, message: str) -> None:
    with pytest.raises(ConfigError) as error:
        settings(tmp_path, config, **cli)
    assert message in str(error.value)


# -- validation: every error names the file and the key ------------------------------------------

BAD_VALUES = [
    ("selct = ['SP']", "unknown key 'selct' (did you mean 'select'?)"),
    ("text-field = ''", "'text-field' must be a non-empty string"),
    ("text-field = 3", "'text-field' must be a non-empty string, not 3"),
    ("include = 'a'\nexclude = [1]", "'exclude' must be a list of strings"),
    ("fix = 'yes'", "'fix' must be true or false, not 'yes'"),
    ("jobs = -1", "'jobs' must be a whole number >= 0"),
    ("jobs = true", "'jobs' must be a whole number >= 0"),
    ("engine = 'spark'", "'engine' must be one of local, ray, not 'spark'"),
    ("output-format = 'xml'", "'output-format' must be one of concise"),
    ("per-file-ignores = ['x']", "'per-file-ignores' must be a table"),
    (
        "[per-file-ignores]\n'*.md' = ['XY']",
        "per-file-ignores.\"*.md\": unknown rule selector 'XY'",
    ),
    ("[rules.SP009]\nx = 1", "[rules.SP009]: unknown rule"),
    ("[rules.SP001]\nmax-distanse = 1", "[rules.SP001]: unknown option 'max-distanse'"),
    ("[rules.SP001]\nmax-distance = 'two'", "[rules.SP001]: option 'max-distance' must be int"),
    ("[rules.misspelling]\nseverity = 'fatal'", "'severity' must be error, warning or info"),
    ("[thresholds]\nBP001 = 'lots'", "threshold BP001"),
    ("select = [", "invalid TOML"),
]


@pytest.mark.parametrize(("body", "message"), BAD_VALUES)
def test_config_errors_name_file_and_key(tmp_path: Path, body: str, message: str) -> None:
    (tmp_path / "scrapelint.toml").write_text(body + "\n")
    with pytest.raises(ConfigError) as error:
        load_settings(REGISTRY, search_from=[str(tmp_path)], cwd=str(tmp_path))
    text = str(error.value)
    assert "scrapelint.toml" in text
    assert message in text


def test_pyproject_errors_name_the_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.scrapelint]\nignoer = ['SP']\n")
    with pytest.raises(ConfigError) as error:
        load_settings(REGISTRY, cwd=str(tmp_path))
    assert str(error.value) == (
        "pyproject.toml: [tool.scrapelint]: unknown key 'ignoer' (did you mean 'ignore'?)"
    )


def test_explicit_config_file_must_exist_and_have_the_table(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="config file not found"):
        load_settings(REGISTRY, config_file=tmp_path / "missing.toml")
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    with pytest.raises(ConfigError, match=r"no \[tool.scrapelint\] table"):
        load_settings(REGISTRY, config_file=tmp_path / "pyproject.toml")


def test_rule_options_are_validated_and_passed_to_rules(tmp_path: Path) -> None:
    config = {"rules": {"misspelling": {"max-distance": 1, "allow": ["Kyiv"]}}}
    resolved = load_settings(REGISTRY, config=config, overrides={"select": ["SP001"]})
    assert dict(resolved.rule_options["SP001"]) == {"max-distance": 1, "allow": ["Kyiv"]}
    (rule,) = build_rules(resolved, REGISTRY)
    assert (rule.code, rule.max_distance, rule.allow) == ("SP001", 1, ("Kyiv",))


def test_options_of_a_disabled_rule_are_still_checked() -> None:
    with pytest.raises(ConfigError, match="unknown option 'nope'"):
        load_settings(REGISTRY, config={"rules": {"SP002": {"nope": 1}}})


def test_reserved_keys_are_accepted() -> None:
    table = {
        "fix": True,
        "unsafe-fixes": False,
        "jobs": 0,
        "engine": "ray",
        "baseline": "base.json",
        "thresholds": {"BP001": "1%", "default": 0.5},
    }
    resolved = load_settings(REGISTRY, config=table, cwd="/proj")
    assert (resolved.fix, resolved.unsafe_fixes, resolved.jobs, resolved.engine) == (
        True,
        False,
        0,
        "ray",
    )
    assert resolved.baseline == os.path.join("/proj", "base.json")
    assert dict(resolved.thresholds) == {"BP001": 0.01, "default": 0.5}


def test_command_line_overrides_file_values(tmp_path: Path) -> None:
    (tmp_path / "scrapelint.toml").write_text(
        'text-field = "body"\nid-field = "url"\nexclude = ["drafts"]\nextend-include = ["*.text"]\n'
    )
    resolved = load_settings(
        REGISTRY,
        cwd=str(tmp_path),
        overrides={"text-field": "content", "extend-exclude": ["old"], "id-field": None},
    )
    assert (resolved.text_field, resolved.id_field) == ("content", "url")
    assert resolved.exclude == ("drafts", "old")
    assert resolved.include == (*DEFAULT_INCLUDE, "*.text")
    assert resolved.root == str(tmp_path.resolve())


# -- discovery -------------------------------------------------------------------------------------


def test_discovery_walks_up_and_skips_pyproject_without_our_table(tmp_path: Path) -> None:
    (tmp_path / "scrapelint.toml").write_text("select = ['SP']\n")
    project = tmp_path / "project"
    (project / "data" / "raw").mkdir(parents=True)
    (project / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert find_config_file(project / "data" / "raw") == tmp_path / "scrapelint.toml"
    (project / "pyproject.toml").write_text("[tool.scrapelint]\nselect = ['DU']\n")
    assert find_config_file(project / "data" / "raw") == project / "pyproject.toml"


def test_discovery_prefers_dot_scrapelint_then_scrapelint_then_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.scrapelint]\n")
    assert find_config_file(tmp_path) == tmp_path / "pyproject.toml"
    (tmp_path / "scrapelint.toml").write_text("")
    assert find_config_file(tmp_path) == tmp_path / "scrapelint.toml"
    (tmp_path / ".scrapelint.toml").write_text("")
    assert find_config_file(tmp_path) == tmp_path / ".scrapelint.toml"


def test_config_is_found_from_the_first_path_then_the_working_directory(tmp_path: Path) -> None:
    here, there = tmp_path / "here", tmp_path / "there"
    here.mkdir()
    there.mkdir()
    (here / "scrapelint.toml").write_text("select = ['WS']\n")
    (there / "scrapelint.toml").write_text("select = ['DU']\n")
    near_paths = load_settings(REGISTRY, search_from=[str(there)], cwd=str(here))
    assert near_paths.config_path == str(there / "scrapelint.toml")
    assert near_paths.root == str(there)
    only_cwd = load_settings(REGISTRY, search_from=[str(tmp_path)], cwd=str(here))
    assert only_cwd.config_path == str(here / "scrapelint.toml")
    stdin = load_settings(REGISTRY, search_from=["-"], cwd=str(here))
    assert stdin.config_path == str(here / "scrapelint.toml")


def test_isolated_ignores_config_files(tmp_path: Path) -> None:
    (tmp_path / "scrapelint.toml").write_text("select = ['WS']\n")
    resolved = load_settings(REGISTRY, isolated=True, cwd=str(tmp_path))
    assert resolved.config_path is None
    assert list(resolved.enabled_codes(REGISTRY)) == DEFAULT_ON


def test_broken_pyproject_that_does_not_mention_us_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project\n")
    assert find_config_file(tmp_path) is None


# -- per-file-ignores and globs --------------------------------------------------------------------


def test_per_file_ignores(tmp_path: Path) -> None:
    table = {"per-file-ignores": {"*.md": ["SP"], "archive/": ["duplicate-headline"]}}
    resolved = load_settings(REGISTRY, config=table, cwd=str(tmp_path))
    root = str(tmp_path)
    assert resolved.ignored_codes(os.path.join(root, "notes.md")) == {"SP001", "SP002"}
    assert resolved.ignored_codes(os.path.join(root, "archive", "2019", "a.txt")) == {"DU001"}
    assert resolved.ignored_codes(os.path.join(root, "archive.txt")) == set()
    assert resolved.ignored_codes(os.path.join(root, "archive", "b.md")) == {
        "DU001",
        "SP001",
        "SP002",
    }


GLOB_CASES = [
    # (path relative to the root, pattern, matches)
    ("a/b/c.txt", "*.txt", True),
    ("a/b/c.txt", "b", True),
    ("a/b/c.txt", "a/b", True),
    ("a/b/c.txt", "./a/b/", True),
    ("a/b/c.txt", "b/c.txt", False),
    ("a/b/c.txt", "a/*/c.txt", True),
    ("a/.git/x", ".*", True),
    ("a/b/c.TXT", "*.txt", False),
]


@pytest.mark.parametrize(("rel", "pattern", "expected"), GLOB_CASES)
def test_path_matches(rel: str, pattern: str, expected: bool) -> None:
    root = "/root/project"
    assert path_matches(os.path.join(root, rel), pattern, root) is expected


def test_include_globs_match_the_name_or_the_relative_path() -> None:
    root = "/p"
    assert file_included("/p/data/a.jsonl.gz", DEFAULT_INCLUDE, root)
    assert not file_included("/p/data/a.json", DEFAULT_INCLUDE, root)
    assert file_included("/p/data/a.json", ["data/*.json"], root)
    assert not file_included("/p/other/a.json", ["data/*.json"], root)
    assert ".*" in DEFAULT_EXCLUDE


def test_show_settings_dict_lists_enabled_rules(tmp_path: Path) -> None:
    resolved = load_settings(
        REGISTRY, config={"per-file-ignores": {"*.md": ["SP001"]}}, cwd=str(tmp_path)
    )
    shown = resolved.as_dict(REGISTRY)
    assert shown["enabled-rules"] == DEFAULT_ON
    assert shown["per-file-ignores"] == {"*.md": ["SP001"]}
    assert shown["text-field"] == "text"
