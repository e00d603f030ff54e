// SPDX-License-Identifier: MIT
// objproc/adapters/openssl.hpp - openssl::crypto: a crypto_provider backed by OpenSSL 3.
//
//   objproc::openssl::crypto provider;  auto digest = objproc::crypto::sha256(provider, bytes);
// Link with libcrypto (-lcrypto). Uses the default library context and property query, so an
// openssl.cnf that activates, say, the FIPS provider applies. Never throws (builds with
// -fno-exceptions). Every failure is errc::crypto_failed with a short static detail and the first
// queued OpenSSL error code (ERR_get_error) in provider_code; the rest of the thread's error
// queue is cleared so that stale entries cannot confuse later OpenSSL calls (SSL_get_error).
// Unlike crypto::portable, OpenSSL allocates internally (contexts, once per thread and
// algorithm: they are reused by later calls); objproc allocates nothing.
#ifndef OBJPROC_ADAPTERS_OPENSSL_HPP
#define OBJPROC_ADAPTERS_OPENSSL_HPP

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/opensslv.h>
#include <openssl/params.h>

#include <cstddef>
#include <span>
#include <string_view>

// With the split headers on the include path, only what this adapter needs; with only the
// single header (single_include/), that header, which holds all of it.
#if __has_include("objproc/config.hpp")
#  include "objproc/config.hpp"
#  include "objproc/core/result.hpp"
#  include "objproc/crypto/concepts.hpp"
#else
#  include "objproc/objproc.hpp"
#endif

#if !defined(OPENSSL_VERSION_MAJOR) || OPENSSL_VERSION_MAJOR < 3
#  error "objproc/adapters/openssl.hpp requires OpenSSL 3 (EVP_MD_fetch, EVP_MAC)"
#endif

OBJPROC_NAMESPACE_BEGIN

namespace openssl {

namespace detail {

/// errc::crypto_failed carrying the first queued OpenSSL error; clears the rest of the queue.
[[nodiscard]] inline objproc::error failure(std::string_view detail,
                                            unsigned long code = ERR_get_error()) noexcept {
  ERR_clear_error();
  return objproc::error{errc::crypto_failed, objproc::error::no_offset, detail,
                        static_cast<long>(code)};
}

// Why function-local statics rather than members: fetching takes the method store's lock, so
// it happens once per process, on first use (C++ guarantees thread-safe initialization; later
// calls only test the guard), and never on the hot path. The provider itself stays an empty,
// trivially copyable value, free to construct anywhere. The algorithms are deliberately never
// freed: a static destructor elsewhere may still sign during exit; they stay reachable (no leak
// report) and OpenSSL's own exit handler tears the library down.
struct fetched_algorithms {
  EVP_MD* sha1 = nullptr;
  EVP_MD* sha256 = nullptr;
  EVP_MAC* hmac = nullptr;
  unsigned long fetch_error = 0;  // the first error if any fetch failed, reported on each use
};

[[nodiscard]] inline const fetched_algorithms& algorithms() noexcept {
  static const fetched_algorithms once = [] {
    fetched_algorithms fetched;
    fetched.sha1 = EVP_MD_fetch(nullptr, "SHA1", nullptr);
    fetched.sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    fetched.hmac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    if (!fetched.sha1 || !fetched.sha256 || !fetched.hmac) {
      fetched.fetch_error = ERR_get_error();
      ERR_clear_error();
    }
    return fetched;
  }();
  return once;
}

// One HMAC context per thread and digest, created on first use with its digest already set and
// then re-keyed by every call (EVP_MAC_init with the key and no parameters). Setting the digest
// by name on each call would fetch it again (a method-store lock) and a fresh context costs
// allocations: measured about twice as slow. Likewise one digest context per thread and
// algorithm, re-initialised by every call (EVP_DigestInit_ex2): EVP_Digest would allocate and
// free a context, and the provider's state inside it, on each hash. Per thread, so nothing is
// shared and nothing locks; freed when the thread exits. A digest context only ever hashes the
// public texts being signed; the HMAC contexts hold keyed state, as before.
class thread_hmac_contexts {
 public:
  thread_hmac_contexts() = default;
  thread_hmac_contexts(const thread_hmac_contexts&) = delete;
  thread_hmac_contexts& operator=(const thread_hmac_contexts&) = delete;
  ~thread_hmac_contexts() {
    EVP_MAC_CTX_free(sha1);
    EVP_MAC_CTX_free(sha256);
    EVP_MD_CTX_free(sha1_digest);
    EVP_MD_CTX_free(sha256_digest);
  }

