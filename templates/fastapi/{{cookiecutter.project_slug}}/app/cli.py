{%- from "_flags.j2" import admin with context -%}
"""Commands for the people who run the service: ``python -m app.cli --help``."""

import argparse
import asyncio
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
    database_url = (settings or get_settings()).database_url
    try:
{%- if admin %}
        asyncio.run(add_user(database_url, args.username, secret, args.superuser))
{%- else %}
        asyncio.run(add_user(database_url, args.username, secret))
{%- endif %}
    except UsernameTakenError:
        print(f"There is already a user named {args.username!r}.", file=sys.stderr)
        return 1
    print(f"Created user {args.username!r}.")
    return 0


{% if admin -%}
async def add_user(
    database_url: str, username: str, password: str, superuser: bool
) -> None:
{%- else -%}
async def add_user(database_url: str, username: str, password: str) -> None:
{%- endif %}
    engine = make_engine(database_url)
    try:
        async with make_session_factory(engine)() as session:
{%- if admin %}
            await create_user(session, username, password, superuser=superuser)
{%- else %}
            await create_user(session, username, password)
{%- endif %}
    finally:
        await engine.dispose()


if __name__ == "__main__":
    raise SystemExit(main())
