#include "seawatch/station/shared_annotations.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <utility>

#include "seawatch/scenario/scenario_json.hpp"
#include "seawatch/station/arrival_cursor.hpp"
#include "seawatch/station/coordination_log.hpp"
#include "seawatch/station/schema.hpp"
#include "wait_steps.hpp"

namespace seawatch::station {

namespace {

using scenario::Annotation;

constexpr const char* kColumns = "seq, exercise, station, id, body::text, deleted";
constexpr std::chrono::milliseconds kFirstBackoff{250};
constexpr std::chrono::milliseconds kMaxBackoff{5000};

// Only the station's own row can conflict: the server stamps `station` before the check.
// An unchanged row is left alone, so followers are not told of it again.
constexpr const char* kUpsert = R"sql(
INSERT INTO annotations (exercise, id, body, geom, releasable_to)
VALUES ($1, $2, $3::jsonb, ST_GeomFromText($4, 4326), $5::text[])
ON CONFLICT (exercise, station, id) DO UPDATE
  SET body = EXCLUDED.body, geom = EXCLUDED.geom, releasable_to = EXCLUDED.releasable_to,
      deleted = false
  WHERE annotations.deleted OR annotations.body <> EXCLUDED.body
     OR annotations.releasable_to <> EXCLUDED.releasable_to
RETURNING 1
)sql";

constexpr const char* kRemoveOthers = R"sql(
UPDATE annotations SET deleted = true
WHERE exercise = $1 AND station = current_user AND NOT deleted AND NOT (id = ANY ($2::text[]))
RETURNING 1
)sql";

std::string number(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.10g", v);
    return text;
}

std::string point(const geo::LonLat& p) {
    return number(p.lon) + " " + number(p.lat);
}

// The geometry QGIS shows for the annotation; none when it has no points.
std::optional<std::string> wktOf(const Annotation& a) {
    if (a.points.empty()) return std::nullopt;
    switch (a.kind) {
        case Annotation::Kind::Text:
        case Annotation::Kind::RangeRing:
            return "POINT(" + point(a.points.front()) + ")";
        case Annotation::Kind::Arrow: {
            if (a.points.size() < 2) return "POINT(" + point(a.points.front()) + ")";
            return "LINESTRING(" + point(a.points[0]) + ", " + point(a.points[1]) + ")";
        }
        case Annotation::Kind::Area: {
            if (a.points.size() < 3) return std::nullopt;
            std::string ring;
            for (const auto& p : a.points) ring += point(p) + ", ";
            return "POLYGON((" + ring + point(a.points.front()) + "))";
        }
    }
    return std::nullopt;
}

// The annotation's JSON object, as the scenario file writes it.
std::string bodyOf(const Annotation& a) {
    const std::string array = scenario::annotationsToJson(std::span<const Annotation>(&a, 1));
    return array.substr(1, array.size() - 2);
}

// A PostgreSQL array literal of texts, every element quoted.
std::string textArray(const std::vector<std::string>& items) {
    std::string out = "{";
    for (std::size_t k = 0; k < items.size(); ++k) {
        if (k > 0) out += ',';
        out += '"';
        for (const char c : items[k]) {
            if (c == '"' || c == '\\') out += '\\';
            out += c;
        }
        out += '"';
    }
    return out + "}";
}

// Columns station, id, body, deleted from `first` on.
Result<StationAnnotation> annotationFromRow(const PgResult& rows, int row, int first) {
    StationAnnotation out;
    out.station = std::string(rows.text(row, first));
    out.deleted = rows.text(row, first + 3) == "t";
    std::string array = "[";
    array += rows.text(row, first + 2);
    array += ']';
    auto parsed = scenario::parseAnnotations(array);
    if (!parsed || parsed->size() != 1) {
        return makeError("annotation " + std::string(rows.text(row, first + 1)) + " of " +
                         out.station + ": " + (parsed ? "not one annotation" : parsed.error()));
    }
    out.annotation = std::move(parsed->front());
    return out;
}

}  // namespace

Result<AnnotationPublishReport> publishAnnotations(PgConnection& conn, const std::string& exercise,
                                                   std::span<const Annotation> annotations,
                                                   const std::vector<std::string>& releasableTo,
                                                   PgFailure* failure) {
    if (auto ok = conn.execScript("BEGIN", failure); !ok) return makeError(ok.error());
    auto fail = [&conn](const std::string& message) -> Result<AnnotationPublishReport> {
        (void)conn.execScript("ROLLBACK");
        return makeError(message);
    };
    AnnotationPublishReport report;
    const std::string groups = textArray(releasableTo);
    std::vector<std::string> ids;
    ids.reserve(annotations.size());
    for (const Annotation& a : annotations) {
        ids.push_back(a.id);
        auto written = conn.exec(kUpsert, {exercise, a.id, bodyOf(a), wktOf(a), groups}, failure);
        if (!written) return fail("annotation " + a.id + ": " + written.error());
        report.written += static_cast<std::size_t>(written->rows());
    }
    auto removed = conn.exec(kRemoveOthers, {exercise, textArray(ids)}, failure);
    if (!removed) return fail(removed.error());
    report.deleted = static_cast<std::size_t>(removed->rows());
    if (auto ok = conn.execScript("COMMIT", failure); !ok) return makeError(ok.error());
    return report;
}

Result<std::vector<StationAnnotation>> readAnnotations(PgConnection& conn,
                                                       const std::string& exercise,
                                                       PgFailure* failure) {
    auto rows = conn.exec(
        "SELECT station, id, body::text, deleted FROM annotations "
        "WHERE exercise = $1 AND NOT deleted ORDER BY seq",
        {exercise}, failure);
    if (!rows) return makeError(rows.error());
    std::vector<StationAnnotation> out;
    out.reserve(static_cast<std::size_t>(rows->rows()));
    for (int i = 0; i < rows->rows(); ++i) {
        auto one = annotationFromRow(*rows, i, 0);
        if (!one) return makeError(one.error());
        out.push_back(std::move(one).value());
    }
    return out;
}

