// RedisClient's socket I/O: a non-blocking socket, waited for with poll() in short slices so
// that a cancel flag is seen within ~50 ms and the command timeout is ours to enforce; replies
// are parsed by hiredis' reader.
#include "redisclient.h"

#include <hiredis/hiredis.h>

#include "publishtext_p.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <cerrno>
#include <cstring>
#include <poll.h>
#include <sys/socket.h>

namespace tp {
namespace {

/// Longest single poll() while a cancel flag is watched: how long a cancel may go unseen.
constexpr qint64 kSliceMs = 50;

QString doingText(int doing)
{
    switch (doing) {
    case 0:
        return detail::RedisText::tr("sending commands");
    case 1:
        return detail::RedisText::tr("reading replies");
    default:
        return detail::RedisText::tr("waiting for a message");
    }
}

} // namespace

bool RedisClient::fail(const Error& e, RedisErrorKind kind)
{
    m_broken = true;
    m_connectionError = e;
    m_connectionKind = kind;
    m_lastKind = kind;
    return false;
}

Error RedisClient::cancelError() const
{
    return makeError(Error::Code::Cancelled,
                     detail::RedisText::tr("Stopped waiting for Redis at %1: cancelled.").arg(m_url.displayString()));
}

Error RedisClient::ioError(int err, Doing doing)
{
    const QString where = m_url.displayString();
    const QString during = doingText(int(doing));
    const QString why = err == 0 ? detail::RedisText::tr("the server closed the connection")
                                 : QString::fromLocal8Bit(std::strerror(err));
    return makeError(Error::Code::Connection,
                     detail::RedisText::tr("Lost the connection to Redis at %1 while %2: %3.").arg(where, during, why));
}

bool RedisClient::waitFor(Wait what, Doing doing)
{
    QElapsedTimer clock;
    clock.start();
    const short events = what == Wait::Write ? short(POLLOUT | POLLIN) : short(POLLIN);
    for (;;) {
        if (m_cancel && m_cancel->load()) {
            return fail(cancelError(), RedisErrorKind::Cancelled);
        }
        const qint64 left = m_commandTimeoutMs - clock.elapsed();
        if (left <= 0) {
            return fail(makeError(Error::Code::Connection,
                                  detail::RedisText::tr("Redis at %1 did not answer in time while %2 (command timeout).")
                                      .arg(m_url.displayString(), doingText(int(doing)))),
                        RedisErrorKind::Timeout);
        }
        pollfd p{m_ctx->fd, events, 0};
        // A signal (Ctrl+C) interrupts poll() at once, whatever SA_RESTART says; the slice
        // covers a signal delivered to another thread and a flag set by one.
        const int n = ::poll(&p, 1, int(m_cancel ? std::min(left, kSliceMs) : left));
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return fail(ioError(errno, doing), RedisErrorKind::Unreachable);
        }
        if (n == 0) {
            continue;
        }
        if (what == Wait::Read) {
            return true; // readable, or an error or hang-up that the read reports
        }
        if ((p.revents & POLLIN) != 0) {
            // Replies arrive while we send: take them, so that the server never waits for us
            // to read (and the socket's receive buffer never fills up).
            if (!fill(Doing::Sending) || !parseReplies()) {
                return false;
            }
            clock.restart(); // the server is alive
        }
        if ((p.revents & (POLLOUT | POLLERR | POLLHUP)) != 0) {
            return true;
        }
    }
}

bool RedisClient::sendQueued()
{
    if (m_broken) {
        return false;
    }
    while (m_outWritten < m_out.size()) {
        const ssize_t n = ::send(m_ctx->fd, m_out.data() + m_outWritten, m_out.size() - m_outWritten,
                                 MSG_NOSIGNAL | MSG_DONTWAIT); // no SIGPIPE when the server is gone
        if (n >= 0) {
            m_outWritten += std::size_t(n);
            continue;
        }
        if (errno == EINTR) {
            continue;
        }
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
            if (!waitFor(Wait::Write, Doing::Sending)) {
                return false;
            }
            continue;
        }
        return fail(ioError(errno, Doing::Sending), RedisErrorKind::Unreachable);
    }
    m_out.clear(); // keeps its capacity: the next window is formatted into warm memory
    m_outWritten = 0;
    m_unsent = 0;
    return true;
}

bool RedisClient::fill(Doing doing)
{
    for (;;) {
        const ssize_t n = ::recv(m_ctx->fd, m_in.data(), m_in.size(), MSG_DONTWAIT);
        if (n > 0) {
            if (redisReaderFeed(m_ctx->reader, m_in.data(), std::size_t(n)) != REDIS_OK) {
                return fail(makeError(Error::Code::Connection,
                                      detail::RedisText::tr("Redis at %1: %2 while %3.")
                                          .arg(m_url.displayString(), QString::fromLocal8Bit(m_ctx->reader->errstr),
                                               doingText(int(doing)))),
                            RedisErrorKind::Other);
            }
            if (std::size_t(n) < m_in.size()) {
                return true;
            }
            continue;
        }
        if (n == 0) {
            return fail(ioError(0, doing), RedisErrorKind::Unreachable);
        }
        if (errno == EINTR) {
            continue;
        }
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
            return true;
        }
        return fail(ioError(errno, doing), RedisErrorKind::Unreachable);
    }
}

bool RedisClient::parseReplies()
{
    while (!m_inFlight.empty()) {
        void* reply = nullptr;
        if (redisReaderGetReply(m_ctx->reader, &reply) != REDIS_OK) {
            return fail(makeError(Error::Code::Connection,
                                  detail::RedisText::tr("Redis at %1: %2 while %3.")
                                      .arg(m_url.displayString(), QString::fromLocal8Bit(m_ctx->reader->errstr),
                                           doingText(int(Doing::Reading)))),
                        RedisErrorKind::Other);
        }
        if (!reply) {
            return true;
        }
        takeReply(reply);
    }
    return true;
}

bool RedisClient::readThrough(qint64 through)
{
    const auto answered = [this] { return m_sequence - qint64(m_inFlight.size()); };
    while (answered() < through) {
        if (!parseReplies()) {
            return false;
        }
        if (answered() >= through) {
            break;
        }
        if (!waitFor(Wait::Read, Doing::Reading) || !fill(Doing::Reading)) {
            return false;
        }
    }
    return true;
}

void* RedisClient::readRawReply(Doing doing)
{
    for (;;) {
        void* reply = nullptr;
        if (redisReaderGetReply(m_ctx->reader, &reply) != REDIS_OK) {
            fail(makeError(Error::Code::Connection,
                           detail::RedisText::tr("Redis at %1: %2 while %3.")
                               .arg(m_url.displayString(), QString::fromLocal8Bit(m_ctx->reader->errstr),
                                    doingText(int(doing)))),
                 RedisErrorKind::Other);
            return nullptr;
        }
        if (reply) {
            return reply;
        }
        if (!waitFor(Wait::Read, doing) || !fill(doing)) {
            return nullptr;
        }
    }
}

} // namespace tp
