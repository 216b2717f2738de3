// The dashboard's sign-in state in the store (issue 22, part 3), on both
// backends: a session started through one store object is live, with its
// CSRF token and page notice, through another (a second hub process); it
// expires on both, and expired rows are deleted; the store holds only the
// session id's BLAKE2b hash, so what a database reader sees does not sign
// in; the sign-in limit counts failures made through two store objects,
// also when they arrive at the same moment; and broken input (a newer
// schema, a hub.db that is not a database, absurd cookie values) is refused
// clearly.
#include "hub_test_support.h"
#include "web_session_test_support.h"

#include "hub/web_sessions.h"

#include <latch>
#include <thread>

namespace kiosk::test {
namespace {

constexpr hub::SessionLimits kSessionLimits{30 * 60'000, 8 * 3'600'000};
constexpr hub::LoginLimits kLoginLimits{5, 8, 15 * 60'000};

} // namespace

TEST_CASE("a web session started on one hub process is live on another", "[hub][dashboard]") {
    TempFolder folder;
    const std::string data = folder.file("hub");
    int64_t now = 1'000'000;
    const auto store_a = open_test_web_sessions(data);
    const auto store_b = open_test_web_sessions(data);
    hub::WebSessions on_a(*store_a, kSessionLimits, [&] { return now; });
    hub::WebSessions on_b(*store_b, kSessionLimits, [&] { return now; });

    const hub::WebSession started = *on_a.start("manager");
    now += 60'000;
    const std::optional<hub::WebSession> found = on_b.use(started.token);
    REQUIRE(found);
    CHECK(found->user == "manager");
    CHECK(found->csrf == started.csrf);
    CHECK(found->created_utc_ms == 1'000'000);
    CHECK(found->last_used_utc_ms == now);

    // A notice set after a form on A is shown (once) by the page B serves.
    on_a.set_notice(started.token, "imported", true);
    CHECK(on_b.take_notice(started.token) == std::pair<std::string, bool>{"imported", true});
    CHECK(on_a.take_notice(started.token) == std::pair<std::string, bool>{"", false});

    // Signing out on B signs out on A.
    on_b.end(started.token);
    CHECK_FALSE(on_a.use(started.token));
}

TEST_CASE("web sessions expire on every hub process and expired rows are deleted",
          "[hub][dashboard]") {
    TempFolder folder;
    const std::string data = folder.file("hub");
    int64_t now = 1'000'000;
    const auto store_a = open_test_web_sessions(data);
    const auto store_b = open_test_web_sessions(data);
    hub::WebSessions on_a(*store_a, kSessionLimits, [&] { return now; });
    hub::WebSessions on_b(*store_b, kSessionLimits, [&] { return now; });

    // Used through B every 29 minutes, the session started on A stays live on
    // both ... until 8 hours after signing in.
    const hub::WebSession long_one = *on_a.start("manager");
    for (int i = 0; i < 16; ++i) {
        now += 29 * 60'000;
        REQUIRE(on_b.use(long_one.token));
    }
    now = 1'000'000 + 8 * 3'600'000;
    CHECK_FALSE(on_a.use(long_one.token));
    CHECK_FALSE(on_b.use(long_one.token));

    // Idle: last used through A, expired through B 30 minutes later.
    const hub::WebSession idle = *on_a.start("manager");
    now += 30 * 60'000 - 1;
    REQUIRE(on_a.use(idle.token));
    now += 30 * 60'000;
    CHECK_FALSE(on_b.use(idle.token));

    // A session expired without anyone coming back is deleted by the next sign-in.
    const hub::WebSession abandoned = *on_a.start("manager");
    CHECK(on_b.size() == 1);
    now += 31 * 60'000;
    const hub::WebSession next = *on_b.start("admin");
    CHECK(store_sql_rows(data, "SELECT user_name FROM web_sessions") ==
          std::vector<std::string>{"admin"});
    CHECK_FALSE(on_a.use(abandoned.token));
    CHECK(on_a.use(next.token));
}

TEST_CASE("the store keeps only a hash of each session id", "[hub][dashboard][attack]") {
    TempFolder folder;
    const std::string data = folder.file("hub");
    int64_t now = 1'000'000;
    const auto store = open_test_web_sessions(data);
    hub::WebSessions sessions(*store, kSessionLimits, [&] { return now; });
    const hub::WebSession session = *sessions.start("manager");

    const std::vector<std::string> rows = store_sql_rows(
        data, "SELECT id_hash || '|' || user_name || '|' || csrf || '|' || notice FROM "
              "web_sessions");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].find(session.token) == std::string::npos); // never in clear
    const std::string stored_hash = rows[0].substr(0, rows[0].find('|'));
    CHECK(stored_hash == hub::session_id_hash(session.token));
    CHECK(stored_hash.size() == 64);
    CHECK(stored_hash.find_first_not_of("0123456789abcdef") == std::string::npos);

