#include "keychain.h"

#include <qt6keychain/keychain.h>

#include <QCoreApplication>
#include <QEventLoop>
#include <QTimer>

namespace tp::secrets {
namespace {

/// Runs a job to its end (or the time limit) and maps its result. The job deletes itself when
/// it finishes, also after a time-out, when nobody waits for it any more.
Reply run(QKeychain::Job* job, int timeoutMs)
{
    job->setAutoDelete(true);
    // Never the plain-text file QtKeychain could fall back to.
    job->setInsecureFallback(false);
    Reply reply;
    bool finished = false;
    QEventLoop loop;
    QObject::connect(job, &QKeychain::Job::finished, &loop, [&](QKeychain::Job* done) {
        finished = true;
        switch (done->error()) {
        case QKeychain::NoError:
            reply.outcome = Reply::Outcome::Done;
            if (auto* read = qobject_cast<QKeychain::ReadPasswordJob*>(done)) {
                reply.secret = read->textData();
            }
            break;
        case QKeychain::EntryNotFound:
            reply.outcome = Reply::Outcome::NotFound;
            break;
        default:
            reply.outcome = Reply::Outcome::Unavailable;
            reply.message = done->errorString();
            break;
        }
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    job->start();
    if (!finished) {
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    }
    if (!finished) {
        reply.outcome = Reply::Outcome::Unavailable;
        reply.message = QCoreApplication::translate("tp::secrets", "The system keychain did not answer in time.");
    }
    return reply;
}

} // namespace

Keychain::Keychain(QString service)
    : m_service(std::move(service))
{
}

Reply Keychain::read(const QString& key) const
{
    auto* job = new QKeychain::ReadPasswordJob(m_service);
    job->setKey(key);
    return run(job, m_timeoutMs);
}

Reply Keychain::write(const QString& key, const QString& secret) const
{
    auto* job = new QKeychain::WritePasswordJob(m_service);
    job->setKey(key);
    job->setTextData(secret);
    return run(job, m_timeoutMs);
}

Reply Keychain::remove(const QString& key) const
{
    auto* job = new QKeychain::DeletePasswordJob(m_service);
    job->setKey(key);
    Reply reply = run(job, m_timeoutMs);
    if (reply.outcome == Reply::Outcome::NotFound) {
        reply.outcome = Reply::Outcome::Done;
    }
    return reply;
}

} // namespace tp::secrets
