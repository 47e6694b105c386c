"""The FastAPI starter's production server: ``uvicorn --workers N`` against gunicorn with
``uvicorn-worker``, both against uvicorn's bare default (one process).

Bakes the FastAPI starter on its defaults (SQLite), installs its dependencies and both
servers into a fresh environment, fills the database with 20 items, then loads each
server in turn with wrk (Debian package ``wrk``) on 127.0.0.1: ``GET /health`` (the
framework alone) and ``GET /items`` (a database read in the thread pool). Servers run in
rounds, in a rotating order, so a slow moment of a shared machine hits all of them; the
ratio to the bare default is the median of the per-round ratios.

Run: ``python benchmarks/bench_fastapi_server.py [--rounds 4] [--seconds 6] [--workers 2]``.
The results replace their section of ``docs/starters/fastapi.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
import tomllib
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WORK = REPO / ".cache" / "bench"
RESULTS = REPO / "docs" / "starters" / "fastapi.md"
SECTION = "server-benchmark"
PATHS = ["/health", "/items"]


def bench_env() -> Path:
    """A fresh environment with stackwise installed from this checkout."""
    env = WORK / "fastapi-server-env"
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(env)], check=True)
    subprocess.run(
        [str(env / "bin" / "pip"), "install", "-q", "--disable-pip-version-check", str(REPO)],
        check=True,
    )
    return env / "bin"


def machine() -> str:
    cpu = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
    return (
        f"{platform.system()} {platform.release()}, {os.cpu_count()} cores "
        f"({cpu.group(1) if cpu else 'unknown CPU'}), Python {platform.python_version()}, "
        f"load average {os.getloadavg()[0]:.2f} at start"
    )


def version_of(argv: Sequence[str]) -> str:
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    return (done.stdout or done.stderr).strip().splitlines()[0] if done.returncode == 0 else "?"


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(url: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


@contextmanager
def server(argv: Sequence[str], cwd: Path, env: dict[str, str]) -> Iterator[None]:
    process = subprocess.Popen(
        argv,
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        yield
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def wrk(url: str, seconds: int, connections: int) -> float:
    """Requests per second, from wrk's summary; any error or non-2xx answer fails the run."""
    done = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", url],
        capture_output=True,
        text=True,
        check=True,
    )
    errors = re.search(r"connect (\d+), read (\d+), write (\d+), timeout (\d+)", done.stdout)
    if "Non-2xx" in done.stdout or (errors and any(int(n) for n in errors.groups())):
        raise RuntimeError(f"wrk saw errors on {url}:\n{done.stdout}")
    match = re.search(r"Requests/sec:\s+([\d.]+)", done.stdout)
    if match is None or float(match.group(1)) == 0:
        raise RuntimeError(f"no Requests/sec in wrk's output:\n{done.stdout}")
    return float(match.group(1))


def bake(bin_dir: Path) -> Path:
    out = WORK / "fastapi-server"
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run(
        [
            str(bin_dir / "stackwise"),
            "new",
            "--no-input",
            "--framework",
            "fastapi",
            "--name",
            "Bench",
            "-o",
            str(out),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return out / "bench"


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
    project = bake(bin_dir)
    deps = tomllib.loads((project / "pyproject.toml").read_text("utf-8"))["project"]
    subprocess.run(
        [
            str(bin_dir / "pip"),
            "install",
            "-q",
            "--disable-pip-version-check",
            *deps["dependencies"],
            "gunicorn",
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
    bind = f"127.0.0.1:{port}"
    servers = {
        "uvicorn, 1 process (bare default)": [
            "uvicorn",
            "app.main:app",
            "--port",
            str(port),
            "--no-access-log",
        ],
        f"uvicorn --workers {args.workers}": [
            "uvicorn",
            "app.main:app",
            "--port",
            str(port),
            "--no-access-log",
            "--workers",
            str(args.workers),
        ],
        f"gunicorn -k uvicorn_worker.UvicornWorker -w {args.workers}": [
            "gunicorn",
            "app.main:app",
            "-k",
            "uvicorn_worker.UvicornWorker",
            "-w",
            str(args.workers),
            "-b",
            bind,
        ],
    }
    base = f"http://{bind}"
    with server(servers["uvicorn, 1 process (bare default)"], project, env):
        wait_until_up(base + "/health")
        for index in range(20):
            request = urllib.request.Request(
                base + "/items",
                data=json.dumps({"name": f"item {index}"}).encode(),
                headers={"Content-Type": "application/json"},
                method="POST",
            )
            urllib.request.urlopen(request, timeout=5).close()

    results: dict[tuple[str, str], list[float]] = {(s, p): [] for s in servers for p in PATHS}
    names = list(servers)
    for index in range(args.rounds):
        shift = index % len(names)
        for name in names[shift:] + names[:shift]:
            with server(servers[name], project, env):
                wait_until_up(base + "/health")
                for path in PATHS:
                    wrk(base + path, 1, args.connections)  # warm-up, thrown away
                    rate = wrk(base + path, args.seconds, args.connections)
                    print(f"round {index + 1}: {name}: GET {path}: {rate:,.0f} req/s", flush=True)
                    results[name, path].append(rate)

    baseline = names[0]
    rows = []
    for name in names:
        row = [f"`{name}`"]
        for path in PATHS:
            rates = results[name, path]
            ratio = statistics.median(
                a / b for a, b in zip(rates, results[baseline, path], strict=True)
            )
            row += [f"{statistics.median(rates):,.0f}", f"{ratio:.2f}x"]
        rows.append(row)
    header = ["server"]
    for path in PATHS:
        header += [f"`GET {path}` req/s", "vs bare"]
    uvicorn, gunicorn = names[1], names[2]
    head_to_head = ", ".join(
        f"`GET {path}` "
        + format(
            statistics.median(
                a / b for a, b in zip(results[uvicorn, path], results[gunicorn, path], strict=True)
            ),
            ".2f",
        )
        + "x"
        for path in PATHS
    )
    rounds = "\n".join(
        f"- `{name}`: "
        + "; ".join(
            f"`GET {path}` " + ", ".join(f"{rate:,.0f}" for rate in results[name, path])
            for path in PATHS
        )
        for name in names
    )
    body = "\n\n".join(
        [
            "### Measurement",
            f"Machine: {machine()}. "
            f"{version_of([str(bin_dir / 'uvicorn'), '--version'])}; "
            f"{version_of([str(bin_dir / 'gunicorn'), '--version'])}; wrk, 1 thread, "
            f"{args.connections} connections, {args.seconds} s per run on 127.0.0.1, "
            f"{args.rounds} rounds in a rotating order after a 1 s warm-up per run. The starter "
            "on its defaults (SQLite, 20 items), `ENVIRONMENT=production`, no access log. "
            "Medians of the rounds; the ratio is the median of the per-round ratios to the bare "
            "default.",
            table(header, rows),
            f"`{uvicorn}` against `{gunicorn}`, median of the per-round ratios: {head_to_head}.",
            f"Every round, req/s:\n\n{rounds}",
        ]
    )
    write_section(body)


def write_section(body: str) -> None:
    begin, end = f"<!-- {SECTION}:begin -->", f"<!-- {SECTION}:end -->"
    text = RESULTS.read_text("utf-8")
    block = f"{begin}\n{body.strip()}\n{end}"
    if begin not in text:
        raise SystemExit(f"{RESULTS} has no {begin} marker")
    text = re.sub(re.escape(begin) + ".*?" + re.escape(end), lambda _: block, text, flags=re.S)
    RESULTS.write_text(text, encoding="utf-8")
    print(body)


if __name__ == "__main__":
    main()
