"""A third-party template: ``stackwise new --template DIR --no-input`` against plain
``cookiecutter --no-input DIR`` on the same template and answers.

The template is ``tests/fixtures/templates/features`` (a plain cookiecutter template with
choices, booleans, a dict variable, an extension, ``_copy_without_render`` and two hooks),
so both sides run its hooks (stackwise with ``--trust``). Every run writes into a new
directory; all are removed at the end. Goal: at most 1.0x plain cookiecutter.
Run: ``python benchmarks/bench_template.py [--rounds N]``.
"""

from __future__ import annotations

import argparse
import shutil

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
    table,
    version_of,
    write_section,
)

TEMPLATE = REPO / "tests" / "fixtures" / "templates" / "features"
ANSWERS = ("project_name=Bench App", "license=Apache-2.0", "use_docker=no", "strict=yes")
GOAL = 1.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    bin_dir = bench_env()
    base = empty_dir(WORK / "template")
    config = base / "cookiecutter.yaml"
    config.write_text(f"replay_dir: {base / 'replay'}\ncookiecutters_dir: {base / 'cc'}\n")
    sets = [word for pair in ANSWERS for word in ("--set", pair)]
    stackwise = [str(bin_dir / "stackwise"), "new", "--no-input", "--trust"]
    cookiecutter = [str(bin_dir / "cookiecutter"), "--no-input", "--config-file", str(config)]
    commands = {
        "stackwise new --template": into_new_dirs(
            lambda out: [*stackwise, "--template", str(TEMPLATE), *sets, "-o", str(out)], base
        ),
        "cookiecutter": into_new_dirs(
            lambda out: [*cookiecutter, "-o", str(out), str(TEMPLATE), *ANSWERS], base
        ),
    }
    timings = interleave(commands, rounds=args.rounds, warmup=2)
    ratio = paired_ratio(timings, "stackwise new --template", "cookiecutter")
    shutil.rmtree(base, ignore_errors=True)
    body = "\n\n".join(
        [
            "## A third-party template",
            f"Machine: {machine()}. {version_of([str(bin_dir / 'cookiecutter'), '--version'])}. "
            f"{args.rounds} interleaved rounds after 2 warm-up rounds, each run into a new "
            "directory; the ratio is the median of per-round ratios. Template: "
            "`tests/fixtures/templates/features` with its two hooks, answers "
            f"`{' '.join(ANSWERS)}`.",
            table(
                [
                    "stackwise new --template",
                    "plain cookiecutter, same answers",
                    f"ratio (goal ≤ {GOAL}x)",
                    "goal",
                ],
                [
                    [
                        ms(timings["stackwise new --template"].median),
                        ms(timings["cookiecutter"].median),
                        f"{ratio:.2f}x",
                        "met" if ratio <= GOAL else "missed",
                    ]
                ],
            ),
        ]
    )
    write_section("template", body)


if __name__ == "__main__":
    main()
