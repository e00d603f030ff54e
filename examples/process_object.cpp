// SPDX-License-Identifier: MIT
// ProcessObject, the OSS seed, through objproc::client: resize a stored image and save the
// result with sys/saveas. The client prepares, signs (keys from the environment, the clock),
// sends, retries and parses; examples/sign_process_object.cpp shows the same stages by hand.
//
//   example_process_object --region cn-hangzhou --bucket examplebucket
//       --key exampledir/example.jpg --style image/resize,m_fixed,w_100,h_100
//       --target_image exampledir/resized.jpg --target_bucket targetbucket [--dry-run]
//
// Keys: OSS_ACCESS_KEY_ID, OSS_ACCESS_KEY_SECRET (OSS_SESSION_TOKEN). Without them, or without
// libcurl, or with --dry-run, it prints the signed request instead of sending it.
#include "example.hpp"

#ifdef OBJPROC_EXAMPLES_HAVE_CURL
#  include <objproc/adapters/curl.hpp>
#endif

namespace oss = objproc::oss;

int main(int argc, char** argv) {
  const example::flags f{argc, argv};
  const std::string text = f.get("--style", "image/resize,m_fixed,w_100,h_100");
  const auto style = oss::parse_style(text);  // checked; a literal would be "..."_oss
  if (!style) return std::puts(objproc::render_diagnostic(text, style.error()).c_str()), 1;
  const auto endpoint = oss::endpoint::for_region(f.get("--region", "cn-hangzhou"));
  if (!endpoint) return example::fail("--region", endpoint.error());
  const std::string bucket = f.get("--bucket", "examplebucket");
  const std::string key = f.get("--key", "exampledir/example.jpg");
  const std::string target_image = f.get("--target_image", "exampledir/resized.jpg");
  const std::string target_bucket = f.get("--target_bucket", "targetbucket");
  const oss::process_object op{
      .bucket = bucket,
      .key = key,
      .process = *style | oss::save_as{.bucket = target_bucket, .key = target_image}};

  const example::keys keys = example::load_keys(true);
  if (!example::should_send(f, keys)) {  // a dry run: the request the client would send
    const auto prepared = op.prepare(*endpoint);
    if (!prepared) return example::fail("process_object", prepared.error());
    const auto request =
        oss::sign(*prepared, keys.credentials.oss(), example::now(), objproc::crypto::portable{});
    if (!request) return example::fail("sign", request.error());
    example::show(*request);
    return 0;
  }
#ifdef OBJPROC_EXAMPLES_HAVE_CURL
  objproc::client client(objproc::curl::transport{}, objproc::crypto::portable{},
                         objproc::oss_environment_provider{});
  const auto done = client.send(op, *endpoint);
  std::printf("status code: %d\nrequest id: %s\nattempts: %d\n", done.status(),
              std::string(done.request_id()).c_str(), done.attempts());
  if (const auto* e = done.service_error())
    return std::printf("error: %s: %s\n", e->code.c_str(), e->message.c_str()), 1;
  if (!done) return example::fail("process_object", *done.failure());
  std::printf("bucket: %s\nfile size: %llu\nkey: %s\nprocess status: %s\n",
              done.value().bucket.c_str(),
              static_cast<unsigned long long>(done.value().file_size),
              done.value().object.c_str(), done.value().status.c_str());
#endif
  return 0;
}
