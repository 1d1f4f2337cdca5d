#pragma once

#include "savingdialog.h"
#include "types.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLineEdit;
class QPlainTextEdit;

namespace tp {

/// Asks for the fields of a new demand: title (required), description, owner, priority, link
/// and the version in planning it targets.
class NewDemandDialog : public SavingDialog {
    Q_OBJECT
public:
    NewDemandDialog(const QString& owner, const QStringList& planningVersions, QWidget* parent = nullptr);
    /// The demand as entered (no key, no app).
    [[nodiscard]] Demand demand() const;

private:
    void updateOk();

    QLineEdit* m_title;
    QPlainTextEdit* m_description;
    QLineEdit* m_owner;
    QComboBox* m_priority;
    QLineEdit* m_link;
    QComboBox* m_version;
    QDialogButtonBox* m_buttons;
};

} // namespace tp
