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

import hashlib
import socket
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from forensics.custody import event
from forensics.describe import Described, describe, link_claims, pack
from forensics.errors import BadInputError, ForensicsError, ToolMissingError
from forensics.media.identity import file_digests, identify
from forensics.media.toolchain import find_toolchain
from forensics.media.workdirs import work_folder
from forensics.records import CaseEntry, ClaimRef, Digest, FileIdentity
from forensics.triage import describe_triage

DISTRIBUTED_HINT = (
    "the workers need the files at the same paths as here (a shared file system), "
    "or --ship-files to send them"
)
MAX_SHIPPED_BYTES = 4 << 30  # held in this process's memory while a worker describes it
RECEIVED = ("the clip's bytes, sent to the Dask worker on {host} (no shared file system), "
            "written to this working copy and hashed there: the SHA-256 read where the clip "
            "is; the probe and decode read this copy")  # fmt: skip


@dataclass(frozen=True)
class Shipment:
    """A clip sent to a worker that does not share this machine's file system: what this
    process read of it (its identity, SHA-256 included; its case entry and claims), sent with
    its bytes (:func:`ship`, :func:`describe_shipped`)."""

    identity: FileIdentity
    entry: CaseEntry | None
    claims: tuple[ClaimRef, ...]


def ship(path: Path, case_file: Path | None, claim_files: Sequence[Path]) -> tuple[Shipment, bytes]:
    """Read a clip for a worker without access to it: identify it, link its claims (the case
    file and the claims are read here too) and read its bytes, checked against its SHA-256."""
    identity = identify(path)
    if identity.size_bytes > MAX_SHIPPED_BYTES:
        raise BadInputError(f"{path}: {identity.size_bytes:,} bytes, too large to send to a "
                            f"worker (at most {MAX_SHIPPED_BYTES:,}); {DISTRIBUTED_HINT}"
                            )  # fmt: skip
    entry, claims = link_claims(path, identity.sha256, case_file, claim_files)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BadInputError(f"{path}: cannot be read ({exc.strerror})") from None
    if _sha256(data) != identity.sha256:
        raise BadInputError(f"{path}: changed while it was read; not sent")
    return Shipment(identity, entry, tuple(claims)), data


def describe_shipped(shipment: Shipment, data: bytes, read_text: bool = True,
                     triage: bool = False) -> Described:  # fmt: skip
    """A worker's task for a clip sent as bytes: write them to a working copy, check its
    SHA-256 against the one read where the clip is, and describe the copy as the clip."""
    identity = shipment.identity
    with work_folder() as work:
        suffix = "".join(c for c in Path(identity.name).suffix if c.isalnum() or c == ".")
        copy = work / f"evidence{suffix}"
        copy.write_bytes(data)
        copy.chmod(0o444)
        received = file_digests(copy)[0]
        host = socket.gethostname()
        if received != identity.sha256:
            raise ForensicsError(f"{identity.path}: the copy the Dask worker on {host} received "
                                 f"has SHA-256 {received}, not {identity.sha256} as read where "
                                 "the clip is; it was not analysed")  # fmt: skip
        stage = work / "report"
        stage.mkdir()
        tools, step = find_toolchain(), lambda _m: None
        described = (describe_triage(copy, tools, identity, shipment.entry, shipment.claims,
                                     stage, step) if triage
                     else describe(copy, tools, identity, shipment.entry, shipment.claims,
                                   stage, step, read_text))  # fmt: skip
        checked = event(
            "hashed",
            ("hashlib.sha256", str(copy)),
            read=[Digest(str(copy), received)],
            note=RECEIVED.format(host=host),
        )
        custody = described.record.custody
        record = replace(described.record, custody=(*custody[:2], checked, *custody[2:]))
        return replace(described, record=record, files=pack(stage))


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


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
