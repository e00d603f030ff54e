// SPDX-License-Identifier: MIT
// tests/archetypes/request_signer.hpp - the smallest type that models request_signer: exactly
// sign, presign_to and presign over a request and its credentials type, each reporting failure.
// It proves the concept asks for no more than its comment says; the near misses below each break
// one requirement and must not model it.
#ifndef OBJPROC_TESTS_ARCHETYPES_REQUEST_SIGNER_HPP
#define OBJPROC_TESTS_ARCHETYPES_REQUEST_SIGNER_HPP

#include <cstddef>
#include <span>
#include <string>

#include "archetypes/crypto_provider.hpp"
#include "objproc/signer.hpp"

namespace archetypes {

struct signer_credentials {};

struct request_signer {
  using credentials_type = signer_credentials;
  template <class Crypto>
  objproc::result<objproc::http::request> sign(const objproc::http::request&,
                                               const signer_credentials&,
                                               std::chrono::sys_seconds, const Crypto&) const {
    return objproc::error{objproc::errc::crypto_failed};
  }
  template <class Crypto>
  objproc::result<std::size_t> presign_to(std::span<char>, const objproc::http::request&,
                                          const signer_credentials&, std::chrono::sys_seconds,
                                          std::chrono::seconds, const Crypto&) const {
    return objproc::error{objproc::errc::crypto_failed};
  }
  template <class Crypto>
  objproc::result<std::string> presign(const objproc::http::request&, const signer_credentials&,
                                       std::chrono::sys_seconds, std::chrono::seconds,
                                       const Crypto&) const {
    return objproc::error{objproc::errc::crypto_failed};
  }
};
static_assert(objproc::request_signer<request_signer, crypto_provider>,
              "the archetype must model request_signer");

struct signer_without_presign_to {  // a string URL only: not a signer (no heap-free form)
  using credentials_type = signer_credentials;
  template <class Crypto>
  objproc::result<objproc::http::request> sign(const objproc::http::request&,
                                               const signer_credentials&,
                                               std::chrono::sys_seconds, const Crypto&) const {
    return objproc::error{objproc::errc::crypto_failed};
  }
  template <class Crypto>
  objproc::result<std::string> presign(const objproc::http::request&, const signer_credentials&,
                                       std::chrono::sys_seconds, std::chrono::seconds,
                                       const Crypto&) const {
    return objproc::error{objproc::errc::crypto_failed};
  }
};
static_assert(!objproc::request_signer<signer_without_presign_to, crypto_provider>);

struct signer_returning_headers {  // sign returns something else than the signed request
  using credentials_type = signer_credentials;
  template <class Crypto>
  objproc::result<std::string> sign(const objproc::http::request&, const signer_credentials&,
                                    std::chrono::sys_seconds, const Crypto&) const {
    return objproc::error{objproc::errc::crypto_failed};
  }
  template <class Crypto>
  objproc::result<std::size_t> presign_to(std::span<char>, const objproc::http::request&,
                                          const signer_credentials&, std::chrono::sys_seconds,
                                          std::chrono::seconds, const Crypto&) const {
    return objproc::error{objproc::errc::crypto_failed};
  }
  template <class Crypto>
  objproc::result<std::string> presign(const objproc::http::request&, const signer_credentials&,
                                       std::chrono::sys_seconds, std::chrono::seconds,
                                       const Crypto&) const {
    return objproc::error{objproc::errc::crypto_failed};
  }
};
static_assert(!objproc::request_signer<signer_returning_headers, crypto_provider>);

}  // namespace archetypes

#endif  // OBJPROC_TESTS_ARCHETYPES_REQUEST_SIGNER_HPP
