// Fuzz target: the body of POST /api/v1/sync. The input is the request body,
// answered by the hub's own handler (hub::handle_sync: bearer token, size
// limit, sync::parse_sync_batch, one store write) with a valid kiosk token and
// an in-memory store. The same bytes are also read as the hub's answer by the
// kiosk (sync::parse_sync_answer). Checked: the hub answers 200, 400 or 413
// with a JSON body; a 200 stored exactly one batch and its answer parses on
// the kiosk; a refusal stored nothing; a batch the hub accepts survives
// to_json and parsing back unchanged (the kiosk writes what the hub reads).
#include "fake_hub_store.h"
#include "fuzz_support.h"

#include "hub/sync_api.h"
#include "sync/sync_protocol.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

using namespace kiosk;

namespace {

void check_round_trip(const std::string& body) {
    std::string error;
    const std::optional<sync::SyncBatch> batch = sync::parse_sync_batch(body, error);
    if (!batch) fuzz::broken("parse_sync_batch refuses a body handle_sync accepted", error);
    const std::string text = sync::to_json(*batch);
    const std::optional<sync::SyncBatch> again = sync::parse_sync_batch(text, error);
    if (!again) fuzz::broken("the JSON of an accepted batch does not parse back", error);
    if (sync::to_json(*again) != text) fuzz::broken("a batch changes on its way through JSON");
}

void check_kiosk_reads_answer(const std::string& body) {
    std::string error;
    const std::optional<sync::SyncAnswer> answer = sync::parse_sync_answer(body, error);
    if (!answer) {
        if (error.empty()) fuzz::broken("parse_sync_answer refused without a reason");
        return;
    }
    const std::string text = sync::to_json(*answer);
    const std::optional<sync::SyncAnswer> again = sync::parse_sync_answer(text, error);
    if (!again || sync::to_json(*again) != text)
        fuzz::broken("an answer changes on its way through JSON", error);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static fuzz::FakeHubStore store;
    store.reset();
    const std::string body(reinterpret_cast<const char*>(data), size);
    const hub::ApiAnswer answer =
        hub::handle_sync(store, "Bearer " + store.kiosk_token(), body, fuzz::kFuzzNowUtcMs);

    const nlohmann::json reply = nlohmann::json::parse(answer.body, nullptr, false);
    if (reply.is_discarded() || !reply.is_object())
        fuzz::broken("the hub's answer is not a JSON object", answer.body);
    if (answer.status == 200) {
        if (store.writes != 1) fuzz::broken("a 200 answer without exactly one store write");
        std::string error;
        if (!sync::parse_sync_answer(answer.body, error))
            fuzz::broken("the kiosk cannot read the hub's 200 answer", error);
        check_round_trip(body);
    } else if (answer.status == 400 || answer.status == 413) {
        if (store.writes != 0) fuzz::broken("a refused body was stored");
        if (!reply.contains("error") || !reply["error"].is_string() ||
            reply["error"].get<std::string>().empty())
            fuzz::broken("a refusal without an error message", answer.body);
    } else {
        fuzz::broken("an answer other than 200, 400 or 413", std::to_string(answer.status));
    }
    check_kiosk_reads_answer(body);
    return 0;
}
