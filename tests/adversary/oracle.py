"""What ``forensics analyze`` must have done with an item, judged from outside: its exit code,
its output, the folders and files it left, the case index, the pages and ``forensics verify``.

Every problem found is a ``(kind, detail)`` pair; the kinds (:data:`KINDS`) are what the
benchmark counts. A run with no problem is a correct outcome for its item.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import sqlite3
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

from tests.adversary.corpus import DAMAGE, Item

KINDS = {
    "internal": "exit 1 (internal error) or an exit code the README does not name",
    "hang": "no answer within the per-item time limit",
    "traceback": "a Python traceback on stdout or stderr",
    "stderr": "a failure without exactly one plain 'error: ...' line naming the file",
    "stdout": "--json did not print exactly one JSON record (or printed one on failure)",
    "forged": "a damage finding on a clean clip",
    "missed": "a damaged clip without a damage finding, a required finding missing, or a clean "
    "clip refused",
    "accepted": "not a media file, yet analysed",
    "html": "hostile markup live in a page (script, event handler, javascript: URL)",
    "leftover": "a staging folder, .part file or decode spool left behind",
    "index": "the case index inconsistent (integrity, pending clip, clip without its report, "
    "a failed clip's trace)",
    "verify": "forensics verify --no-decode did not pass on a report written",
    "bloat": "a report file over 2 MB from a small input",
    "canary": "a shell-injection canary file appeared",
    "memory": "peak memory over the limit",
}
EXIT_NAMED = {0, 2, 3, 4, 5, 130}
REPORT_DIR = re.compile(r"[\w-]+-[0-9a-f]{12}")
CASE_FILES = {"case.sqlite", "case.sqlite-wal", "case.sqlite-shm", "case.sqlite-tables",
              "index.html", "case-index.json", "manifest.json"}  # fmt: skip
# Characters that must never reach a terminal raw: C0/C1 controls, separators, bidi marks.
HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e"
                    "\u2066-\u2069]")  # fmt: skip
MAX_REPORT_BYTES = 2 << 20


@dataclass(frozen=True)
class Run:
    """How one ``forensics analyze`` run ended (``code`` None: stopped at the time limit)."""

    code: int | None
    stdout: str
    stderr: str
    seconds: float
    peak_rss_mb: float | None = None


@dataclass(frozen=True)
class Verdict:
    item: Item
    run: Run
    problems: tuple[tuple[str, str], ...]
    flags: frozenset[str]  # the finding codes, when analysed

    @property
    def ok(self) -> bool:
        return not self.problems

    def describe(self) -> str:
        made = self.item.made
        lines = [f"{self.item.name}: {made.note} (expected: {made.expect.why})",
                 f"  exit {self.run.code}, findings {sorted(self.flags)}"]  # fmt: skip
        lines += [f"  {kind}: {detail}" for kind, detail in self.problems]
        if self.run.stderr.strip():
            lines.append(f"  stderr: {self.run.stderr.strip()[:800]!r}")
        return "\n".join(lines)


Verifier = Callable[[Sequence[Path]], tuple[int, str]]  # paths -> (exit code, output)


def report_folders(out: Path) -> set[Path]:
    if not out.is_dir():
        return set()
    return {p for p in out.iterdir() if p.is_dir() and REPORT_DIR.fullmatch(p.name)}


def judge(item: Item, run: Run, before: set[Path], verify: Verifier,
          temp: Path | None = None, memory_mb: float | None = None) -> Verdict:  # fmt: skip
    """Every problem with ``run`` of ``item`` (``before``: the report folders --out held)."""
    problems: list[tuple[str, str]] = []
    flags, record = _exit_and_output(item, run, problems)
    _expectation(item, run.code, flags, problems)
    out = item.out
    written = report_folders(out) - before
    if run.code == 0 and record is not None and len(written) > 1:
        problems.append(("leftover", f"{len(written)} new report folders for one clip"))
    problems += [("html", p) for p in page_problems(out)]
    problems += [("leftover", p) for p in leftovers(out, temp)]
    problems += [("index", p) for p in case_problems(out)]
    sha = evidence_sha(item.made.path)
    if run.code not in (0, None) and sha is not None:
        problems += [("index", p) for p in trace_of(out, sha, before)]
    problems += [("bloat", p) for p in bloat(written)]
    problems += [("canary", f"{p} exists") for p in item.made.absent if os.path.lexists(p)]
    problems += verify_problems(out, verify)
    if memory_mb is not None and (run.peak_rss_mb or 0) > memory_mb:
        problems.append(("memory", f"peak RSS {run.peak_rss_mb:.0f} MB"))
    return Verdict(item, run, tuple(problems), flags)


def _exit_and_output(item: Item, run: Run, problems: list[tuple[str, str]]
                     ) -> tuple[frozenset[str], dict | None]:  # fmt: skip
    if run.code is None:
        problems.append(("hang", f"stopped after {run.seconds:.0f} s"))
        return frozenset(), None
    if "Traceback (most recent call last)" in run.stdout + run.stderr:
        problems.append(("traceback", run.stderr.strip().splitlines()[-1][:300]))
    if run.code not in EXIT_NAMED or run.code == 1:
        problems.append(("internal", f"exit {run.code}: {run.stderr.strip()[-300:]}"))
        return frozenset(), None
    if run.code != 0:
        problems += [("stdout", f"printed on failure: {run.stdout[:200]!r}")] if run.stdout else []
        problems += [("stderr", p) for p in _error_line(item, run.stderr)]
        return frozenset(), None
    problems += [("stderr", f"raw control character in {line!r}")
                 for line in run.stderr.splitlines() if HIDDEN.search(line)]  # fmt: skip
    # JSON Lines: records end at "\n" only (a tag may hold U+2028, which splitlines() splits at)
    lines = [line for line in run.stdout.split("\n") if line]
    try:
        [line] = lines
        record = json.loads(line)
        return frozenset(f["code"] for f in record["flags"]), record
    except (ValueError, KeyError, TypeError) as exc:
        problems.append(("stdout", f"not one JSON record ({exc}): {run.stdout[:200]!r}"))
        return frozenset(), None


def _error_line(item: Item, stderr: str) -> list[str]:
    lines = stderr.splitlines()
    if len(lines) != 1:
        return [f"{len(lines)} lines on stderr"]
    line = lines[0]
    found = []
    if not line.startswith("error: "):
        found.append(f"not an 'error: ' line: {line[:200]!r}")
    if HIDDEN.search(line):
        found.append(f"raw control character: {line[:200]!r}")
    names = {Path(a).name for a in item.argv if a != "--"} | {item.made.path.name}
    plain = [n for n in names if n and not HIDDEN.search(n) and "\n" not in n]
    if plain and not any(n in line for n in plain):
        found.append(f"does not name the file: {line[:200]!r}")
    return found


def _expectation(item: Item, code: int | None, flags: frozenset[str],
                 problems: list[tuple[str, str]]) -> None:  # fmt: skip
    expect = item.expect
    if code is None or code == 1 or code not in EXIT_NAMED:
        return
    damage = sorted(flags & DAMAGE)
    if code == 0 and damage and expect.outcome in ("clean", "valid"):
        problems.append(("forged", f"{', '.join(damage)} on: {item.made.note}"))
    if expect.outcome == "clean" and code != 0:
        problems.append(("missed", f"a clean clip refused with exit {code}"))
    if code == 0 and expect.flags - flags:
        problems.append(("missed", f"no {', '.join(sorted(expect.flags - flags))} finding"))
    if expect.outcome == "damaged" and code == 0 and not damage:
        problems.append(("missed", f"analysed without a damage finding: {item.made.note}"))
    if expect.outcome == "refused" and code != 2:
        problems.append(("accepted" if code == 0 else "missed", f"exit {code}, not 2"))
    if expect.outcome in ("damaged", "valid", "any") and code not in (0, 2, 3, 4):
        problems.append(("internal", f"exit {code}"))


# --------------------------------------------------------------------------- pages


class _Live(HTMLParser):
    """Collects what a browser would run: script-like elements, event-handler attributes,
    javascript: URLs."""

    ACTIVE: ClassVar[set[str]] = {"script", "iframe", "object", "embed", "frame", "frameset",
                                  "applet", "base", "form"}  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.ACTIVE:
            self.found.append(f"<{tag}> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{name}= on <{tag}>")
            if (value or "").strip().lower().startswith(("javascript:", "vbscript:")):
                self.found.append(f"{name}={value[:40]!r} on <{tag}>")  # type: ignore[index]

    handle_startendtag = handle_starttag


def html_problems(text: str) -> list[str]:
    found = ["literal '<script' in the page"] if re.search(r"<\s*script", text, re.I) else []
    parser = _Live()
    parser.feed(text)
    parser.close()
    return found + parser.found


def page_problems(out: Path) -> list[str]:
    pages = [out / "index.html", *(f / "report.html" for f in report_folders(out))]
    found = []
    for page in pages:
        if page.is_file():
            found += [
                f"{page.parent.name}/{page.name}: {p}"
                for p in html_problems(page.read_text(encoding="utf-8", errors="replace"))
            ]
    return found


# --------------------------------------------------------------------------- leftovers, index


def leftovers(out: Path, temp: Path | None = None) -> list[str]:
    """Anything in ``out`` that is neither a case file nor a report folder, hidden or ``.part``
    files inside report folders, and anything left in the run's own temp folder."""
    found = []
    if out.is_dir():
        for entry in out.iterdir():
            if entry.name not in CASE_FILES and not (REPORT_DIR.fullmatch(entry.name)
                                                     and entry.is_dir()):  # fmt: skip
                found.append(f"{entry.name!r} in the reports folder")
        for folder in report_folders(out):
            found += [f"{p.relative_to(out)}" for p in folder.rglob("*")
                      if p.name.startswith(".") or p.name.endswith(".part")]  # fmt: skip
    if temp is not None and temp.is_dir():
        found += [f"{p.name!r} in the temp folder" for p in temp.iterdir()]
    return found


