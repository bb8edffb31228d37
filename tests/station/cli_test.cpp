// seawatch station|log against a real server, run as a user would: exit codes, one-sentence
// errors, live output flushed line by line, and nothing lost or doubled across a server crash.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>

#include "analytics/plan_fixture.hpp"
#include "app/cli_support.hpp"
#include "pg_test_cluster.hpp"

namespace {

namespace fs = std::filesystem;
using seawatch::testing::CommandResult;
using seawatch::testing::PgTest;
using seawatch::testing::runSeawatch;
using seawatch::testing::shellQuote;

std::vector<nlohmann::json> jsonLines(const std::string& text) {
    std::vector<nlohmann::json> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty()) out.push_back(nlohmann::json::parse(line));
    }
    return out;
}

std::size_t lineCount(const std::string& text) {
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

class StationCli : public PgTest {
  protected:
    void SetUp() override {
        setUpDatabase(false);
        queue_ = (seawatch::testing::scratchDir("station_cli") / (db_ + "_outbox.gpkg")).string();
        fs::remove(queue_);
    }
    void TearDown() override { fs::remove(queue_); }

    CommandResult seawatch(const std::string& args, const std::string& stdinFile = "") {
        return runSeawatch(args, "", stdinFile);
    }
    std::string q(const std::string& s) const { return shellQuote(s); }

    // station init + station add NAME --member-of GROUPS with a password from stdin.
    std::string stationWithPassword(const std::string& base, const std::string& groups) {
        const std::string name = role(base);
        const auto passwordFile = fs::path(queue_).parent_path() / (name + ".pw");
        std::ofstream(passwordFile) << "pw-" << name << "\n";
        auto added =
            seawatch("station add " + name + (groups.empty() ? "" : " --member-of " + groups) +
                         " --db " + q(adminUri()) + " --password-stdin",
                     passwordFile.string());
        EXPECT_EQ(added.exitCode, 0) << added.err;
        pg_->addPassword(name, "pw-" + name);
        fs::remove(passwordFile);
        return name;
    }

    std::string queue_;
};

TEST_F(StationCli, InitAddPostAndTail) {
    auto init = seawatch("station init " + q(adminUri()));
    ASSERT_EQ(init.exitCode, 0) << init.err;
    EXPECT_NE(init.out.find("version 0 -> "), std::string::npos) << init.out;
    auto again = seawatch("station init " + q(adminUri()));
    ASSERT_EQ(again.exitCode, 0) << again.err;
    EXPECT_NE(again.out.find("already at version"), std::string::npos) << again.out;

    const std::string ctf = role("ctf");
    const std::string alpha = stationWithPassword("alpha", ctf);
    const std::string bravo = stationWithPassword("bravo", "");
    auto posted = seawatch("log post --db " + q(stationUri(alpha)) +
                           " --text 'Skiff approaching MV Nordic' --at 12.5,47.25 "
                           "--releasable-to " +
                           ctf + " --ref mmsi:636012345 --queue " + q(queue_));
    ASSERT_EQ(posted.exitCode, 0) << posted.err;
    EXPECT_TRUE(posted.out.starts_with("posted ")) << posted.out;
    auto open = seawatch("log post --db " + q(stationUri(bravo)) +
                         " --text 'Open to all' --queue " + q(queue_));
    ASSERT_EQ(open.exitCode, 0) << open.err;

    auto asAlpha = seawatch("log tail --db " + q(stationUri(alpha)) + " --format jsonl");
    ASSERT_EQ(asAlpha.exitCode, 0) << asAlpha.err;
    const auto rows = jsonLines(asAlpha.out);
    ASSERT_EQ(rows.size(), 2u) << asAlpha.out;
    EXPECT_EQ(rows[0]["station"], alpha);
    EXPECT_EQ(rows[0]["text"], "Skiff approaching MV Nordic");
    EXPECT_DOUBLE_EQ(rows[0]["lat"].get<double>(), 12.5);
    EXPECT_DOUBLE_EQ(rows[0]["lon"].get<double>(), 47.25);
    EXPECT_EQ(rows[0]["releasable_to"], nlohmann::json::array({ctf}));
    EXPECT_EQ(rows[0]["ref"], "mmsi:636012345");
    EXPECT_EQ(rows[1]["station"], bravo);
    EXPECT_TRUE(rows[1]["lat"].is_null());
    for (const char* field :
         {"id", "station", "time", "text", "lat", "lon", "releasable_to", "ref"}) {
        EXPECT_TRUE(rows[0].contains(field)) << field;
    }

    // bravo is not in the group: it sees only its own entry.
    auto asBravo = seawatch("log tail --db " + q(stationUri(bravo)) + " --format jsonl");
    ASSERT_EQ(asBravo.exitCode, 0) << asBravo.err;
    const auto bravoRows = jsonLines(asBravo.out);
    ASSERT_EQ(bravoRows.size(), 1u);
    EXPECT_EQ(bravoRows[0]["text"], "Open to all");

    auto table = seawatch("log tail --db " + q(stationUri(alpha)) + " --format table");
    ASSERT_EQ(table.exitCode, 0);
    EXPECT_EQ(lineCount(table.out), 3u) << table.out;
    EXPECT_NE(table.out.find("Skiff approaching MV Nordic"), std::string::npos);
}

TEST_F(StationCli, EveryFailureIsOneSentenceAndANonZeroExit) {
    // No schema yet.
    const auto noSchema = seawatch("log tail --db " + q(adminUri()));
    EXPECT_EQ(noSchema.exitCode, 1);
    EXPECT_NE(noSchema.err.find("seawatch station init"), std::string::npos) << noSchema.err;
    EXPECT_EQ(lineCount(noSchema.err), 1u) << noSchema.err;

    ASSERT_EQ(seawatch("station init " + q(adminUri())).exitCode, 0);
    const std::string ship = stationWithPassword("ship", "");

    // Wrong password (the password file holds the right one first: override it).
    const auto wrongFile = fs::path(queue_).parent_path() / (ship + ".pgpass");
    std::ofstream(wrongFile) << "*:*:*:" << ship << ":not-the-password\n";
    fs::permissions(wrongFile, fs::perms::owner_read | fs::perms::owner_write);
    const auto wrong = runSeawatch("log tail --db " + q(stationUri(ship)),
                                   "env PGPASSFILE=" + q(wrongFile.string()));
    EXPECT_EQ(wrong.exitCode, 1);
    EXPECT_NE(wrong.err.find("refused the password"), std::string::npos) << wrong.err;
    EXPECT_EQ(lineCount(wrong.err), 1u) << wrong.err;
    const auto wrongPost =
        runSeawatch("log post --text x --queue " + q(queue_) + " --db " + q(stationUri(ship)),
                    "env PGPASSFILE=" + q(wrongFile.string()));
    EXPECT_EQ(wrongPost.exitCode, 1) << "a refused password is an error, not a queued post";
    fs::remove(wrongFile);

    // Unreachable host: tail fails; post keeps the entry and says so with exit code 4.
    const std::string nowhere = "postgresql:///" + db_ + "?host=/nonexistent&port=1&user=" + ship;
    const auto unreachable = seawatch("log tail --db " + q(nowhere));
    EXPECT_EQ(unreachable.exitCode, 1);
    EXPECT_NE(unreachable.err.find("cannot reach"), std::string::npos) << unreachable.err;
    EXPECT_EQ(lineCount(unreachable.err), 1u) << unreachable.err;
    const auto queued =
        seawatch("log post --db " + q(nowhere) + " --text 'kept' --queue " + q(queue_));
    EXPECT_EQ(queued.exitCode, 4);
    EXPECT_NE(queued.err.find("queued"), std::string::npos) << queued.err;

    // A password on the command line is refused before anything is sent.
    const auto inArgv = seawatch("log post --db 'postgresql://" + ship +
                                 ":secret@127.0.0.1/x' --text x --queue " + q(queue_));
    EXPECT_EQ(inArgv.exitCode, 2);
    EXPECT_NE(inArgv.err.find("pgpass"), std::string::npos) << inArgv.err;

    // A role without rights: it may log in, but it is no station.
    const std::string outsider = role("outsider");
    {
        auto admin = seawatch::station::PgConnection::open(adminUri());
        ASSERT_TRUE(admin) << admin.error();
        ASSERT_TRUE(admin->execScript("CREATE ROLE " + outsider + " LOGIN PASSWORD 'pw-o'"));
        pg_->addPassword(outsider, "pw-o");
    }
    const auto notAStation =
        seawatch("log post --db " + q(stationUri(outsider)) + " --text x --queue " + q(queue_));
    EXPECT_NE(notAStation.err.find("is not a seawatch station"), std::string::npos)
        << notAStation.err;
    EXPECT_EQ(notAStation.exitCode, 1);
    EXPECT_EQ(lineCount(notAStation.err), 1u) << notAStation.err;

    // Bad input.
    EXPECT_EQ(seawatch("log post --db " + q(stationUri(ship)) + " --text x --at 95,10").exitCode,
              2);
    EXPECT_EQ(seawatch("log post --db " + q(stationUri(ship)) + " --text x --ref mmsi:1").exitCode,
              2);
    const auto unknownGroup = seawatch("log post --db " + q(stationUri(ship)) +
                                       " --text x --releasable-to nosuch --queue " + q(queue_));
    EXPECT_EQ(unknownGroup.exitCode, 1);
    EXPECT_NE(unknownGroup.err.find("no such station group"), std::string::npos)
        << unknownGroup.err;
}

// Starts `seawatch ARGS` (or, with a launcher, `LAUNCHER… seawatch ARGS`) in a process group
// of its own, with its stdout (or stderr) on a pipe; reads lines as they come. The whole group
// is stopped at the end, so a launcher such as xvfb-run leaves nothing running.
class LiveProcess {
  public:
    explicit LiveProcess(const std::vector<std::string>& args, bool readStderr = false,
                         const std::vector<std::string>& launcher = {}) {
        int fds[2];
        if (pipe(fds) != 0) return;
        pid_ = fork();
        if (pid_ == 0) {
            setpgid(0, 0);
            dup2(fds[1], readStderr ? STDERR_FILENO : STDOUT_FILENO);
            close(fds[0]);
            close(fds[1]);
            std::vector<char*> argv;
            std::vector<std::string> launch = launcher;
            argv.reserve(launch.size() + args.size() + 2);
            for (auto& a : launch) argv.push_back(a.data());
            std::string binary = SEAWATCH_BINARY;
            argv.push_back(binary.data());
            std::vector<std::string> copies = args;
            for (auto& a : copies) argv.push_back(a.data());
            argv.push_back(nullptr);
            execvp(argv[0], argv.data());
            _exit(127);
        }
        setpgid(pid_, pid_);  // also here: no race with the child's own call
        close(fds[1]);
        out_ = fds[0];
    }
    ~LiveProcess() {
        if (pid_ > 0) {
            kill(-pid_, SIGTERM);
            int status = 0;
            waitpid(pid_, &status, 0);
        }
        if (out_ >= 0) close(out_);
    }
    LiveProcess(const LiveProcess&) = delete;
    LiveProcess& operator=(const LiveProcess&) = delete;

    // The first line holding `text`, skipping others; false when none came within `limit`.
    bool waitForLineWith(const std::string& text, std::chrono::milliseconds limit,
                         std::string* seen = nullptr) {
        const auto end = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < end) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                end - std::chrono::steady_clock::now());
            const std::string line = nextLine(left);
            if (seen) *seen += line + "\n";
            if (line.find(text) != std::string::npos) return true;
        }
        return false;
    }

    // The next complete line, or "" when none came within `limit`.
    std::string nextLine(std::chrono::milliseconds limit) {
        const auto end = std::chrono::steady_clock::now() + limit;
        while (true) {
            const auto newline = buffer_.find('\n');
            if (newline != std::string::npos) {
                std::string line = buffer_.substr(0, newline);
                buffer_.erase(0, newline + 1);
                return line;
            }
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                end - std::chrono::steady_clock::now());
            if (left.count() <= 0) return "";
            pollfd fd{out_, POLLIN, 0};
            if (poll(&fd, 1, static_cast<int>(left.count())) <= 0) continue;
            char chunk[4096];
            const ssize_t n = read(out_, chunk, sizeof chunk);
            if (n <= 0) return "";
            buffer_.append(chunk, static_cast<std::size_t>(n));
        }
    }

  private:
    pid_t pid_ = -1;
    int out_ = -1;
    std::string buffer_;
};

