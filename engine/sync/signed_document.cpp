// The signed document (signed_document.h), once for every format the hub
// signs: the message "FORMAT\0DOCUMENT", signing it, verifying it against the
// trusted keys, and the strict {"document", "signature", "key_id"} envelope.
#include "signed_document.h"

#include "json_fields.h"
#include "signed_document_json.h"

#include "core/utf8_text.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace kiosk::sync {
namespace {

using namespace json_fields;

constexpr size_t kEd25519SignatureBytes = 64;
constexpr size_t kKeyIdBytes = 16;

bool is_key_id(std::string_view text) {
    return text.size() == kKeyIdBytes && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

// An envelope holds the document as a JSON string: at most 6 bytes per byte
// (\u00XX), plus the signature and key id.
size_t max_envelope_bytes(size_t max_document_bytes) {
    return 6 * max_document_bytes + 1024;
}

} // namespace

std::string signed_document_message(std::string_view format, std::string_view document) {
    std::string message(format);
    message.push_back('\0');
    message.append(document);
    return message;
}

SignedDocument sign_document(std::string_view format, std::string document, const SecretKey& key) {
    SignedDocument signed_document;
    signed_document.signature = sign_detached(signed_document_message(format, document), key);
    signed_document.document = std::move(document);
    signed_document.key_id = key.id;
    return signed_document;
}

bool verify_document(std::string_view format, const SignedDocument& signed_document,
                     const std::vector<PublicKey>& trusted, std::string& error) {
    if (trusted.empty()) {
        error = "signature: no trusted key to check it against";
        return false;
    }
    if (signed_document.signature.size() != kEd25519SignatureBytes) {
        error =
            "signature: expected 64 bytes, got " + std::to_string(signed_document.signature.size());
        return false;
    }
    const std::string message = signed_document_message(format, signed_document.document);
    const bool verified = std::any_of(trusted.begin(), trusted.end(), [&](const PublicKey& key) {
        return verify_detached(message, signed_document.signature, key);
    });
    if (!verified) {
        error = "signature: does not verify as " + std::string(format) + " against any of the " +
                std::to_string(trusted.size()) + " trusted keys (the document names key \"" +
                make_showable_text(signed_document.key_id.substr(0, 64)) + "\")";
        return false;
    }
    error.clear();
    return true;
}

nlohmann::ordered_json signed_document_value(const SignedDocument& signed_document) {
    return {{"document", signed_document.document},
            {"signature", to_base64(signed_document.signature)},
            {"key_id", signed_document.key_id}};
}

SignedDocument parse_signed_document_value(const json& value, const std::string& path,
                                           size_t max_document_bytes) {
    check_object(value, path, {"document", "signature", "key_id"});
    SignedDocument signed_document;
    const std::string document_rule = "expected the signed JSON text as a string of 2.." +
                                      std::to_string(max_document_bytes) + " bytes";
    signed_document.document =
        string_field(value, path, "document", 2, max_document_bytes, document_rule.c_str());
    const std::string& signature =
        string_field(value, path, "signature", 1, 128, "expected a base64 Ed25519 signature");
    const std::optional<std::string> raw = from_base64(signature);
    if (!raw || raw->size() != kEd25519SignatureBytes)
        fail(member_path(path, "signature"), "expected a base64 Ed25519 signature (64 bytes)");
    signed_document.signature = *raw;
    constexpr const char* kKeyIdRule = "expected a key id of 16 hex digits";
    signed_document.key_id =
        string_field(value, path, "key_id", kKeyIdBytes, kKeyIdBytes, kKeyIdRule);
    if (!is_key_id(signed_document.key_id)) fail(member_path(path, "key_id"), kKeyIdRule);
    return signed_document;
}

std::string signed_document_to_json(const SignedDocument& signed_document) {
    return signed_document_value(signed_document).dump();
}

std::optional<SignedDocument> parse_signed_document(std::string_view text,
                                                    size_t max_document_bytes, std::string& error) {
    if (text.size() > max_envelope_bytes(max_document_bytes)) {
        error = "envelope: " + std::to_string(text.size()) + " bytes, more than the limit of " +
                std::to_string(max_envelope_bytes(max_document_bytes));
        return std::nullopt;
    }
    return parse_with<SignedDocument>(text, error, [&](const json& value) {
        return parse_signed_document_value(value, "", max_document_bytes);
    });
}

} // namespace kiosk::sync
