// SPDX-License-Identifier: MIT
// objproc/signer.hpp - the signer contract: one request in, a signed request or a presigned URL
// out. OSS V4, OSS V1 (oss/signer.hpp) and COS (cos/signer.hpp) are its three models.
//
//   auto request = oss::process_object{...}.prepare(endpoint);        // knows bucket, key, region
//   auto signed_request = oss::v4_signer{}.sign(*request, creds, now, crypto);
//   auto url = oss::v4_signer{}.presign(*get, creds, now, std::chrono::seconds{600}, crypto);
//   auto n = cos::signer{}.presign_to(buffer, *get, creds, now, std::chrono::seconds{600}, crypto);
//
// Every model takes the same parameters in the same order - (request, credentials, time,
// [expires,] crypto), with the caller's buffer first for presign_to - and reads what it signs
// for (the service, bucket, key and region) from the request's resource: there is no other
// channel. presign and presign_to write the URL with http::request::write_url, the same writer
// as request::url(), followed by the signature's parameters; presign is presign_to over buffers
// that grow until the URL fits (detail::presign_to / detail::presign: the one presign helper).
#ifndef OBJPROC_SIGNER_HPP
#define OBJPROC_SIGNER_HPP

#include <array>
#include <concepts>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include "objproc/config.hpp"
#include "objproc/core/chrono.hpp"
#include "objproc/core/result.hpp"
#include "objproc/crypto/concepts.hpp"
#include "objproc/http/request.hpp"

OBJPROC_NAMESPACE_BEGIN

/// A signer of requests for `S::credentials_type`, hashing with `Crypto`:
///   s.sign(request, creds, now, crypto)                      -> result<http::request>
///     the request with its signature headers (the request itself is unchanged; the models
///     also take an rvalue, http::request_argument, and then sign it in place, without a copy);
///   s.presign_to(out, request, creds, now, expires, crypto)  -> result<std::size_t>
///     the presigned URL written into `out` without the heap (errc::buffer_too_small; a request
///     whose work text outgrows detail::presign_scratch_size: errc::value_out_of_range);
///   s.presign(request, creds, now, expires, crypto)          -> result<std::string>
///     the same bytes as a string, whatever their length.
template <class S, class Crypto>
concept request_signer = crypto_provider<Crypto> &&
    requires(const S& s, const http::request& request, const typename S::credentials_type& creds,
             std::chrono::sys_seconds now, std::chrono::seconds expires, const Crypto& crypto,
             std::span<char> out) {
  { s.sign(request, creds, now, crypto) } -> std::same_as<result<http::request>>;
  { s.presign_to(out, request, creds, now, expires, crypto) } -> std::same_as<result<std::size_t>>;
  { s.presign(request, creds, now, expires, crypto) } -> std::same_as<result<std::string>>;
};

