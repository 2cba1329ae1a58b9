"""A guard that makes every network connection fail and records the attempt.

Installed in-process by the offline tests (through monkeypatch) and, through a generated
sitecustomize.py, in every Python subprocess those tests start. Local IPC (AF_UNIX sockets,
used by Qt's single-instance server and by multiprocessing) is not network and is allowed.
"""

from __future__ import annotations

import errno
import socket
import traceback
from collections.abc import Callable

BLOCKED = ("connect", "connect_ex", "sendto", "sendmsg")
BLOCKED_FUNCTIONS = ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr")


def install(patch: Callable[[object, str, object], None], record: Callable[[str], None]) -> None:
    """patch(owner, name, value) replaces an attribute; record(text) notes one attempt."""

    def refuse(what: str) -> OSError:
        stack = "".join(traceback.format_stack(limit=8)[:-2])
        record(f"{what}\n{stack}")
        return OSError(errno.ENETUNREACH, f"network access blocked by the offline test: {what}")

    def method(name: str):
        original = getattr(socket.socket, name)

        def guarded(self, *args, **kwargs):
            if self.family == getattr(socket, "AF_UNIX", None):
                return original(self, *args, **kwargs)
            raise refuse(f"socket.{name}{args!r}")

        return guarded

    def function(name: str):
        def guarded(*args, **kwargs):
            raise refuse(f"socket.{name}{args!r}")

        return guarded

    for name in BLOCKED:
        if hasattr(socket.socket, name):
            patch(socket.socket, name, method(name))
    for name in BLOCKED_FUNCTIONS:
        if hasattr(socket, name):
            patch(socket, name, function(name))


SITECUSTOMIZE = '''\
import os, sys
sys.path.insert(0, {folder!r})
import netguard
sys.path.pop(0)

def _record(text):
    with open(os.environ["NETGUARD_LOG"], "a", encoding="utf-8") as f:
        f.write("--- pid %d\\n%s\\n" % (os.getpid(), text))

netguard.install(setattr, _record)
'''
