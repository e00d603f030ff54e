// SPDX-License-Identifier: MIT
// ProcessObject signed for your own HTTP client: every stage by hand (parse, prepare, sign, send,
// parse the answer). examples/process_object.cpp does the same through objproc::client.
//
//   example_sign_process_object --region cn-hangzhou --bucket examplebucket
//       --key exampledir/example.jpg --style image/resize,m_fixed,w_100,h_100
//       --target_image exampledir/resized.jpg --target_bucket targetbucket [--dry-run]
//
// Keys: OSS_ACCESS_KEY_ID, OSS_ACCESS_KEY_SECRET (OSS_SESSION_TOKEN). Without them, or without
// libcurl, it prints the signed request instead of sending it.
#include <utility>

#include "example.hpp"

#ifdef OBJPROC_EXAMPLES_HAVE_CURL
#  include <objproc/adapters/curl.hpp>
#endif

namespace oss = objproc::oss;

int main(int argc, char** argv) {
  const example::flags f{argc, argv};
  const std::string region = f.get("--region", "cn-hangzhou");
  const std::string bucket = f.get("--bucket", "examplebucket");
  const std::string key = f.get("--key", "exampledir/example.jpg");
  const std::string text = f.get("--style", "image/resize,m_fixed,w_100,h_100");
  const std::string target_image = f.get("--target_image", "exampledir/resized.jpg");
  const std::string target_bucket = f.get("--target_bucket", "targetbucket");

  // The process string, checked; sys/saveas is added by the library (base64, order, checks).
  const auto style = oss::parse_style(text);
  if (!style) {
    std::puts(objproc::render_diagnostic(text, style.error()).c_str());
    return 1;
  }
  const oss::style process = *style | oss::save_as{.bucket = target_bucket, .key = target_image};

  // POST /<key>?x-oss-process: a pure descriptor, no secrets, no clock.
  const auto endpoint = oss::endpoint::for_region(region);
  if (!endpoint) return example::fail("--region", endpoint.error());
  auto prepared =
      oss::process_object{.bucket = bucket, .key = key, .process = process}.prepare(*endpoint);
  if (!prepared) return example::fail("process_object", prepared.error());

  // Signed (V4) with the environment's keys.
  const example::keys keys = example::load_keys(true);
  // In place: the unsigned request is not needed any more, so it is not copied.
  const auto request = oss::sign(*std::move(prepared), keys.credentials.oss(), example::now(),
                                 objproc::crypto::portable{});
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
  const auto result = oss::parse_process_result(response->body, request_id);
  if (!result) return example::fail("response", result.error());
  std::printf("bucket: %s\nfile size: %llu\nkey: %s\nprocess status: %s\n", result->bucket.c_str(),
              static_cast<unsigned long long>(result->file_size), result->object.c_str(),
              result->status.c_str());
#endif
  return 0;
}