TEST_F(StationCli, FollowPrintsEachEntryAsItArrives) {
    ASSERT_EQ(seawatch("station init " + q(adminUri())).exitCode, 0);
    const std::string watcher = stationWithPassword("watcher", "");
    const std::string poster = stationWithPassword("poster", "");
    LiveProcess tail({"log", "tail", "--db", stationUri(watcher), "--follow", "--format", "jsonl"});
    for (int i = 0; i < 3; ++i) {
        const std::string text = "live entry " + std::to_string(i);
        ASSERT_EQ(seawatch("log post --db " + q(stationUri(poster)) + " --text " + q(text) +
                           " --queue " + q(queue_))
                      .exitCode,
                  0);
        // Generous: this checks that lines are flushed one by one, not how fast (bench/ does).
        const std::string line = tail.nextLine(std::chrono::seconds(20));
        ASSERT_FALSE(line.empty()) << "no line for " << text;
        const auto json = nlohmann::json::parse(line);
        EXPECT_EQ(json["text"], text);
        EXPECT_EQ(json["station"], poster);
    }
}

// Shared awareness as a watch officer sees it: a console following the station shows an entry
// another station posts after it started, without a restart.
TEST_F(StationCli, ASecondConsoleSeesAnotherStationsEntryWithoutARestart) {
    if (std::system("command -v xvfb-run >/dev/null 2>&1") != 0)
        GTEST_SKIP() << "xvfb-run is not installed";
    ASSERT_EQ(seawatch("station init " + q(adminUri())).exitCode, 0);
    const std::string watcher = stationWithPassword("console", "");
    const std::string poster = stationWithPassword("djibouti", "");
    const fs::path home = seawatch::testing::scratchDir("station_console") / db_;
    fs::create_directories(home);
    // LeakSanitizer is off for the console only: Mesa's GLX driver keeps allocations past exit.
    LiveProcess console({"--station", stationUri(watcher), "--exit-after-frames", "100000"}, true,
                        {"env", "HOME=" + home.string(),
                         "XDG_CONFIG_HOME=", "XDG_DATA_HOME=", "ASAN_OPTIONS=detect_leaks=0",
                         "xvfb-run", "-a", "-s", "-screen 0 1280x800x24"});
    std::string seen;
    ASSERT_TRUE(console.waitForLineWith("coordination log: live", std::chrono::seconds(60), &seen))
        << seen;
    const std::string text = "Suspicious dhow 4 nm south of the corridor, two skiffs in tow";
    ASSERT_EQ(seawatch("log post --db " + q(stationUri(poster)) + " --text " + q(text) +
                       " --at 12.1,46.3 --queue " + q(queue_))
                  .exitCode,
              0);
    ASSERT_TRUE(console.waitForLineWith(text, std::chrono::seconds(30), &seen)) << seen;
    EXPECT_NE(seen.find(poster), std::string::npos) << seen;
    fs::remove_all(home);
}

