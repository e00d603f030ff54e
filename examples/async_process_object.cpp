// SPDX-License-Identifier: MIT
// AsyncProcessObject, the OSS seed: convert a document in the background, save the pages
// (sys/saveas) and be told on an SMQ/MNS topic when the task ends (sys/notify).
//
//   example_async_process_object --region cn-hangzhou --bucket examplebucket
//       --key docs/example.docx --style doc/convert,target_png,source_docx
//       --target_key dest.png --target_bucket examplebucket --notify-topic test-topic [--dry-run]
//
// Keys: OSS_ACCESS_KEY_ID, OSS_ACCESS_KEY_SECRET (OSS_SESSION_TOKEN). Without them, or without
// libcurl, it prints the signed request instead of sending it.
#include "example.hpp"

#ifdef OBJPROC_EXAMPLES_HAVE_CURL
#  include <objproc/adapters/curl.hpp>
#endif

namespace oss = objproc::oss;

int main(int argc, char** argv) {
  const example::flags f{argc, argv};
  const std::string region = f.get("--region", "cn-hangzhou");
  const std::string bucket = f.get("--bucket", "examplebucket");
  const std::string key = f.get("--key", "docs/example.docx");
  const std::string text = f.get("--style", "doc/convert,target_png,source_docx");
  const std::string target_key = f.get("--target_key", "dest.png");
  const std::string target_bucket = f.get("--target_bucket", "examplebucket");
  const std::string topic = f.get("--notify-topic", "test-topic");

  const auto style = oss::parse_style(text);
  if (!style) {
    std::puts(objproc::render_diagnostic(text, style.error()).c_str());
    return 1;
  }
  const oss::style process = *style | oss::save_as{.bucket = target_bucket, .key = target_key} |
                             oss::notify{.topic = topic};

  // POST /<key>?x-oss-async-process; the operation checks that the style belongs there.
  const auto endpoint = oss::endpoint::for_region(region);
  if (!endpoint) return example::fail("--region", endpoint.error());
  const auto prepared =
      oss::async_process_object{.bucket = bucket, .key = key, .process = process}.prepare(
          *endpoint);
  if (!prepared) return example::fail("async_process_object", prepared.error());

  const example::keys keys = example::load_keys(true);
  const auto request =
      oss::sign(*prepared, keys.credentials.oss(), example::now(), objproc::crypto::portable{});
  if (!request) return example::fail("sign", request.error());
  if (!example::should_send(f, keys)) {
    example::show(*request);
    return 0;
  }
#ifdef OBJPROC_EXAMPLES_HAVE_CURL
  objproc::curl::transport http(objproc::curl::options{});
  const auto response = http.send(*request);
  if (!response) return example::fail("send", response.error());
  const std::string request_id(response->header("x-oss-request-id").value_or(""));
  std::printf("status code: %d\nrequest id: %s\n", response->status, request_id.c_str());
  if (response->status != 200) {
    const auto e = oss::parse_error(response->body, response->status);
    if (e) std::printf("error: %s: %s\n", e->code.c_str(), e->message.c_str());
    return 1;
  }
  const auto result = oss::parse_async_process_result(response->body, request_id);
  if (!result) return example::fail("response", result.error());
  std::printf("event id: %s\ntask id: %s\nprocess request id: %s\n", result->event_id.c_str(),
              result->task_id.c_str(), result->process_request_id.c_str());
#endif
  return 0;
}
