"""Run the ``forensics`` command with a pause at one named moment, so a test can SIGKILL the
process exactly there (``tests/test_crash_consistency.py``).

    python -m tests.adversary.pause MARKER MODULE:NAME before|after [--unless-hidden] -- ARGS

``MODULE:NAME`` is the function (``forensics.pipeline:write_report``) or method
(``forensics.case.join:CaseJoin.finish``) to pause in, patched where the code looks it up.
``before`` pauses as it is called, ``after`` once it has returned. The process writes its PID
to ``MARKER`` and waits until a file ``MARKER.go`` appears (then it goes on, once) or it is
killed; nothing else about the run changes. With ``--unless-hidden`` a call whose first path
argument has a hidden name (a staged report folder) does not pause.
"""

from __future__ import annotations

import functools
import importlib
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

PAUSE_S = 600.0


def patch(target: str, when: str, marker: Path, unless_hidden: bool) -> None:
    module_name, _, attribute = target.partition(":")
    owner: Any = importlib.import_module(module_name)
    *parents, name = attribute.split(".")
    for parent in parents:
        owner = getattr(owner, parent)
    original: Callable[..., Any] = getattr(owner, name)

    resume = marker.with_name(marker.name + ".go")
    paused_once = []

    def pause(args: tuple[Any, ...]) -> None:
        first = next((a for a in args if isinstance(a, Path)), None)
        if paused_once or (unless_hidden and first is not None and first.name.startswith(".")):
            return
        paused_once.append(True)
        marker.write_text(str(os.getpid()), encoding="ascii")
        deadline = time.monotonic() + PAUSE_S
        while not resume.exists() and time.monotonic() < deadline:
            time.sleep(0.01)

    @functools.wraps(original)
    def paused(*args: Any, **kwargs: Any) -> Any:
        if when == "before":
            pause(args)
        result = original(*args, **kwargs)
        if when == "after":
            pause(args)
        return result

    setattr(owner, name, paused)


def main(argv: Sequence[str]) -> None:
    split = list(argv).index("--")
    marker, target, when, *flags = argv[:split]
    patch(target, when, Path(marker), "--unless-hidden" in flags)
    from forensics.cli import main as forensics_main

    forensics_main(list(argv[split + 1 :]))


if __name__ == "__main__":
    main(sys.argv[1:])