// With the workspace on the station, an incident another station imports appears in the
// console's incidents (its live copy of the station's layer) without a restart, and the
// coordination log is followed as with --station.
TEST_F(StationCli, AConsoleOnTheStationSeesAnotherStationsIncidentWithoutARestart) {
    if (std::system("command -v xvfb-run >/dev/null 2>&1") != 0)
        GTEST_SKIP() << "xvfb-run is not installed";
    ASSERT_EQ(seawatch("station init " + q(adminUri())).exitCode, 0);
    const std::string watcher = stationWithPassword("watch", "");
    const std::string importer = stationWithPassword("bahrain", "");
    const fs::path home = seawatch::testing::scratchDir("station_console_ws") / db_;
    fs::create_directories(home);
    LiveProcess console({"--workspace", stationUri(watcher), "--exit-after-frames", "100000"}, true,
                        {"env", "HOME=" + home.string(),
                         "XDG_CONFIG_HOME=", "XDG_DATA_HOME=", "ASAN_OPTIONS=detect_leaks=0",
                         "xvfb-run", "-a", "-s", "-screen 0 1280x800x24"});
    std::string seen;
    ASSERT_TRUE(console.waitForLineWith("station incidents: live", std::chrono::seconds(60), &seen))
        << seen;
    const fs::path csv = home / "asam.csv";
    std::ofstream(csv, std::ios::binary)
        << "reference,date,position,navArea,subreg,hostility,victim,description,\r\n"
           "2011-044,2011-02-08,\"15\xC2\xB0"
           "40'00\"\"N\n59\xC2\xB0"
           "50'00\"\"E\",IX,62,"
           "PIRATES,Greek tanker IRENE SL,\"Pirates hijacked the tanker off Oman\",\r\n";
    const auto imported =
        seawatch("incidents import " + q(csv.string()) + " --db " + q(stationUri(importer)));
    ASSERT_EQ(imported.exitCode, 0) << imported.err;
    ASSERT_TRUE(console.waitForLineWith("station incidents: 1 new or changed",
                                        std::chrono::seconds(30), &seen))
        << seen;
    // The log's worker connects on its own thread, so its "live" line may come after the
    // incidents' line; wait for it rather than expect it among the lines read so far.
    if (seen.find("coordination log: live") == std::string::npos) {
        EXPECT_TRUE(
            console.waitForLineWith("coordination log: live", std::chrono::seconds(30), &seen))
            << seen;
    }
    // The copy the console reads holds the other station's incident.
    std::vector<fs::path> copies;
    for (const auto& entry : fs::directory_iterator(home / ".local/share/seawatch/stations"))
        if (entry.path().extension() == ".gpkg") copies.push_back(entry.path());
    ASSERT_EQ(copies.size(), 1u);
    const auto copy =
        seawatch("incidents query --db " + q(copies.front().string()) + " --format jsonl");
    EXPECT_EQ(copy.exitCode, 0) << copy.err;
    EXPECT_NE(copy.out.find("IRENE SL"), std::string::npos) << copy.out;
    fs::remove_all(home);
}

