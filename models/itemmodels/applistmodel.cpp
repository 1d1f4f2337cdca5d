#include "applistmodel.h"

namespace tp {

AppListModel::AppListModel(QObject* parent)
    : QAbstractListModel(parent)
{
}

void AppListModel::setApps(QList<App> apps)
{
    beginResetModel();
    m_apps = std::move(apps);
    endResetModel();
}

int AppListModel::rowOf(const QString& key) const
{
    for (qsizetype i = 0; i < m_apps.size(); ++i) {
        if (m_apps.at(i).key == key) {
            return int(i);
        }
    }
    return -1;
}

int AppListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_apps.size());
}

QVariant AppListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const App& app = m_apps.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return app.name.isEmpty() ? app.key : app.name;
    case Qt::ToolTipRole: {
        QString tip = tr("%1 (%2)").arg(app.name.isEmpty() ? app.key : app.name, app.key);
        if (!app.platforms.isEmpty()) {
            tip += QLatin1Char('\n') + tr("Platforms: %1").arg(app.platforms.join(QStringLiteral(", ")));
        }
        if (!app.description.isEmpty()) {
            tip += QLatin1Char('\n') + app.description;
        }
        return tip;
    }
    case KeyRole:
        return app.key;
    case NameRole:
        return app.name;
    case PlatformsRole:
        return app.platforms;
    case DescriptionRole:
        return app.description;
    default:
        return {};
    }
}

QHash<int, QByteArray> AppListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(KeyRole, "key");
    names.insert(NameRole, "name");
    names.insert(PlatformsRole, "platforms");
    names.insert(DescriptionRole, "description");
    return names;
}

} // namespace tp
