// objproc/oss/key_cache.hpp - a caller-owned cache of one V4 signing key.
//
//   thread_local oss::v4_key_cache cache;             // one per thread: no locks, no sharing
//   auto signed_request = oss::sign(prepared, creds, now, crypto::portable{}, cache);
//   auto n = oss::presign_to(op, endpoint, creds, now, crypto::portable{}, buffer, cache);
//
// A V4 signing key is four HMACs of the secret, the day, the region and the product; a cache hit
// replaces them with one HMAC (the fingerprint check below). The cache holds the last key it
// derived and a fingerprint of the secret it came from, HMAC-SHA256(key, secret): never the
// secret itself, and nothing a reader could use beyond the key, which is already secret-
// equivalent for its day and region. A different secret, day, region or product derives a new
// key, so a cache never signs with a key of other credentials. Both are wiped on destruction.
//
// Not thread-safe by design: one cache per thread, no locks, no sharing, so signing scales with
// cores. Copying is disabled (a copy would be a second place holding a secret-equivalent key).
#ifndef OBJPROC_OSS_KEY_CACHE_HPP
#define OBJPROC_OSS_KEY_CACHE_HPP

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "objproc/config.hpp"
#include "objproc/core/result.hpp"
#include "objproc/crypto/concepts.hpp"
#include "objproc/oss/credentials.hpp"
#include "objproc/oss/sign_v4.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace oss {

/// One V4 signing key and the fingerprint of its secret. One per thread; no locks, no sharing.
class v4_key_cache {
 public:
  v4_key_cache() = default;
  v4_key_cache(const v4_key_cache&) = delete;
  v4_key_cache& operator=(const v4_key_cache&) = delete;
  ~v4_key_cache() { clear(); }

  /// The key for (creds' secret, the day of `when`, region, product): the cached one when all
  /// four match, else a newly derived one that replaces it. Valid until the next call or clear().
  template <class Crypto>
  [[nodiscard]] result<const v4_signing_key*> key(const credentials& creds,
                                                  std::chrono::sys_seconds when,
                                                  std::string_view region, const Crypto& crypto,
                                                  std::string_view product = "oss") {
    static_assert(crypto_provider<Crypto>,
                  "objproc::oss::v4_key_cache requires a crypto_provider: see "
                  "objproc/crypto/concepts.hpp");
    if (key_ && key_->matches(when, region, product)) {
      sha256_digest fingerprint{};
      if (auto r = fingerprint_of(*key_, creds, crypto, fingerprint); !r) return r.error();
      const bool same = equal(fingerprint, fingerprint_);
      detail::v4_wipe(fingerprint);
      if (same) {
        ++hits_;
        return &*key_;
      }
    }
    auto derived = v4_signing_key::derive(creds, when, region, crypto, product);
    if (!derived) return derived.error();
    clear();
    if (auto r = fingerprint_of(*derived, creds, crypto, fingerprint_); !r) return r.error();
    key_.emplace(*derived);
    ++derivations_;
    return &*key_;
  }

  /// Forgets the key (wiped).
  void clear() noexcept {
    key_.reset();
    detail::v4_wipe(fingerprint_);
  }

  /// Whether a key is held.
  [[nodiscard]] bool empty() const noexcept { return !key_.has_value(); }
  /// How many keys were derived, and how many requests reused one (for tests and tuning).
  [[nodiscard]] std::uint64_t derivations() const noexcept { return derivations_; }
  [[nodiscard]] std::uint64_t hits() const noexcept { return hits_; }

 private:
  template <class Crypto>
  [[nodiscard]] static result<void> fingerprint_of(const v4_signing_key& key,
                                                   const credentials& creds, const Crypto& crypto,
                                                   sha256_digest& out) {
    if (auto r = crypto.hmac_sha256(key.bytes(), as_bytes(creds.access_key_secret), out); !r)
      return r.error();
    return {};
  }

  /// Compares without an early exit (the time taken says nothing of where they differ).
  [[nodiscard]] static bool equal(const sha256_digest& a, const sha256_digest& b) noexcept {
    std::byte diff{0};
    for (std::size_t i = 0; i < a.size(); ++i) diff |= a[i] ^ b[i];
    return diff == std::byte{0};
  }

  std::optional<v4_signing_key> key_;
  sha256_digest fingerprint_{};
  std::uint64_t derivations_ = 0;
  std::uint64_t hits_ = 0;
};

}  // namespace oss

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_OSS_KEY_CACHE_HPP
