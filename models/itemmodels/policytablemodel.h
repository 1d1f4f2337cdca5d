#pragma once

#include "types.h"

#include <QAbstractTableModel>

namespace tp {

/// An app's governance policy as an editable table: one row per level A–D, one column per
/// setting (reject, quarantine, analytics, sampling rate, warehouse ODS, real-time, health
/// alerts; the keys of policyFields()). Switches are check boxes (Qt::CheckStateRole); the
/// sampling rate is edited as a percentage 0–100 (Qt::EditRole, double). Edits stay in the
/// model until GovernanceCatalog::savePolicy() writes them.
class PolicyTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        LevelColumn,
        RejectColumn,
        QuarantineColumn,
        AnalyticsColumn,
        SamplingColumn,
        WarehouseColumn,
        RealtimeColumn,
        HealthAlertsColumn,
        ColumnCount
    };
    enum Roles {
        LevelRole = Qt::UserRole + 1, ///< int(Level) of the row
        ModifiedRole,                 ///< bool: the cell differs from the policy as loaded
    };

    explicit PolicyTableModel(QObject* parent = nullptr);

    /// Shows a policy as stored (model reset); edits start from it.
    void setPolicy(const GovernancePolicy& policy);
    /// The policy as edited (with the row version it was loaded at).
    [[nodiscard]] const GovernancePolicy& policy() const { return m_policy; }
    /// The policy as loaded.
    [[nodiscard]] const GovernancePolicy& savedPolicy() const { return m_saved; }
    [[nodiscard]] bool isModified() const;
    /// Whether cells may be edited (the acting user's role); read-only cells still show.
    void setEditable(bool editable);
    [[nodiscard]] bool isEditable() const { return m_editable; }

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    [[nodiscard]] Qt::ItemFlags flags(const QModelIndex& index) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    /// The policy was edited or reloaded: isModified() may have changed.
    void modifiedChanged();

private:
    /// The switch of a column (nullptr for the level and sampling columns).
    [[nodiscard]] static bool LevelPolicy::*flagOf(int column);

    GovernancePolicy m_policy;
    GovernancePolicy m_saved;
    bool m_editable = false;
};

} // namespace tp
