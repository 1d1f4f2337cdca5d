#pragma once

#include <QList>
#include <QWidget>

class QComboBox;

namespace tp {

class PlanCatalog;
class SearchFilterProxyModel;

/// The filter boxes of the Events & attributes page: level, status, platform, category,
/// owner and tag for the events; type, privacy class, group and common for the attributes.
/// Each box sets one role filter on its tab's proxy; only the current tab's boxes show.
class PlanFilterBar : public QWidget {
    Q_OBJECT
public:
    PlanFilterBar(PlanCatalog* catalog, SearchFilterProxyModel* events, SearchFilterProxyModel* attributes,
                  QWidget* parent = nullptr);

    /// Refills the boxes whose values come from the plan (keeping what is chosen) and applies.
    void refresh();
    /// Shows the boxes of the events (true) or of the attributes (false).
    void showFor(bool events);
    /// True if any box of the events (true) or of the attributes (false) filters.
    [[nodiscard]] bool isFiltering(bool events) const;

Q_SIGNALS:
    /// The proxies were filtered anew.
    void changed();

private:
    struct Filter {
        QComboBox* box;
        SearchFilterProxyModel* proxy;
        int role;
        bool events;
    };
    QComboBox* add(const char* name, const QString& all, const QString& tip, bool events, int role);
    void apply();

    PlanCatalog* m_catalog;
    SearchFilterProxyModel* m_events;
    SearchFilterProxyModel* m_attributes;
    QList<Filter> m_filters;
};

} // namespace tp
