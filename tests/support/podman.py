"""Podman as this machine and CI can run it, and the stand-in images the starters build from.

No image registry is reachable, so ``FROM python:3.11-slim`` cannot be pulled: a stand-in
with the official image's interface (``python``, ``python3`` and ``pip`` on PATH, no
``EXTERNALLY-MANAGED`` marker, ``LANG=C.UTF-8``) is made with debootstrap from the Debian
mirror apt already uses, once, kept as a tarball under ``IMAGE_CACHE`` and imported under the
official tag. ``postgres:17`` and ``redis:8`` for compose are stand-ins built on it from
Debian's packages (``tests/images/standins``). What they prove is the starters' own
Dockerfile and compose steps, not the official images.

Podman runs with runc and cgroupfs and without default ulimits (crun fails on this machine's
hybrid cgroups, and the default file-descriptor limit cannot be raised here), from a
``containers.conf`` given through ``CONTAINERS_CONF``: nothing of this reaches /etc.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from filelock import FileLock

REPO = Path(__file__).resolve().parents[2]
IMAGE_CACHE = Path(os.environ.get("STACKWISE_IMAGE_CACHE", REPO / ".cache" / "images"))
STANDINS = REPO / "tests" / "images" / "standins"
BASE = "docker.io/library/python:3.11-slim"
#: Images the tests build carry this label, so that a stand-in is never taken for the real one.
LABEL = "org.stackwise.stand-in"
TIMEOUT = 900

CONTAINERS_CONF = """\
[containers]
default_ulimits = []

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"

[network]
network_backend = "netavark"
"""

#: The packages of the stand-in base: Python 3.11 with venv and pip, and the CA certificates.
BASE_PACKAGES = ("python3.11", "python3.11-venv", "python3-pip", "ca-certificates")
#: What the official slim image leaves out too: apt's caches and lists, docs, manuals, locales.
BASE_PRUNE = (
    "var/cache/apt",
    "var/lib/apt/lists",
    "usr/share/doc",
    "usr/share/man",
    "usr/share/locale",
)
BASE_CHANGES = (
    "ENV LANG=C.UTF-8",
    "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    'CMD ["python3"]',
)


def environment() -> dict[str, str]:
    """The environment podman (and podman-compose) run in: this tier's containers.conf."""
    IMAGE_CACHE.mkdir(parents=True, exist_ok=True)
    conf = IMAGE_CACHE / "containers.conf"
    if not conf.exists() or conf.read_text("utf-8") != CONTAINERS_CONF:
        partial = conf.with_suffix(f".{os.getpid()}")
        partial.write_text(CONTAINERS_CONF, encoding="utf-8")
        partial.replace(conf)
    return {**os.environ, "CONTAINERS_CONF": str(conf)}


