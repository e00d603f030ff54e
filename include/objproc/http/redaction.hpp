// SPDX-License-Identifier: MIT
// objproc/http/redaction.hpp - what the display forms of a request (to_string, to_curl) hide.
//
// The library knows no vendor here. Each vendor declares, once and constexpr, what is secret in
// the requests it builds (a redaction_rules value beside its credentials), and a request carries
// a pointer to that declaration (request::set_redaction). The display forms then hide:
//   - the value of every header named in secret_headers (case-insensitive);
//   - the value of every query parameter named in secret_query_keys (case-insensitive);
//   - in Authorization, the signature: the first of `signatures` whose scheme prefix matches and
//     whose marker occurs has every value after that marker hidden, up to its end character,
//     so the scheme, the access key id and the scope stay readable. A value no marker matches
//     keeps only its first word.
// A request without a declaration (built by hand) is shown by a conservative rule, so that no
// secret shows even when nobody said what is secret:
//   - Authorization keeps only its first word (the scheme);
//   - any other header, and any query parameter, whose name contains "signature", "token",
//     "secret", "credential", "password" or "authorization", or is "sig" or "sign", is hidden.
// The rule may hide more than a vendor's declaration would (a credential scope, a signature
// version); it never shows less. Nothing here changes what is sent: url() and the wire form are
// never redacted.
#ifndef OBJPROC_HTTP_REDACTION_HPP
#define OBJPROC_HTTP_REDACTION_HPP

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include "objproc/config.hpp"
#include "objproc/core/algorithm.hpp"
#include "objproc/http/fields.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace http {

/// Where a signature sits in an Authorization value: after `marker`, up to `ends_at` ('\0':
/// the end of the value), in values starting with `scheme` (case-insensitive; empty: any).
struct signature_marker {
  std::string_view scheme = {};
  std::string_view marker = {};
  char ends_at = '\0';
};

/// A vendor's declaration of what its requests hold that logs must not show.
struct redaction_rules {
  std::span<const std::string_view> secret_headers = {};
  std::span<const std::string_view> secret_query_keys = {};
  std::span<const signature_marker> signatures = {};  // tried in order
};

namespace detail {

inline constexpr std::string_view redacted = "<redacted>";

/// Whether `text` contains `part` (`part` lowercase), ASCII case-insensitively.
[[nodiscard]] constexpr bool icontains(std::string_view text, std::string_view part) noexcept {
  if (part.size() > text.size()) return false;
  for (std::size_t at = 0; at + part.size() <= text.size(); ++at)
    if (iequals(text.substr(at, part.size()), part)) return true;
  return false;
}

/// The rule for a request without a declaration: names that suggest a secret.
[[nodiscard]] constexpr bool name_suggests_secret(std::string_view name) noexcept {
  if (iequals(name, "sig") || iequals(name, "sign")) return true;
  for (const std::string_view part :
       {std::string_view("signature"), std::string_view("token"), std::string_view("secret"),
        std::string_view("credential"), std::string_view("password"),
        std::string_view("authorization")})
    if (icontains(name, part)) return true;
  return false;
}

[[nodiscard]] constexpr bool listed(std::span<const std::string_view> names,
                                    std::string_view name) noexcept {
  for (const std::string_view n : names)
    if (iequals(n, name)) return true;
  return false;
}

/// Whether a query parameter's value is hidden under `rules` (nullptr: no declaration).
[[nodiscard]] constexpr bool is_secret_query_key(std::string_view key,
                                                 const redaction_rules* rules) noexcept {
  return rules != nullptr ? listed(rules->secret_query_keys, key) : name_suggests_secret(key);
}

/// Whether a header's whole value is hidden under `rules` (Authorization aside).
[[nodiscard]] constexpr bool is_secret_header(std::string_view name,
                                              const redaction_rules* rules) noexcept {
  return rules != nullptr ? listed(rules->secret_headers, name) : name_suggests_secret(name);
}

/// The first word of an Authorization value and "<redacted>" (or "<redacted>" alone).
[[nodiscard]] inline std::string scheme_only(std::string_view v) {
  const std::size_t space = v.find(' ');
  if (space == std::string_view::npos) return std::string(redacted);
  std::string out(v.substr(0, space + 1));
  out += redacted;
  return out;
}

/// An Authorization value as logs may show it under `rules` (see the top of this file).
[[nodiscard]] inline std::string redact_authorization(std::string_view v,
                                                      const redaction_rules* rules) {
  if (rules == nullptr) return scheme_only(v);
  for (const signature_marker& m : rules->signatures) {
    if (m.marker.empty() || !istarts_with(v, m.scheme)) continue;
    std::size_t at = v.find(m.marker);
    if (at == std::string_view::npos) continue;
    std::string out;
    std::size_t rest = 0;
    while (at != std::string_view::npos) {
      const std::size_t value = at + m.marker.size();
      const std::size_t stop = m.ends_at == '\0'
                                   ? v.size()
                                   : objproc::detail::min_of(v.find(m.ends_at, value), v.size());
      out.append(v.substr(rest, value - rest));
      out.append(redacted);
      rest = stop;
      at = stop < v.size() ? v.find(m.marker, stop) : std::string_view::npos;
    }
    out.append(v.substr(rest));
    return out;
  }
  return scheme_only(v);
}

/// A header value as logs may show it under `rules`.
[[nodiscard]] inline std::string redacted_header_value(std::string_view name,
                                                       std::string_view value,
                                                       const redaction_rules* rules) {
  if (iequals(name, "authorization")) return redact_authorization(value, rules);
  if (is_secret_header(name, rules)) return std::string(redacted);
  return std::string(value);
}

}  // namespace detail

}  // namespace http

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_HTTP_REDACTION_HPP
