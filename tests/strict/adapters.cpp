// SPDX-License-Identifier: MIT
// Header hygiene in users' strict builds: the whole library and both adapters, with their
// templates instantiated (templates warn only when used), compiled by tests/CMakeLists.txt with
// -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wold-style-cast -Wcast-qual
// -Wundef -Wnon-virtual-dtor -Werror, as ordinary (not system) headers. Compiled only, not run.
#include <objproc/adapters/curl.hpp>
#include <objproc/adapters/openssl.hpp>
#include <objproc/objproc.hpp>

#include <chrono>
#include <string>

namespace oss = objproc::oss;
namespace ci = objproc::cos;

int main() {
  const objproc::openssl::crypto crypto;
  const objproc::owned_credentials keys("LTAI5tExampleAK", "ExampleSecretKey123");
  const std::chrono::sys_seconds now{std::chrono::seconds{1795248000}};
  int failures = 0;

  const auto oss_endpoint = oss::endpoint::for_region("cn-hangzhou");
  const auto cos_endpoint = ci::endpoint::for_region("ap-guangzhou");
  if (!oss_endpoint || !cos_endpoint) return 1;

  const oss::process_object process{
      .bucket = "examplebucket",
      .key = "a.jpg",
      .process = oss::image::resize{.w = 100} | oss::save_as{.bucket = "b", .key = "c.jpg"}};
  if (const auto prepared = process.prepare(*oss_endpoint)) {
    failures += oss::sign(*prepared, keys.oss(), now, crypto).has_value() ? 0 : 1;
    oss::v4_key_cache cache;
    failures +=
        oss::sign(*prepared, keys.oss(), now, crypto, oss::v4_signer{.cache = &cache}).has_value()
            ? 0
            : 1;
  }
  const auto url = oss::presign(oss::presign_get{.bucket = "examplebucket", .key = "a.jpg"},
                                *oss_endpoint, keys.oss(), now, crypto);
  failures += url.has_value() ? 0 : 1;

  const ci::ci_image_process image_process{
      .bucket = "examplebucket-1250000000",
      .key = "a.jpg",
      .operations = {.rules = {{.fileid = "b.png", .rule = "imageMogr2/thumbnail/!50p"}}}};
  if (const auto prepared = image_process.prepare(*cos_endpoint))
    failures += ci::sign(*prepared, keys.cos(), now, crypto).has_value() ? 0 : 1;

  // The client over the blocking curl transport (built, never sent) and the multi transport.
  objproc::client client(objproc::curl::transport(objproc::curl::options{}), crypto,
                         objproc::static_credentials(keys));
  failures +=
      client.presign(oss::presign_get{.bucket = "examplebucket", .key = "a.jpg"}, *oss_endpoint)
              .has_value()
          ? 0
          : 1;
  if (failures > 100) {  // never: instantiates send() without running it
    const auto outcome = client.send(process, *oss_endpoint);
    failures += outcome ? 0 : 1;
  }
  objproc::curl::multi_transport loop(objproc::curl::options{});
  objproc::client async_client(std::ref(loop), crypto, objproc::static_credentials(keys));
  if (failures > 100)
    async_client.async_send(process, *oss_endpoint, [](auto outcome) { (void)outcome; });
  return failures;
}
