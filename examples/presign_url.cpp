// SPDX-License-Identifier: MIT
// A presigned GET URL that processes on download: an OSS style (x-oss-process) or a CI rule.
// Anyone with the URL can fetch the processed image until it expires; no request is sent here.
//
//   example_presign_url oss --region cn-hangzhou --bucket examplebucket --key photos/cat.jpg
//       --style image/resize,w_200 --expires 600
//   example_presign_url cos --region ap-guangzhou --bucket examplebucket-1250000000
//       --key photos/cat.jpg --rule 'imageMogr2/thumbnail/!50p'
#include "example.hpp"

namespace oss = objproc::oss;
namespace ci = objproc::cos;
using namespace objproc::literals;

int main(int argc, char** argv) {
  const example::flags f{argc, argv};
  const bool use_oss = argc < 2 || std::string_view(argv[1]) != "cos";
  const std::string key = f.get("--key", "photos/cat.jpg");
  const std::chrono::seconds expires{std::atoi(f.get("--expires", "600").c_str())};
  const example::keys keys = example::load_keys(use_oss);

  if (use_oss) {
    // A literal default is checked at compile time; --style text is parsed at run time.
    oss::style style = "image/resize,w_200/format,webp"_oss.get();
    if (f.has("--style")) {
      const std::string text = f.get("--style", "");
      const auto parsed = oss::parse_style(text, oss::carrier::get_url);
      if (!parsed) return std::puts(objproc::render_diagnostic(text, parsed.error()).c_str()), 1;
      style = *parsed;
    }
    const auto endpoint = oss::endpoint::for_region(f.get("--region", "cn-hangzhou"));
    if (!endpoint) return example::fail("--region", endpoint.error());
    const std::string bucket = f.get("--bucket", "examplebucket");
    const auto url = oss::presign(
        oss::presign_get{.bucket = bucket, .key = key, .process = style, .expires = expires},
        *endpoint, keys.credentials.oss(), example::now(), objproc::crypto::portable{});
    if (!url) return example::fail("presign", url.error());
    std::printf("%s\n", url->c_str());
    return 0;
  }

  ci::rule rule = "imageMogr2/thumbnail/!50p"_ci.get();
  if (f.has("--rule")) {
    const std::string text = f.get("--rule", "");
    const auto parsed = ci::parse_rule(text);
    if (!parsed) return std::puts(objproc::render_diagnostic(text, parsed.error()).c_str()), 1;
    rule = *parsed;
  }
  const auto endpoint = ci::endpoint::for_region(f.get("--region", "ap-guangzhou"));
  if (!endpoint) return example::fail("--region", endpoint.error());
  const std::string bucket = f.get("--bucket", "examplebucket-1250000000");
  const auto url = ci::presign(
      ci::presign_get{.bucket = bucket, .key = key, .process = rule, .expires = expires}, *endpoint,
      keys.credentials.cos(), example::now(), objproc::crypto::portable{});
  if (!url) return example::fail("presign", url.error());
  std::printf("%s\n", url->c_str());
  return 0;
}
