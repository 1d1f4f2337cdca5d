#pragma once

// Where the validator gets the plan: the schemas of every version of an app, from the store
// (compiled with SchemaCompiler, exactly as a publish would write them) or from Redis (as a
// collection service reads them, docs/redis-contract.md "Reading").

#include "snapshotrules.h"

namespace tp {

class RedisClient;
class Store;

/// Every frozen or released version of the app, compiled under the app's governance policy.
/// `current` is the newest released version (else the newest frozen one; with neither, the
/// plan as merged now, under the name "current").
[[nodiscard]] Result<PlanSchemas> schemasFromStore(Store& store, const QString& appKey);

/// What Redis holds for the app: tp:{app}:versions and tp:{app}:current resolved in one
/// MULTI/EXEC, then each snapshot's events and common schema, then the schemas (MGET, each
/// distinct one once). NotFound when nothing is published for the app.
[[nodiscard]] Result<PlanSchemas> schemasFromRedis(RedisClient& redis, const QString& appKey);

} // namespace tp