TEST_F(StationCli, AServerKilledDuringLivePostingLosesAndDoublesNothing) {
    ASSERT_EQ(seawatch("station init " + q(adminUri())).exitCode, 0);
    const std::string ship = stationWithPassword("ship", "");
    constexpr int kPosts = 24;
    std::map<std::string, int> exitCodes;
    std::atomic<int> done{0};
    std::thread poster([&] {
        for (int i = 0; i < kPosts; ++i) {
            const std::string text = "report " + std::to_string(i);
            exitCodes[text] = seawatch("log post --db " + q(stationUri(ship)) + " --text " +
                                       q(text) + " --queue " + q(queue_))
                                  .exitCode;
            ++done;
        }
    });
    while (done < kPosts / 3) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    ASSERT_TRUE(pg_->kill());
    while (done < kPosts / 2) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    ASSERT_TRUE(pg_->restart());
    poster.join();

    int queued = 0;
    for (const auto& [text, code] : exitCodes) {
        EXPECT_TRUE(code == 0 || code == 4) << text << " exited " << code;
        queued += code == 4;
    }
    EXPECT_GT(queued, 0) << "the kill should have made some posts wait in the queue";
    const auto sync = seawatch("log sync --db " + q(stationUri(ship)) + " --queue " + q(queue_));
    EXPECT_EQ(sync.exitCode, 0) << sync.err;

    const auto tail =
        seawatch("log tail --db " + q(stationUri(ship)) + " --lines 0 --format jsonl");
    ASSERT_EQ(tail.exitCode, 0) << tail.err;
    std::map<std::string, int> seen;
    for (const auto& row : jsonLines(tail.out)) ++seen[row["text"].get<std::string>()];
    EXPECT_EQ(seen.size(), static_cast<std::size_t>(kPosts));
    for (const auto& [text, count] : seen) EXPECT_EQ(count, 1) << text;
}

