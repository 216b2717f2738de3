// Reading the kiosk's token file, and the transport it authenticates.
#include "kiosk_credentials.h"

#include "core/kiosk_config.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

namespace kiosk::sync {

std::optional<std::string> read_token_file(const std::string& path, std::string& error) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = path + ": cannot read the kiosk token file";
        return std::nullopt;
    }
    std::ostringstream text;
    text << in.rdbuf();
    std::string token = text.str();
    const auto space = [](unsigned char c) { return std::isspace(c) != 0; };
    token.erase(token.begin(), std::find_if_not(token.begin(), token.end(), space));
    token.erase(std::find_if_not(token.rbegin(), token.rend(), space).base(), token.end());
    const size_t dot = token.find('.');
    const bool printable =
        std::all_of(token.begin(), token.end(), [](unsigned char c) { return c > ' ' && c < 127; });
    if (token.empty() || !printable || dot == 0 || dot == std::string::npos ||
        dot + 1 == token.size() || token.size() > 512) {
        error = path + ": expected the one-line kiosk token KIOSK_ID.SECRET that "
                       "`kiosk-hub admin add-kiosk` printed";
        return std::nullopt;
    }
    return token;
}

std::string kiosk_id_of_token(const std::string& token) {
    return token.substr(0, token.find('.'));
}

std::unique_ptr<SyncTransport> make_hub_transport(const SyncConfig& config, std::string& token,
                                                  std::string& error) {
    std::optional<std::string> read = read_token_file(config.token_file, error);
    if (!read) return nullptr;
    token = *read;
    HttpTransportOptions options;
    options.hub_url = config.hub_url;
    options.token = token;
    options.ca_file = config.ca_file;
    return make_http_transport(options, error);
}

} // namespace kiosk::sync
