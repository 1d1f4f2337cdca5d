#include "demodata.h"

namespace tp::demo {

QStringList splitList(const QString& text)
{
    QStringList out;
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        out << part.trimmed();
    }
    return out;
}

QList<Binding> parseBindings(const QString& text)
{
    QList<Binding> out;
    for (const QString& item : splitList(text)) {
        Binding b;
        const qsizetype colon = item.indexOf(QLatin1Char(':'));
        QString key = colon < 0 ? item : item.left(colon);
        if (colon >= 0) {
            b.note = item.mid(colon + 1).trimmed();
        }
        if (key.endsWith(QLatin1Char('!'))) {
            b.required = true;
            key.chop(1);
        }
        b.attributeKey = key.trimmed();
        out << b;
    }
    return out;
}

QList<EnumValue> enumValues(const QString& values)
{
    QList<EnumValue> out;
    for (const QString& item : splitList(values)) {
        const qsizetype eq = item.indexOf(QLatin1Char('='));
        out << EnumValue{item.left(eq), eq < 0 ? QString() : item.mid(eq + 1)};
    }
    return out;
}

Attribute attr(const QString& key, const QString& name, AttrType type, const QString& description,
               const QString& example, Privacy privacy, const QString& groups)
{
    Attribute a;
    a.key = key;
    a.displayName = name;
    a.type = type;
    a.description = description;
    a.example = example;
    a.privacy = privacy;
    a.groups = splitList(groups);
    return a;
}

Attribute common(Attribute a)
{
    a.common = true;
    return a;
}

Attribute withPattern(Attribute a, const QString& pattern, std::optional<int> maxLength)
{
    a.pattern = pattern;
    a.maxLength = maxLength;
    return a;
}

Attribute withRange(Attribute a, std::optional<double> min, std::optional<double> max, const QString& unit)
{
    a.minValue = min;
    a.maxValue = max;
    if (!unit.isEmpty()) {
        a.unit = unit;
    }
    return a;
}

Attribute withMaxLength(Attribute a, int maxLength)
{
    a.maxLength = maxLength;
    return a;
}

Attribute withValues(Attribute a, const QString& values)
{
    a.enumValues = enumValues(values);
    return a;
}

QList<User> demoUsers()
{
    // Personas of DESIGN.md "Who uses it": owners per business line, two stewards, an analyst, an admin.
    return {
        {QStringLiteral("admin"), QStringLiteral("系统管理员"), Role::Admin, 0},
        {QStringLiteral("zhang.wei"), QStringLiteral("张伟（用户端交易产品）"), Role::ProductOwner, 0},
        {QStringLiteral("chen.jing"), QStringLiteral("陈静（用户端增长产品）"), Role::ProductOwner, 0},
        {QStringLiteral("li.na"), QStringLiteral("李娜（司机端产品）"), Role::ProductOwner, 0},
        {QStringLiteral("wang.lei"), QStringLiteral("王磊（司机端钱包与安全）"), Role::ProductOwner, 0},
        {QStringLiteral("zhou.min"), QStringLiteral("周敏（企业版产品）"), Role::ProductOwner, 0},
        {QStringLiteral("liu.yang"), QStringLiteral("刘洋（数据治理）"), Role::DataSteward, 0},
        {QStringLiteral("zhao.ting"), QStringLiteral("赵婷（数据治理）"), Role::DataSteward, 0},
        {QStringLiteral("sun.hao"), QStringLiteral("孙浩（数据分析）"), Role::Analyst, 0},
    };
}

QList<AppSpec> demoApps()
{
    return {userAppSpec(), driverAppSpec(), enterpriseSpec()};
}

} // namespace tp::demo
