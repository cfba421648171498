"""`scrapelint check --fix / --unsafe-fixes / --diff`, on files, corpora and stdin: exact bytes
written, exact diff printed, exit codes as ruff has them.

WS002 is selected alone (its fixes are safe and it never moves); "a  b" always gives one WS002.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter import cli as cli_module
from linter.cli import main
from linter.diagnostic import Edit, Finding, Fix
from linter.document import DocumentView
from linter.rule import Rule

REPO = Path(__file__).resolve().parent.parent


def check(*args: str, input: bytes | None = None):
    runner = CliRunner()
    return runner.invoke(
        main,
        ["check", "--isolated", "--select", "WS002", *args],
        input=input,
        catch_exceptions=False,
    )


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_fix_rewrites_a_plain_file_keeping_crlf_and_bom(work: Path) -> None:
    (work / "a.txt").write_bytes(b"\xef\xbb\xbfThe  talks\r\nended\xc2\xa0 today.\r\n")
    result = check("--fix", "a.txt")
    assert result.exit_code == 0
    assert (work / "a.txt").read_bytes() == b"\xef\xbb\xbfThe talks\r\nended today.\r\n"
    assert result.stdout == ""
    assert result.stderr == "Fixed 2 findings, 0 remaining.\n"
    assert [p.name for p in work.iterdir()] == ["a.txt"]


class Shout(Rule):
    """Test-only: an unsafe fix that upper-cases the word "wow"."""

    code = "TX003"
    name = "shout"
    family = "test"
    summary = "test"
    fixable = True

    def check(self, view: DocumentView) -> Iterator[Finding]:
        for word in view.words:
            if word.text == "wow":
                fix = Fix.unsafe(Edit(word.start, word.end, "WOW"))
                yield Finding(word.start, word.end, "shout", fix)


class NoFix(Rule):
    """Test-only: reports every "x" without a fix."""

    code = "TX004"
    name = "no-fix"
    family = "test"
    summary = "test"

    def check(self, view: DocumentView) -> Iterator[Finding]:
        for i, char in enumerate(view.text):
            if char == "x":
                yield Finding(i, i + 1, "x")


@pytest.fixture
def test_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI's registry with the test-only rules added, as a plugin would add them."""
    real = cli_module.load_registry

    def load_registry() -> dict:
        return {**real(), "TX003": Shout, "TX004": NoFix}

    monkeypatch.setattr(cli_module, "load_registry", load_registry)


def run(*args: str):
    return CliRunner().invoke(main, ["check", "--isolated", *args], catch_exceptions=False)


# (flags, text, exit code, fixed text, stderr summary)
EXIT_CASES = [
    (["--fix"], "wow  wow\n", 1, "wow wow\n", "Fixed 1 finding, 2 remaining.\n"),
    (["--fix", "--unsafe-fixes"], "wow  wow\n", 0, "WOW WOW\n", "Fixed 3 findings, 0 remaining.\n"),
    (["--fix"], "a  x\n", 1, "a x\n", "Fixed 1 finding, 1 remaining.\n"),
    (["--fix"], "x\n", 1, "x\n", ""),
    (["--fix", "--exit-zero"], "x\n", 0, "x\n", ""),
    (["--unsafe-fixes"], "wow\n", 1, "wow\n", ""),  # without --fix it only reports
    (["--diff"], "wow\n", 0, "wow\n", ""),
    (["--diff", "--unsafe-fixes"], "wow\n", 1, "wow\n", "Would fix 1 finding in 1 file.\n"),
]


@pytest.mark.parametrize(("flags", "text", "code", "after", "summary"), EXIT_CASES)
def test_fix_exit_codes(work: Path, test_rules, flags, text, code, after, summary) -> None:
    (work / "a.txt").write_text(text)
    result = run("--select", "WS002,TX003,TX004", *flags, "a.txt")
    assert result.exit_code == code
    assert (work / "a.txt").read_text() == after
    assert result.stderr == summary


def test_fix_prints_remaining_findings_at_their_fixed_positions(work: Path, test_rules) -> None:
    (work / "a.txt").write_text("a  b x\n")
    result = run("--select", "WS002,TX004", "--fix", "a.txt")
    assert result.stdout == "a.txt:1:5: warning: TX004 x\nFound 1 problem.\n"


def test_diff_prints_and_changes_nothing(work: Path) -> None:
    original = b"First line.\r\nTwo  spaces.\r\nLast line.\r\n"
    (work / "a.txt").write_bytes(original)
    (work / "clean.txt").write_text("Clean.\n")
    result = check("--diff", "a.txt", "clean.txt")
    assert result.exit_code == 1
    assert result.stdout == (
        "--- a/a.txt\n"
        "+++ b/a.txt\n"
        "@@ -1,3 +1,3 @@\n"
        " First line.\n"
        "-Two  spaces.\n"
        "+Two spaces.\n"
        " Last line.\n"
    )
    assert result.stderr == "Would fix 1 finding in 1 file.\n"
    assert (work / "a.txt").read_bytes() == original


