"""Help → About: what this program is, its version and the versions of its parts, where its data is."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget


class AboutDialog(QDialog):
    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from desktop.core.service import versions

        self.setWindowTitle(self.tr("About Archive Browser"))
        parts = versions()
        parts["PySide6"] = pyside_version
        parts["Qt"] = qVersion()
        app_version = parts.pop("Archive Browser")
        rows = "".join(f"<tr><td style='padding-right:14px;color:#66615a;'>{escape(k)}</td><td>{escape(v)}</td></tr>"
                       for k, v in parts.items())
        self.versions = {"Archive Browser": app_version, **parts}
        blurb = self.tr("An offline browser for Chinese news archives: every substring found, two articles "
                        "side by side, excerpts with their sources. It never uses the network.")
        text = (f"<h3>{escape(self.tr('Archive Browser'))} {escape(app_version)}</h3>"
                f"<p>{escape(blurb)}</p>"
                f"<table>{rows}</table>"
                f"<p style='color:#66615a;'>{escape(self.tr('Data folder: {path}').format(path=data_dir))}<br>"
                f"{escape(self.tr('License: MIT'))}</p>")
        self.label = QLabel(text, self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(self.label.textInteractionFlags()
                                           | self.label.textInteractionFlags().TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
