// Annotations shared over an exercise (schema version 7): one station's drawing reaches
// another within a second, changes and removals follow, releasability hides them from
// stations outside the group, no station can touch another's, and a drawing made while the
// server is down is sent when it is back.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <thread>

#include "pg_test_cluster.hpp"
#include "seawatch/station/schema.hpp"
#include "seawatch/station/shared_annotations.hpp"

namespace {

using namespace seawatch::station;
using seawatch::scenario::Annotation;
using seawatch::testing::PgTest;

using StationAnnotations = PgTest;

constexpr const char* kExercise = "Gulf of Aden transit, November 2009 (fictional)";

Annotation text(const std::string& id, const std::string& words, double lon, double lat) {
    Annotation a;
    a.kind = Annotation::Kind::Text;
    a.id = id;
    a.text = words;
    a.points = {{lon, lat}};
    return a;
}

Annotation area(const std::string& id) {
    Annotation a;
    a.kind = Annotation::Kind::Area;
    a.id = id;
    a.text = "Skiff search box";
    a.points = {{46.0, 12.0}, {46.5, 12.0}, {46.5, 12.4}, {46.0, 12.4}};
    return a;
}

// Drains `link` into `seen` until `done` holds or the time is up.
bool drainUntil(AnnotationLink& link, std::vector<StationAnnotation>& seen,
                const std::function<bool()>& done,
                std::chrono::seconds limit = std::chrono::seconds(20)) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < end) {
        auto fresh = link.drain();
        seen.insert(seen.end(), fresh.begin(), fresh.end());
        if (done()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

const StationAnnotation* last(const std::vector<StationAnnotation>& seen, const std::string& id) {
    for (auto it = seen.rbegin(); it != seen.rend(); ++it)
        if (it->annotation.id == id) return &*it;
    return nullptr;
}

TEST_F(StationAnnotations, ADrawingReachesAnotherStationAndChangesFollow) {
    const std::string group = role("ctf151");
    const std::string bahrain = makeStation("bahrain", {group});
    const std::string djibouti = makeStation("djibouti", {group});
    const std::string outsider = makeStation("outsider", {});
    auto watcher = AnnotationLink::open(stationUri(djibouti), kExercise);
    ASSERT_TRUE(watcher) << watcher.error();
    std::vector<StationAnnotation> seen;
    ASSERT_TRUE(drainUntil(**watcher, seen, [&] { return (*watcher)->state().live; }))
        << (*watcher)->state().status << (*watcher)->state().failed;

    auto conn = openStation(stationUri(bahrain));
    ASSERT_TRUE(conn) << conn.error();
    auto first = publishAnnotations(
        *conn, kExercise,
        std::vector<Annotation>{text("console-1", "Mother ship?", 47.1, 12.3), area("console-2")},
        {group});
    ASSERT_TRUE(first) << first.error();
    EXPECT_EQ(first->written, 2u);
    ASSERT_TRUE(drainUntil(**watcher, seen, [&] { return seen.size() >= 2; }));
    const StationAnnotation* label = last(seen, "console-1");
    ASSERT_NE(label, nullptr);
    EXPECT_EQ(label->station, bahrain);  // stamped by the server
    EXPECT_EQ(label->annotation.text, "Mother ship?");
    ASSERT_EQ(label->annotation.points.size(), 1u);
    EXPECT_DOUBLE_EQ(label->annotation.points[0].lon, 47.1);
    const StationAnnotation* box = last(seen, "console-2");
    ASSERT_NE(box, nullptr);
    EXPECT_EQ(box->annotation.kind, Annotation::Kind::Area);
    EXPECT_EQ(box->annotation.points.size(), 4u);

    // The same list again writes nothing; a changed text and a removed area follow.
    auto same = publishAnnotations(
        *conn, kExercise,
        std::vector<Annotation>{text("console-1", "Mother ship?", 47.1, 12.3), area("console-2")},
        {group});
    ASSERT_TRUE(same) << same.error();
    EXPECT_EQ(same->written, 0u);
    EXPECT_EQ(same->deleted, 0u);
    auto changed = publishAnnotations(
        *conn, kExercise, std::vector<Annotation>{text("console-1", "Mother ship", 47.1, 12.3)},
        {group});
    ASSERT_TRUE(changed) << changed.error();
    EXPECT_EQ(changed->written, 1u);
    EXPECT_EQ(changed->deleted, 1u);
    ASSERT_TRUE(drainUntil(**watcher, seen, [&] {
        const auto* gone = last(seen, "console-2");
        const auto* renamed = last(seen, "console-1");
        return gone && gone->deleted && renamed && renamed->annotation.text == "Mother ship";
    }));

    // Outside the group: nothing; in it: the one annotation left.
    auto theirs = openStation(stationUri(outsider));
    ASSERT_TRUE(theirs) << theirs.error();
    auto hidden = readAnnotations(*theirs, kExercise);
    ASSERT_TRUE(hidden) << hidden.error();
    EXPECT_TRUE(hidden->empty());
    auto ours = openStation(stationUri(djibouti));
    ASSERT_TRUE(ours) << ours.error();
    auto visible = readAnnotations(*ours, kExercise);
    ASSERT_TRUE(visible) << visible.error();
    ASSERT_EQ(visible->size(), 1u);
    EXPECT_EQ(visible->front().annotation.text, "Mother ship");
}

TEST_F(StationAnnotations, NoStationTouchesAnothersDrawing) {
    const std::string a = makeStation("alpha", {});
    const std::string b = makeStation("bravo", {});
    auto ca = openStation(stationUri(a));
    auto cb = openStation(stationUri(b));
    ASSERT_TRUE(ca && cb);
    ASSERT_TRUE(publishAnnotations(
        *ca, kExercise, std::vector<Annotation>{text("console-1", "alpha's", 45, 12)}, {"all"}));
    // Bravo's empty list removes only Bravo's; the same id makes Bravo's own row.
    ASSERT_TRUE(publishAnnotations(*cb, kExercise, std::vector<Annotation>{}, {"all"}));
    ASSERT_TRUE(publishAnnotations(
        *cb, kExercise, std::vector<Annotation>{text("console-1", "bravo's", 46, 13)}, {"all"}));
    auto rows = readAnnotations(*ca, kExercise);
    ASSERT_TRUE(rows) << rows.error();
    ASSERT_EQ(rows->size(), 2u);
    for (const auto& row : *rows)
        EXPECT_EQ(row.annotation.text, row.station == a ? "alpha's" : "bravo's");
    // A plain UPDATE of another station's row changes nothing (row-level security).
    auto sneaky = cb->exec("UPDATE annotations SET deleted = true WHERE station = $1", {a});
    ASSERT_TRUE(sneaky) << sneaky.error();
    auto still = readAnnotations(*ca, kExercise);
    ASSERT_TRUE(still);
    EXPECT_EQ(still->size(), 2u);
}

TEST_F(StationAnnotations, ADrawingMadeWhileTheServerIsDownIsSentWhenItIsBack) {
    const std::string trainer = makeStation("trainer", {});
    const std::string trainee = makeStation("trainee", {});
    auto link = AnnotationLink::open(stationUri(trainer), kExercise);
    ASSERT_TRUE(link) << link.error();
    std::vector<StationAnnotation> seen;
    ASSERT_TRUE(drainUntil(**link, seen, [&] { return (*link)->state().live; }));
    ASSERT_TRUE(pg_->kill());
    (*link)->publish({text("console-1", "Convoy form-up point", 43.5, 12.2)});
    ASSERT_TRUE(drainUntil(**link, seen, [&] { return !(*link)->state().live; }));
    EXPECT_TRUE((*link)->state().unsent);
    ASSERT_TRUE(pg_->restart());
    ASSERT_TRUE(drainUntil(
        **link, seen, [&] { return (*link)->state().live && !(*link)->state().unsent; },
        std::chrono::seconds(30)))
        << (*link)->state().status;
    auto conn = openStation(stationUri(trainee));
    ASSERT_TRUE(conn) << conn.error();
    auto rows = readAnnotations(*conn, kExercise);
    ASSERT_TRUE(rows) << rows.error();
    ASSERT_EQ(rows->size(), 1u);
    EXPECT_EQ(rows->front().annotation.text, "Convoy form-up point");
    EXPECT_EQ(rows->front().station, trainer);
}

TEST_F(StationAnnotations, AnUnknownGroupIsRefusedBeforeAnythingStarts) {
    const std::string ship = makeStation("ship", {});
    auto link = AnnotationLink::open(stationUri(ship), kExercise, {"no such group!"});
    ASSERT_FALSE(link);
    auto conn = openStation(stationUri(ship));
    ASSERT_TRUE(conn);
    auto refused = publishAnnotations(
        *conn, kExercise, std::vector<Annotation>{text("console-1", "x", 45, 12)}, {"nosuch"});
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().find("no such station group"), std::string::npos) << refused.error();
    auto rows = readAnnotations(*conn, kExercise);
    ASSERT_TRUE(rows);
    EXPECT_TRUE(rows->empty());  // the transaction left nothing behind
}

}  // namespace
