// SHADE plans shared on a real station: each nation changes only its own records (row-level
// security, with a sentence that says who may), every station reads the whole plan, and a
// follower sees another nation's change, and the findings it makes, as it is pushed.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>

#include "analytics/plan_fixture.hpp"
#include "pg_test_cluster.hpp"
#include "seawatch/station/outbox.hpp"
#include "seawatch/station/plan_link.hpp"
#include "seawatch/station/schema.hpp"
#include "seawatch/station/shared_plans.hpp"

namespace {

namespace fs = std::filesystem;
using namespace seawatch;
using namespace seawatch::station;
using seawatch::testing::convoy;
using seawatch::testing::hour;
using seawatch::testing::PgTest;

// Two nations' convoys from Point A, six hours apart, and one sector assignment each.
zones::Plan seedPlan() {
    zones::Plan plan = seawatch::testing::emptyPlan();
    plan.name = "q1";
    plan.convoys.push_back(convoy("JP-01", "Japan", 'A', 6.0, 12, "JDS Takanami"));
    plan.convoys.push_back(convoy("CN-01", "China", 'A', 12.0, 12, "PLANS Zhoushan"));
    plan.assignments.push_back(
        seawatch::testing::assignment("JDS Takanami", "West", 0, 24, "Japan"));
    plan.assignments.push_back(
        seawatch::testing::assignment("PLANS Zhoushan", "East", 0, 24, "China"));
    return plan;
}

// Polls `done` every 20 ms until it holds or `seconds` pass; true when it held. done() is
// asked once a round: take() hands a version over once.
template <typename Done>
bool waitUntil(Done done, int seconds) {
    const auto limit = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    bool ok = false;
    while (!(ok = done()) && std::chrono::steady_clock::now() < limit)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    return ok;
}

const zones::EscortConvoy* findConvoy(const zones::Plan& plan, const std::string& id) {
    for (const auto& c : plan.convoys)
        if (c.id == id) return &c;
    return nullptr;
}

class StationPlans : public PgTest {
  protected:
    void SetUp() override {
        PgTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        japan_ = makeStation("jds", {"japan"});
        china_ = makeStation("plans", {"china"});
        auto admin = PgConnection::open(adminUri());
        ASSERT_TRUE(admin) << admin.error();
        auto seeded = pushPlan(*admin, seedPlan());  // the administrator seeds it
        ASSERT_TRUE(seeded) << seeded.error();
        EXPECT_TRUE(seeded->createdPlan);
        EXPECT_EQ(seeded->inserted, 4u);
    }

    zones::Plan pulledBy(const std::string& station) {
        auto conn = openStation(stationUri(station));
        EXPECT_TRUE(conn) << conn.error();
        if (!conn) return {};
        auto plan = pullPlan(*conn, seedPlan().name);
        EXPECT_TRUE(plan) << plan.error();
        return plan ? *plan : zones::Plan{};
    }

