// A document signed by one of the hub's keys, as it travels and as it is kept:
// the exact JSON bytes, a detached Ed25519 signature over "FORMAT", a zero
// byte and those bytes, and the signing key's id. The content snapshot (issue
// 17) and the emergency notice (issue 18) are both such documents; this file
// owns the signing message, the verification against a list of trusted keys
// and the strict JSON envelope, so each format checks only its own fields.
#pragma once

#include "core/signing_keys.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::sync {

struct SignedDocument {
    std::string document;  // the JSON bytes exactly as signed
    std::string signature; // 64 raw bytes (base64 in the envelope)
    std::string key_id;    // the signing key's id (16 hex, core/signing_keys)
};

// FORMAT, a zero byte, then the document bytes: what is signed, so a
// signature made for one format never verifies as another.
std::string signed_document_message(std::string_view format, std::string_view document);

SignedDocument sign_document(std::string_view format, std::string document, const SecretKey& key);

// Whether the signature over (format, document) verifies against one of
// `trusted`. false with `error` ("signature: ..." naming what did not match)
// otherwise. Only after this may the document be parsed.
bool verify_document(std::string_view format, const SignedDocument& signed_document,
                     const std::vector<PublicKey>& trusted, std::string& error);

// {"document": "<the exact bytes>", "signature": "<base64 of 64 bytes>",
// "key_id": "<16 hex>"}. Parsing is strict: unknown or missing fields, a
// signature that is not 64 bytes, a key id that is not 16 hex digits and a
// document over `max_document_bytes` are refused with `error` naming the
// field. It checks the form only, not the signature.
std::string signed_document_to_json(const SignedDocument& signed_document);
std::optional<SignedDocument> parse_signed_document(std::string_view json,
                                                    size_t max_document_bytes, std::string& error);

} // namespace kiosk::sync
