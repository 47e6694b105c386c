"""The CI use case: generate a starter, install it with its dev tools, run its tests.

Per framework, with a warm pip cache (one untimed warm-up round installs everything once):
``stackwise new --no-input``, ``python -m venv .venv``, ``pip install -e ".[dev]"`` and
``pytest``, each timed. Goal: generate + install + test under 15 s (the venv is reported
apart, since a CI image may provide one).
Run: ``python benchmarks/bench_ci.py [--rounds N] [--set KEY=VALUE ...]``.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from harness import WORK, bench_env, machine, table, write_section

FRAMEWORKS = ("flask", "fastapi", "django")
GOAL = 15.0


def timed(argv: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(argv, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def one_round(bin_dir: Path, framework: str, sets: list[str], base: Path) -> dict[str, float]:
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir(parents=True)
    steps = {
        "generate": timed(
            [
                str(bin_dir / "stackwise"),
                "new",
                "--no-input",
                "--framework",
                framework,
                "--name",
                "CI App",
                "-o",
                str(base),
                *sets,
            ],
            base,
        )
    }
    project = base / "ci_app"
    steps["venv"] = timed([sys.executable, "-m", "venv", ".venv"], project)
    steps["install"] = timed(
        [".venv/bin/pip", "install", "-q", "--disable-pip-version-check", "-e", ".[dev]"], project
    )
    steps["test"] = timed(
        [".venv/bin/python", "-m", "pytest", "-q", "-p", "no:cacheprovider"], project
    )
    return steps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--set", dest="sets", action="append", default=[], metavar="KEY=VALUE")
    args = parser.parse_args()
    sets = [item for pair in args.sets for item in ("--set", pair)]
    bin_dir = bench_env()
    rows = []
    for framework in FRAMEWORKS:
        base = WORK / "ci" / framework
        one_round(bin_dir, framework, sets, base)  # warm the pip cache
        rounds = [one_round(bin_dir, framework, sets, base) for _ in range(args.rounds)]
        median = {step: statistics.median(r[step] for r in rounds) for step in rounds[0]}
        total = statistics.median(r["generate"] + r["install"] + r["test"] for r in rounds)
        rows.append(
            [
                framework,
                *(f"{median[s]:.2f} s" for s in ("generate", "venv", "install", "test")),
                f"{total:.1f} s",
                "met" if total < GOAL else "missed",
            ]
        )
        shutil.rmtree(base, ignore_errors=True)
    options = " ".join(args.sets) or "the defaults"
    body = "\n\n".join(
        [
            "## The CI use case",
            f"Machine: {machine()}. Options: {options}. Medians of {args.rounds} rounds after one "
            "warm-up round that fills the pip cache.",
            table(
                [
                    "framework",
                    "generate",
                    "venv",
                    'pip install -e ".[dev]"',
                    "pytest",
                    f"generate + install + test (goal < {GOAL:.0f} s)",
                    "goal",
                ],
                rows,
            ),
        ]
    )
    write_section("ci", body)


if __name__ == "__main__":
    main()
