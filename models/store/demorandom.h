#pragma once

// Internal to tp_store: the demo's pseudo-random numbers. std::mt19937's output sequence is fixed
// by the C++ standard, but std::uniform_int_distribution & co. are not, so the same seed would
// give different demos with libstdc++ and libc++. The helpers below map the raw 32-bit output
// themselves.

#include <QList>
#include <QString>
#include <QtGlobal>

#include <random>

namespace tp::demo {

class Random {
public:
    explicit Random(quint32 seed)
        : m_engine(seed)
    {
    }

    /// Uniform in [0, n), n > 0. Rejection sampling: no modulo bias.
    quint32 below(quint32 n)
    {
        Q_ASSERT(n > 0);
        const quint64 range = quint64(1) << 32;
        const quint64 limit = range - range % n;
        quint64 x = 0;
        do {
            x = m_engine();
        } while (x >= limit);
        return quint32(x % n);
    }
    /// Uniform in [lo, hi].
    int between(int lo, int hi) { return lo + int(below(quint32(hi - lo + 1))); }
    /// True with the given probability in percent.
    bool chance(int percent) { return int(below(100)) < percent; }
    template <typename T> const T& pick(const QList<T>& list) { return list.at(below(quint32(list.size()))); }
    /// Replaces every '#' with a random digit (example values of ids, phones, codes).
    QString digits(QString text)
    {
        for (QChar& c : text) {
            if (c == QLatin1Char('#')) {
                c = QLatin1Char(char('0' + below(10)));
            }
        }
        return text;
    }

private:
    std::mt19937 m_engine;
};

} // namespace tp::demo
