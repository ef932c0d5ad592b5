"""Dask clusters for batches (:mod:`forensics.batch`): reaching a scheduler, and naming it.

Two ways for the workers to get the evidence. **Shared file system** (the default): every
worker reads the clips, the case file and the claims at the paths this process gives (made
absolute), so they must be mounted at the same paths on every machine. **Shipped**
(``--ship-files``): this process reads each clip, hashes it and links its claims, and sends
the bytes; the worker writes them to a working copy, checks its SHA-256 against the one read
here, and describes the copy, so it needs no access to the clips, the case file or the
claims at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from forensics.errors import BadInputError, ToolMissingError

DISTRIBUTED_HINT = "the workers need the files at the same paths as here (a shared file system)"


def cluster_name(client: Any) -> str | None:
    if client is None:
        return None
    scheduler = getattr(client, "scheduler", None)
    return str(getattr(scheduler, "address", None) or "a Dask cluster")


@contextmanager
def dask_client(address: str, timeout: float = 20.0) -> Iterator[Any]:
    """A client of the Dask scheduler at ``address`` (``tcp://HOST:PORT``), closed after use;
    BadInputError when none answers there within ``timeout`` seconds."""
    try:
        from distributed import Client
    except ImportError:
        raise ToolMissingError("--dask needs dask.distributed, which is not installed (pip "
                               "install 'forensics[dask]')") from None  # fmt: skip
    try:
        client = Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise BadInputError(f"{address}: cannot reach a Dask scheduler there ({exc})") from None
    try:
        yield client
    finally:
        client.close()
