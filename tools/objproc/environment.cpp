// SPDX-License-Identifier: MIT
// tools/objproc/environment.cpp - see environment.hpp.
#include "environment.hpp"

#include <charconv>
#include <cstdint>
#include <cstdio>

namespace objproc_cli {

objproc::result<objproc::owned_credentials> environment_credentials(provider p) {
  return p == provider::oss ? objproc::oss_environment_credentials()
                            : objproc::cos_environment_credentials();
}

objproc::owned_credentials example_credentials(provider p) {
  // The keys of the golden signing vectors (tests/vectors/signing.json), so a dry run with a
  // fixed --time reproduces them.
  if (p == provider::oss) return {"LTAI5tExampleAK", "ExampleSecretKey123"};
  return {"AKIDExampleSecretId", "ExampleSecretKey456"};
}

void print_example_banner(provider p, bool dry_run) {
  const char* vars = p == provider::oss
                         ? "OSS_ACCESS_KEY_ID / OSS_ACCESS_KEY_SECRET"
                         : "COS_SECRET_ID / COS_SECRET_KEY (or TENCENTCLOUD_SECRET_ID / _KEY)";
  std::fprintf(stderr,
               "==================================================================\n"
               "  %s WITH EXAMPLE CREDENTIALS: %s not set.\n"
               "  Signed with the fake documentation keys: the signature is valid\n"
               "  for no account.%s\n"
               "==================================================================\n",
               dry_run ? "DRY RUN" : "SIGNED", vars, dry_run ? " Nothing is sent." : "");
  std::fflush(stderr);
}

namespace {
std::optional<std::int64_t> parse_integer(std::string_view text) {
  std::int64_t v = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (text.empty() || ec != std::errc{} || ptr != end || v < 0) return std::nullopt;
  return v;
}
}  // namespace

std::optional<std::chrono::sys_seconds> parse_unix_time(std::string_view text) {
  const auto v = parse_integer(text);
  if (!v || *v > max_unix_time) return std::nullopt;
  return std::chrono::sys_seconds{std::chrono::seconds{*v}};
}

std::optional<std::chrono::seconds> parse_seconds(std::string_view text) {
  const auto v = parse_integer(text);
  if (!v || *v == 0 || *v > max_seconds) return std::nullopt;
  return std::chrono::seconds{*v};
}

std::chrono::sys_seconds now() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

}  // namespace objproc_cli
