// SPDX-License-Identifier: MIT
// objproc/oss/key_cache.hpp - a caller-owned cache of one V4 signing key.
//
//   thread_local oss::v4_key_cache cache;             // one per thread: no locks, no sharing
//   auto signed_request = oss::sign(prepared, creds, now, crypto::portable{}, cache);
//   auto n = oss::presign_to(op, endpoint, creds, now, crypto::portable{}, buffer, cache);
//
// A V4 signing key is four HMACs of the secret, the day, the region and the product; a cache hit
// replaces them with a few compares. The cache holds the last key it derived and a copy of the
// secret it came from (in a fixed inline buffer: secrets are at most
// v4_signing_key::max_secret_size bytes, so no heap). A hit needs the same day, region and
// product and a byte-for-byte equal secret, compared in constant time (the time depends on the
// length of the secret passed in, never on where it differs): a cache never signs with a key of
// other credentials. Checking identity by the secret itself costs a compare; the former
// fingerprint, HMAC-SHA256(key, secret), cost four compressions per hit, as much as 40% of a
// whole cached signature.
//
// Key material: the cache therefore holds a secret, like the credentials it is given. Both the
// key and the secret copy are wiped by clear() and on destruction; copying is disabled (a copy
// would be a second place holding them). Not thread-safe by design: one cache per thread, no
// locks, no sharing, so signing scales with cores.
#ifndef OBJPROC_OSS_KEY_CACHE_HPP
#define OBJPROC_OSS_KEY_CACHE_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string_view>

#include "objproc/config.hpp"
#include "objproc/core/chrono.hpp"
#include "objproc/core/result.hpp"
#include "objproc/crypto/concepts.hpp"
#include "objproc/oss/credentials.hpp"
#include "objproc/oss/sign_v4.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace oss {

/// One V4 signing key and the secret it was derived from. One per thread; no locks, no sharing.
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
    if (key_ && key_->matches(when, region, product) && same_secret(creds.access_key_secret)) {
      ++hits_;
      return &*key_;
    }
    auto derived = v4_signing_key::derive(creds, when, region, crypto, product);
    if (!derived) return derived.error();
    clear();
    // derive() refused secrets longer than the buffer.
    const std::string_view secret = creds.access_key_secret;
    for (std::size_t i = 0; i < secret.size(); ++i) secret_[i] = secret[i];
    secret_size_ = secret.size();
    key_.emplace(*derived);
    ++derivations_;
    return &*key_;
  }

  /// Forgets the key and the secret (both wiped).
  void clear() noexcept {
    key_.reset();
    detail::v4_wipe(std::span<char>(secret_));
    secret_size_ = 0;
  }

  /// Whether a key is held.
  [[nodiscard]] bool empty() const noexcept { return !key_.has_value(); }
  /// How many keys were derived, and how many requests reused one (for tests and tuning).
  [[nodiscard]] std::uint64_t derivations() const noexcept { return derivations_; }
  [[nodiscard]] std::uint64_t hits() const noexcept { return hits_; }

 private:
  /// Whether `secret` is the held one. No early exit on a differing byte: the loop runs over
  /// all of `secret` (bytes past the held size are zero in the buffer and the size is compared
  /// too), so the time says nothing about the held secret's bytes. A word at a time (a byte loop
  /// cost 200 instructions per signature).
  [[nodiscard]] bool same_secret(std::string_view secret) const noexcept {
    if (secret.size() > secret_.size()) return false;  // never held: derive() refuses it
    const std::size_t n = secret.size();
    std::uint64_t diff = n ^ secret_size_;
    if (n >= 4) {
      objproc::detail::for_each_word(n, [&](std::size_t at, auto word) {
        using word_type = decltype(word);
        diff |= objproc::detail::load_word<word_type>(secret.data() + at) ^
                objproc::detail::load_word<word_type>(secret_.data() + at);
        return true;  // never an early exit
      });
    } else {
      for (std::size_t i = 0; i < n; ++i)
        diff |= static_cast<unsigned char>(secret[i] ^ secret_[i]);
    }
    return diff == 0;
  }

  std::optional<v4_signing_key> key_;
  std::array<char, v4_signing_key::max_secret_size> secret_{};
  std::size_t secret_size_ = 0;
  std::uint64_t derivations_ = 0;
  std::uint64_t hits_ = 0;
};

}  // namespace oss

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_OSS_KEY_CACHE_HPP
