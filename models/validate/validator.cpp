#include "validator.h"

#include <algorithm>
#include <cmath>

namespace tp {
namespace {

const char* kindName(JsonLine::Kind kind)
{
    switch (kind) {
    case JsonLine::Kind::Null:
        return "null";
    case JsonLine::Kind::Bool:
        return "boolean";
    case JsonLine::Kind::Number:
        return "number";
    case JsonLine::Kind::String:
        return "string";
    case JsonLine::Kind::Array:
        return "array";
    case JsonLine::Kind::Object:
        return "object";
    }
    return "?";
}

const char* typeName(PropertyRule::Type type)
{
    switch (type) {
    case PropertyRule::Type::String:
        return "string";
    case PropertyRule::Type::Integer:
        return "integer";
    case PropertyRule::Type::Number:
        return "number";
    case PropertyRule::Type::Boolean:
        return "boolean";
    case PropertyRule::Type::Array:
        return "array";
    }
    return "?";
}

QByteArray number(double v)
{
    return QByteArray::number(v, 'g', 17);
}

void appendJsonString(QByteArray& out, QByteArrayView text)
{
    out += '"';
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += char(c);
        } else if (c < 0x20) {
            static const char hex[] = "0123456789abcdef";
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 15];
        } else {
            out += char(c);
        }
    }
    out += '"';
}

QByteArrayView trimmed(QByteArrayView line)
{
    qsizetype b = 0;
    qsizetype e = line.size();
    while (b < e && (line[b] == ' ' || line[b] == '\t' || line[b] == '\r')) {
        ++b;
    }
    while (e > b && (line[e - 1] == ' ' || line[e - 1] == '\t' || line[e - 1] == '\r')) {
        --e;
    }
    return line.sliced(b, e - b);
}

int digits(QByteArrayView t, qsizetype at, int n)
{
    int v = 0;
    for (int i = 0; i < n; ++i) {
        const char c = t[at + i];
        if (c < '0' || c > '9') {
            return -1;
        }
        v = v * 10 + (c - '0');
    }
    return v;
}

constexpr quint64 kUserSeed = 0x75736572;
constexpr quint64 kAnonymousSeed = 0x616e6f6e;

} // namespace

QByteArray toByteArray(ViolationType type)
{
    static const char* const names[kViolationTypeCount] = {
        "malformed",      "unplanned_event",   "blocked_event",   "missing_required",   "type_mismatch",
        "enum_violation", "pattern_violation", "range_violation", "unplanned_attribute"};
    return QByteArray(names[int(type)]);
}

bool parseRfc3339(QByteArrayView t, qint64* utcDay)
{
    // YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM); T may be t or a space, Z may be z (RFC 3339 5.6).
    if (t.size() < 20 || t[4] != '-' || t[7] != '-' || (t[10] != 'T' && t[10] != 't' && t[10] != ' ') || t[13] != ':'
        || t[16] != ':') {
        return false;
    }
    const int year = digits(t, 0, 4);
    const int month = digits(t, 5, 2);
    const int day = digits(t, 8, 2);
    const int hour = digits(t, 11, 2);
    const int minute = digits(t, 14, 2);
    const int second = digits(t, 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
        || second < 0 || second > 60) {
        return false;
    }
    static const int monthDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (day > monthDays[month - 1] + (month == 2 && leap ? 1 : 0)) {
        return false;
    }
    qsizetype i = 19;
    if (i < t.size() && t[i] == '.') {
        ++i;
        const qsizetype from = i;
        while (i < t.size() && t[i] >= '0' && t[i] <= '9') {
            ++i;
        }
        if (i == from) {
            return false;
        }
    }
    int offsetMinutes = 0;
    if (i < t.size() && (t[i] == 'Z' || t[i] == 'z')) {
        ++i;
    } else if (i + 6 == t.size() && (t[i] == '+' || t[i] == '-') && t[i + 3] == ':') {
        const int oh = digits(t, i + 1, 2);
        const int om = digits(t, i + 4, 2);
        if (oh < 0 || oh > 23 || om < 0 || om > 59) {
            return false;
        }
        offsetMinutes = (t[i] == '+' ? 1 : -1) * (oh * 60 + om);
        i += 6;
    } else {
        return false;
    }
    if (i != t.size()) {
        return false;
    }
    if (utcDay) {
        qint64 jd = QDate(year, month, day).toJulianDay();
        const int minutes = hour * 60 + minute - offsetMinutes;
        if (minutes < 0) {
            --jd;
        } else if (minutes >= 24 * 60) {
            ++jd;
        }
        *utcDay = jd;
    }
    return true;
}

