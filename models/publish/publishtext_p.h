#pragma once

// Translation contexts of tp_publish's user-visible texts (lupdate reads Class::tr calls).

#include <QCoreApplication>

namespace tp::detail {

class PublishText {
    Q_DECLARE_TR_FUNCTIONS(tp::publish)
};

class RedisText {
    Q_DECLARE_TR_FUNCTIONS(tp::redis)
};

} // namespace tp::detail
