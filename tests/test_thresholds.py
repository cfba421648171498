from __future__ import annotations

import pytest

from linter.errors import ConfigError
from linter.thresholds import Thresholds, parse_share


@pytest.mark.parametrize(
    ("value", "share"), [("1%", 0.01), ("0.5%", 0.005), (0.02, 0.02), ("100%", 1.0), (0, 0.0)]
)
def test_shares_parse(value, share) -> None:
    assert parse_share(value, "x") == pytest.approx(share)


@pytest.mark.parametrize("value", ["1", "abc", "150%", True, -0.1])
def test_bad_shares_are_config_errors(value) -> None:
    with pytest.raises(ConfigError, match="threshold"):
        parse_share(value, "pyproject.toml: [tool.scrapelint.thresholds]")


def test_most_specific_limit_wins() -> None:
    gates = Thresholds.parse({"default": "5%", "BP": "1%", "BP001": "10%"}, "cfg")
    assert gates.limit_for("BP001") == pytest.approx(0.10)
    assert gates.limit_for("BP101") == pytest.approx(0.01)
    assert gates.limit_for("SP001") == pytest.approx(0.05)


def test_failures_list_codes_over_their_limit_and_ungated_codes() -> None:
    gates = Thresholds.from_cli(["BP001=1%", "DU=50%"])
    shares = {"BP001": 0.02, "DU001": 0.3, "SP001": 0.001, "BP101": 0.0}
    assert gates.failures(shares) == [("BP001", 0.02, 0.01), ("SP001", 0.001, None)]


def test_cli_threshold_needs_code_and_share() -> None:
    with pytest.raises(ConfigError, match="expected CODE=SHARE"):
        Thresholds.from_cli(["BP001"])
    with pytest.raises(ConfigError, match="must be a rule code"):
        Thresholds.from_cli(["bp001=1%"])