Status listenForAnnotations(PgConnection& conn) {
    return conn.execScript("LISTEN seawatch_annotations");
}

AnnotationLink::AnnotationLink(Key, std::string target, std::string exercise,
                               std::vector<std::string> releasableTo)
    : target_(std::move(target)),
      exercise_(std::move(exercise)),
      releasableTo_(std::move(releasableTo)) {}

Result<std::unique_ptr<AnnotationLink>> AnnotationLink::open(
    const std::string& target, const std::string& exercise, std::vector<std::string> releasableTo) {
    if (auto ok = rejectPasswordInTarget(target); !ok) return makeError(ok.error());
    if (exercise.empty()) return makeError("an exercise without a title cannot share annotations");
    for (const std::string& g : releasableTo) {
        if (g == "all" && releasableTo.size() == 1) continue;
        if (auto ok = parseReleasability(g); !ok) return makeError(ok.error());
    }
    auto link = std::make_unique<AnnotationLink>(Key{}, target, exercise, std::move(releasableTo));
    link->thread_ = std::thread([l = link.get()] { l->run(); });
    return link;
}

AnnotationLink::~AnnotationLink() {
    stop_.store(true);
    if (thread_.joinable()) thread_.join();
}

void AnnotationLink::publish(std::vector<Annotation> mine) {
    std::lock_guard<std::mutex> lock(mutex_);
    desired_ = std::move(mine);
    dirty_ = true;
    state_.unsent = true;
}

std::vector<StationAnnotation> AnnotationLink::drain() {
    std::lock_guard<std::mutex> lock(mutex_);
    return std::exchange(arrived_, {});
}

bool AnnotationLink::hasArrivals() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return !arrived_.empty();
}

AnnotationLinkState AnnotationLink::state() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return state_;
}

void AnnotationLink::run() {
    auto report = [this](const std::string& status, bool live) {
        std::lock_guard<std::mutex> lock(mutex_);
        state_.status = status;
        state_.live = live;
    };
    auto fail = [this](const std::string& why) {
        std::lock_guard<std::mutex> lock(mutex_);
        state_.failed = why;
        state_.live = false;
    };
    // What the cursor read for this exercise (the cursor's later reads span every exercise).
    auto deliver = [this](const ArrivalCursor::Batch& batch) {
        std::vector<StationAnnotation> fresh;
        std::string bad;
        for (const int row : batch.fresh) {
            if (batch.rows.text(row, 1) != exercise_) continue;
            auto one = annotationFromRow(batch.rows, row, 2);
            if (one) {
                fresh.push_back(std::move(one).value());
            } else {
                bad = one.error();
            }
        }
        std::lock_guard<std::mutex> lock(mutex_);
        for (auto& a : fresh) arrived_.push_back(std::move(a));
        if (!bad.empty()) state_.refused = "skipped an unreadable " + bad;
    };
    // Sends the latest list when one waits; false when the connection broke.
    auto publishPending = [this](PgConnection& conn) {
        std::vector<Annotation> list;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            if (!dirty_) return true;
            list = desired_;
            dirty_ = false;
        }
        PgFailure failure;
        auto sent = publishAnnotations(conn, exercise_, list, releasableTo_, &failure);
        std::lock_guard<std::mutex> lock(mutex_);
        if (!sent && failure.kind == FailureKind::Unreachable) {
            dirty_ = true;  // sent again once the server is back, unless a newer list came
            return false;
        }
        state_.unsent = dirty_;
        state_.refused = sent ? std::string() : sent.error();
        return true;
    };

    ArrivalCursor cursor{"annotations", kColumns};
    auto backoff = kFirstBackoff;
    while (!stop_.load()) {
        PgFailure failure;
        auto conn = openStation(target_, &failure);
        if (!conn) {
            if (failure.kind != FailureKind::Unreachable) return fail(conn.error());
            report(conn.error() + "; retrying in " + describeSeconds(backoff), false);
            sleepUnlessStopped(backoff, stop_);
            backoff = std::min(backoff * 2, kMaxBackoff);
            continue;
        }
        if (auto ok = listenForAnnotations(*conn); !ok) return fail(ok.error());
        const bool resumed = cursor.started();
        auto first = resumed ? cursor.fetchNew(*conn, &failure)
                             : cursor.start(*conn, "WHERE exercise = $1", {exercise_}, &failure);
        if (!first) {
            if (failure.kind != FailureKind::Unreachable) return fail(first.error());
            continue;
        }
        {
            std::lock_guard<std::mutex> lock(mutex_);
            state_.self = conn->user();
        }
        deliver(*first);
        report((resumed ? "reconnected to " : "connected to ") + conn->describeTarget(), true);
        backoff = kFirstBackoff;
        while (!stop_.load()) {
            if (!publishPending(*conn)) {
                report("lost the station while sending annotations; reconnecting", false);
                break;
            }
            auto woke = conn->waitForNotifications(200);
            if (!woke) {
                report(woke.error() + "; reconnecting", false);
                break;
            }
            if (*woke == 0) continue;
            auto fresh = cursor.fetchNew(*conn, &failure);
            if (!fresh) {
                if (failure.kind != FailureKind::Unreachable) return fail(fresh.error());
                report(fresh.error() + "; reconnecting", false);
                break;
            }
            deliver(*fresh);
        }
    }
}

}  // namespace seawatch::station