def test_diff_with_nothing_to_fix_exits_0(work: Path) -> None:
    (work / "clean.txt").write_text("Clean.\n")
    result = check("--diff", "clean.txt")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


CORPUS = (
    b'{"id": "a", "text": "First  record.", "lang": "en"}\n'
    b"not json\n"
    b'{"text":"Clean.","id":"b"}\n'
    b'{"id": "c", "text": "Third\\u00a0record.", "n": 1.50}\n'
)


def test_fix_corpus_rewrites_only_the_text_of_fixed_records(work: Path) -> None:
    (work / "c.jsonl").write_bytes(CORPUS)
    result = check("--fix", "c.jsonl")
    assert result.exit_code == 2  # the malformed record is an input error, reported, kept
    assert (work / "c.jsonl").read_bytes() == (
        b'{"id": "a", "text": "First record.", "lang": "en"}\n'
        b"not json\n"
        b'{"text":"Clean.","id":"b"}\n'
        b'{"id": "c", "text": "Third record.", "n": 1.50}\n'
    )
    assert "c.jsonl#2:1:1: error: IN001" in result.stdout
    assert result.stderr == "Fixed 2 findings, 0 remaining.\n"


def test_diff_corpus_labels_records(work: Path) -> None:
    (work / "c.jsonl.gz").write_bytes(gzip.compress(CORPUS))
    result = check("--diff", "c.jsonl.gz")
    assert result.exit_code == 2
    assert result.stdout == (
        "--- a/c.jsonl.gz#1(a)\n"
        "+++ b/c.jsonl.gz#1(a)\n"
        "@@ -1 +1 @@\n"
        "-First  record.\n"
        "\\ No newline at end of file\n"
        "+First record.\n"
        "\\ No newline at end of file\n"
        "--- a/c.jsonl.gz#4(c)\n"
        "+++ b/c.jsonl.gz#4(c)\n"
        "@@ -1 +1 @@\n"
        "-Third\u00a0record.\n"
        "\\ No newline at end of file\n"
        "+Third record.\n"
        "\\ No newline at end of file\n"
    )
    assert gzip.decompress((work / "c.jsonl.gz").read_bytes()) == CORPUS


def test_fix_gz_corpus_round_trip(work: Path) -> None:
    (work / "c.jsonl.gz").write_bytes(gzip.compress(CORPUS))
    check("--fix", "c.jsonl.gz")
    lines = gzip.decompress((work / "c.jsonl.gz").read_bytes()).splitlines()
    assert json.loads(lines[0]) == {"id": "a", "text": "First record.", "lang": "en"}
    assert lines[1] == b"not json"


def test_fix_markdown_leaves_code_alone(work: Path) -> None:
    text = "Some  prose.\n\n```\ncode  with  spaces\n```\n"
    (work / "a.md").write_text(text)
    result = check("--fix", "a.md")
    assert result.exit_code == 0
    assert (work / "a.md").read_text() == text.replace("Some  prose", "Some prose")


def test_fix_stdin_writes_fixed_text_to_stdout(work: Path) -> None:
    result = check("--fix", "-", input=b"a  b\r\nc\r\n")
    assert result.exit_code == 0
    assert result.stdout_bytes == b"a b\r\nc\r\n"
    assert result.stderr == "Fixed 1 finding, 0 remaining.\n"


def test_fix_stdin_jsonl(work: Path) -> None:
    result = check("--fix", "--stdin-filename", "x.jsonl", "-", input=CORPUS)
    assert result.stdout_bytes == (
        b'{"id": "a", "text": "First record.", "lang": "en"}\n'
        b"not json\n"
        b'{"text":"Clean.","id":"b"}\n'
        b'{"id": "c", "text": "Third record.", "n": 1.50}\n'
    )
    # The report goes to stderr, out of the way of the fixed text.
    assert "x.jsonl#2:1:1: error: IN001" in result.stderr
    assert result.exit_code == 2


def test_fix_stdin_clean_input_is_echoed(work: Path) -> None:
    result = check("--fix", "-", input=b"clean\n")
    assert (result.exit_code, result.stdout_bytes, result.stderr) == (0, b"clean\n", "")


def test_diff_stdin(work: Path) -> None:
    result = check("--diff", "-", input=b"a  b\n")
    assert result.exit_code == 1
    assert result.stdout == "--- a/-\n+++ b/-\n@@ -1 +1 @@\n-a  b\n+a b\n"


def test_fix_refuses_undecodable_file_and_exits_2(work: Path) -> None:
    original = b"bad \xff byte  and spaces\n"
    (work / "a.txt").write_bytes(original)
    result = check("--fix", "a.txt")
    assert result.exit_code == 2
    assert "error: a.txt: not rewritten: it is not valid UTF-8" in result.stderr
    assert (work / "a.txt").read_bytes() == original


