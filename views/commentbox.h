#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace tp {

/// A few lines of text and a Comment button (Ctrl+Return sends too). The owner decides what a
/// comment is about, sends it and says how it went: clear() after success, showError() else.
class CommentBox : public QWidget {
    Q_OBJECT
public:
    /// `editName` and `buttonName` are the objectNames of the editor and the button.
    CommentBox(const QString& editName, const QString& buttonName, QWidget* parent = nullptr);

    void setPlaceholderText(const QString& text);
    /// Enables the box, or disables it with the reason as tooltip (what is typed stays).
    void setDenied(const QString& reason);
    [[nodiscard]] QString text() const;
    /// Empties the editor and the error after a comment was saved.
    void clear();
    void showError(const QString& message);

Q_SIGNALS:
    /// The Comment button was pressed with some text.
    void submitted(const QString& text);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void updateButton();

    QPlainTextEdit* m_edit;
    QPushButton* m_button;
    QLabel* m_error;
    QString m_denied;
};

} // namespace tp
