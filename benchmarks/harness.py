"""What every benchmark shares: interleaved timing, medians and ratios, the results file.

On a shared, noisy machine only ratios measured side by side mean anything, so commands are
run in rounds, each round running every command once in a rotating order, after warm-up
rounds that are thrown away. A ratio is the median of the per-round ratios, so a slow
moment hits both sides of it.
"""

from __future__ import annotations

import itertools
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "docs" / "benchmarks.md"
WORK = REPO / ".cache" / "bench"
#: Numbers the directories of ``into_new_dirs``, one sequence for all its steps.
_RUNS = itertools.count()


@dataclass(frozen=True)
class Timing:
    name: str
    seconds: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def interleave(
    commands: Mapping[str, Callable[[], None]], rounds: int, warmup: int = 2
) -> dict[str, Timing]:
    """Run each command once a round, rotating the order, and keep the rounds after warm-up."""
    names = list(commands)
    times: dict[str, list[float]] = {name: [] for name in names}
    for index in range(warmup + rounds):
        shift = index % len(names)
        for name in names[shift:] + names[:shift]:
            start = time.perf_counter()
            commands[name]()
            elapsed = time.perf_counter() - start
            if index >= warmup:
                times[name].append(elapsed)
    return {name: Timing(name, values) for name, values in times.items()}


def paired_ratio(timings: Mapping[str, Timing], name: str, baseline: str) -> float:
    """The median over rounds of ``name / baseline`` measured in the same round."""
    pairs = zip(timings[name].seconds, timings[baseline].seconds, strict=True)
    return statistics.median(a / b for a, b in pairs)


def command(
    argv: Sequence[str], cwd: Path | None = None, env: Mapping[str, str] | None = None
) -> Callable[[], None]:
    """A callable that runs ``argv`` to completion, failing loudly if it fails."""

    def run() -> None:
        subprocess.run(
            argv,
            cwd=cwd,
            env=None if env is None else dict(env),
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    return run


def into_new_dirs(argv_for: Callable[[Path], Sequence[str]], base: Path) -> Callable[[], None]:
    """``command`` for a command that writes a project: each run writes into a directory of
    its own under ``base``, so that none finds what another wrote."""

    def run() -> None:
        command(argv_for(base / f"run{next(_RUNS)}"))()

    return run


def empty_dir(path: Path) -> Path:
    """``path``, emptied (and made if need be): where a benchmark writes what it measures."""
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def version_of(argv: Sequence[str]) -> str:
    """The first line a program prints about its version (wrk's exits 1 after printing it)."""
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    lines = (done.stdout or done.stderr).strip().splitlines()
    return lines[0] if lines else "?"


def machine() -> str:
    cpu = "unknown CPU"
    try:
        info = Path("/proc/cpuinfo").read_text()
        cpu = re.search(r"model name\s*:\s*(.+)", info).group(1)  # type: ignore[union-attr]
    except (OSError, AttributeError):
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"{platform.system()} {platform.release()}, {os.cpu_count()} cores ({cpu}), "
        f"Python {platform.python_version()} ({Path(sys.executable).resolve()}), "
        f"load average {load:.2f} at start"
    )


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def write_section(name: str, body: str, results: Path = RESULTS) -> None:
    """Replace this benchmark's section of its results file, keeping the others."""
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    text = results.read_text("utf-8") if results.exists() else "# Benchmarks\n"
    block = f"{begin}\n{body.strip()}\n{end}"
    if begin in text:
        text = re.sub(re.escape(begin) + ".*?" + re.escape(end), lambda _: block, text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    results.write_text(text, encoding="utf-8")
    print(body)


def python() -> str:
    return sys.executable


def child_environment(**extra: str) -> dict[str, str]:
    """This environment for a measured child process, without the ``PYTHON*`` and
    ``VIRTUAL_ENV`` variables of the shell that started the benchmark, as a CI job has it."""
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    return {**keep, **extra}


def stackwise_new(bin_dir: Path, framework: str, name: str, out: Path, *sets: str) -> list[str]:
    """``stackwise new --no-input`` as a pipeline runs it; ``sets`` are ``KEY=VALUE``."""
    options = [arg for pair in sets for arg in ("--set", pair)]
    command = [str(bin_dir / "stackwise"), "new", "--no-input", "--framework", framework]
    return [*command, "--name", name, "-o", str(out), *options]


def bench_env(*extra: str) -> Path:
    """A virtual environment with stackwise installed from this checkout as users install it.

    Rebuilt on every run so that it measures the code as it is now.
    """
    env = WORK / "env"
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(env)], check=True)
    subprocess.run(
        [
            str(env / "bin" / "pip"),
            "install",
            "-q",
            "--disable-pip-version-check",
            str(REPO),
            *extra,
        ],
        check=True,
    )
    return env / "bin"
