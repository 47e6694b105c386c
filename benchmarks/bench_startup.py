"""Start-up: ``stackwise --help``, ``recommend`` and ``questions`` against ``import click``.

Goal: each stackwise command at most 1.5x ``python -c "import click"``.
Run: ``python benchmarks/bench_startup.py [--rounds N]``.
"""

from __future__ import annotations

import argparse

from harness import (
    bench_env,
    command,
    interleave,
    machine,
    ms,
    paired_ratio,
    table,
    version_of,
    write_section,
)

GOAL = 1.5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()
    bin_dir = bench_env()
    commands = {
        'python -c "import click"': command([str(bin_dir / "python"), "-c", "import click"]),
        "cookiecutter --version": command([str(bin_dir / "cookiecutter"), "--version"]),
        "stackwise --help": command([str(bin_dir / "stackwise"), "--help"]),
        "stackwise recommend --building web-app --need admin": command(
            [str(bin_dir / "stackwise"), "recommend", "--building", "web-app", "--need", "admin"]
        ),
        "stackwise questions": command([str(bin_dir / "stackwise"), "questions"]),
    }
    baseline = 'python -c "import click"'
    timings = interleave(commands, rounds=args.rounds, warmup=3)
    rows = []
    for name, timing in timings.items():
        ratio = paired_ratio(timings, name, baseline)
        verdict = "" if not name.startswith("stackwise") else ("met" if ratio <= GOAL else "missed")
        rows.append([f"`{name}`", ms(timing.median), f"{ratio:.2f}x", verdict])
    body = "\n\n".join(
        [
            "## Start-up",
            f"Machine: {machine()}. {version_of([str(bin_dir / 'stackwise'), '--version'])}, "
            f"{version_of([str(bin_dir / 'cookiecutter'), '--version'])}. "
            f"{args.rounds} interleaved rounds after 3 warm-up rounds; the ratio is the median of "
            "per-round ratios to `import click` in the same round.",
            table(["command", "median", f"ratio to import click (goal ≤ {GOAL}x)", "goal"], rows),
        ]
    )
    write_section("startup", body)


if __name__ == "__main__":
    main()
