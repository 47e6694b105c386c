"""The FastAPI starter's production server: ``uvicorn --workers N`` against gunicorn with
``uvicorn-worker``, both against uvicorn's bare default (one process).

Bakes the FastAPI starter on its defaults (SQLite), installs it and both servers into a
fresh environment, fills the database with 20 items, then loads each server in turn with
wrk on 127.0.0.1: ``GET /health`` (the framework alone) and ``GET /items`` (a database
read in the thread pool). Servers run in rounds, in a rotating order, so that a slow moment
of a shared machine hits all of them; a ratio is the median of the per-round ratios.

Run: ``python benchmarks/bench_fastapi_server.py [--rounds 4] [--seconds 6] [--workers 2]``.
The results replace their section of ``docs/starters/fastapi.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import urllib.request
from pathlib import Path

from bench_load import serving, wrk
from harness import (
    REPO,
    WORK,
    bench_env,
    machine,
    stackwise_new,
    table,
    version_of,
    write_section,
)

from support.servers import free_port

RESULTS = REPO / "docs" / "starters" / "fastapi.md"
PATHS = ["/health", "/items"]


def prepare(bin_dir: Path) -> tuple[Path, dict[str, str]]:
    """The starter on its defaults, installed with both servers, migrated and filled."""
    out = WORK / "fastapi-server"
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run(
        stackwise_new(bin_dir, "fastapi", "Bench", out),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    project = out / "bench"
    subprocess.run(
        [
            str(bin_dir / "pip"),
            "install",
            "-q",
            "--disable-pip-version-check",
            "-e",
            str(project),
            "uvicorn-worker",
        ],
        check=True,
    )
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "ENVIRONMENT": "production",
        "LOG_LEVEL": "WARNING",
        "DATABASE_URL": f"sqlite:///{project / 'bench.db'}",
    }
    subprocess.run(
        [str(bin_dir / "alembic"), "upgrade", "head"],
        cwd=project,
        env=env,
        check=True,
        capture_output=True,
    )
    port = free_port()
    with serving(["uvicorn", "app.main:app", "--port", str(port)], project, env, port):
        for index in range(20):
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/items",
                method="POST",
                data=json.dumps({"name": f"item {index}"}).encode(),
                headers={"Content-Type": "application/json"},
            )
            urllib.request.urlopen(request, timeout=5).close()
    return project, env


def servers(workers: int, port: int) -> dict[str, list[str]]:
    uvicorn = ["uvicorn", "app.main:app", "--port", str(port), "--no-access-log"]
    return {
        "uvicorn, 1 process (bare default)": uvicorn,
        f"uvicorn --workers {workers}": [*uvicorn, "--workers", str(workers)],
        f"gunicorn -k uvicorn_worker.UvicornWorker -w {workers}": [
            "gunicorn",
            "app.main:app",
            "-k",
            "uvicorn_worker.UvicornWorker",
            "-w",
            str(workers),
            "-b",
            f"127.0.0.1:{port}",
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--seconds", type=int, default=6)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=64)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: apt-get install wrk")
    bin_dir = bench_env()
    project, env = prepare(bin_dir)
    port = free_port()
    commands = servers(args.workers, port)
    names = list(commands)
    results: dict[tuple[str, str], list[float]] = {(s, p): [] for s in names for p in PATHS}
    for index in range(args.rounds):
        shift = index % len(names)
        for name in names[shift:] + names[:shift]:
            with serving(commands[name], project, env, port):
                for path in PATHS:
                    url = f"http://127.0.0.1:{port}{path}"
                    wrk(url, args.connections, 1, {})  # warm-up, thrown away
                    rate = wrk(url, args.connections, args.seconds, {})[0]
                    print(f"round {index + 1}: {name}: GET {path}: {rate:,.0f} req/s", flush=True)
                    results[name, path].append(rate)
    write_section("server-benchmark", report(results, names, args, bin_dir), RESULTS)


def _ratio(results: dict[tuple[str, str], list[float]], a: str, b: str, path: str) -> float:
    pairs = zip(results[a, path], results[b, path], strict=True)
    return statistics.median(x / y for x, y in pairs)


def report(
    results: dict[tuple[str, str], list[float]],
    names: list[str],
    args: argparse.Namespace,
    bin_dir: Path,
) -> str:
    baseline, uvicorn, gunicorn = names
    header = ["server"]
    for path in PATHS:
        header += [f"`GET {path}` req/s", "vs bare"]
    rows = []
    for name in names:
        row = [f"`{name}`"]
        for path in PATHS:
            row += [
                f"{statistics.median(results[name, path]):,.0f}",
                f"{_ratio(results, name, baseline, path):.2f}x",
            ]
        rows.append(row)
    head_to_head = ", ".join(
        f"`GET {p}` {_ratio(results, uvicorn, gunicorn, p):.2f}x" for p in PATHS
    )
    rounds = "\n".join(
        f"- `{name}`: "
        + "; ".join(
            f"`GET {path}` " + ", ".join(f"{rate:,.0f}" for rate in results[name, path])
            for path in PATHS
        )
        for name in names
    )
    return "\n\n".join(
        [
            "### Measurement",
            f"Machine: {machine()}. {version_of([str(bin_dir / 'uvicorn'), '--version'])}; "
            f"{version_of([str(bin_dir / 'gunicorn'), '--version'])}; wrk, {args.connections} "
            f"connections, {args.seconds} s per run on 127.0.0.1, {args.rounds} rounds in a "
            "rotating order after a 1 s warm-up per run. The starter on its defaults (SQLite, 20 "
            "items), `ENVIRONMENT=production`, no access log. Medians of the rounds; the ratio is "
            "the median of the per-round ratios to the bare default.",
            table(header, rows),
            f"`{uvicorn}` against `{gunicorn}`, median of the per-round ratios: {head_to_head}.",
            f"Every round, req/s:\n\n{rounds}",
        ]
    )


if __name__ == "__main__":
    main()
