// SPDX-License-Identifier: MIT
// A user's program: checks a few library results and, when built with the OpenSSL adapter,
// that both providers agree. Exit status 0 means the package works as consumed.
#include <objproc/objproc.hpp>
#ifdef CONSUMER_WITH_OPENSSL
#  include <objproc/adapters/openssl.hpp>
#endif
#ifdef CONSUMER_WITH_CURL
#  include <objproc/adapters/curl.hpp>
#endif

#include <cstdio>
#include <string_view>

int main() {
  using namespace std::string_view_literals;
  int failures = 0;
  auto check = [&](bool ok, const char* what) {
    if (!ok) {
      std::fprintf(stderr, "consumer: %s failed\n", what);
      ++failures;
    }
  };
  check(objproc::to_base64("targetbucket"sv, objproc::base64_alphabet::url_safe,
                           objproc::base64_padding::unpadded) == "dGFyZ2V0YnVja2V0",
        "base64");
  const objproc::crypto::portable portable;
  const auto digest = objproc::crypto::sha256(portable, objproc::as_bytes("abc"));
  check(digest.has_value() &&
            objproc::hex_digest(*digest) ==
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"sv,
        "portable sha256");
#ifdef CONSUMER_WITH_OPENSSL
  const objproc::openssl::crypto openssl;
  const auto other = objproc::crypto::sha256(openssl, objproc::as_bytes("abc"));
  check(other.has_value() && digest.has_value() && *other == *digest, "openssl sha256");
#endif
#ifdef CONSUMER_WITH_CURL
  // Nothing listens on port 1: the adapter links, runs and maps the failure.
  objproc::curl::transport curl;
  auto request = objproc::http::request::make(objproc::http::method::get,
                                              {"http", "127.0.0.1:1", "/"});
  check(request.has_value(), "request");
  if (request) {
    const auto sent = curl.send(*request);
    check(!sent && sent.error().code == objproc::errc::connection_failed, "curl transport");
  }
#endif
  std::printf("objproc %d consumer: %s\n", OBJPROC_VERSION, failures == 0 ? "ok" : "FAILED");
  return failures == 0 ? 0 : 1;
}
