#pragma once

// Fresh stores on both backends for data-driven store tests: a SQLite file in a temporary
// folder, or a new database on a PostgreSQL server that the fixture starts itself.

#include "support/pgserver.h"
#include "support/tempstore.h"

#include <QAtomicInteger>
#include <QString>
#include <QTest>

#include <memory>

namespace tp::test {

class Backends {
public:
    /// Starts PostgreSQL; call from initTestCase() and QVERIFY2 the result.
    bool start(QString* error) { return m_pg.start(error); }

    /// A URL naming a new, empty store on `backend` ("sqlite" or "postgres").
    QString freshUrl(const QString& backend)
    {
        static QAtomicInteger<int> counter;
        const int n = counter.fetchAndAddRelaxed(1);
        if (backend == QLatin1String("sqlite")) {
            return m_dir.path(QStringLiteral("store-%1.sqlite").arg(n));
        }
        const QString db = QStringLiteral("store_%1").arg(n);
        QString error;
        if (!m_pg.createDatabase(db, &error)) {
            qFatal("cannot create PostgreSQL database: %s", qPrintable(error));
        }
        return m_pg.url(db);
    }

    PgServer& postgres() { return m_pg; }

    /// Adds the `backend` column with the rows sqlite and postgres.
    static void addRows()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgres") << QStringLiteral("postgres");
    }

private:
    PgServer m_pg;
    TempStore m_dir;
};

} // namespace tp::test
