// SPDX-License-Identifier: MIT
// objproc/oss/results.hpp - typed results of OSS processing calls and OSS error responses.
//
//   parse_process_result(body, x_oss_request_id)        ProcessObject (x-oss-process + saveas)
//   parse_async_process_result(body, x_oss_request_id)  AsyncProcessObject
//   parse_error(body, status)                           the <Error> XML body of a failed call
//   parse_error_header(x_oss_err, status)               the same XML, base64 in the x-oss-err
//                                                       header (HEAD responses have no body)
//
// Plain string views in, so any HTTP layer can feed them. JSON bodies go through the strict
// reader of core/json.hpp, XML through core/xml.hpp; their errors (with byte offsets into the
// body) pass through unchanged. A body of the wrong shape is errc::wrong_type, a required field
// that is absent errc::missing_key (offset: the enclosing object or element), a repeated one
// errc::duplicate_key; fields the service may add later are ignored.
#ifndef OBJPROC_OSS_RESULTS_HPP
#define OBJPROC_OSS_RESULTS_HPP

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "objproc/config.hpp"
#include "objproc/core/json.hpp"
#include "objproc/core/result.hpp"
#include "objproc/core/text.hpp"
#include "objproc/core/xml.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace oss {

/// ProcessObject: {"bucket": "...", "fileSize": 3267, "object": "dest.jpg", "status": "OK"}.
struct process_result {
  std::string bucket = {};  // empty when the target is the source bucket
  std::uint64_t file_size = 0;
  std::string object = {};
  std::string status = {};
  std::string request_id = {};  // the x-oss-request-id response header

  friend bool operator==(const process_result&, const process_result&) = default;
};

/// AsyncProcessObject: {"EventId": "...", "RequestId": "...", "TaskId": "..."}.
struct async_process_result {
  std::string event_id = {};
  std::string request_id = {};          // the x-oss-request-id response header
  std::string process_request_id = {};  // "RequestId" in the body
  std::string task_id = {};

  friend bool operator==(const async_process_result&, const async_process_result&) = default;
};

/// An OSS error response: <Error><Code/><Message/><RequestId/><HostId/>[<EC/>][<ServerTime/>].
struct service_error {
  int status = 0;  // the HTTP status, as passed in
  std::string code = {};
  std::string message = {};
  std::string request_id = {};
  std::string host_id = {};
  std::string ec = {};
  std::string server_time = {};  // only with RequestTimeTooSkewed, "2026-11-21T08:20:00.000Z"

  friend bool operator==(const service_error&, const service_error&) = default;
};

}  // namespace oss

namespace detail {

// The string member `key` of a JSON object: missing_key or wrong_type otherwise.
[[nodiscard]] inline result<std::string> oss_json_string(const json::value& object,
                                                         std::string_view key) {
  const json::value* v = object.find(key);
  if (v == nullptr) return error{errc::missing_key, object.offset(), "required member missing"};
  if (!v->is_string()) return error{errc::wrong_type, v->offset(), "expected a string"};
  return std::string(v->as_string());
}

[[nodiscard]] inline result<json::value> oss_json_object(std::string_view body) {
  auto doc = json::parse(body);
  if (!doc) return doc.error();
  if (!doc->is_object()) return error{errc::wrong_type, doc->offset(), "expected a JSON object"};
  return doc;
}

}  // namespace detail

namespace oss {

/// Reads a ProcessObject response body; `request_id_header` is the x-oss-request-id value.
/// All four members are required; fileSize must be a non-negative integer.
[[nodiscard]] inline result<process_result> parse_process_result(
    std::string_view body, std::string_view request_id_header) {
  const auto doc = objproc::detail::oss_json_object(body);
  if (!doc) return doc.error();
  process_result out;
  auto bucket = objproc::detail::oss_json_string(*doc, "bucket");
  if (!bucket) return bucket.error();
  out.bucket = std::move(*bucket);
  const json::value* size = doc->find("fileSize");
  if (size == nullptr) return error{errc::missing_key, doc->offset(), "fileSize missing"};
  const auto n = size->as_int64();
  if (!n) return n.error();
  if (*n < 0) return error{errc::value_out_of_range, size->offset(), "negative fileSize"};
  out.file_size = static_cast<std::uint64_t>(*n);
  auto object = objproc::detail::oss_json_string(*doc, "object");
  if (!object) return object.error();
  out.object = std::move(*object);
  auto status = objproc::detail::oss_json_string(*doc, "status");
  if (!status) return status.error();
  out.status = std::move(*status);
  out.request_id = std::string(request_id_header);
  return out;
}

/// Reads an AsyncProcessObject response body; `request_id_header` is the x-oss-request-id
/// value. EventId, RequestId and TaskId are required strings.
[[nodiscard]] inline result<async_process_result> parse_async_process_result(
    std::string_view body, std::string_view request_id_header) {
  const auto doc = objproc::detail::oss_json_object(body);
  if (!doc) return doc.error();
  async_process_result out;
  auto event = objproc::detail::oss_json_string(*doc, "EventId");
  if (!event) return event.error();
  out.event_id = std::move(*event);
  auto request = objproc::detail::oss_json_string(*doc, "RequestId");
  if (!request) return request.error();
  out.process_request_id = std::move(*request);
  auto task = objproc::detail::oss_json_string(*doc, "TaskId");
  if (!task) return task.error();
  out.task_id = std::move(*task);
  out.request_id = std::string(request_id_header);
  return out;
}

/// Reads an OSS error body. The root must be <Error> and hold <Code>; the other fields are
/// empty when absent. Operation extras (StringToSign, OSSAccessKeyId, ...) are ignored.
[[nodiscard]] inline result<service_error> parse_error(std::string_view body, int status = 0) {
  const auto doc = xml::parse(body);
  if (!doc) return doc.error();
  if (doc->name() != "Error") return error{errc::wrong_type, doc->offset(), "expected <Error>"};
  service_error out;
  out.status = status;
  const struct {
    std::string_view name;
    std::string service_error::*field;
    bool required;
  } fields[] = {
      {"Code", &service_error::code, true},
      {"Message", &service_error::message, false},
      {"RequestId", &service_error::request_id, false},
      {"HostId", &service_error::host_id, false},
      {"EC", &service_error::ec, false},
      {"ServerTime", &service_error::server_time, false},
  };
  for (const auto& f : fields) {
    auto text = objproc::detail::xml_leaf_text(*doc, f.name, f.required);
    if (!text) return text.error();
    out.*f.field = std::move(*text);
  }
  return out;
}

/// Reads the x-oss-err header of a body-less (HEAD) error response: standard padded base64 of
/// the error XML. A base64 error points into the header; an XML error into the decoded XML.
[[nodiscard]] inline result<service_error> parse_error_header(std::string_view x_oss_err,
                                                              int status = 0) {
  const auto xml_text = from_base64(x_oss_err);
  if (!xml_text) return xml_text.error();
  return parse_error(*xml_text, status);
}

}  // namespace oss

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_OSS_RESULTS_HPP
