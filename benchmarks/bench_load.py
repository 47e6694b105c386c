"""Starters under load: each starter's production server against a bare app of its framework.

For each framework the starter is generated with PostgreSQL, installed into its own virtual
environment with ``pip install -e .``, migrated, and given 20 rows to read. The bare app is
the framework's minimal app, with the framework's default settings, reading the same table,
under the same server and worker count. wrk (Debian's package) loads each on 127.0.0.1 for a
bounded time at 1 and at 32 connections, the two apps alternating, for several rounds.
Reported: requests/s, p50 and p99 latency, and the server's CPU time per request (all its
processes, from /proc). Goals: at least 1.0x the bare app on /health, and on the database
read at least the framework's bare defaults; FastAPI's async read at 32 connections at least
1.3x, with its p99 at most 5x its p50 (load_apps.py holds the goals as data).

Each framework's section of docs/benchmarks.md is its own: a run of some frameworks
replaces theirs and keeps the others'.

``--aa`` loads the starter against a second server of the starter instead (an A/A run): the
spread of its ratios is what this machine's noise alone does to two identical servers, and
it goes to a section of its own.
Run: ``python benchmarks/bench_load.py [--aa] [--seconds S] [--rounds N] [--workers W] [fw ...]``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from harness import REPO, WORK, bench_env, machine, table, version_of, write_section

# The throwaway PostgreSQL server and the port helpers are the test suite's own.
sys.path.insert(0, str(REPO / "tests"))
from load_apps import APPS, AppSpec, Goal, Setup

from support.servers import free_port, postgres_server, wait_for_port

CONNECTIONS = (1, 32)


@dataclass
class Sample:
    rps: float
    p50: float
    p99: float
    cpu_per_request: float


@dataclass
class Series:
    samples: list[Sample] = field(default_factory=list)

    def median(self, attr: str) -> float:
        return float(statistics.median(getattr(s, attr) for s in self.samples))


def _seconds(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()  # type: ignore[union-attr]
    return float(value) * {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}[unit]


def wrk(
    url: str, connections: int, seconds: int, headers: dict[str, str]
) -> tuple[float, float, float, int]:
    """requests/s, p50 and p99 latency, and the number of requests wrk completed."""
    argv = ["wrk", f"-t{min(connections, 2)}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for name, value in headers.items():
        argv += ["-H", f"{name}: {value}"]
    out = subprocess.run([*argv, url], capture_output=True, text=True, check=True).stdout
    if "Non-2xx" in out:
        raise RuntimeError(f"{url} answered errors under load:\n{out}")
    found = [
        re.search(pattern, out)
        for pattern in (
            r"Requests/sec:\s+([\d.]+)",
            r"50%\s+([\d.]+\w+)",
            r"99%\s+([\d.]+\w+)",
            r"(\d+) requests in",
        )
    ]
    if not all(found):
        raise RuntimeError(f"cannot read wrk's report for {url}:\n{out}")
    rps, p50, p99, total = (m.group(1) for m in found if m)
    return float(rps), _seconds(p50), _seconds(p99), int(total)


def group_cpu_seconds(pgid: int) -> float:
    """CPU time (user + system) of every live process in the process group."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:
            total += int(fields[11]) + int(fields[12])
    return total / ticks


