#pragma once

// Internal to tp_store: the hand-written content of the demo (demo.h). Each app is a script:
// its versions, its attribute catalogue, its events and the demands that create and later change
// them. demo.cpp plays the script through the public store API. Display texts are Chinese data,
// not translations.

#include "types.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>
#include <utility>

namespace tp::demo {

/// One hand-written event. `bindings` is compact on purpose so that the tables stay readable:
/// "order_id!,coupon_id:仅用券时上报" — '!' marks a required binding, ':' starts the note.
struct EventSpec {
    // A constructor rather than an aggregate: most events leave `platforms` out.
    EventSpec(QString batch_, QString key_, QString name_, QString category_, Level level_, QString description_,
              QString trigger_, QString bindings_, QString tags_, QString platforms_ = {})
        : batch(std::move(batch_))
        , key(std::move(key_))
        , name(std::move(name_))
        , category(std::move(category_))
        , level(level_)
        , description(std::move(description_))
        , trigger(std::move(trigger_))
        , bindings(std::move(bindings_))
        , tags(std::move(tags_))
        , platforms(std::move(platforms_))
    {
    }
    QString batch; ///< the creation demand (DemandSpec::batch) that introduces it
    QString key;
    QString name;
    QString category;
    Level level = Level::B;
    QString description;
    QString trigger;
    QString bindings;
    QString tags;      ///< comma separated
    QString platforms; ///< comma separated; empty = every platform of the app
};

using EventEdit = std::function<void(Event&)>;
using AttributeEdit = std::function<void(Attribute&)>;

/// One demand of the script. Open outcomes (draft, in_review, approved) must target the last
/// version of the app, which stays in planning.
struct DemandSpec {
    QString version; ///< target version
    QString owner;   ///< product owner opening it; the app's steward reviews it
    QString title;
    QString description;
    Priority priority = Priority::P2;
    DemandStatus outcome = DemandStatus::Merged;
    QString comment;               ///< review comment (approve / reject / cancel)
    bool commonAttributes = false; ///< creates the app's common attributes
    QString batch;                 ///< creates the events of this batch
    QList<QPair<QString, AttributeEdit>> attributeEdits;
    QList<QPair<QString, EventEdit>> eventEdits;
    QList<QPair<QString, QString>> replaceAttributes; ///< old -> new in every binding; old is removed
    QStringList removeEvents;                         ///< never released ones only
    QStringList removeAttributes;
};

struct VersionSpec {
    QString name;
    QString description;
    VersionStatus finalStatus = VersionStatus::Released;
    int cycle = 0; ///< two-week release train the version belongs to (0 = from 2026-01-05)
};

struct AppSpec {
    App app;
    QStringList owners;          ///< product owners (user names) of the app
    QString steward;             ///< data steward reviewing its demands
    QList<VersionSpec> versions; ///< oldest first
    QList<Attribute> attributes; ///< the catalogue; '#' in an example becomes a random digit
    QList<EventSpec> events;
    QList<DemandSpec> demands; ///< in the order they are played within each version
};

[[nodiscard]] QList<User> demoUsers();
[[nodiscard]] AppSpec userAppSpec();
[[nodiscard]] AppSpec driverAppSpec();
[[nodiscard]] AppSpec enterpriseSpec();

/// All apps of the demo, in the order they are played.
[[nodiscard]] QList<AppSpec> demoApps();

// Builders that keep the tables short.
[[nodiscard]] Attribute attr(const QString& key, const QString& name, AttrType type, const QString& description,
                             const QString& example, Privacy privacy = Privacy::None, const QString& groups = {});
[[nodiscard]] Attribute common(Attribute a);
[[nodiscard]] Attribute withPattern(Attribute a, const QString& pattern, std::optional<int> maxLength = {});
[[nodiscard]] Attribute withRange(Attribute a, std::optional<double> min, std::optional<double> max,
                                  const QString& unit = {});
[[nodiscard]] Attribute withMaxLength(Attribute a, int maxLength);
/// Enum values as "value=标签,value=标签".
[[nodiscard]] Attribute withValues(Attribute a, const QString& values);
[[nodiscard]] QList<EnumValue> enumValues(const QString& values);

/// Parses EventSpec::bindings.
[[nodiscard]] QList<Binding> parseBindings(const QString& text);
[[nodiscard]] QStringList splitList(const QString& text);

} // namespace tp::demo
