// SPDX-License-Identifier: MIT
// tools/objproc/operation.hpp - one description of "what to sign", shared by the commands and
// the JSONL protocol, and the one function that turns it into a signed request or a URL.
//
// Every value is checked by the library; when one is wrong the failure says which input it
// was ("style", "save_as.key", "pic_operations.rules[1].rule" ...) and the text the error offset
// points into, so the CLI can draw a caret under it and JSONL can map it back into the line.
#ifndef OBJPROC_TOOLS_OPERATION_HPP
#define OBJPROC_TOOLS_OPERATION_HPP

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <objproc/objproc.hpp>

namespace objproc_cli {

enum class provider { oss, cos };
enum class op_kind {
  process_object,
  async_process_object,
  presign_get,
  ci_put_object,
  ci_image_process
};

[[nodiscard]] std::string_view name(provider p) noexcept;
[[nodiscard]] std::string_view name(op_kind k) noexcept;

struct save_target {
  std::string bucket;  // empty: the source bucket
  std::string key;
};

struct operation_input {
  provider vendor = provider::oss;
  op_kind kind = op_kind::process_object;
  std::string region;
  std::string bucket;
  std::string key;
  std::optional<std::string> endpoint;  // nullopt: the region's; given empty: an error
  // OSS
  std::optional<std::string> style;
  std::optional<save_target> save_as;
  std::optional<std::string> notify_topic;
  objproc::oss::signature_version signature = objproc::oss::signature_version::v4;
  // COS
  std::optional<std::string> rule;  // presign_get
  objproc::cos::pic_operations pic_operations;
  std::string body;
  // A streamed body (ci_put_object --file): used instead of `body` when its read is set.
  objproc::http::body_source body_source;
  std::string content_type;
  // Request options. OSS process / async: request_payer, compute_md5. COS ci_put_object: the
  // others and compute_md5. Text as given (an empty value given is refused, never "unset");
  // build() parses and checks each, naming it on failure ("acl", "meta.<key>", ...).
  std::optional<std::string> request_payer;  // "requester"
  std::optional<std::string> acl;            // x-cos-acl text
  std::optional<std::string> grant_read, grant_read_acp, grant_write_acp, grant_full_control;
  std::optional<std::string> storage_class;            // x-cos-storage-class text
  std::optional<std::chrono::sys_seconds> expires_at;  // the Expires header
  std::optional<std::string> cache_control, content_disposition, content_encoding, content_language;
  std::optional<std::string> content_md5;                 // COS: the Content-MD5 value given
  bool compute_md5 = false;                               // Content-MD5 computed over the body sent
  std::vector<std::pair<std::string, std::string>> meta;  // x-cos-meta-<first>: <second>
  std::optional<std::int64_t> traffic_limit;              // bit/s
  // both
  // The explicit way past the vocabulary (oss::unchecked_style, cos::unchecked_rule): structure,
  // placement and injection safety are still checked; never implied, never a fallback.
  bool unchecked = false;
  std::chrono::seconds expires{3600};  // presigned URL lifetime; COS header signing window
  std::chrono::sys_seconds time{};
  objproc::owned_credentials credentials;
};

/// What went wrong, and where: `field` names the input (the library's error.field in this
/// tool's spelling, e.g. "credentials.access_key_id" for access_key_id or secret_id), `text` is
/// what error.offset indexes (empty when the offset means nothing to the user).
struct build_failure {
  objproc::error error;
  std::string field;
  std::string text;
};

/// A signed request (the four request operations) or a presigned URL (presign_get).
struct build_output {
  std::optional<objproc::http::request> request;
  std::string url;
};

struct build_result {
  std::optional<build_output> ok;
  build_failure failure;
};

/// What --send does with a checked operation: the typed operation and its endpoint, valid
/// during the call only (the client prepares and signs each attempt itself).
class operation_sender {
 public:
  virtual void send(const objproc::oss::process_object& op,
                    const objproc::oss::endpoint& where) = 0;
  virtual void send(const objproc::oss::async_process_object& op,
                    const objproc::oss::endpoint& where) = 0;
  virtual void send(const objproc::cos::ci_put_object& op, const objproc::cos::endpoint& where) = 0;
  virtual void send(const objproc::cos::ci_image_process& op,
                    const objproc::cos::endpoint& where) = 0;

 protected:
  operation_sender() = default;
  operation_sender(const operation_sender&) = default;
  operation_sender& operator=(const operation_sender&) = default;
  ~operation_sender() = default;
};

/// Checks, prepares and signs `in` with the built-in crypto. With a `sender`, a request that
/// built and signed is then handed to it (presign_get never is).
[[nodiscard]] build_result build(const operation_input& in, operation_sender* sender = nullptr);

/// "value out of range: below the minimum" (the errc's message and the static detail).
[[nodiscard]] std::string message_of(const objproc::error& e);

}  // namespace objproc_cli

#endif  // OBJPROC_TOOLS_OPERATION_HPP
