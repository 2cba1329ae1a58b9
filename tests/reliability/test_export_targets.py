"""Issue 13, item 7: what is at an export's target path decides what happens (see
desktop/core/excerpts/export/files.py). A device, FIFO or socket is refused and left as it was; an
existing file keeps its mode and owner; a symbolic link is written through (the file it points to is
replaced, the link stays). Real device nodes (as root; skipped otherwise), FIFOs, sockets, links."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import threading

import pytest

from desktop.core.errors import ExportError
from desktop.core.excerpts.export import Excerpt, export
from tests.reliability.conftest import indexed_seed, run_cli

EXCERPTS = [Excerpt(text="广东省总工会", title="标题", city="茂名市", path="/a.txt")]
FORMATS = ["md", "csv", "json", "html", "txt"]


@pytest.fixture
def char_device(tmp_path):
    node = tmp_path / "null-copy"
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # the same device as /dev/null
    except PermissionError:
        pytest.skip("making a device node needs root (CAP_MKNOD)")
    return node


@pytest.mark.parametrize("fmt", FORMATS)
def test_character_device_is_refused_and_kept(char_device, fmt):
    before = os.lstat(char_device)
    with pytest.raises(ExportError, match="不是普通文件"):
        export(EXCERPTS, fmt, char_device)
    after = os.lstat(char_device)
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev and after.st_ino == before.st_ino
    assert not [p for p in char_device.parent.iterdir() if p.name.startswith(".export-")]


def test_fifo_socket_and_link_to_a_device_are_refused(tmp_path):
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    sock_path = tmp_path / "sock.md"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(sock_path))
    link = tmp_path / "devnull.md"
    os.symlink("/dev/null", link)
    for target in (fifo, sock_path, link):
        done: list[BaseException] = []
        t = threading.Thread(target=lambda: done.append(_try(target)), daemon=True)
        t.start()
        t.join(10)
        assert not t.is_alive(), f"export to {target} blocked"
        assert isinstance(done[0], ExportError) and "不是普通文件" in str(done[0]), done
    sock.close()
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and stat.S_ISSOCK(os.lstat(sock_path).st_mode)
    assert os.path.islink(link) and stat.S_ISCHR(os.stat("/dev/null").st_mode)


def _try(target):
    try:
        export(EXCERPTS, "md", target)
    except BaseException as exc:  # noqa: BLE001
        return exc
    return None


def test_dev_null_through_the_cli_is_refused(tmp_path):
    data = indexed_seed(tmp_path)
    proc = run_cli("export", "--format", "md", "--query", "工会", "-o", "/dev/null", data_dir=data)
    assert proc.returncode == 2, proc.stderr
    assert "不是普通文件" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o444 | 0o200])
def test_existing_file_keeps_its_mode(tmp_path, mode):
    out = tmp_path / "x.md"
    out.write_text("old", encoding="utf-8")
    os.chmod(out, mode)
    export(EXCERPTS, "md", out)
    assert stat.S_IMODE(os.stat(out).st_mode) == mode
    assert "广东省总工会" in out.read_text(encoding="utf-8")


def test_existing_file_keeps_its_owner_when_root_exports(tmp_path):
    if os.geteuid() != 0:
        pytest.skip("only root can export over another user's file")
    out = tmp_path / "x.csv"
    out.write_text("old", encoding="utf-8")
    os.chown(out, 65534, 65534)
    os.chmod(out, 0o600)
    export(EXCERPTS, "csv", out)
    st = os.stat(out)
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (65534, 65534, 0o600)


def test_new_file_follows_the_umask(tmp_path):
    code = ("import os; os.umask(0o077); from desktop.core.excerpts.export import Excerpt, export; "
            f"export([Excerpt(text='x', title='t', path='/a')], 'md', {str(tmp_path / 'new.md')!r})")
    subprocess.run([os.sys.executable, "-c", code], check=True, cwd=os.path.dirname(os.path.dirname(os.path.dirname(__file__))))
    assert stat.S_IMODE(os.stat(tmp_path / "new.md").st_mode) == 0o600


def test_symlink_is_written_through(tmp_path):
    real = tmp_path / "real" / "notes.md"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    os.chmod(real, 0o600)
    link = tmp_path / "link.md"
    os.symlink(real, link)
    export(EXCERPTS, "md", link)
    assert os.path.islink(link) and os.readlink(link) == str(real)
    assert "广东省总工会" in real.read_text(encoding="utf-8")
    assert stat.S_IMODE(os.stat(real).st_mode) == 0o600
    assert not [p for p in tmp_path.rglob(".export-*")]
    dangling = tmp_path / "dangling.md"
    os.symlink(tmp_path / "real" / "new.md", dangling)  # a link to a file not made yet: made there
    export(EXCERPTS, "md", dangling)
    assert os.path.islink(dangling) and (tmp_path / "real" / "new.md").is_file()
    nowhere = tmp_path / "nowhere.md"
    os.symlink(tmp_path / "missing" / "x.md", nowhere)
    with pytest.raises(ExportError, match="folder does not exist"):
        export(EXCERPTS, "md", nowhere)
