#include "plandiff.h"

#include "entityjson.h"

#include <QHash>

#include <algorithm>
#include <vector>

namespace tp {
namespace {

using Kind = EntityDiff::Kind;

const QString kBindings = QStringLiteral("bindings");
const QString kPosition = QStringLiteral("position");

/// Pointers to the items of a list in key order: the list itself when it is sorted (the
/// normal case, O(n) check), otherwise a sorted copy of the pointers.
template <typename T> std::vector<const T*> byKey(const QList<T>& list)
{
    std::vector<const T*> out;
    out.reserve(static_cast<std::size_t>(list.size()));
    for (const T& item : list) {
        out.push_back(&item);
    }
    const auto less = [](const T* a, const T* b) { return a->key < b->key; };
    if (!std::is_sorted(out.begin(), out.end(), less)) {
        std::stable_sort(out.begin(), out.end(), less);
    }
    return out;
}

/// Merge-walks two key-sorted sequences, calling visit(before, after) with nullptr on the side
/// where a key is missing.
template <typename T, typename Visit>
void mergeWalk(const std::vector<const T*>& from, const std::vector<const T*>& to, Visit&& visit)
{
    auto i = from.begin();
    auto j = to.begin();
    while (i != from.end() || j != to.end()) {
        if (j == to.end() || (i != from.end() && (*i)->key < (*j)->key)) {
            visit(*i++, nullptr);
        } else if (i == from.end() || (*j)->key < (*i)->key) {
            visit(nullptr, *j++);
        } else {
            visit(*i++, *j++);
        }
    }
}

QJsonObject eventJson(const Event& e)
{
    QJsonObject o = toJson(e, true);
    o.remove(kBindings);
    return o;
}

/// Positions (in `before` order) of the longest increasing subsequence of `seq`: the largest
/// set of bindings that kept their relative order. O(n log n).
std::vector<bool> longestIncreasing(const std::vector<qsizetype>& seq)
{
    std::vector<qsizetype> tails; // index into seq of the smallest tail per length
    std::vector<qsizetype> previous(seq.size(), -1);
    for (qsizetype i = 0; i < static_cast<qsizetype>(seq.size()); ++i) {
        const auto it = std::lower_bound(tails.begin(), tails.end(), seq[i],
                                         [&seq](qsizetype t, qsizetype value) { return seq[t] < value; });
        previous[i] = it == tails.begin() ? -1 : *(it - 1);
        if (it == tails.end()) {
            tails.push_back(i);
        } else {
            *it = i;
        }
    }
    std::vector<bool> kept(seq.size(), false);
    for (qsizetype i = tails.empty() ? -1 : tails.back(); i >= 0; i = previous[i]) {
        kept[i] = true;
    }
    return kept;
}

QJsonObject bindingJson(const Binding& b, qsizetype position)
{
    return QJsonObject{{QStringLiteral("required"), b.required},
                       {QStringLiteral("note"), b.note},
                       {kPosition, static_cast<qint64>(position)}};
}

/// First position of each attribute key (a duplicate binding is a validation error).
QHash<QString, qsizetype> positions(const QList<Binding>& bindings)
{
    QHash<QString, qsizetype> out;
    out.reserve(bindings.size());
    for (qsizetype i = 0; i < bindings.size(); ++i) {
        if (!out.contains(bindings.at(i).attributeKey)) {
            out.insert(bindings.at(i).attributeKey, i);
        }
    }
    return out;
}

void diffBindings(const QString& eventKey, const QList<Binding>& from, const QList<Binding>& to,
                  QList<BindingDiff>& out)
{
    const QHash<QString, qsizetype> was = positions(from);
    const QHash<QString, qsizetype> is = positions(to);
    const qsizetype first = out.size();

    for (qsizetype i = 0; i < from.size(); ++i) {
        const QString& key = from.at(i).attributeKey;
        if (was.value(key) == i && !is.contains(key)) {
            out << BindingDiff{Kind::Removed, eventKey, key, diffObjects(bindingJson(from.at(i), i), {})};
        }
    }
    // Bindings present on both sides, in `to` order, with their `from` positions.
    std::vector<qsizetype> kept, oldPosition;
    for (qsizetype j = 0; j < to.size(); ++j) {
        const auto it = was.constFind(to.at(j).attributeKey);
        if (is.value(to.at(j).attributeKey) == j && it != was.constEnd()) {
            kept.push_back(j);
            oldPosition.push_back(*it);
        }
    }
    const std::vector<bool> inOrder = longestIncreasing(oldPosition);
    for (std::size_t k = 0; k < kept.size(); ++k) {
        const qsizetype j = kept[k];
        const qsizetype i = oldPosition[k];
        QJsonObject before = bindingJson(from.at(i), i);
        QJsonObject after = bindingJson(to.at(j), j);
        if (inOrder[k]) {
            // Kept its place relative to the others: a shifted index is not a move.
            before.remove(kPosition);
            after.remove(kPosition);
        }
        const QList<FieldChange> fields = diffObjects(before, after);
        if (!fields.isEmpty()) {
            out << BindingDiff{Kind::Changed, eventKey, to.at(j).attributeKey, fields};
        }
    }
    for (qsizetype j = 0; j < to.size(); ++j) {
        const QString& key = to.at(j).attributeKey;
        if (is.value(key) == j && !was.contains(key)) {
            out << BindingDiff{Kind::Added, eventKey, key, diffObjects({}, bindingJson(to.at(j), j))};
        }
    }
    std::sort(out.begin() + first, out.end(),
              [](const BindingDiff& a, const BindingDiff& b) { return a.attributeKey < b.attributeKey; });
}

} // namespace

QList<FieldChange> diffObjects(const QJsonObject& before, const QJsonObject& after)
{
    // Sort the names ourselves rather than rely on QJsonObject's internal key order.
    QStringList fields = before.keys() + after.keys();
    std::sort(fields.begin(), fields.end());
    fields.erase(std::unique(fields.begin(), fields.end()), fields.end());
    QList<FieldChange> out;
    for (const QString& field : std::as_const(fields)) {
        const QJsonValue a = before.value(field);
        const QJsonValue b = after.value(field);
        if (a != b) {
            out << FieldChange{field, a, b};
        }
    }
    return out;
}

bool PlanDiff::isEmpty() const
{
    return events.isEmpty() && attributes.isEmpty() && bindings.isEmpty();
}

QString toString(EntityDiff::Kind kind)
{
    switch (kind) {
    case Kind::Added:
        return QStringLiteral("added");
    case Kind::Changed:
        return QStringLiteral("changed");
    case Kind::Removed:
        return QStringLiteral("removed");
    }
    return {};
}

PlanDiff diffPlans(const Plan& from, const Plan& to)
{
    PlanDiff diff;
    mergeWalk(byKey(from.attributes), byKey(to.attributes), [&diff](const Attribute* a, const Attribute* b) {
        if (!a) {
            diff.attributes << EntityDiff{Kind::Added, EntityKind::Attribute, b->key, diffObjects({}, toJson(*b))};
        } else if (!b) {
            diff.attributes << EntityDiff{Kind::Removed, EntityKind::Attribute, a->key, diffObjects(toJson(*a), {})};
        } else if (!(*a == *b)) {
            QList<FieldChange> fields = diffObjects(toJson(*a), toJson(*b));
            if (!fields.isEmpty()) {
                diff.attributes << EntityDiff{Kind::Changed, EntityKind::Attribute, a->key, fields};
            }
        }
    });
    mergeWalk(byKey(from.events), byKey(to.events), [&diff](const Event* a, const Event* b) {
        if (!a) {
            diff.events << EntityDiff{Kind::Added, EntityKind::Event, b->key, diffObjects({}, eventJson(*b))};
            diffBindings(b->key, {}, b->bindings, diff.bindings);
        } else if (!b) {
            diff.events << EntityDiff{Kind::Removed, EntityKind::Event, a->key, diffObjects(eventJson(*a), {})};
            diffBindings(a->key, a->bindings, {}, diff.bindings);
        } else if (!(*a == *b)) {
            QList<FieldChange> fields = diffObjects(eventJson(*a), eventJson(*b));
            if (!fields.isEmpty()) {
                diff.events << EntityDiff{Kind::Changed, EntityKind::Event, a->key, fields};
            }
            if (a->bindings != b->bindings) {
                diffBindings(a->key, a->bindings, b->bindings, diff.bindings);
            }
        }
    });
    return diff;
}

} // namespace tp
