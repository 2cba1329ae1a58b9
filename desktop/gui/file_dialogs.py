"""File and folder choosers that speak the interface's language throughout.

Qt's own (non-native) file dialog takes some labels from the .ui file ("&Look in:", "Files of
type:") that Qt's Chinese catalogue does not cover, so a Chinese window showed English labels.
Every label is set here through our own translations; a native dialog ignores them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget


def make_dialog(parent: QWidget | None, title: str, folder: str = "", filters: str = "") -> QFileDialog:
    dialog = QFileDialog(parent, title, folder, filters)
    Label = QFileDialog.DialogLabel
    dialog.setLabelText(Label.LookIn, QCoreApplication.translate("FileDialogs", "Look in:"))
    dialog.setLabelText(Label.FileType, QCoreApplication.translate("FileDialogs", "Files of type:"))
    dialog.setLabelText(Label.Reject, QCoreApplication.translate("FileDialogs", "Cancel"))
    return dialog


def choose_folder(parent: QWidget | None, title: str) -> str:
    dialog = make_dialog(parent, title)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    dialog.setLabelText(QFileDialog.DialogLabel.FileName, QCoreApplication.translate("FileDialogs", "Folder:"))
    dialog.setLabelText(QFileDialog.DialogLabel.Accept, QCoreApplication.translate("FileDialogs", "Choose"))
    return dialog.selectedFiles()[0] if dialog.exec() and dialog.selectedFiles() else ""


def choose_files(parent: QWidget | None, title: str, filters: str) -> list[str]:
    dialog = make_dialog(parent, title, "", filters)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    dialog.setLabelText(QFileDialog.DialogLabel.FileName, QCoreApplication.translate("FileDialogs", "File name:"))
    dialog.setLabelText(QFileDialog.DialogLabel.Accept, QCoreApplication.translate("FileDialogs", "Open"))
    return dialog.selectedFiles() if dialog.exec() else []


def save_file(parent: QWidget | None, title: str, path: str, filters: str) -> str:
    dialog = make_dialog(parent, title, path, filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setLabelText(QFileDialog.DialogLabel.FileName, QCoreApplication.translate("FileDialogs", "File name:"))
    dialog.setLabelText(QFileDialog.DialogLabel.Accept, QCoreApplication.translate("FileDialogs", "Save"))
    return dialog.selectedFiles()[0] if dialog.exec() and dialog.selectedFiles() else ""
