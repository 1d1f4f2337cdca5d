#pragma once

#include <QString>
#include <QTemporaryDir>

namespace tp::test {

// A fresh SQLite file path in a temporary directory that lives, and is removed, with this
// object. The file itself is not created: the store under test creates it.
class TempStore {
public:
    TempStore() = default;

    [[nodiscard]] bool isValid() const { return m_dir.isValid(); }
    // DIR/trackplan.sqlite, or DIR/<fileName> for a second store in the same test.
    [[nodiscard]] QString path(const QString& fileName = QStringLiteral("trackplan.sqlite")) const
    {
        return m_dir.filePath(fileName);
    }
    [[nodiscard]] QString dirPath() const { return m_dir.path(); }

private:
    QTemporaryDir m_dir;
};

} // namespace tp::test
