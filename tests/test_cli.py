"""The `scrapelint` command: exit codes, bad input, stdin, selection, config, the `rules` and
`rule` commands, plugins through entry points, the pre-commit hook and the README quick start.

Most tests select WS002 (irregular-whitespace) alone so they do not move when other rules get
smarter; the text "two  spaces" always gives exactly one WS002 at the double space."""

from __future__ import annotations

import gzip
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli import main

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SCRAPELINT = shutil.which("scrapelint", path=str(BIN)) or shutil.which("scrapelint")


def cli(*args: str, input: bytes | str | None = None, cwd: Path | None = None):
    runner = CliRunner()
    if cwd is None:
        return runner.invoke(main, list(args), input=input, catch_exceptions=False)
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return runner.invoke(main, list(args), input=input, catch_exceptions=False)
    finally:
        os.chdir(old)


def check(*args: str, **kwargs):
    return cli("check", "--isolated", "--select", "WS002", *args, **kwargs)


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- exit codes and output -------------------------------------------------------------------------


def test_clean_file_exits_0_and_prints_nothing(work: Path) -> None:
    (work / "clean.txt").write_text("One space between words.\n")
    result = check("clean.txt")
    assert (result.exit_code, result.output) == (0, "")


def test_findings_exit_1(work: Path) -> None:
    (work / "page.txt").write_text("First line.\nTwo  spaces here.\n")
    result = check("page.txt")
    assert result.exit_code == 1
    assert result.output == (
        "page.txt:2:4: warning: WS002 [*] 2 spaces between words\n"
        "Found 1 problem (1 fixable with --fix).\n"
    )


def test_exit_zero_hides_findings_but_not_input_errors(work: Path) -> None:
    (work / "page.txt").write_text("Two  spaces.\n")
    assert check("--exit-zero", "page.txt").exit_code == 0
    assert check("--exit-zero", "page.txt", "missing.txt").exit_code == 2


def test_folder_is_linted_recursively(work: Path) -> None:
    (work / "data" / "nested").mkdir(parents=True)
    (work / "data" / "a.txt").write_text("Two  spaces.\n")
    (work / "data" / "nested" / "b.md").write_text("Two  spaces.\n")
    (work / "data" / "nested" / "c.py").write_text("x  = 1\n")
    (work / "data" / ".cache").mkdir()
    (work / "data" / ".cache" / "d.txt").write_text("Two  spaces.\n")
    result = check("data")
    assert result.exit_code == 1
    locations = [line.split(":")[0] for line in result.output.splitlines()[:-1]]
    assert locations == ["data/a.txt", "data/nested/b.md"]


def test_no_paths_means_the_working_directory(work: Path) -> None:
    (work / "a.txt").write_text("Two  spaces.\n")
    result = check()
    assert result.exit_code == 1
    assert result.output.startswith("a.txt:1:4: warning: WS002")


# -- bad input: each case exits 2, names the file (and the record), and the run goes on -----------

BAD_INPUT_CASES = [
    # (file name, bytes, expected diagnostic lines, in order)
    ("missing.txt", None, ["missing.txt:1:1: error: IN001 no such file or directory"]),
    ("blob.txt", b"\x00\x01\x02binary", ["blob.txt:1:1: error: IN001 binary file skipped"]),
    (
        "latin1.txt",
        b"Caf\xe9  au lait.\n",
        [
            "latin1.txt:1:4: error: IN001 invalid UTF-8 at byte 3; decoded with replacement",
            "latin1.txt:1:5: warning: WS002 [*] 2 spaces between words",
        ],
    ),
    (
        "records.jsonl",
        b'{"id": "a", "text": "Fine."}\n{"id": "b", "text": \n',
        ["records.jsonl#2:1:21: error: IN001 malformed JSON: Expecting value (column 21)"],
    ),
    (
        "records.jsonl",
        b'{"id": "a", "body": "No text field."}\n',
        ["records.jsonl#1(a):1:1: error: IN001 record has no 'text' field"],
    ),
    (
        "records.jsonl",
        b'{"id": "a", "text": {"html": "x"}}\n',
        ["records.jsonl#1(a):1:1: error: IN001 field 'text' is an object, not a string"],
    ),
    (
        "records.jsonl",
        b"[1]\n",
        ["records.jsonl#1:1:1: error: IN001 record is a JSON array, not an object"],
    ),
]