// A server without PostGIS: the test cluster has it, so this database hides it. With
// `nopostgis` first on the search path (PGOPTIONS, as a user could set it), the catalog views
// station init consults list no postgis, as on a server without postgresql-15-postgis-3.
TEST_F(StationCli, InitOnAServerWithoutPostgisSaysSoAndCreatesNothing) {
    auto admin = seawatch::station::PgConnection::open(adminUri());
    ASSERT_TRUE(admin) << admin.error();
    ASSERT_TRUE(
        admin->execScript("DROP EXTENSION postgis; CREATE SCHEMA nopostgis; "
                          "CREATE VIEW nopostgis.pg_available_extensions AS SELECT * FROM "
                          "pg_catalog.pg_available_extensions WHERE name <> 'postgis'"));
    auto init = runSeawatch("station init " + q(adminUri()),
                            "PGOPTIONS='-c search_path=nopostgis,pg_catalog,public'");
    EXPECT_EQ(init.exitCode, 1) << init.out << init.err;
    EXPECT_NE(init.err.find("the server has no PostGIS to install (install "
                            "postgresql-15-postgis-3 on the server"),
              std::string::npos)
        << init.err;
    EXPECT_EQ(std::count(init.err.begin(), init.err.end(), '\n'), 1) << init.err;
    auto tables = admin->exec(
        "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename = "
        "'seawatch_schema'");
    ASSERT_TRUE(tables) << tables.error();
    EXPECT_EQ(tables->integer(0, 0), 0);
    // Without the mask the same database initialises.
    auto real = seawatch("station init " + q(adminUri()));
    EXPECT_EQ(real.exitCode, 0) << real.err;
}

