"""`python -m linter` is `scrapelint`."""

from linter.cli import main

if __name__ == "__main__":
    main(prog_name="scrapelint")