Result<PlanRules> PlanRules::compile(const PlanSchemas& schemas)
{
    RuleCompiler compiler;
    PlanRules rules;
    rules.appKey = schemas.appKey;
    rules.currentVersion = schemas.current;
    for (auto it = schemas.versions.cbegin(); it != schemas.versions.cend(); ++it) {
        auto r = compiler.compile(it.value());
        if (!r) {
            return r.error();
        }
        rules.versions.insert(it.key().toUtf8(), *r);
    }
    auto current = compiler.compile(schemas.currentSnapshot);
    if (!current) {
        return current.error();
    }
    rules.current = *current;
    return rules;
}

Validator::Validator(PlanRules rules)
    : m_rules(std::move(rules))
    , m_appKey(m_rules.appKey.toUtf8())
{
    m_path.reserve(256);
}

void Validator::violation(ViolationType type, const QByteArray& path, QByteArray message)
{
    m_out.violations.push_back(Violation{type, path, std::move(message)});
}

void Validator::malformed(const char* what, qsizetype offset)
{
    QByteArray message(what);
    if (offset >= 0) {
        message += " at byte " + QByteArray::number(offset + 1);
    }
    m_out.status = Status::Malformed;
    m_out.violations.push_back(Violation{ViolationType::Malformed, {}, std::move(message)});
    ++m_malformed;
    ++m_byViolation[int(ViolationType::Malformed)];
}

const SnapshotRules* Validator::rulesFor(QByteArrayView version)
{
    if (m_lastRules && version == m_lastVersion) {
        return m_lastRules;
    }
    m_lastVersion = version.toByteArray();
    const auto it = m_rules.versions.constFind(m_lastVersion);
    m_lastKnown = it != m_rules.versions.cend();
    m_lastRules = m_lastKnown ? it->get() : m_rules.current.get();
    return m_lastRules;
}

int Validator::eventIndex(QByteArrayView key)
{
    const auto it = m_eventIndex.constFind(QByteArray::fromRawData(key.data(), key.size()));
    if (it != m_eventIndex.cend()) {
        return *it;
    }
    const int index = int(m_eventKeys.size());
    m_eventKeys.push_back(key.toByteArray());
    m_eventCounts.emplace_back();
    m_eventIndex.insert(m_eventKeys.back(), index);
    return index;
}

void Validator::checkValue(const PropertyRule& rule, int node, QByteArray& path)
{
    const JsonLine::Node& n = m_json.node(node);
    const auto mismatch = [&]() {
        violation(ViolationType::TypeMismatch, path,
                  QByteArray("expected ") + typeName(rule.type) + ", got " + kindName(n.kind));
    };
    const auto range = [&]() {
        if (rule.hasMinimum && n.number < rule.minimum) {
            violation(ViolationType::RangeViolation, path,
                      n.text.toByteArray() + " is less than the minimum " + number(rule.minimum));
        } else if (rule.hasMaximum && n.number > rule.maximum) {
            violation(ViolationType::RangeViolation, path,
                      n.text.toByteArray() + " is greater than the maximum " + number(rule.maximum));
        }
    };
    switch (rule.type) {
    case PropertyRule::Type::String: {
        if (n.kind != JsonLine::Kind::String) {
            mismatch();
            return;
        }
        if (!rule.enumValues.isEmpty()
            && !rule.enumValues.contains(QByteArray::fromRawData(n.text.data(), n.text.size()))) {
            QByteArray m;
            appendJsonString(m, n.text);
            violation(ViolationType::EnumViolation, path, m + " is not one of " + rule.enumText);
        }
        if (rule.maxLength >= 0 && n.codePoints > rule.maxLength) {
            violation(ViolationType::RangeViolation, path,
                      "longer than " + QByteArray::number(rule.maxLength) + " characters");
        }
        if (rule.pattern && !rule.pattern->match(QString::fromUtf8(n.text)).hasMatch()) {
            QByteArray m;
            appendJsonString(m, n.text);
            violation(ViolationType::PatternViolation, path, m + " does not match " + rule.pattern->pattern().toUtf8());
        }
        if (rule.dateTime && !parseRfc3339(n.text)) {
            QByteArray m;
            appendJsonString(m, n.text);
            violation(ViolationType::PatternViolation, path, m + " is not an RFC 3339 date-time");
        }
        return;
    }
    case PropertyRule::Type::Integer:
        if (n.kind != JsonLine::Kind::Number || !n.integral) {
            mismatch();
            return;
        }
        range();
        return;
    case PropertyRule::Type::Number:
        if (n.kind != JsonLine::Kind::Number) {
            mismatch();
            return;
        }
        range();
        return;
    case PropertyRule::Type::Boolean:
        if (n.kind != JsonLine::Kind::Bool) {
            mismatch();
        }
        return;
    case PropertyRule::Type::Array: {
        if (n.kind != JsonLine::Kind::Array) {
            mismatch();
            return;
        }
        const qsizetype base = path.size();
        int position = 0;
        for (int i = node + 1; i < n.end; i = m_json.node(i).end, ++position) {
            path += '[';
            path += QByteArray::number(position);
            path += ']';
            checkValue(*rule.items, i, path);
            path.truncate(base);
        }
        return;
    }
    }
}

