#pragma once

#include "demandservice.h"
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

/// The conflicts of a merge side by side: per entity and field its value at the demand's base
/// revision, in the plan now (theirs) and in the demand (mine). Nothing was merged.
class MergeConflictDialog : public QDialog {
    Q_OBJECT
public:
    MergeConflictDialog(const QString& demandKey, const QList<MergeConflict>& conflicts, QWidget* parent = nullptr);
};

} // namespace tp