@pytest.mark.parametrize(("name", "data", "expected"), BAD_INPUT_CASES)
def test_bad_input_exits_2_and_names_file_and_record(
    work: Path, name: str, data: bytes | None, expected: list[str]
) -> None:
    if data is not None:
        (work / name).write_bytes(data)
    (work / "good.txt").write_text("Two  spaces.\n")
    result = check(name, "good.txt")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    lines = result.output.splitlines()
    assert lines[: len(expected)] == expected
    # The other document is still linted.
    assert lines[len(expected)] == "good.txt:1:4: warning: WS002 [*] 2 spaces between words"


def test_bad_input_cannot_be_ignored_away(work: Path) -> None:
    result = cli("check", "--isolated", "--ignore", "IN001", "x.txt")
    assert result.exit_code == 2
    assert result.output == (
        "error: command line: 'ignore': IN001 cannot be ignored: unreadable input and rule"
        " failures are never silently dropped\n"
    )


def test_input_errors_survive_statistics_mode(work: Path) -> None:
    (work / "a.txt").write_text("Two  spaces.\n")
    result = check("--statistics", "a.txt", "gone.txt")
    assert result.exit_code == 2
    assert "gone.txt:1:1: error: IN001 no such file or directory" in result.output
    assert "WS002" in result.output


# -- stdin -----------------------------------------------------------------------------------------


def test_stdin_plain_text() -> None:
    result = check("-", input="Two  spaces.\n")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == "-:1:4: warning: WS002 [*] 2 spaces between words"


def test_stdin_with_a_filename_is_read_as_that_kind() -> None:
    records = '{"id": "r1", "text": "Fine."}\n{"id": "r2", "text": "Two  spaces."}\n'
    result = check("-", "--stdin-filename", "feed.jsonl", input=records)
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "feed.jsonl#2(r2):1:4: warning: WS002 [*] 2 spaces between words"
    )


def test_stdin_gzip_jsonl() -> None:
    data = gzip.compress(b'{"text": "Two  spaces."}\n')
    result = check("-", "--stdin-filename", "feed.jsonl.gz", input=data)
    assert result.output.splitlines()[0] == (
        "feed.jsonl.gz#1:1:4: warning: WS002 [*] 2 spaces between words"
    )


# -- JSONL fields ----------------------------------------------------------------------------------


def test_text_and_id_fields(work: Path) -> None:
    (work / "feed.jsonl").write_text(
        '{"url": "https://example.com/1", "body": "Two  spaces."}\n{"body": "Two  more."}\n'
    )
    result = check("--text-field", "body", "--id-field", "url", "feed.jsonl")
    assert result.exit_code == 1
    assert result.output.splitlines()[:2] == [
        "feed.jsonl#1(https://example.com/1):1:4: warning: WS002 [*] 2 spaces between words",
        "feed.jsonl#2:1:4: warning: WS002 [*] 2 spaces between words",
    ]


def test_json_output_has_the_documented_fields(work: Path) -> None:
    (work / "feed.jsonl").write_text('{"id": "d1", "text": "Two  spaces."}\n')
    result = check("--output-format", "json", "feed.jsonl")
    (diagnostic,) = json.loads(result.output)
    assert {k: diagnostic[k] for k in ("path", "doc_id", "record", "line", "column", "code")} == {
        "path": "feed.jsonl",
        "doc_id": "d1",
        "record": 1,
        "line": 1,
        "column": 4,
        "code": "WS002",
    }


# -- selection and config --------------------------------------------------------------------------

TEXT = "Two  spaces and a trailing space. \n"


@pytest.mark.parametrize(
    ("args", "codes"),
    [
        ((), ["WS002"]),
        (("--select", "WS"), ["WS002", "WS003"]),
        (("--select", "WS002,WS003", "--ignore", "irregular-whitespace"), ["WS003"]),
        (("--select", "WS002", "--extend-select", "trailing-whitespace"), ["WS002", "WS003"]),
        (("--select", "WS", "--ignore", "WS0"), []),
    ],
)
def test_select_ignore(work: Path, args: tuple[str, ...], codes: list[str]) -> None:
    (work / "a.txt").write_text(TEXT)
    selection = args or ("--select", "WS002")
    result = cli("check", "--isolated", "--output-format", "jsonl", *selection, "a.txt")
    found = [json.loads(line)["code"] for line in result.output.splitlines()]
    assert found == codes
    assert result.exit_code == (1 if codes else 0)


def test_unknown_selector_is_a_usage_error(work: Path) -> None:
    result = cli("check", "--isolated", "--select", "WS999", "x.txt")
    assert result.exit_code == 2
    assert result.output.startswith("error: command line: 'select': unknown rule selector 'WS999'")