    std::string japan_;
    std::string china_;
};

TEST_F(StationPlans, ANationChangesOnlyItsOwnRecordsAndIsToldWhoMay) {
    // Every station reads the whole plan, as it was written.
    const zones::Plan asJapan = pulledBy(japan_);
    EXPECT_EQ(zones::writePlan(asJapan), zones::writePlan(seedPlan()));
    EXPECT_TRUE(asJapan.errors.empty());

    auto conn = openStation(stationUri(japan_));
    ASSERT_TRUE(conn) << conn.error();

    // Japan moves China's convoy: refused whole, naming the convoy, its nation and the group.
    zones::Plan meddled = asJapan;
    meddled.convoys[1].departure = hour(7.0);
    meddled.convoys[0].departure = hour(5.0);  // its own change goes with it, or not at all
    PgFailure failure;
    auto refused = pushPlan(*conn, meddled, &failure);
    ASSERT_FALSE(refused);
    EXPECT_EQ(failure.kind, FailureKind::NoRights);
    EXPECT_NE(refused.error().find("station \"" + japan_ +
                                   "\" may not change convoy \"CN-01\" of China: only stations "
                                   "in group \"china\" edit China's records"),
              std::string::npos)
        << refused.error();
    EXPECT_NE(refused.error().find("nothing was pushed"), std::string::npos);
    EXPECT_EQ(findConvoy(pulledBy(china_), "JP-01")->departure, hour(6.0));
    EXPECT_EQ(findConvoy(pulledBy(china_), "CN-01")->departure, hour(12.0));

    // Dropping China's convoy from Japan's copy is no way round it.
    zones::Plan without = asJapan;
    without.convoys.erase(without.convoys.begin() + 1);
    auto removal = pushPlan(*conn, without);
    ASSERT_FALSE(removal);
    EXPECT_NE(removal.error().find("may not remove convoy \"CN-01\""), std::string::npos)
        << removal.error();

    // Japan's own change goes through, and touches nothing else.
    zones::Plan own = asJapan;
    own.convoys[0].departure = hour(5.0);
    own.convoys.push_back(convoy("JP-02", "Japan", 'B', 20.0, 13, "JDS Ikazuchi"));
    auto pushed = pushPlan(*conn, own);
    ASSERT_TRUE(pushed) << pushed.error();
    EXPECT_FALSE(pushed->createdPlan);
    EXPECT_EQ(pushed->updated, 1u);
    EXPECT_EQ(pushed->inserted, 1u);
    EXPECT_EQ(pushed->removed, 0u);
    EXPECT_EQ(pushed->unchanged, 3u);
    const zones::Plan asChina = pulledBy(china_);
    EXPECT_EQ(findConvoy(asChina, "JP-01")->departure, hour(5.0));
    ASSERT_NE(findConvoy(asChina, "JP-02"), nullptr);
    EXPECT_EQ(asChina.convoys.size(), 3u);

    // The policies are in the schema, not in the client: plain SQL gets no further.
    auto sneaky = conn->exec(
        "UPDATE plan_records SET body = jsonb_set(body, '{merchants}', '99') WHERE key = "
        "'CN-01'");
    ASSERT_TRUE(sneaky) << sneaky.error();
    EXPECT_STREQ(PQcmdTuples(sneaky->get()), "0");
    auto forged = conn->exec(
        "INSERT INTO plan_records (plan, kind, key, nation, body) VALUES ($1, 'convoy', "
        "'CN-99', 'China', '{}')",
        {seedPlan().name}, &failure);
    ASSERT_FALSE(forged);
    EXPECT_EQ(failure.kind, FailureKind::NoRights);
    // Nor may Japan move the window of a plan it did not create.
    zones::Plan longer = pulledBy(japan_);
    longer.windowTo = hour(72);
    auto window = pushPlan(*conn, longer);
    ASSERT_FALSE(window);
    EXPECT_NE(window.error().find("may not change the window"), std::string::npos)
        << window.error();
}

TEST_F(StationPlans, AFollowerSeesAnotherNationsChangeAndItsFindings) {
    const analytics::PlanContext context = seawatch::testing::toyContext();
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<zones::Plan> seen;
    std::atomic<bool> stop{false};
    PlanFollowOptions options;
    options.target = stationUri(japan_);
    options.name = seedPlan().name;
    options.firstBackoff = std::chrono::milliseconds(50);
    std::thread follower([&] {
        auto ok = followPlan(options, stop, [&](const zones::Plan& plan) {
            std::lock_guard lock(mutex);
            seen.push_back(plan);
            changed.notify_all();
            return true;
        });
        EXPECT_TRUE(ok) << ok.error();
    });
    auto waitFor = [&](std::size_t count) {
        std::unique_lock lock(mutex);
        return changed.wait_for(lock, std::chrono::seconds(20),
                                [&] { return seen.size() >= count; });
    };
    ASSERT_TRUE(waitFor(1));
    auto clashes = [&](const zones::Plan& plan) {
        const auto check = analytics::checkPlan(plan, context);
        return std::count_if(check.findings.begin(), check.findings.end(), [](const auto& f) {
            return f.kind == analytics::FindingKind::DepartureClash;
        });
    };
    {
        std::lock_guard lock(mutex);
        EXPECT_EQ(clashes(seen[0]), 0);
    }

    // China brings its departure to within an hour of Japan's.
    zones::Plan moved = pulledBy(china_);
    for (auto& c : moved.convoys)
        if (c.id == "CN-01") c.departure = hour(7.0);
    auto conn = openStation(stationUri(china_));
    ASSERT_TRUE(conn) << conn.error();
    auto pushed = pushPlan(*conn, moved);
    ASSERT_TRUE(pushed) << pushed.error();
    EXPECT_EQ(pushed->updated, 1u);

    ASSERT_TRUE(waitFor(2));
    stop = true;
    follower.join();
    std::lock_guard lock(mutex);
    ASSERT_EQ(seen.size(), 2u);  // an unchanged re-read is not handed over again
    EXPECT_EQ(findConvoy(seen[1], "CN-01")->departure, hour(7.0));
    EXPECT_EQ(clashes(seen[1]), 1);
}

TEST_F(StationPlans, APlanWithSkippedRecordsOrTwinKeysIsNotPushed) {
    auto conn = openStation(stationUri(japan_));
    ASSERT_TRUE(conn) << conn.error();
    zones::Plan broken = pulledBy(japan_);
    broken.errors.emplace_back("plan.json: convoys[2].depart: 'C' is not a departure point");
    auto refused = pushPlan(*conn, broken);
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().find("skipped records"), std::string::npos) << refused.error();

