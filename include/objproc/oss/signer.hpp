// SPDX-License-Identifier: MIT
// objproc/oss/signer.hpp - OSS V4 and V1 as models of the signer contract (objproc/signer.hpp).
//
//   auto request = oss::process_object{...}.prepare(endpoint);
//   auto signed_request = oss::v4_signer{}.sign(*request, creds, now, crypto);
//   oss::v4_key_cache cache;                          // derive the V4 key once a day
//   auto again = oss::v4_signer{.cache = &cache}.sign(*request, creds, now, crypto);
//   auto get = oss::presign_get{.bucket = "b", .key = "a.jpg"}.prepare(endpoint);
//   auto url = oss::v1_signer{}.presign(*get, creds, now, std::chrono::seconds{600}, crypto);
//
// The request says what it addresses (http::request::resource(): service "oss", bucket, key,
// region, set by the operations); the algorithms themselves are in sign_v4.hpp and sign_v1.hpp.
// sign() returns the request with the signature's headers set (same-named headers replaced);
// presign() / presign_to() write request.url() followed by the signature's parameters, and
// refuse a request that already carries one of them.
#ifndef OBJPROC_OSS_SIGNER_HPP
#define OBJPROC_OSS_SIGNER_HPP

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "objproc/config.hpp"
#include "objproc/core/chrono.hpp"
#include "objproc/core/result.hpp"
#include "objproc/crypto/concepts.hpp"
#include "objproc/http/request.hpp"
#include "objproc/oss/credentials.hpp"
#include "objproc/oss/key_cache.hpp"
#include "objproc/oss/sign_v1.hpp"
#include "objproc/oss/sign_v4.hpp"
#include "objproc/signer.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace oss {

/// The service OSS requests name in their resource; V4 signs it as the product of its scope.
inline constexpr std::string_view service_name = "oss";

/// The OSS signature versions: V4 (OSS4-HMAC-SHA256, the default) and V1 (HMAC-SHA1).
enum class signature_version : unsigned char { v4, v1 };

namespace detail {

/// The mark the oss operations put on a request whose bucket and key passed check_resource when
/// they built it (http::resource_check): the signers then skip that check.
inline constexpr http::resource_check resource_checked{service_name};

/// The request as V4 and V1 sign it (the views of objproc::detail::view_request), or
/// errc::invalid_argument for another service's request. A request_input: v4_check and
/// v1_check leave out what the request's mutators already checked.
[[nodiscard]] inline result<request_input> read_request(
    const http::request& request, objproc::detail::request_view& view) noexcept {
  if (auto r = objproc::detail::view_request(
          request, service_name,
          "not an OSS request: build it with an oss operation, or set its resource", view);
      !r)
    return r.error();
  return request_input{signing_input{.method = view.method,
                                     .bucket = view.where.bucket,
                                     .key = view.where.key,
                                     .query = view.query,
                                     .headers = view.headers},
                       request.resource_checked() == &resource_checked};
}

}  // namespace detail

/// OSS V4 (OSS4-HMAC-SHA256). Without a cache the signing key is derived on each call (four
/// HMACs); with one it is derived once per secret, day and region.
struct v4_signer {
  using credentials_type = credentials;

  v4_key_cache* cache = nullptr;
  /// Header names signed besides content-type, content-md5 and x-oss-* (any case).
  std::span<const std::string_view> additional_headers = {};

  /// `request` is copied, or signed in place when it is an rvalue (see objproc/signer.hpp).
  template <class Request, class Crypto>
  requires http::request_argument<Request>
  [[nodiscard]] result<http::request> sign(Request&& request, const credentials& creds,
                                           std::chrono::sys_seconds now,
                                           const Crypto& crypto) const {
    static_assert(crypto_provider<Crypto>,
                  "objproc::oss::v4_signer requires a crypto_provider: see "
                  "objproc/crypto/concepts.hpp");
    objproc::detail::request_view view;
    const auto input = detail::read_request(request, view);
    if (!input) return input.error();
    const v4_options options = this->options();
    if (auto r = detail::v4_check(*input, creds, options); !r) return r.error();
    std::optional<v4_signing_key> derived;
    auto key = key_for(creds, now, request.resource().region, crypto, derived);
    if (!key) return key.error();
    return http::detail::with_scratch<2048>(
        [&](http::detail::span_writer& scratch) -> result<http::request> {
          detail::v4_header_parts parts;
          if (auto r = detail::v4_header_checked(input->input, creds, **key, now, crypto, options,
                                                 scratch, parts);
              !r)
            return r.error();
          // Built from checked parts only: the key id (visible ASCII), the token (no CR, LF or
          // NUL), the scope ([a-z0-9-]), digits and hex; the names are literals.
          return std::forward<Request>(request).with_headers(
              http::detail::signature_headers{parts.headers().span()});
        });
  }

