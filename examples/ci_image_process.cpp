// SPDX-License-Identifier: MIT
// Processing a stored object, the COS + CI seed: POST /<key>?image_process with a
// Pic-Operations header; CI writes the processed copy under --fileid.
//
//   example_ci_image_process --region ap-guangzhou --bucket examplebucket-1250000000
//       --key local.jpg --rule imageView2/format/png --fileid format.png [--dry-run]
//
// Keys: COS_SECRET_ID, COS_SECRET_KEY (COS_SESSION_TOKEN) or TENCENTCLOUD_*. Without them, or
// without libcurl, it prints the signed request instead of sending it.
#include "example.hpp"

#ifdef OBJPROC_EXAMPLES_HAVE_CURL
#  include <objproc/adapters/curl.hpp>
#endif

namespace ci = objproc::cos;

int main(int argc, char** argv) {
  const example::flags f{argc, argv};
  const std::string region = f.get("--region", "ap-guangzhou");
  const std::string bucket = f.get("--bucket", "examplebucket-1250000000");
  const std::string key = f.get("--key", "local.jpg");
  const std::string rule = f.get("--rule", "imageView2/format/png");
  const std::string fileid = f.get("--fileid", "format.png");

  // A rule typed at run time is parsed like any other input: show where it is wrong.
  if (const auto parsed = ci::parse_rule(rule); !parsed) {
    std::puts(objproc::render_diagnostic(rule, parsed.error()).c_str());
    return 1;
  }
  const auto endpoint = ci::endpoint::for_region(region);
  if (!endpoint) return example::fail("--region", endpoint.error());
  const auto prepared =
      ci::ci_image_process{
          .bucket = bucket,
          .key = key,
          .operations = {.is_pic_info = true, .rules = {{.fileid = fileid, .rule = rule}}}}
          .prepare(*endpoint);
  if (!prepared) return example::fail("ci_image_process", prepared.error());

  // COS signs Host, Content-Length and Pic-Operations; the signature is valid for an hour.
  const example::keys keys = example::load_keys(false);
  const auto request =
      ci::sign(*prepared, keys.credentials.cos(), example::now(), objproc::crypto::portable{});
  if (!request) return example::fail("sign", request.error());
  if (!example::should_send(f, keys)) {
    example::show(*request);
    return 0;
  }
#ifdef OBJPROC_EXAMPLES_HAVE_CURL
  objproc::curl::transport http(objproc::curl::options{});
  const auto response = http.send(*request);
  if (!response) return example::fail("send", response.error());
  std::printf("status code: %d\nrequest id: %s\n", response->status,
              std::string(response->header("x-cos-request-id").value_or("")).c_str());
  if (response->status != 200) {
    const auto e = ci::parse_error(response->body);
    if (e) std::printf("error: %s: %s\n", e->code.c_str(), e->message.c_str());
    return 1;
  }
  const auto result = ci::parse_upload_result(response->body);
  if (!result) return example::fail("response", result.error());
  std::printf("original: %s\n", result->original.key.c_str());
  for (const auto& o : result->objects)
    std::printf("processed: %s %s %ux%u %llu bytes\n", o.key.c_str(), o.format.c_str(), o.width,
                o.height, static_cast<unsigned long long>(o.size));
#endif
  return 0;
}
