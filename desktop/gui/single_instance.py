"""One window per archive: a second launch asks the first to come to the front, then exits.

The first instance listens on a local socket named after the user and the data directory; a
later launch connects, sends "raise" and quits. A socket left behind by a crashed instance is
removed when nobody answers on it.
"""

from __future__ import annotations

import getpass
import hashlib
import json
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket


def server_name(data_dir: Path) -> str:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "user"
    digest = hashlib.sha1(f"{user}:{Path(data_dir).resolve()}".encode()).hexdigest()[:16]
    return f"archive-browser-{digest}"


def notify_running(name: str, paths: list[str] | None = None, timeout_ms: int = 3000) -> bool:
    """True if another instance answered (it was asked to raise its window and add `paths`). A stale
    socket of a dead instance is refused at once; a live one busy starting up gets timeout_ms."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(b"raise\n" + b"".join(b"add " + json.dumps(p).encode() + b"\n" for p in paths or ()))
    socket.flush()
    socket.waitForBytesWritten(timeout_ms)
    socket.disconnectFromServer()
    return True


class InstanceServer(QObject):
    """Signals: raise_requested(), paths_received(list paths)"""

    raise_requested = Signal()
    paths_received = Signal(list)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not self.server.listen(name):
            QLocalServer.removeServer(name)  # stale, from an instance that died
            self.server.listen(name)
        self.server.newConnection.connect(self._on_server_connection)

    def _on_server_connection(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            buffer = bytearray()
            socket.readyRead.connect(lambda s=socket, b=buffer: b.extend(bytes(s.readAll().data())))
            socket.disconnected.connect(lambda s=socket, b=buffer: self._on_socket_done(s, b))

    def _on_socket_done(self, socket: QLocalSocket, buffer: bytearray) -> None:
        buffer.extend(bytes(socket.readAll().data()))
        socket.deleteLater()
        paths = []
        for line in bytes(buffer).split(b"\n"):
            if line.startswith(b"add "):
                try:
                    path = json.loads(line[4:].decode("utf-8"))
                except ValueError:
                    continue
                if isinstance(path, str):
                    paths.append(path)
        if b"raise" in buffer:
            self.raise_requested.emit()
        if paths:
            self.paths_received.emit(paths)