def case_problems(folder: Path, allow_pending: bool = False) -> list[str]:
    """The case index in ``folder`` (if any): SQLite's integrity check, no clip pending once
    every run has ended, every clip with its report folder, no comparison of a missing clip."""
    index = folder / "case.sqlite"
    if not index.exists():
        return []
    found = []
    with reading(index) as db:
        (check,) = db.execute("PRAGMA integrity_check").fetchone()
        if check != "ok":
            return [f"integrity_check: {check}"]
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        pending = set()
        if "pending" in tables:
            pending = {r[0] for r in db.execute("SELECT clip_id FROM pending")}
        if pending and not allow_pending:
            found.append(f"{len(pending)} clip(s) still pending after every run ended")
        for clip_id, name, report in db.execute("SELECT id, name, report_dir FROM clips"):
            target = _stored_path(folder, report)
            whole = target is not None and (target / "report.json").is_file()
            if clip_id not in pending and not whole:
                found.append(f"clip {clip_id} ({name!r}) has no report folder ({report})")
        ids = {r[0] for r in db.execute("SELECT id FROM clips")}
        for a, b in db.execute("SELECT a_id, b_id FROM reuse"):
            if a not in ids or b not in ids:
                found.append(f"a comparison of clips {a} and {b}, one of them gone")
    return found


