#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace tp {

/// The one error type of models/. Views decide how to show it; messages are translated
/// (QCoreApplication::translate) where a user reads them.
struct Error {
    enum class Code {
        NotFound,     ///< the named entity does not exist
        Conflict,     ///< stale write / merge conflict: someone changed it meanwhile
        Validation,   ///< input breaks a rule
        InvalidState, ///< action not allowed in the entity's current status
        Parse,        ///< malformed input file (file/line/column set)
        Connection,   ///< cannot reach or open the store
        Sql,          ///< the database refused a statement
        Io,           ///< file system
        Permission,   ///< the acting user's role may not do this
        Cancelled,    ///< long work cancelled by the user
    };
    Code code = Code::Sql;
    QString message;
    QString file; ///< for Parse errors
    int line = 0;
    int column = 0;

    [[nodiscard]] QString toString() const
    {
        if (!file.isEmpty() || line > 0) {
            return QStringLiteral("%1:%2:%3: %4").arg(file).arg(line).arg(column).arg(message);
        }
        return message;
    }
};

/// Value or Error. Kept tiny on purpose (std::expected is C++23).
template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_v(std::move(value)) {}          // NOLINT(google-explicit-constructor)
    Result(Error error) : m_v(std::move(error)) {}      // NOLINT(google-explicit-constructor)

    [[nodiscard]] bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }
    [[nodiscard]] const T& value() const& { return std::get<0>(m_v); }
    [[nodiscard]] T& value() & { return std::get<0>(m_v); }
    [[nodiscard]] T&& value() && { return std::get<0>(std::move(m_v)); }
    [[nodiscard]] const Error& error() const { return std::get<1>(m_v); }
    const T* operator->() const { return &std::get<0>(m_v); }
    T* operator->() { return &std::get<0>(m_v); }
    const T& operator*() const& { return std::get<0>(m_v); }
    T& operator*() & { return std::get<0>(m_v); }

private:
    std::variant<T, Error> m_v;
};

struct Ok {};
using Status = Result<Ok>;

inline Error makeError(Error::Code code, QString message)
{
    return Error{code, std::move(message), {}, 0, 0};
}

} // namespace tp
