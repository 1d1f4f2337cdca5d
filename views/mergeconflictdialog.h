#pragma once

#include "conflictresolution.h"
#include "demandservice.h"

#include <QDialog>

#include <functional>
#include <optional>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace tp {

/// One conflicting event or attribute as settled in the dialog: what
/// DemandService::resolveConflict takes.
struct ResolvedConflict {
    EntityKind kind = EntityKind::Event;
    QString entityKey;
    QJsonObject state; ///< empty: the removal
    int theirsRevision = 0;
};

/// The conflicts of a merge, resolved field by field. Per entity and field that differs: its
/// value at the demand's base revision, in the plan now (theirs) and in the demand (mine), and
/// a choice: keep mine, take theirs (preselected where only the plan changed it) or edit — as
/// text, or as JSON with validation for lists and objects such as bindings or enum values. An
/// entity one side removed is settled as a whole. Apply hands the resolved states to the apply
/// action (which stores them and merges again); only who may merge may apply.
class MergeConflictDialog : public QDialog {
    Q_OBJECT
public:
    /// Returns an error text, or an empty string when the resolutions were stored.
    using ApplyAction = std::function<QString(const QList<ResolvedConflict>&)>;

    /// `deniedReason`: why the acting user may not resolve (empty if they may).
    MergeConflictDialog(const QString& demandKey, const QList<MergeConflict>& conflicts, const QString& deniedReason,
                        QWidget* parent = nullptr);
    void setApplyAction(ApplyAction action) { m_apply = std::move(action); }

    /// The states as chosen now; nullopt (and the reason shown, its row selected) if one is
    /// not valid.
    [[nodiscard]] std::optional<QList<ResolvedConflict>> resolutions();

private:
    struct Row {
        int conflict = 0;                   ///< index into m_conflicts
        std::optional<ConflictField> field; ///< none: the whole entity
        QComboBox* choice = nullptr;
        QString editedText; ///< what was typed while "Edit" is chosen
    };
    void addRows(int conflictIndex);
    void onRowSelected();
    void onChoiceChanged(int row);
    void onEdited();
    void apply();
    /// The value a row resolves to now, as the editor shows it.
    [[nodiscard]] QString rowValueText(const Row& row) const;
    [[nodiscard]] ConflictChoice choiceOf(const Row& row) const;
    void showError(const QString& message);

    QString m_demandKey;
    QList<MergeConflict> m_conflicts;
    QList<Row> m_rows;
    QTableWidget* m_table = nullptr;
    QLabel* m_valueLabel = nullptr;
    QPlainTextEdit* m_editor = nullptr;
    QLabel* m_error = nullptr;
    QPushButton* m_applyButton = nullptr;
    ApplyAction m_apply;
    bool m_filling = false; ///< the editor is being filled, not typed into
};

} // namespace tp
