// A signed document's envelope as a JSON value, for formats that hold
// envelopes inside a larger message (the notice feed) and for
// signed_document.cpp's own text form. Internal to engine/sync; the parser
// throws json_fields::FieldError naming the field by its path.
#pragma once

#include "signed_document.h"

#include <nlohmann/json.hpp>

#include <string>

namespace kiosk::sync {

nlohmann::ordered_json signed_document_value(const SignedDocument& signed_document);
SignedDocument parse_signed_document_value(const nlohmann::json& value, const std::string& path,
                                           size_t max_document_bytes);

} // namespace kiosk::sync
