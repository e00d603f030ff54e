// SPDX-License-Identifier: MIT
// libFuzzer target for the signer contract (objproc/signer.hpp) and its three models: OSS V4
// (with and without a key cache), OSS V1 and COS, on requests built by hand from hostile fields
// (the mutators' own checks apply; the resource carries no vendor mark, so the signers check
// the bucket and key themselves).
//
// Input: one selector byte (vendor, method, scheme), then fields, each one length byte and its
// bytes: host, path, bucket, key, region, key id, secret, token, a time offset, then up to 8
// query parameters (key, value; a value of length 255 means "no value"), up to 8 headers, and
// the body (the rest).
//
// Properties: no crash, leak or undefined behaviour (ASan/UBSan); signing a copy and signing in
// place agree, in success and in failure, and the lvalue is left as it was; signing the signed
// request again gives it back unchanged; the V4 key cache changes nothing; a signed request
// keeps the input's target and body, and no header of it carries CR, LF or NUL; presign() and
// presign_to() write the same URL, which has only visible ASCII, and presign_to() refuses a
// buffer one byte short (and a request whose work text outgrows its stack buffer, with an
// error that does not ask for a larger buffer); a moved-from request is empty and usable; the
// secret appears neither in the signed request nor in its log text (to_string) unless the input
// itself holds it.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "objproc/cos/signer.hpp"
#include "objproc/crypto/portable.hpp"
#include "objproc/http/request.hpp"
#include "objproc/oss/signer.hpp"

namespace {

namespace http = objproc::http;
namespace oss = objproc::oss;
namespace ci = objproc::cos;
using std::chrono::seconds;
using std::chrono::sys_seconds;

// Reads length-prefixed fields off the input.
struct reader {
  std::string_view rest;

