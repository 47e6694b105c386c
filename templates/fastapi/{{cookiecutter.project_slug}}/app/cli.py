{%- from "_flags.j2" import admin with context -%}
"""Commands for the people who run the service: ``python -m app.cli --help``."""

import argparse
import getpass
import sys
from collections.abc import Callable, Sequence

from app.config import Settings, get_settings
from app.db import make_engine, make_session_factory
from app.users import UsernameTakenError, create_user


def read_password() -> str:
    """From the terminal, asked twice; or the first line of standard input."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    password = getpass.getpass("Password: ")
    if getpass.getpass("Password (again): ") != password:
        raise SystemExit("The passwords differ; nothing was changed.")
    return password


def main(
    argv: Sequence[str] | None = None,
    *,
    settings: Settings | None = None,
    password: Callable[[], str] = read_password,
) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.cli")
    commands = parser.add_subparsers(dest="command", required=True)
    create = commands.add_parser("create-user", help="add a user to the database")
    create.add_argument("username")
{%- if admin %}
    create.add_argument(
        "--superuser", action="store_true", help="may sign in to the admin interface"
    )
{%- endif %}
    args = parser.parse_args(argv)

    secret = password()
    if len(secret) < 8:
        print("The password needs at least 8 characters.", file=sys.stderr)
        return 1
    engine = make_engine((settings or get_settings()).database_url)
    try:
        with make_session_factory(engine)() as session:
{%- if admin %}
            create_user(session, args.username, secret, superuser=args.superuser)
{%- else %}
            create_user(session, args.username, secret)
{%- endif %}
    except UsernameTakenError:
        print(f"There is already a user named {args.username!r}.", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    print(f"Created user {args.username!r}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