// plan push|pull as users run them: the administrator seeds the plan, a nation's station
// may change its own convoy but not another nation's (exit 1, one sentence), and pull
// writes what the station holds.
TEST_F(StationCli, PlanPushAndPullKeepEachNationToItsOwnRecords) {
    ASSERT_EQ(seawatch("station init " + q(adminUri())).exitCode, 0);
    const std::string japan = stationWithPassword("jds", "japan");
    const std::string china = stationWithPassword("plans", "china");
    seawatch::zones::Plan plan = seawatch::testing::emptyPlan();
    plan.convoys.push_back(seawatch::testing::convoy("JP-01", "Japan", 'A', 6.0, 12));
    plan.convoys.push_back(seawatch::testing::convoy("CN-01", "China", 'A', 12.0, 12));
    const fs::path dir = fs::path(queue_).parent_path();
    const fs::path file = dir / (db_ + "_plan.json");
    ASSERT_TRUE(seawatch::zones::savePlan(plan, file).ok());

    auto seeded = seawatch("plan push " + q(file.string()) + " --station " + q(adminUri()));
    ASSERT_EQ(seeded.exitCode, 0) << seeded.err;
    EXPECT_NE(seeded.out.find("created, 2 added"), std::string::npos) << seeded.out;

    plan.convoys[1].departure = seawatch::testing::hour(7.0);
    ASSERT_TRUE(seawatch::zones::savePlan(plan, file).ok());
    auto refused = seawatch("plan push " + q(file.string()) + " --station " + q(stationUri(japan)));
    EXPECT_EQ(refused.exitCode, 1);
    EXPECT_NE(refused.err.find("may not change convoy \"CN-01\" of China"), std::string::npos)
        << refused.err;
    EXPECT_EQ(std::count(refused.err.begin(), refused.err.end(), '\n'), 1) << refused.err;

    auto accepted =
        seawatch("plan push " + q(file.string()) + " --station " + q(stationUri(china)));
    ASSERT_EQ(accepted.exitCode, 0) << accepted.err;
    EXPECT_NE(accepted.out.find("0 added, 1 changed, 0 removed, 1 unchanged"), std::string::npos)
        << accepted.out;

    const fs::path pulled = dir / (db_ + "_pulled.json");
    auto pull =
        seawatch("plan pull toy --station " + q(stationUri(japan)) + " -o " + q(pulled.string()));
    ASSERT_EQ(pull.exitCode, 0) << pull.err;
    std::ifstream in(pulled);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(text, seawatch::zones::writePlan(plan));
    auto missing = seawatch("plan pull nothing --station " + q(stationUri(japan)));
    EXPECT_EQ(missing.exitCode, 1);
    EXPECT_NE(missing.err.find("has no plan named \"nothing\""), std::string::npos) << missing.err;
    fs::remove(file);
    fs::remove(pulled);
}

