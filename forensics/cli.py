"""The command line: parse, call the library, print. The only module that exits the process.

Exit codes: 0 success, 1 internal error, 2 bad input, 3 ffmpeg missing, 4 report not written,
5 verify found a difference, 130 interrupted. Errors print as one line on stderr;
``FORENSICS_DEBUG=1`` adds the traceback.
"""

from __future__ import annotations

import json
import os
import sys
import webbrowser
from collections.abc import Sequence
from pathlib import Path

import click

from forensics.cli_options import batch_options, out_option
from forensics.cli_run import (
    DEBUG_ENV,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    err_console,
    report_error,
    run_batch,
)
from forensics.errors import BadInputError, ForensicsError, ReportWriteError, printable
from forensics.triage_limit import TRIAGE_ABOVE
from forensics.version import __version__

# Only what the parser itself needs is imported above: the library (numpy, OpenCV, FAISS, the
# claim vocabulary) is imported by the command that runs, so --help answers at once.
__all__ = ["DEBUG_ENV", "EXIT_INTERNAL", "EXIT_INTERRUPTED", "cli", "main", "report_error"]
EXIT_DIFFERENT = 5  # verify: a file, the evidence or a finding is not as the report says


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="forensics")
def cli() -> None:
    """Media-forensics workbench for claimed combat videos."""


@cli.command("analyze")
# readable=False everywhere: the library's own checks give one clear line per file, and an
# unreadable clip must not stop the others in a batch as click's usage error would.
@click.argument("clips", nargs=-1, required=True, type=click.Path(path_type=Path, readable=False))
@out_option("Folder for report folders.")
@click.option(
    "--case",
    "case",
    type=click.Path(path_type=Path, readable=False),
    help="Case folder (holds the case index and maybe case.toml) or case file (TOML) linking "
    "clips to claims. Default: case.toml beside the clip, index in the --out folder.",
)
@click.option("--no-index", is_flag=True, help="Do not add the clip to the case index or "
              "check it against the other clips.")  # fmt: skip
@click.option(
    "--claim",
    "claims",
    multiple=True,
    type=click.Path(path_type=Path, readable=False),
    help="Link a claim text to the clip(s); repeatable.",
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print each record as one line of JSON on stdout, and nothing else.",
)
@click.option(
    "--no-onscreen-text",
    "no_text",
    is_flag=True,
    help="Do not read captions, watermarks and HUD text in the picture (it costs more than "
    "the decode).",
)
@click.option("--resume", is_flag=True, help="Skip each clip already in the case index with "
              "its report (to go on with an interrupted batch).")  # fmt: skip
@click.option("--triage", is_flag=True, help="Decode key frames only (a fraction of a full "
              "decode): hash them, read the metadata, join the case and find plain and "
              "mirrored reposts; the report says what this does not see. A later full "
              "analyze of the same file takes its hashes and probe.")  # fmt: skip
@batch_options
def analyze_command(
    clips: tuple[Path, ...], out_dir: Path, case: Path | None, no_index: bool,
    claims: tuple[Path, ...], as_json: bool, no_text: bool, resume: bool, triage: bool,
    jobs: int, dask: str | None, ship_files: bool,
) -> None:  # fmt: skip
    """Fingerprint, probe, hash and flag each CLIP, write its provenance report, and check it
    against every clip already in the case."""
    from forensics.media.toolchain import find_toolchain

    case_file, index_dir = case_paths(case, out_dir)
    try:
        find_toolchain()  # once, so a missing ffmpeg is one message, not one per clip
    except ForensicsError as exc:
        sys.exit(report_error(exc))
    index = None if no_index else index_dir
    sys.exit(run_batch(clips, as_json, dask, out_dir=out_dir, case_file=case_file,
                       claim_files=claims, index_dir=index, read_text=not no_text,
                       jobs=jobs, resume=resume, triage=triage, ship_files=ship_files))  # fmt: skip


def case_paths(case: Path | None, out_dir: Path) -> tuple[Path | None, Path]:
    """(case file, case index folder) from ``--case``: a folder holds the index (and maybe a
    case.toml); a file is the case file, and the index stays in the reports folder. A path
    not there yet and not named ``*.toml`` is a new case folder, made when the index is."""
    from forensics.case.casefile import CASE_FILE

    if case is not None and not case.exists() and case.suffix.lower() != ".toml":
        return None, case
    if case is not None and case.is_dir():
        toml = case / CASE_FILE
        return (toml if toml.is_file() else None), case
    return case, out_dir


@cli.command("search")
@click.argument("clip", type=click.Path(path_type=Path, readable=False))
@click.option("--case", "case", type=click.Path(path_type=Path, readable=False),
              help="Case folder holding the index (default: the --out folder).")  # fmt: skip
