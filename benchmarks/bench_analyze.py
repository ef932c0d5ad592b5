#!/usr/bin/env python3
"""Benchmark ``forensics analyze`` against a plain ffmpeg decode of the same clip.

Targets (see ``forensics/media/frames.py``): analyze wall time <= 1.5x a plain decode, and peak
resident memory of analyze (Python process plus its ffmpeg child) < 500 MB.

What it does, in one run:

1. Builds a synthetic but decoder-realistic test clip, or reuses the cached one under
   ``benchmarks/out/`` (git-ignored): 1280x720, 30 fps, H.264 (libx264 ``veryfast``, CRF 23)
   with AAC audio, a different source every 10 s (scene cuts), moderate temporal noise.
2. Alternates, ``--rounds`` times: a plain decode ``ffmpeg -i clip -f null -`` and
   ``forensics analyze clip --out TMP`` run through the installed console script, so
   interpreter start-up and imports are counted.
3. Prints medians, the analyze/decode ratio, peak memory and PASS/FAIL per target.
4. Profiles one analyze in a fresh interpreter through its ``progress`` callback (plus a
   finer split by wrapping the helpers ``forensics.pipeline.analyze`` calls, in the
   namespaces of ``forensics.pipeline``, ``forensics.describe`` and
   ``forensics.reuse.decoding``, the one decode ``analyze`` shares with ``compare``) and prints
   the per-step breakdown.

Memory is measured two ways (see benchmarks/README.md):

* per process, by polling ``/proc/PID/status`` ``VmHWM`` (kernel high-water mark of resident
  memory) of the whole process tree every 20 ms, and the sampled sum of ``VmRSS`` across the
  tree (the concurrent peak); Python's peak plus its largest child's peak is the upper bound
  we gate on;
* ``os.wait4(pid).ru_maxrss`` of each measured child: exact maximum over the child and its
  reaped descendants, independent of earlier children (unlike ``RUSAGE_CHILDREN``), but
  Linux folds the spawning process's RSS at fork/exec into it, so it is an upper bound that
  includes this (deliberately lean) script's own RSS.

Exit code is 0 even when a target fails, unless ``--strict``. Linux only (``/proc``).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
RECIPE_VERSION = 1  # bump when the clip recipe changes; it is part of the cache file name
SEGMENT_S = 10.0
WIDTH, HEIGHT, FPS = 1280, 720, 30
RATIO_TARGET = 1.5
MEMORY_TARGET_MB = 500.0
POLL_S = 0.02
PYTHON_NAMES = ("python", "forensics")  # /proc comm of the CLI is its script name

# One entry per 10-second scene; cycled, each cycle with a different hue shift.
SOURCES = (
    f"testsrc2=s={WIDTH}x{HEIGHT}:r={FPS}",
    f"life=s=640x360:r={FPS}:mold=10:ratio=0.1:life_color=#40ff60:death_color=#a02020",
    f"testsrc2=s={WIDTH}x{HEIGHT}:r={FPS},rotate=a=0.12*t:fillcolor=#203040",
    f"mandelbrot=s=640x360:r={FPS}:maxiter=256",
    f"gradients=s={WIDTH}x{HEIGHT}:r={FPS}:speed=0.03:n=5",
    f"life=s=426x240:r={FPS}:mold=20:ratio=0.2:life_color=#f0c040:death_color=#304080",
)


# --------------------------------------------------------------------------- toolchain


def toolchain(env: dict[str, str]) -> dict[str, str | None]:
    """``forensics.media.toolchain.find_toolchain()`` under ``env``, asked in a child interpreter:
    importing ``forensics`` pulls in numpy/OpenCV/PyAV (~60 MB), and this process must stay
    small because Linux counts the spawner's RSS in each child's ``ru_maxrss``."""
    code = (
        "import json; from forensics.media.toolchain import find_toolchain; "
        "print(json.dumps(find_toolchain().to_dict()))"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         text=True, check=False)  # fmt: skip
    if out.returncode:
        sys.exit(f"find_toolchain() failed:\n{out.stderr.strip()}")
    return json.loads(out.stdout)


def forensics_cli() -> list[str]:
    """The installed console script beside this interpreter (not a pyenv shim, whose
    ``pyenv exec`` start-up would be billed to analyze), else PATH, else ``-m forensics``."""
    beside = Path(sys.executable).parent / "forensics"
    if beside.is_file() and os.access(beside, os.X_OK):
        return [str(beside)]
    found = shutil.which("forensics")
    return [found] if found else [sys.executable, "-m", "forensics"]


# --------------------------------------------------------------------------- test clip


def clip_path(duration: float) -> Path:
    return OUT / f"clip_{WIDTH}x{HEIGHT}p{FPS}_{duration:g}s_v{RECIPE_VERSION}.mp4"


def clip_command(ffmpeg: str, duration: float, target: Path) -> list[str]:
    segments = []
    start = 0.0
    while start < duration - 1e-6:
        segments.append(min(SEGMENT_S, duration - start))
        start += SEGMENT_S
    args = [ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error", "-y"]
    chains = []
    for index, length in enumerate(segments):
        args += ["-f", "lavfi", "-t", f"{length:g}", "-i", SOURCES[index % len(SOURCES)]]
        hue = (index // len(SOURCES)) * 140 + index * 25
        chains.append(
            f"[{index}:v]scale={WIDTH}:{HEIGHT}:flags=bicubic,fps={FPS},format=yuv420p,"
            f"setsar=1,hue=h={hue % 360}[v{index}]"
        )
    audio = len(segments)
    for source in ("anoisesrc=c=pink:a=0.08:r=48000", "sine=f=220:beep_factor=3:r=48000"):
        args += ["-f", "lavfi", "-t", f"{duration:g}", "-i", source]
    labels = "".join(f"[v{i}]" for i in range(len(segments)))
    graph = ";".join([
        *chains,
        f"{labels}concat=n={len(segments)}:v=1:a=0,noise=alls=4:allf=t[v]",
        f"[{audio}:a][{audio + 1}:a]amix=inputs=2,aformat=channel_layouts=stereo[a]",
    ])  # fmt: skip
    return [
        *args,
        "-filter_complex", graph, "-map", "[v]", "-map", "[a]",
        "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p",
        "-c:a", "aac", "-b:a", "128k", "-movflags", "+faststart", "-t", f"{duration:g}",
        "-f", "mp4", str(target),
    ]  # fmt: skip


def ensure_clip(ffmpeg: str, duration: float) -> Path:
    target = clip_path(duration)
    if target.is_file():
        print(f"clip: reusing {target.relative_to(HERE.parent)}")
        return target
    OUT.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part.mp4")
    print(f"clip: building {target.relative_to(HERE.parent)} with {ffmpeg} "
          f"(slow: libx264 at {WIDTH}x{HEIGHT})...", flush=True)  # fmt: skip
    started = time.perf_counter()
    done = subprocess.run(clip_command(ffmpeg, duration, partial), stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, check=False)  # fmt: skip
    if done.returncode:
        partial.unlink(missing_ok=True)
        sys.exit(f"building the clip failed:\n{done.stderr.strip()[-2000:]}")
    partial.rename(target)
    print(f"clip: built in {time.perf_counter() - started:.1f} s")
    return target


def describe_clip(clip: Path, duration: float) -> str:
    size = clip.stat().st_size
    return (f"{clip.name}: {size / 1e6:.1f} MB, {size * 8 / duration / 1e6:.2f} Mbit/s "
            f"overall, {WIDTH}x{HEIGHT} {FPS} fps H.264 + AAC, {duration:g} s")  # fmt: skip


# --------------------------------------------------------------------------- measuring


@dataclass
class Run:
    wall_s: float
    cpu_s: float  # user + system of the child and its reaped descendants
    tree_maxrss_mb: float  # os.wait4 ru_maxrss (includes spawner RSS at fork, see above)
    peaks_mb: dict[str, float]  # per process name: largest VmHWM seen (over pids of that name)
    concurrent_mb: float  # largest sampled sum of VmRSS over the tree
    returncode: int
    stderr: str = ""
    per_pid: dict[int, tuple[str, float]] = field(default_factory=dict)

    @property
    def python_peak_mb(self) -> float:
        return max((mb for n, mb in self.peaks_mb.items() if n.startswith(PYTHON_NAMES)),
                   default=0.0)  # fmt: skip

    @property
    def ffmpeg_peak_mb(self) -> float:
        """comm is cut to 15 characters: the bundled binary shows as ``ffmpeg-linux-x8``."""
        return max((mb for n, mb in self.peaks_mb.items() if n.startswith("ffmpeg")),
                   default=0.0)  # fmt: skip

    @property
    def upper_bound_mb(self) -> float:
        """Peak of the Python process plus the largest peak among its children. analyze runs
        its children (ffmpeg -version, ffprobe, the extraction ffmpeg) one after another, so
        at most one is alive beside Python: this bounds the concurrent total from above."""
        children = [mb for n, mb in self.peaks_mb.items() if not n.startswith(PYTHON_NAMES)]
        return self.python_peak_mb + max(children, default=0.0)


def _status(pid: int) -> tuple[str, float, float] | None:
    """(name, VmHWM MB, VmRSS MB) of ``pid`` or None once it is gone / a zombie."""
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    fields = dict(line.split(":", 1) for line in text.splitlines() if ":" in line)
    if "VmHWM" not in fields:
        return None
    kb = lambda key: float(fields[key].split()[0])  # noqa: E731
    return fields["Name"].strip(), kb("VmHWM") / 1024, kb("VmRSS") / 1024


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                kids = Path(f"/proc/{current}/task/{task}/children").read_text().split()
                todo.extend(int(k) for k in kids)
        except OSError:
            continue
    return pids


class TreePoller(threading.Thread):
    """Samples VmHWM/VmRSS of a process tree until stopped. A pid's name is re-read on every
    sample so that a vfork()ed child is booked under the program it exec()s, not its parent."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.stop = threading.Event()
        self.hwm: dict[int, dict[str, float]] = {}
        self.names: dict[int, str] = {}
        self.concurrent = 0.0

    def run(self) -> None:
        while not self.stop.is_set():
            total = 0.0
            for pid in _tree(self.pid):
                got = _status(pid)
                if got is None:
                    continue
                name, hwm, rss = got
                self.names[pid] = name
                seen = self.hwm.setdefault(pid, {})
                seen[name] = max(seen.get(name, 0.0), hwm)
                total += rss
            self.concurrent = max(self.concurrent, total)
            self.stop.wait(POLL_S)

    def per_pid(self) -> dict[int, tuple[str, float]]:
        return {pid: (self.names[pid], self.hwm[pid][self.names[pid]]) for pid in self.hwm}


