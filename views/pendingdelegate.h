#pragma once

#include <QStyledItemDelegate>

namespace tp {

/// Marks the rows with a pending change in the active demand (the model's `pendingRole` is
/// true): italic, in the highlight colour, with a pencil after the text.
class PendingDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    PendingDelegate(int pendingRole, QObject* parent = nullptr);

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;

private:
    int m_role;
};

} // namespace tp
