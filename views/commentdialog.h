#pragma once

#include "savingdialog.h"

class QDialogButtonBox;
class QPlainTextEdit;

namespace tp {

/// Asks for the comment that goes with a decision or a change of the policy ("why"), after
/// saying what will happen. OK carries the action's name ("Approve", "Save"); with
/// setCommentRequired() it stays disabled until something is typed. The save action runs on
/// OK (SavingDialog): a failure keeps the dialog open with the comment.
class CommentDialog : public SavingDialog {
    Q_OBJECT
public:
    /// `intro` is rich text; `okText` names the action.
    CommentDialog(const QString& title, const QString& intro, const QString& okText, QWidget* parent = nullptr);
    void setCommentRequired(bool required);
    [[nodiscard]] QString comment() const;

private:
    void updateOk();

    QPlainTextEdit* m_comment;
    QDialogButtonBox* m_buttons;
    bool m_required = false;
};

} // namespace tp
