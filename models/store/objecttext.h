#pragma once

// Internal to the native export: the canonical text of one JSON object written member by member
// straight from table rows (nativeexportrecords.cpp, nativeexporthistory.cpp).

#include "jsonwriter.h"

#include <QByteArray>
#include <QStringView>
#include <QVariant>

#include <cstring>

namespace tp::exportrecords {

/// Appends the canonical text of one JSON object, member by member, and closes it when it goes
/// out of scope. Keys are ASCII literals passed in canonical order (debug builds check it), so
/// they need no escaping.
class ObjectText {
public:
    explicit ObjectText(QByteArray& out)
        : m_out(out)
    {
        m_out.append('{');
    }
    ~ObjectText() { m_out.append('}'); }
    ObjectText(const ObjectText&) = delete;
    ObjectText& operator=(const ObjectText&) = delete;

    ObjectText& string(const char* key, QStringView v)
    {
        member(key);
        json::appendString(m_out, v);
        return *this;
    }
    ObjectText& integer(const char* key, qint64 v)
    {
        member(key);
        json::appendInteger(m_out, v);
        return *this;
    }
    ObjectText& boolean(const char* key, bool v)
    {
        member(key);
        v ? m_out.append("true", 4) : m_out.append("false", 5);
        return *this;
    }
    /// A text column, null when the column is NULL.
    ObjectText& nullableString(const char* key, const QVariant& v)
    {
        member(key);
        v.isNull() ? void(m_out.append("null", 4)) : json::appendString(m_out, v.toString());
        return *this;
    }
    /// A number column, null when the column is NULL.
    ObjectText& number(const char* key, const QVariant& v)
    {
        member(key);
        v.isNull() ? void(m_out.append("null", 4)) : json::appendNumber(m_out, v.toDouble());
        return *this;
    }
    /// An integer column, null when the column is NULL.
    ObjectText& optionalInteger(const char* key, const QVariant& v)
    {
        member(key);
        v.isNull() ? void(m_out.append("null", 4)) : json::appendInteger(m_out, v.toInt());
        return *this;
    }
    /// Text that is canonical JSON already.
    ObjectText& raw(const char* key, QByteArrayView canonical)
    {
        member(key);
        m_out.append(canonical);
        return *this;
    }

private:
    void member(const char* key)
    {
        Q_ASSERT_X(!m_last || qstrcmp(m_last, key) < 0, "ObjectText", "keys not in canonical order");
        // ,"key": in one append: this runs for every member of a million bindings.
        constexpr std::size_t kMaxKey = 32;
        char text[kMaxKey + 4] = {',', '"'};
        const std::size_t n = std::strlen(key);
        Q_ASSERT(n <= kMaxKey);
        std::memcpy(text + 2, key, n);
        text[n + 2] = '"';
        text[n + 3] = ':';
        const qsizetype skip = m_last ? 0 : 1; // no comma before the first member
        m_out.append(text + skip, qsizetype(n) + 4 - skip);
        m_last = key;
    }

    QByteArray& m_out;
    const char* m_last = nullptr;
};

} // namespace tp::exportrecords
