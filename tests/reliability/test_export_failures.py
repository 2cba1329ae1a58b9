"""Export failures: an unwritable folder, a full disk, a name the file system rejects.

Each gives an ExportError with a plain reason (the CLI: one line, exit 2) and leaves no file
behind; a file that was already at the target is left as it was.
"""

from __future__ import annotations

import errno
import os
import subprocess
from pathlib import Path

import pytest

from desktop.core.errors import ExportError
from desktop.core.excerpts.export import FORMATS, excerpts_from_hits, export
from tests.reliability.conftest import no_traceback, run_cli
from tests.reliability.test_bad_files import _drop_dac_capabilities


@pytest.fixture(scope="module")
def excerpts(seeded_service):
    hits = seeded_service.search("工会", limit=0).hits
    return excerpts_from_hits(hits, seeded_service.document)


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else b"/")
            for p in sorted(folder.rglob("*"))}


def test_folder_under_a_regular_file(excerpts, tmp_path):
    (tmp_path / "notes.txt").write_text("我是文件", encoding="utf-8")
    before = _tree(tmp_path)
    with pytest.raises(ExportError, match="is a file, not a folder"):
        export(excerpts, "md", tmp_path / "notes.txt" / "sub" / "out.md")
    with pytest.raises(ExportError, match="is a file, not a folder"):
        export(excerpts, "docx", tmp_path / "notes.txt" / "out.docx")
    assert _tree(tmp_path) == before


def test_folder_that_does_not_exist(excerpts, tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        export(excerpts, "md", tmp_path / "nowhere" / "out.md")
    assert list(tmp_path.iterdir()) == []


def test_folder_without_write_permission_via_cli(tmp_path, data_dir):
    """A real EACCES: chmod 555, and as root the CLI runs without the capabilities that ignore modes."""
    out_dir = tmp_path / "readonly"
    out_dir.mkdir()
    preexec = None
    if os.geteuid() == 0:
        out_dir.chmod(0o555)
        probe = subprocess.run(["touch", str(out_dir / "probe")], capture_output=True,
                               preexec_fn=_drop_dac_capabilities)
        if probe.returncode == 0:
            out_dir.chmod(0o755)
            pytest.skip("running as root and cannot drop CAP_DAC_OVERRIDE: no folder is unwritable")
        preexec = _drop_dac_capabilities
    out_dir.chmod(0o555)
    try:
        data_dir.mkdir()
        proc = run_cli("export", "--query", "工会", "-o", out_dir / "out.md", data_dir=data_dir, preexec_fn=preexec)
    finally:
        out_dir.chmod(0o755)
    no_traceback(proc)
    assert proc.returncode == 2, proc.stderr
    message = proc.stderr.strip()
    assert "\n" not in message and "permission denied" in message, message
    assert list(out_dir.iterdir()) == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_full_disk_simulated(excerpts, tmp_path, monkeypatch, fmt):
    """The disk fills up after the first block is written (os.write raises ENOSPC)."""
    target = tmp_path / f"out.{fmt}"
    target.write_bytes(b"the previous export")
    real_write = os.write
    calls = {"n": 0}

    def write_until_full(fd, data):
        calls["n"] += 1
        if calls["n"] > 1:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, bytes(data)[: max(1, len(data) // 3)])

    monkeypatch.setattr(os, "write", write_until_full)
    with pytest.raises(ExportError, match="the disk is full"):
        export(excerpts, fmt, target)
    monkeypatch.setattr(os, "write", real_write)
    assert calls["n"] >= 2
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary file left behind
    assert target.read_bytes() == b"the previous export"


def test_full_disk_real_tmpfs_via_cli(tmp_path, data_dir):
    """A real full disk: a 64 KiB tmpfs (needs root and the right to mount; skipped otherwise)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small file system needs root")
    mnt = tmp_path / "small"
    mnt.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mnt)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode(errors='replace').strip()}")
    try:
        (mnt / "filler").write_bytes(b"x" * 60_000)  # one 4 KiB page left
        proc = run_cli("export", "--query", "工会", "--limit", "0", "-o", mnt / "out.md", data_dir=data_dir)
        no_traceback(proc)
        assert proc.returncode == 2, proc.stderr
        message = proc.stderr.strip()
        assert "\n" not in message and "the disk is full" in message, message
        assert sorted(p.name for p in mnt.iterdir()) == ["filler"]
    finally:
        subprocess.run(["umount", str(mnt)], check=True)


def test_name_with_nul_byte(excerpts, tmp_path):
    with pytest.raises(ExportError, match="NUL"):
        export(excerpts, "md", tmp_path / "bad\x00name.md")
    assert list(tmp_path.iterdir()) == []


def test_name_too_long(excerpts, tmp_path):
    with pytest.raises(ExportError, match="too long"):
        export(excerpts, "md", tmp_path / ("长" * 100 + ".md"))  # 302 bytes: over the usual 255
    with pytest.raises(ExportError, match="too long"):
        export(excerpts, "csv", tmp_path / ("a" * 300 + ".csv"))
    assert list(tmp_path.iterdir()) == []


def test_name_that_is_a_folder(excerpts, tmp_path):
    (tmp_path / "taken.md").mkdir()
    with pytest.raises(ExportError, match="folder"):
        export(excerpts, "md", tmp_path / "taken.md")
    assert [p.name for p in tmp_path.iterdir()] == ["taken.md"]


def test_cli_reports_a_bad_name_in_one_line(tmp_path, data_dir):
    proc = run_cli("export", "--query", "工会", "-o", tmp_path / ("名" * 100 + ".md"), data_dir=data_dir)
    no_traceback(proc)
    assert proc.returncode == 2, proc.stderr
    message = proc.stderr.strip()
    assert "\n" not in message and "too long" in message, message
    assert [p.name for p in tmp_path.iterdir()] == ["data"]