// The plan view follows a plan shared on the station: the version there when the console
// starts, then each version another station pushes, without a restart.
TEST_F(StationCli, AConsoleFollowsTheStationsPlanAsItIsPushed) {
    if (std::system("command -v xvfb-run >/dev/null 2>&1") != 0)
        GTEST_SKIP() << "xvfb-run is not installed";
    ASSERT_EQ(seawatch("station init " + q(adminUri())).exitCode, 0);
    const std::string china = stationWithPassword("plans", "china");
    const std::string watcher = stationWithPassword("viewer", "");
    seawatch::zones::Plan plan = seawatch::testing::emptyPlan();
    plan.convoys.push_back(seawatch::testing::convoy("CN-01", "China", 'A', 12.0, 12));
    const fs::path dir = fs::path(queue_).parent_path();
    const fs::path file = dir / (db_ + "_followed.json");
    ASSERT_TRUE(seawatch::zones::savePlan(plan, file).ok());
    ASSERT_EQ(
        seawatch("plan push " + q(file.string()) + " --station " + q(stationUri(china))).exitCode,
        0);
    const fs::path home = seawatch::testing::scratchDir("station_console_plan") / db_;
    fs::create_directories(home);
    LiveProcess console({"--station", stationUri(watcher), "--follow-plan", plan.name,
                         "--exit-after-frames", "100000"},
                        true,
                        {"env", "HOME=" + home.string(),
                         "XDG_CONFIG_HOME=", "XDG_DATA_HOME=", "ASAN_OPTIONS=detect_leaks=0",
                         "xvfb-run", "-a", "-s", "-screen 0 1280x800x24"});
    std::string seen;
    const std::string shown = "plan: station plan \"" + plan.name + "\" (1 convoys";
    ASSERT_TRUE(console.waitForLineWith(shown, std::chrono::seconds(60), &seen)) << seen;
    plan.convoys.push_back(seawatch::testing::convoy("CN-02", "China", 'B', 30.0, 12));
    ASSERT_TRUE(seawatch::zones::savePlan(plan, file).ok());
    ASSERT_EQ(
        seawatch("plan push " + q(file.string()) + " --station " + q(stationUri(china))).exitCode,
        0);
    const std::string again = "plan: station plan \"" + plan.name + "\" (2 convoys";
    ASSERT_TRUE(console.waitForLineWith(again, std::chrono::seconds(30), &seen)) << seen;
    fs::remove(file);
    fs::remove_all(home);
}

