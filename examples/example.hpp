// SPDX-License-Identifier: MIT
// examples/example.hpp - the little the examples share: reading "--flag value", the keys (from
// the environment, or example keys for a dry run), and showing a signed request.
#ifndef OBJPROC_EXAMPLES_EXAMPLE_HPP
#define OBJPROC_EXAMPLES_EXAMPLE_HPP

#include <objproc/objproc.hpp>

#include <chrono>
#include <cstdio>
#include <string>
#include <string_view>

namespace example {

struct flags {
  int argc;
  char** argv;
  /// The value after --name, or `fallback` (the seed sample's value).
  [[nodiscard]] std::string get(std::string_view name, std::string_view fallback) const {
    for (int i = 1; i + 1 < argc; ++i)
      if (argv[i] == name) return argv[i + 1];
    return std::string(fallback);
  }
  [[nodiscard]] bool has(std::string_view name) const {
    for (int i = 1; i < argc; ++i)
      if (argv[i] == name) return true;
    return false;
  }
};

struct keys {
  objproc::owned_credentials credentials;
  bool from_environment = false;
};

/// OSS_ACCESS_KEY_ID ... or COS_SECRET_ID ... (TENCENTCLOUD_*); else the documentation's
/// example keys, announced, so the example still shows a signed request.
inline keys load_keys(bool oss) {
  auto env = oss ? objproc::oss_environment_credentials() : objproc::cos_environment_credentials();
  if (env) return {*env, true};
  std::fprintf(stderr, "== dry run with EXAMPLE credentials (%s): nothing is sent ==\n",
               objproc::to_string(env.error()).c_str());
  if (oss) return {{"LTAI5tExampleAK", "ExampleSecretKey123"}, false};
  return {{"AKIDExampleSecretId", "ExampleSecretKey456"}, false};
}

/// Send only with real keys, a transport, and no --dry-run.
inline bool should_send(const flags& f, const keys& k) {
#ifdef OBJPROC_EXAMPLES_HAVE_CURL
  return k.from_environment && !f.has("--dry-run");
#else
  (void)f;
  (void)k;
  return false;
#endif
}

/// The request as HTTP text and as a curl command, secrets redacted.
inline void show(const objproc::http::request& r) {
  std::printf("%s\n\n%s\n", r.to_string().c_str(), r.to_curl().c_str());
}

inline std::chrono::sys_seconds now() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

inline int fail(const char* what, const objproc::error& e) {
  std::fprintf(stderr, "%s: %s\n", what, objproc::to_string(e).c_str());
  return 1;
}

}  // namespace example

#endif  // OBJPROC_EXAMPLES_EXAMPLE_HPP
