// evaluateRequirements(): which approvals a demand's changes need under an app's rules, and
// which of them the approvals given satisfy. Data-driven; plus the rules' JSON form.

#include "governance.h"

#include <QJsonDocument>
#include <QTest>

using namespace tp;

namespace {

ReviewedChange eventChange(const QString& key, std::optional<Level> before, std::optional<Level> after,
                           ChangeClass cls = ChangeClass::None, const QStringList& owners = {QStringLiteral("owen")})
{
    ReviewedChange c;
    c.kind = EntityKind::Event;
    c.key = key;
    c.op = !before ? ChangeOp::Create : (!after ? ChangeOp::Delete : ChangeOp::Update);
    c.levelBefore = before;
    c.levelAfter = after;
    c.schemaClass = cls;
    c.owners = owners;
    return c;
}

/// "data_steward:-:ok:by", "event_owner:owen:ok:owen(sent)" or "event_owner:owen:missing" per
/// requirement, in order.
QStringList summary(const QList<Requirement>& list)
{
    QStringList out;
    for (const Requirement& r : list) {
        out << QStringLiteral("%1:%2:%3%4")
                   .arg(toString(r.approver), r.user.isEmpty() ? QStringLiteral("-") : r.user,
                        r.satisfied ? QStringLiteral("ok") : QStringLiteral("missing"),
                        r.satisfied
                            ? QLatin1Char(':') + r.satisfiedBy + (r.byAuthor ? QStringLiteral("(sent)") : QString())
                            : QString());
    }
    return out;
}

} // namespace

