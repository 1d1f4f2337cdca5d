#pragma once

// A blocking Redis connection over hiredis with pipelining. Not thread-safe: one per thread.

#include "error.h"
#include "redisurl.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <deque>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <vector>

struct redisContext;

namespace tp {

/// What went wrong with Redis, for callers that react differently (retry, ask for a password).
enum class RedisErrorKind {
    None,
    Unreachable, ///< cannot connect, or the connection broke (server stopped or crashed)
    AuthFailed,  ///< AUTH refused, or the server wants a password that was not given
    Timeout,     ///< connect or command timeout
    OutOfMemory, ///< the server refused a write: used memory > maxmemory
    Other,       ///< any other error reply (its text is in the message) or protocol error
};

/// One reply, copied out of hiredis.
struct RedisReply {
    enum class Type { Nil, Status, Error, Integer, String, Array };
    Type type = Type::Nil;
    qint64 integer = 0;
    QByteArray string; ///< String, Status and Error replies
    std::vector<RedisReply> elements;

    [[nodiscard]] bool isNil() const { return type == Type::Nil; }
    /// Array replies of field/value pairs (HGETALL) as a list of pairs.
    [[nodiscard]] QList<std::pair<QByteArray, QByteArray>> pairs() const;
};

class RedisClient {
public:
    struct Options {
        int connectTimeoutMs = 5000;
        int commandTimeoutMs = 30000; ///< per socket read or write
    };

    /// Connects, authenticates (AUTH password or AUTH user password) and selects the database.
    /// Errors are Error::Code::Connection (unreachable, timeout, auth failed); kind() of the
    /// error is in *kind when given. Messages name the server without the password.
    [[nodiscard]] static Result<std::unique_ptr<RedisClient>> connect(const RedisUrl& url, const Options& options,
                                                                      RedisErrorKind* kind = nullptr);
    [[nodiscard]] static Result<std::unique_ptr<RedisClient>> connect(const RedisUrl& url)
    {
        return connect(url, Options{});
    }
    ~RedisClient();
    RedisClient(const RedisClient&) = delete;
    RedisClient& operator=(const RedisClient&) = delete;

    [[nodiscard]] const RedisUrl& url() const { return m_url; }

    /// One command, one round trip. An error reply is an error (see lastErrorKind()).
    [[nodiscard]] Result<RedisReply> command(std::initializer_list<QByteArrayView> argv);
    [[nodiscard]] Result<RedisReply> command(const std::vector<QByteArray>& argv);

    // Pipelining: append() queues commands; their replies are read by finish(). Long pipelines
    // are sent in windows while they are built (a window of commands is on the wire while the
    // next one is formatted), so memory stays bounded and the server never idles.
    //
    // keep = false: the reply is only checked for an error (writes); keep = true: it is
    // returned by finish() (reads), in order.
    void append(std::initializer_list<QByteArrayView> argv, bool keep = false);
    void append(const std::vector<QByteArrayView>& argv, bool keep = false);
    /// Sends what is queued without waiting for the replies (a later finish() reads them and
    /// reports their errors): the server works on them while the caller prepares more.
    void send();
    /// Sends what is queued and reads every reply. Fails with the first connection error, or
    /// with the first error reply once all replies are read (so the connection stays usable).
    [[nodiscard]] Result<std::vector<RedisReply>> finish();
    /// One command whose reply is field/value pairs (HGETALL), handed to `visit` as views into
    /// the reply, without copies: they are valid during the call only (`visit` may reorder
    /// them). For large hashes.
    using Pairs = std::vector<std::pair<QByteArrayView, QByteArrayView>>;
    [[nodiscard]] Status commandPairs(std::initializer_list<QByteArrayView> argv,
                                      const std::function<void(Pairs&)>& visit);
    /// The next reply the server pushes unasked: a message after SUBSCRIBE. Waits at most the
    /// command timeout (then a Timeout error; the connection is then unusable).
    [[nodiscard]] Result<RedisReply> receive();
    /// Commands appended since the connection was opened (for throughput figures).
    [[nodiscard]] qint64 commandsSent() const { return m_commands; }

    /// Classification of the last error returned by this client.
    [[nodiscard]] RedisErrorKind lastErrorKind() const { return m_lastKind; }
    /// False once the connection broke; every later call fails with the same error.
    [[nodiscard]] bool isUsable() const { return !m_broken; }

private:
    RedisClient(const RedisUrl& url, redisContext* ctx);
    void appendArgv(int argc, const char** argv, const size_t* lengths, bool keep);
    /// Writes the output buffer; then reads replies until at most `keepInFlight` are unread.
    bool pump(std::size_t keepInFlight);
    bool readOne();
    Error connectionError(const QString& during);
    Error replyError(const QByteArray& text);

    RedisUrl m_url;
    std::unique_ptr<redisContext, void (*)(redisContext*)> m_ctx;
    std::deque<bool> m_inFlight; ///< keep flags of the commands whose replies are unread
    std::size_t m_unsent = 0;    ///< commands in the output buffer
    std::size_t m_unsentBytes = 0;
    std::vector<RedisReply> m_kept;
    std::optional<Error> m_firstReplyError;
    std::optional<Error> m_connectionError;
    RedisErrorKind m_lastKind = RedisErrorKind::None;
    RedisErrorKind m_firstReplyKind = RedisErrorKind::None;
    bool m_broken = false;
    qint64 m_commands = 0;
};

} // namespace tp