def test_config_file_is_discovered_and_used(work: Path) -> None:
    (work / "pyproject.toml").write_text(
        "[tool.scrapelint]\n"
        'select = ["WS"]\n'
        '[tool.scrapelint.per-file-ignores]\n"legacy/*" = ["WS002"]\n'
        "[tool.scrapelint.rules.WS003]\n"
        'severity = "error"\n'
    )
    (work / "legacy").mkdir()
    (work / "a.txt").write_text(TEXT)
    (work / "legacy" / "b.txt").write_text(TEXT)
    result = cli("check", "--output-format", "concise", ".")
    assert result.output.splitlines() == [
        "a.txt:1:4: warning: WS002 [*] 2 spaces between words",
        "a.txt:1:34: error: WS003 [*] Trailing whitespace",
        "legacy/b.txt:1:34: error: WS003 [*] Trailing whitespace",
        "Found 3 problems (3 fixable with --fix).",
    ]
    isolated = cli("check", "--isolated", "--select", "WS003", ".")
    assert "error: WS003" not in isolated.output
    assert "warning: WS003" in isolated.output


def test_explicit_config_flag(work: Path) -> None:
    (work / "custom.toml").write_text('select = ["WS003"]\n')
    (work / "a.txt").write_text(TEXT)
    result = cli("check", "--config", "custom.toml", "--output-format", "jsonl", "a.txt")
    assert [json.loads(x)["code"] for x in result.output.splitlines()] == ["WS003"]


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (
            'selekt = ["WS"]',
            "error: scrapelint.toml: unknown key 'selekt' (did you mean 'select'?)",
        ),
        (
            "[rules.WS002]\nmin-run = 2",
            "error: scrapelint.toml: [rules.WS002]: unknown option 'min-run'",
        ),
        ("select = [", "error: scrapelint.toml: invalid TOML: "),
    ],
)
def test_bad_config_exits_2_without_traceback(work: Path, config: str, message: str) -> None:
    (work / "scrapelint.toml").write_text(config + "\n")
    (work / "a.txt").write_text("fine\n")
    result = cli("check", "a.txt")
    assert result.exit_code == 2
    assert result.output.startswith(message)
    assert "Traceback" not in result.output


def test_bad_option_value_is_a_usage_error(work: Path) -> None:
    assert cli("check", "--output-format", "xml", ".").exit_code == 2
    assert cli("check", "--color", "sometimes", ".").exit_code == 2


def test_show_settings(work: Path) -> None:
    (work / "scrapelint.toml").write_text('select = ["WS002", "WS003"]\ntext-field = "body"\n')
    result = cli("check", "--show-settings", "--id-field", "url")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert f'config-path = "{work / "scrapelint.toml"}"' in lines
    assert 'text-field = "body"' in lines
    assert 'id-field = "url"' in lines
    assert 'enabled-rules = ["IN001", "IN002", "WS002", "WS003"]' in lines


def test_color_only_when_asked_or_on_a_terminal(work: Path) -> None:
    (work / "a.txt").write_text("Two  spaces.\n")
    assert "\x1b[" not in check("a.txt").output  # CliRunner's stdout is no terminal
    assert "\x1b[" in check("--color", "always", "a.txt").output


def test_parallel_jobs_give_the_same_output(work: Path) -> None:
    for i in range(6):
        (work / f"{i}.txt").write_text("Two  spaces.\n" * (i + 1))
    serial = check(".")
    parallel = check("--jobs", "2", ".")
    assert parallel.output == serial.output


# -- rules and rule --------------------------------------------------------------------------------


def test_rules_lists_every_rule_including_in001() -> None:
    result = cli("rules")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["CODE", "NAME", "FAMILY", "FIX", "DEFAULT", "SUMMARY"]
    rows = {line.split()[0]: line.split()[1:5] for line in lines[1:]}
    assert rows["IN001"] == ["input-error", "input", "-", "on"]
    assert rows["WS002"] == ["irregular-whitespace", "layout", "yes", "on"]
    assert rows["WS003"] == ["trailing-whitespace", "layout", "yes", "off"]


def test_rules_json() -> None:
    rows = {row["code"]: row for row in json.loads(cli("rules", "--output-format", "json").output)}
    assert rows["WS003"]["enabled_by_default"] is False
    assert rows["WS003"]["fixable"] is True
    assert rows["IN001"]["family"] == "input"
    assert set(rows["WS002"]) == {
        "code",
        "name",
        "family",
        "summary",
        "severity",
        "fixable",
        "enabled_by_default",
        "scope",
        "options",
    }


