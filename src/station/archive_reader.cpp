#include "seawatch/station/archive_reader.hpp"

#include <utility>

#include "seawatch/station/pg.hpp"
#include "seawatch/station/pg_archive.hpp"
#include "seawatch/station/schema.hpp"

namespace seawatch::station {

ArchiveReader::ArchiveReader(Key, std::string target) : target_(std::move(target)) {}

Result<std::unique_ptr<ArchiveReader>> ArchiveReader::open(const std::string& target) {
    if (auto ok = rejectPasswordInTarget(target); !ok) return makeError(ok.error());
    auto reader = std::make_unique<ArchiveReader>(Key{}, target);
    reader->thread_ = std::thread([r = reader.get()] { r->run(); });
    return reader;
}

ArchiveReader::~ArchiveReader() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stop_.store(true);
    }
    wanted_.notify_all();
    if (thread_.joinable()) thread_.join();
}

std::uint64_t ArchiveReader::request(const ais::ArchiveQuery& q) {
    std::uint64_t ticket = 0;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        toRead_ = q;
        ticket = ++lastTicket_;
    }
    wanted_.notify_one();
    return ticket;
}

std::optional<ArchiveAnswer> ArchiveReader::take() {
    std::lock_guard<std::mutex> lock(mutex_);
    // An answer to a request since replaced is of no use to anyone.
    if (answer_ && answer_->ticket != lastTicket_) answer_.reset();
    return std::exchange(answer_, std::nullopt);
}

bool ArchiveReader::busy() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return toRead_.has_value() || readingTicket_ != 0;
}

void ArchiveReader::run() {
    for (;;) {
        ais::ArchiveQuery q;
        std::uint64_t ticket = 0;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            wanted_.wait(lock, [this] { return stop_.load() || toRead_.has_value(); });
            if (stop_.load()) return;
            q = std::move(*toRead_);
            toRead_.reset();
            ticket = readingTicket_ = lastTicket_;
        }
        ArchiveAnswer answer;
        answer.ticket = ticket;
        if (auto conn = openStation(target_); !conn) {
            answer.fixes =
                makeError("the station's AIS archive could not be read: " + conn.error());
        } else if (auto fixes = queryAisArchive(*conn, q); !fixes) {
            answer.fixes =
                makeError("the station's AIS archive could not be read: " + fixes.error());
        } else {
            answer.fixes = std::move(fixes);
        }
        std::lock_guard<std::mutex> lock(mutex_);
        readingTicket_ = 0;
        answer_ = std::move(answer);
    }
}

}  // namespace seawatch::station
