#pragma once

#include <QDialog>

#include <functional>

class QLabel;

namespace tp {

/// A dialog whose OK saves: accept() runs the save action first and closes only when it
/// succeeded. A failure (lost connection, conflict, the demand submitted meanwhile) is shown
/// in the dialog, which stays open with everything typed, so that nothing is lost and OK can
/// be pressed again. Ctrl+S (QKeySequence::Save) presses OK.
class SavingDialog : public QDialog {
    Q_OBJECT
public:
    /// Returns an error text, or an empty string when saved.
    using SaveAction = std::function<QString()>;

    explicit SavingDialog(QWidget* parent = nullptr);
    void setSaveAction(SaveAction action) { m_save = std::move(action); }
    /// The last save's error, empty if none.
    [[nodiscard]] QString saveError() const;
    void accept() override;

protected:
    /// The label that shows a failed save; subclasses put it above their buttons.
    [[nodiscard]] QLabel* saveErrorLabel() const { return m_error; }

private:
    SaveAction m_save;
    QLabel* m_error;
};

} // namespace tp
