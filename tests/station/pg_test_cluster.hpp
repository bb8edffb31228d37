#pragma once
// One throwaway PostgreSQL cluster per test binary, started by scripts/pg_cluster.sh (the same
// script the benchmarks use) and stopped when the binary ends. The script's watchdog stops
// it also when the binary crashes or is killed, and every start sweeps away clusters whose
// owner is gone. Each test gets a database of its own, cloned from template1, which holds
// PostGIS already (creating the extension takes about a second; cloning it is free).
//
// Tests call requirePg(): it skips, saying why, only when the server binaries are absent;
// any other failure to start is a test failure.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include "seawatch_test_paths.h"  // SEAWATCH_SOURCE_DIR

#include <array>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "seawatch/station/pg.hpp"
#include "seawatch/station/roles.hpp"
#include "seawatch/station/schema.hpp"

namespace seawatch::testing {

inline std::string shellQuote(const std::string& s) {
    std::string out = "'";
    for (const char c : s) {
        if (c == '\'') {
            out += "'\\''";
        } else {
            out += c;
        }
    }
    return out + "'";
}

// Runs a shell command, returning its exit code and what it printed on stdout.
inline int runCapture(const std::string& command, std::string& output) {
    output.clear();
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) return -1;
    std::array<char, 4096> buffer{};
    std::size_t n;
    while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) output.append(buffer.data(), n);
    const int status = pclose(pipe);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

class PgCluster {
  public:
    static std::string script() {
        return std::string(SEAWATCH_SOURCE_DIR) + "/scripts/pg_cluster.sh";
    }

    // Starts a cluster; on failure `why` says so and `binariesMissing` tells a skip from a
    // failure.
    static std::unique_ptr<PgCluster> start(std::string& why, bool& binariesMissing) {
        binariesMissing = false;
        std::string out;
        if (runCapture(shellQuote(script()) + " bindir 2>&1", out) != 0) {
            binariesMissing = true;
            why = "PostgreSQL server binaries not found (" + out.substr(0, out.find('\n')) +
                  "); scripts/test installs postgresql-15 and postgresql-15-postgis-3";
            return nullptr;
        }
        (void)runCapture(shellQuote(script()) + " sweep 2>&1", out);
        std::string pattern =
            (std::filesystem::temp_directory_path() / "seawatch_pg.XXXXXX").string();
        if (!mkdtemp(pattern.data())) {
            why = "cannot make a temporary folder for the cluster";
            return nullptr;
        }
        auto cluster = std::unique_ptr<PgCluster>(new PgCluster(pattern));
        const int rc = runCapture(shellQuote(script()) + " start " + shellQuote(pattern) +
                                      " --owner-pid " + std::to_string(getpid()) + " 2>&1",
                                  out);
        if (rc != 0) {
            why = "scripts/pg_cluster.sh start failed: " + out;
            return nullptr;
        }
        std::istringstream lines(out);
        std::string line;
        while (std::getline(lines, line)) {
            const auto eq = line.find('=');
            if (eq != std::string::npos) cluster->vars_[line.substr(0, eq)] = line.substr(eq + 1);
        }
        cluster->port_ = cluster->vars_["PGPORT"];
        if (cluster->vars_["SEAWATCH_PG_POSTGIS"] != "1") {
            why = "the test cluster has no PostGIS (install postgresql-15-postgis-3)";
            return nullptr;
        }
        // Station passwords come from a password file, as a user's would (never argv).
        cluster->passFile_ = pattern + "/pgpass";
        std::ofstream(cluster->passFile_) << "";
        std::filesystem::permissions(cluster->passFile_, std::filesystem::perms::owner_read |
                                                             std::filesystem::perms::owner_write);
        setenv("PGPASSFILE", cluster->passFile_.c_str(), 1);
        // Keep a user's environment from steering the tests' connections elsewhere.
        for (const char* name : {"PGHOST", "PGPORT", "PGUSER", "PGDATABASE", "PGSERVICE",
                                 "PGPASSWORD", "PGSSLMODE", "PGOPTIONS"}) {
            unsetenv(name);
        }
        return cluster;
    }

    ~PgCluster() {
        std::string out;
        (void)runCapture(shellQuote(script()) + " stop " + shellQuote(dir_) + " 2>&1", out);
    }
    PgCluster(const PgCluster&) = delete;
    PgCluster& operator=(const PgCluster&) = delete;

    const std::string& dir() const { return dir_; }
    const std::string& passFile() const { return passFile_; }
    const std::string& port() const { return port_; }

