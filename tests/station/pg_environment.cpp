// Registers the shared cluster's teardown with GoogleTest, so the cluster stops when the
// test run ends normally; the watchdog in scripts/pg_cluster.sh covers the other endings.
#include "pg_test_cluster.hpp"

namespace {
// GoogleTest takes ownership of environments it is given.
[[maybe_unused]] ::testing::Environment* const kPgEnvironment =
    ::testing::AddGlobalTestEnvironment(new seawatch::testing::PgEnvironment);
}  // namespace