namespace detail {

/// Scratch text presign_to keeps on the stack (the signer's encoded fields and strings to sign).
/// A request that needs more gets errc::value_out_of_range from presign_to, whatever the size
/// of its `out` (presign and presign_into with a larger scratch cope).
inline constexpr std::size_t presign_scratch_size = 4096;

/// What a model's presign_into returns when its work text, not the URL, outgrows `scratch`:
/// errc::buffer_too_small, as for a short `out`, but saying which buffer it was.
inline constexpr std::string_view scratch_too_small_detail =
    "the work text does not fit the scratch buffer";

/// For the models' presign_into: the error `e` of the step that wrote into `scratch`, naming the
/// scratch buffer when that step ran out of room.
[[nodiscard]] constexpr error scratch_error(const error& e,
                                            const http::detail::span_writer& scratch) noexcept {
  if (e.code == errc::buffer_too_small && scratch.overflowed())
    return error{errc::buffer_too_small, error::no_offset, scratch_too_small_detail};
  return e;
}

/// What every signer reads of a request, as views of it (keep the request alive and unchanged
/// while they are used): its method, its resource, and its query and headers, copied as views
/// into arrays on the stack (written before read: no zero-fill of 64 fields each per signature).
/// Each vendor turns these into its algorithm's input (oss::detail::input_of, cos::detail::...).
struct request_view {
  http::detail::uninitialized_array<http::query_field, http::max_signed_fields> query_storage;
  http::detail::uninitialized_array<http::header_field, http::max_signed_fields> header_storage;
  std::string_view method;
  http::resource where;
  std::span<const http::query_field> query;
  std::span<const http::header_field> headers;
};

/// Fills `view` from `request`, refusing a request addressed to another service than
/// `service` (`refusal` says which one the signer expected) or with more fields than a
/// signature takes (errc::too_many_fields).
[[nodiscard]] inline result<void> view_request(const http::request& request,
                                               std::string_view service, std::string_view refusal,
                                               request_view& view) noexcept {
  view.where = request.resource();
  if (view.where.service != service)
    return error{errc::invalid_argument, error::no_offset, refusal};
  auto query = request.query_fields(view.query_storage.span());
  if (!query) return query.error();
  auto headers = request.header_fields(view.header_storage.span());
  if (!headers) return headers.error();
  view.method = http::to_string(request.method());
  view.query = *query;
  view.headers = *headers;
  return {};
}

/// A presigned URL adds the signature's parameters (`owned`, any case): a request that carries
/// one already would send it twice, so every model refuses it first.
[[nodiscard]] inline result<void> check_unsigned_query(std::span<const http::query_field> query,
                                                       std::span<const std::string_view> owned) {
  for (const http::query_field& q : query)
    for (const std::string_view name : owned)
      if (http::detail::iequals(q.key, name))
        return error{errc::conflicting_parameters, error::no_offset,
                     "the request already carries a signature parameter"}
            .in_field(fields::query);
  return {};
}

/// The one presign helper. A model provides
///   presign_into(out, scratch, request, creds, now, expires, crypto) -> result<std::size_t>
/// (the URL into `out`, its work text into `scratch`, both the caller's), and its presign_to and
/// presign are these two: presign_to over a stack scratch, presign over stack buffers and then
/// heap buffers that double until the URL fits.
template <class Model, class Credentials, class Crypto>
[[nodiscard]] result<std::size_t> presign_to(const Model& model, std::span<char> out,
                                             const http::request& request, const Credentials& creds,
                                             std::chrono::sys_seconds now,
                                             std::chrono::seconds expires, const Crypto& crypto) {
  std::array<char, presign_scratch_size> stack;  // written before read: no need to clear it
  auto n = model.presign_into(out, stack, request, creds, now, expires, crypto);
  // Not buffer_too_small: a caller growing `out` until the URL fits would never get there.
  if (!n && n.error().detail == scratch_too_small_detail)
    return error{errc::value_out_of_range, error::no_offset,
                 "the request needs more work text than presign_to keeps on the stack "
                 "(presign_scratch_size): use presign, or presign_into with a larger scratch"};
  return n;
}

template <class Model, class Credentials, class Crypto>
[[nodiscard]] result<std::string> presign(const Model& model, const http::request& request,
                                          const Credentials& creds, std::chrono::sys_seconds now,
                                          std::chrono::seconds expires, const Crypto& crypto) {
  std::array<char, 2048> url;
  std::array<char, presign_scratch_size> stack;
  auto n = model.presign_into(url, stack, request, creds, now, expires, crypto);
  if (n) return std::string(url.data(), *n);
  // Long inputs: a byte encodes to at most three and appears a few times in the scratch, so a
  // few doublings reach any URL a request can make; the cap only stops a runaway loop.
  std::string heap_url;
  std::string heap_scratch;
  for (std::size_t size = 4 * presign_scratch_size; !n && n.error().code == errc::buffer_too_small;
       size *= 2) {
    if (size > (std::size_t{1} << 26))
      return error{errc::buffer_too_small, error::no_offset, "the presigned URL is too long"};
    heap_url.assign(size, '\0');
    heap_scratch.assign(size, '\0');
    n = model.presign_into(heap_url, heap_scratch, request, creds, now, expires, crypto);
  }
  if (!n) return n.error();
  heap_url.resize(*n);
  return heap_url;
}

}  // namespace detail

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_SIGNER_HPP
