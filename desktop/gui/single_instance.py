"""One window per archive: a second launch asks the first to come to the front, then exits.

The first instance listens on a local socket named after the user and the data directory; a
later launch connects, sends "raise" and quits. A socket left behind by a crashed instance is
removed when nobody answers on it.
"""

from __future__ import annotations

import getpass
import hashlib
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


def notify_running(name: str, timeout_ms: int = 800) -> bool:
    """True if another instance answered (it was asked to raise its window)."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(b"raise\n")
    socket.flush()
    socket.waitForBytesWritten(timeout_ms)
    socket.disconnectFromServer()
    return True


class InstanceServer(QObject):
    """Signals: raise_requested()"""

    raise_requested = Signal()

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
            socket.readyRead.connect(lambda s=socket: self._on_socket_ready(s))
            socket.disconnected.connect(socket.deleteLater)

    def _on_socket_ready(self, socket: QLocalSocket) -> None:
        data = bytes(socket.readAll().data())
        if b"raise" in data:
            self.raise_requested.emit()