const Validator::Outcome& Validator::check(QByteArrayView rawLine, qint64 lineNumber)
{
    Q_UNUSED(lineNumber);
    m_out.violations.clear();
    m_out.rule = nullptr;
    m_out.event = {};
    m_out.appVersion = {};
    const QByteArrayView line = trimmed(rawLine);
    if (line.isEmpty()) {
        m_out.status = Status::Empty;
        return m_out;
    }
    ++m_lines;
    if (!m_json.parse(line)) {
        malformed(m_json.error(), m_json.errorOffset());
        return m_out;
    }
    if (m_json.node(0).kind != JsonLine::Kind::Object) {
        malformed("not a JSON object");
        return m_out;
    }
    // The envelope.
    int eventNode = -1;
    int versionNode = -1;
    int timeNode = -1;
    int propertiesNode = -1;
    int userNode = -1;
    int anonymousNode = -1;
    int appNode = -1;
    const auto& nodes = m_json.nodes();
    for (int i = 1; i < nodes[0].end; i = nodes[std::size_t(i)].end) {
        const QByteArrayView key = nodes[std::size_t(i)].key;
        if (key == "event") {
            eventNode = i;
        } else if (key == "app_version") {
            versionNode = i;
        } else if (key == "time") {
            timeNode = i;
        } else if (key == "properties") {
            propertiesNode = i;
        } else if (key == "user_id") {
            userNode = i;
        } else if (key == "anonymous_id") {
            anonymousNode = i;
        } else if (key == "app") {
            appNode = i;
        }
    }
    const auto stringAt = [&](int i) -> QByteArrayView {
        return i >= 0 && nodes[std::size_t(i)].kind == JsonLine::Kind::String ? nodes[std::size_t(i)].text
                                                                              : QByteArrayView();
    };
    m_out.event = stringAt(eventNode);
    if (m_out.event.isEmpty()) {
        malformed("no \"event\" string");
        return m_out;
    }
    if (propertiesNode >= 0 && nodes[std::size_t(propertiesNode)].kind != JsonLine::Kind::Object) {
        malformed("\"properties\" is not an object");
        return m_out;
    }
    qint64 day = 0;
    if (!parseRfc3339(stringAt(timeNode), &day)) {
        malformed("no RFC 3339 \"time\"");
        return m_out;
    }
    if (appNode >= 0 && !m_appKey.isEmpty() && stringAt(appNode) != QByteArrayView(m_appKey)) {
        malformed("an event of another app");
        return m_out;
    }
    m_out.appVersion = stringAt(versionNode);
    const SnapshotRules* snapshot = rulesFor(m_out.appVersion);
    if (!m_lastKnown) {
        ++m_unknownVersion;
        ++m_unknownVersions[m_out.appVersion.toByteArray()];
    }

    static const QByteArray eventPath("event");
    const auto found = snapshot->events.constFind(QByteArray::fromRawData(m_out.event.data(), m_out.event.size()));
    if (found == snapshot->events.cend()) {
        violation(ViolationType::UnplannedEvent, eventPath, "not in the plan of this version");
    } else {
        const EventRule& rule = **found;
        m_out.rule = &rule;
        if (rule.blocked) {
            violation(ViolationType::BlockedEvent, eventPath,
                      QByteArray("level ") + rule.level + " events are refused at collection");
        }
        if (++m_stamp == 0) { // wrapped: forget every old stamp
            std::fill(m_seen.begin(), m_seen.end(), 0);
            m_stamp = 1;
        }
        if (m_seen.size() < rule.properties.size()) {
            m_seen.resize(rule.properties.size(), 0);
        }
        if (propertiesNode >= 0) {
            const JsonLine::Node& props = nodes[std::size_t(propertiesNode)];
            for (int i = propertiesNode + 1; i < props.end; i = nodes[std::size_t(i)].end) {
                const QByteArrayView key = nodes[std::size_t(i)].key;
                const QByteArray rawKey = QByteArray::fromRawData(key.data(), key.size());
                m_path.truncate(0);
                m_path += "properties.";
                m_path += key;
                if (const auto p = rule.index.constFind(rawKey); p != rule.index.cend()) {
                    m_seen[std::size_t(*p)] = m_stamp;
                    checkValue(rule.properties[std::size_t(*p)], i, m_path);
                } else if (const auto c = snapshot->commonIndex.constFind(rawKey); c != snapshot->commonIndex.cend()) {
                    checkValue(snapshot->common[std::size_t(*c)], i, m_path);
                } else if (rule.closed) {
                    violation(ViolationType::UnplannedAttribute, m_path, "not an attribute of this event");
                }
            }
        }
        for (const int r : rule.required) {
            if (m_seen[std::size_t(r)] != m_stamp) {
                violation(ViolationType::MissingRequired, "properties." + rule.propertyKeys[std::size_t(r)],
                          "required");
            }
        }
    }
    m_out.status = m_out.violations.empty() ? Status::Valid : Status::Invalid;
    for (const Violation& v : m_out.violations) {
        ++m_byViolation[int(v.type)];
    }

    // Tallies.
    const int index = eventIndex(m_out.event);
    EventCounts& counts = m_eventCounts[std::size_t(index)];
    ++counts.total;
    DayTally& t = m_days[quint64(day) << 24 | quint64(index)];
    ++t.pv;
    if (m_out.status == Status::Valid) {
        ++m_valid;
        ++counts.valid;
    } else {
        ++m_invalid;
        ++counts.invalid;
        ++t.invalid;
    }
    if (const QByteArrayView user = stringAt(userNode); !user.isEmpty()) {
        t.visitors.insert(quint64(qHash(user, kUserSeed)));
    } else if (const QByteArrayView anonymous = stringAt(anonymousNode); !anonymous.isEmpty()) {
        t.visitors.insert(quint64(qHash(anonymous, kAnonymousSeed)));
    }
    return m_out;
}