    // A database reader with the hash cannot use it as a cookie.
    CHECK_FALSE(sessions.use(stored_hash));
    CHECK(sessions.use(session.token));
}

TEST_CASE("the sign-in limit counts failures made to two hub processes", "[hub][dashboard]") {
    TempFolder folder;
    const std::string data = folder.file("hub");
    int64_t now = 0;
    const auto store_a = open_test_web_sessions(data);
    const auto store_b = open_test_web_sessions(data);
    hub::LoginLimiter on_a(*store_a, kLoginLimits, [&] { return now; });
    hub::LoginLimiter on_b(*store_b, kLoginLimits, [&] { return now; });

    // Three failures on A and two on B use up the user's five.
    for (int i = 0; i < 5; ++i, now += 1000)
        REQUIRE((i % 2 ? on_b : on_a).begin_attempt("manager", "10.0.0.1"));
    CHECK_FALSE(on_a.begin_attempt("manager", "10.0.0.2"));
    CHECK_FALSE(on_b.begin_attempt("manager", "10.0.0.2"));
    // Per address: 5 + 3 = 8 on 10.0.0.1, whichever process counted them.
    for (int i = 0; i < 3; ++i)
        REQUIRE(on_b.begin_attempt("other" + std::to_string(i), "10.0.0.1"));
    CHECK_FALSE(on_a.begin_attempt("fresh", "10.0.0.1"));
    CHECK(on_a.tracked_entries() == 5); // manager, other0..2, 10.0.0.1

    // The window slides for both: the first failure leaves it, and a success
    // on B forgets the user's failures counted on A.
    now = 15 * 60'000;
    const std::optional<hub::LoginAttempt> attempt = on_b.begin_attempt("manager", "10.0.0.2");
    REQUIRE(attempt);
    on_b.succeeded(*attempt);
    for (int i = 0; i < 4; ++i)
        CHECK(on_a.begin_attempt("manager", "10.0.0.3"));
}

TEST_CASE("parallel sign-in guesses to two hub processes are counted once each",
          "[hub][dashboard][attack]") {
    TempFolder folder;
    const std::string data = folder.file("hub");
    const auto store_a = open_test_web_sessions(data);
    const auto store_b = open_test_web_sessions(data);
    hub::LoginLimiter on_a(*store_a, {5, 100, 15 * 60'000}, [] { return int64_t(1'000); });
    hub::LoginLimiter on_b(*store_b, {5, 100, 15 * 60'000}, [] { return int64_t(1'000); });

    constexpr int kGuessers = 8, kGuessesEach = 5;
    std::latch ready(kGuessers);
    std::atomic<int> allowed = 0;
    std::vector<std::thread> guessers;
    for (int guesser = 0; guesser < kGuessers; ++guesser)
        guessers.emplace_back([&, guesser] {
            hub::LoginLimiter& limiter = guesser % 2 ? on_b : on_a;
            ready.arrive_and_wait();
            for (int guess = 0; guess < kGuessesEach; ++guess)
                if (limiter.begin_attempt("manager", "10.0.0." + std::to_string(guesser)))
                    ++allowed;
        });
    for (std::thread& guesser : guessers)
        guesser.join();
    CHECK(allowed == 5);
}

TEST_CASE("absurd session cookies sign nobody in", "[hub][dashboard][attack]") {
    TempFolder folder;
    int64_t now = 1'000'000;
    const auto store = open_test_web_sessions(folder.file("hub"));
    hub::WebSessions sessions(*store, kSessionLimits, [&] { return now; });
    const hub::WebSession session = *sessions.start("manager");
    for (const std::string& cookie :
         {std::string(), std::string(100'000, 'A'), std::string("' OR 1=1 --"),
          std::string("%00") + session.token, session.token.substr(0, 42), session.csrf,
          std::string(1, '\0')})
        CHECK_FALSE(sessions.use(cookie));
    CHECK(sessions.use(session.token));
}

TEST_CASE("a web session store newer than this kiosk-hub is refused, naming it",
          "[hub][dashboard]") {
    TempFolder folder;
    const std::string data = folder.file("hub");
    open_test_web_sessions(data);
    const bool postgresql = test_store(data).is_postgresql();
    store_sql_rows(data, postgresql ? "UPDATE store_schema SET version = 99 WHERE part = 'web'"
                                    : "UPDATE web_schema SET version = 99");
    std::string error;
    CHECK_FALSE(hub::open_web_session_store(test_store(data), error));
    CHECK(error.find("the web sessions in") != std::string::npos);
    CHECK(error.find("schema version 99, newer than this kiosk-hub") != std::string::npos);
    if (!postgresql) CHECK(error.find(data + "/hub.db") != std::string::npos);
}

TEST_CASE("a hub.db that is not a database is refused by the web session store, naming it",
          "[hub][dashboard][sqlite]") {
    TempFolder folder;
    const std::string data = folder.file("hub");
    folder.write("hub/hub.db", std::string(4096, 'x'));
    std::string error;
    CHECK_FALSE(hub::open_web_session_store(hub::StoreLocation(data), error));
    CHECK(error.find(data + "/hub.db") != std::string::npos);
    CHECK(read_text_file(data + "/hub.db") == std::string(4096, 'x')); // left as it was
}

} // namespace kiosk::test
