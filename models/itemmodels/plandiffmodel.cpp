#include "plandiffmodel.h"

#include "jsontext.h"

#include <QCoreApplication>

#include <algorithm>

namespace tp {

QString diffKindLabel(EntityDiff::Kind kind)
{
    switch (kind) {
    case EntityDiff::Kind::Added:
        return QCoreApplication::translate("tp::labels", "Added", "diff");
    case EntityDiff::Kind::Changed:
        return QCoreApplication::translate("tp::labels", "Changed", "diff");
    case EntityDiff::Kind::Removed:
        return QCoreApplication::translate("tp::labels", "Removed", "diff");
    }
    return {};
}

PlanDiffModel::PlanDiffModel(QObject* parent)
    : QAbstractItemModel(parent)
{
}

int PlanDiffModel::add(int parent, Node node)
{
    const int id = int(m_nodes.size());
    node.parent = parent;
    QList<int>& siblings = parent < 0 ? m_top : m_nodes[parent].children;
    node.row = int(siblings.size());
    siblings.append(id);
    m_nodes.append(std::move(node));
    return id;
}

void PlanDiffModel::addEntity(int group, const EntityDiff& e, const QList<BindingDiff>& bindings)
{
    Node entity;
    entity.name = e.key;
    entity.key = e.key;
    entity.kind = int(e.kind);
    entity.change = diffKindLabel(e.kind);
    const int id = add(group, entity);
    for (const FieldChange& f : e.fields) {
        if (e.kind != EntityDiff::Kind::Changed
            && isEmptyJsonValue(e.kind == EntityDiff::Kind::Added ? f.after : f.before)) {
            continue; // an added or removed entity: only the fields it has
        }
        Node field;
        field.name = fieldLabel(f.field);
        field.before = e.kind == EntityDiff::Kind::Added ? QString() : fieldValueText(f.field, f.before);
        field.after = e.kind == EntityDiff::Kind::Removed ? QString() : fieldValueText(f.field, f.after);
        add(id, field);
    }
    for (const BindingDiff& b : bindings) {
        if (b.eventKey != e.key) {
            continue;
        }
        Node binding;
        binding.name = tr("binding %1").arg(b.attributeKey);
        binding.change = diffKindLabel(b.kind);
        QStringList before;
        QStringList after;
        for (const FieldChange& f : b.fields) {
            if (b.kind != EntityDiff::Kind::Changed
                && isEmptyJsonValue(b.kind == EntityDiff::Kind::Added ? f.after : f.before)) {
                continue; // an empty note of a new or removed binding says nothing
            }
            if (b.kind != EntityDiff::Kind::Added) {
                before << QStringLiteral("%1: %2").arg(fieldLabel(f.field), fieldValueText(f.field, f.before));
            }
            if (b.kind != EntityDiff::Kind::Removed) {
                after << QStringLiteral("%1: %2").arg(fieldLabel(f.field), fieldValueText(f.field, f.after));
            }
        }
        binding.before = before.join(QLatin1String(", "));
        binding.after = after.join(QLatin1String(", "));
        add(id, binding);
    }
}

void PlanDiffModel::setDiff(const PlanDiff& diff)
{
    beginResetModel();
    m_nodes.clear();
    m_top.clear();
    if (!diff.isEmpty()) {
        // Events whose only differences are in their bindings are listed as changed too.
        QList<EntityDiff> events = diff.events;
        for (const BindingDiff& b : diff.bindings) {
            const bool listed =
                std::any_of(events.cbegin(), events.cend(), [&b](const EntityDiff& e) { return e.key == b.eventKey; });
            if (!listed) {
                events.append({EntityDiff::Kind::Changed, EntityKind::Event, b.eventKey, {}});
            }
        }
        std::sort(events.begin(), events.end(), [](const EntityDiff& a, const EntityDiff& b) { return a.key < b.key; });
        Node eventGroup;
        eventGroup.name = tr("Events (%1)").arg(events.size());
        const int eventsId = add(-1, eventGroup);
        for (const EntityDiff& e : std::as_const(events)) {
            addEntity(eventsId, e, diff.bindings);
        }
        Node attributeGroup;
        attributeGroup.name = tr("Attributes (%1)").arg(diff.attributes.size());
        const int attributesId = add(-1, attributeGroup);
        for (const EntityDiff& a : diff.attributes) {
            addEntity(attributesId, a, {});
        }
    }
    endResetModel();
}

QModelIndex PlanDiffModel::index(int row, int column, const QModelIndex& parent) const
{
    const QList<int>& children = parent.isValid() ? m_nodes.at(int(parent.internalId())).children : m_top;
    if (row < 0 || row >= children.size() || column < 0 || column >= ColumnCount) {
        return {};
    }
    return createIndex(row, column, quintptr(children.at(row)));
}

QModelIndex PlanDiffModel::parent(const QModelIndex& child) const
{
    if (!child.isValid()) {
        return {};
    }
    const int parent = m_nodes.at(int(child.internalId())).parent;
    return parent < 0 ? QModelIndex() : createIndex(m_nodes.at(parent).row, 0, quintptr(parent));
}

int PlanDiffModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid()) {
        return int(m_top.size());
    }
    return parent.column() == 0 ? int(m_nodes.at(int(parent.internalId())).children.size()) : 0;
}

int PlanDiffModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

QVariant PlanDiffModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid()) {
        return {};
    }
    const Node& n = m_nodes.at(int(index.internalId()));
    switch (role) {
    case KeyRole:
        return n.key;
    case KindRole:
        return n.kind < 0 ? QVariant() : QVariant(n.kind);
    case Qt::ToolTipRole:
        return index.column() == BeforeColumn || index.column() == AfterColumn ? data(index, Qt::DisplayRole)
                                                                               : QVariant();
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return n.name;
        case ChangeColumn:
            return n.change;
        case BeforeColumn:
            return n.before;
        case AfterColumn:
            return n.after;
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant PlanDiffModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractItemModel::headerData(section, orientation, role);
    }
    switch (section) {
    case NameColumn:
        return tr("Event, attribute or field");
    case ChangeColumn:
        return tr("Change");
    case BeforeColumn:
        return tr("Before");
    case AfterColumn:
        return tr("After");
    default:
        return {};
    }
}

} // namespace tp
