// SPDX-License-Identifier: MIT
// tools/objproc/environment.hpp - credentials and the clock, the two inputs a signer never
// guesses: keys come from the vendors' environment variables (through the library), or, for a
// dry run without them, from clearly fake example keys announced by a banner.
#ifndef OBJPROC_TOOLS_ENVIRONMENT_HPP
#define OBJPROC_TOOLS_ENVIRONMENT_HPP

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <objproc/credentials.hpp>

#include "operation.hpp"

namespace objproc_cli {

/// The keys of `p` from the environment (OSS_ACCESS_KEY_ID ...; COS_SECRET_ID ... or
/// TENCENTCLOUD_SECRET_ID ...).
[[nodiscard]] objproc::result<objproc::owned_credentials> environment_credentials(provider p);

/// The vendors' documentation example keys: they sign like real ones and open nothing.
[[nodiscard]] objproc::owned_credentials example_credentials(provider p);

/// Prints the "example credentials" banner to stderr; `dry_run`: nothing will be sent.
void print_example_banner(provider p, bool dry_run);

/// The latest signing time the signers' date formats can express (9999-12-31T23:59:59Z).
inline constexpr std::int64_t max_unix_time = 253402300799;
/// The longest duration accepted for --expires (a century; the services cap it far lower).
inline constexpr std::int64_t max_seconds = 100LL * 365 * 86400;

/// "1795248000" as the signing time; nullopt for anything but a non-negative integer.
[[nodiscard]] std::optional<std::chrono::sys_seconds> parse_unix_time(std::string_view text);
/// A positive number of seconds; nullopt otherwise.
[[nodiscard]] std::optional<std::chrono::seconds> parse_seconds(std::string_view text);

[[nodiscard]] std::chrono::sys_seconds now();

/// Whether this build can send requests (the curl adapter was found at build time).
[[nodiscard]] constexpr bool can_send() noexcept {
#ifdef OBJPROC_CLI_HAS_CURL
  return true;
#else
  return false;
#endif
}

}  // namespace objproc_cli

#endif  // OBJPROC_TOOLS_ENVIRONMENT_HPP
