"""Batches on a Dask cluster (forensics.batch): a real scheduler and two worker processes on
localhost describe the clips, this process joins them, and the case is the one a sequential
run writes. Workers read the files at the paths given (a shared file system): one that cannot
is a clear failure of that clip."""

from __future__ import annotations

import sys

import pytest

from forensics.batch import analyze_batch
from forensics.cluster import dask_client
from forensics.errors import BadInputError, ToolMissingError
from tests.test_batch import cli, clips, files, index_rows, reports, run  # noqa: F401

distributed = pytest.importorskip("distributed")
pytestmark = pytest.mark.slow  # a cluster of two worker processes takes ~10 s to start


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  dashboard_address=None) as local:  # fmt: skip
        yield local


def test_a_dask_cluster_writes_what_a_sequential_run_writes(clips, cluster, tmp_path):  # noqa: F811
    one, dask = tmp_path / "one", tmp_path / "dask"
    run(clips, one, jobs=1)
    with distributed.Client(cluster) as client:
        batch = analyze_batch(clips, dask, index_dir=dask, client=client)
    assert not batch.failures and [o.path for o in batch.outcomes] == clips
    assert batch.where == f"the Dask cluster at {cluster.scheduler_address}"
    assert files(dask) == files(one)
    assert reports(dask) == reports(one) and len(reports(one)) == 4
    assert index_rows(dask) == index_rows(one)


def test_a_clip_a_worker_cannot_read_fails_and_says_why(clips, cluster, tmp_path, capsys):  # noqa: F811
    """The workers share this machine's disk here, so a clip missing from it stands for one
    not on the workers' file system."""
    missing = tmp_path / "elsewhere" / "clip.mp4"
    out = tmp_path / "out"
    code = cli(["analyze", str(clips[0]), str(missing), "--out", str(out),
                "--dask", cluster.scheduler_address])  # fmt: skip
    stdout, err = capsys.readouterr()
    assert code == BadInputError.exit_code
    (line,) = [line for line in err.splitlines() if line.startswith("error:")]
    assert line.startswith(f"error: {missing}: cannot be read by the Dask worker on ")
    assert line.endswith("(no such file); the workers need the files at the same paths as here "
                         "(a shared file system), or --ship-files to send them")  # fmt: skip
    assert len(stdout.splitlines()) == 1 and len(reports(out)) == 1


def test_dask_not_installed_is_one_line_and_a_non_zero_exit(clips, tmp_path, capsys,  # noqa: F811
                                                            monkeypatch):  # fmt: skip
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed fails
    code = cli(["analyze", str(clips[0]), "--out", str(tmp_path), "--dask", "tcp://x:8786"])
    assert code == ToolMissingError.exit_code
    assert capsys.readouterr().err.strip() == (
        "error: --dask needs dask.distributed, which is not installed (pip install "
        "'forensics[dask]')"
    )
    assert not (tmp_path / "case.sqlite").exists()


def test_no_scheduler_at_the_address_is_bad_input():
    refused = pytest.raises(BadInputError, match=r"tcp://127\.0\.0\.1:9: cannot reach a Dask")
    with refused, dask_client("tcp://127.0.0.1:9", timeout=1):
        pass


def test_shipped_clips_need_no_shared_file_system(clips, cluster, tmp_path):  # noqa: F811
    """--ship-files: this process reads each clip and its claims and sends the bytes. The
    clips' folder is moved away as soon as they are sent (the first step the writer reports),
    so a worker reading them at their paths would fail; the reports are a sequential run's."""
    here = tmp_path / "here"
    here.mkdir()
    sent = [here / c.name for c in clips]
    for clip, copy in zip(clips, sent, strict=True):
        copy.write_bytes(clip.read_bytes())
    one, dask = tmp_path / "one", tmp_path / "dask"
    run(sent, one, jobs=1)
    moved: list[str] = []

    def step(_clip, _message):
        if not moved:  # every clip of the window is read and sent before the first step
            here.rename(tmp_path / "gone")
            moved.append("yes")

    with distributed.Client(cluster) as client:
        batch = analyze_batch(sent, dask, index_dir=dask, client=client, ship_files=True,
                              on_step=step)  # fmt: skip
    assert moved and not (here.exists()) and not batch.failures
    assert [o.path for o in batch.outcomes] == sent
    unstamped = {name: {k: v for k, v in r.items() if k != "custody"}
                 for name, r in reports(dask).items()}  # fmt: skip
    expected = {name: {k: v for k, v in r.items() if k != "custody"}
                for name, r in reports(one).items()}  # fmt: skip
    assert unstamped == expected and len(expected) == 4
    for outcome in batch.outcomes:
        record = outcome.result.record
        assert record.file.path == str(outcome.path.resolve())
        checked = [e for e in record.custody if e.note and "sent to the Dask worker" in e.note]
        assert len(checked) == 1 and checked[0].read[0].sha256 == record.file.sha256
        ran = [e for e in record.custody if e.action in ("probed", "decoded", "read")]
        assert ran and all(str(outcome.path) not in " ".join(e.call) for e in ran)


def test_shipped_clips_a_shared_cluster_cannot_read_fail_in_this_process(clips, cluster,  # noqa: F811
                                                                       tmp_path):  # fmt: skip
    missing = tmp_path / "nowhere.mp4"
    with distributed.Client(cluster) as client:
        batch = analyze_batch([missing, clips[0]], tmp_path / "out", client=client,
                              ship_files=True)  # fmt: skip
    (failed,) = batch.failures
    assert failed.path == missing and str(failed.error) == f"{missing}: no such file"
    assert batch.outcomes[1].ok
