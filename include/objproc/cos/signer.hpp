// SPDX-License-Identifier: MIT
// objproc/cos/signer.hpp - the COS request signature as a model of the signer contract
// (objproc/signer.hpp).
//
//   auto request = cos::ci_image_process{...}.prepare(endpoint);
//   auto signed_request = cos::signer{}.sign(*request, creds, now, crypto);  // valid for an hour
//   auto get = cos::presign_get{.bucket = "b-1250000000", .key = "a.jpg"}.prepare(endpoint);
//   auto url = cos::signer{}.presign(*get, creds, now, std::chrono::seconds{600}, crypto);
//
// The request says what it addresses (http::request::resource(): service "cos", bucket, key,
// region, set by the operations); the algorithm itself is in sign.hpp. sign() returns the
// request with Authorization (and the session token) set; presign() / presign_to() write
// request.url() followed by the q-* parameters, and refuse a request that already has one.
#ifndef OBJPROC_COS_SIGNER_HPP
#define OBJPROC_COS_SIGNER_HPP

#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "objproc/config.hpp"
#include "objproc/core/chrono.hpp"
#include "objproc/core/result.hpp"
#include "objproc/cos/credentials.hpp"
#include "objproc/cos/sign.hpp"
#include "objproc/crypto/concepts.hpp"
#include "objproc/http/request.hpp"
#include "objproc/signer.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace cos {

/// The service COS requests name in their resource.
inline constexpr std::string_view service_name = "cos";

namespace detail {

/// The request as the COS signature signs it (the views of objproc::detail::view_request), or
/// errc::invalid_argument for another service's request.
[[nodiscard]] inline result<signing_input> read_request(
    const http::request& request, objproc::detail::request_view& view) noexcept {
  if (auto r = objproc::detail::view_request(
          request, service_name,
          "not a COS request: build it with a cos operation, or set its resource", view);
      !r)
    return r.error();
  return signing_input{
      .method = view.method, .key = view.where.key, .query = view.query, .headers = view.headers};
}

}  // namespace detail

/// The COS XML API signature (q-sign-algorithm=sha1).
struct signer {
  using credentials_type = credentials;

  /// Header form: the key time window, [now, now + lifetime].
  std::chrono::seconds lifetime{3600};
  /// Header names signed besides host, pic-operations, content-*, x-cos-*, expires and
  /// cache-control (any case).
  std::span<const std::string_view> additional_headers = {};

  /// `request` is copied, or signed in place when it is an rvalue (see objproc/signer.hpp).
  template <class Request, class Crypto>
  requires http::request_argument<Request>
  [[nodiscard]] result<http::request> sign(Request&& request, const credentials& creds,
                                           std::chrono::sys_seconds now,
                                           const Crypto& crypto) const {
    static_assert(crypto_provider<Crypto>,
                  "objproc::cos::signer requires a crypto_provider: see "
                  "objproc/crypto/concepts.hpp");
    objproc::detail::request_view view;
    const auto input = detail::read_request(request, view);
    if (!input) return input.error();
    return http::detail::with_scratch<2048>(
        [&](http::detail::span_writer& scratch) -> result<http::request> {
          detail::sign_parts parts;
          if (auto r = detail::sign_core(*input, creds, now, lifetime, crypto,
                                         options(signature_placement::header), scratch, parts);
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
                  "objproc::cos::signer requires a crypto_provider: see "
                  "objproc/crypto/concepts.hpp");
    objproc::detail::request_view view;
    const auto input = detail::read_request(request, view);
    if (!input) return input.error();
    static constexpr std::array<std::string_view, 7> owned = {
        "q-sign-algorithm", "q-ak",       "q-sign-time", "q-key-time", "q-header-list",
        "q-url-param-list", "q-signature"};
    if (auto r = objproc::detail::check_unsigned_query(view.query, owned); !r) return r.error();
    http::detail::span_writer scratch(scratch_text);
    detail::sign_parts parts;
    if (auto r = detail::sign_core(*input, creds, now, expires, crypto,
                                   options(signature_placement::query), scratch, parts);
        !r)
      return objproc::detail::scratch_error(r.error(), scratch);
    http::detail::span_writer url(out);
    request.write_url(url, parts.query().span());
    return http::detail::written_url(url);
  }

 private:
  [[nodiscard]] sign_options options(signature_placement placement) const noexcept {
    return sign_options{.placement = placement, .additional_headers = additional_headers};
  }
};

/// Signs `request` with `s` (by default a header signature valid for an hour).
/// An rvalue request is signed in place (no copy).
template <class Request, class Crypto, class Signer = signer>
requires http::request_argument<Request>
[[nodiscard]] result<http::request> sign(Request&& request, const credentials& creds,
                                         std::chrono::sys_seconds now, const Crypto& crypto,
                                         const Signer& s = {}) {
  static_assert(request_signer<Signer, Crypto>,
                "objproc::cos::sign: the signer must model objproc::request_signer "
                "(cos::signer) and Crypto a crypto_provider: see objproc/signer.hpp");
  return s.sign(std::forward<Request>(request), creds, now, crypto);
}

}  // namespace cos

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_COS_SIGNER_HPP
