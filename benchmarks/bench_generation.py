"""Generation: ``stackwise new --no-input`` against plain cookiecutter and django-admin.

For each framework, stackwise and plain ``cookiecutter --no-input templates/<fw>`` get the
same context (every option as stackwise resolved it), and Django's starter is also set
against ``django-admin startproject``. Every run writes into a new directory; all are
removed at the end. Goals: at most 1.1x plain cookiecutter; at most 1.5x startproject.
Run: ``python benchmarks/bench_generation.py [--rounds N]``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from harness import (
    REPO,
    WORK,
    bench_env,
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
COOKIECUTTER_GOAL, STARTPROJECT_GOAL = 1.1, 1.5


def context(bin_dir: Path, framework: str, scratch: Path) -> list[str]:
    """The options stackwise resolves for this framework, as cookiecutter ``key=value`` args."""
    subprocess.run(
        stackwise_new(bin_dir, framework, "Bench App", scratch),
        check=True,
        capture_output=True,
    )
    record = json.loads((scratch / "bench_app" / ".stackwise.json").read_text("utf-8"))
    template_keys = json.loads(
        (REPO / "templates" / framework / "cookiecutter.json").read_text("utf-8")
    )
    return [f"{key}={record[key]}" for key in template_keys if not key.startswith("_")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    bin_dir = bench_env("django>=5.2,<6")
    base = empty_dir(WORK / "generation")
    config = base / "cookiecutter.yaml"
    config.write_text(f"replay_dir: {base / 'replay'}\ncookiecutters_dir: {base / 'cc'}\n")
    commands: dict[str, Callable[[], None]] = {}
    for fw in FRAMEWORKS:
        extra = context(bin_dir, fw, base / f"context-{fw}")
        commands[f"stackwise new ({fw})"] = into_new_dirs(
            lambda out, fw=fw: stackwise_new(bin_dir, fw, "Bench App", out),
            base,
        )
        commands[f"cookiecutter ({fw})"] = into_new_dirs(
            lambda out, fw=fw, extra=extra: [
                str(bin_dir / "cookiecutter"),
                "--no-input",
                "--config-file",
                str(config),
                "-o",
                str(out),
                str(REPO / "templates" / fw),
                *extra,
            ],
            base,
        )
    commands["django-admin startproject"] = into_new_dirs(
        lambda out: [
            str(bin_dir / "django-admin"),
            "startproject",
            "bench_app",
            str(out.mkdir() or out),
        ],
        base,
    )
    timings = interleave(commands, rounds=args.rounds, warmup=2)
    rows = []
    for fw in FRAMEWORKS:
        ours = timings[f"stackwise new ({fw})"]
        ratio = paired_ratio(timings, ours.name, f"cookiecutter ({fw})")
        rows.append(
            [
                fw,
                ms(ours.median),
                ms(timings[f"cookiecutter ({fw})"].median),
                f"{ratio:.2f}x",
                "met" if ratio <= COOKIECUTTER_GOAL else "missed",
            ]
        )
    django_ratio = paired_ratio(timings, "stackwise new (django)", "django-admin startproject")
    shutil.rmtree(base, ignore_errors=True)
    body = "\n\n".join(
        [
            "## Generation",
            f"Machine: {machine()}. {args.rounds} interleaved rounds after 2 warm-up rounds, "
            "each run into a new directory; ratios are medians of per-round ratios.",
            table(
                [
                    "framework",
                    "stackwise new",
                    "plain cookiecutter, same context",
                    f"ratio (goal ≤ {COOKIECUTTER_GOAL}x)",
                    "goal",
                ],
                rows,
            ),
            table(
                [
                    "",
                    "median",
                    f"ratio of stackwise new (django) (goal ≤ {STARTPROJECT_GOAL}x)",
                    "goal",
                ],
                [
                    [
                        "`django-admin startproject`",
                        ms(timings["django-admin startproject"].median),
                        f"{django_ratio:.2f}x",
                        "met" if django_ratio <= STARTPROJECT_GOAL else "missed",
                    ]
                ],
            ),
        ]
    )
    write_section("generation", body)


if __name__ == "__main__":
    main()
