"""The dialog for a new bookmark (摘录) or for editing one: the quote, its city and a note."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


class BookmarkDialog(QDialog):
    def __init__(self, quote: str, citation: str, city: str | None, cities: list[str], note: str = "",
                 *, editing: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit bookmark") if editing else self.tr("Bookmark passage"))
        self.setMinimumWidth(480)
        self.quote = QPlainTextEdit(self)
        self.quote.setPlainText(quote)
        self.quote.setReadOnly(True)
        self.quote.setMaximumHeight(110)
        self.source = QLabel(citation, self)
        self.source.setWordWrap(True)
        self.source.setStyleSheet("color:#66615a;")
        self.city = QComboBox(self)
        self.city.setEditable(True)
        names = list(dict.fromkeys([c for c in ([city] if city else []) + cities if c]))
        self.city.addItems(names)
        self.city.setEditText(city or "")
        self.city.lineEdit().setPlaceholderText(self.tr("No city"))
        self.note = QPlainTextEdit(self)
        self.note.setPlainText(note)
        self.note.setPlaceholderText(self.tr("Optional note"))
        self.note.setMaximumHeight(90)
        self.note.setToolTip(self.tr("Enter saves; Shift+Enter starts a new line"))
        self.note.installEventFilter(self)
        self.city.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.city.lineEdit().returnPressed.connect(self.accept)
        form = QFormLayout()
        form.addRow(self.tr("City"), self.city)
        form.addRow(self.tr("Note"), self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                   self)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Save") if editing else self.tr("Bookmark"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.quote)
        layout.addWidget(self.source)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.note.setFocus(Qt.FocusReason.OtherFocusReason)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.accept)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (obj is self.note and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.note.insertPlainText("\n")
            else:
                self.accept()
            return True
        return super().eventFilter(obj, event)

    def values(self) -> tuple[str | None, str]:
        city = self.city.currentText().strip() or None
        return city, self.note.toPlainText().strip()
