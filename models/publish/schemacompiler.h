#pragma once

// JSON Schema (draft 2020-12) of the events and common attributes of a plan, as published to
// Redis. The text is canonical (entityjson.h: keys in UTF-16 code unit order, no whitespace,
// shortest numbers), so equal schemas are equal bytes and hash equal; the sha256 of the text
// names the schema (tp:{app}:schema:{sha256}). docs/redis-contract.md shows examples.

#include "types.h"

#include <QByteArray>
#include <QHash>

#include <vector>

namespace tp {

struct SchemaOptions {
    /// "additionalProperties": false in event schemas: a property that the event does not bind
    /// and that is not a common attribute is unplanned. False leaves event schemas open.
    bool closed = true;
};

struct CompiledSchema {
    QByteArray text;   ///< canonical JSON
    QByteArray sha256; ///< lower-case hex of the text's sha256
};

/// Compiles the schemas of one plan (one app at one version) under one governance policy.
/// Attribute property schemas are built once per compiler and shared by the events.
class SchemaCompiler {
public:
    SchemaCompiler(const Plan& plan, const GovernancePolicy& policy, SchemaOptions options = {});

    /// Schema of an event at its schema version: its bound attributes as properties (required
    /// ones in "required", sorted), "title" = the key, "x-level", "x-route" (routeOf() of its
    /// level), "x-schema-version", and "deprecated": true for deprecated or removed events.
    [[nodiscard]] QByteArray eventSchemaText(const Event& event);
    /// The same appended to `out` (for many schemas in one buffer).
    void appendEventSchema(const Event& event, QByteArray& out);
    [[nodiscard]] CompiledSchema eventSchema(const Event& event);
    /// Schema of the plan's common attributes (title "common"); none of them is required.
    [[nodiscard]] QByteArray commonSchemaText();

    /// The property schema of one attribute, canonical: type, enum, pattern, minimum/maximum,
    /// maxLength ("items" of arrays carry the element's), "format": "date-time" for datetimes,
    /// and "x-privacy" when the attribute is not privacy class none.
    [[nodiscard]] static QByteArray attributeSchemaText(const Attribute& attribute);
    /// Lower-case hex sha256.
    [[nodiscard]] static QByteArray sha256Hex(QByteArrayView text);
    /// The same into `out` (64 bytes, no terminator).
    static void sha256Hex(QByteArrayView text, char* out);
    /// "$schema" of every schema.
    [[nodiscard]] static QString dialect() { return QStringLiteral("https://json-schema.org/draft/2020-12/schema"); }

private:
    /// An attribute as a member of "properties": "key":{…}, and its key quoted for "required".
    struct Property {
        QByteArray member;
        QByteArray quotedKey;
        int rank = 0; ///< position in canonical key order among the plan's attributes
        QString key;
    };
    int property(const QString& attributeKey); ///< index into m_properties, built on first use

    const Plan& m_plan;
    SchemaOptions m_options;
    QByteArray m_levelTail[4];    ///< ,"x-level":"A","x-route":[...] per level
    QList<Property> m_properties; ///< built on first use (member empty until then)
    /// The plan's attribute keys → index into m_properties, open addressing. Every binding of
    /// every compiled event is looked up here: a million lookups for the 100 000-event demo, so
    /// it is a flat table that holds each key's hash (a probe past another key costs no memory
    /// access) and the keys themselves in one array (a hit costs no pointer chase).
    struct Slot {
        std::size_t hash = 0;
        int index = -1; ///< -1: empty
        int keyFrom = 0;
        int keyLength = 0;
    };
    std::vector<Slot> m_slots;
    std::vector<char16_t> m_keyChars;
    std::size_t m_mask = 0;
    /// Keys of bindings to attributes the plan lacks (property() adds them).
    QHash<QString, int> m_index;
    [[nodiscard]] int indexOf(const QString& attributeKey) const; ///< -1: the plan lacks it
};

} // namespace tp