    zones::Plan twins = pulledBy(japan_);
    twins.convoys.push_back(twins.convoys[0]);
    auto twin = pushPlan(*conn, twins);
    ASSERT_FALSE(twin);
    EXPECT_NE(twin.error().find("two convoys keyed \"JP-01\""), std::string::npos) << twin.error();

    PgFailure failure;
    auto missing = pullPlan(*conn, "no_such_plan", {}, &failure);
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().find("has no plan named \"no_such_plan\""), std::string::npos);
}

// The console's Push: the link sends this station's edit on its own worker and reports what
// it did; the followed plan then comes back with the change. Another nation's record is
// refused in words and nothing is written.
TEST_F(StationPlans, TheConsolesLinkPushesItsOwnEditsAndIsToldWhenRefused) {
    auto link = PlanLink::open(stationUri(japan_), seedPlan().name);
    ASSERT_TRUE(link) << link.error();
    std::optional<zones::Plan> shown;
    ASSERT_TRUE(waitUntil([&] { return (shown = (*link)->take()).has_value(); }, 20))
        << (*link)->state().status << " / " << (*link)->state().failed;

    zones::Plan edited = *shown;
    edited.convoys[0].departure = hour(5.0);
    (*link)->push(edited);
    ASSERT_TRUE(waitUntil([&] { return (*link)->state().pushesDone == 1; }, 20));
    PlanLinkState state = (*link)->state();
    EXPECT_TRUE(state.pushSent) << state.pushResult;
    EXPECT_FALSE(state.pushing);
    EXPECT_EQ(state.pushResult, "pushed: 0 added, 1 changed, 0 removed");
    ASSERT_TRUE(waitUntil([&] { return (shown = (*link)->take()).has_value(); }, 20));
    EXPECT_EQ(findConvoy(*shown, "JP-01")->departure, hour(5.0));

    zones::Plan meddled = *shown;
    meddled.convoys[1].departure = hour(7.0);
    (*link)->push(meddled);
    ASSERT_TRUE(waitUntil([&] { return (*link)->state().pushesDone == 2; }, 20));
    state = (*link)->state();
    EXPECT_FALSE(state.pushSent);
    EXPECT_NE(state.pushResult.find("not pushed: station \"" + japan_ +
                                    "\" may not change convoy \"CN-01\" of China"),
              std::string::npos)
        << state.pushResult;
    EXPECT_EQ(findConvoy(pulledBy(china_), "CN-01")->departure, hour(12.0));
}

