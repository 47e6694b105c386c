"""Updating: ``stackwise update`` on an up-to-date project against ``stackwise new`` of it.

For each framework a project is generated and committed in a git repository; then
``stackwise update --no-input`` (nothing to change) runs on it, interleaved with
``stackwise new`` of the same project into a new directory. Goal: the update at most 1.5x
the generation. ``update --dry-run --set docker=no`` (both renders, the per-file plan and
its merges) is shown beside it for scale. Run: ``python benchmarks/bench_update.py [--rounds N]``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from harness import (
    WORK,
    bench_env,
    command,
    empty_dir,
    interleave,
    into_new_dirs,
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


def committed_project(bin_dir: Path, framework: str, base: Path) -> Path:
    subprocess.run(stackwise_new(bin_dir, framework, "Bench App", base), check=True,
                   capture_output=True)  # fmt: skip
    project = base / "bench_app"
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "Generated"]):
        subprocess.run(["git", *IDENTITY, *args], cwd=project, check=True, capture_output=True)
    return project


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    bin_dir = bench_env()
    base = empty_dir(WORK / "update")
    stackwise = str(bin_dir / "stackwise")
    commands: dict[str, Callable[[], None]] = {}
    for fw in FRAMEWORKS:
        project = committed_project(bin_dir, fw, base / f"project-{fw}")
        commands[f"update ({fw})"] = command([stackwise, "update", "--no-input"], project)
        commands[f"update --dry-run --set docker=no ({fw})"] = command(
            [stackwise, "update", "--no-input", "--dry-run", "--set", "docker=no"], project
        )
        commands[f"new ({fw})"] = into_new_dirs(
            lambda out, fw=fw: stackwise_new(bin_dir, fw, "Bench App", out), base / f"new-{fw}"
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