@contextmanager
def serving(argv: list[str], cwd: Path, env: dict[str, str], port: int) -> Iterator[int]:
    log = (WORK / f"server-{port}.log").open("w")
    process = subprocess.Popen(
        argv, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        wait_for_port(port, timeout=60)
        yield process.pid
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        log.close()


def measure(
    spec: AppSpec, setup: Setup, workers: int, seconds: int, rounds: int, against: str
) -> dict[tuple[str, str, int], Series]:
    """(app, path, connections) -> the samples of every round, the two apps alternating.

    ``against`` is ``bare``, or ``again`` for a second server of the starter."""
    results: dict[tuple[str, str, int], Series] = {}
    ports = {"starter": free_port(), against: free_port()}
    make = {"starter": spec.starter_command, "bare": spec.bare_command}
    make["again"] = spec.starter_command
    commands = {app: make[app](setup, workers, port) for app, port in ports.items()}
    with (
        serving(*commands["starter"], ports["starter"]) as starter_pid,
        serving(*commands[against], ports[against]) as other_pid,
    ):
        pids = {"starter": starter_pid, against: other_pid}
        for port in ports.values():  # warm up both, every path
            for path in spec.paths:
                wrk(f"http://127.0.0.1:{port}{path}", 8, 2, spec.headers)
        for index in range(rounds):
            order = ["starter", against] if index % 2 == 0 else [against, "starter"]
            for path in spec.paths:
                for connections in CONNECTIONS:
                    for app in order:
                        before = group_cpu_seconds(pids[app])
                        rps, p50, p99, total = wrk(
                            f"http://127.0.0.1:{ports[app]}{path}",
                            connections,
                            seconds,
                            spec.headers,
                        )
                        cpu = (group_cpu_seconds(pids[app]) - before) / max(total, 1)
                        results.setdefault((app, path, connections), Series()).samples.append(
                            Sample(rps, p50, p99, cpu)
                        )
    return results


def ratios(
    results: dict[tuple[str, str, int], Series], path: str, connections: int, against: str
) -> tuple[float, float, float]:
    """The lower quartile, median and upper quartile of the per-round req/s ratios."""
    ours, other = results[("starter", path, connections)], results[(against, path, connections)]
    per_round = [a.rps / b.rps for a, b in zip(ours.samples, other.samples, strict=True)]
    low, median, high = statistics.quantiles(per_round, n=4, method="inclusive")
    return low, median, high


def verdict(goal: Goal, median: float, upper_quartile: float, p50: float, p99: float) -> str:
    """Met when the median round reaches the goal; below it, whether the rounds can tell.
    A tail goal is met or missed by the medians' p99 over p50."""
    if goal.tail is not None and p99 > goal.tail * p50:
        return f"missed (p99 {p99 / p50:.1f}x p50)"
    if median >= goal.ratio:
        return "met"
    return "within noise" if upper_quartile >= goal.ratio else "missed"


def goal_text(goal: Goal) -> str:
    tail = f", p99 ≤ {goal.tail:g}x p50" if goal.tail is not None else ""
    return f"≥ {goal.ratio:g}x{tail}"


def report(
    spec: AppSpec, results: dict[tuple[str, str, int], Series], workers: int, method: str
) -> str:
    rows = []
    for path in spec.paths:
        for connections in CONNECTIONS:
            ours, bare = (
                results[("starter", path, connections)],
                results[("bare", path, connections)],
            )
            low, ratio, high = ratios(results, path, connections, "bare")
            goal = spec.goal(path, connections)
            rows.append(
                [
                    f"`{path}`",
                    str(connections),
                    f"{ours.median('rps'):.0f}",
                    f"{bare.median('rps'):.0f}",
                    f"{ratio:.2f}x ({low:.2f}-{high:.2f})",
                    f"{ours.median('p50') * 1e3:.2f} / {ours.median('p99') * 1e3:.2f}",
                    f"{bare.median('p50') * 1e3:.2f} / {bare.median('p99') * 1e3:.2f}",
                    f"{ours.median('cpu_per_request') * 1e3:.2f} / "
                    f"{bare.median('cpu_per_request') * 1e3:.2f}",
                    goal_text(goal),
                    verdict(goal, ratio, high, ours.median("p50"), ours.median("p99")),
                ]
            )
    header = [
        "path",
        "conns",
        "starter req/s",
        "bare req/s",
        "ratio, middle half of rounds",
        "starter p50 / p99 ms",
        "bare p50 / p99 ms",
        "CPU ms/request starter / bare",
        "goal",
        "result",
    ]
    return "\n\n".join([f"### {spec.title}", method, spec.describe(workers), table(header, rows)])


def report_aa(spec: AppSpec, results: dict[tuple[str, str, int], Series]) -> list[list[str]]:
    """One row a path and connection count: the starter against a second starter."""
    rows = []
    for path in spec.paths:
        for connections in CONNECTIONS:
            low, ratio, high = ratios(results, path, connections, "again")
            cpu = [
                results[(app, path, connections)].median("cpu_per_request")
                for app in ("starter", "again")
            ]
            rows.append(
                [
                    spec.title,
                    f"`{path}`",
                    str(connections),
                    f"{ratio:.2f}x ({low:.2f}-{high:.2f})",
                    f"{cpu[0] * 1e3:.2f} / {cpu[1] * 1e3:.2f}",
                ]
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("frameworks", nargs="*", default=list(APPS))
    parser.add_argument("--aa", action="store_true", help="the starter against itself")
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (Debian: apt-get install wrk)")
    bin_dir = bench_env()
    against = "again" if args.aa else "bare"
    method = (
        f"Machine: {machine()}. {version_of(['wrk', '-v'])}. Each cell is the median "
        f"of {args.rounds} rounds of {args.seconds} s per app, the two apps alternating, "
        "after a warm-up; wrk and the servers share the machine's cores, so the absolute "
        "figures are this machine's, and only the ratios carry over. PostgreSQL 15 on "
        "127.0.0.1, 20 rows."
    )
    aa_rows: list[list[str]] = []
    with postgres_server() as postgres:
        for name in args.frameworks:
            spec = APPS[name]
            setup = spec.prepare(bin_dir, postgres, WORK / "load" / name)
            results = measure(spec, setup, args.workers, args.seconds, args.rounds, against)
            if args.aa:
                aa_rows += report_aa(spec, results)
            else:
                write_section(f"load-{name}", report(spec, results, args.workers, method))
    if args.aa:
        write_section("load-aa", aa_section(method, aa_rows))


def aa_section(method: str, rows: list[list[str]]) -> str:
    return "\n\n".join(
        [
            "### A/A: each starter against itself",
            "The same runs, with the bare app replaced by a second server of the starter "
            "(`bench_load.py --aa`): any ratio away from 1.00x here is this machine's noise.",
            method,
            table(
                ["starter", "path", "conns", "ratio, middle half of rounds", "CPU ms/request"],
                rows,
            ),
        ]
    )


if __name__ == "__main__":
    main()