  std::optional<std::string_view> field() {
    if (rest.empty()) return std::nullopt;
    const std::size_t n = static_cast<unsigned char>(rest[0]);
    rest.remove_prefix(1);
    if (n == 255) return std::nullopt;  // "absent"
    const std::size_t take = n < rest.size() ? n : rest.size();
    const std::string_view f = rest.substr(0, take);
    rest.remove_prefix(take);
    return f;
  }
  std::string_view text() { return field().value_or(std::string_view{}); }
};

// A property does not hold: say which (line) and stop.
[[noreturn]] void fail(int line = __builtin_LINE()) {
  std::fprintf(stderr, "signing.cpp:%d: property violated\n", line);
  std::abort();
}

bool has_line_break_or_nul(std::string_view s) {
  return s.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos;
}

bool visible_ascii(std::string_view s) {
  for (const char c : s)
    if (c <= ' ' || c > '~') return false;
  return true;
}

// Everything a signed request would put on the wire.
std::string wire_text(const http::request& r) {
  std::string out = r.url();
  for (const auto h : r.headers()) {
    out.append(h.name);
    out += ':';
    out.append(h.value);
    out += '\n';
  }
  if (const auto* body = std::get_if<std::string>(&r.body())) out += *body;
  return out;
}

void check_signed(const http::request& input, const http::request& out) {
  // The body is an owned string here (set_body(std::string)).
  if (out.method() != input.method() || out.url() != input.url() ||
      std::get<std::string>(out.body()) != std::get<std::string>(input.body()) ||
      out.resource() != input.resource())
    fail();
  for (const auto h : out.headers())
    if (has_line_break_or_nul(h.name) || has_line_break_or_nul(h.value)) fail();
}

// Everything a signer writes for `request` with `creds`: signed request (wire and log text),
// presigned URL.
template <class Signer, class Credentials>
std::string rendered(const Signer& signer, const http::request& request, const Credentials& creds,
                     sys_seconds now, seconds expires) {
  const objproc::crypto::portable crypto;
  std::string out;
  if (const auto r = signer.sign(request, creds, now, crypto)) out = wire_text(*r) + r->to_string();
  if (const auto url = signer.presign(request, creds, now, expires, crypto)) out += *url;
  return out;
}

// The secret shows nowhere. Found in the output, it might still be text the signer writes
// anyway (a date, "aliyun_v4_request", the key id's copy...): it is a leak when, signed with
// another secret of the same length, the output shows that one too.
template <class Signer, class Credentials>
void check_secret(const Signer& signer, const http::request& request, Credentials creds,
                  std::string& secret, sys_seconds now, seconds expires,
                  std::string_view input_text) {
  // The secret is a field of the input: elsewhere in it too, it cannot be told apart.
  const std::size_t at = input_text.find(secret);
  if (secret.size() < 6 || input_text.find(secret, at + 1) != std::string_view::npos) return;
  if (rendered(signer, request, creds, now, expires).find(secret) == std::string::npos) return;
  const std::string other(secret.size(), secret[0] == 'Q' ? 'W' : 'Q');
  if (input_text.find(other) != std::string_view::npos) return;
  const std::string original = secret;
  secret = other;  // creds views it (same length: the view stays valid)
  const bool leaked = rendered(signer, request, creds, now, expires).find(other) != std::string::npos;
  secret = original;
  if (leaked) fail();
}

template <class Signer, class Credentials>
void exercise(const Signer& signer, const http::request& request, const Credentials& creds,
              sys_seconds now, seconds expires) {
  const objproc::crypto::portable crypto;
  const http::request before = request;

  // A copy, then in place: the same outcome.
  const auto copied = signer.sign(request, creds, now, crypto);
  if (!(request == before) || request.url() != before.url()) fail();  // the lvalue is untouched
  http::request moved = request;
  const auto in_place = signer.sign(std::move(moved), creds, now, crypto);
  if (copied.has_value() != in_place.has_value()) fail();
  if (!copied) {
    if (copied.error().code == objproc::errc::none) fail();
    if (copied.error().code != in_place.error().code) fail();
  } else {
    if (!(*copied == *in_place)) fail();
    check_signed(request, *copied);
    // A moved-from request is empty and can be filled again.
    if (!moved.host().empty() || !moved.headers().empty() || !moved.query().empty()) fail();
    if (!moved.set_host("example.com")) fail();
    // Signed again (in place), at the same time: the same request.
    const auto again = signer.sign(http::request(*copied), creds, now, crypto);
    if (!again || !(*again == *copied)) fail();
  }

  // presign and presign_to: one URL.
  const auto url = signer.presign(request, creds, now, expires, crypto);
  std::vector<char> buffer(url ? url->size() : 4096);
  const auto written =
      signer.presign_to(std::span<char>(buffer), request, creds, now, expires, crypto);
  if (!written && written.error().code == objproc::errc::value_out_of_range &&
      written.error().detail.find("presign_scratch_size") != std::string_view::npos) {
    // presign_to's work text lives in a fixed stack buffer: a request that needs more is
    // refused so (never as buffer_too_small: a larger `out` would not help), and the model's
    // presign_into with a larger scratch writes what presign writes.
    std::vector<char> big_out(1U << 20), big_scratch(1U << 20);
    const auto into = signer.presign_into(std::span<char>(big_out), std::span<char>(big_scratch),
                                          request, creds, now, expires, crypto);
    if (into.has_value() != url.has_value()) fail();
    if (url && std::string_view(big_out.data(), *into) != *url) fail();
    if (!url && url.error().code != into.error().code) fail();
    return;
  }
  if (url.has_value() != written.has_value()) fail();
  if (!url) {
    if (url.error().code != written.error().code) fail();
    return;
  }
  if (*written != url->size() || std::string_view(buffer.data(), *written) != *url) fail();
  if (!visible_ascii(*url)) fail();
  if (!url->empty()) {
    std::vector<char> short_buffer(url->size() - 1);  // exactly sized: ASan sees any overrun
    const auto refused =
        signer.presign_to(std::span<char>(short_buffer), request, creds, now, expires, crypto);
    if (refused || refused.error().code != objproc::errc::buffer_too_small) fail();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const unsigned selector = data[0];
  reader in{std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1)};
  const std::string input_text(reinterpret_cast<const char*>(data), size);

  constexpr http::method methods[] = {http::method::get, http::method::head, http::method::put,
                                      http::method::post, http::method::delete_};
  const http::method method = methods[(selector >> 2) % 5];
  const bool cos = (selector & 1U) != 0;

  auto made =
      http::request::make(method, http::location{.scheme = (selector & 2U) != 0 ? "http" : "https",
                                                 .host = std::string(in.text()),
                                                 .path = std::string(in.field().value_or("/"))});
  if (!made) {
    if (made.error().code == objproc::errc::none) fail();
    return 0;
  }
  http::request request = *std::move(made);
  const std::string bucket(in.text()), key(in.text()), region(in.text());
  const std::string key_id(in.text());
  std::string secret(in.text());
  const std::string token(in.text());
  const std::string_view offset = in.text();
  std::int64_t shift = 0;
  for (const char c : offset.substr(0, 4)) shift = shift * 256 + static_cast<unsigned char>(c);
  // 2026-11-20 plus up to about 136 years, or the epoch (a year the V4 key refuses).
  const sys_seconds now{seconds{offset.size() == 1 ? 0 : 1795248000 + shift}};
  const seconds expires{offset.empty() ? 3600 : static_cast<std::int64_t>(shift % 700000) - 10};

  const std::size_t queries = in.rest.empty() ? 0 : static_cast<unsigned char>(in.rest[0]) % 9;
  if (!in.rest.empty()) in.rest.remove_prefix(1);
  for (std::size_t i = 0; i < queries; ++i) {
    const std::string_view k = in.text();
    const auto v = in.field();
    (void)request.add_query(k, v);  // refused fields are left out: the mutators' checks
  }
  const std::size_t headers = in.rest.empty() ? 0 : static_cast<unsigned char>(in.rest[0]) % 9;
  if (!in.rest.empty()) in.rest.remove_prefix(1);
  for (std::size_t i = 0; i < headers; ++i) {
    const std::string_view name = in.text();
    const std::string_view value = in.text();
    (void)request.add_header(name, value);
  }
  request.set_body(std::string(in.rest));

  request.set_resource(http::resource{
      .service = cos ? "cos" : oss::service_name, .bucket = bucket, .key = key, .region = region});
  if (cos) {
    const ci::credentials creds{.secret_id = key_id, .secret_key = secret, .session_token = token};
    exercise(ci::signer{}, request, creds, now, expires);
    check_secret(ci::signer{}, request, creds, secret, now, expires, input_text);
  } else {
    const oss::credentials creds{
        .access_key_id = key_id, .access_key_secret = secret, .security_token = token};
    exercise(oss::v4_signer{}, request, creds, now, expires);
    exercise(oss::v1_signer{}, request, creds, now, expires);
    // The key cache: the same requests as without it, on a miss and on a hit.
    oss::v4_key_cache cache;
    const objproc::crypto::portable crypto;
    const auto plain = oss::v4_signer{}.sign(request, creds, now, crypto);
    for (int round = 0; round < 2; ++round) {
      const auto cached = oss::v4_signer{.cache = &cache}.sign(request, creds, now, crypto);
      if (plain.has_value() != cached.has_value()) fail();
      if (plain && !(*plain == *cached)) fail();
      if (!plain && plain.error().code != cached.error().code) fail();
    }
    check_secret(oss::v4_signer{}, request, creds, secret, now, expires, input_text);
    check_secret(oss::v1_signer{}, request, creds, secret, now, expires, input_text);
  }
  return 0;
}