@pytest.mark.parametrize("key", ["WS002", "ws002", "irregular-whitespace"])
def test_rule_prints_the_documentation(key: str) -> None:
    from rules.whitespace import IrregularWhitespace

    result = cli("rule", key)
    assert result.exit_code == 0
    assert result.output.startswith("WS002 irregular-whitespace\n")
    assert IrregularWhitespace.documentation() in result.output
    assert 'severity = "warning"' in result.output


def test_rule_in001_is_documented() -> None:
    result = cli("rule", "IN001")
    assert result.exit_code == 0
    assert result.output.startswith("IN001 input-error\n")
    assert "binary file" in result.output


def test_unknown_rule() -> None:
    result = cli("rule", "irregular-whitespcae")
    assert result.exit_code == 2
    assert result.output == (
        "error: unknown rule 'irregular-whitespcae' (did you mean 'irregular-whitespace'?);"
        " `scrapelint rules` lists them all\n"
    )


# -- plugins through entry points ------------------------------------------------------------------

PLUGIN = Path(__file__).parent / "plugin_pkg"


def install_plugin(site: Path) -> None:
    """Install the fixture plugin the way an installer lays it out: its package next to a
    dist-info folder whose entry_points.txt comes from the plugin's own pyproject.toml."""
    project = tomllib.loads((PLUGIN / "pyproject.toml").read_text())["project"]
    dist = site / f"{project['name'].replace('-', '_')}-{project['version']}.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {project['name']}\nVersion: {project['version']}\n"
    )
    groups = project["entry-points"]
    (dist / "entry_points.txt").write_text(
        "".join(
            f"[{group}]\n" + "".join(f"{k} = {v}\n" for k, v in eps.items())
            for group, eps in groups.items()
        )
    )
    shutil.copytree(PLUGIN / "scrapelint_shout", site / "scrapelint_shout")