  template <class Crypto>
  [[nodiscard]] result<std::size_t> presign_to(std::span<char> out, const http::request& request,
                                               const credentials& creds,
                                               std::chrono::sys_seconds now,
                                               std::chrono::seconds expires,
                                               const Crypto& crypto) const {
    return objproc::detail::presign_to(*this, out, request, creds, now, expires, crypto);
  }

  template <class Crypto>
  [[nodiscard]] result<std::string> presign(const http::request& request, const credentials& creds,
                                            std::chrono::sys_seconds now,
                                            std::chrono::seconds expires,
                                            const Crypto& crypto) const {
    return objproc::detail::presign(*this, request, creds, now, expires, crypto);
  }

  /// What presign_to and presign run: the URL into `out`, work text into `scratch`.
  template <class Crypto>
  [[nodiscard]] result<std::size_t> presign_into(std::span<char> out, std::span<char> scratch_text,
                                                 const http::request& request,
                                                 const credentials& creds,
                                                 std::chrono::sys_seconds now,
                                                 std::chrono::seconds expires,
                                                 const Crypto& crypto) const {
    static_assert(crypto_provider<Crypto>,
                  "objproc::oss::v4_signer requires a crypto_provider: see "
                  "objproc/crypto/concepts.hpp");
    objproc::detail::request_view view;
    const auto input = detail::read_request(request, view);
    if (!input) return input.error();
    static constexpr std::array<std::string_view, 7> owned = {
        "x-oss-additional-headers", "x-oss-credential", "x-oss-date",          "x-oss-expires",
        "x-oss-signature-version",  "x-oss-signature",  "x-oss-security-token"};
    if (auto r = objproc::detail::check_unsigned_query(view.query, owned); !r) return r.error();
    const v4_options options = this->options();
    if (auto r = detail::v4_check(*input, creds, options); !r) return r.error();
    std::optional<v4_signing_key> derived;
    auto key = key_for(creds, now, request.resource().region, crypto, derived);
    if (!key) return key.error();
    http::detail::span_writer scratch(scratch_text);
    detail::v4_query_parts parts;
    if (auto r = detail::v4_query_checked(input->input, creds, **key, now, expires, crypto, options,
                                          scratch, parts);
        !r)
      return objproc::detail::scratch_error(r.error(), scratch);
    http::detail::span_writer url(out);
    request.write_url(url, parts.query.span());
    return http::detail::written_url(url);
  }

 private:
  [[nodiscard]] v4_options options() const noexcept {
    return v4_options{.additional_headers = additional_headers, .product = service_name};
  }

  template <class Crypto>
  [[nodiscard]] result<const v4_signing_key*> key_for(
      const credentials& creds, std::chrono::sys_seconds now, std::string_view region,
      const Crypto& crypto, std::optional<v4_signing_key>& derived) const {
    if (cache != nullptr) return cache->key(creds, now, region, crypto);
    auto fresh = v4_signing_key::derive(creds, now, region, crypto);
    if (!fresh) return fresh.error();
    return &derived.emplace(*fresh);
  }
};

/// OSS V1 (HMAC-SHA1): "Authorization: OSS <id>:<signature>", or OSSAccessKeyId / Expires /
/// Signature in a presigned URL.
struct v1_signer {
  using credentials_type = credentials;

  /// Which header carries the time in the header form (x-oss-date, signed; or Date).
  v1_date_header date_header = v1_date_header::x_oss_date;
  /// Query keys signed besides the built-in list and x-oss-* (per-operation extras: "comp").
  std::span<const std::string_view> sub_resources = {};

  /// `request` is copied, or signed in place when it is an rvalue (see objproc/signer.hpp).
  template <class Request, class Crypto>
  requires http::request_argument<Request>
  [[nodiscard]] result<http::request> sign(Request&& request, const credentials& creds,
                                           std::chrono::sys_seconds now,
                                           const Crypto& crypto) const {
    static_assert(crypto_provider<Crypto>,
                  "objproc::oss::v1_signer requires a crypto_provider: see "
                  "objproc/crypto/concepts.hpp");
    objproc::detail::request_view view;
    const auto input = detail::read_request(request, view);
    if (!input) return input.error();
    if (auto r = detail::v1_check(*input, creds); !r) return r.error();
    return http::detail::with_scratch<2048>(
        [&](http::detail::span_writer& scratch) -> result<http::request> {
          detail::v1_header_parts parts;
          if (auto r = detail::v1_header_checked(input->input, creds, now, crypto, options(),
                                                 scratch, parts);
              !r)
            return r.error();
          // Built from checked parts only (credentials, digits, base64 or hex; literal names).
          return std::forward<Request>(request).with_headers(
              http::detail::signature_headers{parts.headers().span()});
        });
  }

  template <class Crypto>
  [[nodiscard]] result<std::size_t> presign_to(std::span<char> out, const http::request& request,
                                               const credentials& creds,
                                               std::chrono::sys_seconds now,
                                               std::chrono::seconds expires,
                                               const Crypto& crypto) const {
    return objproc::detail::presign_to(*this, out, request, creds, now, expires, crypto);
  }