def measure(cmd: list[str], env: dict[str, str]) -> Run:
    """Run ``cmd`` once; wall time from spawn to reap; reaped with os.wait4 for its rusage."""
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=err)  # fmt: skip
        poller = TreePoller(proc.pid)
        poller.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        poller.stop.set()
        poller.join()
        proc.returncode = os.waitstatus_to_exitcode(status)  # already reaped: tell Popen
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    per_pid = poller.per_pid()
    peaks: dict[str, float] = {}
    for name, mb in per_pid.values():
        peaks[name] = max(peaks.get(name, 0.0), mb)
    return Run(
        wall_s=wall, cpu_s=usage.ru_utime + usage.ru_stime,
        tree_maxrss_mb=usage.ru_maxrss / 1024, peaks_mb=peaks,
        concurrent_mb=poller.concurrent, returncode=proc.returncode, stderr=stderr,
        per_pid=per_pid,
    )  # fmt: skip


# --------------------------------------------------------------------------- profile


def profile_child(clip: str, out_dir: str) -> None:
    """Run in a fresh interpreter: time the imports, then one ``analyze`` with a progress
    callback, plus the helpers it calls (wrapped in the namespaces they are called from:
    ``forensics.pipeline``, ``forensics.describe`` and ``forensics.reuse.decoding``, whose
    ``decode_clip`` calls ``extract``, ``detect_borders`` and ``hash_frames``)."""
    started = time.perf_counter()
    from forensics import describe, pipeline
    from forensics.reuse import decoding

    namespaces: list[ModuleType] = [pipeline, describe, decoding]

    imported = time.perf_counter()
    calls: list[tuple[str, float, float]] = []  # (name, seconds, child cpu seconds)
    missing: list[str] = []  # helpers no namespace holds (renamed or moved)

    def wrap(name: str) -> None:
        holders = [m for m in namespaces if hasattr(m, name)]
        if not holders:
            missing.append(name)
        for module in holders:
            wrap_in(module, name)

    def wrap_in(module: ModuleType, name: str) -> None:
        inner = getattr(module, name)

        def timed(*args, **kwargs):  # type: ignore[no-untyped-def]
            t0 = time.perf_counter()
            c0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            try:
                return inner(*args, **kwargs)
            finally:
                c1 = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu = (c1.ru_utime + c1.ru_stime) - (c0.ru_utime + c0.ru_stime)
                calls.append((name, time.perf_counter() - t0, cpu))

        setattr(module, name, timed)

    for name in ("find_toolchain", "identify", "link_claims", "read_evidence", "probe",
                 "media_info", "interpret", "decode_clip", "extract", "detect_borders",
                 "hash_frames", "keyframes", "evaluate", "tool_info",
                 "write_report"):  # fmt: skip
        wrap(name)
    marks: list[tuple[str, float]] = []
    begin = time.perf_counter()
    result = pipeline.analyze(
        clip, out_dir, progress=lambda message: marks.append((message, time.perf_counter()))
    )
    end = time.perf_counter()
    first = marks[0][1] if marks else end
    steps = [("(before first step: find_toolchain)", first - begin)]
    for (message, at), nxt in zip(marks, [*(m[1] for m in marks[1:]), end], strict=True):
        steps.append((message, nxt - at))
    self_usage = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({
        "imports_s": imported - started,
        "analyze_s": end - begin,
        "steps": steps,
        "calls": calls,
        "missing": missing,
        "frames_hashed": result.record.frames_hashed,
        "keyframes": len(result.record.keyframes),
        "python_cpu_s": self_usage.ru_utime + self_usage.ru_stime,
        "python_maxrss_mb": self_usage.ru_maxrss / 1024,
    }))  # fmt: skip