def test_fix_respects_per_file_ignores(work: Path) -> None:
    (work / "scrapelint.toml").write_text('[per-file-ignores]\n"keep/*" = ["WS002"]\n')
    (work / "keep").mkdir()
    (work / "keep" / "a.txt").write_text("a  b\n")
    (work / "b.txt").write_text("a  b\n")
    result = CliRunner().invoke(
        main, ["check", "--select", "WS002", "--fix", "keep/a.txt", "b.txt"], catch_exceptions=False
    )
    assert result.exit_code == 0
    assert (work / "keep" / "a.txt").read_text() == "a  b\n"
    assert (work / "b.txt").read_text() == "a b\n"


def test_pre_commit_fix_hook_entry_fixes_files(work: Path) -> None:
    # The file is a list of flat `key: value` maps; read the one hook without a YAML library.
    hooks = {}
    for block in (REPO / ".pre-commit-hooks.yaml").read_text().split("\n- ")[1:]:
        fields = dict(
            line.strip().partition(": ")[::2] for line in block.splitlines() if ": " in line
        )
        hooks[fields["id"]] = fields
    hook = hooks["scrapelint-fix"]
    assert (hook["language"], hook["types"]) == ("python", "[text]")
    (work / "a.txt").write_text("a  b\n")
    entry = hook["entry"].split()
    assert entry[:3] == ["scrapelint", "check", "--fix"]
    scrapelint = str(Path(sys.executable).parent / entry[0])
    done = subprocess.run(
        [scrapelint, *entry[1:], "--isolated", "--select", "WS002", "a.txt"],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert done.returncode == 0, done.stderr
    assert (work / "a.txt").read_text() == "a b\n"


@pytest.mark.parametrize(
    ("config", "flags", "after", "code"),
    [
        ("fix = true\n", [], "wow wow\n", 1),
        ("fix = true\nunsafe-fixes = true\n", [], "WOW WOW\n", 0),
        ("fix = true\n", ["--no-fix"], "wow  wow\n", 1),
        ("fix = true\nunsafe-fixes = true\n", ["--no-unsafe-fixes"], "wow wow\n", 1),
        ("", ["--fix", "--unsafe-fixes"], "WOW WOW\n", 0),
    ],
)
def test_fix_from_config_and_its_overrides(work: Path, test_rules, config, flags, after, code):
    (work / "scrapelint.toml").write_text('select = ["WS002", "TX003"]\n' + config)
    (work / "a.txt").write_text("wow  wow\n")
    result = CliRunner().invoke(main, ["check", *flags, "a.txt"], catch_exceptions=False)
    assert (result.exit_code, (work / "a.txt").read_text()) == (code, after)


def test_fix_parquet_keeps_schema_and_other_columns(work: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    table = pa.table({"id": ["a", "b"], "text": ["One  two.", "Fine."], "n": [1, 2]})
    pq.write_table(table, work / "c.parquet")
    result = check("--fix", "c.parquet")
    assert (result.exit_code, result.stderr) == (0, "Fixed 1 finding, 0 remaining.\n")
    fixed = pq.read_table(work / "c.parquet")
    assert fixed.schema == table.schema
    assert fixed.to_pydict() == {"id": ["a", "b"], "text": ["One two.", "Fine."], "n": [1, 2]}


def test_fix_stdin_parquet(work: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    import io

    sink = io.BytesIO()
    pq.write_table(pa.table({"text": ["One  two.", "Fine."]}), sink)
    result = check("--fix", "--stdin-filename", "x.parquet", "-", input=sink.getvalue())
    assert result.exit_code == 0
    assert pq.read_table(io.BytesIO(result.stdout_bytes)).to_pydict() == {
        "text": ["One two.", "Fine."]
    }


def _indented_block(text: str, after: str) -> str:
    """The indented block that follows the line `after` in the README."""
    lines = text[text.index(after) + len(after) :].split("\n")[1:]
    block: list[str] = []
    for line in lines:
        if line and not line.startswith("    "):
            break
        block.append(line[4:])
    return "\n".join(block).strip("\n") + "\n"


def test_readme_before_and_after_are_what_fix_does(work: Path) -> None:
    readme = (REPO / "README.md").read_text()
    before = _indented_block(readme, "A short made-up page, before:").replace("⍽", "\u00a0")
    after = _indented_block(readme, "reports\n`Fixed 8 findings, 0 remaining.` and leaves:")
    (work / "page.txt").write_text(before)
    result = CliRunner().invoke(main, ["check", "--isolated", "--fix", "page.txt"])
    assert result.stderr == "Fixed 8 findings, 0 remaining.\n"
    assert (work / "page.txt").read_text() == after
