#include "planfilterbar.h"

#include "attributetablemodel.h"
#include "enumlabels.h"
#include "enums.h"
#include "eventtablemodel.h"
#include "plancatalog.h"
#include "searchfilterproxymodel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QSignalBlocker>

#include <algorithm>

namespace tp {

PlanFilterBar::PlanFilterBar(PlanCatalog* catalog, SearchFilterProxyModel* events, SearchFilterProxyModel* attributes,
                             QWidget* parent)
    : QWidget(parent)
    , m_catalog(catalog)
    , m_events(events)
    , m_attributes(attributes)
{
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    QComboBox* level = add("levelFilter", tr("All levels"), tr("Show only events of this governance level"), true,
                           EventTableModel::LevelRole);
    for (Level l : {Level::D, Level::C, Level::B, Level::A}) {
        level->addItem(levelLabel(l), int(l));
    }
    QComboBox* status = add("eventStatusFilter", tr("All statuses"), tr("Show only events in this lifecycle status"),
                            true, EventTableModel::StatusRole);
    for (EventStatus st : {EventStatus::Planned, EventStatus::Implementing, EventStatus::Testing, EventStatus::Live,
                           EventStatus::Deprecated, EventStatus::Removed}) {
        status->addItem(statusLabel(st), int(st));
    }
    add("platformFilter", tr("All platforms"), tr("Show only events reported on this platform"), true,
        EventTableModel::PlatformsRole);
    add("categoryFilter", tr("All categories"), tr("Show only events of this category"), true,
        EventTableModel::CategoryRole);
    add("ownerFilter", tr("All owners"), tr("Show only events of this owner"), true, EventTableModel::OwnerRole);
    add("tagFilter", tr("All tags"), tr("Show only events with this tag"), true, EventTableModel::TagsRole);
    QComboBox* type = add("attributeTypeFilter", tr("All types"), tr("Show only attributes of this type"), false,
                          AttributeTableModel::TypeRole);
    for (AttrType t : {AttrType::String, AttrType::Integer, AttrType::Number, AttrType::Boolean, AttrType::DateTime,
                       AttrType::Enum, AttrType::ArrayString, AttrType::ArrayInteger, AttrType::ArrayNumber}) {
        type->addItem(toString(t), int(t));
    }
    QComboBox* privacy = add("privacyFilter", tr("Any privacy"), tr("Show only attributes of this privacy class"),
                             false, AttributeTableModel::PrivacyRole);
    for (Privacy p : {Privacy::None, Privacy::Pseudonymous, Privacy::Personal, Privacy::Sensitive}) {
        privacy->addItem(privacyLabel(p), int(p));
    }
    add("groupFilter", tr("All groups"), tr("Show only attributes of this group"), false,
        AttributeTableModel::GroupsRole);
    QComboBox* common = add("commonFilter", tr("Common or not"), tr("Show only common attributes, or only the others"),
                            false, AttributeTableModel::CommonRole);
    common->addItem(tr("Common only"), true);
    common->addItem(tr("Not common"), false);
    row->addStretch(1);
}

QComboBox* PlanFilterBar::add(const char* name, const QString& all, const QString& tip, bool events, int role)
{
    auto* box = new QComboBox(this);
    box->setObjectName(QString::fromLatin1(name));
    box->addItem(all);
    box->setToolTip(tip);
    box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(box, &QComboBox::currentIndexChanged, this, &PlanFilterBar::apply);
    layout()->addWidget(box);
    m_filters.append({box, events ? m_events : m_attributes, role, events});
    return box;
}

void PlanFilterBar::refresh()
{
    const EventTableModel* events = m_catalog->eventModel();
    for (const Filter& f : std::as_const(m_filters)) {
        QStringList values;
        if (f.events
            && (f.role == EventTableModel::PlatformsRole || f.role == EventTableModel::CategoryRole
                || f.role == EventTableModel::OwnerRole || f.role == EventTableModel::TagsRole)) {
            values = events->distinctValues(f.role);
        } else if (!f.events && f.role == AttributeTableModel::GroupsRole) {
            values = m_catalog->attributeModel()->groupNames();
        } else {
            continue; // fixed values (levels, statuses, types …)
        }
        const QString current = f.box->currentData().toString();
        const QSignalBlocker block(f.box);
        while (f.box->count() > 1) {
            f.box->removeItem(1);
        }
        for (const QString& v : std::as_const(values)) {
            f.box->addItem(v, v);
        }
        f.box->setCurrentIndex(std::max(0, f.box->findData(current)));
    }
    apply();
}

void PlanFilterBar::showFor(bool events)
{
    for (const Filter& f : std::as_const(m_filters)) {
        f.box->setVisible(f.events == events);
    }
}

bool PlanFilterBar::isFiltering(bool events) const
{
    return std::any_of(m_filters.cbegin(), m_filters.cend(),
                       [events](const Filter& f) { return f.events == events && f.box->currentIndex() > 0; });
}

void PlanFilterBar::apply()
{
    // Filtering has to see every event, not only the batches the view fetched so far.
    if (isFiltering(true)) {
        m_catalog->eventModel()->fetchAll();
    }
    for (const Filter& f : std::as_const(m_filters)) {
        f.proxy->setRoleFilter(f.role, f.box->currentData());
    }
    Q_EMIT changed();
}

} // namespace tp
