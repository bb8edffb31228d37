// Past one server: TLS with certificate checking, and two regional hubs exchanging releasable
// rows by logical replication.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "pg_test_cluster.hpp"
#include "seawatch/station/coordination_log.hpp"
#include "seawatch/station/pg_incidents.hpp"
#include "seawatch/station/schema.hpp"

namespace {

namespace fs = std::filesystem;
using namespace seawatch::station;
using seawatch::testing::PgCluster;
using seawatch::testing::PgTest;
using seawatch::testing::runCapture;
using seawatch::testing::shellQuote;

using StationTls = PgTest;

// A CA made here, a server certificate for 127.0.0.1 signed by it, and an unrelated CA.
bool makeCertificates(const fs::path& dir, std::string& out) {
    const std::string d = shellQuote(dir.string());
    const std::string script =
        "(cd " + d +
        " && openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 2 "
        "-subj /CN=seawatch-test-ca"
        " && openssl req -x509 -newkey rsa:2048 -nodes -keyout other.key -out other.crt -days 2 "
        "-subj /CN=someone-else"
        " && openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr "
        "-subj /CN=127.0.0.1"
        " && printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\\n' > san.ext"
        " && openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial "
        "-out server.crt -days 2 -extfile san.ext"
        " && chmod 600 server.key" +
        (getuid() == 0 ? " && chown postgres server.key server.crt" : "") + ") 2>&1";
    return runCapture(script, out) == 0;
}

TEST_F(StationTls, VerifyFullAcceptsTheRightCaAndRefusesAnother) {
    const fs::path tls = fs::path(pg_->dir()) / ("tls_" + db_);
    fs::create_directories(tls);
    std::string out;
    if (runCapture("command -v openssl", out) != 0) GTEST_SKIP() << "no openssl CLI";
    ASSERT_TRUE(makeCertificates(tls, out)) << out;

    auto admin = PgConnection::open(adminUri());
    ASSERT_TRUE(admin) << admin.error();
    ASSERT_TRUE(admin->execScript("ALTER SYSTEM SET ssl_cert_file = " +
                                  admin->quoteLiteral((tls / "server.crt").string())));
    ASSERT_TRUE(admin->execScript("ALTER SYSTEM SET ssl_key_file = " +
                                  admin->quoteLiteral((tls / "server.key").string())));
    ASSERT_TRUE(admin->execScript("ALTER SYSTEM SET ssl = on"));
    ASSERT_TRUE(admin->execScript("SELECT pg_reload_conf()"));

    const std::string ship = makeStation("ship", {});
    const std::string base = "postgresql://" + ship + "@127.0.0.1:" + pg_->port() + "/" + db_ +
                             "?sslmode=verify-full&sslrootcert=";
    // The reload is asynchronous: give the postmaster a moment to load the certificate.
    seawatch::Result<PgConnection> secure = seawatch::makeError("not tried");
    for (int attempt = 0; attempt < 50 && !secure; ++attempt) {
        secure = openStation(base + (tls / "ca.crt").string());
        if (!secure) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ASSERT_TRUE(secure) << secure.error();
    auto inUse = secure->exec("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()");
    ASSERT_TRUE(inUse);
    EXPECT_EQ(inUse->text(0, 0), "t");
    EXPECT_TRUE(postEntry(*secure, [] {
        LogEntry e;
        e.id = makeUuid();
        e.text = "over TLS";
        return e;
    }()));

    PgFailure failure;
    auto impostor = openStation(base + (tls / "other.crt").string(), &failure);
    ASSERT_FALSE(impostor);
    EXPECT_EQ(failure.kind, FailureKind::Refused) << impostor.error();
    EXPECT_NE(impostor.error().find("TLS"), std::string::npos) << impostor.error();

    ASSERT_TRUE(admin->execScript("ALTER SYSTEM RESET ssl"));
    ASSERT_TRUE(admin->execScript("ALTER SYSTEM RESET ssl_cert_file"));
    ASSERT_TRUE(admin->execScript("ALTER SYSTEM RESET ssl_key_file"));
    ASSERT_TRUE(admin->execScript("SELECT pg_reload_conf()"));
}

using StationHubs = PgTest;

// Waits until `sql` (one integer) returns `expected` on `conn`.
bool waitForCount(PgConnection& conn, const std::string& sql, long long expected) {
    for (int attempt = 0; attempt < 300; ++attempt) {
        auto r = conn.exec(sql);
        if (r && r->integer(0, 0) == expected) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
}

TEST_F(StationHubs, ReleasableRowsWrittenInBahrainAppearInDjibouti) {
    // Djibouti: a second cluster, with the same schema (station init).
    std::string why;
    bool missing = false;
    const std::string passFile = pg_->passFile();
    auto djibouti = PgCluster::start(why, missing);
    setenv("PGPASSFILE", passFile.c_str(), 1);  // start() pointed it at the new cluster
    ASSERT_TRUE(djibouti) << why;
    ASSERT_TRUE(djibouti->createDatabase(db_, why)) << why;
    auto hubB = PgConnection::open(djibouti->uri(db_));
    ASSERT_TRUE(hubB) << hubB.error();
    ASSERT_TRUE(initSchema(*hubB));

    // Bahrain publishes what is released to all, and incidents; ids and arrival order are
    // left to the receiving hub (column lists), so nothing collides there.
    auto hubA = PgConnection::open(adminUri());
    ASSERT_TRUE(hubA) << hubA.error();
    const std::string publication = "releasable_" + db_.substr(db_.size() - 8);
    ASSERT_TRUE(hubA->execScript(
        "CREATE PUBLICATION " + publication +
        " FOR TABLE coordination_log (id, station, time, received_at, text, geom, "
        "releasable_to, ref) WHERE ('all' = ANY (releasable_to)), "
        "incidents (geom, source, source_ref, occurred_at, date_only, lat, lon, "
        "position_precision, category, category_code, vessel_name, vessel_type, flag, "
        "vessel_status, aggressor, narrative, navarea, subregion, source_note, imported_at, "
        "station) WITH (publish = 'insert')"));
    const std::string connection =
        "host=" + pg_->dir() + " port=" + pg_->port() + " dbname=" + db_ + " user=postgres";
    ASSERT_TRUE(hubB->execScript("CREATE SUBSCRIPTION from_bahrain CONNECTION " +
                                 hubB->quoteLiteral(connection) + " PUBLICATION " + publication));

    const std::string nato = role("nato");
    const std::string ops = makeStation("bahrain_ops", {nato});
    auto asOps = openStation(stationUri(ops));
    ASSERT_TRUE(asOps) << asOps.error();
    LogEntry shared;
    shared.id = makeUuid();
    shared.text = "Mothership sighted, 3 skiffs in tow";
    shared.lat = 12.9;
    shared.lon = 48.6;
    ASSERT_TRUE(postEntry(*asOps, shared));
    LogEntry natoOnly;
    natoOnly.id = makeUuid();
    natoOnly.text = "NATO eyes only";
    natoOnly.releasableTo = {nato};
    ASSERT_TRUE(postEntry(*asOps, natoOnly));

    seawatch::incidents::Incident incident;
    incident.source = seawatch::incidents::Source::Manual;
    incident.sourceRef = "BAH-2009-0001";
    incident.occurredAt = seawatch::time::parseIso8601("2009-11-15T12:50:00Z").value();
    incident.lat = 12.9;
    incident.lon = 48.6;
    incident.category = seawatch::incidents::Category::SuspiciousApproach;
    incident.narrative = "Two skiffs approached MV Straggler";
    seawatch::incidents::ImportSummary summary;
    ASSERT_TRUE(mergeIncidents(*asOps, {incident}, summary));
    EXPECT_EQ(summary.inserted, 1);

    const bool arrived =
        waitForCount(*hubB, "SELECT count(*) FROM coordination_log", 1) &&
        waitForCount(*hubB, "SELECT count(*) FROM incidents WHERE source_ref = 'BAH-2009-0001'", 1);
    ASSERT_TRUE(arrived);
    // The incident was committed after the group-only entry, and replication keeps commit
    // order: had that entry been published, it would be here by now.
    auto count = hubB->exec("SELECT count(*) FROM coordination_log");
    ASSERT_TRUE(count);
    EXPECT_EQ(count->integer(0, 0), 1);
    auto row = hubB->exec("SELECT id::text, station, text, seq FROM coordination_log");
    ASSERT_TRUE(row);
    EXPECT_EQ(row->text(0, 0), shared.id);
    EXPECT_EQ(row->text(0, 1), ops) << "the author travels with the row";
    EXPECT_EQ(row->text(0, 2), shared.text);
    EXPECT_EQ(row->integer(0, 3), 1) << "arrival order is the receiving hub's own";
    auto narrative = hubB->exec("SELECT narrative, fid FROM incidents");
    ASSERT_TRUE(narrative);
    EXPECT_EQ(narrative->text(0, 0), incident.narrative);

    // Dropping the subscription also drops its replication slot on Bahrain.
    ASSERT_TRUE(hubB->execScript("DROP SUBSCRIPTION from_bahrain"));
}

}  // namespace
