"""The CI use case: generate a starter, install it with its dev tools, run its tests.

Per framework, with warm caches (one untimed warm-up round of each installer fills them):
``stackwise new --no-input``, then the starter's README commands for each installer, each
timed. uv: ``uv sync`` (which makes ``.venv`` and installs the ``dev`` group) and ``uv run
pytest``; goal: generate + install + test at most 10 s. pip, reported beside it: ``python -m
venv .venv`` (reported apart, since a CI image may provide one), ``pip install -e ".[dev]"``
and ``pytest``. Children run without the ``PYTHON*`` variables of the shell that starts the
benchmark, as a CI job would, and uv never downloads a Python.
Run: ``python benchmarks/bench_ci.py [--rounds N] [--set KEY=VALUE ...]``; with ``--set`` the
results go to a section of their own.
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from harness import (
    WORK,
    bench_env,
    child_environment,
    empty_dir,
    machine,
    stackwise_new,
    table,
    write_section,
)

FRAMEWORKS = ("flask", "fastapi", "django")
INSTALLERS = ("pip", "uv")
#: generate + install + test, with uv.
GOAL = 10.0
#: The step uv has no separate command for: ``uv sync`` makes the environment.
NONE = float("nan")


def timed(argv: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        argv,
        cwd=cwd,
        env=child_environment(UV_PYTHON_DOWNLOADS="never", UV_PYTHON=sys.executable),
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def install_steps(bin_dir: Path, project: Path, installer: str) -> dict[str, float]:
    """Create the project's virtual environment and install it with its dev extra."""
    if installer == "uv":
        return {"venv": NONE, "install": timed([str(bin_dir / "uv"), "sync", "-q"], project)}
    return {
        "venv": timed([sys.executable, "-m", "venv", ".venv"], project),
        "install": timed(
            [".venv/bin/pip", "install", "-q", "--disable-pip-version-check", "-e", ".[dev]"],
            project,
        ),
    }


def one_round(
    bin_dir: Path, framework: str, sets: list[str], base: Path, installer: str
) -> dict[str, float]:
    empty_dir(base)
    # The last round's deleted files reach the disk before this round is timed.
    os.sync()
    steps = {"generate": timed(stackwise_new(bin_dir, framework, "CI App", base, *sets), base)}
    project = base / "ci_app"
    steps.update(install_steps(bin_dir, project, installer))
    pytest = ["pytest", "-q", "-p", "no:cacheprovider"]
    run = [str(bin_dir / "uv"), "run", "-q"] if installer == "uv" else [".venv/bin/python", "-m"]
    steps["test"] = timed([*run, *pytest], project)
    return steps


def measure(bin_dir: Path, framework: str, sets: list[str], rounds: int) -> list[list[str]]:
    """Rows for one framework: pip and uv alternating, after a round of each that warms caches."""
    base = WORK / "ci" / framework
    results: dict[str, list[dict[str, float]]] = {installer: [] for installer in INSTALLERS}
    for index in range(rounds + 1):
        for installer in INSTALLERS:
            steps = one_round(bin_dir, framework, sets, base, installer)
            if index:
                results[installer].append(steps)
    shutil.rmtree(base, ignore_errors=True)
    rows = []
    for installer, runs in results.items():
        median = {step: statistics.median(r[step] for r in runs) for step in runs[0]}
        total = statistics.median(r["generate"] + r["install"] + r["test"] for r in runs)
        goal = ("met" if total <= GOAL else "missed") if installer == "uv" else ""
        cells = [
            "-" if math.isnan(median[s]) else f"{median[s]:.2f} s"
            for s in ("generate", "venv", "install", "test")
        ]
        rows.append([framework, installer, *cells, f"{total:.1f} s", goal])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--set", dest="sets", action="append", default=[], metavar="KEY=VALUE")
    args = parser.parse_args()
    sets: list[str] = args.sets
    bin_dir = bench_env("uv")
    rows = [row for fw in FRAMEWORKS for row in measure(bin_dir, fw, sets, args.rounds)]
    options = " ".join(args.sets) or "the defaults"
    title = "## The CI use case" + (" with options" if args.sets else "")
    body = "\n\n".join(
        [
            title,
            f"Machine: {machine()}. Options: {options}. {versions(bin_dir)}. Medians of "
            f"{args.rounds} round{'s' * (args.rounds != 1)}, pip and uv alternating, after one "
            "round of each that fills "
            "their caches. The goal is for uv's commands in the starters' READMEs (uv sync, "
            "uv run pytest); pip's are reported beside them.",
            table(
                [
                    "framework",
                    "installer",
                    "generate",
                    "venv",
                    'uv sync / pip install -e ".[dev]"',
                    "pytest",
                    f"generate + install + test (goal with uv <= {GOAL:.0f} s)",
                    "goal",
                ],
                rows,
            ),
        ]
    )
    # The defaults and one set of options each keep a section of their own.
    write_section("ci-options" if args.sets else "ci", body)


def versions(bin_dir: Path) -> str:
    pip = subprocess.run(
        [sys.executable, "-c", "import ensurepip; print(ensurepip.version())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    uv = subprocess.run(
        [str(bin_dir / "uv"), "--version"], capture_output=True, text=True, check=True
    ).stdout.split()[1]
    return f"pip {pip} (the one `python -m venv` installs), uv {uv}"


if __name__ == "__main__":
    main()