def profile(clip: Path, env: dict[str, str]) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-profile-") as out:
        done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "_profile",
                               str(clip), out], env=env, capture_output=True, text=True,
                              check=False)  # fmt: skip
    if done.returncode:
        print(f"profile failed:\n{done.stderr.strip()[-2000:]}")
        return {}
    return json.loads(done.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------- main


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["_profile"]:
        profile_child(argv[1], argv[2])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="decode/analyze pairs (3)")
    parser.add_argument("--duration", type=float, default=120.0, help="clip seconds (120)")
    parser.add_argument(
        "--ffmpeg", default="default",
        help="'default' (FORENSICS_FFMPEG as in your environment), 'bundled' "
        "(imageio-ffmpeg binary + PyAV probing) or a path to an ffmpeg binary",
    )  # fmt: skip
    parser.add_argument("--no-profile", action="store_true", help="skip the per-step profile")
    parser.add_argument("--strict", action="store_true", help="exit 1 if a target fails")
    args = parser.parse_args(argv)
    if args.rounds < 1 or args.duration <= 0:
        parser.error("--rounds and --duration must be positive")

    t_start = time.perf_counter()
    base_env = dict(os.environ)
    clip = ensure_clip(str(toolchain(base_env)["ffmpeg"]), args.duration)
    env = dict(base_env)
    if args.ffmpeg != "default":
        env["FORENSICS_FFMPEG"] = args.ffmpeg
    tools = toolchain(env)
    ffmpeg = str(tools["ffmpeg"])
    with clip.open("rb") as handle:  # page cache warm for every contender alike
        while handle.read(1 << 22):
            pass

    print(describe_clip(clip, args.duration))
    print(f"toolchain ({args.ffmpeg}): ffmpeg {tools['ffmpeg_version']} at {ffmpeg} "
          f"[{tools['ffmpeg_source']}], probe backend {tools['probe_backend']}")  # fmt: skip
    print(
        f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at start; "
        f"this script's RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )
    decode_cmd = [ffmpeg, "-hide_banner", "-nostdin", "-nostats", "-loglevel", "error",
                  "-i", str(clip), "-f", "null", "-"]  # fmt: skip
    cli = forensics_cli()
    print(f"decode : {' '.join(decode_cmd)}")
    print(f"analyze: {' '.join(cli)} analyze {clip} --out TMPDIR\n")

    decodes: list[Run] = []
    analyses: list[Run] = []
    for number in range(1, args.rounds + 1):
        decode = measure(decode_cmd, env)
        if decode.returncode:
            sys.exit(f"plain decode failed ({decode.returncode}):\n{decode.stderr[-2000:]}")
        with tempfile.TemporaryDirectory(prefix="bench-analyze-") as out:
            run = measure([*cli, "analyze", str(clip), "--out", out], env)
        if run.returncode:
            sys.exit(f"analyze failed ({run.returncode}):\n{run.stderr[-2000:]}")
        decodes.append(decode)
        analyses.append(run)
        procs = ", ".join(f"{n} {mb:.0f}" for n, mb in sorted(run.peaks_mb.items()))
        print(f"round {number}: decode {decode.wall_s:6.2f} s (cpu {decode.cpu_s:6.2f} s, "
              f"{decode.ffmpeg_peak_mb:.0f} MB) | analyze {run.wall_s:6.2f} s "
              f"(cpu {run.cpu_s:6.2f} s; peak MB: {procs}; "
              f"concurrent {run.concurrent_mb:.0f}; wait4 {run.tree_maxrss_mb:.0f})",
              flush=True)  # fmt: skip

    dec = statistics.median(r.wall_s for r in decodes)
    ana = statistics.median(r.wall_s for r in analyses)
    ratio = ana / dec
    python_peak = max(r.python_peak_mb for r in analyses)
    ffmpeg_peak = max(r.ffmpeg_peak_mb for r in analyses)
    other = max(max((mb for n, mb in r.peaks_mb.items()
                     if not n.startswith((*PYTHON_NAMES, "ffmpeg"))), default=0.0)
                for r in analyses)  # fmt: skip
    upper = max(r.upper_bound_mb for r in analyses)
    concurrent = max(r.concurrent_mb for r in analyses)
    wait4 = max(r.tree_maxrss_mb for r in analyses)
    cpu_dec = statistics.median(r.cpu_s for r in decodes)
    cpu_ana = statistics.median(r.cpu_s for r in analyses)
    ratio_ok, memory_ok = ratio <= RATIO_TARGET, upper < MEMORY_TARGET_MB

    rows = [
        ("median plain decode", f"{dec:.2f} s", "", ""),
        ("median analyze", f"{ana:.2f} s", "", ""),
        ("ratio analyze/decode", f"{ratio:.2f}x", f"<= {RATIO_TARGET}x", verdict(ratio_ok)),
        ("peak RSS python (analyze)", f"{python_peak:.0f} MB", "", ""),
        ("peak RSS ffmpeg (analyze)", f"{ffmpeg_peak:.0f} MB", "", ""),
        ("peak RSS other children", f"{other:.0f} MB", "", ""),
        ("peak memory (python+ffmpeg)", f"{upper:.0f} MB", f"< {MEMORY_TARGET_MB:.0f} MB",
         verdict(memory_ok)),
        ("  sampled concurrent RSS", f"{concurrent:.0f} MB", "", ""),
        ("  wait4 ru_maxrss (tree max)", f"{wait4:.0f} MB", "", ""),
        ("median cpu decode / analyze", f"{cpu_dec:.2f} / {cpu_ana:.2f} s", "", ""),
        ("  cpu ratio (load-robust)", f"{cpu_ana / cpu_dec:.2f}x", "", ""),
    ]  # fmt: skip
    print(f"\n== {args.ffmpeg} toolchain, {args.rounds} rounds ==")
    print(f"{'measure':<30} {'value':>16} {'target':>10} {'':>5}")
    for label, value, target, mark in rows:
        print(f"{label:<30} {value:>16} {target:>10} {mark:>5}")

    if not args.no_profile:
        print("\nprofile of one analyze (fresh interpreter, in-process, progress callback):")
        data = profile(clip, env)
        if data:
            total = data["analyze_s"]
            print(f"  {'imports (import forensics.pipeline)':<40} {data['imports_s']:7.2f} s")
            for message, seconds in data["steps"]:
                print(f"  {message:<40} {seconds:7.2f} s  {100 * seconds / total:5.1f}%")
            print(f"  {'analyze() total':<40} {total:7.2f} s")
            print("  helpers called by analyze (wall s; child-process cpu s):")
            for name, seconds, cpu in data["calls"]:
                extra = f"  child cpu {cpu:6.2f} s" if cpu > 0.005 else ""
                print(f"    {name:<38} {seconds:7.2f} s{extra}")
            if data.get("missing"):
                print(f"    (not found, so not timed: {', '.join(data['missing'])})")
            print(f"  {data['frames_hashed']} frames hashed, {data['keyframes']} keyframes; "
                  f"python cpu {data['python_cpu_s']:.2f} s, "
                  f"python maxrss {data['python_maxrss_mb']:.0f} MB")  # fmt: skip

    failed = not (ratio_ok and memory_ok)
    print(f"\noverall: {verdict(not failed)}  (total bench time "
          f"{time.perf_counter() - t_start:.0f} s)")  # fmt: skip
    return 1 if failed and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
