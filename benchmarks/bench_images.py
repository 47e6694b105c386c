"""The starters' images: their size, and how long podman takes to build them cold and warm.

Per framework, for its defaults and with every option on: ``stackwise new --no-input``, then
``podman build --no-cache`` (cold: every step runs, uv downloads every package); then, after
a build that fills podman's layer cache and a change to one module of the code, ``podman
build`` again (warm: the dependency layer comes from the cache). Built as the image tier
builds them (``tests/support/podman.py``): from the stand-in ``python:3.11-slim``, with the
host's pip configuration mounted and ``--network=host``. The size is the image's as podman
reports it, the base's included. Run: ``python benchmarks/bench_images.py [--rounds N]``
(as root, with podman; see the README's tests section).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
from pathlib import Path

from harness import REPO, WORK, bench_env, empty_dir, machine, stackwise_new, table, write_section

sys.path.insert(0, str(REPO / "tests"))

from support.images import FRAMEWORKS, build
from support.podman import BASE, base_image, call, podman

ALL_ON = [
    "database=postgresql",
    "auth=yes",
    "admin=yes",
    "html=yes",
    "realtime=yes",
    "api_docs=yes",
    "tasks=celery",
    "email=yes",
    "sentry=yes",
]
VARIANTS = {"defaults": [], "all options on": ALL_ON}
CODE = {name: framework.code for name, framework in FRAMEWORKS.items()}


def size_mb(tag: str) -> float:
    return int(json.loads(podman("image", "inspect", tag).stdout)[0]["Size"]) / 1e6


def one_round(bin_dir: Path, framework: str, sets: list[str], base: Path) -> dict[str, float]:
    empty_dir(base)
    call(stackwise_new(bin_dir, framework, "Bench App", base, *sets), cwd=base)
    project = base / "bench_app"
    tag = f"localhost/stackwise-bench/{framework}:1"
    cold, _ = build(project, tag, "--no-cache")
    build(project, tag)  # a --no-cache build leaves no layers for the next to reuse
    code = project / CODE[framework].format(slug=project.name)
    code.write_text(code.read_text("utf-8") + "# a change to the code alone\n", "utf-8")
    warm, _ = build(project, tag)
    return {"cold": cold, "warm": warm, "size": size_mb(tag)}


def measure(bin_dir: Path, rounds: int) -> list[list[str]]:
    rows = []
    for framework in FRAMEWORKS:
        for variant, sets in VARIANTS.items():
            runs = [
                one_round(bin_dir, framework, sets, WORK / "images" / framework)
                for _ in range(rounds)
            ]
            median = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
            rows.append(
                [
                    framework,
                    variant,
                    f"{median['size']:.0f} MB",
                    f"{median['size'] - size_mb(BASE):.0f} MB",
                    f"{median['cold']:.1f} s",
                    f"{median['warm']:.1f} s",
                ]
            )
    shutil.rmtree(WORK / "images", ignore_errors=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    bin_dir = bench_env()
    base_image()
    rows = measure(bin_dir, args.rounds)
    version = podman("--version").stdout.strip()
    body = "\n\n".join(
        [
            "## Images",
            f"Machine: {machine()}. {version} (runc, cgroupfs), building from the stand-in "
            f"`python:3.11-slim` of the image tier ({size_mb(BASE):.0f} MB: Debian bookworm's "
            "Python 3.11 and pip, where the official image has its own build of Python), so "
            "the sizes are this base's plus what each Dockerfile adds. Cold: `podman build "
            "--no-cache`, every package downloaded (pip's cache stays out of the images, and "
            "this machine's package index answers with nothing pip may cache); warm: the same "
            "build after a change to one module, the dependency layer from the cache. "
            f"Medians of {args.rounds} round{'s' * (args.rounds != 1)}.",
            table(
                ["framework", "options", "image", "added to the base", "cold build", "warm build"],
                rows,
            ),
        ]
    )
    write_section("images", body)


if __name__ == "__main__":
    main()