@out_option("Reports folder holding the case index.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object on stdout.")
def search_command(clip: Path, case: Path | None, out_dir: Path, as_json: bool) -> None:
    """Where else in the case does the footage of CLIP appear?"""
    from forensics.api import search
    from forensics.cli_text import describe_search
    from forensics.provenance import tool_dict
    from forensics.records import reuse_entry_to_dict

    _, index_dir = case_paths(case, out_dir)
    try:
        answer = search(clip, index_dir)
    except (Exception, KeyboardInterrupt) as exc:
        sys.exit(report_error(exc))
    found, indexed, result = answer.clip, answer.indexed, answer.found
    data = {
        "clip": found.name, "sha256": found.sha256, "indexed": indexed,
        "matches": [reuse_entry_to_dict(e) for e in answer.entries],
        "searched": result.to_dict(), "tool": tool_dict(),
    }  # fmt: skip
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False))
        return
    click.echo(describe_search(data, result.matches))


@cli.command("report")
@out_option("Reports folder (the overview goes here).")
@click.option("--case", "case", type=click.Path(path_type=Path, readable=False),
              help="Case folder holding the index (default: the --out folder).")  # fmt: skip
def report_command(out_dir: Path, case: Path | None) -> None:
    """Rebuild every page of the case (clip reports and the overview) from the stored
    records, without analysing any clip again."""
    from forensics.api import rebuild

    _, index_dir = case_paths(case, out_dir)
    try:
        rebuilt = rebuild(index_dir, out_dir)
    except (Exception, KeyboardInterrupt) as exc:
        sys.exit(report_error(exc))
    console = err_console()
    for problem in rebuilt.problems:
        console.print(f"error: {printable(problem)}", markup=False)
    click.echo(f"{len(rebuilt.reports)} clip report(s) rebuilt; case overview: {rebuilt.overview}")
    sys.exit(ReportWriteError.exit_code if rebuilt.problems else 0)


@cli.command("export-hashes")
@click.argument("case", type=click.Path(path_type=Path, readable=False))
@click.option("--out", "out", type=click.Path(path_type=Path),
              help="Folder (default: CASE/hashes); with --format te, a file name.")  # fmt: skip
@click.option("--format", "fmt", type=click.Choice(["vpdq", "te", "phash", "all"]), default="all",
              show_default=True, help="vPDQ, threatexchange signals, pHash.")  # fmt: skip
def export_hashes_command(case: Path, out: Path | None, fmt: str) -> None:
    """Write the frame and file hashes of every clip of the case in folder CASE for sharing."""
    from forensics.api import export_hashes

    try:
        done = export_hashes(case, out, fmt)
    except (Exception, KeyboardInterrupt) as exc:
        sys.exit(report_error(exc))
    for problem in done.problems:
        err_console().print(f"error: {problem}", markup=False)
    click.echo(f"{len(done.clips)} clip(s) exported: {done.out}")
    sys.exit(BadInputError.exit_code if done.problems else 0)


@cli.command("open")
@out_option("Reports folder holding the overview.")
@click.option("--print", "print_only", is_flag=True,
              help="Only print the file:// link, do not start a browser.")  # fmt: skip
def open_command(out_dir: Path, print_only: bool) -> None:
    """Open the case overview in a browser (and print its file:// link)."""
    page = out_dir / "index.html"
    if not page.is_file():
        sys.exit(report_error(BadInputError(
            f"{out_dir}: no case overview here (run forensics analyze or forensics report)"
        )))  # fmt: skip
    url = page.resolve().as_uri()
    click.echo(url)
    if not print_only and _has_desktop():
        webbrowser.open(url)


def _has_desktop() -> bool:
    """Whether a graphical browser can start: without one, ``webbrowser`` would fall back to a
    text browser that takes over the terminal."""
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


@cli.command("verify")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, readable=False))
@click.option(
    "--evidence",
    type=click.Path(path_type=Path, readable=False),
    help="The evidence file, when it is no longer at the path the report records.",
)
@click.option(
    "--no-decode",
    is_flag=True,
    help="Check files, hashes and the custody log only; do not analyse again.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per folder.")
def verify_command(paths: tuple[Path, ...], evidence: Path | None, no_decode: bool,
                   as_json: bool) -> None:  # fmt: skip
    """Check that each report (folder or report.json) or case folder still stands: every file
    against its manifest, the evidence against its SHA-256, the custody log, and (unless
    --no-decode) the analysis done again. Exit 0 when all match, 5 otherwise."""
    from forensics.api import verify

    try:
        results = verify(paths, evidence, redo=not no_decode)
    except (Exception, KeyboardInterrupt) as exc:
        sys.exit(report_error(exc))
    for result in results:
        if as_json:
            click.echo(json.dumps({"folder": str(result.folder), "ok": result.ok,
                                   "checked": list(result.checked),
                                   "differences": list(result.differences)},
                                  ensure_ascii=False))  # fmt: skip
            continue
        click.echo(f"{'ok' if result.ok else 'CHANGED'}: {printable(str(result.folder))} "
                   f"({', '.join(result.checked)})")  # fmt: skip
        for difference in result.differences:  # they name files: one line each, whatever names
            click.echo(f"  {printable(difference)}")
    sys.exit(0 if all(r.ok for r in results) else EXIT_DIFFERENT)