class TstGovernance : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void requirements_data()
    {
        QTest::addColumn<QList<ApprovalRule>>("rules");
        QTest::addColumn<QList<ReviewedChange>>("changes");
        QTest::addColumn<QList<GivenApproval>>("given");
        QTest::addColumn<QString>("demandOwner");
        QTest::addColumn<QStringList>("expected");

        const QList<ApprovalRule> defaults = defaultApprovalRules();
        const GivenApproval steward{QStringLiteral("sam"), Role::DataSteward};
        const GivenApproval admin{QStringLiteral("ada"), Role::Admin};
        const GivenApproval owner{QStringLiteral("owen"), Role::ProductOwner};
        const GivenApproval otherPo{QStringLiteral("pat"), Role::ProductOwner};

        QTest::newRow("B event, nobody yet")
            << defaults << QList{eventChange(QStringLiteral("a"), Level::B, Level::B)} << QList<GivenApproval>{}
            << QString() << QStringList{QStringLiteral("data_steward:-:missing")};
        QTest::newRow("B event, a steward")
            << defaults << QList{eventChange(QStringLiteral("a"), Level::B, Level::B)} << QList{steward} << QString()
            << QStringList{QStringLiteral("data_steward:-:ok:sam")};
        QTest::newRow("a product owner is no steward")
            << defaults << QList{eventChange(QStringLiteral("a"), Level::B, Level::B)} << QList{otherPo} << QString()
            << QStringList{QStringLiteral("data_steward:-:missing")};
        QTest::newRow("an admin counts as steward")
            << defaults << QList{eventChange(QStringLiteral("a"), Level::B, Level::B)} << QList{admin} << QString()
            << QStringList{QStringLiteral("data_steward:-:ok:ada")};
        QTest::newRow("raised to D: the owner too")
            << defaults << QList{eventChange(QStringLiteral("a"), Level::C, Level::D)} << QList{steward} << QString()
            << QStringList{QStringLiteral("data_steward:-:ok:sam"), QStringLiteral("event_owner:owen:missing")};
        QTest::newRow("lowered from D: the owner too")
            << defaults << QList{eventChange(QStringLiteral("a"), Level::D, Level::B)} << QList{steward, owner}
            << QString()
            << QStringList{QStringLiteral("data_steward:-:ok:sam"), QStringLiteral("event_owner:owen:ok:owen")};
        QTest::newRow("the owner sent the demand")
            << defaults << QList{eventChange(QStringLiteral("a"), Level::D, Level::D)} << QList{steward}
            << QStringLiteral("owen")
            << QStringList{QStringLiteral("data_steward:-:ok:sam"), QStringLiteral("event_owner:owen:ok:owen(sent)")};
        QTest::newRow("another owner's approval does not count")
            << defaults << QList{eventChange(QStringLiteral("a"), Level::D, Level::D)} << QList{steward, otherPo}
            << QStringLiteral("pat")
            << QStringList{QStringLiteral("data_steward:-:ok:sam"), QStringLiteral("event_owner:owen:missing")};
        QTest::newRow("breaking change of a B event")
            << defaults << QList{eventChange(QStringLiteral("a"), Level::B, Level::B, ChangeClass::Model)}
            << QList{steward} << QString()
            << QStringList{QStringLiteral("data_steward:-:ok:sam"), QStringLiteral("event_owner:owen:missing")};
        QTest::newRow("a revision is not breaking")
            << defaults << QList{eventChange(QStringLiteral("a"), Level::B, Level::B, ChangeClass::Revision)}
            << QList{steward} << QString() << QStringList{QStringLiteral("data_steward:-:ok:sam")};
        QTest::newRow("an attribute's breaking change asks every owner")
            << defaults << QList{[] {
                   ReviewedChange c;
                   c.kind = EntityKind::Attribute;
                   c.key = QStringLiteral("city");
                   c.schemaClass = ChangeClass::Model;
                   c.owners = {QStringLiteral("owen"), QStringLiteral("pat")};
                   return c;
               }()}
            << QList{steward, otherPo} << QString()
            << QStringList{QStringLiteral("data_steward:-:ok:sam"), QStringLiteral("event_owner:owen:missing"),
                           QStringLiteral("event_owner:pat:ok:pat")};
        QTest::newRow("no owner: a steward signs")
            << defaults << QList{eventChange(QStringLiteral("a"), Level::D, Level::D, ChangeClass::None, {})}
            << QList{steward} << QString()
            << QStringList{QStringLiteral("data_steward:-:ok:sam"), QStringLiteral("event_owner:-:ok:sam")};
        const QList<ApprovalRule> strict{{ApprovalCondition::Removal, {Approver::Admin}},
                                         {ApprovalCondition::LevelChange, {Approver::DataSteward}},
                                         {ApprovalCondition::SensitiveAttribute, {Approver::Admin}}};
        QTest::newRow("removal needs an admin")
            << strict << QList{eventChange(QStringLiteral("a"), Level::B, std::nullopt)} << QList{steward} << QString()
            << QStringList{QStringLiteral("admin:-:missing")};
        QTest::newRow("a new event is a level change")
            << strict << QList{eventChange(QStringLiteral("a"), std::nullopt, Level::C)} << QList{admin} << QString()
            << QStringList{QStringLiteral("data_steward:-:ok:ada")};
        QTest::newRow("a doc edit under strict rules needs nothing")
            << strict << QList{eventChange(QStringLiteral("a"), Level::B, Level::B)} << QList<GivenApproval>{}
            << QString() << QStringList{};
        QTest::newRow("sensitive attribute") << strict << QList{[] {
            ReviewedChange c = eventChange(QStringLiteral("a"), Level::B, Level::B);
            c.sensitive = true;
            return c;
        }()} << QList{steward} << QString() << QStringList{QStringLiteral("admin:-:missing")};
    }

    void requirements()
    {
        QFETCH(QList<ApprovalRule>, rules);
        QFETCH(QList<ReviewedChange>, changes);
        QFETCH(QList<GivenApproval>, given);
        QFETCH(QString, demandOwner);
        QFETCH(QStringList, expected);
        QCOMPARE(summary(evaluateRequirements(rules, changes, given, demandOwner)), expected);
    }

    void reasonsAreCollectedOncePerEntity()
    {
        QList<ReviewedChange> changes;
        for (int i = 0; i < 5000; ++i) {
            changes << eventChange(QStringLiteral("e%1").arg(i), Level::D, Level::D);
        }
        const auto list = evaluateRequirements(defaultApprovalRules(), changes, {}, {});
        QCOMPARE(list.size(), 2);
        QCOMPARE(list.at(0).reasons.size(), 1 + 5000); // every change once, and each core event
        QCOMPARE(list.at(1).reasons.size(), 5000);
        QVERIFY(requirementText(list.at(1)).contains(QStringLiteral("owen")));
        QVERIFY(requirementText(list.at(1)).contains(QStringLiteral("4997")));
    }

    void rulesJson_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<bool>("valid");
        QTest::newRow("defaults") << QJsonDocument(toJson(defaultApprovalRules())).toJson() << true;
        QTest::newRow("empty list") << QByteArray("[]") << true;
        QTest::newRow("unknown condition") << QByteArray(R"([{"when":"sometimes","approvers":["admin"]}])") << false;
        QTest::newRow("unknown approver") << QByteArray(R"([{"when":"removal","approvers":["boss"]}])") << false;
        QTest::newRow("no approver") << QByteArray(R"([{"when":"removal","approvers":[]}])") << false;
    }

    void rulesJson()
    {
        QFETCH(QByteArray, json);
        QFETCH(bool, valid);
        QString error;
        const auto rules = approvalRulesFromJson(QJsonDocument::fromJson(json).array(), &error);
        QCOMPARE(rules.has_value(), valid);
        QCOMPARE(error.isEmpty(), valid);
        if (valid) {
            QCOMPARE(toJson(*rules), QJsonDocument::fromJson(json).array());
        }
    }
};

QTEST_GUILESS_MAIN(TstGovernance)
#include "tst_governance.moc"
