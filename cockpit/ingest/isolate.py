"""Runs a function in a child process with an address-space and a time limit.

A reader bug that a hostile file triggers (calamine aborting on a 512 GB allocation, a parser that loops) then ends
the child, not the server: the caller gets Exhausted and says 文件无法读取（超出内存或时间限制）.

Children come from a fork server (multiprocessing "forkserver"): a small process started once, single-threaded,
that has imported the importer and forks one child per call. Forking the server itself could copy a lock held by
one of its threads into the child and hang it; starting a fresh interpreter per call costs seconds. Each child
sets its limits before polars starts its threads, and takes the COCKPIT_* environment of the caller at the call
(the fork server's own is the one it started with).
"""
from __future__ import annotations

import multiprocessing
import multiprocessing.spawn
import os
import time
import traceback
from collections.abc import Callable

MESSAGE = "文件无法读取（超出内存或时间限制）"
_POLL_SECONDS = 0.5
LAST_PEAK_KB = [0]  # the last child's peak resident memory (VmHWM), for tests and diagnostics


class Exhausted(Exception):
    """The child ran out of memory or time, or died; `what` says which, `file` the file it was reading."""

    def __init__(self, what: str, file: str | None):
        super().__init__(what)
        self.what, self.file = what, file


class ChildFailed(Exception):
    """The function raised in the child: a bug, reported with the child's traceback."""


def _limit_child(memory_mb: int) -> None:
    import resource

    try:
        import ctypes

        ctypes.CDLL(None).mallopt(-8, 2)  # M_ARENA_MAX: glibc reserves 64 MB of address space per arena
    except (OSError, AttributeError):
        pass
    # On top of what the child already maps (the interpreter, polars, duckdb, calamine and their thread stacks:
    # 0.5–2.7 GB of address space, most of it never touched, depending on the machine), memory_mb is what reading
    # one upload may add.
    mapped = next((int(line.split()[1]) << 10 for line in open("/proc/self/status") if line.startswith("VmSize")), 0)
    limit = mapped + (memory_mb << 20)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(["cockpit.ingest.importer"])


def _without_main(get_preparation_data: Callable[[str], dict]) -> Callable[[str], dict]:
    """multiprocessing has each child run the parent's __main__ again before the target. Under Streamlit __main__
    is the page script being run (数据管理 itself, or a page under AppTest): the child would draw the page and die
    with exit code 1, and every import would be refused as unreadable. Our targets are module-level functions
    imported by name, so the child needs no __main__."""
    if getattr(get_preparation_data, "cockpit", False):
        return get_preparation_data

    def prepared(name: str) -> dict:
        data = get_preparation_data(name)
        data.pop("init_main_from_path", None)
        data.pop("init_main_from_name", None)
        return data

    prepared.cockpit = True
    return prepared


multiprocessing.spawn.get_preparation_data = _without_main(multiprocessing.spawn.get_preparation_data)


def _environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k.startswith("COCKPIT_")}


def _child(conn, function: str, args: tuple, memory_mb: int, environment: dict[str, str],
           preload: tuple[str, ...]) -> None:
    import importlib

    for key in [k for k in os.environ if k.startswith("COCKPIT_") and k not in environment]:
        del os.environ[key]
    os.environ.update(environment)
    os.environ.setdefault("POLARS_MAX_THREADS", "2")  # each thread reserves address space; the limit counts it
    # Our own code and libraries are loaded before the limit: the limit is for what a file makes them do.
    module, name = function.split(":")
    function = getattr(importlib.import_module(module), name)
    for extra in preload:
        importlib.import_module(extra)
    _limit_child(memory_mb)

    def progress(message: str, file: str | None = None) -> None:
        conn.send(("progress", message, file))

    try:
        result = function(*args, progress=progress)
    except MemoryError:
        conn.send(("memory", None, None))
        return
    except BaseException:  # noqa: BLE001 - sent to the parent, which raises it there
        conn.send(("raised", traceback.format_exc(), None))
        return
    try:
        peak = next((int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM")), 0)
        conn.send(("peak", peak, None))
        conn.send(("done", result, None))
    except MemoryError:
        conn.send(("memory", None, None))


def call(function: str, *args, memory_mb: int, seconds: float,
         progress: Callable[[str], None] | None = None, preload: tuple[str, ...] = ()):
    """function(*args, progress=...) in a child process; its result, or Exhausted.

    function: "module:name" of a module-level function taking a keyword `progress(message, file)`, imported in the
    child before its limits are set, with the modules in `preload`; the file named last is the one blamed when the
    child runs out of memory or time.
    """
    receive, send = _CONTEXT.Pipe(duplex=False)
    child = _CONTEXT.Process(target=_child, args=(send, function, args, memory_mb, _environment(), preload),
                             daemon=True)
    child.start()
    send.close()
    deadline, file = time.monotonic() + seconds, None
    try:
        while True:
            if time.monotonic() > deadline:
                raise Exhausted(f"用时超过{seconds:g}秒上限", file)
            if not receive.poll(_POLL_SECONDS):
                if not child.is_alive() and not receive.poll(0):
                    raise Exhausted(_death(child, memory_mb), file)
                continue
            try:
                kind, payload, named = receive.recv()
            except (EOFError, OSError):
                raise Exhausted(_death(child, memory_mb), file) from None
            if kind == "peak":
                LAST_PEAK_KB[0] = payload
            elif kind == "progress":
                file = named or file
                if progress and payload:
                    progress(payload)
            elif kind == "done":
                return payload
            elif kind == "memory":
                raise Exhausted(f"内存超过{memory_mb} MB上限", file)
            else:
                raise ChildFailed(payload)
    finally:
        receive.close()
        if child.is_alive():
            child.kill()
        child.join(5)


def _death(child, memory_mb: int) -> str:
    child.join(5)
    return f"读取进程异常退出（退出码 {child.exitcode}，内存上限{memory_mb} MB）"
