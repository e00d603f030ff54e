// SPDX-License-Identifier: MIT
// objproc/client_options.hpp - how a client retries and signs: its options, and what its
// signers keep between requests. The vendors read these in their operation traits
// (oss/traits.hpp, cos/traits.hpp: `signer(options, state)`), so the client itself never
// chooses a vendor's signer.
#ifndef OBJPROC_CLIENT_OPTIONS_HPP
#define OBJPROC_CLIENT_OPTIONS_HPP

#include <cstdint>

#include "objproc/config.hpp"
#include "objproc/core/chrono.hpp"
#include "objproc/oss/key_cache.hpp"
#include "objproc/oss/signer.hpp"
#include "objproc/retry.hpp"

OBJPROC_NAMESPACE_BEGIN

struct client_options {
  retry_policy retry = {};
  oss::signature_version oss_signature = oss::signature_version::v4;
  std::chrono::seconds cos_signature_lifetime{3600};  // COS header signatures: key time window
  std::uint64_t jitter_seed = 0;                      // 0: seeded from the clock and address
  /// How the synchronous client waits between attempts; nullptr: the calling thread sleeps
  /// (as std::this_thread::sleep_for).
  void (*sleep)(std::chrono::milliseconds) = nullptr;
};

/// What a client's signers keep from one request to the next (a client is per thread, and so
/// is this): OSS V4 derives its signing key once a day.
struct signing_state {
  oss::v4_key_cache v4_keys;
};

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_CLIENT_OPTIONS_HPP
