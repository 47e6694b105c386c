"""Serving: ``GET /starter.zip`` against ``stackwise new --no-input`` run as a process.

For each framework, the same answers go to a running ``stackwise serve`` (the zip of the
project, fetched over HTTP) and to ``stackwise new`` (a new process writing the project into
a new directory). Goal: the zip at most 0.5x the process. Also the page's first-load weight:
the HTML, CSS and JavaScript, and the API responses the page fetches on its first load.
Run: ``python benchmarks/bench_serve.py [--rounds N]``.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path

from harness import (
    WORK,
    bench_env,
    empty_dir,
    interleave,
    into_new_dirs,
    machine,
    paired_ratio,
    stackwise_new,
    table,
    write_section,
)

FRAMEWORKS = ("flask", "fastapi", "django")
GOAL, WEIGHT_GOAL = 0.5, 100_000
NOTE = (
    "The server keeps between requests what depends on the template alone (the compiled path "
    "names and hooks, which files are binary, the rules read from one version of the file; "
    "`render/memo.py`), never the answers; most of what remains of a request is the template's "
    "post-generation hook, a process of its own, and writing the files."
)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def fetch(url: str, body: bytes | None = None) -> bytes:
    headers = {"Content-Type": "application/json"} if body is not None else {}
    request = urllib.request.Request(url, data=body, headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:
        data: bytes = response.read()
        return data


def fetch_zip(url: str) -> None:
    assert fetch(url)[:2] == b"PK", url


def start(bin_dir: Path, port: int) -> subprocess.Popen[bytes]:
    argv = [str(bin_dir / "stackwise"), "serve", "--port", str(port)]
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while True:
        try:
            fetch(f"http://127.0.0.1:{port}/api/questions")
            return process
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def weight(base: str) -> list[tuple[str, int]]:
    """Each response of the page's first load (no answers), in the order the page asks."""
    return [
        ("`/` (HTML)", len(fetch(f"{base}/"))),
        ("`/static/style.css`", len(fetch(f"{base}/static/style.css"))),
        ("`/static/app.js`", len(fetch(f"{base}/static/app.js"))),
        ("`/api/questions`", len(fetch(f"{base}/api/questions"))),
        ("`POST /api/recommend`", len(fetch(f"{base}/api/recommend", b"{}"))),
        ("`/api/options`", len(fetch(f"{base}/api/options?"))),
        ("`/api/preview` (every file's text)", len(fetch(f"{base}/api/preview?"))),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    bin_dir = bench_env("starlette>=0.37", "uvicorn>=0.29")
    scratch = empty_dir(WORK / "serve")
    port = free_port()
    server = start(bin_dir, port)
    base = f"http://127.0.0.1:{port}"
    try:
        commands: dict[str, Callable[[], None]] = {}
        for framework in FRAMEWORKS:
            query = urllib.parse.urlencode({"framework": framework, "project_name": "Bench App"})
            url = f"{base}/starter.zip?{query}"
            commands[f"zip {framework}"] = lambda url=url: fetch_zip(url)
            commands[f"new {framework}"] = into_new_dirs(
                lambda out, fw=framework: stackwise_new(bin_dir, fw, "Bench App", out), scratch
            )
        timings = interleave(commands, rounds=args.rounds)
        sizes = weight(base)
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(scratch, ignore_errors=True)
    rows = []
    for framework in FRAMEWORKS:
        ratio = paired_ratio(timings, f"zip {framework}", f"new {framework}")
        rows.append(
            [
                framework,
                ms(timings[f"zip {framework}"].median),
                ms(timings[f"new {framework}"].median),
                f"{ratio:.2f}x",
                "met" if ratio <= GOAL else "missed",
            ]
        )
    assets = sum(size for _, size in sizes[:3])
    total = sum(size for _, size in sizes)
    size_rows = [[name, f"{size:,} B"] for name, size in sizes]
    size_rows += [
        ["**the page's own files**", f"**{assets:,} B**"],
        ["**first load in all**", f"**{total:,} B** (goal < {WEIGHT_GOAL:,} B: "
         f"{'met' if total < WEIGHT_GOAL else 'missed'})"],
    ]  # fmt: skip
    body = "\n\n".join(
        [
            "## Serving",
            f"Machine: {machine()}. {args.rounds} interleaved rounds after 2 warm-up rounds. "
            "`zip` fetches `/starter.zip?framework=F&project_name=Bench App` from a running "
            "`stackwise serve`; `new` runs `stackwise new --no-input --framework F --name "
            "'Bench App'` as a process into a new directory. The ratio is the median of "
            "per-round ratios.",
            table(
                ["framework", "zip median", "new median", f"ratio (goal ≤ {GOAL}x)", "goal"], rows
            ),
            NOTE,
            "First load of the page with no answers, uncompressed:",
            table(["response", "bytes"], size_rows),
        ]
    )
    write_section("serve", body)


if __name__ == "__main__":
    main()
