"""Updating: ``stackwise update`` on an up-to-date project against ``stackwise new`` of it.

For each framework a project is generated and committed in a git repository; then
``stackwise update --no-input`` (nothing to change) runs on it, interleaved with
``stackwise new`` of the same project into a new directory. Goal: the update at most 1.5x
the generation. ``update --dry-run --set docker=no`` (both renders, the per-file plan and
its merges) is shown beside it for scale. Run: ``python benchmarks/bench_update.py [--rounds N]``.
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from harness import (
    WORK,
    bench_env,
    interleave,
    machine,
    ms,
    paired_ratio,
    stackwise_new,
    table,
    write_section,
)

FRAMEWORKS = ("flask", "fastapi", "django")
GOAL = 1.5
IDENTITY = ["-c", "user.name=Bench", "-c", "user.email=bench@example.com"]
_counter = itertools.count()


def committed_project(bin_dir: Path, framework: str, base: Path) -> Path:
    subprocess.run(stackwise_new(bin_dir, framework, "Bench App", base), check=True,
                   capture_output=True)  # fmt: skip
    project = base / "bench_app"
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "Generated"]):
        subprocess.run(["git", *IDENTITY, *args], cwd=project, check=True, capture_output=True)
    return project


def runner(argv: Callable[[], list[str]], cwd: Path | None = None) -> Callable[[], None]:
    def run() -> None:
        subprocess.run(argv(), cwd=cwd, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)  # fmt: skip

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    bin_dir = bench_env()
    base = WORK / "update"
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir(parents=True)
    stackwise = str(bin_dir / "stackwise")
    commands: dict[str, Callable[[], None]] = {}
    for fw in FRAMEWORKS:
        project = committed_project(bin_dir, fw, base / f"project-{fw}")
        commands[f"update ({fw})"] = runner(lambda: [stackwise, "update", "--no-input"], project)
        commands[f"update --dry-run --set docker=no ({fw})"] = runner(
            lambda: [stackwise, "update", "--no-input", "--dry-run", "--set", "docker=no"],
            project,
        )
        commands[f"new ({fw})"] = runner(
            lambda fw=fw: stackwise_new(bin_dir, fw, "Bench App", base / f"new{next(_counter)}")
        )
    timings = interleave(commands, rounds=args.rounds, warmup=2)
    rows = []
    for fw in FRAMEWORKS:
        ratio = paired_ratio(timings, f"update ({fw})", f"new ({fw})")
        rows.append(
            [
                fw,
                ms(timings[f"update ({fw})"].median),
                ms(timings[f"new ({fw})"].median),
                f"{ratio:.2f}x",
                "met" if ratio <= GOAL else "missed",
                ms(timings[f"update --dry-run --set docker=no ({fw})"].median),
            ]
        )
    shutil.rmtree(base, ignore_errors=True)
    body = "\n\n".join(
        [
            "## Updating",
            f"Machine: {machine()}. {args.rounds} interleaved rounds after 2 warm-up rounds; "
            "each `new` into a new directory, each `update` on a committed, up-to-date project "
            "(it finds the record's template and answers unchanged, so it renders nothing); "
            "ratios are medians of per-round ratios.",
            table(
                [
                    "framework",
                    "stackwise update, up to date",
                    "stackwise new",
                    f"ratio (goal ≤ {GOAL}x)",
                    "goal",
                    "update --dry-run --set docker=no",
                ],
                rows,
            ),
        ]
    )
    write_section("update", body)


if __name__ == "__main__":
    main()