    // postgresql:///DB?host=DIR&port=N&user=USER (the socket, as a user's URI would be).
    std::string uri(const std::string& database, const std::string& user = "postgres") const {
        return "postgresql:///" + database + "?host=" + dir_ + "&port=" + port_ + "&user=" + user;
    }
    std::string tcpUri(const std::string& database, const std::string& user) const {
        return "postgresql://" + user + "@127.0.0.1:" + port_ + "/" + database;
    }

    // A fresh database named `name` (dropped first if a previous run left it).
    bool createDatabase(const std::string& name, std::string& why) const {
        auto admin = station::PgConnection::open(uri("postgres"));
        if (!admin) {
            why = admin.error();
            return false;
        }
        const std::string quoted = admin->quoteIdentifier(name);
        if (auto ok = admin->execScript("DROP DATABASE IF EXISTS " + quoted + " WITH (FORCE)");
            !ok) {
            why = ok.error();
            return false;
        }
        if (auto ok = admin->execScript("CREATE DATABASE " + quoted + " TEMPLATE template1"); !ok) {
            why = ok.error();
            return false;
        }
        return true;
    }

    void addPassword(const std::string& role, const std::string& password) const {
        std::ofstream(passFile_, std::ios::app) << "*:*:*:" << role << ":" << password << "\n";
    }

    // Fault injection: kill -9 the postmaster, and start it again on the same port.
    bool kill() const {
        std::string out;
        return runCapture(shellQuote(script()) + " kill " + shellQuote(dir_) + " 2>&1", out) == 0;
    }
    bool restart() const {
        std::string out;
        return runCapture(shellQuote(script()) + " restart " + shellQuote(dir_) + " 2>&1", out) ==
               0;
    }

  private:
    explicit PgCluster(std::string dir) : dir_(std::move(dir)) {}
    std::string dir_;
    std::string port_;
    std::string passFile_;
    std::map<std::string, std::string> vars_;
};

// The binary's shared cluster: started by the first test that asks, stopped at exit by the
// environment below (and by the watchdog if the binary never gets there).
class PgEnvironment : public ::testing::Environment {
  public:
    void TearDown() override { cluster().reset(); }

    static std::unique_ptr<PgCluster>& cluster() {
        static std::unique_ptr<PgCluster> instance;
        return instance;
    }
    static const PgCluster* get(std::string& why, bool& binariesMissing) {
        static bool tried = false;
        static std::string lastWhy;
        static bool missing = false;
        if (!tried) {
            tried = true;
            cluster() = PgCluster::start(lastWhy, missing);
        }
        why = lastWhy;
        binariesMissing = missing;
        return cluster().get();
    }
};

// Base fixture: the shared cluster and a fresh database per test, with the seawatch schema
// when asked. Skips (saying why) only when the server binaries are absent.
class PgTest : public ::testing::Test {
  protected:
    void SetUp() override { setUpDatabase(true); }

    void setUpDatabase(bool initSchema) {
        std::string why;
        bool missing = false;
        pg_ = PgEnvironment::get(why, missing);
        if (!pg_) {
            if (missing) GTEST_SKIP() << "PostgreSQL tests skipped: " << why;
            FAIL() << "cannot start the test PostgreSQL cluster: " << why;
        }
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        db_ = "t_";
        for (const char c : std::string(info->test_suite_name()) + "_" + info->name()) {
            db_ += std::isalnum(static_cast<unsigned char>(c))
                       ? static_cast<char>(std::tolower(static_cast<unsigned char>(c)))
                       : '_';
        }
        db_ = db_.substr(0, 60);
        ASSERT_TRUE(pg_->createDatabase(db_, why)) << why;
        if (initSchema) {
            auto admin = station::PgConnection::open(adminUri());
            ASSERT_TRUE(admin) << admin.error();
            auto report = station::initSchema(*admin);
            ASSERT_TRUE(report) << report.error();
        }
    }

    std::string adminUri() const { return pg_->uri(db_); }
    std::string stationUri(const std::string& station) const { return pg_->uri(db_, station); }

    // A role name unique to this test (roles are cluster-wide, databases are not).
    std::string role(const std::string& base) const {
        return base + "_" + std::to_string(++counter());
    }

    // makeStation: creates a station with a password in the password file; returns its name.
    std::string makeStation(const std::string& base, const std::vector<std::string>& groups) {
        const std::string name = role(base);
        auto admin = station::PgConnection::open(adminUri());
        EXPECT_TRUE(admin) << admin.error();
        if (!admin) return name;
        station::StationRequest request{name, groups, "pw-" + name};
        auto report = station::addStation(*admin, request);
        EXPECT_TRUE(report) << report.error();
        pg_->addPassword(name, "pw-" + name);
        return name;
    }

    static int& counter() {
        static int n = 0;
        return n;
    }

    const PgCluster* pg_ = nullptr;
    std::string db_;
};

}  // namespace seawatch::testing
