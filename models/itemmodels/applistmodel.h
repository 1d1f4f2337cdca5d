#pragma once

#include "types.h"

#include <QAbstractListModel>

namespace tp {

/// The apps of a store, in the order the store lists them. Read-only.
class AppListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Roles {
        KeyRole = Qt::UserRole + 1, ///< QString, e.g. "user-app"
        NameRole,                   ///< QString display name (may be empty)
        PlatformsRole,              ///< QStringList
        DescriptionRole,            ///< QString
    };

    explicit AppListModel(QObject* parent = nullptr);

    /// Replaces all apps (model reset).
    void setApps(QList<App> apps);
    [[nodiscard]] const QList<App>& apps() const { return m_apps; }
    /// Row of the app with this key, -1 if there is none.
    [[nodiscard]] int rowOf(const QString& key) const;

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

private:
    QList<App> m_apps;
};

} // namespace tp