  template <class Crypto>
  [[nodiscard]] result<std::string> presign(const http::request& request, const credentials& creds,
                                            std::chrono::sys_seconds now,
                                            std::chrono::seconds expires,
                                            const Crypto& crypto) const {
    return objproc::detail::presign(*this, request, creds, now, expires, crypto);
  }

  /// What presign_to and presign run: the URL into `out`, work text into `scratch`.
  template <class Crypto>
  [[nodiscard]] result<std::size_t> presign_into(std::span<char> out, std::span<char> scratch_text,
                                                 const http::request& request,
                                                 const credentials& creds,
                                                 std::chrono::sys_seconds now,
                                                 std::chrono::seconds expires,
                                                 const Crypto& crypto) const {
    static_assert(crypto_provider<Crypto>,
                  "objproc::oss::v1_signer requires a crypto_provider: see "
                  "objproc/crypto/concepts.hpp");
    objproc::detail::request_view view;
    const auto input = detail::read_request(request, view);
    if (!input) return input.error();
    static constexpr std::array<std::string_view, 4> owned = {"OSSAccessKeyId", "Expires",
                                                              "Signature", "security-token"};
    if (auto r = objproc::detail::check_unsigned_query(view.query, owned); !r) return r.error();
    if (auto r = detail::v1_check(*input, creds); !r) return r.error();
    http::detail::span_writer scratch(scratch_text);
    detail::v1_query_parts parts;
    if (auto r = detail::v1_query_checked(input->input, creds, now, expires, crypto, options(),
                                          scratch, parts);
        !r)
      return objproc::detail::scratch_error(r.error(), scratch);
    http::detail::span_writer url(out);
    request.write_url(url, parts.query.span());
    return http::detail::written_url(url);
  }

 private:
  [[nodiscard]] v1_options options() const noexcept {
    return v1_options{.date_header = date_header, .sub_resources = sub_resources};
  }
};

/// OSS with the version chosen at run time (a client option, a command-line flag): the V4 or
/// V1 model, as `version` says.
struct signer {
  using credentials_type = credentials;

  signature_version version = signature_version::v4;
  v4_key_cache* cache = nullptr;  // V4 only

  template <class Request, class Crypto>
  requires http::request_argument<Request>
  [[nodiscard]] result<http::request> sign(Request&& request, const credentials& creds,
                                           std::chrono::sys_seconds now,
                                           const Crypto& crypto) const {
    if (version == signature_version::v1)
      return v1_signer{}.sign(std::forward<Request>(request), creds, now, crypto);
    return v4_signer{.cache = cache}.sign(std::forward<Request>(request), creds, now, crypto);
  }

  template <class Crypto>
  [[nodiscard]] result<std::size_t> presign_to(std::span<char> out, const http::request& request,
                                               const credentials& creds,
                                               std::chrono::sys_seconds now,
                                               std::chrono::seconds expires,
                                               const Crypto& crypto) const {
    return objproc::detail::presign_to(*this, out, request, creds, now, expires, crypto);
  }

  template <class Crypto>
  [[nodiscard]] result<std::string> presign(const http::request& request, const credentials& creds,
                                            std::chrono::sys_seconds now,
                                            std::chrono::seconds expires,
                                            const Crypto& crypto) const {
    return objproc::detail::presign(*this, request, creds, now, expires, crypto);
  }

  template <class Crypto>
  [[nodiscard]] result<std::size_t> presign_into(std::span<char> out, std::span<char> scratch_text,
                                                 const http::request& request,
                                                 const credentials& creds,
                                                 std::chrono::sys_seconds now,
                                                 std::chrono::seconds expires,
                                                 const Crypto& crypto) const {
    if (version == signature_version::v1)
      return v1_signer{}.presign_into(out, scratch_text, request, creds, now, expires, crypto);
    return v4_signer{.cache = cache}.presign_into(out, scratch_text, request, creds, now, expires,
                                                  crypto);
  }
};

/// Signs `request` with `signer` (V4 by default): the request with its signature headers. An
/// rvalue request is signed in place (`oss::sign(*std::move(prepared), ...)`: no copy).
template <class Request, class Crypto, class Signer = v4_signer>
requires http::request_argument<Request>
[[nodiscard]] result<http::request> sign(Request&& request, const credentials& creds,
                                         std::chrono::sys_seconds now, const Crypto& crypto,
                                         const Signer& signer = {}) {
  static_assert(request_signer<Signer, Crypto>,
                "objproc::oss::sign: the signer must model objproc::request_signer (v4_signer, "
                "v1_signer) and Crypto a crypto_provider: see objproc/signer.hpp");
  return signer.sign(std::forward<Request>(request), creds, now, crypto);
}

}  // namespace oss

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_OSS_SIGNER_HPP