// analyze --station: the alerts of a batch run (here the schedule's, with no AIS at all) are
// stored on the station as their author; with the server away they stay queued (exit 4) and
// the sentence says where and until when.
TEST_F(StationCli, AnalyzeSharesItsAlertsOrSaysTheyAreQueued) {
    ASSERT_EQ(seawatch("station init " + q(adminUri())).exitCode, 0);
    const std::string nato = role("nato");
    const std::string ship = stationWithPassword("ship", nato);
    const fs::path dir = fs::path(queue_).parent_path();
    const fs::path empty = dir / (db_ + "_empty.nmea");
    std::ofstream(empty).close();
    const std::string zones = std::string(SEAWATCH_SOURCE_DIR) + "/data/zones/";
    const std::string args = "analyze --ais " + q(empty.string()) + " --zones " + zones +
                             "irtc.geojson --zones " + zones + "patrol_sectors.geojson " +
                             "--schedule " + zones + "schedule_gulf_of_aden_2009.json";
    const std::string home = "XDG_DATA_HOME=" + q((dir / (db_ + "_xdg")).string());

    auto away = runSeawatch(args + " --station 'postgresql:///x?host=/nonexistent&port=1'", home);
    EXPECT_EQ(away.exitCode, 4) << away.err;
    EXPECT_NE(away.err.find("queued; they are kept in"), std::string::npos) << away.err;

    auto shared =
        runSeawatch(args + " --station " + q(stationUri(ship)) + " --releasable-to " + nato, home);
    ASSERT_EQ(shared.exitCode, 0) << shared.err;
    EXPECT_NE(shared.err.find("alerts shared on the station"), std::string::npos) << shared.err;
    const std::size_t events = lineCount(shared.out);
    ASSERT_GT(events, 0u);
    auto admin = seawatch::station::PgConnection::open(adminUri());
    ASSERT_TRUE(admin) << admin.error();
    auto stored = admin->exec(
        "SELECT count(*), min(raised_by), min(array_to_string(releasable_to, ','))"
        " FROM alerts");
    ASSERT_TRUE(stored) << stored.error();
    EXPECT_EQ(static_cast<std::size_t>(stored->integer(0, 0)), events);
    EXPECT_EQ(stored->text(0, 1), ship);
    EXPECT_EQ(stored->text(0, 2), nato);

    // A station given as the workspace is the same as --station (released to all by default).
    ASSERT_TRUE(admin->exec("DELETE FROM alerts"));
    auto asWorkspace = runSeawatch(args + " --workspace " + q(stationUri(ship)), home);
    ASSERT_EQ(asWorkspace.exitCode, 0) << asWorkspace.err;
    auto again = admin->exec(
        "SELECT count(*), min(raised_by), min(array_to_string(releasable_to, ',')) FROM alerts");
    ASSERT_TRUE(again) << again.error();
    EXPECT_EQ(static_cast<std::size_t>(again->integer(0, 0)), events);
    EXPECT_EQ(again->text(0, 1), ship);
    EXPECT_EQ(again->text(0, 2), "all");
    auto twice = runSeawatch(
        args + " --workspace " + q(stationUri(ship)) + " --station " + q(stationUri(ship)), home);
    EXPECT_EQ(twice.exitCode, 2) << twice.err;
    fs::remove(empty);
    fs::remove_all(dir / (db_ + "_xdg"));
}

// Alerts `analyze` queued while the station was down go with the next `log sync`, once.
TEST_F(StationCli, LogSyncSendsTheAlertsQueuedWhileTheServerWasDown) {
    ASSERT_EQ(seawatch("station init " + q(adminUri())).exitCode, 0);
    const std::string ship = stationWithPassword("ship", "");
    const fs::path dir = fs::path(queue_).parent_path();
    const fs::path empty = dir / (db_ + "_quiet.nmea");
    std::ofstream(empty).close();
    const std::string zones = std::string(SEAWATCH_SOURCE_DIR) + "/data/zones/";
    const std::string args = "analyze --ais " + q(empty.string()) + " --zones " + zones +
                             "irtc.geojson --zones " + zones + "patrol_sectors.geojson " +
                             "--schedule " + zones + "schedule_gulf_of_aden_2009.json --station " +
                             q(stationUri(ship));
    const std::string home = "XDG_DATA_HOME=" + q((dir / (db_ + "_xdg")).string());

    ASSERT_TRUE(pg_->kill());
    auto away = runSeawatch(args, home);
    EXPECT_EQ(away.exitCode, 4) << away.err;
    const std::size_t events = lineCount(away.out);
    ASSERT_GT(events, 0u);
    ASSERT_TRUE(pg_->restart());

    const std::string sync = "log sync --db " + q(stationUri(ship));
    auto sent = runSeawatch(sync, home);
    ASSERT_EQ(sent.exitCode, 0) << sent.err;
    EXPECT_NE(sent.out.find("alerts and acknowledgements: sent " + std::to_string(events)),
              std::string::npos)
        << sent.out;
    auto again = runSeawatch(sync, home);  // nothing left: nothing sent twice
    ASSERT_EQ(again.exitCode, 0) << again.err;
    EXPECT_EQ(again.out.find("alerts and acknowledgements"), std::string::npos) << again.out;
    auto admin = seawatch::station::PgConnection::open(adminUri());
    ASSERT_TRUE(admin) << admin.error();
    auto stored = admin->exec("SELECT count(*), min(raised_by) FROM alerts");
    ASSERT_TRUE(stored) << stored.error();
    EXPECT_EQ(static_cast<std::size_t>(stored->integer(0, 0)), events);
    EXPECT_EQ(stored->text(0, 1), ship);
    fs::remove(empty);
    fs::remove_all(dir / (db_ + "_xdg"));
}

}  // namespace
