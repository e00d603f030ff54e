// SPDX-License-Identifier: MIT
// libFuzzer target for the OSS JSON result readers (oss/results.hpp): parse_process_result and
// parse_async_process_result. Properties: parsing never crashes (ASan/UBSan watch); an error has
// a code and an offset inside the input; an accepted body agrees with the JSON tree it came from
// (same strings, same fileSize), and the result written back as compact JSON reads back equal.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "objproc/core/json.hpp"
#include "objproc/oss/results.hpp"

namespace {

namespace json = objproc::json;

template <class R>
void check_error(const R& r, std::size_t size) {
  if (r) return;
  if (r.error().code == objproc::errc::none) std::abort();
  if (r.error().has_offset() && r.error().offset > size) std::abort();
}

// The string member `key` of the accepted document, which must exist.
std::string_view member(const json::value& doc, std::string_view key) {
  const json::value* v = doc.find(key);
  if (v == nullptr || !v->is_string()) std::abort();
  return v->as_string();
}

// Appends "key":"value" (JSON-escaped); the reader gave valid UTF-8, so escaping cannot fail.
void append_member(std::string& out, std::string_view key, std::string_view value) {
  if (out.size() > 1) out += ',';
  if (!objproc::append_json_string(out, key) ||
      (out += ':', !objproc::append_json_string(out, value)))
    std::abort();
}

constexpr std::string_view request_id = "5C1B138A109F4E405B2D****";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace oss = objproc::oss;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto doc = json::parse(text);

  const auto process = oss::parse_process_result(text, request_id);
  check_error(process, size);
  if (process) {
    if (!doc || !doc->is_object()) std::abort();
    if (member(*doc, "bucket") != process->bucket || member(*doc, "object") != process->object ||
        member(*doc, "status") != process->status || process->request_id != request_id)
      std::abort();
    const auto n = doc->find("fileSize")->as_int64();
    if (!n || static_cast<std::uint64_t>(*n) != process->file_size) std::abort();
    std::string again = "{";
    append_member(again, "bucket", process->bucket);
    append_member(again, "object", process->object);
    append_member(again, "status", process->status);
    again += ",\"fileSize\":" + std::to_string(process->file_size) + "}";
    const auto back = oss::parse_process_result(again, request_id);
    if (!back || !(*back == *process)) std::abort();
  }

  const auto async = oss::parse_async_process_result(text, request_id);
  check_error(async, size);
  if (async) {
    if (!doc || !doc->is_object()) std::abort();
    if (member(*doc, "EventId") != async->event_id ||
        member(*doc, "RequestId") != async->process_request_id ||
        member(*doc, "TaskId") != async->task_id || async->request_id != request_id)
      std::abort();
    std::string again = "{";
    append_member(again, "TaskId", async->task_id);
    append_member(again, "RequestId", async->process_request_id);
    append_member(again, "EventId", async->event_id);
    again += '}';
    const auto back = oss::parse_async_process_result(again, request_id);
    if (!back || !(*back == *async)) std::abort();
  }
  return 0;
}