def podman(
    *args: str, check: bool = True, timeout: float = TIMEOUT, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run podman; a failure raises with what it printed, for the test report."""
    return call(["podman", *args], check=check, timeout=timeout, cwd=cwd)


def call(
    command: Sequence[str],
    *,
    check: bool = True,
    timeout: float = TIMEOUT,
    cwd: Path | None = None,
    stdin: int | None = None,
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        list(command),
        env=environment(),
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        stdin=stdin,
    )
    if check and done.returncode != 0:
        raise AssertionError(
            f"{' '.join(command)} exited {done.returncode}\n"
            f"--- stdout\n{done.stdout[-6000:]}\n--- stderr\n{done.stderr[-6000:]}"
        )
    return done


def label_of(image: str) -> str | None:
    """The stand-in label of a local image, or None when there is no such image."""
    done = podman("image", "inspect", image, check=False)
    if done.returncode != 0:
        return None
    labels = json.loads(done.stdout)[0].get("Labels") or {}
    return str(labels.get(LABEL, ""))


def debian_mirror() -> str:
    """The Debian mirror apt uses on this machine (its first ``.../debian`` URI)."""
    sources = [Path("/etc/apt/sources.list"), *Path("/etc/apt/sources.list.d").glob("*")]
    for source in sources:
        if source.is_file():
            found = re.search(r"(https?://\S+/debian)/?(?:\s|$)", source.read_text("utf-8"))
            if found:
                return found.group(1)
    return "http://deb.debian.org/debian"


def base_key(mirror: str) -> str:
    recipe = json.dumps([BASE_PACKAGES, BASE_PRUNE, BASE_CHANGES, mirror])
    return hashlib.sha256(recipe.encode()).hexdigest()[:12]


def base_image() -> str:
    """The stand-in ``python:3.11-slim``: reused, imported from the cache, or made once."""
    mirror = debian_mirror()
    key = base_key(mirror)
    IMAGE_CACHE.mkdir(parents=True, exist_ok=True)
    with FileLock(str(IMAGE_CACHE / "base.lock")):
        if label_of(BASE) == key:
            return BASE
        tarball = IMAGE_CACHE / f"python-3.11-slim-{key}.tar"
        if not tarball.exists():
            _debootstrap(mirror, tarball)
        changes = [
            arg
            for change in (*BASE_CHANGES, f"LABEL {LABEL}={key}")
            for arg in ("--change", change)
        ]
        with tarball.open("rb") as stream:
            done = subprocess.run(
                ["podman", "import", *changes, "-", BASE],
                stdin=stream,
                env=environment(),
                capture_output=True,
                text=True,
                timeout=TIMEOUT,
                check=False,
            )
        if done.returncode != 0:
            raise AssertionError(f"podman import exited {done.returncode}\n{done.stderr}")
    return BASE


def _debootstrap(mirror: str, tarball: Path) -> None:
    with tempfile.TemporaryDirectory(dir=IMAGE_CACHE) as scratch:
        rootfs = Path(scratch) / "rootfs"
        include = ",".join(BASE_PACKAGES)
        call(
            [
                "debootstrap",
                "--variant=minbase",
                f"--include={include}",
                "bookworm",
                str(rootfs),
                mirror,
            ]
        )
        for pruned in BASE_PRUNE:
            for entry in (rootfs / pruned).glob("*"):
                if entry.is_dir() and not entry.is_symlink():
                    shutil.rmtree(entry)
                else:
                    entry.unlink()
        for marker in (rootfs / "usr/lib").glob("python3*/EXTERNALLY-MANAGED"):
            marker.unlink()
        for name, target in (("python", "python3"), ("python3", "python3"), ("pip", "pip3")):
            (rootfs / "usr/local/bin" / name).symlink_to(f"/usr/bin/{target}")
        partial = tarball.with_suffix(".partial")
        call(["tar", "-C", str(rootfs), "-cf", str(partial), "."])
        partial.replace(tarball)


def standin(tag: str, containerfile: str) -> str:
    """A stand-in service image (``postgres:17``, ``redis:8``) built on the stand-in base."""
    base_image()
    digest = hashlib.sha256()
    for path in sorted(STANDINS.iterdir()):
        digest.update(path.name.encode() + path.read_bytes())
    key = digest.hexdigest()[:12]
    with FileLock(str(IMAGE_CACHE / "standins.lock")):
        if label_of(tag) != key:
            podman(
                "build",
                "--network=host",
                "--label",
                f"{LABEL}={key}",
                "-f",
                str(STANDINS / containerfile),
                "-t",
                tag,
                str(STANDINS),
            )
    return tag


def pip_mounts() -> list[str]:
    """``--volume`` arguments that let pip and uv in a build reach the index as the host's do.

    The pip configuration files ``pip config debug`` lists, the constraints files they
    name, and the system's CA certificates, read-only at the same places; and a system
    configuration of uv (``/etc/uv/uv.toml``) that makes it trust those certificates, as
    pip's ``cert`` does (uv otherwise trusts only the roots it was built with).
    """
    IMAGE_CACHE.mkdir(parents=True, exist_ok=True)
    uv_config = IMAGE_CACHE / "uv.toml"
    if not uv_config.is_file():  # written once, whole: builds on other workers mount it
        partial = uv_config.with_name(f"uv.toml.{os.getpid()}")
        partial.write_text("native-tls = true\n", "utf-8")
        os.replace(partial, uv_config)
    debug = subprocess.run(
        [sys.executable, "-m", "pip", "config", "debug"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    paths = set(re.findall(r"^\s+(/\S+), exists: True$", debug, re.MULTILINE))
    paths.update(re.findall(r"^\s+\S*constraint: (/\S+)$", debug, re.MULTILINE))
    paths.add("/etc/ssl/certs")
    mounts = [f"--volume={path}:{path}:ro" for path in sorted(paths) if Path(path).exists()]
    return [*mounts, f"--volume={uv_config}:/etc/uv/uv.toml:ro"]