// The station goes away: a push waits and says why, a newer push replaces it, and the newest
// is pushed once the station answers again, with nothing pushed twice.
TEST_F(StationPlans, APushTheStationCannotTakeWaitsUntilItAnswers) {
    const fs::path dir = fs::temp_directory_path() / ("seawatch_plan_outbox_" + db_);
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path outbox = dir / "outbox.gpkg";
    auto link = PlanLink::open(stationUri(japan_), seedPlan().name, outbox);
    ASSERT_TRUE(link) << link.error();
    std::optional<zones::Plan> shown;
    ASSERT_TRUE(waitUntil([&] { return (shown = (*link)->take()).has_value(); }, 20))
        << (*link)->state().status << " / " << (*link)->state().failed;

    ASSERT_TRUE(pg_->kill());
    zones::Plan first = *shown;
    first.convoys[0].departure = hour(4.0);
    (*link)->push(first);
    ASSERT_TRUE(waitUntil([&] { return (*link)->state().pushQueued; }, 20));
    PlanLinkState state = (*link)->state();
    EXPECT_EQ(state.pushesDone, 0);
    EXPECT_FALSE(state.pushSent);
    EXPECT_NE(state.pushResult.find("it is pushed when the station answers"), std::string::npos)
        << state.pushResult;
    // A newer push while the first waits: the newer one is what the station gets.
    zones::Plan second = *shown;
    second.convoys[0].departure = hour(8.0);
    (*link)->push(second);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_EQ((*link)->state().pushesDone, 0);

    ASSERT_TRUE(pg_->restart());
    ASSERT_TRUE(waitUntil([&] { return (*link)->state().pushesDone >= 1; }, 30))
        << (*link)->state().pushResult;
    state = (*link)->state();
    EXPECT_EQ(state.pushesDone, 1);
    EXPECT_TRUE(state.pushSent) << state.pushResult;
    EXPECT_FALSE(state.pushQueued);
    EXPECT_EQ(state.pushResult, "pushed: 0 added, 1 changed, 0 removed");
    EXPECT_EQ(findConvoy(pulledBy(japan_), "JP-01")->departure, hour(8.0));
    // Sent: nothing waits in the outbox any more.
    {
        auto kept = Outbox::open(outbox);
        ASSERT_TRUE(kept) << kept.error();
        EXPECT_EQ(*kept->countItems(stationUri(japan_)), 0U);
    }
    fs::remove_all(dir);
}

// A console closed while its push waits: the push is kept in the outbox (where the alert
// link's sender leaves it alone) and the next console following the plan sends it.
TEST_F(StationPlans, APushWaitingWhenTheConsoleClosesIsSentByTheNextOne) {
    const fs::path dir = fs::temp_directory_path() / ("seawatch_plan_outbox_" + db_);
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path outbox = dir / "outbox.gpkg";
    zones::Plan edited = pulledBy(japan_);
    ASSERT_NE(findConvoy(edited, "JP-01"), nullptr);
    for (auto& c : edited.convoys)
        if (c.id == "JP-01") c.departure = hour(9.0);
    ASSERT_TRUE(pg_->kill());
    {
        auto link = PlanLink::open(stationUri(japan_), seedPlan().name, outbox);
        ASSERT_TRUE(link) << link.error();
        (*link)->push(edited);
        ASSERT_TRUE(waitUntil([&] { return (*link)->state().pushQueued; }, 20));
        EXPECT_NE((*link)->state().pushResult.find("kept in the outbox"), std::string::npos)
            << (*link)->state().pushResult;
    }  // the console closes with the push still waiting
    {
        auto kept = Outbox::open(outbox);
        ASSERT_TRUE(kept) << kept.error();
        EXPECT_EQ(*kept->countItems(stationUri(japan_)), 1U);
        EXPECT_EQ(*kept->countItems(stationUri(japan_), {"alert", "ack"}), 0U);
    }
    ASSERT_TRUE(pg_->restart());

    auto next = PlanLink::open(stationUri(japan_), seedPlan().name, outbox);
    ASSERT_TRUE(next) << next.error();
    ASSERT_TRUE(waitUntil([&] { return (*next)->state().pushesDone >= 1; }, 30))
        << (*next)->state().pushResult;
    const PlanLinkState state = (*next)->state();
    EXPECT_TRUE(state.pushSent) << state.pushResult;
    EXPECT_EQ(state.pushResult, "pushed: 0 added, 1 changed, 0 removed");
    EXPECT_EQ(findConvoy(pulledBy(japan_), "JP-01")->departure, hour(9.0));
    {
        auto kept = Outbox::open(outbox);
        ASSERT_TRUE(kept) << kept.error();
        EXPECT_EQ(*kept->countItems(stationUri(japan_)), 0U);
    }
    fs::remove_all(dir);
}

}  // namespace
