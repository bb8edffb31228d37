#pragma once
// Annotations shared on a station (schema version 7): what a trainer or a watch officer draws
// over an exercise (text, arrows, range rings, areas) is seen by every station that may read
// it, within a second, and by a station that connects later.
//
// A row is one station's annotation of one exercise (by its title), keyed by (exercise,
// station, id); its body is the annotation as the scenario format writes it. A station
// publishes the whole of its own list: what is new or changed is written, what is gone is
// marked deleted (so followers drop it); other stations' rows are never touched, and the
// server stamps the station, so none can be claimed. Releasability is the log's rule.
//
// Threading: an AnnotationLink owns one worker thread, which connects (reconnecting with
// back-off), publishes the latest list it was given, and follows the others' rows.
// publish(), drain() and state() are called from one other thread (the console's UI thread);
// they only touch data behind the link's mutex and never wait on the network. The destructor
// stops and joins the worker within ~a quarter of a second (or a connect timeout).
#include <atomic>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "seawatch/common/result.hpp"
#include "seawatch/scenario/scenario.hpp"
#include "seawatch/station/pg.hpp"

namespace seawatch::station {

// One station's annotation as another sees it.
struct StationAnnotation {
    std::string station;  // the role that wrote it (stamped by the server)
    scenario::Annotation annotation;
    bool deleted = false;  // removed by its station: drop it
};

struct AnnotationPublishReport {
    std::size_t written = 0;  // new or changed
    std::size_t deleted = 0;
};

// Makes this station's annotations of `exercise` on the server equal to `annotations`, in one
// transaction. `releasableTo`: {"all"} or station groups.
Result<AnnotationPublishReport> publishAnnotations(
    PgConnection& conn, const std::string& exercise,
    std::span<const scenario::Annotation> annotations, const std::vector<std::string>& releasableTo,
    PgFailure* failure = nullptr);

// Every annotation of `exercise` the connection's station may read (its own included).
Result<std::vector<StationAnnotation>> readAnnotations(PgConnection& conn,
                                                       const std::string& exercise,
                                                       PgFailure* failure = nullptr);

// LISTEN seawatch_annotations: a notification (no payload) for every change.
Status listenForAnnotations(PgConnection& conn);

struct AnnotationLinkState {
    std::string status;   // connection news
    bool live = false;    // connected and following
    bool unsent = false;  // a list given to publish() is not on the server yet
    std::string self;     // this station's role, once connected
    std::string refused;  // why the server refused the last list (fixed by the next one)
    std::string failed;   // set when the link stopped for good
};

class AnnotationLink {
  public:
    static Result<std::unique_ptr<AnnotationLink>> open(const std::string& target,
                                                        const std::string& exercise,
                                                        std::vector<std::string> releasableTo = {
                                                            "all"});
    ~AnnotationLink();
    AnnotationLink(const AnnotationLink&) = delete;
    AnnotationLink& operator=(const AnnotationLink&) = delete;

    // This station's whole list, as drawn now; the latest given is what the server gets.
    void publish(std::vector<scenario::Annotation> mine);
    // Rows that arrived since the last call (other stations' and this one's own), in order.
    std::vector<StationAnnotation> drain();
    bool hasArrivals() const;
    AnnotationLinkState state() const;

    class Key {
        friend class AnnotationLink;
        Key() = default;
    };
    AnnotationLink(Key, std::string target, std::string exercise,
                   std::vector<std::string> releasableTo);

  private:
    void run();

    const std::string target_;
    const std::string exercise_;
    const std::vector<std::string> releasableTo_;
    std::atomic<bool> stop_{false};
    mutable std::mutex mutex_;
    std::vector<scenario::Annotation> desired_;
    bool dirty_ = false;
    std::vector<StationAnnotation> arrived_;
    AnnotationLinkState state_;
    std::thread thread_;
};

}  // namespace seawatch::station
