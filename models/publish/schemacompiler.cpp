#include "schemacompiler.h"

#include "entityjson.h"
#include "enums.h"
#include "jsonwriter.h"
#include "routing.h"
#include "rules.h"

#include <QJsonArray>
#include <QVarLengthArray>

#include <openssl/evp.h>
#include <openssl/sha.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <functional>
#include <memory>
#include <string_view>

namespace tp {
namespace {

const char* jsonType(AttrType t)
{
    switch (t) {
    case AttrType::Integer:
    case AttrType::ArrayInteger:
        return "integer";
    case AttrType::Number:
    case AttrType::ArrayNumber:
        return "number";
    case AttrType::Boolean:
        return "boolean";
    default:
        return "string";
    }
}

std::size_t keyHash(const QString& key)
{
    return std::hash<std::u16string_view>{}(
        std::u16string_view(reinterpret_cast<const char16_t*>(key.constData()), std::size_t(key.size())));
}

bool isArrayType(AttrType t)
{
    return t == AttrType::ArrayString || t == AttrType::ArrayInteger || t == AttrType::ArrayNumber;
}

/// Members of a JSON object written in canonical key order by the caller.
class Members {
public:
    explicit Members(QByteArray& out)
        : m_out(out)
    {
        m_out += '{';
    }
    QByteArray& key(const char* k)
    {
        if (!m_first) {
            m_out += ',';
        }
        m_first = false;
        m_out += '"';
        m_out += k;
        m_out += "\":";
        return m_out;
    }

private:
    QByteArray& m_out;
    bool m_first = true;
};

/// The constraints of one value (the attribute itself, or an item of an array attribute), in
/// canonical key order: enum < format < maxLength < maximum < minimum < pattern < type.
/// The object is left open for the caller's further members.
Members& appendValueSchema(Members& m, const Attribute& a)
{
    if (allowsEnumValues(a.type) && !a.enumValues.isEmpty()) {
        QByteArray& out = m.key("enum");
        out += '[';
        for (qsizetype i = 0; i < a.enumValues.size(); ++i) {
            if (i > 0) {
                out += ',';
            }
            json::appendString(out, a.enumValues.at(i).value);
        }
        out += ']';
    }
    if (a.type == AttrType::DateTime) {
        m.key("format") += "\"date-time\"";
    }
    if (allowsMaxLength(a.type) && a.maxLength) {
        json::appendInteger(m.key("maxLength"), *a.maxLength);
    }
    if (allowsRange(a.type) && a.maxValue) {
        json::appendNumber(m.key("maximum"), *a.maxValue);
    }
    if (allowsRange(a.type) && a.minValue) {
        json::appendNumber(m.key("minimum"), *a.minValue);
    }
    if (allowsPattern(a.type) && !a.pattern.isEmpty()) {
        json::appendString(m.key("pattern"), a.pattern);
    }
    QByteArray& out = m.key("type");
    out += '"';
    out += jsonType(a.type);
    out += '"';
    return m;
}

} // namespace

SchemaCompiler::SchemaCompiler(const Plan& plan, const GovernancePolicy& policy, SchemaOptions options)
    : m_plan(plan)
    , m_options(options)
{
    const qsizetype n = plan.attributes.size();
    m_properties.resize(n);
    std::size_t slotCount = 16;
    while (slotCount < std::size_t(2 * n)) {
        slotCount *= 2;
    }
    m_slots.assign(slotCount, Slot{});
    m_mask = slotCount - 1;
    QList<int> order(n);
    for (int i = 0; i < n; ++i) {
        const QString& key = plan.attributes.at(i).key;
        const std::size_t hash = keyHash(key);
        for (std::size_t at = hash & m_mask;; at = (at + 1) & m_mask) {
            Slot& slot = m_slots[at];
            if (slot.index < 0) {
                const auto* chars = reinterpret_cast<const char16_t*>(key.utf16());
                slot = Slot{hash, i, int(m_keyChars.size()), int(key.size())};
                m_keyChars.insert(m_keyChars.end(), chars, chars + key.size());
                break;
            }
            if (slot.hash == hash && plan.attributes.at(slot.index).key == key) {
                slot.index = i; // a repeated key: the last one counts
                break;
            }
        }
        m_properties[i].key = plan.attributes.at(i).key;
        order[i] = i;
    }
    // Plans keep attributes sorted by key; ranks make that no assumption of ours.
    std::sort(order.begin(), order.end(),
              [&plan](int a, int b) { return plan.attributes.at(a).key < plan.attributes.at(b).key; });
    for (int r = 0; r < n; ++r) {
        m_properties[order[r]].rank = r;
    }
    for (Level level : {Level::A, Level::B, Level::C, Level::D}) {
        QByteArray& tail = m_levelTail[int(level)];
        tail += ",\"x-level\":";
        json::appendString(tail, toString(level));
        tail += ",\"x-route\":";
        json::appendCanonical(tail, QJsonArray::fromStringList(routeOf(levelPolicy(policy, level))));
    }
}

QByteArray SchemaCompiler::attributeSchemaText(const Attribute& a)
{
    QByteArray out;
    out.reserve(64 + a.pattern.size() + 16 * a.enumValues.size());
    Members m(out);
    if (isArrayType(a.type)) {
        Members items(m.key("items"));
        appendValueSchema(items, a);
        out += '}';
        m.key("type") += "\"array\"";
    } else {
        appendValueSchema(m, a);
    }
    if (a.privacy != Privacy::None) {
        json::appendString(m.key("x-privacy"), toString(a.privacy));
    }
    out += '}';
    return out;
}

QByteArray SchemaCompiler::sha256Hex(QByteArrayView text)
{
    QByteArray out(2 * SHA256_DIGEST_LENGTH, Qt::Uninitialized);
    sha256Hex(text, out.data());
    return out;
}

void SchemaCompiler::sha256Hex(QByteArrayView text, char* out)
{
    // SHA256() looks the algorithm up by name on every call (OpenSSL 3): fetched once here,
    // with one context per thread. OpenSSL uses the CPU's SHA extensions either way.
    static EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    thread_local const std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    EVP_DigestInit_ex2(ctx.get(), md, nullptr);
    EVP_DigestUpdate(ctx.get(), text.data(), std::size_t(text.size()));
    EVP_DigestFinal_ex(ctx.get(), digest, &size);
    static constexpr char hex[] = "0123456789abcdef";
    for (unsigned int i = 0; i < size; ++i) {
        out[2 * i] = hex[digest[i] >> 4];
        out[2 * i + 1] = hex[digest[i] & 0xf];
    }
}

int SchemaCompiler::indexOf(const QString& attributeKey) const
{
    const std::size_t hash = keyHash(attributeKey);
    for (std::size_t at = hash & m_mask;; at = (at + 1) & m_mask) {
        const Slot& slot = m_slots[at];
        if (slot.index < 0) {
            break;
        }
        if (slot.hash == hash && slot.keyLength == attributeKey.size()
            && std::memcmp(m_keyChars.data() + slot.keyFrom, attributeKey.utf16(),
                           std::size_t(slot.keyLength) * sizeof(char16_t))
                == 0) {
            return slot.index;
        }
    }
    return m_index.value(attributeKey, -1);
}

int SchemaCompiler::property(const QString& attributeKey)
{
    int index = indexOf(attributeKey);
    if (index < 0) {
        // A binding to an attribute the plan lacks (lint reports it) constrains nothing; it
        // ranks after the plan's own and is sorted among its kind by key.
        index = int(m_properties.size());
        m_index.insert(attributeKey, index);
        m_properties.append(Property{{}, {}, int(m_plan.attributes.size()), attributeKey});
    }
    Property& p = m_properties[index];
    if (p.member.isEmpty()) {
        json::appendString(p.quotedKey, attributeKey);
        p.member = p.quotedKey + ':';
        p.member +=
            index < m_plan.attributes.size() ? attributeSchemaText(m_plan.attributes.at(index)) : QByteArray("{}");
    }
    return index;
}

QByteArray SchemaCompiler::eventSchemaText(const Event& e)
{
    QByteArray out;
    appendEventSchema(e, out);
    return out;
}

void SchemaCompiler::appendEventSchema(const Event& e, QByteArray& out)
{
    // Assembled by hand in canonical key order — "$schema" < "additionalProperties" <
    // "deprecated" < "properties" < "required" < "title" < "type" < "x-level" < "x-route" <
    // "x-schema-version" — from canonical fragments; tst_schemacompiler checks it against
    // canonicalJson() of the parsed text.
    struct Member {
        const Property* property;
        const QString* key;
        bool required;
    };
    QVarLengthArray<int, 32> indexes;
    for (const Binding& b : e.bindings) {
        indexes.append(property(b.attributeKey)); // may grow m_properties: pointers only after
    }
    QVarLengthArray<Member, 32> members;
    bool unknown = false;
    for (qsizetype i = 0; i < indexes.size(); ++i) {
        const Property& p = m_properties.at(indexes[i]);
        unknown = unknown || p.rank == m_plan.attributes.size();
        members.append({&p, &e.bindings.at(i).attributeKey, e.bindings.at(i).required});
    }
    // Attribute keys are unique in a plan, so rank order is key order; unknown keys share a rank.
    std::sort(members.begin(), members.end(), [unknown](const Member& a, const Member& b) {
        return a.property->rank != b.property->rank ? a.property->rank < b.property->rank : unknown && *a.key < *b.key;
    });
    members.erase(std::unique(members.begin(), members.end(),
                              [](const Member& a, const Member& b) { return a.property == b.property; }),
                  members.end());

    qsizetype size = 320 + e.key.size() * 3;
    for (const Member& m : members) {
        size += m.property->member.size() + m.property->quotedKey.size() + 2;
    }
    if (out.capacity() < out.size() + size) {
        // QByteArray::reserve() takes exactly what it is asked for: grow geometrically, or
        // appending many schemas to one buffer copies it over and over.
        out.reserve(std::max(out.size() + size, 2 * out.capacity()));
    }
    out += "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\"";
    if (m_options.closed) {
        out += ",\"additionalProperties\":false";
    }
    if (e.status == EventStatus::Deprecated || e.status == EventStatus::Removed) {
        out += ",\"deprecated\":true";
    }
    out += ",\"properties\":{";
    for (qsizetype i = 0; i < members.size(); ++i) {
        if (i > 0) {
            out += ',';
        }
        out += members[i].property->member;
    }
    out += "},\"required\":[";
    bool first = true;
    for (const Member& m : members) {
        if (m.required) {
            if (!first) {
                out += ',';
            }
            first = false;
            out += m.property->quotedKey;
        }
    }
    out += "],\"title\":";
    json::appendString(out, e.key);
    out += ",\"type\":\"object\"";
    out += m_levelTail[int(e.level)];
    out += ",\"x-schema-version\":\"";
    char version[48];
    char* w = std::to_chars(version, version + 15, e.schemaVersion.model).ptr;
    *w++ = '-';
    w = std::to_chars(w, w + 15, e.schemaVersion.revision).ptr;
    *w++ = '-';
    w = std::to_chars(w, w + 15, e.schemaVersion.addition).ptr;
    out.append(version, w - version);
    out += "\"}";
}

CompiledSchema SchemaCompiler::eventSchema(const Event& e)
{
    CompiledSchema s;
    s.text = eventSchemaText(e);
    s.sha256 = sha256Hex(s.text);
    return s;
}

QByteArray SchemaCompiler::commonSchemaText()
{
    QList<int> common; // plan indexes, in key order
    for (int i = 0; i < int(m_plan.attributes.size()); ++i) {
        if (m_plan.attributes.at(i).common) {
            common.append(i);
        }
    }
    std::sort(common.begin(), common.end(),
              [this](int a, int b) { return m_properties.at(a).rank < m_properties.at(b).rank; });
    QByteArray out = "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"properties\":{";
    for (qsizetype i = 0; i < common.size(); ++i) {
        out += i > 0 ? "," : "";
        out += m_properties.at(property(m_plan.attributes.at(common[i]).key)).member;
    }
    out += "},\"required\":[],\"title\":\"common\",\"type\":\"object\"}";
    return out;
}

} // namespace tp