def test_plugin_rule_is_discovered_through_entry_points(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    install_plugin(site)
    monkeypatch.syspath_prepend(str(site))
    listed = cli("rules").output
    assert re.search(r"^XP001 +shouting-line +style +- +on +A line written", listed, re.M)
    (tmp_path / "page.txt").write_text("Calm line.\nTHE MINISTER RESIGNED TODAY\n")
    result = cli("check", "--isolated", "--select", "XP001", str(tmp_path / "page.txt"))
    assert result.exit_code == 1
    assert f"{tmp_path / 'page.txt'}:2:1: warning: XP001 Line in capitals (4 words)" in (
        result.output
    )
    (tmp_path / "s.toml").write_text('select = ["XP001"]\n[rules.XP001]\nmin-words = 5\n')
    quiet = cli("check", "--config", str(tmp_path / "s.toml"), str(tmp_path / "page.txt"))
    assert (quiet.exit_code, quiet.output) == (0, "")


def run_module(*args: str, cwd: Path, pythonpath: Path | None = None):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run(
        [sys.executable, "-m", "linter", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_plugins_load_from_installed_packages_never_from_the_working_directory(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    install_plugin(site)
    installed = run_module("rules", cwd=tmp_path, pythonpath=site)
    assert "XP001" in installed.stdout
    # Standing in a folder that holds a plugin's files must not run its code.
    from_cwd = run_module("rules", cwd=site)
    assert from_cwd.returncode == 0
    assert "XP001" not in from_cwd.stdout


def test_plugin_installed_by_pip(tmp_path: Path) -> None:
    # A real build and install of tests/plugin_pkg (pip fetches the build backend).
    target = tmp_path / "target"
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            str(PLUGIN),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    if build.returncode != 0:
        pytest.skip(f"cannot build the plugin here (offline?): {build.stderr[-300:]}")
    (tmp_path / "page.txt").write_text("THE MINISTER RESIGNED TODAY\n")
    result = run_module(
        "check", "--isolated", "--select", "XP001", "page.txt", cwd=tmp_path, pythonpath=target
    )
    assert result.returncode == 1
    assert result.stdout.startswith("page.txt:1:1: warning: XP001 Line in capitals (4 words)")


def test_a_broken_plugin_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    dist = site / "broken_plugin-1.0.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: broken-plugin\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[scrapelint.rules]\nbroken = no_such_module:Rule\n")
    monkeypatch.syspath_prepend(str(site))
    result = cli("rules")
    assert result.exit_code == 2
    assert result.output.startswith(
        "error: entry point 'broken = no_such_module:Rule' failed to load: "
    )


# -- python -m, pre-commit and the README ----------------------------------------------------------


def test_python_dash_m(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Two  spaces.\n")
    result = run_module("check", "--isolated", "--select", "WS002", "a.txt", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith("a.txt:1:4: warning: WS002")
    assert run_module("--version", cwd=tmp_path).stdout.startswith("scrapelint, version ")


def read_hooks() -> list[dict[str, object]]:
    """The few YAML forms .pre-commit-hooks.yaml uses: a list of flat `key: value` maps, with
    `[a, b]` lists and quoted strings."""
    hooks: list[dict[str, object]] = []
    for raw in (REPO / ".pre-commit-hooks.yaml").read_text().splitlines():
        line = raw.split(" #")[0].rstrip() if not raw.lstrip().startswith("#") else ""
        if not line.strip():
            continue
        if line.startswith("- "):
            hooks.append({})
            line = line[2:]
        key, _, value = line.strip().partition(":")
        value = value.strip()
        parsed: object = value
        if value.startswith("[") and value.endswith("]"):
            parsed = [v.strip() for v in value[1:-1].split(",") if v.strip()]
        elif value[:1] in "'\"" and value[-1:] == value[:1]:
            parsed = value[1:-1]
        elif value in ("true", "false"):
            parsed = value == "true"
        hooks[-1][key] = parsed
    return hooks


def test_pre_commit_hook_definition_runs(tmp_path: Path) -> None:
    (hook,) = [h for h in read_hooks() if h["id"] == "scrapelint"]
    assert hook["types"] == ["text"]
    assert hook["language"] == "python"
    files = re.compile(str(hook["files"]))
    (tmp_path / "clean.md").write_text("# Title\n\nOne space between words.\n")
    (tmp_path / "dirty.txt").write_text("Two  spaces.\n")
    (tmp_path / "setup.py").write_text("x  =  1\n")
    # pre-commit passes the staged files its `files` pattern matches, after the entry.
    staged = sorted(p.name for p in tmp_path.iterdir() if files.search(p.name))
    assert staged == ["clean.md", "dirty.txt"]
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    command = [*shlex.split(str(hook["entry"])), "--isolated", "--select", "WS002"]

    def run(*names: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [*command, *names], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
        )

    assert run("clean.md").returncode == 0
    dirty = run(*staged)
    assert dirty.returncode == 1
    assert dirty.stdout.startswith("dirty.txt:1:4: warning: WS002")


def quick_start() -> list[str]:
    readme = (REPO / "README.md").read_text()
    block = re.search(r"## Quick start\n.*?```(?:sh|bash|console)?\n(.*?)```", readme, re.S)
    assert block is not None, "README.md must open with a Quick start code block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_readme_quick_start_is_two_commands_that_work() -> None:
    first, second = quick_start()
    assert first.endswith("scrapelint check examples/")
    assert "pip install -e '.[test]'" in second
    assert second.endswith("python -m pytest")
    # The lint half of the first command, with the scrapelint installed here.
    assert SCRAPELINT is not None
    result = subprocess.run(
        [SCRAPELINT, "check", "examples/"], cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert re.search(r"^Found \d+ problems", result.stdout, re.M)


@pytest.mark.skipif(
    not os.environ.get("SCRAPELINT_SLOW_TESTS"),
    reason="creates a fresh venv and installs from the package index; set SCRAPELINT_SLOW_TESTS=1",
)
def test_readme_quick_start_on_a_fresh_copy(tmp_path: Path) -> None:
    copy = tmp_path / "scrapelint"
    shutil.copytree(REPO, copy, ignore=shutil.ignore_patterns(".venv", ".git", "*.egg-info"))
    first, _ = quick_start()
    result = subprocess.run(
        first, shell=True, cwd=copy, capture_output=True, text=True, timeout=1200
    )
    assert result.returncode == 1, result.stderr[-2000:]


def test_examples_show_every_enabled_rule() -> None:
    """examples/ is the tour of scrapelint: every rule its config enables must fire there at
    least once, and nothing there is an input error. A new rule needs an example."""
    from linter.api import load_registry
    from linter.config import load_settings

    registry = load_registry()
    settings = load_settings(registry, search_from=[str(REPO / "examples")], cwd=str(REPO))
    assert settings.config_path == str(REPO / "examples" / "pyproject.toml")
    result = cli("check", "--output-format", "jsonl", "examples/", cwd=REPO)
    found = {json.loads(line)["code"] for line in result.output.splitlines()}
    expected = set(settings.enabled_codes(registry)) - {"IN001", "IN002"}
    assert sorted(expected - found) == [], "rules without an example in examples/"
    assert not {"IN001", "IN002"} & found
    assert result.exit_code == 1
