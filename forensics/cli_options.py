"""Options several commands share (``--out``, the batch options ``--jobs``, ``--dask`` and
``--ship-files``): click decorators only, so the command line loads without the library."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click


def batch_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--jobs N`` and ``--dask ADDRESS``: where the clips of a batch are described."""
    jobs = click.option("--jobs", "jobs", type=int, default=1, show_default=True,
                        help="Describe clips (decode, hash, read text) in N processes; one "
                        "writer joins them to the case in the order given.")  # fmt: skip
    dask = click.option("--dask", "dask", metavar="tcp://HOST:PORT",
                        help="Describe clips on the Dask cluster of this scheduler (needs "
                        "forensics[dask]; workers must see the files at the same paths, "
                        "unless --ship-files).")  # fmt: skip
    ship = click.option("--ship-files", "ship_files", is_flag=True,
                        help="With --dask, for workers that do not share this machine's file "
                        "system: send each clip's bytes (its claims are read here); each "
                        "worker checks their SHA-256.")  # fmt: skip
    return jobs(dask(ship(command)))


def out_option(help_text: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--out DIR``, the reports folder every command shares (default ``reports``)."""
    return click.option("--out", "out_dir", default="reports", show_default=True,
                        type=click.Path(path_type=Path), help=help_text)  # fmt: skip
