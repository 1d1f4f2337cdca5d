#pragma once

#include "savingdialog.h"
#include "types.h"
#include <QStringList>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTableView;

namespace tp {

/// Asks for the name of a new version (a version number such as 6.4.0, not taken yet by the
/// app) and its description. OK stays disabled, with the reason below the name, until the
/// name is valid; it runs the save action and stays open if that fails.
class NewVersionDialog : public SavingDialog {
    Q_OBJECT
public:
    /// `takenNames`: the app's versions, any order.
    explicit NewVersionDialog(const QStringList& takenNames, QWidget* parent = nullptr);

    [[nodiscard]] QString name() const;
    [[nodiscard]] QString description() const;

    /// The number after the newest of `names` (6.3.0 → 6.4.0), "1.0.0" for none: a hint.
    [[nodiscard]] static QString suggestedName(const QStringList& names);

private:
    void validate();

    QStringList m_taken;
    QLineEdit* m_name;
    QLabel* m_problem;
    QPlainTextEdit* m_description;
    QDialogButtonBox* m_buttons;
};

/// The app's demands with a check box each (key, title, status, other versions): checked are
/// those the version brings. A filter narrows the list; the line below counts the checked
/// ones, how many of them are still open, and what OK changes. OK runs the save action and
/// stays open if that fails.
class AssignDemandsDialog : public SavingDialog {
    Q_OBJECT
public:
    enum Column { KeyColumn, TitleColumn, StatusColumn, OtherVersionsColumn, ColumnCount };

    AssignDemandsDialog(const QString& versionName, const QList<Demand>& demands, const QStringList& assigned,
                        QWidget* parent = nullptr);

    /// Keys of the checked demands, sorted.
    [[nodiscard]] QStringList checkedKeys() const;

private:
    void updateSummary();

    QString m_version;
    QStringList m_assigned;
    QStandardItemModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QLineEdit* m_filter;
    QTableView* m_table;
    QLabel* m_summary;
};

} // namespace tp