@cli.command("compare")
@click.argument("a", type=click.Path(path_type=Path, readable=False))
@click.argument("b", type=click.Path(path_type=Path, readable=False))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object on stdout.")
@click.option(
    "--no-onscreen-text",
    "no_text",
    is_flag=True,
    help="Do not read the captions, watermarks and HUD text over the shared footage to name "
    "the text B adds or drops.",
)
@out_option("Folder for the comparison page.")
def compare_command(a: Path, b: Path, as_json: bool, no_text: bool, out_dir: Path) -> None:
    """Find footage of clip A reused in clip B: shared stretches and how they were altered,
    the text each shows over them that the other does not among the alterations."""
    from forensics.api import compare, write_compare_page
    from forensics.cli_text import describe_comparison
    from forensics.records import comparison_to_dict

    try:
        result = compare(a, b, read_text=not no_text)
        data = comparison_to_dict(result)
        if as_json:
            click.echo(json.dumps(data, ensure_ascii=False))
            return
        page = write_compare_page(result, out_dir)
    except (Exception, KeyboardInterrupt) as exc:
        sys.exit(report_error(exc))
    err_console().print(describe_comparison(data), markup=False)
    click.echo(str(page))


@cli.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, readable=False))
@click.option(
    "--case",
    "case",
    type=click.Path(path_type=Path),
    default="case",
    show_default=True,
    help="Case folder to write (case.toml, claims/, ingest.json); made if needed.",
)
@click.option(
    "--analyze",
    "then_analyze",
    is_flag=True,
    help="Then analyse every clip of the collections not yet in the case index with its report "
    "(those added, and those an interrupted run left) into the --out folder.",
)
@out_option("Reports folder for --analyze (the case index goes in the case folder).")
@click.option("--full", "depth", flag_value="full", help="With --analyze: analyse every clip "
              f"fully, however many (default: triage, key frames only, above {TRIAGE_ABOVE} "
              "clips; full below).")  # fmt: skip
@click.option(
    "--triage",
    "depth",
    flag_value="triage",
    help="With --analyze: triage every clip (key frames only), however few.",
)
@batch_options
def ingest_command(paths: tuple[Path, ...], case: Path, then_analyze: bool, out_dir: Path,
                   depth: str | None, jobs: int, dask: str | None,
                   ship_files: bool) -> None:  # fmt: skip
    """Turn Telegram Desktop exports (result.json), yt-dlp downloads (.info.json sidecars) and
    folders of media into a case: one case.toml entry per new clip, one claim file per post.
    Running it again on a grown collection adds only the new clips."""
    from forensics.api import ingest
    from forensics.cli_text import describe_ingest
    from forensics.triage import triage_by_default, triage_notice

    try:
        done = ingest(paths, case)
    except (Exception, KeyboardInterrupt) as exc:
        sys.exit(report_error(exc))
    err_console().print(describe_ingest(done), markup=False)
    click.echo(str(done.case_file))
    if then_analyze and (done.added or done.kept):  # those an interrupted run left, too
        clips = [a.path for a in (*done.kept, *done.added)]
        triage = triage_by_default(len(clips)) if depth is None else depth == "triage"
        if triage and depth is None:
            err_console().print(triage_notice(len(clips)), markup=False)
        sys.exit(run_batch(clips, False, dask, out_dir=out_dir, case_file=done.case_file,
                           index_dir=case, jobs=jobs, resume=True, triage=triage,
                           ship_files=ship_files))  # fmt: skip


@cli.group("claims")
def claims_group() -> None:
    """Read claim texts: what a claim asserts, with where in the text it says so."""


@claims_group.command("extract")
@click.argument("claim", type=click.Path(path_type=Path, readable=False))
@click.option("--json", "as_json", is_flag=True,
              help='Print one JSON object: {"facts": [...], "published": ...}.')  # fmt: skip
def claims_extract_command(claim: Path, as_json: bool) -> None:
    """Find the facts CLAIM asserts (dates, durations, places, actors, equipment, platforms,
    counts, statements, hedges), each with its value and character span in the file."""
    from forensics.api import extract_claim
    from forensics.cli_text import describe_facts

    try:
        found = extract_claim(claim)
    except (Exception, KeyboardInterrupt) as exc:
        sys.exit(report_error(exc))
    if as_json:
        click.echo(json.dumps(found.to_dict(), ensure_ascii=False))
        return
    click.echo(describe_facts(claim, found))


def main(argv: Sequence[str] | None = None) -> None:
    """Console entry point; never lets a traceback reach the user."""
    args = list(argv) if argv is not None else sys.argv[1:]
    try:
        code = cli.main(args=args, prog_name="forensics", standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as exc:
        click.echo(exc.ctx.get_help() if exc.ctx else str(exc))
        code = 0
    except click.UsageError as exc:
        # One line, like every other error; the hint points at --help.
        command = exc.ctx.command_path if exc.ctx else "forensics"
        message = printable(exc.format_message())
        err_console().print(f"error: {message} (see {command} --help)", markup=False)
        code = exc.exit_code
    except click.exceptions.Exit as exc:
        code = exc.exit_code
    except click.Abort:
        code = report_error(KeyboardInterrupt())
    except (Exception, KeyboardInterrupt) as exc:
        code = report_error(exc)
    sys.exit(code or 0)
