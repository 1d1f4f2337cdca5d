#pragma once

// A Redis connection over a non-blocking socket with pipelining. hiredis parses the replies;
// commands are formatted and sent here, and every wait goes through poll() in short slices, so
// that a cancel flag (Ctrl+C, a Cancel button) stops a wait on a server that does not answer
// within ~50 ms instead of at the command timeout. Not thread-safe: one per thread.

#include "error.h"
#include "redisurl.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <atomic>
#include <deque>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
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
    Cancelled,   ///< the cancel flag was set while waiting for the server (the connection is closed)
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
        int commandTimeoutMs = 30000; ///< longest wait for the server to take or give any byte
        /// Set from another thread or a signal handler to stop: a wait in progress ends within
        /// ~50 ms with a Cancelled error, and the connection is closed (replies are pending).
        const std::atomic<bool>* cancelled = nullptr;
    };

    /// Connects, authenticates (AUTH password or AUTH user password) and selects the database.
    /// Errors are Error::Code::Connection (unreachable, timeout, auth failed) or Cancelled;
    /// kind() of the error is in *kind when given. Messages name the server without the password.
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
    /// The flag that cancels waits from now on (null: none); returns the previous one.
    const std::atomic<bool>* setCancelFlag(const std::atomic<bool>* flag);
    [[nodiscard]] const std::atomic<bool>* cancelFlag() const { return m_cancel; }

    /// One command, one round trip. An error reply is an error (see lastErrorKind()).
    [[nodiscard]] Result<RedisReply> command(std::initializer_list<QByteArrayView> argv);
    [[nodiscard]] Result<RedisReply> command(const std::vector<QByteArray>& argv);

    // Pipelining: append() queues commands; their replies are read by collect() and finish().
    // Queued commands go out in windows while more are appended (a window is on the wire while
    // the next is formatted), and replies that arrive meanwhile are read as they come, so memory
    // stays bounded and the server never waits for us.
    //
    // keep = false: the reply is only checked for an error (writes); keep = true: it is
    // returned by collect()/finish() (reads), in order.
    void append(std::initializer_list<QByteArrayView> argv, bool keep = false);
    void append(const std::vector<QByteArrayView>& argv, bool keep = false);
    /// Sends what is queued without waiting for the replies (a later collect() or finish() reads
    /// them and reports their errors): the server works on them while the caller prepares more.
    void send();
    /// The number the next appended command gets (commands are numbered from 0 in order).
    [[nodiscard]] qint64 sequence() const { return m_sequence; }
    /// Sends what is queued and reads replies until every command numbered below `through`
    /// (a value of sequence()) is answered; returns their kept replies, in order. Later
    /// commands stay in flight (their kept replies come with a later collect()). Fails with
    /// the first connection error, or with the first error reply (after reading every reply
    /// due, so that the connection stays usable).
    [[nodiscard]] Result<std::vector<RedisReply>> collect(qint64 through);
    /// Sends what is queued and reads every reply.
    [[nodiscard]] Result<std::vector<RedisReply>> finish() { return collect(m_sequence); }
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
    /// False once the connection broke (or a wait was cancelled); every later call fails.
    [[nodiscard]] bool isUsable() const { return !m_broken; }

private:
    RedisClient(const RedisUrl& url, redisContext* ctx, const Options& options);
    void appendArgv(std::size_t argc, const QByteArrayView* argv, bool keep);
    void formatCommand(std::size_t argc, const QByteArrayView* argv); ///< into m_out

    // Socket I/O (redisio.cpp). Each returns false (null) with m_connectionError set when the
    // connection is done for: broken, timed out or cancelled.
    enum class Wait { Read, Write };
    enum class Doing { Sending, Reading, Receiving }; ///< for messages
    bool waitFor(Wait what, Doing doing);
    bool sendQueued();       ///< writes the output buffer, reading replies meanwhile
    bool fill(Doing doing);  ///< reads what the socket holds into hiredis' reader
    bool parseReplies();              ///< hands complete replies of queued commands to takeReply()
    bool readThrough(qint64 through); ///< until every command numbered below `through` is answered
    void takeReply(void* reply);
    /// One reply as hiredis' raw object (freed by the caller), reading as needed; for replies
    /// that are not queued in m_inFlight (commandPairs, receive).
    void* readRawReply(Doing doing);
    Error ioError(int err, Doing doing); ///< err: errno, or 0 for "the server closed it"
    [[nodiscard]] Error cancelError() const;
    Error replyError(const QByteArray& text);
    bool fail(const Error& e, RedisErrorKind kind); ///< marks the connection broken; returns false

    RedisUrl m_url;
    std::unique_ptr<redisContext, void (*)(redisContext*)> m_ctx;
    int m_commandTimeoutMs = 30000;
    const std::atomic<bool>* m_cancel = nullptr;
    std::string m_out;            ///< formatted commands not yet written (its capacity is kept)
    std::size_t m_outWritten = 0; ///< bytes of m_out already on the wire
    std::size_t m_unsent = 0;     ///< commands in m_out
    std::vector<char> m_in;       ///< read buffer
    std::deque<bool> m_inFlight;  ///< keep flags of the commands whose replies are unread
    qint64 m_sequence = 0;        ///< commands queued so far (m_inFlight.back() is m_sequence - 1)
    std::deque<std::pair<qint64, RedisReply>> m_kept; ///< (command number, reply) read, not yet collected
    std::optional<Error> m_firstReplyError;
    std::optional<Error> m_connectionError;
    RedisErrorKind m_lastKind = RedisErrorKind::None;
    RedisErrorKind m_firstReplyKind = RedisErrorKind::None;
    RedisErrorKind m_connectionKind = RedisErrorKind::None;
    bool m_broken = false;
    qint64 m_commands = 0;
};

/// Sets a client's cancel flag (null: none) for a scope and restores the old one after it.
class RedisCancelScope {
public:
    RedisCancelScope(RedisClient& client, const std::atomic<bool>* flag)
        : m_client(client)
        , m_old(client.setCancelFlag(flag))
    {
    }
    ~RedisCancelScope() { m_client.setCancelFlag(m_old); }
    RedisCancelScope(const RedisCancelScope&) = delete;
    RedisCancelScope& operator=(const RedisCancelScope&) = delete;

private:
    RedisClient& m_client;
    const std::atomic<bool>* m_old;
};

} // namespace tp
