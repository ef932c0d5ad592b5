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
                         "(a shared file system)")  # fmt: skip
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