@contextlib.contextmanager
def reading(index: Path) -> Iterator[sqlite3.Connection]:
    """A connection to a copy of a case index and its write-ahead log, made once no run is
    going: reading the index in place would write beside it (SQLite's shared-memory file),
    which a full disk refuses, and must never change what is being judged."""
    with tempfile.TemporaryDirectory(prefix="oracle-") as copy:
        for suffix in ("", "-wal"):
            if Path(f"{index}{suffix}").exists():
                shutil.copyfile(f"{index}{suffix}", Path(copy) / f"case.sqlite{suffix}")
        db = sqlite3.connect(Path(copy) / "case.sqlite")
        try:
            yield db
        finally:
            db.close()


def _stored_path(folder: Path, stored: str | None) -> Path | None:
    if not stored:
        return None
    return Path(stored) if os.path.isabs(stored) else folder / stored


def indexed(folder: Path) -> dict[str, str | None]:
    """sha256 -> report folder (as stored) of every clip in the case index."""
    index = folder / "case.sqlite"
    if not index.exists():
        return {}
    with reading(index) as db:
        return dict(db.execute("SELECT sha256, report_dir FROM clips"))


def trace_of(out: Path, sha: str, before: set[Path]) -> list[str]:
    """What a failed run of the file with ``sha`` must not have left: a clip in the index, a
    new report folder."""
    found = []
    if sha in indexed(out):
        found.append(f"the failed clip {sha[:12]} is in the case index")
    found += [f"{f.name}: a report folder of the failed clip" for f in report_folders(out) - before
              if f.name.endswith(sha[:12])]  # fmt: skip
    return found


def evidence_sha(path: Path) -> str | None:
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def bloat(folders: Iterable[Path]) -> list[str]:
    return [f"{f.name}/{name}: {size:,} bytes" for f in folders
            for name in ("report.json", "report.html")
            if (size := _size(f / name)) > MAX_REPORT_BYTES]  # fmt: skip


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def verify_problems(out: Path, verify: Verifier) -> list[tuple[str, str]]:
    """``forensics verify --no-decode`` on the case folder (when it has its snapshot) and on
    every report folder in it."""
    paths = sorted(report_folders(out))
    if (out / "case-index.json").is_file():
        paths.insert(0, out)
    if not paths:
        return []
    code, text = verify(paths)
    return [] if code == 0 else [("verify", f"exit {code}: {text.strip()[-600:]}")]
