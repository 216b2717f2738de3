// kioskctl stats export --format xapi (issue 22, part 5): the statements'
// xAPI 1.0.3 fields, ids that are version 5 UUIDs and stay the same across
// exports, and --post against the LRS stand-in (tests/stats/lrs_standin.py):
// headers, Basic auth, batches, resuming at the cursor without duplicates,
// the idempotency rule, and every refusal (bad URL, unreachable LRS, 401,
// a broken, foreign or symlinked cursor file, plain http, no password).
#include "lrs_standin_support.h"
#include "stats_fixture.h"
#include "stats_test_support.h"

#include "stats/xapi_statements.h"

#include <nlohmann/json.hpp>
#include <sqlite3.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <regex>
#include <set>

using kiosk::test::CommandRun;
using kiosk::test::LrsStandIn;
using kiosk::test::run_kioskctl;
using kiosk::test::TempFolder;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const std::regex kUuidV5("^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
const std::string kSource = " --venue-id county-museum --kiosk-id entrance-1";

// The stats fixture (2 statement-making events: an exhibit visit at seq 3 and
// a quiz answer at seq 6) plus `visits` more exhibit visits of session s-dddd.
std::string make_xapi_fixture(const TempFolder& folder, int visits = 0) {
    const std::string path = folder.file("kiosk.db");
    const std::string error = kiosk::test::make_stats_fixture(path);
    INFO(error);
    REQUIRE(error.empty());
    if (visits == 0) return path;
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    for (int i = 0; i < visits; ++i) {
        const std::string sql =
            "INSERT INTO events(seq, utc_ms, utc_offset_min, day, boot, mono_ms, session, kind,"
            " subject, content_version) VALUES (" +
            std::to_string(100 + i) + ", " + std::to_string(1748916000000 + i * 1000) +
            ", 480, '2025-06-03', 1, 0, 's-dddd', 'exhibit_enter', 'light-maze', '1.0.0')";
        REQUIRE(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    }
    sqlite3_close(db);
    return path;
}

json export_statements(const TempFolder& folder, const std::string& options = kSource) {
    const CommandRun run = run_kioskctl(
        folder, "stats export --db kiosk.db --format xapi -o statements.json" + options);
    INFO(run.out << run.err);
    REQUIRE(run.code == 0);
    return json::parse(kiosk::test::read_file(folder.file("statements.json")));
}

CommandRun post(const TempFolder& folder, const std::string& url, const std::string& extra = "") {
    return run_kioskctl(folder, "stats export --db kiosk.db --format xapi --post " + url +
                                    " --user museum --state cursor.json --lang en" + kSource +
                                    extra);
}

struct PasswordInEnvironment {
    PasswordInEnvironment(const char* password = "s3cret") {
        setenv("KIOSK_LRS_PASSWORD", password, 1);
    }
    ~PasswordInEnvironment() { unsetenv("KIOSK_LRS_PASSWORD"); }
};

} // namespace

TEST_CASE("uuid_v5 is RFC 4122's name-based SHA-1 UUID", "[stats][xapi]") {
    // Python's uuid.uuid5(uuid.NAMESPACE_DNS, "python.org").
    const std::array<uint8_t, 16> dns = {0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1,
                                         0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};
    CHECK(kiosk::stats::uuid_v5(dns, "python.org") == "886313e1-3b8a-5372-9b90-0c9aee199e5d");
}

TEST_CASE("xapi export: each statement has xAPI 1.0.3's required fields", "[stats][xapi]") {
    TempFolder folder;
    make_xapi_fixture(folder);
    const json statements = export_statements(folder);
    REQUIRE(statements.is_array());
    REQUIRE(statements.size() == 2); // the visit and the answer; system events make none

    const json& visit = statements[0];
    CHECK(std::regex_match(visit["id"].get<std::string>(), kUuidV5));
    // uuid.uuid5(kXapiNamespace, "entrance-1\nfixture-epoch-0001\n3") in Python.
    CHECK(visit["id"] == "e161188e-21d5-5e45-84e3-5c87e235268a");
    CHECK(visit["actor"] ==
          json{{"objectType", "Agent"},
               {"account",
                {{"homePage", "https://kiosk.invalid/venues/county-museum"}, {"name", "s-aaaa"}}}});
    CHECK(visit["verb"]["id"] == "http://adlnet.gov/expapi/verbs/experienced");
    CHECK(visit["verb"]["display"]["en-US"] == "experienced");
    CHECK(visit["verb"]["display"]["zh-CN"] == "体验了");
    CHECK(visit["object"]["objectType"] == "Activity");
    CHECK(visit["object"]["id"] == "https://kiosk.invalid/xapi/exhibits/pendulum-lab");
    CHECK(visit["object"]["definition"]["name"] ==
          json{{"zh-CN", "单摆实验室"}, {"en-US", "Pendulum lab"}});
    CHECK(visit["timestamp"] == "2025-06-01T09:01:01.000+08:00");
    CHECK(visit["context"]["extensions"] ==
          json{{"https://kiosk.invalid/xapi/extensions/kiosk", "entrance-1"},
               {"https://kiosk.invalid/xapi/extensions/venue", "county-museum"},
               {"https://kiosk.invalid/xapi/extensions/content-version", "1.2.0"}});
    CHECK_FALSE(visit.contains("result"));
    CHECK_FALSE(visit.contains("version")); // the header says it

    const json& answer = statements[1];
    CHECK(std::regex_match(answer["id"].get<std::string>(), kUuidV5));
    CHECK(answer["verb"]["id"] == "http://adlnet.gov/expapi/verbs/answered");
    CHECK(answer["verb"]["display"]["zh-CN"] == "作答了");
    CHECK(answer["object"]["id"] == "https://kiosk.invalid/xapi/questions/physics-basics/q1");
    CHECK(answer["object"]["definition"]["name"]["en-US"] == "What sets the period of a pendulum?");
    CHECK(answer["result"] == json{{"success", true}, {"response", "a"}, {"duration", "PT4.20S"}});
    CHECK(answer["context"]["contextActivities"]["parent"][0]["id"] ==
          "https://kiosk.invalid/xapi/quizzes/physics-basics");
    CHECK(answer["timestamp"] == "2025-06-01T09:03:10.000+08:00");
}

TEST_CASE("xapi export: the same events give the same ids; another kiosk other ids",
          "[stats][xapi]") {
    TempFolder folder;
    make_xapi_fixture(folder);
    const std::string first =
        (export_statements(folder), kiosk::test::read_file(folder.file("statements.json")));
    const std::string second =
        (export_statements(folder), kiosk::test::read_file(folder.file("statements.json")));
    CHECK(first == second);
    const json other = export_statements(folder, " --venue-id county-museum --kiosk-id entrance-2");
    CHECK(other[0]["id"] != json::parse(first)[0]["id"]);
    // A range keeps the ids: they come from the event, not from its place in the export.
    const json ranged = export_statements(folder, kSource + " --from 2025-06-01 --to 2025-06-01");
    REQUIRE(ranged.size() == 2);
    CHECK(ranged[1]["id"] == json::parse(first)[1]["id"]);
}

TEST_CASE("xapi export: the kiosk and venue come from the config or the options", "[stats][xapi]") {
    TempFolder folder;
    make_xapi_fixture(folder);
    CommandRun run = run_kioskctl(folder, "stats export --db kiosk.db --format xapi -o s.json "
                                          "--kiosk-id entrance-1 --lang en");
    CHECK(run.code == 2);
    CHECK(run.err.find("Which venue?") != std::string::npos);
    run = run_kioskctl(folder, "stats export --db kiosk.db --format xapi -o s.json --lang en "
                               "--venue-id 'bad id' --kiosk-id k");
    CHECK(run.code == 2);
    CHECK(run.err.find("\"bad id\" cannot be a venue or kiosk id") != std::string::npos);
    run = run_kioskctl(folder, "stats export --db kiosk.db --format xapi --lang en" + kSource);
    CHECK(run.code == 2);
    CHECK(run.err.find("-o FILE, or send them") != std::string::npos);
    run = run_kioskctl(folder, "stats export --db kiosk.db --format csv -o a.csv --post "
                               "http://127.0.0.1:1/xapi --lang en");
    CHECK(run.code == 2);
    CHECK(run.err.find("for --format xapi only") != std::string::npos);
    run = run_kioskctl(folder, "stats export --db kiosk.db --format xapi -o s.json --lang en "
                               "--venue-id county-museum");
    CHECK(run.code == 2);
    CHECK(run.err.find("Which kiosk?") != std::string::npos);
    // The sample config: venue.id county-museum, kiosk_name entrance-1, no sync section.
    const json from_config = export_statements(folder, " --config '" + kiosk::test::source_dir() +
                                                           "/kiosk-config/county-museum.lua'");
    CHECK(from_config[0]["context"]["extensions"]["https://kiosk.invalid/xapi/extensions/kiosk"] ==
          "entrance-1");
    CHECK(from_config[0]["actor"]["account"]["homePage"] ==
          "https://kiosk.invalid/venues/county-museum");
    const json statements =
        export_statements(folder, kSource + " --home-page https://museum.example.cn/");
    CHECK(statements[0]["actor"]["account"]["homePage"] == "https://museum.example.cn/");
}

TEST_CASE("xapi --post: batches reach the LRS with the xAPI headers and Basic auth",
          "[stats][xapi][lrs]") {
    TempFolder folder;
    make_xapi_fixture(folder, 11);
    LrsStandIn lrs(folder.file("lrs"));
    PasswordInEnvironment password;
    const CommandRun run = post(folder, lrs.url(), " --batch-size 5");
    INFO(run.out << run.err);
    REQUIRE(run.code == 0);
    CHECK(run.out.find("Sent 13 learning records in 3 batches") != std::string::npos);
    CHECK(lrs.stored().size() == 13);
    CHECK(lrs.accepted().size() == 13);
    // The cursor: owner-only, at the last event sent.
    struct stat info {};
    REQUIRE(::stat(folder.file("cursor.json").c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    const json cursor = json::parse(kiosk::test::read_file(folder.file("cursor.json")));
    CHECK(cursor["acknowledged_seq"] == 110);
    CHECK(cursor["lrs"] == lrs.url());
    CHECK(cursor["epoch"] == "fixture-epoch-0001");

    // Nothing new: nothing sent.
    const CommandRun again = post(folder, lrs.url());
    CHECK(again.code == 0);
    CHECK(again.out.find("Sent 0 learning records") != std::string::npos);
    CHECK(lrs.accepted().size() == 13);
}

TEST_CASE("xapi --post resumes at the cursor after the LRS failed, with no duplicates",
          "[stats][xapi][lrs]") {
    TempFolder folder;
    make_xapi_fixture(folder, 25);
    PasswordInEnvironment password;
    LrsStandIn lrs(folder.file("lrs"));
    lrs.fail_after(10);
    CommandRun run = post(folder, lrs.url(), " --batch-size 5");
    INFO(run.out << run.err);
    CHECK(run.code == 2);
    CHECK(run.err.find("answered HTTP 503: the stand-in was told to fail after 10") !=
          std::string::npos);
    CHECK(run.err.find("Acknowledged through event 107") != std::string::npos);
    CHECK(lrs.accepted().size() == 10);
    const json cursor = json::parse(kiosk::test::read_file(folder.file("cursor.json")));
    CHECK(cursor["acknowledged_seq"] == 107); // seq 3, 6, 100..102, then 103..107

    lrs.fail_after(-1);
    run = post(folder, lrs.url(), " --batch-size 5");
    INFO(run.out << run.err);
    REQUIRE(run.code == 0);
    CHECK(run.out.find("Sent 17 learning records") != std::string::npos);
    const std::vector<std::string> accepted = lrs.accepted();
    CHECK(accepted.size() == 27);
    CHECK(std::set<std::string>(accepted.begin(), accepted.end()).size() == 27);
    CHECK(lrs.stored().size() == 27);
}

TEST_CASE("xapi --post: a resend is accepted; changed content is left as the LRS stored it",
          "[stats][xapi][lrs]") {
    TempFolder folder;
    const std::string db = make_xapi_fixture(folder, 3);
    LrsStandIn lrs(folder.file("lrs"));
    PasswordInEnvironment password;
    REQUIRE(post(folder, lrs.url()).code == 0);
    const json stored = lrs.stored();
    REQUIRE(stored.size() == 5);

    // The same statements again (a lost cursor): the same ids, the same content.
    fs::remove(folder.file("cursor.json"));
    CommandRun run = post(folder, lrs.url());
    INFO(run.out << run.err);
    CHECK(run.code == 0);
    CHECK(run.err.empty());
    CHECK(lrs.stored() == stored);
    CHECK(lrs.accepted().size() == 5);

    // A title changed since: the LRS answers 409 for that id; the rest is sent one by one.
    sqlite3* handle = nullptr;
    REQUIRE(sqlite3_open(db.c_str(), &handle) == SQLITE_OK);
    REQUIRE(sqlite3_exec(handle,
                         "UPDATE subjects SET title_en = 'Pendulum room' WHERE subject = "
                         "'pendulum-lab'",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(handle);
    fs::remove(folder.file("cursor.json"));
    run = post(folder, lrs.url());
    CHECK(run.code == 0);
    CHECK(run.err.find("1 learning records' ids were already stored") != std::string::npos);
    CHECK(lrs.stored() == stored);
}

TEST_CASE("xapi --post refuses broken input with clear errors", "[stats][xapi][lrs]") {
    TempFolder folder;
    make_xapi_fixture(folder);
    PasswordInEnvironment password;

    SECTION("a URL that is not http(s)") {
        const CommandRun run = post(folder, "ftp://127.0.0.1/xapi");
        CHECK(run.code == 2);
        CHECK(run.err.find("The Learning Record Store address cannot be used: \"ftp://") !=
              std::string::npos);
    }
    SECTION("plain http to another machine") {
        const CommandRun run = post(folder, "http://lrs.example.invalid/xapi");
        CHECK(run.code == 2);
        CHECK(run.err.find("is not encrypted") != std::string::npos);
    }
    SECTION("an LRS that is not there") {
        int port = 0;
        {
            LrsStandIn gone(folder.file("gone"));
            port = std::stoi(gone.url().substr(17));
        }
        const CommandRun run = post(folder, "http://127.0.0.1:" + std::to_string(port) + "/xapi");
        CHECK(run.code == 2);
        CHECK(run.err.find("Cannot reach the Learning Record Store http://127.0.0.1:") !=
              std::string::npos);
        CHECK_FALSE(fs::exists(folder.file("cursor.json")));
    }
    SECTION("a wrong password: 401 with the LRS's message") {
        LrsStandIn lrs(folder.file("lrs"));
        PasswordInEnvironment wrong("guess");
        const CommandRun run = post(folder, lrs.url());
        CHECK(run.code == 2);
        CHECK(run.err.find("answered HTTP 401: bad credentials") != std::string::npos);
        CHECK(lrs.stored().empty());
    }
    SECTION("no password") {
        unsetenv("KIOSK_LRS_PASSWORD");
        const CommandRun run = post(folder, "http://127.0.0.1:1/xapi");
        CHECK(run.code == 2);
        CHECK(run.err.find("--user needs a password") != std::string::npos);
    }
    SECTION("the password from a file") {
        unsetenv("KIOSK_LRS_PASSWORD");
        LrsStandIn lrs(folder.file("lrs"));
        std::ofstream(folder.file("password")) << "s3cret\n";
        const CommandRun run = post(folder, lrs.url(), " --password-file password");
        INFO(run.err);
        CHECK(run.code == 0);
        CHECK(lrs.stored().size() == 2);
    }
    SECTION("a cursor file that is not one") {
        std::ofstream(folder.file("cursor.json")) << "seq=12\n";
        const CommandRun run = post(folder, "http://127.0.0.1:1/xapi");
        CHECK(run.code == 2);
        CHECK(run.err.find("not a learning-record cursor file") != std::string::npos);
        CHECK(kiosk::test::read_file(folder.file("cursor.json")) == "seq=12\n");
    }
    SECTION("a cursor file of another LRS") {
        std::ofstream(folder.file("cursor.json"))
            << R"({"lrs":"https://other.example/xapi","kiosk":"entrance-1",)"
            << R"("epoch":"fixture-epoch-0001","acknowledged_seq":3})";
        const CommandRun run = post(folder, "http://127.0.0.1:1/xapi");
        CHECK(run.code == 2);
        CHECK(run.err.find("belongs to another Learning Record Store") != std::string::npos);
    }
    SECTION("a symbolic link in the cursor file's place") {
        std::ofstream(folder.file("target")) << "";
        fs::create_symlink(folder.file("target"), folder.file("cursor.json"));
        LrsStandIn lrs(folder.file("lrs"));
        const CommandRun run = post(folder, lrs.url());
        CHECK(run.code == 2);
        CHECK(run.err.find("symbolic link") != std::string::npos);
        CHECK(lrs.stored().empty());
        CHECK(kiosk::test::read_file(folder.file("target")).empty());
    }
    SECTION("no cursor file named") {
        const CommandRun run =
            run_kioskctl(folder, "stats export --db kiosk.db --format xapi --lang en --post "
                                 "http://127.0.0.1:1/xapi" +
                                     kSource);
        CHECK(run.code == 2);
        CHECK(run.err.find("--post needs a --state FILE") != std::string::npos);
    }
}
