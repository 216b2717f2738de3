// Test helper for the dashboard's routes: a cookie-keeping HTTP client (as a
// browser is, as far as the routes care), the CSRF field of a page, and
// signing in through GET then POST /login, and reading a kiosk's content
// cell from the dashboard page.
#pragma once

#include <catch2/catch.hpp>
#include <httplib.h>

#include <map>
#include <string>

namespace kiosk::test {

// A cookie-keeping HTTP client, like a browser as far as these routes care.
class Browser {
public:
    explicit Browser(int port) : client_("127.0.0.1", port) { client_.set_read_timeout(30, 0); }

    httplib::Result get(const std::string& path) {
        auto answer = client_.Get(path.c_str(), cookie_headers());
        keep_cookies(answer);
        return answer;
    }
    httplib::Result post_form(const std::string& path, const httplib::Params& fields) {
        auto answer = client_.Post(path.c_str(), cookie_headers(), fields);
        keep_cookies(answer);
        return answer;
    }
    httplib::Result post_multipart(const std::string& path,
                                   const httplib::MultipartFormDataItems& items) {
        auto answer = client_.Post(path.c_str(), cookie_headers(), items);
        keep_cookies(answer);
        return answer;
    }
    // The cookies of `other` (a browser of another hub process behind the
    // same load balancer: one site, so the same cookies).
    void take_cookies_of(const Browser& other) { cookies_ = other.cookies_; }
    std::string cookie(const std::string& name) const {
        auto found = cookies_.find(name);
        return found == cookies_.end() ? "" : found->second;
    }

private:
    httplib::Headers cookie_headers() const {
        std::string header;
        for (const auto& [name, value] : cookies_)
            header += name + "=" + value + "; ";
        if (header.empty()) return {};
        return {{"Cookie", header}};
    }
    void keep_cookies(const httplib::Result& answer) {
        if (!answer) return;
        const size_t count = answer->get_header_value_count("Set-Cookie");
        for (size_t i = 0; i < count; ++i) {
            const std::string line = answer->get_header_value("Set-Cookie", i);
            const std::string pair = line.substr(0, line.find(';'));
            const size_t equals = pair.find('=');
            const std::string name = pair.substr(0, equals), value = pair.substr(equals + 1);
            if (value.empty() || line.find("Max-Age=0") != std::string::npos)
                cookies_.erase(name);
            else
                cookies_[name] = value;
        }
    }

    httplib::Client client_;
    std::map<std::string, std::string> cookies_;
};

// The value of the first hidden csrf field of a page.
inline std::string csrf_of(const std::string& page) {
    const std::string marker = "name=\"csrf\" value=\"";
    const size_t at = page.find(marker);
    if (at == std::string::npos) return "";
    const size_t start = at + marker.size();
    return page.substr(start, page.find('"', start) - start);
}

// GET /login then POST it; the answer to the POST.
inline httplib::Result sign_in(Browser& browser, const std::string& user,
                               const std::string& password) {
    auto form = browser.get("/login");
    REQUIRE(form);
    REQUIRE(form->status == 200);
    return browser.post_form(
        "/login", {{"username", user}, {"password", password}, {"csrf", csrf_of(form->body)}});
}

// The content cell of `kiosk`'s row on a dashboard `page`, "" when there is none.
inline std::string dashboard_content_cell(const std::string& page, const std::string& kiosk) {
    const size_t row = page.find(">" + kiosk + "</td>");
    if (row == std::string::npos) return "";
    const size_t cell = page.find("<td class=\"content\" data-label=", row);
    if (cell == std::string::npos || cell > page.find("</tr>", row)) return "";
    return page.substr(cell, page.find("</td>", cell) - cell);
}

} // namespace kiosk::test
