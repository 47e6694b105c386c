"""Helpers for the serve tests: zips and projects as comparable trees, a real server."""

from __future__ import annotations

import io
import socket
import stat
import subprocess
import time
import urllib.request
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from click.testing import CliRunner

from stackwise.cli.commands import main
from support.cli import STACKWISE, cli_env

#: Path -> (bytes, permission bits).
Tree = dict[str, tuple[bytes, int]]


def zip_tree(data: bytes) -> Tree:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            info.filename: (archive.read(info), stat.S_IMODE(info.external_attr >> 16))
            for info in archive.infolist()
        }


def new_tree(args: Sequence[str], output: Path) -> Tree:
    """What ``stackwise new --no-input ARGS`` writes, by ``slug/path``."""
    result = CliRunner().invoke(main, ["new", "--no-input", *args, "-o", str(output)])
    assert result.exit_code == 0, result.stderr
    return {
        p.relative_to(output).as_posix(): (p.read_bytes(), stat.S_IMODE(p.stat().st_mode))
        for p in sorted(output.rglob("*"))
        if p.is_file()
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def serving(*args: str, env: dict[str, str] | None = None) -> Iterator[str]:
    """``stackwise serve`` on a free port as a real process; yields its base URL."""
    port = free_port()
    argv = [str(STACKWISE), "serve", "--port", str(port), *args]
    process = subprocess.Popen(
        argv, env=cli_env(env), stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/questions", timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"{argv} did not start") from None
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