ValidationSummary Validator::summary() const
{
    ValidationSummary s;
    s.lines = m_lines;
    s.valid = m_valid;
    s.invalid = m_invalid;
    s.malformed = m_malformed;
    s.unknownVersion = m_unknownVersion;
    for (auto it = m_unknownVersions.cbegin(); it != m_unknownVersions.cend(); ++it) {
        s.unknownVersions.insert(QString::fromUtf8(it.key()), it.value());
    }
    for (std::size_t i = 0; i < m_eventKeys.size(); ++i) {
        s.byEvent.insert(QString::fromUtf8(m_eventKeys[i]), m_eventCounts[i]);
    }
    s.byViolation = m_byViolation;
    return s;
}

QList<MetricRow> Validator::metrics() const
{
    QList<MetricRow> rows;
    rows.reserve(qsizetype(m_days.size()));
    for (const auto& [key, t] : m_days) {
        MetricRow r;
        r.day = QDate::fromJulianDay(qint64(key >> 24));
        r.event = QString::fromUtf8(m_eventKeys[std::size_t(key & 0xFFFFFF)]);
        r.pv = t.pv;
        r.uv = qint64(t.visitors.size());
        r.invalid = t.invalid;
        rows.append(r);
    }
    std::sort(rows.begin(), rows.end(), [](const MetricRow& a, const MetricRow& b) {
        return a.day != b.day ? a.day < b.day : a.event < b.event;
    });
    return rows;
}

QByteArray Validator::taggedRecord(QByteArrayView rawLine, const EventRule& rule)
{
    const QByteArrayView line = trimmed(rawLine);
    QByteArray out;
    out.reserve(line.size() + rule.routeJson.size() + 40);
    out.append(line.chopped(1)); // a valid event is an object with at least "event": ends in '}'
    out += ",\"tp_level\":\"";
    out += rule.level;
    out += "\",\"tp_route\":";
    out += rule.routeJson;
    out += '}';
    return out;
}

QByteArray Validator::quarantineRecord(QByteArrayView rawLine, qint64 lineNumber, const Outcome& outcome)
{
    const QByteArrayView line = trimmed(rawLine);
    QByteArray out = "{\"line\":" + QByteArray::number(lineNumber);
    if (outcome.status != Status::Malformed) {
        out += ",\"event\":";
        appendJsonString(out, outcome.event);
        out += ",\"app_version\":";
        appendJsonString(out, outcome.appVersion);
    }
    out += ",\"violations\":[";
    bool first = true;
    for (const Violation& v : outcome.violations) {
        out += first ? "{\"type\":\"" : ",{\"type\":\"";
        first = false;
        out += toByteArray(v.type);
        out += "\",\"path\":";
        appendJsonString(out, v.path);
        out += ",\"message\":";
        appendJsonString(out, v.message);
        out += '}';
    }
    out += ']';
    if (outcome.status == Status::Malformed) {
        out += ",\"raw\":";
        appendJsonString(out, QString::fromUtf8(line).toUtf8()); // invalid UTF-8 becomes U+FFFD
    } else {
        out += ",\"record\":";
        out += line;
    }
    out += '}';
    return out;
}

} // namespace tp
