"""Lets ``python -m stackwise`` behave like the ``stackwise`` command."""

from stackwise.cli.commands import main

if __name__ == "__main__":
    main(prog_name="stackwise")
