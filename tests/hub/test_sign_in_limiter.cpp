// The sign-in limiter under attack: 60 wrong passwords for one user sent in
// parallel to a real kiosk-hub process get at most the limit's 5 password
// checks (answered 401; the rest 429 or refused at the hub's per-address
// connection cap), because the limiter checks and records
// an attempt in one step before the slow password check. Also, directly with
// a test clock: a successful sign-in does not count against its address, and
// the limiter forgets expired entries, so endless new user names and
// addresses cannot grow its memory without bound.
#include "browser_test_support.h"
#include "hub_test_support.h"

#include "hub/web_sessions.h"
#include "web_session_test_support.h"

#include <latch>
#include <thread>

namespace kiosk::test {
namespace {

constexpr const char* kPassword = "correct horse battery";

} // namespace

TEST_CASE("60 parallel wrong passwords for one user get at most 5 password checks",
          "[hub][dashboard][attack]") {
    TempFolder folder;
    const std::string data = folder.file("hub");
    add_kiosk(folder, data, "v1", "k1");
    REQUIRE(run_hub_command(folder,
                            "admin add-user --data " + data +
                                " --name manager --role venue_manager --venue v1",
                            kPassword)
                .code == 0);
    HubProcess hub(data);

    // One sign-in form (its CSRF cookie and field) shared by every guess.
    Browser browser(hub.port());
    auto form = browser.get("/login");
    REQUIRE(form);
    const std::string csrf = csrf_of(form->body);
    REQUIRE(!csrf.empty());
    REQUIRE(browser.cookie("kiosk_login_csrf") == csrf);

    // Guesses over the per-address connection cap are reset by the hub; the
    // client's write to such a connection must not end this test process.
    signal(SIGPIPE, SIG_IGN);
    constexpr int kGuesses = 60;
    std::vector<int> statuses(kGuesses, 0);
    std::latch ready(kGuesses);
    std::vector<std::thread> guessers;
    for (int guess = 0; guess < kGuesses; ++guess)
        guessers.emplace_back([&, guess] {
            httplib::Client client("127.0.0.1", hub.port());
            client.set_read_timeout(120, 0);
            const httplib::Headers headers{{"Cookie", "kiosk_login_csrf=" + csrf}};
            const httplib::Params fields{{"username", "manager"},
                                         {"password", "guess " + std::to_string(guess)},
                                         {"csrf", csrf}};
            ready.arrive_and_wait(); // all at once
            auto answer = client.Post("/login", headers, fields);
            statuses[guess] = answer ? answer->status : -static_cast<int>(answer.error());
        });
    for (std::thread& guesser : guessers)
        guesser.join();

    const auto count = [&](int status) {
        return std::count(statuses.begin(), statuses.end(), status);
    };
    INFO("401: " << count(401) << ", 429: " << count(429) << ", 503: " << count(503)
                 << ", read error: " << count(-static_cast<int>(httplib::Error::Read))
                 << ", write error: " << count(-static_cast<int>(httplib::Error::Write))
                 << ", connection error: " << count(-static_cast<int>(httplib::Error::Connection)));
    // Each guess is refused: wrong (401), limited (429), or over the hub's cap of
    // connections per address (503, or a reset when the door closed first).
    const int refused_at_door = count(503) + count(-static_cast<int>(httplib::Error::Read)) +
                                count(-static_cast<int>(httplib::Error::Write));
    CHECK(count(401) + count(429) + refused_at_door == kGuesses);
    CHECK(count(401) <= 5); // the password was checked at most 5 times
    CHECK(sign_in(browser, "manager", kPassword)->status == 429); // even the right one now
}

TEST_CASE("the sign-in limiter counts an attempt before the password check", "[hub][dashboard]") {
    int64_t now = 0;
    TempFolder folder;
    const auto store = open_test_web_sessions(folder.file("hub"));
    hub::LoginLimiter limiter(*store, {5, 8, 15 * 60'000}, [&] { return now; });
    // Five attempts begun (their password checks still running) use up the user's limit.
    std::vector<hub::LoginAttempt> attempts;
    for (int i = 0; i < 5; ++i) {
        auto attempt = limiter.begin_attempt("manager", "10.0.0.1");
        REQUIRE(attempt);
        attempts.push_back(*attempt);
    }
    CHECK_FALSE(limiter.begin_attempt("manager", "10.0.0.2"));
    CHECK(limiter.begin_attempt("admin", "10.0.0.2"));
    // A success forgets the user's failures and its own attempt on the address.
    limiter.succeeded(attempts.back());
    for (int i = 0; i < 3; ++i)
        CHECK(limiter.begin_attempt("other", "10.0.0.1")); // 4 + 3 + 1 on the address
    CHECK(limiter.begin_attempt("manager", "10.0.0.1"));
    CHECK_FALSE(limiter.begin_attempt("third", "10.0.0.1")); // the address's 8
}

TEST_CASE("the sign-in limiter forgets expired entries", "[hub][dashboard][attack]") {
    int64_t now = 0;
    TempFolder folder;
    const auto store = open_test_web_sessions(folder.file("hub"));
    hub::LoginLimiter limiter(*store, {5, 20, 15 * 60'000}, [&] { return now; });
    for (int i = 0; i < 2000; ++i) // new names and addresses, each failing once
        REQUIRE(
            limiter.begin_attempt("user" + std::to_string(i), "10.0." + std::to_string(i / 256) +
                                                                  "." + std::to_string(i % 256)));
    CHECK(limiter.tracked_entries() == 4000);
    now += 15 * 60'000; // the window has passed for all of them
    REQUIRE(limiter.begin_attempt("late", "10.9.9.9"));
    CHECK(limiter.tracked_entries() == 2);
}

} // namespace kiosk::test