  EVP_MAC_CTX* sha1 = nullptr;
  EVP_MAC_CTX* sha256 = nullptr;
  EVP_MD_CTX* sha1_digest = nullptr;
  EVP_MD_CTX* sha256_digest = nullptr;
};

[[nodiscard]] inline thread_hmac_contexts& this_thread_hmac_contexts() noexcept {
  thread_local thread_hmac_contexts contexts;
  return contexts;
}

// OpenSSL takes unsigned char; std::byte and unsigned char may alias each other. Some calls
// treat a null pointer as "no key" or reject it even with length 0, so empty spans get a
// valid address instead.
[[nodiscard]] inline const unsigned char* bytes_of(std::span<const std::byte> bytes) noexcept {
  static constexpr unsigned char nothing = 0;
  return bytes.empty() ? &nothing : reinterpret_cast<const unsigned char*>(bytes.data());
}
[[nodiscard]] inline unsigned char* bytes_of(std::span<std::byte> bytes) noexcept {
  return reinterpret_cast<unsigned char*>(bytes.data());
}

[[nodiscard]] inline result<void> digest(EVP_MD_CTX*& context, const EVP_MD* md,
                                         std::span<const std::byte> message,
                                         std::span<std::byte> out) noexcept {
  if (md == nullptr) return failure("digest unavailable", algorithms().fetch_error);
  if (context == nullptr) {
    context = EVP_MD_CTX_new();
    if (context == nullptr) return failure("EVP_MD_CTX_new failed");
  }
  std::string_view failed_step;
  unsigned int written = 0;
  if (EVP_DigestInit_ex2(context, md, nullptr) != 1) {
    failed_step = "EVP_DigestInit_ex2 failed";
  } else if (EVP_DigestUpdate(context, bytes_of(message), message.size()) != 1) {
    failed_step = "EVP_DigestUpdate failed";
  } else if (EVP_DigestFinal_ex(context, bytes_of(out), &written) != 1) {
    failed_step = "EVP_DigestFinal_ex failed";
  } else if (written != out.size()) {
    return failure("unexpected digest size", 0);
  } else {
    return {};
  }
  // A context in an unknown state is dropped; the next call on this thread makes a new one.
  const objproc::error e = failure(failed_step);
  EVP_MD_CTX_free(context);
  context = nullptr;
  return e;
}

// `digest_name` is writable because OSSL_PARAM_construct_utf8_string takes a char*.
[[nodiscard]] inline result<void> hmac(EVP_MAC_CTX*& context, char* digest_name,
                                       std::span<const std::byte> key,
                                       std::span<const std::byte> message,
                                       std::span<std::byte> out) noexcept {
  if (context == nullptr) {
    const fetched_algorithms& fetched = algorithms();
    if (fetched.hmac == nullptr) return failure("HMAC unavailable", fetched.fetch_error);
    context = EVP_MAC_CTX_new(fetched.hmac);
    if (context == nullptr) return failure("EVP_MAC_CTX_new failed");
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0),
        OSSL_PARAM_construct_end()};
    if (EVP_MAC_CTX_set_params(context, params) != 1) {
      const objproc::error e = failure("HMAC digest not set");
      EVP_MAC_CTX_free(context);
      context = nullptr;
      return e;
    }
  }
  std::string_view failed_step;
  std::size_t written = 0;
  if (EVP_MAC_init(context, bytes_of(key), key.size(), nullptr) != 1) {
    failed_step = "EVP_MAC_init failed";
  } else if (EVP_MAC_update(context, bytes_of(message), message.size()) != 1) {
    failed_step = "EVP_MAC_update failed";
  } else if (EVP_MAC_final(context, bytes_of(out), &written, out.size()) != 1) {
    failed_step = "EVP_MAC_final failed";
  } else if (written != out.size()) {
    return failure("unexpected HMAC size", 0);
  } else {
    return {};
  }
  // A context in an unknown state is dropped; the next call on this thread makes a new one.
  const objproc::error e = failure(failed_step);
  EVP_MAC_CTX_free(context);
  context = nullptr;
  return e;
}

}  // namespace detail

/// SHA-1, SHA-256 and their HMACs through OpenSSL 3's EVP interfaces. Thread-safe; cheap to copy.
class crypto {
 public:
  [[nodiscard]] result<void> sha1(std::span<const std::byte> message,
                                  std::span<std::byte, 20> out) const noexcept {
    return detail::digest(detail::this_thread_hmac_contexts().sha1_digest,
                          detail::algorithms().sha1, message, out);
  }

  [[nodiscard]] result<void> sha256(std::span<const std::byte> message,
                                    std::span<std::byte, 32> out) const noexcept {
    return detail::digest(detail::this_thread_hmac_contexts().sha256_digest,
                          detail::algorithms().sha256, message, out);
  }

  [[nodiscard]] result<void> hmac_sha1(std::span<const std::byte> key,
                                       std::span<const std::byte> message,
                                       std::span<std::byte, 20> out) const noexcept {
    char digest_name[] = "SHA1";
    return detail::hmac(detail::this_thread_hmac_contexts().sha1, digest_name, key, message, out);
  }

  [[nodiscard]] result<void> hmac_sha256(std::span<const std::byte> key,
                                         std::span<const std::byte> message,
                                         std::span<std::byte, 32> out) const noexcept {
    char digest_name[] = "SHA256";
    return detail::hmac(detail::this_thread_hmac_contexts().sha256, digest_name, key, message, out);
  }
};

static_assert(crypto_provider<crypto>, "openssl::crypto must model crypto_provider");

}  // namespace openssl

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_ADAPTERS_OPENSSL_HPP
